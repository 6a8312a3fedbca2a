"""An edit to a briefing's facts, redrawn from the briefings the changed pages show.

The last build's manifest keeps each briefing's footprint (site.footprint): how lists show
it, how many of its facts each timeline and figures year and each gazetteer entry's
page takes, its casualty estimates, and a digest of the facts it gives each page. When
an edit changes facts but leaves every footprint as it was apart from the estimates and
those digests (a figure, a bound or a date within its year changed; no fact moved to
another page, none was added or removed), the pages that can differ are the briefing's
own, the home page (its key figures), the year pages and entry pages its facts are on,
the feeds when it is among the latest, and the facts downloads; of those, a page
whose facts from the edited briefings are as they were, or an entry's page that shows
none of them (only its latest), keeps its fingerprint without being made. The others
are made with the full build's functions from the briefings they show, read from the
build cache, which decodes those alone: a year's briefings, an entry's latest ones.
Everything else stays as the last build left it.

The files come out byte for byte as the full build would write them, and the manifest
as it would record them; tests compare the two.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import partial
from pathlib import Path

from sitrep import site
from sitrep.cache import BuildCache, digest
from sitrep.datafiles import facts_downloads, make_share, share_key
from sitrep.feeds import FEED_SIZE, feed_files
from sitrep.fingerprint import (Fingerprinter, inputs_digest, listing_digest, outside_signature,
                                page_fingerprint)
from sitrep.keyfigures import Estimate, choose_key_series
from sitrep.manifest import Manifest
from sitrep.pair import Sitrep, pair
from sitrep.render import Page
from sitrep.site import (ENTITY_KINDS, SiteData, YearPage, briefing_pages, counted_facts,
                         dated_facts, entity_page_of, figures_context, figures_year, footprint,
                         home_page, split_section_pages, timeline_context, timeline_year)

# Each section split by year: its template, context, the year of a fact, its facts.
SECTIONS = {"timeline": ("timeline.html", timeline_context, timeline_year, dated_facts),
            "figures": ("figures.html", figures_context, figures_year, counted_facts)}


@dataclass
class FactEdit:
    """What the edit changes: the pages to consider (those whose inputs changed), which
    of them cannot have changed in what they show, and what the manifest keeps."""
    pages: list[Page]
    unchanged: set[str]
    signatures: dict[str, str]
    footprints: dict[str, dict]
    data: SiteData


def placement(footprint_: dict) -> dict:
    """A footprint without its estimates and fact digests: what must not move for a
    fact edit."""
    return {key: value for key, value in footprint_.items() if key not in ("estimates", "shown")}


class CachedLoader:
    """Sitreps read from the build cache by the digest of their files, each once."""

    def __init__(self, root: Path, files: dict[tuple[str, str], str], gazetteer_digest: str,
                 cache: BuildCache, statuses: dict[str, str]):
        self.root, self.files, self.cache = root, files, cache
        self.gazetteer_digest, self.statuses = gazetteer_digest, statuses
        self.loaded: dict[str, Sitrep] = {}

    def key(self, path: str) -> str | None:
        """The cache key the full build gives the file at path (from the project root)."""
        full = self.root / path
        try:
            data = full.read_bytes()
        except OSError:
            return None
        return digest("briefing", str(full), data, self.gazetteer_digest)

    def entry(self, path: str):
        """(briefing, report) as the full build cached it, or None."""
        key = self.key(path)
        return self.cache.get(key) if key is not None else None

    def keep(self, sitrep: Sitrep) -> None:
        """Cache an edited briefing as the full build would, for the next one."""
        for briefing, report in ((sitrep.fr, sitrep.report), (sitrep.en, None)):
            if briefing is not None:
                key = self.key(self.files[(sitrep.id, briefing.language)])
                if key is not None:
                    self.cache.put(key, (briefing, report))

    def __call__(self, briefing_id: str) -> Sitrep | None:
        if briefing_id not in self.loaded:
            french = self.entry(self.files[(briefing_id, "fr")])
            english_path = self.files.get((briefing_id, "en"))
            english = self.entry(english_path) if english_path else None
            if french is None or (english_path and english is None):
                return None
            sitrep, = pair([french[1]], [english[0]] if english else [])
            if sitrep.translation_status != self.statuses.get(briefing_id):
                return None
            self.loaded[briefing_id] = sitrep
        return self.loaded[briefing_id]


def _year_plan(footprints: dict[str, dict], section: str):
    """(split, links, newest year) of a section, from every briefing's footprint."""
    totals: dict[int, int] = {}
    for fp in footprints.values():
        for year, count in fp[section].items():
            totals[int(year)] = totals.get(int(year), 0) + count
    split = sum(totals.values()) > site.YEAR_SPLIT
    if not split or not totals:
        return split, [], None
    newest = max(totals)
    links = [(str(year), section if year == newest else f"{section}/{year}")
             for year in sorted(totals, reverse=True)]
    return split, links, newest


