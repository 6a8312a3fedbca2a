"""The files for machines: feeds, sitemap, robots.txt and the facts downloads.

Each briefing's share of the facts files (its line of data/facts.json, its rows of
each CSV) is kept in the build cache, keyed by its files as read and the shared inputs
(code, templates and catalogs, settings, gazetteer): a build after an edit makes the
edited briefings' shares again and joins the rest as they were. At 5,000 briefings,
making every share takes about a second; joining them, a few milliseconds.
"""

from __future__ import annotations

from pathlib import Path
from typing import Callable

from sitrep.cache import BuildCache, digest
from sitrep.downloads import csv_document, csv_rows
from sitrep.facts_json import document_bytes, entry_text
from sitrep.feeds import feed_files, robots, sitemap
from sitrep.pair import Sitrep
from sitrep.render import Page
from sitrep.site import SiteData


def share_sources(root: Path, data: SiteData, shared: str) -> dict[str, str]:
    """Per briefing, a digest of all its shares are made from (its files as read, the
    shared inputs, where the project is): their cache keys follow from it."""
    where = str(root.resolve())
    return {s.id: digest(shared, where, data.fingerprinter.files_of(s)) for s in data.sitreps}


def share_key(kind: str, made_from: str) -> str:
    return digest("share", kind, made_from)


def make_share(kind: str, sitrep: Sitrep, data: SiteData, resolved: Path) -> str:
    """A briefing's line of data/facts.json (kind "facts.json") or its rows of a CSV file
    ("csv fr", "csv en")."""
    if kind == "facts.json":
        return entry_text(sitrep.report, resolved)
    lang = kind.removeprefix("csv ")
    return csv_rows(data.views(lang, [(fact, sitrep) for fact in sitrep.facts]))


def facts_downloads(languages, ids: list[str], share: Callable[[str, str], str]
                    ) -> dict[str, bytes]:
    """data/facts.json and each language's CSV, joined from the briefings' shares
    (share(kind, id)); ids newest first, as SiteData.sitreps."""
    oldest_first = ids[::-1]                            # as data.facts
    files = {"data/facts.json": document_bytes([share("facts.json", i) for i in sorted(ids)])}
    for lang in languages:
        files[f"data/facts.{lang}.csv"] = csv_document([share(f"csv {lang}", i)
                                                        for i in oldest_first])
    return files


def machine_files(root: Path, data: SiteData, pages: list[Page],
                  cache: BuildCache | None = None, shared: str = "",
                  made_from: dict[str, str] | None = None) -> dict[str, bytes]:
    """Every machine file as bytes; shares found in cache (if given) are reused.
    made_from: share_sources(), if taken already."""
    cache = cache if cache is not None else BuildCache(None)
    config = data.config
    resolved = root.resolve()               # once: each share's line names paths under it
    made_from = made_from if made_from is not None else share_sources(root, data, shared)
    by_id = {s.id: s for s in data.sitreps}

    def share(kind: str, briefing_id: str) -> str:
        key = share_key(kind, made_from[briefing_id])
        found = cache.get(key)
        if found is None:
            found = make_share(kind, by_id[briefing_id], data, resolved)
            cache.put(key, found)
        return found

    files = {"sitemap.xml": sitemap(config, pages), "robots.txt": robots(config)}
    files.update(feed_files(config, data.sitreps))
    files.update(facts_downloads(config.languages, [s.id for s in data.sitreps], share))
    return dict(sorted(files.items()))
