"""Facts in the making: drafts from the rules, merged when stated twice, given stable ids.

A fact stated twice (a key-points bullet and the body) is one fact with two evidence
spans. A draft records which fields came from a fallback (the briefing date, the
header's source, the region named most) so that a merge keeps what a sentence said.
An id is made from kind, category, actor and quantity (and, for an event, its
interval), never from a position: editing unrelated text keeps it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from sitrep.model import Fact, Quantity, Span, When

MERGED_FIELDS = ("location", "place", "when", "source", "confidence")
_QUALIFIER_TAGS = {"exact": "", "approx": "about-", "more_than": "over-", "at_least": "min-",
                   "less_than": "under-", "at_most": "max-"}


@dataclass
class Draft:
    """A fact before ids and merging."""
    kind: str
    category: str
    actor: str | None
    quantity: Quantity | None = None
    when: When | None = None
    location: str | None = None
    place: str | None = None
    source: str | None = None
    confidence: str | None = None
    evidence: list[tuple[int, int]] = field(default_factory=list)
    rule: str = ""
    fallback: set[str] = field(default_factory=set)    # fields not stated in the sentence

    def key(self) -> tuple:
        if self.kind == "event":
            return (self.kind, self.category, self.actor,
                    self.when.start if self.when else None, self.when.end if self.when else None)
        return (self.kind, self.category, self.actor, self.quantity)

    def absorb(self, other: Draft) -> None:
        """Take the other's evidence, and what it stated where this one fell back."""
        self.evidence = union_spans(self.evidence + other.evidence)
        for name in MERGED_FIELDS:
            mine, theirs = getattr(self, name), getattr(other, name)
            if theirs is not None and (mine is None or
                                       (name in self.fallback and name not in other.fallback)):
                setattr(self, name, theirs)
                if name in other.fallback:
                    self.fallback.add(name)
                else:
                    self.fallback.discard(name)


def union_spans(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Spans sorted, those that overlap joined into one."""
    joined: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if joined and start < joined[-1][1]:
            joined[-1] = (joined[-1][0], max(end, joined[-1][1]))
        else:
            joined.append((start, end))
    return joined


def merge_drafts(drafts: list[Draft]) -> list[Draft]:
    """One draft per thing stated, in the order first stated."""
    merged: dict[tuple, Draft] = {}
    for draft in drafts:
        key = draft.key()
        if key in merged:
            merged[key].absorb(draft)
        else:
            merged[key] = draft
    return _fold_statements(_fold_exact_into_approximate(list(merged.values())))


def _fold_exact_into_approximate(drafts: list[Draft]) -> list[Draft]:
    """« 2 700 blessés » in a key point and « quelque 2 700 blessés » in the prose are one
    figure stated twice: the plain one joins the approximate one, which says how it is
    known."""
    approximate = {(d.kind, d.category, d.actor, d.quantity.value): d for d in drafts
                   if d.quantity is not None and d.quantity.qualifier == "approx"}
    kept = []
    for draft in drafts:
        twin = approximate.get((draft.kind, draft.category, draft.actor, draft.quantity.value)) \
            if draft.quantity is not None and draft.quantity.qualifier == "exact" else None
        if twin is not None:
            twin.absorb(draft)
            continue
        kept.append(draft)
    return kept


def _overlaps(a: When | None, b: When | None) -> bool:
    return bool(a and b) and a.start <= b.end and b.start <= a.end


def _fold_statements(drafts: list[Draft]) -> list[Draft]:
    """A statement by an actor at the time of another of its events is that event told."""
    kept = []
    for draft in drafts:
        if draft.kind == "event" and draft.category == "statement":
            other = next((d for d in drafts if d.kind == "event" and d.category != "statement"
                          and d.actor == draft.actor and _overlaps(d.when, draft.when)), None)
            if other is not None:
                other.evidence = union_spans(other.evidence + draft.evidence)
                continue
        kept.append(draft)
    return kept


def _quantity_tag(quantity: Quantity | None) -> str:
    if quantity is None:
        return ""
    if quantity.qualifier == "range":
        return f"-{quantity.low}-{quantity.high}"
    return f"-{_QUALIFIER_TAGS.get(quantity.qualifier, '')}{quantity.value}"


def _when_tag(when: When | None) -> str:
    if when is None:
        return ""
    if when.start == when.end:
        return f"-{when.start.isoformat()}"
    return f"-{when.start.isoformat()}-{when.end.isoformat()}"


def fact_id(draft: Draft) -> str:
    """« casualties-total-kp-over-6000 », « event-confirmation-ru-2025-04-01-2025-04-30 »."""
    base = f"{draft.kind}-{draft.category}-{(draft.actor or 'xx').lower()}"
    if draft.kind == "event":
        return base + _when_tag(draft.when)
    return base + _quantity_tag(draft.quantity)


def to_facts(drafts: list[Draft], body: str) -> list[Fact]:
    """Facts with ids unique in their briefing, evidence cut from the body."""
    facts, seen = [], {}
    for draft in drafts:
        base = fact_id(draft)
        seen[base] = seen.get(base, 0) + 1
        fact_id_ = base if seen[base] == 1 else f"{base}-{seen[base]}"
        evidence = [Span(s, e, body[s:e]) for s, e in draft.evidence if e > s]
        facts.append(Fact(fact_id_, draft.kind, draft.category, draft.actor, draft.location,
                          draft.quantity, draft.when, draft.source, draft.confidence, evidence,
                          draft.rule, draft.place))
    return facts


def as_of(day: dt.date) -> When:
    """The briefing date, for a figure that gives no date of its own."""
    return When(day, day, "day", None)
