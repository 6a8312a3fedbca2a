"""The home page's key figures: per actor and kind of loss, the latest estimate, the one
before it and the trend, chosen from records of every casualty figure (Estimate) so
that a build which loads some briefings only (factedit) chooses as the full build does."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from typing import TYPE_CHECKING

from sitrep import labels
from sitrep.model import Fact
from sitrep.pair import Sitrep
from sitrep.views import FactView

if TYPE_CHECKING:
    from sitrep.site import SiteData


def as_of(fact: Fact, sitrep: Sitrep):
    """The date a figure stands for: its own date, else the briefing's."""
    return fact.when.end if fact.when else sitrep.date


@dataclass
class KeyFigure:
    latest: FactView
    previous: FactView | None
    trend: str           # "up", "down", "same" or "" (no earlier estimate)


def _figure(fact: Fact) -> int | None:
    q = fact.quantity
    if q is None:
        return None
    return q.value if q.value is not None else (q.low if q.low is not None else q.high)


@dataclass(frozen=True)
class Estimate:
    """What choosing the key figures weighs of one casualty figure."""
    actor: str                   # "" when the figure names no actor
    category: str
    as_of: dt.date               # the date it stands for (see as_of)
    date: dt.date                # its briefing's date
    briefing: str
    fact: str                    # the fact's id
    figure: int

    def to_json(self) -> list:
        return [self.actor, self.category, self.as_of.isoformat(), self.date.isoformat(),
                self.briefing, self.fact, self.figure]

    @classmethod
    def from_json(cls, row: list) -> Estimate:
        actor, category, as_of_, date, briefing, fact, figure = row
        return cls(actor, category, dt.date.fromisoformat(as_of_), dt.date.fromisoformat(date),
                   briefing, fact, figure)


def estimates_of(sitrep: Sitrep) -> list[Estimate]:
    """A briefing's casualty facts that give a figure, in its order."""
    return [Estimate(fact.actor or "", fact.category, as_of(fact, sitrep), sitrep.date,
                     sitrep.id, fact.id, _figure(fact))
            for fact in sitrep.facts if fact.kind == "casualties" and _figure(fact) is not None]


def choose_key_series(estimates: list[Estimate]) -> list[tuple[Estimate, Estimate | None, str]]:
    """The latest estimate per actor and category, the one before it, and the trend
    between them: (latest, previous or None, trend)."""
    series: dict[tuple, list[Estimate]] = defaultdict(list)
    for estimate in estimates:
        series[(estimate.actor, estimate.category)].append(estimate)
    result = []
    for key in sorted(series, key=lambda k: (k[0] != "KP", k[0],
                                             labels.CATEGORY_ORDER.index(k[1]))):
        # Ties fall to the older briefing first, as they are listed (date, then id).
        ordered = sorted(series[key], key=lambda e: (e.as_of, e.date, e.fact, e.briefing))
        latest = ordered[-1]
        previous = next((e for e in reversed(ordered[:-1]) if e.as_of < latest.as_of), None)
        trend = ""
        if previous is not None:
            now, before = latest.figure, previous.figure
            trend = "up" if now > before else "down" if now < before else "same"
        result.append((latest, previous, trend))
    return result


def key_series(data: SiteData) -> list[tuple[tuple, tuple | None, str]]:
    """choose_key_series as (fact, sitrep) pairs."""
    if data.estimates is not None:
        estimates = data.estimates
    else:
        oldest_first = sorted(data.sitreps, key=lambda s: (s.date, s.id))
        estimates = [e for sitrep in oldest_first for e in estimates_of(sitrep)]
    by_id = {s.id: s for s in data.sitreps}

    def pair_of(estimate: Estimate) -> tuple[Fact, Sitrep]:
        sitrep = by_id[estimate.briefing]
        return next(f for f in sitrep.facts if f.id == estimate.fact), sitrep
    return [(pair_of(latest), pair_of(previous) if previous else None, trend)
            for latest, previous, trend in choose_key_series(estimates)]


def key_figures(data: SiteData, lang: str) -> list[KeyFigure]:
    """The key figures in lang (their choice is the same in every language: made once)."""
    if data._key_series is None:
        data._key_series = key_series(data)
    figures = []
    for latest, previous, trend in data._key_series:
        views = data.views(lang, [latest] + ([previous] if previous else []))
        figures.append(KeyFigure(views[0], views[1] if previous else None, trend))
    return figures