def _latest_naming(order: list[str], footprints: dict[str, dict], kind: str, entry: str
                   ) -> tuple[list[str], list[str], int]:
    """An entry's briefings newest first, the latest of them that fill its page (its
    latest facts and briefings), and how many facts they have in all."""
    naming = [i for i in order if footprints[i][kind].get(entry)
              or (kind == "sources" and footprints[i]["source"] == entry)]
    total = sum(footprints[i][kind].get(entry, 0) for i in naming)
    needed, facts = [], 0
    for index, briefing_id in enumerate(naming):
        if index >= site.MAX_BRIEFINGS_ON_ENTITY_PAGE and facts >= site.MAX_FACTS_ON_ENTITY_PAGE:
            break
        needed.append(briefing_id)
        facts += footprints[briefing_id][kind].get(entry, 0)
    return naming, needed, total


def plan_fact_edit(manifest: Manifest, edited: list[Sitrep], load: CachedLoader, make_data,
                   fingerprinter: Fingerprinter) -> FactEdit | None:
    """The pages an edit to these briefings' facts can change, with the data to draw
    them, or None when it moves something the full build must place again."""
    order = manifest.order
    if set(manifest.footprints) != set(order):
        return None
    before = manifest.footprints
    footprints = dict(before)
    signatures = dict(manifest.signatures)
    for s in edited:
        new = footprint(s, listing_digest(s), fingerprinter.of)
        if placement(new) != placement(footprints[s.id]):
            return None
        footprints[s.id], signatures[s.id] = new, outside_signature(s, fingerprinter)
    edited_ids = {s.id for s in edited}

    def facts_changed(page: str) -> bool:
        """Whether the facts an edited briefing gives this page changed: page is a key
        of footprint()["shown"] ("timeline/2025", "actors/KP"), or a section followed by
        "/" for a section on one page."""
        def shown(fp: dict) -> dict:
            return {key: value for key, value in fp["shown"].items()
                    if key == page or page.endswith("/") and key.startswith(page)}
        return any(shown(before[i]) != shown(footprints[i]) for i in edited_ids)

    # What each page is drawn from, and what must be loaded to draw those that can
    # change: the latest (home, feeds), the edited ones' neighbours, the key figures'
    # briefings, each changed year's briefings, each changed entry's latest.
    needed: set[str] = set(order[:max(site.LATEST_ON_HOME, FEED_SIZE)])
    for briefing_id in edited_ids:
        index = order.index(briefing_id)
        needed |= set(order[max(0, index - 1):index + 2])
    estimates = [Estimate.from_json(row) for i in reversed(order)      # oldest first
                 for row in footprints[i]["estimates"]]
    chosen = choose_key_series(estimates)
    home_same = chosen == choose_key_series(
        [Estimate.from_json(row) for i in reversed(order) for row in before[i]["estimates"]]) \
        and not any(e is not None and e.briefing in edited_ids
                    for latest, previous, _trend in chosen for e in (latest, previous))
    needed |= {e.briefing for latest, previous, _trend in chosen
               for e in (latest, previous) if e is not None}
    unchanged: set[str] = set()                 # pages whose inputs alone changed
    years: list[tuple[str, int | None, list, int | None, list[str], bool]] = []
    for section in SECTIONS:
        split, links, newest = _year_plan(footprints, section)
        touched = sorted({int(y) for i in edited_ids for y in footprints[i][section]})
        for year in (touched if split else [None] if touched else []):
            ids = [i for i in order if (footprints[i][section].get(str(year)) if year
                                        else footprints[i][section])]
            same = not facts_changed(f"{section}/{year}" if year else f"{section}/")
            if not same:
                needed |= set(ids)
            years.append((section, year, links, newest, ids, same))
    entries: list[tuple[str, str, list[str], int, bool]] = []
    for kind in ENTITY_KINDS:
        touched = {key for i in edited_ids for key in footprints[i][kind]}
        if kind == "sources":
            touched |= {s.fr.source for s in edited if s.fr.source}
        for entry in sorted(touched):
            naming, latest, total = _latest_naming(order, footprints, kind, entry)
            # The page shows its entry's latest facts and briefings alone.
            same = not (edited_ids & set(latest)) or not facts_changed(f"{kind}/{entry}")
            if not same:
                needed |= set(latest)
            entries.append((kind, entry, naming, total, same))

    by_id = {s.id: s for s in edited}
    sitreps = []
    for briefing_id in order:
        if briefing_id in needed:
            sitrep = by_id.get(briefing_id) or load(briefing_id)
            if sitrep is None:
                return None                 # not in the cache: the full build reads it
            sitreps.append(sitrep)
    data = make_data(sitreps, signatures, estimates)

    position = {s.id: index for index, s in enumerate(sitreps)}
    pages: list[Page] = []
    for s in edited:
        index = order.index(s.id)
        newer = data.sitreps[position[order[index - 1]]] if index > 0 else None
        older = data.sitreps[position[order[index + 1]]] if index + 1 < len(order) else None
        pages += briefing_pages(data, s, newer, older)
    for lang in data.config.languages:
        pages.append(home_page(data, lang, data.inputs_of("home", order)))
        if home_same:
            unchanged.add(pages[-1].path)
    for section, year, links, newest, ids, same in years:
        template, make_context, year_of, facts_of = SECTIONS[section]
        pairs = [] if same else [pair_ for pair_ in facts_of(data)
                                 if year is None or year_of(*pair_) == year]
        path = section if year is None or year == newest else f"{section}/{year}"
        drawn = split_section_pages(data, section, template, [YearPage(year, path, pairs)],
                                    partial(make_context, data), links, ids)
        pages += drawn
        unchanged |= {page.path for page in drawn} if same else set()
    for kind, entry, naming, total, same in entries:
        for lang in data.config.languages:
            pages.append(entity_page_of(data, lang, kind, entry, naming, total))
            if same:
                unchanged.add(pages[-1].path)
    return FactEdit(pages, unchanged, signatures, footprints, data)


