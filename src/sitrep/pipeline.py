"""The build: load, extract, pair, plan, render, write. Only the two ends touch the disk.

A build reuses what the last one computed: parsed and extracted briefings come from the
cache by the digest of their bytes, a page is drawn again only when its fingerprint
changed, and a file is written only when its bytes did. With nothing edited, the inputs'
stat signature says so and nothing is read at all; with only briefing texts edited, the
quick build (`quickbuild`) redraws their own pages without reading the rest. The result
is byte for byte the build from scratch (`--no-cache`), which the tests check.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from sitrep.cache import BuildCache, digest, folder_digest
from sitrep.collector import collector_paused
from sitrep.config import SiteConfig, load_config
from sitrep.content import load_briefing
from sitrep.datafiles import machine_files, share_sources
from sitrep.errors import ErrorCollector, SitrepError
from sitrep.extract import extract
from sitrep.fingerprint import (Fingerprinter, inputs_digest, outside_signature,
                                page_fingerprint, shared_fingerprint)
from sitrep.gazetteer import Gazetteer
from sitrep.manifest import (COMPILED, BuildState, Manifest, build_state, listing_stamp,
                             output_state, restat, save_manifest)
from sitrep.model import Report
from sitrep.output import MARKER
from sitrep.pair import Sitrep, pair
from sitrep.parallel import map_shares
from sitrep.progress import ProgressCallback
from sitrep.project import Content, load_content
from sitrep.quickbuild import quick_build
from sitrep.render import Page, Renderer
from sitrep.site import SiteData, footprint, plan, site_globals
from sitrep.sitefiles import SiteWriter, render_and_write
from sitrep.static import static_files
from sitrep.validate import check_references



@dataclass
class BuildResult:
    output: Path
    pages: int
    files: int
    rendered: int = 0          # pages drawn this time (the others were unchanged)
    written: int = 0           # files whose bytes changed
    unchanged: bool = False    # nothing was edited since the last build
    quick: bool = False        # only briefing texts were edited: their own pages redrawn


class Extractor:
    """Loads briefing files and extracts the French ones, reusing cached results."""

    def __init__(self, gazetteer: Gazetteer, gazetteer_digest: str, cache: BuildCache,
                 jobs: int | None, progress: ProgressCallback | None = None):
        self.gazetteer = gazetteer
        self.gazetteer_digest = gazetteer_digest
        self.cache = cache
        self.jobs = jobs
        self.progress = progress
        self.reports: dict[str, Report] = {}

    def _compute(self, paths) -> list:
        results = []
        for path in paths:
            try:
                briefing = load_briefing(path)
                report = extract(briefing, self.gazetteer) if briefing.language == "fr" else None
                results.append((briefing, report))
            except SitrepError as error:
                results.append(error)
        return results

    def load_all(self, paths: list[Path]) -> list:
        keys = []
        for path in paths:
            try:
                data = path.read_bytes()
            except OSError:
                data = b""                 # load_briefing reports the problem
            keys.append(digest("briefing", str(path), data, self.gazetteer_digest))
        cached = [self.cache.get(key) for key in keys]
        missing = [path for path, hit in zip(paths, cached) if hit is None]
        computed = iter(map_shares(self._compute, missing, self.jobs))
        results = []
        for key, hit in zip(keys, cached):
            entry = hit if hit is not None else next(computed)
            if isinstance(entry, SitrepError):
                results.append(entry)      # errors are never cached: they are cheap to find
                continue
            self.cache.put(key, entry)
            briefing, report = entry
            if report is not None:
                self.reports[briefing.id] = report
            results.append(briefing)
        if self.progress:
            self.progress("extract", len(paths), len(paths))
        return results


def load_project(root: Path, progress: ProgressCallback | None = None,
                 cache: BuildCache | None = None, jobs: int | None = None,
                 gazetteer_digest: str | None = None
                 ) -> tuple[SiteConfig, Content, list[Sitrep]]:
    """Read and check everything; every problem in every file is reported at once."""
    errors = ErrorCollector()
    config = load_config(root / "content" / "site.yaml", errors)
    extractors: list[Extractor] = []

    def loader_for(gazetteer: Gazetteer):
        extractor = Extractor(gazetteer, gazetteer_digest
                              or folder_digest(root / "content" / "gazetteer"),
                              cache or BuildCache(None), jobs, progress)
        extractors.append(extractor)
        return extractor.load_all

    content = load_content(root / "content", errors, loader_for)
    check_references(content, errors)
    errors.raise_if_any()
    reports = [extractors[0].reports[b.id] for b in content.briefings if b.language == "fr"]
    return config, content, pair(reports, content.briefings)


@dataclass
class PlannedSite:
    renderer: Renderer
    data: SiteData
    pages: list[Page]
    globals: dict


def plan_site(root: Path, config: SiteConfig, content: Content, sitreps: list[Sitrep],
              signatures: dict[str, str] | None = None,
              fingerprinter: Fingerprinter | None = None,
              cache_dir: Path | None = None) -> PlannedSite:
    """The site's pages; given the briefings' outside signatures, the pages drawn from
    many facts are fingerprinted without being made (see SiteData.signatures)."""
    renderer = Renderer(root / "templates", config.languages,
                        cache_dir / COMPILED if cache_dir is not None else None)
    data = SiteData(config, sitreps, content.gazetteer, renderer.localizers, signatures,
                    fingerprinter=fingerprinter or Fingerprinter())
    return PlannedSite(renderer, data, plan(data), site_globals(config))


def _render_pages(site: PlannedSite, pages: list[Page]) -> Iterator[tuple[str, bytes]]:
    """Each page drawn as it is asked for, so a worker holds one page's bytes at a time."""
    for page in pages:
        yield page.path, site.renderer.render(page, site.globals).encode("utf-8")


