"""The whole site built from the project's own content: every page type, in both languages,
with the content readers rely on (not only that the files exist)."""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path

import jsonschema
import pytest

from sitrep.facts_json import load_schema
from sitrep.pipeline import build_project

PROJECT = Path(__file__).resolve().parents[1]
UNTRANSLATED = "2024-12-05-traite-entree-en-vigueur"
STALE = "2024-12-24-premieres-estimations-pertes"
SEED = "2025-06-15-koursk-pertes-nord-coreennes"
ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("site")
    shutil.copytree(PROJECT / "content", folder / "content")
    shutil.copytree(PROJECT / "templates", folder / "templates")
    build_project(folder)
    return folder / "public"


def read(site: Path, path: str) -> str:
    return (site / path).read_text(encoding="utf-8")


class PageFacts(HTMLParser):
    """What a test needs to know of a page: its lang, links, alternates, headings."""

    def __init__(self) -> None:
        super().__init__()
        self.lang = None
        self.alternates: dict[str, str] = {}
        self.links: list[str] = []
        self.h1 = ""
        self._in_h1 = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "html":
            self.lang = attrs.get("lang")
        elif tag == "link" and attrs.get("rel") == "alternate" and attrs.get("hreflang"):
            self.alternates[attrs["hreflang"]] = attrs["href"]
        elif tag == "a" and attrs.get("href"):
            self.links.append(attrs["href"])
        elif tag == "h1":
            self._in_h1 = True

    def handle_endtag(self, tag):
        if tag == "h1":
            self._in_h1 = False

    def handle_data(self, data):
        if self._in_h1:
            self.h1 += data


def parse(site: Path, path: str) -> PageFacts:
    page = PageFacts()
    page.feed(read(site, path))
    return page


def html_pages(site: Path) -> list[str]:
    return sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html")
                  if not p.relative_to(site).as_posix().startswith("pagefind/"))


def test_every_page_has_its_counterpart_and_alternates(site):
    pages = html_pages(site)
    for path in pages:
        if path in ("index.html", "404.html"):
            continue
        lang, rest = path.split("/", 1)
        other = "en" if lang == "fr" else "fr"
        assert f"{other}/{rest}" in pages, f"{path} has no {other} counterpart"
        page = parse(site, path)
        assert page.lang == lang
        assert set(page.alternates) == {"fr", "en", "x-default"}, path
        assert page.alternates[other].endswith("/" + rest.removesuffix("index.html"))


def test_internal_links_resolve(site):
    for path in html_pages(site):
        for href in parse(site, path).links:
            if re.match(r"^[a-z]+:", href) or href.startswith("#"):
                continue
            target = href.split("#")[0]
            if path == "404.html":              # the only page with root-relative links
                continue
            resolved = (site / path).parent / target
            if target.endswith("/") or target in ("", "."):
                resolved = resolved / "index.html"
            assert resolved.resolve().exists(), f"{path} links to missing {href}"


def test_home_shows_key_figures_with_trend_and_latest_briefings(site):
    fr, en = read(site, "fr/index.html"), read(site, "en/index.html")
    assert "Chiffres clés" in fr and "Key figures" in en
    assert "plus de 6\u202f000" in fr and "more than 6,000" in en
    assert "Up from" in en and "En hausse" in fr            # trend since the previous estimate
    assert "Choïgou à Pyongyang" in fr                      # latest briefing listed
    assert 'lang="fr">Le traité' in en                        # untranslated title marked French


def test_untranslated_briefing_says_so_and_shows_facts_in_english(site):
    en = read(site, f"en/briefings/{UNTRANSLATED}/index.html")
    assert "has not been translated yet" in en
    assert '<div class="body" lang="fr">' in en
    assert "agreement" in en and "North Korea" in en


def test_stale_translation_is_flagged(site):
    en = read(site, f"en/briefings/{STALE}/index.html")
    assert "has changed since this translation" in en
    status = read(site, "en/translations/index.html")
    row = re.search(rf'<tr class="status-(\w+)">\s*<td><a href="[^"]*{STALE}/', status)
    assert row and row.group(1) == "stale"
    row = re.search(rf'<tr class="status-(\w+)">\s*<td><a href="[^"]*{UNTRANSLATED}/', status)
    assert row and row.group(1) == "missing"
    assert "translation out of date" in status and "no translation yet" in status
    assert "traduction à mettre à jour" in read(site, "fr/translations/index.html")


def test_briefing_page_links_facts_to_highlighted_sentences(site):
    fr = read(site, f"fr/briefings/{SEED}/index.html")
    anchors = re.findall(r'href="#(fact-[0-9a-z-]+)"', fr)
    assert anchors
    for anchor in anchors:
        assert f'<span class="anchor" id="{anchor}"></span>' in fr
    assert 'rel="prev"' in fr and 'rel="next"' in fr


def test_briefing_json_ld_links_the_translation(site):
    en = read(site, f"en/briefings/{SEED}/index.html")
    data = json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', en, re.S).group(1))
    assert data["@type"] == "Report" and data["inLanguage"] == "en"
    assert data["translationOfWork"]["url"].endswith(f"/fr/briefings/{SEED}/")


def test_timeline_lists_dated_events_by_month(site):
    fr, en = read(site, "fr/timeline/index.html"), read(site, "en/timeline/index.html")
    assert "août 2024" in fr and "August 2024" in en
    assert fr.index("août 2024") < fr.index("mars 2025")      # oldest first
    assert "Incursion" in fr and "Contre-offensive" in fr and "Counteroffensive" in en
    assert "début mars 2025" in fr and "early March 2025" in en
    assert f"briefings/{SEED}/#fact-" in fr


