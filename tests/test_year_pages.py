"""A timeline or figures page past sitrep.site.YEAR_SPLIT facts is split by year: each
fact on exactly one page, the latest year at the section's address, the others under
it, every page linking to every year; an edit makes only its year's pages again."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from golden import site_files
from sitrep.output import MARKER
from sitrep.pipeline import build_project

PROJECT = Path(__file__).resolve().parents[1]
SEED = "2025-06-15-koursk-pertes-nord-coreennes"
# A link from a timeline item or a chart row to the sentence of its fact.
FACT_LINK = re.compile(r'href="[./]*(?:\.\./)*briefings/([^/"]+)/#(fact-[^"]+)"')


def copy_project(folder: Path) -> Path:
    shutil.copytree(PROJECT / "content", folder / "content")
    shutil.copytree(PROJECT / "templates", folder / "templates")
    return folder


def read(site: Path, path: str) -> str:
    return (site / path).read_text(encoding="utf-8")


def fact_links(html: str) -> list[tuple[str, str]]:
    return FACT_LINK.findall(html.split("<main", 1)[1])


@pytest.fixture(scope="module")
def sites(tmp_path_factory) -> tuple[Path, Path]:
    """The project's site built whole, then with every section of more than three facts
    split by year."""
    import sitrep.site
    whole = copy_project(tmp_path_factory.mktemp("whole"))
    build_project(whole, search=False)
    split = copy_project(tmp_path_factory.mktemp("split"))
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(sitrep.site, "YEAR_SPLIT", 3)
        build_project(split, search=False)
    return whole / "public", split / "public"


@pytest.mark.parametrize("section", ["timeline", "figures"])
def test_each_fact_is_on_the_page_of_its_year_and_on_no_other(sites, section):
    whole, split = sites
    for lang in ("fr", "en"):
        everything = fact_links(read(whole, f"{lang}/{section}/index.html"))
        years = sorted(p.parent.name for p in (split / lang / section).glob("*/index.html"))
        assert years == ["2024"]                      # 2025, the latest, is the section itself
        latest = fact_links(read(split, f"{lang}/{section}/index.html"))
        earlier = fact_links(read(split, f"{lang}/{section}/2024/index.html"))
        assert latest and earlier
        assert sorted(latest + earlier) == sorted(everything)


def test_a_year_page_shows_its_months_and_says_which_year_it_is(sites):
    _whole, split = sites
    fr_2025, fr_2024 = read(split, "fr/timeline/index.html"), read(split, "fr/timeline/2024/index.html")
    assert "<h1>Chronologie : 2025</h1>" in fr_2025 and "<h1>Chronologie : 2024</h1>" in fr_2024
    assert "mars 2025" in fr_2025 and "août 2024" not in fr_2025
    assert "août 2024" in fr_2024 and "mars 2025" not in fr_2024
    en = read(split, "en/figures/2024/index.html")
    assert "<title>Figures: 2024 · " in en and "One page per year; this one shows 2024." in en


def test_every_year_page_links_to_the_others_and_marks_its_own(sites):
    _whole, split = sites
    latest, earlier = read(split, "en/timeline/index.html"), read(split, "en/timeline/2024/index.html")
    assert '<a href="2024/">2024</a>' in latest and '<span aria-current="page">2025</span>' in latest
    assert '<a href="../">2025</a>' in earlier and '<span aria-current="page">2024</span>' in earlier
    sitemap = read(split, "sitemap.xml")
    assert "/fr/timeline/2024/" in sitemap and "/en/figures/2024/" in sitemap


def test_a_section_under_the_limit_is_one_page_with_no_years(sites):
    whole, _split = sites
    fr = read(whole, "fr/timeline/index.html")
    assert "<h1>Chronologie</h1>" in fr and 'class="year-nav"' not in fr
    assert not list((whole / "fr" / "timeline").glob("*/index.html"))


def test_an_edit_makes_only_its_years_pages_again_and_equals_a_clean_build(tmp_path, monkeypatch):
    import sitrep.site
    monkeypatch.setattr(sitrep.site, "YEAR_SPLIT", 3)
    project = copy_project(tmp_path / "project")
    build_project(project, search=False)
    years_made: list[set[int]] = []
    real = sitrep.site.charts
    monkeypatch.setattr(sitrep.site, "charts", lambda data, lang, counted: years_made.append(
        {sitrep.site.as_of(f, s).year for f, s in counted}) or real(data, lang, counted))
    seed = project / "content" / "briefings" / f"{SEED}.fr.md"
    text = seed.read_text(encoding="utf-8")
    assert "dépassé les 6.000 lors" in text
    seed.write_text(text.replace("dépassé les 6.000 lors", "dépassé les 7.000 lors"), encoding="utf-8")
    build_project(project, search=False)
    assert years_made == [{2025}, {2025}]                # one per language; 2024 not made
    assert "7\u202f000" in read(project / "public", "fr/figures/index.html")
    clean = tmp_path / "clean"
    build_project(project, clean, search=False, use_cache=False)
    built = {p: b for p, b in site_files(project / "public").items() if p != MARKER}
    assert built == {p: b for p, b in site_files(clean).items() if p != MARKER}