def redrawn(shared: str, manifest: Manifest, edit: FactEdit, fingerprinter: Fingerprinter
            ) -> tuple[list[Page], dict[str, str], dict[str, str]]:
    """The pages whose fingerprint changed; every page's fingerprint and coarse inputs.
    A page known to show what it showed keeps its fingerprint without making its
    context, as the full build would find it."""
    stale, fingerprints, page_inputs = [], {}, {}
    for page in edit.pages:
        known = {page.path: (manifest.page_inputs[page.path], manifest.pages[page.path])} \
            if page.path in manifest.page_inputs and page.path in manifest.pages else None
        if page.path in edit.unchanged:
            fingerprints[page.path] = manifest.pages[page.path]
        else:
            fingerprints[page.path] = page_fingerprint(shared, page, fingerprinter, known)
        if page.inputs_are_coarse and page.inputs is not None:
            page_inputs[page.path] = inputs_digest(shared, page)
        if fingerprints[page.path] != manifest.pages.get(page.path):
            stale.append(page)
    return stale, fingerprints, page_inputs


def downloads(root: Path, output: Path, manifest: Manifest, edit: FactEdit,
              edited: list[Sitrep], shared: str, cache: BuildCache
              ) -> tuple[dict[str, bytes], dict[str, str]] | None:
    """The facts downloads with the edited briefings' shares made again, and every
    briefing's share source; None if a share is missing from the cache. Each file is
    the last build's with the edited shares replaced where each old one occurs once in
    it (the join of all shares otherwise)."""
    if set(manifest.shares) != set(manifest.order):
        return None
    resolved = root.resolve()
    made_from = dict(manifest.shares)
    for s in edited:
        made_from[s.id] = digest(shared, str(resolved), edit.data.fingerprinter.files_of(s))
    edited_ids = {s.id: s for s in edited}
    missing = []

    def share(kind: str, briefing_id: str) -> str:
        key = share_key(kind, made_from[briefing_id])
        found = cache.get(key)
        if found is None:
            if briefing_id not in edited_ids:
                missing.append(briefing_id)
                return ""
            found = make_share(kind, edited_ids[briefing_id], edit.data, resolved)
            cache.put(key, found)
        return found

    kinds = {"data/facts.json": "facts.json",
             **{f"data/facts.{lang}.csv": f"csv {lang}" for lang in edit.data.config.languages}}
    files: dict[str, bytes] = {}
    for path, kind in kinds.items():
        try:
            document = (output / path).read_bytes()
        except OSError:
            break
        for s in edited:
            old = cache.get(share_key(kind, manifest.shares[s.id]))
            document = _spliced(document, old, share(kind, s.id)) if old else None
            if document is None:
                break
        if document is None:
            break
        files[path] = document
    else:
        return files, made_from
    files = facts_downloads(edit.data.config.languages, manifest.order, share)
    return None if missing else (files, made_from)


def _spliced(document: bytes, old: str, new: str) -> bytes | None:
    """document with old replaced by new, if old occurs in it exactly once: a file
    joined from shares that holds an old share once holds it in its own place."""
    before = old.encode("utf-8")
    if document.count(before) != 1:
        return None
    at = document.index(before)
    return document[:at] + new.encode("utf-8") + document[at + len(before):]


def feeds(data: SiteData, manifest: Manifest, edited: list[Sitrep]) -> dict[str, bytes]:
    """The feeds, when an edited briefing is among the latest they show."""
    if not any(s.id in manifest.order[:FEED_SIZE] for s in edited):
        return {}
    return feed_files(data.config, data.sitreps[:FEED_SIZE])
