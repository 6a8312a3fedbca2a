"""Facts as CSV, one file per language, for people who work in spreadsheets."""

from __future__ import annotations

import csv
import io

from sitrep.views import FactView

COLUMNS = ("briefing", "briefing_date", "fact", "kind", "category", "actor", "value", "low",
           "high", "qualifier", "figure", "when_start", "when_end", "when_precision", "when",
           "location", "source", "confidence", "evidence", "rule")
HEADER = ",".join(COLUMNS) + "\n"       # no column name needs quoting


def facts_csv(views: list[FactView]) -> bytes:
    """Machine columns (ids, ISO dates, integers) plus the same fact in words."""
    return csv_document([csv_rows(views)])


def csv_document(chunks: list[str]) -> bytes:
    """The file from its rows, given in pieces (one per briefing, say), header first."""
    return (HEADER + "".join(chunks)).encode("utf-8")


def csv_rows(views: list[FactView]) -> str:
    """The rows of these facts, each ended by a newline."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    for view in views:
        fact = view.fact
        q, w = fact.quantity, fact.when
        writer.writerow([
            view.briefing_id, view.sitrep.date.isoformat(), fact.id, fact.kind, fact.category,
            fact.actor or "", q.value if q and q.value is not None else "",
            q.low if q and q.low is not None else "", q.high if q and q.high is not None else "",
            q.qualifier if q else "", view.quantity,
            w.start.isoformat() if w else "", w.end.isoformat() if w else "",
            w.precision if w else "", view.when, fact.location or "", fact.source or "",
            fact.confidence or "", " | ".join(view.quotes), fact.rule])
    return buffer.getvalue()
