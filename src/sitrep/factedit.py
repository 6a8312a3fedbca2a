"""An edit to a briefing's facts or title, redrawn from the briefings the changed pages show.

The last build's manifest keeps each briefing's footprint (site.footprint): its listing
(how lists show it: titles, date, count of facts, tags, source), how many of its facts
each timeline and figures year and each gazetteer entry's page takes, its casualty
estimates, and a digest of the facts it gives each page. From the footprints before
and after an edit, the pages that can differ are known: the briefing's own, the home
page (its key figures, its latest), the year pages and entry pages its facts are on
before and after, the entry indexes when their counts change, the lists it is in when
its listing changed, the feeds when it is among the latest, and the facts downloads.
Of those, a page whose facts and listings from the edited briefings are as they were,
or an entry's page that shows none of them (only its latest) with its counts as they
were, keeps its fingerprint without being made. The others are made with the full
build's functions, from the listings and from the briefings they show, read from the
build cache, which decodes those alone: a year's briefings, an entry's latest ones. A
long list (the briefings index, a tag's page) has the edited briefings' rows replaced
in the last build's file rather than being drawn again (spliced_rows). Everything else
stays as the last build left it. An edit that changes the site's plan (a date, which
orders the briefings; a tag no other briefing has; a year a split section gains or
loses) is left to the full build.

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
from sitrep.errors import SitrepError
from sitrep.feeds import FEED_SIZE, feed_files
from sitrep.fingerprint import (Fingerprinter, inputs_digest, outside_signature,
                                page_fingerprint)
from sitrep.keyfigures import Estimate, choose_key_series
from sitrep.listing import Listing
from sitrep.manifest import Manifest
from sitrep.pair import Sitrep, pair
from sitrep.render import Page, Renderer
from sitrep.site import (ENTITY_KINDS, SiteData, YearPage, briefing_pages, briefings_page,
                         counted_facts, dated_facts, entity_index_page, entity_page_of,
                         figures_context, figures_year, footprint, home_page,
                         split_section_pages, tag_page, tagged, tags_index_page,
                         timeline_context, timeline_year, translations_page)

# The macro that draws one briefing in a list of them.
BRIEFING_ROW = ("partials/briefing_row.html", "briefing_row")
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
    # The lists that differ, if at all, in the rows of edited briefings alone: page
    # path -> (listing before, listing now) of each (see spliced_rows).
    rows: dict[str, list[tuple[Listing, Listing]]]


class CachedLoader:
    """Sitreps read from the build cache by the digest of their files, each once."""

    def __init__(self, root: Path, files: dict[tuple[str, str], str], gazetteer_digest: str,
                 cache: BuildCache, statuses: dict[str, str]):
        self.root, self.files, self.cache = root, files, cache
        self.gazetteer_digest, self.statuses = gazetteer_digest, statuses
        self.loaded: dict[str, Sitrep] = {}
        # str(root / path) is this followed by path, for the clean relative paths of
        # `files`; joined as strings, since a thousand Paths take a tenth of a second.
        self.prefix = str(root / "x")[:-1]

    def key(self, path: str) -> str | None:
        """The cache key the full build gives the file at path (from the project root)."""
        full = self.prefix + path
        try:
            with open(full, "rb") as handle:
                data = handle.read()
        except OSError:
            return None
        return digest("briefing", full, data, self.gazetteer_digest)

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


def _names(fp: dict, kind: str, entry: str) -> bool:
    """Whether a briefing (its footprint) is listed on an entry's page."""
    return bool(fp[kind].get(entry)) or (kind == "sources" and fp["source"] == entry)


def _latest_naming(order: list[str], footprints: dict[str, dict], kind: str, entry: str
                   ) -> tuple[list[str], list[str], int]:
    """An entry's briefings newest first, the latest of them whose facts fill its page,
    and how many facts they have in all."""
    if kind == "sources":
        naming = [i for i in order if _names(footprints[i], kind, entry)]
    else:                                   # the same, without a call per briefing
        naming = [i for i in order if footprints[i][kind].get(entry)]
    total = sum(footprints[i][kind].get(entry, 0) for i in naming)
    needed, facts = [], 0
    for briefing_id in naming:
        if facts >= site.MAX_FACTS_ON_ENTITY_PAGE:
            break
        needed.append(briefing_id)
        facts += footprints[briefing_id][kind].get(entry, 0)
    return naming, needed, total


