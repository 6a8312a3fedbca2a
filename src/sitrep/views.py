"""What templates show of a fact or a briefing, in one language, already in words."""

from __future__ import annotations

from dataclasses import dataclass

from sitrep import labels
from sitrep.gazetteer import Gazetteer
from sitrep.localize import Localizer
from sitrep.markup import Anchor
from sitrep.model import Fact
from sitrep.pair import Sitrep


def anchor_id(fact: Fact, index: int) -> str:
    """The id of a fact's n-th evidence in the briefing page (stable, from the fact id)."""
    return f"fact-{fact.id}" if index == 0 else f"fact-{fact.id}-{index + 1}"


def evidence_anchors(facts: list[Fact]) -> list[Anchor]:
    return [Anchor(anchor_id(f, i), span.start, span.end, f.id)
            for f in facts for i, span in enumerate(f.evidence)]


@dataclass
class FactView:
    """A fact as a reader sees it, in one language."""
    fact: Fact
    sitrep: Sitrep
    kind: str
    category: str
    actor: str
    quantity: str
    when: str
    location: str
    source: str
    confidence: str
    confidence_range: str
    anchors: list[str]
    quotes: list[str]

    @property
    def id(self) -> str:
        return self.fact.id

    @property
    def briefing_id(self) -> str:
        return self.sitrep.id

    def fingerprint(self, fingerprinter) -> str:
        """Its words follow from the fact, its briefing's id and date (all pages show of
        the briefing), the language, the gazetteer and the catalogs; the last three are
        in every page's fingerprint already."""
        return fingerprinter.of((self.fact, self.sitrep.id, self.sitrep.date))


def fact_view(fact: Fact, sitrep: Sitrep, loc: Localizer, gazetteer: Gazetteer) -> FactView:
    _ = loc.gettext
    confidence, confidence_range = labels.CONFIDENCE.get(fact.confidence, ("", ""))
    source_id = fact.source
    return FactView(
        fact=fact, sitrep=sitrep,
        kind=_(labels.KINDS[fact.kind]),
        category=_(labels.CATEGORIES.get((fact.kind, fact.category), fact.category)),
        actor=gazetteer.name("actors", fact.actor, loc.lang),
        quantity=loc.quantity(fact.quantity),
        when=loc.when(fact.when),
        location=gazetteer.name("places", fact.place or fact.location, loc.lang),
        source=gazetteer.name("sources", source_id, loc.lang),
        confidence=_(confidence) if confidence else "",
        confidence_range=confidence_range,
        anchors=[anchor_id(fact, i) for i in range(len(fact.evidence))],
        quotes=[span.text for span in fact.evidence],
    )
