"""Every kind of page, in both languages, opened in a real browser."""

from __future__ import annotations

import pytest

from .browserkit import (DESKTOP, LANGUAGES, MAIN_PAGES, PAGE_TYPES, PHONE, SCREENSHOTS, dump,
                      page_path)

OTHER = {"fr": "en", "en": "fr"}
EVERY_PAGE = [(name, lang) for lang in LANGUAGES for name in PAGE_TYPES]


def ids(params):
    return [f"{lang}-{name}" for name, lang in params]


@pytest.mark.parametrize(("name", "lang"), EVERY_PAGE, ids=ids(EVERY_PAGE))
def test_page_opens_without_errors(site, open_tab, name, lang):
    tab = open_tab()
    path = page_path(site, name, lang)
    response = tab.page.goto(site.url(path), wait_until="load")
    assert response is not None and response.ok, f"/{path}: HTTP {response and response.status}"
    assert tab.page.get_attribute("html", "lang") == lang
    assert tab.page.locator("main h1").count() >= 1, f"/{path} has no heading"
    tab.page.wait_for_timeout(50)          # let late scripts report
    assert tab.errors == [], f"/{path}:\n" + "\n".join(tab.errors)


@pytest.mark.parametrize("path", ["index.html", "404.html"])
def test_bilingual_pages_open_without_errors(site, open_tab, path):
    tab = open_tab()
    tab.page.goto(site.url(path), wait_until="load")
    for lang in LANGUAGES:
        link = tab.page.locator(f'section[lang="{lang}"] a.button')
        assert link.count() == 1, f"/{path}: no link to the {lang} site"
    tab.page.wait_for_timeout(50)
    assert tab.errors == [], f"/{path}:\n" + "\n".join(tab.errors)


@pytest.mark.parametrize(("name", "lang"), EVERY_PAGE, ids=ids(EVERY_PAGE))
def test_language_switcher_leads_to_the_same_page(site, open_tab, name, lang):
    tab = open_tab()
    path = page_path(site, name, lang)
    other = OTHER[lang]
    tab.page.goto(site.url(path))
    switch = tab.page.locator(f'.lang-switch a[hreflang="{other}"]')
    assert switch.count() == 1, f"/{path}: no switcher link to {other}"
    switch.click()
    tab.page.wait_for_load_state("load")
    expected = other + path[len(lang):]
    assert tab.page.url == site.url(expected)
    assert tab.page.get_attribute("html", "lang") == other
    back = tab.page.locator(f'.lang-switch a[hreflang="{lang}"]')
    assert back.get_attribute("href") and back.count() == 1
    back.click()
    tab.page.wait_for_load_state("load")
    assert tab.page.url == site.url(path)
    assert tab.errors == [], "\n".join(tab.errors)


@pytest.mark.parametrize(("name", "lang"), EVERY_PAGE, ids=ids(EVERY_PAGE))
def test_no_horizontal_scroll_on_a_phone(site, open_tab, name, lang):
    tab = open_tab(viewport=PHONE, device_scale_factor=1, is_mobile=True, has_touch=True)
    path = page_path(site, name, lang)
    tab.page.goto(site.url(path), wait_until="load")
    width = tab.page.evaluate("document.documentElement.scrollWidth")
    if width > PHONE["width"]:
        culprits = tab.page.evaluate("""(limit) => [...document.querySelectorAll('body *')]
            .filter(e => e.getBoundingClientRect().right > limit + 0.5
                         && !e.closest('.table-scroll'))
            .slice(0, 8).map(e => e.tagName.toLowerCase() + (e.className ? '.' + e.className : '')
                              + ' right=' + Math.round(e.getBoundingClientRect().right))""",
                                     PHONE["width"])
        pytest.fail(f"/{path} scrolls sideways at 390 px: scrollWidth {width}; "
                    f"wider elements: {dump(culprits)}", pytrace=False)


