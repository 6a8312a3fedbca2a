"""Warnings about facts that contradict each other across briefings."""

from __future__ import annotations

from sitrep.errors import SitrepError
from sitrep.pair import Sitrep


def consistency_warnings(sitreps: list[Sitrep]) -> list[SitrepError]:
    """A cumulative casualty figure for the same actor, category and source that goes down."""
    warnings = []
    last: dict[tuple, tuple] = {}
    for sitrep in sorted(sitreps, key=lambda s: (s.date, s.id)):
        for fact in sitrep.facts:
            if fact.kind != "casualties" or fact.quantity is None or fact.source is None:
                continue
            figure = fact.quantity.value if fact.quantity.value is not None else fact.quantity.low
            if figure is None:
                continue
            key = (fact.actor, fact.category, fact.source)
            if key in last and figure < last[key][0]:
                previous, where = last[key]
                line = sitrep.fr.line_of(fact.evidence[0].start)
                warnings.append(SitrepError(
                    f"{fact.category} for {fact.actor} from {fact.source} goes down from "
                    f"{previous} ({where}) to {figure}", sitrep.fr.path, line))
            last[key] = (figure, sitrep.id)
    return warnings