def render_site(root: Path, config: SiteConfig, content: Content, sitreps: list[Sitrep],
                progress: ProgressCallback | None = None) -> tuple[dict[str, bytes], int]:
    """Every output file as bytes (search index aside), and how many are pages: for
    `sitrep check` and tests, which keep the whole site in memory."""
    site = plan_site(root, config, content, sitreps)
    files = dict(_render_pages(site, site.pages))
    if progress:
        progress("render", len(site.pages), len(site.pages))
    files.update(static_files(root / "templates" / "static"))
    files.update(machine_files(root, site.data, site.pages))
    return files, len(site.pages)


def build_project(root: Path, output: Path | None = None,
                  progress: ProgressCallback | None = None, *, search: bool = True,
                  use_cache: bool = True, jobs: int | None = None,
                  state: BuildState | None = None) -> BuildResult:
    """Build the site into output (default: public/). progress(stage, done, total), if
    given, is told the counts as the build goes. `state`, if given, is build_state()
    with the same arguments, taken just before."""
    with collector_paused():
        return _build(root, output, progress, search, use_cache, jobs, state)


def _build(root: Path, output: Path | None, progress: ProgressCallback | None, search: bool,
           use_cache: bool, jobs: int | None, state: BuildState | None) -> BuildResult:
    if state is None:
        state = build_state(root, output, search=search, use_cache=use_cache)
    output, cache_dir, manifest, settings = \
        state.output, state.cache_dir, state.manifest, state.settings
    input_now, inputs, listing, output_stamp = \
        state.inputs, state.input_stamp, state.listing, state.output_stamp
    output_files = set(listing) - {MARKER}
    if state.unchanged:
        return BuildResult(output, len(manifest.pages), len(manifest.files), unchanged=True)
    if manifest is not None and output_files != set(manifest.files):
        manifest = None         # files were added or removed by hand: build it afresh
    if manifest is not None and manifest.output == output_stamp \
            and manifest.settings == settings:
        quick = quick_build(root, output, manifest, input_now, listing, search, cache_dir)
        if quick is not None:
            save_manifest(cache_dir, output, quick.manifest)
            return BuildResult(output, len(quick.manifest.pages), len(quick.manifest.files),
                               quick.rendered, quick.written, quick=True)

    cache = BuildCache(cache_dir)
    gazetteer_digest = folder_digest(root / "content" / "gazetteer")
    config, content, sitreps = load_project(root, progress, cache, jobs, gazetteer_digest)
    fingerprinter = Fingerprinter()
    signatures = _signatures(root, sitreps, manifest, settings, input_now, fingerprinter) \
        if cache_dir is not None else None
    site = plan_site(root, config, content, sitreps, signatures, fingerprinter, cache_dir)
    shared = shared_fingerprint(root, config, gazetteer_digest)
    fingerprints: dict[str, str] = {}
    if manifest is None:            # every page is drawn; fingerprints are taken as it is
        stale = list(site.pages)
    else:                           # in this process, so contexts made are there to draw
        known = {path: (inputs, manifest.pages[path])
                 for path, inputs in manifest.page_inputs.items() if path in manifest.pages}
        fingerprints = dict(zip((page.path for page in site.pages),
                                _fingerprints(shared, site.pages, fingerprinter, known)))
        stale = [page for page in site.pages
                 if manifest.pages.get(page.path) != fingerprints[page.path]]

    writer = SiteWriter(output, manifest)

    def render(pages: list[Page]) -> Iterator[tuple[str, bytes]]:
        return _render_pages(site, pages)

    def draw_and_write(pages: list[Page]) -> list[tuple[str, str, str]]:
        """In a worker: each page drawn, written, and its fingerprint taken (unless
        nothing is remembered), as (path, digest, fingerprint)."""
        written = render_and_write(writer.folder, render, pages)
        taken = _fingerprints(shared, pages, fingerprinter) if cache_dir is not None \
            else [""] * len(pages)
        return [(path, code, fingerprint) for (path, code), fingerprint in zip(written, taken)]

    with writer.undone_on_failure():
        if writer.fresh:            # workers write straight into the fresh folder
            drawn = map_shares(draw_and_write, stale, jobs)
            writer.add_written([(path, code) for path, code, _ in drawn])
            if cache_dir is not None:
                fingerprints = {path: fingerprint for path, _, fingerprint in drawn}
        else:                       # changed pages staged by the workers, moved in at the end
            writer.add_staged(map_shares(lambda pages: writer.stage_pages(render(pages)),
                                         stale, jobs))
        if progress:
            progress("render", len(stale), len(stale))
        stale_paths = {page.path for page in stale}
        writer.keep([page.path for page in site.pages if page.path not in stale_paths])
        for path, data in static_files(root / "templates" / "static").items():
            writer.add(path, data)
        made_from = share_sources(root, site.data, shared)
        for path, data in machine_files(root, site.data, site.pages, cache, shared,
                                        made_from).items():
            writer.add(path, data)
        written = writer.finish(search=search)
    cache.save()
    if writer.fresh:
        output_stamp = output_state(output)[0]
    else:                       # the files written or removed, rather than walk them all
        restat(output, listing, writer.touched)
        output_stamp = listing_stamp(listing)
    if cache_dir is not None:
        save_manifest(cache_dir, output, Manifest(
            writer.build_id, digest(inputs, output_stamp), fingerprints, writer.digests,
            settings, input_now, output_stamp, [s.id for s in sitreps], signatures,
            {s.id: s.translation_status for s in sitreps},
            {page.path: inputs_digest(shared, page) for page in site.pages
             if page.inputs_are_coarse and page.inputs is not None},
            _footprints(sitreps, signatures, manifest, settings, fingerprinter), made_from))
    return BuildResult(output, len(site.pages), len(writer.digests), len(stale), written)


