"""Extraction: a French briefing and the gazetteer in, its facts out.

The body is scanned once per dimension (numbers, dates, actors/places/sources,
confidence; see `document`), then read sentence by sentence into casualty and
deployment facts (`counts`) and dated events (`events`); a fact stated twice is merged
(`facts`), and the front matter's annotations are applied last (`annotations`).
"""

from __future__ import annotations

import datetime as dt
from collections import Counter

from sitrep.extract.annotations import apply_annotations
from sitrep.extract.counts import CountReader, find_cues
from sitrep.extract.document import Discourse, Document, scan_document
from sitrep.extract.entities import entity_matcher, refers_to_last_source
from sitrep.extract.events import EventReader, find_triggers, opens_on_same_occasion
from sitrep.extract.facts import Draft, merge_drafts, to_facts
from sitrep.extract.tables import find_tables, read_tables, row_dates
from sitrep.gazetteer import Gazetteer
from sitrep.model import Briefing, Fact, Report


def _main_actor(doc: Document) -> str | None:
    """The side whose people the briefing names most (a fallback for figures with none)."""
    counts = Counter(a.id for a in doc.entities.actors
                     if a.demonym and (not a.adjective or a.attached))
    return max(counts, key=counts.get) if counts else None


_SIDES: list = [None, {}, {}]        # the last gazetteer asked about, and its two tables


def _sides(gazetteer: Gazetteer) -> tuple[dict[str, str], dict[str, str]]:
    """Each actor's adversary and each source's state, read once for the gazetteer a
    build extracts every briefing with."""
    if _SIDES[0] is not gazetteer:
        _SIDES[:] = [gazetteer,
                     {e.id: e.get("adversary") for e in gazetteer.actors.values()
                      if e.get("adversary")},
                     {e.id: e.get("actor") for e in gazetteer.sources.values() if e.get("actor")}]
    return _SIDES[1], _SIDES[2]


def read_drafts(body: str, today: dt.date, gazetteer: Gazetteer,
                header_source: str | None = None) -> list[Draft]:
    """Every fact the rules find in a body, merged, before annotations."""
    doc = scan_document(body, today, entity_matcher(gazetteer), header_source)
    # A table's cell is dated by its row's date cell (« | 26/04/2025 | Moscou reconnaît … | »).
    tables = find_tables(doc.low)
    for index, date in row_dates(doc, tables).items():
        doc.views[index].extra["row_date"] = date
    # Cues are read only beside figures, triggers only in sentences with a date.
    doc.scan_runs("cues", [v for v in doc.views if v.figures], find_cues)
    doc.scan_runs("triggers", [v for v in doc.views if v.dates or "row_date" in v.extra
                               or opens_on_same_occasion(doc.low, v.start)], find_triggers)
    discourse = Discourse()
    adversaries, source_actors = _sides(gazetteer)
    main_actor = _main_actor(doc)
    counts = CountReader(doc, discourse, main_actor, adversaries, source_actors)
    events = EventReader(doc, discourse, source_actors, main_actor)
    drafts: list[Draft] = []
    last_source = None
    for view in doc.views:
        if last_source and not view.sources and refers_to_last_source(doc.low, view.start, view.end):
            view.extra["continued_source"] = last_source
        found, counted_clauses = counts.read(view)
        drafts.extend(found)
        drafts.extend(events.read(view, counted_clauses))
        if view.sources:
            last_source = view.sources[-1].id
    drafts.extend(read_tables(doc, tables, entity_matcher(gazetteer), counts.default_actor))
    return merge_drafts(drafts)


def extract_facts(briefing: Briefing, gazetteer: Gazetteer) -> list[Fact]:
    """The facts of a French briefing, annotations applied, ids stable."""
    drafts = read_drafts(briefing.body, briefing.date, gazetteer, briefing.source)
    drafts = apply_annotations(briefing, drafts, gazetteer)
    return to_facts(drafts, briefing.body)


def extract(briefing: Briefing, gazetteer: Gazetteer) -> Report:
    return Report(briefing, extract_facts(briefing, gazetteer))


def prepare() -> None:
    """Build every rule set's fast paths now rather than after its first uses (for a
    benchmark, which should time the steady state)."""
    from sitrep.extract import confidence, counts, dates, events, numbers
    for rules in (confidence.CONFIDENCE_RULES, counts.CUE_RULES, dates.DATE_RULES,
                  events.EVENT_RULES, numbers.QUANTITY_RULES):
        rules.prepare()


__all__ = ["extract", "extract_facts", "prepare", "read_drafts"]
