"""A table of facts a person can read, with the words each fact came from."""

from __future__ import annotations

from sitrep.model import Fact, Report


def _quantity(fact: Fact) -> str:
    q = fact.quantity
    if q is None:
        return ""
    if q.qualifier == "range":
        return f"{q.low}-{q.high}"
    return f"{q.qualifier} {q.value}"


def _when(fact: Fact) -> str:
    if fact.when is None:
        return ""
    w = fact.when
    span = w.start.isoformat() if w.start == w.end else f"{w.start}..{w.end}"
    return f"{span} ({w.precision})"


def format_table(reports: list[Report]) -> str:
    lines = []
    for report in reports:
        b = report.briefing
        lines.append(f"{b.path} ({b.date}, {len(report.facts)} facts)")
        for fact in report.facts:
            cells = [fact.kind, fact.category, fact.actor or "-", _quantity(fact) or "-",
                     _when(fact) or "-", fact.location or "-", fact.source or "-",
                     fact.confidence or "-"]
            lines.append("  " + " | ".join(cells))
            for span in fact.evidence:
                lines.append(f"      « {span.text} »  [line {b.line_of(span.start)}, {fact.rule}]")
        lines.append("")
    return "\n".join(lines)