def _fingerprints(shared: str, pages: list[Page], fingerprinter: Fingerprinter,
                  known: dict[str, tuple[str, str]] | None = None) -> list[str]:
    return [page_fingerprint(shared, page, fingerprinter, known) for page in pages]


def _footprints(sitreps: list[Sitrep], signatures: dict[str, str], previous: Manifest | None,
                settings: str, fingerprinter: Fingerprinter) -> dict[str, dict]:
    """Each briefing's footprint (site.footprint); the last build's stands for a briefing
    whose outside signature is as it was (the footprint is drawn from what it digests),
    when the code and settings are too."""
    known = previous.footprints if previous is not None and previous.settings == settings \
        else {}
    return {s.id: known[s.id] if s.id in known and previous.signatures.get(s.id) == signatures[s.id]
            else footprint(s, fingerprinter.of) for s in sitreps}


def _signatures(root: Path, sitreps: list[Sitrep], previous: Manifest | None,
                settings: str, inputs: dict[str, str],
                fingerprinter: Fingerprinter) -> dict[str, str]:
    """Each briefing's outside signature. The last build's stands for a briefing whose
    files are as they were, when the code, the settings and the gazetteer are too and
    no briefing file was added or removed (which could change a translation status)."""
    reuse = previous is not None and previous.settings == settings and all(
        previous.inputs.get(path) == stat for path, stat in inputs.items()
        if path.startswith("content/gazetteer/")) and {
        path for path in inputs if path.startswith("content/briefings/")} == {
        path for path in previous.inputs if path.startswith("content/briefings/")}

    def unchanged(path: Path) -> bool:
        key = path.relative_to(root).as_posix() if path.is_relative_to(root) else ""
        return key in inputs and previous.inputs.get(key) == inputs[key]

    signatures = {}
    for s in sitreps:
        known = previous.signatures.get(s.id) if reuse else None
        if known is not None and all(unchanged(b.path) for b in (s.fr, s.en) if b is not None):
            signatures[s.id] = known
        else:
            signatures[s.id] = outside_signature(s, fingerprinter)
    return signatures


def check_project(root: Path) -> list[SitrepError]:
    """Validate all content and render every page in memory; return the warnings."""
    config, content, sitreps = load_project(root)
    render_site(root, config, content, sitreps)
    from sitrep.consistency import consistency_warnings
    return consistency_warnings(sitreps)
