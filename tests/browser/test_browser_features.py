"""What the pages do: evidence highlighting, readable charts, search."""

from __future__ import annotations

import json

import pytest

from .browserkit import DESKTOP, LANGUAGES, dump, page_path

MIN_FONT_PX = 10

MARK_STATE = """(id) => { const anchor = document.getElementById(id);
    const mark = anchor && anchor.closest('mark.evidence');
    if (!mark) return null;
    const s = getComputedStyle(mark), r = mark.getBoundingClientRect();
    return {background: s.backgroundColor, outline: s.outlineStyle,
            outlineWidth: parseFloat(s.outlineWidth), top: r.top, bottom: r.bottom,
            left: r.left, right: r.right, height: innerHeight, width: innerWidth,
            targeted: mark.matches(':has(.anchor:target)')}; }"""


def site_fact_kinds(site) -> set[str]:
    """The kinds of the facts the built site publishes (data/facts.json)."""
    document = json.loads((site.root / "data" / "facts.json").read_text("utf-8"))
    return {fact["kind"] for entry in document["briefings"] for fact in entry["facts"]}


def briefing_with_facts(site, lang: str) -> str | None:
    """The path of a briefing whose facts table links to its sentences, if any has facts."""
    for briefing_id in reversed(site.briefing_ids()):
        html = (site.root / lang / "briefings" / briefing_id / "index.html").read_text("utf-8")
        if 'class="evidence-link"' in html:
            return f"{lang}/briefings/{briefing_id}/"
    return None


@pytest.mark.parametrize("lang", LANGUAGES)
def test_fact_link_scrolls_to_and_highlights_its_sentence(site, open_tab, lang):
    path = briefing_with_facts(site, lang)
    if path is None:
        pytest.skip("no briefing has extracted facts yet: nothing to link to")
    tab = open_tab(viewport={"width": DESKTOP["width"], "height": 700})
    page = tab.page
    page.goto(site.url(path), wait_until="load")
    links = page.locator("table.facts a.evidence-link")
    # The last fact's link: its sentence is well below the fold, so it must scroll there.
    link = links.nth(links.count() - 1)
    anchor = link.get_attribute("href").split("#", 1)[1]
    page_of_evidence = path if lang == "fr" else "fr" + path[2:]
    if lang == "fr":
        before = page.evaluate(MARK_STATE, anchor)
        assert before is not None, f"#{anchor} is not inside a mark.evidence on /{path}"
        assert not before["targeted"]
    else:
        assert link.get_attribute("hreflang") in (None, "fr")
    link.click()
    page.wait_for_url(f"**/{page_of_evidence}#{anchor}")
    page.wait_for_function("(id) => location.hash === '#' + id", arg=anchor)
    page.wait_for_timeout(100)
    if lang != "fr":
        page.goto(site.url(page_of_evidence), wait_until="load")   # the unmarked state
        before = page.evaluate(MARK_STATE, anchor)
        page.goto(site.url(f"{page_of_evidence}#{anchor}"), wait_until="load")
        page.wait_for_timeout(100)
    after = page.evaluate(MARK_STATE, anchor)
    assert after is not None, f"#{anchor} is not inside a mark.evidence on /{page_of_evidence}"
    assert after["targeted"], "the linked mark does not match :has(.anchor:target)"
    assert after["outline"] != "none" and after["outlineWidth"] > 0, dump(after)
    assert after["background"] != before["background"], dump([before, after])
    assert 0 <= after["top"] and after["bottom"] <= after["height"], \
        f"the highlighted sentence is not in the viewport: {dump(after)}"
    assert tab.errors == [], "\n".join(tab.errors)


CHART_TEXT = """(selector) => [...document.querySelectorAll(selector)]
    .filter(svg => svg.getAttribute('aria-hidden') !== 'true')
    .map(svg => ({
      cls: svg.getAttribute('class'), label: svg.getAttribute('aria-label') || '',
      title: (svg.querySelector('title') || {}).textContent || '',
      width: svg.getBoundingClientRect().width,
      texts: [...svg.querySelectorAll('text')].map(t => ({
        text: t.textContent.trim(),
        px: parseFloat(getComputedStyle(t).fontSize) * t.getScreenCTM().a,
        height: t.getBoundingClientRect().height}))}))"""


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("name", ["figures", "timeline"])
def test_svg_charts_have_readable_labels(site, open_tab, name, lang):
    tab = open_tab()
    path = page_path(site, name, lang)
    tab.page.goto(site.url(path), wait_until="load")
    charts = tab.page.evaluate(CHART_TEXT, "main svg")
    kinds = site_fact_kinds(site)
    if name == "figures" and "casualties" in kinds:
        assert charts, f"/{path}: no chart although there are casualty figures"
    if name == "timeline" and kinds & {"event", "deployment"}:
        assert tab.page.locator(".timeline-item").count() > 0, f"/{path}: no dated events"
    if not charts and name == "timeline":
        # The timeline is drawn as a list, not an SVG: its words must be readable all the same.
        sizes = tab.page.evaluate("""() => [...document.querySelectorAll('.timeline-item *')]
            .map(e => parseFloat(getComputedStyle(e).fontSize))""")
        assert all(size >= MIN_FONT_PX for size in sizes), sizes
        return
    if not charts:
        pytest.skip(f"/{path} has no SVG chart: no casualty figures yet")
    for chart in charts:
        assert chart["label"] or chart["title"], f"/{path}: a chart has no accessible name"
        assert chart["texts"], f"/{path}: a chart has no text labels: {dump(chart)}"
        small = [t for t in chart["texts"] if t["px"] < MIN_FONT_PX]
        assert not small, f"/{path}: labels under {MIN_FONT_PX} px at 1280 px: {dump(small)}"
        assert all(t["text"] for t in chart["texts"]), f"/{path}: an empty label"
    assert tab.errors == [], "\n".join(tab.errors)


SEARCHES = {"fr": "soldats", "en": "soldiers"}


@pytest.mark.parametrize("lang", LANGUAGES)
def test_search_finds_a_word_in_the_page_language(site, open_tab, lang):
    tab = open_tab()
    page = tab.page
    page.goto(site.url(page_path(site, "search", lang)), wait_until="load")
    page.fill("#search-input", SEARCHES[lang])
    page.press("#search-input", "Enter")
    results = page.locator(".search-results li a")
    results.first.wait_for(timeout=10_000)
    hrefs = [results.nth(i).get_attribute("href") for i in range(results.count())]
    assert hrefs, f"no result for {SEARCHES[lang]!r}"
    assert all(f"/{lang}/briefings/" in href for href in hrefs), hrefs
    assert page.locator(".search-results mark").count() > 0, "the hits are not highlighted"
    status = page.locator(".search-status").inner_text()
    assert status.strip(), "the status line says nothing"
    results.first.click()
    page.wait_for_load_state("load")
    assert page.url.startswith(site.url(f"{lang}/briefings/"))
    assert tab.errors == [], "\n".join(tab.errors)
