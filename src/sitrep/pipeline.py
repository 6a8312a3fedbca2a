"""The build: load, extract, pair, plan, render, write. Only the two ends touch the disk."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from sitrep.config import SiteConfig, load_config
from sitrep.errors import ErrorCollector, SitrepError
from sitrep.extract import extract
from sitrep.facts_json import facts_document
from sitrep.output import check_output_dir, write_site
from sitrep.pair import Sitrep, pair
from sitrep.project import Content, load_content
from sitrep.render import Renderer
from sitrep.site import NAV, SiteData, plan
from sitrep.static import static_files
from sitrep.validate import check_references


@dataclass
class BuildResult:
    output: Path
    pages: int
    files: int


def load_project(root: Path) -> tuple[SiteConfig, Content, list[Sitrep]]:
    """Read and check everything; every problem in every file is reported at once."""
    errors = ErrorCollector()
    config = load_config(root / "content" / "site.yaml", errors)
    content = load_content(root / "content", errors)
    check_references(content, errors)
    reports = []
    for briefing in content.briefings:
        if briefing.language == "fr":
            with errors.collect():
                reports.append(extract(briefing, content.gazetteer))
    errors.raise_if_any()
    return config, content, pair(reports, content.briefings)


def render_site(root: Path, config: SiteConfig, content: Content,
                sitreps: list[Sitrep]) -> tuple[dict[str, bytes], int]:
    """Every output file as bytes, and how many of them are pages."""
    renderer = Renderer(root / "templates", config.languages)
    data = SiteData(config, sitreps, content.gazetteer)
    pages = plan(data, renderer.localizers)
    site_globals = {"site": config, "languages": config.languages, "nav": NAV}
    files: dict[str, bytes] = {}
    for page in pages:
        files[page.path] = renderer.render(page, site_globals).encode("utf-8")
    files.update(static_files(root / "templates" / "static"))
    files["data/facts.json"] = _json_bytes(facts_document([s.report for s in sorted(sitreps, key=lambda s: s.id)], root.resolve()))
    return files, len(pages)


def _json_bytes(document: dict) -> bytes:
    import json
    return (json.dumps(document, ensure_ascii=False, indent=1) + "\n").encode("utf-8")


def build_project(root: Path, output: Path | None = None) -> BuildResult:
    output = output if output is not None else root / "public"
    check_output_dir(output, root)
    config, content, sitreps = load_project(root)
    files, pages = render_site(root, config, content, sitreps)
    write_site(output, files)
    return BuildResult(output, pages, len(files))


def check_project(root: Path) -> list[SitrepError]:
    """Validate all content and render every page in memory; return the warnings."""
    config, content, sitreps = load_project(root)
    render_site(root, config, content, sitreps)
    from sitrep.consistency import consistency_warnings
    return consistency_warnings(sitreps)
