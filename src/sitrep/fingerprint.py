"""A page's fingerprint: a digest of everything its template can read from its context.

Two builds that give a page the same fingerprint (with the same templates, catalogs
and code) draw it byte for byte the same, so an incremental build renders only the
pages whose fingerprint changed. Digests are taken of what the reader sees: a briefing
in a list counts by its title, date, tags and status, not by its body.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path
from typing import Any

from sitrep.cache import code_digest, digest, folder_digest
from sitrep.gazetteer import Entry
from sitrep.listing import Listing
from sitrep.model import Briefing, Fact
from sitrep.pair import Sitrep
from sitrep.render import Page


def briefing_digest(b: Briefing) -> str:
    return digest("briefing", b.id, b.language, b.date.isoformat(), b.title, b.body,
                  repr(b.tags), b.source or "", b.translation_of or "", repr(b.meta))


def fact_digest(f: Fact) -> str:
    """Everything pages show of a fact; evidence offsets are left out (pages show the
    quoted words, and only the briefing's own body, fingerprinted apart, uses offsets)."""
    return digest("fact", f.id, f.kind, f.category, f.actor or "", f.location or "",
                  repr(f.quantity), repr(f.when), f.source or "", f.confidence or "",
                  repr([span.text for span in f.evidence]), f.rule, f.place or "")


def listing_digest(s: Sitrep) -> str:
    """What a list of briefings shows of one (listing.Listing). Its translation status
    is left out: the page that shows it is given it apart, so that an edit to a French
    text, which makes its translation stale, redraws only that one."""
    return Listing.of(s).digest


def outside_signature(s: Sitrep, fingerprinter: Fingerprinter) -> str:
    """All that pages other than a briefing's own show of it, its translation status
    aside (shown by the translations page alone): how lists show it, and its facts.
    Equal signatures and statuses before and after an edit mean only the briefing's own
    pages (and files built from its body) can have changed."""
    return digest("outside", fingerprinter.of(s), *(fingerprinter.of(fact) for fact in s.facts))


def shared_fingerprint(root: Path, config: Any, gazetteer_digest: str) -> str:
    """What every page depends on: sitrep's code, the templates, the settings, the gazetteer."""
    return digest(code_digest(), folder_digest(root / "templates"), repr(config), gazetteer_digest)


def files_digest(s: Sitrep) -> str:
    """A digest of a briefing's files as read: its facts and translation status follow
    from them, the gazetteer and the code."""
    return digest("files", repr(s.fr), repr(s.en))


def briefing_inputs(s: Sitrep, newer: Sitrep | None, older: Sitrep | None,
                    fingerprinter: Fingerprinter) -> str:
    """All a briefing's own pages are drawn from, besides the shared inputs: its files as
    read, and the briefings before and after it, which they link to by id alone (so an
    edit to a neighbour's facts or title leaves them as they were)."""
    return digest("briefing pages", fingerprinter.files_of(s),
                  *(n.id if n is not None else "" for n in (newer, older)))


def page_fingerprint(shared: str, page: Page, fingerprinter: Fingerprinter,
                     known: dict[str, tuple[str, str]] | None = None) -> str:
    """Taken from the page's inputs when it names them, else from its context. `known`
    (path -> (inputs_digest, fingerprint)) is the last build's, for pages whose inputs
    are coarse: if those did not change, neither did the page, and its context is not made."""
    if page.inputs is not None:
        drawn_from = inputs_digest(shared, page)
        if not page.inputs_are_coarse:
            return drawn_from
        last = known.get(page.path) if known else None
        if last is not None and last[0] == drawn_from:
            return last[1]
    return digest(shared, page.template, page.lang or "", repr(sorted(page.alternates.items())),
                  fingerprinter.of(page.full_context()))


def inputs_digest(shared: str, page: Page) -> str:
    return digest(shared, page.template, page.lang or "", repr(sorted(page.alternates.items())),
                  "inputs", page.inputs or "")


class Fingerprinter:
    """Digests of contexts, memoised per object for the length of one build."""

    def __init__(self) -> None:
        self.memo: dict[int, tuple[Any, str]] = {}
        self.files: dict[str, str] = {}         # briefing id -> files_digest

    def files_of(self, s: Sitrep) -> str:
        """files_digest(s), taken once per briefing (its pages and its shares of the
        downloads ask for it)."""
        found = self.files.get(s.id)
        if found is None:
            found = self.files[s.id] = files_digest(s)
        return found

    def of(self, value: Any) -> str:
        key = id(value)
        hit = self.memo.get(key)
        if hit is not None and hit[0] is value:
            return hit[1]
        result = self._compute(value)
        if not isinstance(value, (str, int, float, bool, type(None))):
            self.memo[key] = (value, result)   # keep value alive so its id stays unique
        return result

    def _compute(self, value: Any) -> str:
        if value is None or isinstance(value, (str, int, float, bool, dt.date)):
            return repr(value)
        if isinstance(value, Sitrep):
            return listing_digest(value)
        if isinstance(value, Briefing):
            return briefing_digest(value)
        if isinstance(value, Fact):
            return fact_digest(value)
        if isinstance(value, Entry):
            return digest("entry", value.kind, value.id, repr(value.names), repr(value.words))
        if isinstance(value, dict):
            items = sorted(value.items(), key=lambda item: repr(item[0]))
            return digest("dict", *(f"{k!r}={self.of(v)}" for k, v in items))
        if isinstance(value, (list, tuple)):
            return digest("seq", *(self.of(item) for item in value))
        fingerprint = getattr(value, "fingerprint", None)
        if callable(fingerprint):
            return fingerprint(self)
        if dataclasses.is_dataclass(value):
            return digest(type(value).__name__,
                          *(self.of(getattr(value, f.name)) for f in dataclasses.fields(value)))
        raise TypeError(f"no fingerprint for {type(value).__name__}: add a rule in fingerprint.py")
