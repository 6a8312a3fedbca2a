"""An edit to a briefing's text, rebuilt from that briefing alone.

When the only inputs edited since the last build are briefing files, and each edited
briefing still shows the rest of the site what it showed before (its title, date, tags
and facts: its outside signature; and its translation status), then only its own
pages, its entry in data/facts.json and, for one of the latest, the feeds can differ. Those are
drawn from the edited files and their two neighbours (the feeds: the latest briefings);
every other file stays as the last build left it. When the edits change facts but keep
the translation status (a figure, a fact added, removed or moved, a title), factedit
says whether the pages that show them can be drawn from the briefings they show and
the listings the manifest keeps. Anything else (a file added or removed, a date, a new
tag, a template, the gazetteer, the settings) goes through the full build, which also
reports any problem in the content.

The files come out byte for byte as the full build would write them: the same functions
draw them from the same values, and tests compare the two.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

from sitrep.cache import BuildCache, digest, folder_digest
from sitrep.config import load_config
from sitrep.content import file_name_parts, load_briefing, parse_file_name
from sitrep.errors import ErrorCollector, SitrepError
from sitrep.extract import extract
from sitrep.factedit import (CachedLoader, downloads, feeds, plan_fact_edit, redrawn,
                              spliced_rows)
from sitrep.facts_json import document_bytes, document_entries, entry_text
from sitrep.feeds import FEED_SIZE, feed_files
from sitrep.fingerprint import (Fingerprinter, outside_signature, page_fingerprint,
                                shared_fingerprint)
from sitrep.gazetteer import read_gazetteer
from sitrep.manifest import COMPILED, Manifest, input_stamp, listing_stamp, restat
from sitrep.pair import Sitrep, pair
from sitrep.project import Content
from sitrep.render import Page, Renderer
from sitrep.search import BUNDLE
from sitrep.site import SiteData, briefing_pages, site_globals
from sitrep.sitefiles import SiteWriter
from sitrep.validate import check_references

BRIEFINGS = "content/briefings/"
FACTS_FILE = "data/facts.json"
# Past a handful of edited files (a search-and-replace), the full build is as quick.
MAX_EDITED = 8


@dataclass
class QuickBuild:
    manifest: Manifest
    rendered: int
    written: int


def edited_briefings(before: dict[str, str], now: dict[str, str]) -> list[str] | None:
    """The input files edited since the last build if all are briefings that were there
    before, else None."""
    if before.keys() != now.keys():
        return None                             # a file added or removed
    edited = sorted(path for path, stat in now.items() if before[path] != stat)
    if not edited or len(edited) > MAX_EDITED:
        return None
    if not all(path.startswith(BRIEFINGS) and path.endswith(".md") for path in edited):
        return None
    return edited


def _briefing_files(inputs: dict[str, str]) -> dict[tuple[str, str], str]:
    """(id, language) -> path from the project root, of every briefing file."""
    files = {}
    for path in inputs:
        if path.startswith(BRIEFINGS) and path.endswith(".md"):
            parts = file_name_parts(path.rpartition("/")[2])
            if parts is not None:               # else the full build says what is wrong
                files[parts] = path
    return files


class _Loader:
    """Sitreps read and extracted on demand, each once."""

    def __init__(self, root: Path, files: dict[tuple[str, str], str], gazetteer) -> None:
        self.root, self.files, self.gazetteer = root, files, gazetteer
        self.loaded: dict[str, Sitrep] = {}
        self.briefings = []

    def __call__(self, briefing_id: str) -> Sitrep:
        if briefing_id not in self.loaded:
            french = load_briefing(self.root / self.files[(briefing_id, "fr")])
            english_path = self.files.get((briefing_id, "en"))
            english = [load_briefing(self.root / english_path)] if english_path else []
            self.briefings += [french, *english]
            self.loaded[briefing_id], = pair([extract(french, self.gazetteer)], english)
        return self.loaded[briefing_id]


def quick_build(root: Path, output: Path, manifest: Manifest, inputs: dict[str, str],
                listing: dict[str, tuple[int, int]], search: bool,
                cache_dir: Path) -> QuickBuild | None:
    """Rebuild after edits to briefing texts alone, or to their facts (see factedit), or
    None when the full build must.
    `listing` is the output folder as the caller found it (manifest.output's stamp);
    cache_dir holds the last build's manifest and compiled templates."""
    edited = edited_briefings(manifest.inputs, inputs)
    if edited is None:
        return None
    files = _briefing_files(inputs)
    ids = sorted({parse_file_name(Path(path))[0] for path in edited})
    position = {briefing_id: index for index, briefing_id in enumerate(manifest.order)}
    if any(briefing_id not in position for briefing_id in ids):
        return None
    try:
        errors = ErrorCollector()
        config = load_config(root / "content" / "site.yaml", errors)
        gazetteer = read_gazetteer(root / "content" / "gazetteer", errors)
        errors.raise_if_any()
        load = _Loader(root, files, gazetteer)
        edited_sitreps = [load(briefing_id) for briefing_id in ids]
        check_references(Content(root / "content", load.briefings, gazetteer), errors)
        errors.raise_if_any()
    except SitrepError:
        return None                             # the full build reports every problem
    fingerprinter = Fingerprinter()
    if any(s.translation_status != manifest.statuses.get(s.id) for s in edited_sitreps):
        return None
    if any(outside_signature(s, fingerprinter) != manifest.signatures.get(s.id)
           for s in edited_sitreps):
        return _fact_edit(root, output, manifest, inputs, listing, search, cache_dir, files,
                          config, gazetteer, edited_sitreps)

    order = manifest.order
    neighbours = {}
    for briefing_id in ids:
        index = position[briefing_id]
        neighbours[briefing_id] = (load(order[index - 1]) if index > 0 else None,
                                   load(order[index + 1]) if index + 1 < len(order) else None)
    in_feeds = any(position[briefing_id] < FEED_SIZE for briefing_id in ids)
    latest = [load(briefing_id) for briefing_id in order[:FEED_SIZE]] if in_feeds else []

    renderer = Renderer(root / "templates", config.languages, cache_dir / COMPILED)
    data = SiteData(config, [load(i) for i in order if i in load.loaded], gazetteer,
                    renderer.localizers)
    pages = [page for s in edited_sitreps for page in briefing_pages(data, s, *neighbours[s.id])]
    if any(page.path not in manifest.pages for page in pages):
        return None
    shared = shared_fingerprint(root, config, folder_digest(root / "content" / "gazetteer"))
    fingerprints = dict(manifest.pages)
    stale = []
    for page in pages:
        fingerprints[page.path] = page_fingerprint(shared, page, fingerprinter)
        if fingerprints[page.path] != manifest.pages[page.path]:
            stale.append(page)
    try:
        entries = document_entries((output / FACTS_FILE).read_bytes())
    except OSError:
        return None
    if list(entries) != sorted(order):
        return None
    for s in edited_sitreps:
        entries[s.id] = entry_text(s.report, root.resolve())

    files_made = {FACTS_FILE: document_bytes(list(entries.values()))}
    if in_feeds:
        files_made.update(feed_files(config, latest))
    # Their shares of the downloads are made from their files: the cached ones no longer
    # answer (a later fact edit then goes through the full build, which makes them).
    where = str(root.resolve())
    shares = {**manifest.shares, **{s.id: digest(shared, where, fingerprinter.files_of(s))
                                    for s in edited_sitreps}}
    return _write(output, manifest, inputs, listing, search, renderer, config, stale, files_made,
                  pages=fingerprints, shares=shares)


def _write(output: Path, manifest: Manifest, inputs: dict[str, str],
           listing: dict[str, tuple[int, int]], search: bool, renderer: Renderer, config,
           stale: list[Page], files: dict[str, bytes], **changes) -> QuickBuild:
    """Draw the stale pages and write them and the files; every other file stays as the
    last build left it. changes: the manifest's fields that differ besides the stamps."""
    writer = SiteWriter(output, manifest)
    with writer.undone_on_failure():
        globals_ = site_globals(config)
        for page in stale:
            writer.add(page.path, renderer.render(page, globals_).encode("utf-8"))
        for path, data_bytes in files.items():
            writer.add(path, data_bytes)
        # Everything else is as the last build left it; the search index is made again
        # by finish() if a page changed, as the full build does.
        writer.keep([path for path in manifest.files
                     if path not in writer.digests and not path.startswith(BUNDLE + "/")])
        written = writer.finish(search=search)
    restat(output, listing, writer.touched)    # rather than walk the whole folder again
    output_stamp = listing_stamp(listing)
    stamp = digest(input_stamp(manifest.settings, inputs), output_stamp)
    return QuickBuild(replace(manifest, build=writer.build_id, stamp=stamp, files=writer.digests,
                              inputs=inputs, output=output_stamp, **changes),
                      len(stale), written)


def _fact_edit(root: Path, output: Path, manifest: Manifest, inputs: dict[str, str],
               listing: dict[str, tuple[int, int]], search: bool, cache_dir: Path,
               files: dict[tuple[str, str], str], config, gazetteer,
               edited: list[Sitrep]) -> QuickBuild | None:
    """Rebuild after edits that change facts (see factedit), or None when the full
    build must."""
    gazetteer_digest = folder_digest(root / "content" / "gazetteer")
    cache = BuildCache(cache_dir)
    load = CachedLoader(root, files, gazetteer_digest, cache, manifest.statuses)
    fingerprinter = Fingerprinter()
    renderer = Renderer(root / "templates", config.languages, cache_dir / COMPILED)

    def make_data(sitreps: list[Sitrep], signatures: dict[str, str], estimates,
                  listings) -> SiteData:
        return SiteData(config, sitreps, gazetteer, renderer.localizers, signatures,
                        estimates=estimates, listings=listings, statuses=manifest.statuses,
                        fingerprinter=fingerprinter)

    edit = plan_fact_edit(manifest, edited, load, make_data, fingerprinter)
    if edit is None or any(page.path not in manifest.pages for page in edit.pages):
        return None
    shared = shared_fingerprint(root, config, gazetteer_digest)
    stale, fingerprints, page_inputs = redrawn(shared, manifest, edit, fingerprinter)
    made = downloads(root, output, manifest, edit, edited, shared, cache)
    if made is None:
        return None
    files_made, shares = made
    stale, lists = spliced_rows(output, edit, stale, renderer, site_globals(config))
    files_made.update(lists)
    files_made.update(feeds(edit.data, manifest, edited))
    for sitrep in edited:
        load.keep(sitrep)
    built = _write(output, manifest, inputs, listing, search, renderer, config, stale, files_made,
                   pages={**manifest.pages, **fingerprints},
                   page_inputs={**manifest.page_inputs, **page_inputs},
                   signatures=edit.signatures, footprints=edit.footprints, shares=shares)
    cache.save(prune=False)         # the other briefings' entries stay for the next build
    return built
