"""The files for machines: feeds, sitemap, robots.txt and the facts downloads.

Each briefing's share of the facts files (its line of data/facts.json, its rows of
each CSV) is kept in the build cache, keyed by its files as read and the shared inputs
(code, templates and catalogs, settings, gazetteer): a build after an edit makes the
edited briefings' shares again and joins the rest as they were. At 5,000 briefings,
making every share takes about a second; joining them, a few milliseconds.
"""

from __future__ import annotations

from pathlib import Path

from sitrep.cache import BuildCache, digest
from sitrep.downloads import csv_document, csv_rows
from sitrep.facts_json import document_bytes, entry_text
from sitrep.feeds import feed_files, robots, sitemap
from sitrep.pair import Sitrep
from sitrep.render import Page
from sitrep.site import SiteData


def machine_files(root: Path, data: SiteData, pages: list[Page],
                  cache: BuildCache | None = None, shared: str = "") -> dict[str, bytes]:
    """Every machine file as bytes; shares found in cache (if given) are reused."""
    cache = cache if cache is not None else BuildCache(None)
    config, sitreps = data.config, data.sitreps
    resolved = root.resolve()               # once: each share's line names paths under it
    where = str(resolved)

    made_from = {s.id: digest(shared, where, data.fingerprinter.files_of(s)) for s in sitreps}

    def share(kind: str, sitrep: Sitrep, make) -> str:
        key = digest("share", kind, made_from[sitrep.id])
        found = cache.get(key)
        if found is None:
            found = make()
            cache.put(key, found)
        return found

    by_id = sorted(sitreps, key=lambda s: s.id)
    files = {"data/facts.json": document_bytes([
                 share("facts.json", s, lambda s=s: entry_text(s.report, resolved))
                 for s in by_id]),
             "sitemap.xml": sitemap(config, pages), "robots.txt": robots(config)}
    files.update(feed_files(config, sitreps))
    oldest_first = sorted(sitreps, key=lambda s: (s.date, s.id))      # as data.facts
    for lang in config.languages:
        files[f"data/facts.{lang}.csv"] = csv_document([
            share(f"csv {lang}", s, lambda s=s, lang=lang: csv_rows(
                data.views(lang, [(fact, s) for fact in s.facts])))
            for s in oldest_first])
    return files
