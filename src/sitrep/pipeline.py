"""The build: load, extract, pair, plan, render, write. Only the two ends touch the disk."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from sitrep import labels
from sitrep.config import SiteConfig, load_config
from sitrep.errors import ErrorCollector, SitrepError
from sitrep.extract import extract
from sitrep.downloads import facts_csv
from sitrep.facts_json import facts_document
from sitrep.feeds import atom_feed, robots, sitemap
from sitrep.markup import render_body
from sitrep.output import check_output_dir, write_site
from sitrep.pair import Sitrep, pair
from sitrep.progress import ProgressCallback
from sitrep.project import Content, load_content
from sitrep.render import Renderer
from sitrep.search import search_index
from sitrep.site import NAV, SiteData, plan
from sitrep.static import static_files
from sitrep.validate import check_references


@dataclass
class BuildResult:
    output: Path
    pages: int
    files: int


def load_project(root: Path, progress: ProgressCallback | None = None
                 ) -> tuple[SiteConfig, Content, list[Sitrep]]:
    """Read and check everything; every problem in every file is reported at once."""
    errors = ErrorCollector()
    config = load_config(root / "content" / "site.yaml", errors)
    content = load_content(root / "content", errors)
    check_references(content, errors)
    reports = []
    french = [b for b in content.briefings if b.language == "fr"]
    for done, briefing in enumerate(french, start=1):
        with errors.collect():
            reports.append(extract(briefing, content.gazetteer))
        if progress:
            progress("extract", done, len(french))
    errors.raise_if_any()
    return config, content, pair(reports, content.briefings)


def render_site(root: Path, config: SiteConfig, content: Content, sitreps: list[Sitrep],
                progress: ProgressCallback | None = None) -> tuple[dict[str, bytes], int]:
    """Every output file as bytes, and how many of them are pages."""
    renderer = Renderer(root / "templates", config.languages)
    data = SiteData(config, sitreps, content.gazetteer, renderer.localizers)
    pages = plan(data)
    site_globals = {"site": config, "languages": config.languages, "nav": NAV,
                    "status_labels": labels.TRANSLATION_STATUS,
                    "yardstick_french": labels.YARDSTICK_FRENCH,
                    "confidence_labels": labels.CONFIDENCE}
    files: dict[str, bytes] = {}
    for done, page in enumerate(pages, start=1):
        files[page.path] = renderer.render(page, site_globals).encode("utf-8")
        if progress:
            progress("render", done, len(pages))
    files.update(static_files(root / "templates" / "static"))
    files.update(machine_files(root, data, pages, renderer))
    files.update(search_index(files))
    return files, len(pages)


def machine_files(root: Path, data: SiteData, pages: list, renderer: Renderer) -> dict[str, bytes]:
    """Feeds, sitemap, robots.txt and the facts downloads."""
    config, sitreps = data.config, data.sitreps
    by_id = sorted(sitreps, key=lambda s: s.id)
    files = {"data/facts.json": _json_bytes(facts_document([s.report for s in by_id],
                                                           root.resolve())),
             "sitemap.xml": sitemap(config, pages), "robots.txt": robots(config)}
    bodies = {(s.id, b.language): render_body(b.body) for s in sitreps
              for b in (s.fr, s.en) if b is not None}
    for lang in config.languages:
        files[f"{lang}/feed.xml"] = atom_feed(config, sitreps, lang, bodies, config.title[lang])
        files[f"data/facts.{lang}.csv"] = facts_csv(data.views(lang, data.facts))
    return files


def _json_bytes(document: dict) -> bytes:
    import json
    return (json.dumps(document, ensure_ascii=False, indent=1) + "\n").encode("utf-8")


def build_project(root: Path, output: Path | None = None,
                  progress: ProgressCallback | None = None) -> BuildResult:
    """progress(stage, done, total), if given, is told the counts as the build goes."""
    output = output if output is not None else root / "public"
    check_output_dir(output, root)
    config, content, sitreps = load_project(root, progress)
    files, pages = render_site(root, config, content, sitreps, progress)
    write_site(output, files)
    return BuildResult(output, pages, len(files))


def check_project(root: Path) -> list[SitrepError]:
    """Validate all content and render every page in memory; return the warnings."""
    config, content, sitreps = load_project(root)
    render_site(root, config, content, sitreps)
    from sitrep.consistency import consistency_warnings
    return consistency_warnings(sitreps)
