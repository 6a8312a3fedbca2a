"""A briefing body scanned once per dimension, its findings grouped by sentence.

Rules that build facts look at one sentence at a time; this is where every dimension's
findings (dates, figures, actors, places, sources, estimative terms) are found once for
the whole body and handed out sentence by sentence, with what the sentences share: the
briefing-wide fallbacks (the region most named, the header's source), the discourse so
far, and how a fact's evidence is cut from its clauses.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from sitrep.extract.confidence import Term, find_terms
from sitrep.extract.dates import DateMention, find_dates
from sitrep.extract.entities import Entities, EntityMatcher, Mention, find_entities
from sitrep.extract.numbers import Figure, find_quantities
from sitrep.extract.text import Sentence, SentenceIndex, lower_copy, scan_copy, split_sentences

# « KIEV, 4 sept. 2024 — »: the place and day a dispatch was filed, not facts.
# « KIEV, 14 mars — », « PYONGYANG – »: a city in capitals, maybe a date, then a dash.
_DATELINE = re.compile(r"^[ #>]*[A-ZÀ-Þ][A-ZÀ-Þ' .-]{1,40}(?:,[^\n,—]{1,30}?)?(?:—|\s-{1,2}\s)",
                       re.MULTILINE)
_WORD = re.compile(r"[^\W\d_]{2,}")


@dataclass
class SentenceView:
    """What one sentence holds, each list in reading order."""
    index: int
    sentence: Sentence
    dates: list[DateMention] = field(default_factory=list)
    figures: list[Figure] = field(default_factory=list)
    actors: list[Mention] = field(default_factory=list)
    places: list[Mention] = field(default_factory=list)
    sources: list[Mention] = field(default_factory=list)
    terms: list[Term] = field(default_factory=list)
    extra: dict[str, list[Any]] = field(default_factory=dict)

    @property
    def start(self) -> int:
        return self.sentence.start

    @property
    def end(self) -> int:
        return self.sentence.end


@dataclass
class Document:
    """The scanned body of one briefing."""
    body: str
    scan: str                            # the body with look-alikes folded (text.scan_copy)
    low: str                             # the same in lower case, what most rules read
    today: dt.date
    header_source: str | None
    views: list[SentenceView]
    entities: Entities
    dominant_region: str | None          # the region the body names most

    def scan_runs(self, name: str, views: list[SentenceView], find) -> None:
        """view.extra[name] for every view: what `find(low, start, end)` gives in the listed
        views, nothing in the others. Consecutive listed sentences are scanned as one run,
        which reads the text once rather than once per sentence."""
        for view in self.views:
            view.extra[name] = []
        run: list[SentenceView] = []
        for view in views:
            if run and view.index != run[-1].index + 1:
                self._scan_run(name, run, find)
                run = []
            run.append(view)
        if run:
            self._scan_run(name, run, find)

    def _scan_run(self, name: str, run: list[SentenceView], find) -> None:
        index = SentenceIndex([v.sentence for v in run])
        for item in find(self.low, run[0].start, run[-1].end):
            position = index.at(item.start)
            if position is not None:
                run[position].extra[name].append(item)

    def date_only_clause(self, view: SentenceView, clause_index: int) -> DateMention | None:
        """The date that is all a clause says (« Le 12 mars, … »), if it is one."""
        start, end = view.sentence.clauses[clause_index]
        for date in view.dates:
            if start <= date.start and date.end <= end:
                rest = self.scan[start:date.start] + " " + self.scan[date.end:end]
                if len(_WORD.findall(rest)) <= 1:
                    return date
        return None


def _datelines(scan: str) -> list[tuple[int, int]]:
    return [m.span() for m in _DATELINE.finditer(scan)]


def _outside(items: list, spans: list[tuple[int, int]]) -> list:
    if not spans:
        return items
    return [i for i in items if not any(s <= i.start < e for s, e in spans)]


def _bucket(views: list[SentenceView], index: SentenceIndex, items: list, name: str) -> None:
    for item in items:
        position = index.at(item.start)
        if position is not None:
            getattr(views[position], name).append(item)


def _dominant_region(places: list[Mention]) -> str | None:
    """The region the body names most, if it names it more than once: a single passing
    mention (« s'était rendu à Vladivostok ») is no setting for the whole briefing."""
    counts = Counter(m.id for m in places if m.specific)
    if not counts:
        return None
    region = max(counts, key=counts.get)
    return region if counts[region] >= 2 else None


def scan_document(body: str, today: dt.date, matcher: EntityMatcher,
                  header_source: str | None = None) -> Document:
    scan = scan_copy(body)
    low = lower_copy(scan)
    sentences = split_sentences(scan)
    index = SentenceIndex(sentences)
    views = [SentenceView(i, s) for i, s in enumerate(sentences)]
    datelines = _datelines(scan)
    dates = find_dates(low, today, scan, datelines)
    figures = find_quantities(low, [(d.start, d.end) for d in dates])
    entities = find_entities(low, scan, matcher)
    _bucket(views, index, _outside(dates, datelines), "dates")
    _bucket(views, index, figures, "figures")
    _bucket(views, index, _outside(entities.actors, datelines), "actors")
    _bucket(views, index, entities.places, "places")
    _bucket(views, index, entities.sources, "sources")
    _bucket(views, index, find_terms(low), "terms")
    return Document(body, scan, low, today, header_source, views, entities,
                    _dominant_region(entities.places))


@dataclass
class Discourse:
    """What the briefing has been about so far, for sentences that do not say."""
    actor: str | None = None
    location: str | None = None
    place: str | None = None


def pick_place(places, anchor: int, start: int, end: int):
    """The place named nearest the anchor, a region or town before a whole country."""
    inside = [p for p in places if start <= p.start < end]
    if not inside:
        return None
    return min(inside, key=lambda p: (not p.specific, abs(p.start - anchor)))


def evidence_span(view: SentenceView, positions: list[int]) -> tuple[int, int]:
    """The clauses that hold the given positions, as one span."""
    clauses = [view.sentence.clause_at(p) for p in positions]
    return min(c[0] for c in clauses), max(c[1] for c in clauses)
