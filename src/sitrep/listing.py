"""How lists of briefings show one: a small record, kept between builds, so that a list
can be drawn again without reading the briefings it lists (see factedit)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import NamedTuple

from sitrep.cache import digest as digest_of
from sitrep.pair import Sitrep


class Title(NamedTuple):
    language: str               # the language the title is in
    title: str


@dataclass(frozen=True)
class Listing:
    """A briefing as lists show it: its date, its titles, how many facts it gives, its
    tags and the source its header names. Its translation status is not here: the one
    page that shows it is given it apart (see fingerprint.listing_digest)."""
    id: str
    date: dt.date
    titles: tuple[Title, ...]   # the French title, then the English one if translated
    fact_count: int
    tags: tuple[str, ...]
    source: str | None
    # A digest of all the above, taken once (lists of thousands are fingerprinted).
    digest: str = field(default="", compare=False)

    def __post_init__(self) -> None:
        if not self.digest:
            english = self.titles[1].title if len(self.titles) > 1 else "\0none"
            object.__setattr__(self, "digest", digest_of(
                "listing", self.id, self.date.isoformat(), self.titles[0].title, english,
                repr(list(self.tags)), str(self.fact_count), self.source or ""))

    @classmethod
    def of(cls, sitrep: Sitrep) -> Listing:
        titles = (Title("fr", sitrep.fr.title),)
        if sitrep.en is not None:
            titles += (Title("en", sitrep.en.title),)
        return cls(sitrep.id, sitrep.date, titles, len(sitrep.facts), tuple(sitrep.fr.tags),
                   sitrep.fr.source)

    def shown(self, lang: str) -> Title:
        """The title to show in lang (the French one where no translation exists)."""
        return next((t for t in self.titles if t.language == lang), self.titles[0])

    def has_translation(self, lang: str) -> bool:
        return any(t.language == lang for t in self.titles)

    def fingerprint(self, _fingerprinter) -> str:
        return self.digest

    def to_row(self) -> tuple:
        """The record as plain values, for the manifest."""
        return (self.id, self.date.isoformat(), tuple(tuple(t) for t in self.titles),
                self.fact_count, self.tags, self.source, self.digest)

    @classmethod
    def from_row(cls, row: tuple) -> Listing:
        briefing_id, date, titles, fact_count, tags, source, digest = row
        return cls(briefing_id, dt.date.fromisoformat(date), tuple(Title(*t) for t in titles),
                   fact_count, tuple(tags), source, digest)