def test_figures_draw_series_with_a_table_beside(site):
    en = read(site, "en/figures/index.html")
    assert en.count('<svg class="chart"') >= 1
    svg = en[en.index('<svg class="chart"'):en.index("</svg>")]
    assert "<text" in svg and "&gt; 6,000" in svg                 # a lower bound, as stated
    assert "<table" in en and "UK Defence Intelligence" in en
    assert "South Korean National Intelligence Service" in en    # another source beside it
    fr = read(site, "fr/figures/index.html")
    assert "&gt; 6\u202f000" in fr


def test_actor_place_source_and_tag_pages(site):
    actor = read(site, "en/actors/KP/index.html")
    assert "<h1>North Korea</h1>" in actor and "more than 6,000" in actor
    place = read(site, "fr/places/RU-KRS/index.html")
    assert "oblast de Koursk" in place and "Soudja" not in parse(site, "fr/places/RU-KRS/index.html").h1
    source = read(site, "en/sources/uk-defence-intelligence/index.html")
    assert "UK Defence Intelligence" in source and SEED in source
    tag = read(site, "fr/tags/koursk/index.html")
    assert "Mot-clé : koursk" in tag and SEED in tag
    assert "koursk" in read(site, "en/tags/index.html")


def _entity_sections(page: str) -> tuple[str, list[str]]:
    """An entity page's facts section, and the briefings its list links to."""
    facts, briefings = page.split('id="facts-heading"')[1].split('id="briefings-heading"')
    return facts, re.findall(r'href="[./]*briefings/([^/"]+)/"', briefings)


def test_an_entity_page_lists_its_latest_briefings_and_says_how_many_there_are(site, tmp_path):
    import sitrep.site
    shutil.copytree(PROJECT / "content", tmp_path / "content")
    shutil.copytree(PROJECT / "templates", tmp_path / "templates")
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(sitrep.site, "MAX_BRIEFINGS_ON_ENTITY_PAGE", 2)
        build_project(tmp_path, search=False)
    for lang, said in (("en", "The latest 2 of {} briefings, newest first"),
                       ("fr", "Les 2 points de situation les plus récents sur {}")):
        whole_facts, everything = _entity_sections(read(site, f"{lang}/actors/KP/index.html"))
        page = read(tmp_path / "public", f"{lang}/actors/KP/index.html")
        facts, listed = _entity_sections(page)
        assert len(everything) > 2 and listed == everything[:2]       # the latest two
        assert said.format(len(everything)) in page and facts == whole_facts
        assert said.format(len(everything)) not in read(site, f"{lang}/actors/KP/index.html")


def test_method_page_explains_yardstick_and_dates(site):
    fr, en = read(site, "fr/method/index.html"), read(site, "en/method/index.html")
    assert "possibilité réaliste" in fr and "40–50 %" in fr
    assert "realistic possibility" in en and "meteorological" in en
    assert "Début mars" in fr or "« Début mars »" in fr


def test_feeds_are_atom_with_entries_per_language(site):
    for lang in ("fr", "en"):
        root = ET.fromstring((site / f"{lang}/feed.xml").read_bytes())
        assert root.tag == f"{ATOM}feed"
        assert root.find(f"{ATOM}id").text.endswith(f"/{lang}/feed.xml")
        entries = root.findall(f"{ATOM}entry")
        assert len(entries) >= 10
        assert entries[0].find(f"{ATOM}updated").text == root.find(f"{ATOM}updated").text
    en = ET.fromstring((site / "en/feed.xml").read_bytes())
    titles = [e.find(f"{ATOM}title").text for e in en.findall(f"{ATOM}entry")]
    assert any(t.startswith("North Korean losses") for t in titles)


def test_sitemap_lists_pages_with_alternates(site):
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}
    root = ET.fromstring((site / "sitemap.xml").read_bytes())
    urls = root.findall("s:url", ns)
    assert len(urls) == len([p for p in html_pages(site) if "/" in p])
    first = urls[0]
    langs = {link.get("hreflang") for link in first.findall("x:link", ns)}
    assert langs == {"fr", "en", "x-default"}
    assert "Sitemap: https://" in read(site, "robots.txt")


def test_facts_downloads(site):
    document = json.loads(read(site, "data/facts.json"))
    jsonschema.validate(document, load_schema())
    assert len(document["briefings"]) == len(list((PROJECT / "content/briefings").glob("*.fr.md")))
    for lang in ("fr", "en"):
        rows = list(csv.DictReader(io.StringIO(read(site, f"data/facts.{lang}.csv"))))
        assert len(rows) == sum(len(b["facts"]) for b in document["briefings"])
        seed_casualty = next(r for r in rows if r["briefing"] == SEED and r["kind"] == "casualties")
        assert seed_casualty["low"] == "6000" and seed_casualty["qualifier"] == "more_than"
    assert "plus de 6\u202f000" in read(site, "data/facts.fr.csv")


def test_search_index_is_split_by_language(site):
    entry = json.loads(read(site, "pagefind/pagefind-entry.json"))
    assert set(entry["languages"]) == {"fr", "en"}
    assert 'data-pagefind="../../pagefind/pagefind.js"' in read(site, "fr/search/index.html")


def test_root_and_404_are_bilingual(site):
    root = read(site, "index.html")
    assert 'lang="fr"' in root and 'lang="en"' in root
    page = read(site, "404.html")
    assert "Page introuvable" in page and "Page not found" in page
