"""Constants and helpers shared by the browser tests (fixtures live in conftest.py)."""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from pathlib import Path

import pytest

PROJECT = Path(__file__).resolve().parents[2]
CHROMIUM = Path(os.environ.get("SITREP_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
VNU_JAR = PROJECT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
AXE_JS = PROJECT / "node_modules" / "axe-core" / "axe.min.js"
SCREENSHOTS = PROJECT / "test-artifacts" / "screenshots"
LANGUAGES = ("fr", "en")
DESKTOP = {"width": 1280, "height": 800}
PHONE = {"width": 390, "height": 844}

# Every kind of page under /<lang>/; "*" picks the last (newest) entry in the build.
PAGE_TYPES = {
    "home": "",
    "briefings": "briefings/",
    "briefing": "briefings/*/",
    "timeline": "timeline/",
    "figures": "figures/",
    "actors": "actors/",
    "actor": "actors/*/",
    "places": "places/",
    "place": "places/*/",
    "sources": "sources/",
    "source": "sources/*/",
    "tags": "tags/",
    "tag": "tags/*/",
    "method": "method/",
    "translations": "translations/",
    "search": "search/",
}
MAIN_PAGES = ("home", "briefing", "timeline", "figures")


def in_ci() -> bool:
    return os.environ.get("CI", "").lower() not in ("", "0", "false", "no")


def missing(what: str) -> None:
    """A tool the browser tests need is not there: a failure in CI, a skip elsewhere."""
    message = f"{what} (run .ci/run, or see /work/shared/TOOLCHAIN.md)"
    if in_ci():
        pytest.fail(f"CI: {message}", pytrace=False)
    pytest.skip(message)


@dataclass
class Site:
    """The built site: its folder, its address, and a path per page type and language."""
    root: Path
    base: str
    paths: dict[tuple[str, str], str] = field(default_factory=dict)

    def url(self, path: str) -> str:
        return self.base + path

    def html_pages(self) -> list[str]:
        """Every HTML page as a site path ("fr/briefings/x/", "404.html")."""
        pages = []
        for file in sorted(self.root.rglob("*.html")):
            rel = file.relative_to(self.root).as_posix()
            pages.append(rel[: -len("index.html")] if rel.endswith("index.html") else rel)
        return pages

    def briefing_ids(self) -> list[str]:
        return sorted(p.name for p in (self.root / "fr" / "briefings").iterdir() if p.is_dir())


def page_path(site: Site, name: str, lang: str) -> str:
    path = site.paths.get((name, lang))
    if path is None:
        pytest.fail(f"the built site has no {name} page in {lang} "
                    f"(looked for /{lang}/{PAGE_TYPES[name]})", pytrace=False)
    return path


def dump(data) -> str:
    return json.dumps(data, ensure_ascii=False, indent=1)
