"""Pair each French report with its English translation and say how current that is."""

from __future__ import annotations

from dataclasses import dataclass

from sitrep.content import body_hash
from sitrep.model import Briefing, Report

CURRENT, STALE, MISSING, UNVERIFIED = "current", "stale", "missing", "unverified"


@dataclass
class Sitrep:
    """A briefing in both languages: the French report, its translation and its status."""
    id: str
    report: Report
    en: Briefing | None
    translation_status: str

    @property
    def fr(self) -> Briefing:
        return self.report.briefing

    @property
    def date(self):
        return self.fr.date

    @property
    def facts(self):
        return self.report.facts

    def briefing(self, lang: str) -> Briefing:
        """The briefing to show in lang (the French one where no translation exists)."""
        return self.en if lang == "en" and self.en is not None else self.fr

    def has_translation(self, lang: str) -> bool:
        return lang == "fr" or self.en is not None


def translation_status(fr: Briefing, en: Briefing | None) -> str:
    if en is None:
        return MISSING
    if en.translation_of is None:
        return UNVERIFIED
    return CURRENT if en.translation_of == body_hash(fr.body) else STALE


def pair(reports: list[Report], translations: list[Briefing]) -> list[Sitrep]:
    """Sitreps sorted newest first (date, then id, so ties are stable)."""
    english = {b.id: b for b in translations if b.language == "en"}
    sitreps = [Sitrep(r.briefing.id, r, english.get(r.briefing.id),
                      translation_status(r.briefing, english.get(r.briefing.id)))
               for r in reports]
    return sorted(sitreps, key=lambda s: (s.date, s.id), reverse=True)
