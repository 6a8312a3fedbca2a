"""Extraction: French briefing + gazetteer -> facts. (Placeholder until the rules land.)"""

from __future__ import annotations

from sitrep.gazetteer import Gazetteer
from sitrep.model import Briefing, Fact, Report


def extract_facts(briefing: Briefing, gazetteer: Gazetteer) -> list[Fact]:
    return []


def extract(briefing: Briefing, gazetteer: Gazetteer) -> Report:
    return Report(briefing, extract_facts(briefing, gazetteer))