def _entry_counts(footprints: dict[str, dict], kind: str, keys) -> dict[str, tuple[int, int]]:
    """(facts, briefings) of each entry, as its kind's index shows them."""
    counts = {key: [0, 0] for key in keys}
    for fp in footprints.values():
        for key, facts in fp[kind].items():
            if key in counts:
                counts[key][0] += facts
                counts[key][1] += facts > 0
        if kind == "sources" and fp["source"] in counts and not fp[kind].get(fp["source"]):
            counts[fp["source"]][1] += 1      # claimed by its header alone
    return {key: (facts, briefings) for key, (facts, briefings) in counts.items()}


def plan_fact_edit(manifest: Manifest, edited: list[Sitrep], load: CachedLoader, make_data,
                   fingerprinter: Fingerprinter) -> FactEdit | None:
    """The pages an edit to these briefings' facts or titles can change, with the data to
    draw them, or None when it changes what the full build must plan again: the order of
    the briefings (a date), the years a section is split into, the tags there are."""
    order = manifest.order
    if set(manifest.footprints) != set(order):
        return None
    before = manifest.footprints
    footprints = dict(before)
    signatures = dict(manifest.signatures)
    for s in edited:
        footprints[s.id] = footprint(s, fingerprinter.of)
        signatures[s.id] = outside_signature(s, fingerprinter)
    edited_ids = {s.id for s in edited}
    listings = [Listing.from_row(footprints[i]["listing"]) for i in order]
    listed_now = {listing.id: listing for listing in listings if listing.id in edited_ids}
    listed_before = {i: Listing.from_row(before[i]["listing"]) for i in edited_ids}
    relisted = {i for i in edited_ids if listed_now[i] != listed_before[i]}
    if any(listed_now[i].date != listed_before[i].date for i in relisted):
        return None                             # the briefings' order changes
    tags_now = tagged(listings)
    if relisted and set(tags_now) != set(tagged([listed_before.get(listing.id, listing)
                                                 for listing in listings])):
        return None                             # a tag's page would come or go
    tags_touched = {tag for i in relisted for tag in (*listed_before[i].tags,
                                                      *listed_now[i].tags)}
    plans = {section: _year_plan(footprints, section) for section in SECTIONS}
    for section in SECTIONS:
        if any(before[i][section] != footprints[i][section] for i in edited_ids) \
                and _year_plan(before, section) != plans[section]:
            return None                         # the section's years change

    def facts_changed(page: str) -> bool:
        """Whether the facts an edited briefing gives this page changed: page is a key
        of footprint()["shown"] ("timeline/2025", "actors/KP"), or a section followed by
        "/" for a section on one page."""
        def shown(fp: dict) -> dict:
            return {key: value for key, value in fp["shown"].items()
                    if key == page or page.endswith("/") and key.startswith(page)}
        return any(shown(before[i]) != shown(footprints[i]) for i in edited_ids)

    # What each page is drawn from, and what must be loaded to draw those that can
    # change: the edited ones' neighbours, the latest when the feeds change, the key
    # figures' briefings, each changed year's briefings, each changed entry's latest.
    needed: set[str] = set()
    for briefing_id in edited_ids:
        index = order.index(briefing_id)
        needed |= set(order[max(0, index - 1):index + 2])
        if index < FEED_SIZE:
            needed |= set(order[:FEED_SIZE])
    parsed = {i: [Estimate.from_json(row) for row in footprints[i]["estimates"]] for i in order}
    estimates = [e for i in reversed(order) for e in parsed[i]]     # oldest first
    chosen = choose_key_series(estimates)
    if any(before[i]["estimates"] != footprints[i]["estimates"] for i in edited_ids):
        parsed.update({i: [Estimate.from_json(row) for row in before[i]["estimates"]]
                       for i in edited_ids})
        chosen_before = choose_key_series([e for i in reversed(order) for e in parsed[i]])
    else:
        chosen_before = chosen
    home_same = chosen == chosen_before \
        and not any(e is not None and e.briefing in edited_ids
                    for latest, previous, _trend in chosen for e in (latest, previous)) \
        and not relisted & set(order[:site.LATEST_ON_HOME])
    needed |= {e.briefing for latest, previous, _trend in chosen
               for e in (latest, previous) if e is not None}
    unchanged: set[str] = set()                 # pages whose inputs alone changed
    years: list[tuple[str, int | None, list, int | None, list[str], bool]] = []
    for section in SECTIONS:
        split, links, newest = plans[section]
        touched = sorted({int(y) for fps in (before, footprints) for i in edited_ids
                          for y in fps[i][section]})
        for year in (touched if split else [None] if touched else []):
            ids = [i for i in order if (footprints[i][section].get(str(year)) if year
                                        else footprints[i][section])]
            same = not facts_changed(f"{section}/{year}" if year else f"{section}/")
            if not same:
                needed |= set(ids)
            years.append((section, year, links, newest, ids, same))
    entries: list[tuple[str, str, list[str], int, bool]] = []
    recounted: list[str] = []                   # the kinds whose index counts change
    for kind in ENTITY_KINDS:
        touched = {key for fps in (before, footprints) for i in edited_ids for key in fps[i][kind]}
        if kind == "sources":
            touched |= {fps[i]["source"] for fps in (before, footprints) for i in edited_ids
                        if fps[i]["source"]}
        for entry in sorted(touched):
            naming, latest, total = _latest_naming(order, footprints, kind, entry)
            naming_before, total_before = naming, total
            if any(before[i][kind].get(entry) != footprints[i][kind].get(entry)
                   or _names(before[i], kind, entry) != _names(footprints[i], kind, entry)
                   for i in edited_ids):
                naming_before, _latest, total_before = _latest_naming(order, before, kind, entry)
            counted_same = (total, len(naming)) == (total_before, len(naming_before))
            if not counted_same and kind not in recounted:
                recounted.append(kind)
            # The page shows its entry's latest facts and briefings alone.
            same = counted_same and naming == naming_before \
                and not relisted & set(naming[:site.MAX_BRIEFINGS_ON_ENTITY_PAGE]) \
                and (not edited_ids & set(latest) or not facts_changed(f"{kind}/{entry}"))
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
    data = make_data(sitreps, signatures, estimates, listings)

    position = {s.id: index for index, s in enumerate(sitreps)}
    pages: list[Page] = []
    rows: dict[str, list[tuple[Listing, Listing]]] = {}
    for s in edited:
        index = order.index(s.id)
        newer = data.sitreps[position[order[index - 1]]] if index > 0 else None
        older = data.sitreps[position[order[index + 1]]] if index + 1 < len(order) else None
        pages += briefing_pages(data, s, newer, older)
    for lang in data.config.languages:
        pages.append(home_page(data, lang, data.inputs_of("home", order)))
        if home_same:
            unchanged.add(pages[-1].path)
        if relisted:
            pages.append(briefings_page(data, lang))
            rows[pages[-1].path] = [(listed_before[i], listed_now[i]) for i in sorted(relisted)]
            for tag in sorted(tags_touched):
                pages.append(tag_page(data, lang, tag, tags_now[tag]))
                if all((tag in listed_before[i].tags) == (tag in listed_now[i].tags)
                       for i in relisted):          # else a row comes or goes
                    rows[pages[-1].path] = [(listed_before[i], listed_now[i])
                                            for i in sorted(relisted) if tag in listed_now[i].tags]
            pages.append(tags_index_page(data, lang, tags_now))
        if any(listed_before[i].titles[0] != listed_now[i].titles[0] for i in relisted):
            pages.append(translations_page(data, lang))
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
    for kind in recounted:
        counts = _entry_counts(footprints, kind, data.gazetteer.table(kind))
        pages += [entity_index_page(data, lang, kind, counts) for lang in data.config.languages]
    return FactEdit(pages, unchanged, signatures, footprints, data, rows)


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


def spliced_rows(output: Path, edit: FactEdit, stale: list[Page], renderer: Renderer,
                 globals_: dict) -> tuple[list[Page], dict[str, bytes]]:
    """The stale pages still to draw, and the list pages made instead by replacing the
    edited briefings' rows in the last build's file: a list of thousands of briefings
    takes a tenth of a second to draw, its rows a millisecond. A list is drawn whole
    if a row is gained or lost (a tag added), or an old row is not found exactly once
    in the file (templates that do not draw rows with the macro)."""
    to_draw, made = [], {}
    for page in stale:
        document = None
        changed = edit.rows.get(page.path)
        if changed is not None:
            try:
                document = (output / page.path).read_bytes()
                for before, now in changed:
                    old, new = (renderer.render_macro(page, globals_, *BRIEFING_ROW, listing)
                                for listing in (before, now))
                    document = _spliced(document, old, new)
                    if document is None:
                        break
            except (OSError, SitrepError):
                document = None
        if document is None:
            to_draw.append(page)
        else:
            made[page.path] = document
    return to_draw, made


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