STACKED = """() => { const cells = [...document.querySelectorAll('table.facts tbody tr:first-child td')];
    const table = document.querySelector('table.facts');
    return {cells: cells.map(c => [getComputedStyle(c).display,
                                   getComputedStyle(c, '::before').content.replace(/"/g, '')]),
            wider: table.getBoundingClientRect().width > document.documentElement.clientWidth}; }"""


@pytest.mark.parametrize("lang", LANGUAGES)
def test_facts_stack_on_a_phone_and_line_up_on_a_desktop(site, open_tab, lang):
    """A fact's eight cells become labelled lines on a phone (the column names come from
    data-label, in the page's language), and stay a table row on a desktop."""
    path = page_path(site, "briefing", lang)
    phone = open_tab(viewport=PHONE, device_scale_factor=1, is_mobile=True, has_touch=True)
    phone.page.goto(site.url(path), wait_until="load")
    stacked = phone.page.evaluate(STACKED)
    labels = {"fr": "Fait", "en": "Fact"}[lang]
    assert len(stacked["cells"]) == 8 and not stacked["wider"], stacked
    assert all(display == "block" for display, _ in stacked["cells"]), stacked
    assert stacked["cells"][0][1] == labels and all(label for _, label in stacked["cells"])
    desktop = open_tab(viewport=DESKTOP)
    desktop.page.goto(site.url(path), wait_until="load")
    lined_up = desktop.page.evaluate(STACKED)
    assert all(display == "table-cell" for display, _ in lined_up["cells"]), lined_up


FOCUS_STYLE = """() => { const e = document.activeElement, s = getComputedStyle(e);
    return {tag: e.tagName.toLowerCase(), cls: e.className, id: e.id,
            inSwitch: !!e.closest('.lang-switch'), style: s.outlineStyle,
            width: parseFloat(s.outlineWidth), visible: e.matches(':focus-visible')}; }"""


def tab_until(page, wanted, limit=40):
    """Press Tab until the focused element matches wanted(info); the focus path if never."""
    seen = []
    for _ in range(limit):
        page.keyboard.press("Tab")
        info = page.evaluate(FOCUS_STYLE)
        if wanted(info):
            return info, seen
        seen.append(f"{info['tag']}.{info['cls']}#{info['id']}")
    return None, seen


@pytest.mark.parametrize("lang", LANGUAGES)
def test_keyboard_reaches_switcher_and_search_with_visible_focus(site, open_tab, lang):
    tab = open_tab()
    tab.page.goto(site.url(page_path(site, "search", lang)))
    tab.page.locator("body").focus()
    first, _ = tab_until(tab.page, lambda info: True, limit=1)
    assert first["cls"] == "skip-link", "the first Tab stop should be the skip link"
    assert first["style"] != "none" and first["width"] > 0
    assert tab.page.locator(".skip-link").bounding_box()["x"] >= 0, "the skip link stays hidden"
    switch, seen = tab_until(tab.page, lambda info: info["inSwitch"])
    assert switch is not None, f"Tab never reached the language switcher: {seen}"
    assert switch["visible"] and switch["style"] != "none" and switch["width"] > 0, switch
    box, seen = tab_until(tab.page, lambda info: info["id"] == "search-input")
    assert box is not None, f"Tab never reached the search box: {seen}"
    assert box["visible"] and box["style"] != "none" and box["width"] > 0, box


SHOTS = [(name, lang, width) for width in (PHONE["width"], DESKTOP["width"])
         for lang in LANGUAGES for name in MAIN_PAGES]


@pytest.mark.parametrize(("name", "lang", "width"), SHOTS,
                         ids=[f"{lang}-{name}-{width}" for name, lang, width in SHOTS])
def test_screenshot(site, open_tab, name, lang, width):
    """Full-page screenshots to look at, in test-artifacts/screenshots/."""
    viewport = PHONE if width == PHONE["width"] else DESKTOP
    tab = open_tab(viewport=viewport)
    tab.page.goto(site.url(page_path(site, name, lang)), wait_until="load")
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    target = SCREENSHOTS / f"{lang}-{name}-{width}.png"
    tab.page.screenshot(path=str(target), full_page=True)
    assert target.stat().st_size > 0
