"""Plan the site: which pages and data files exist, per language, and what each shows."""

from __future__ import annotations

from dataclasses import dataclass

from sitrep.config import SiteConfig
from sitrep.gazetteer import Gazetteer
from sitrep.localize import Localizer
from sitrep.markup import render_body
from sitrep.pair import Sitrep
from sitrep.render import Page
from sitrep.views import FactView, evidence_anchors, fact_view

LATEST_ON_HOME = 10
# Sections in the main navigation: (path under /<lang>/, message).
NAV: list[tuple[str, str]] = []


@dataclass
class SiteData:
    """Everything the pages are drawn from."""
    config: SiteConfig
    sitreps: list[Sitrep]              # newest first
    gazetteer: Gazetteer


def briefing_url(lang: str, briefing_id: str) -> str:
    return f"{lang}/briefings/{briefing_id}/"


def section_url(lang: str, section: str = "") -> str:
    return f"{lang}/{section}/" if section else f"{lang}/"


def _alternates(config: SiteConfig, section: str) -> dict[str, str]:
    return {lang: section_url(lang, section) for lang in config.languages}


def fact_sort_key(view: FactView) -> tuple:
    fact = view.fact
    when = fact.when.start.isoformat() if fact.when else ""
    return (("casualties", "deployment", "event").index(fact.kind), when, fact.id)


def key_figures(data: SiteData, loc: Localizer) -> list[FactView]:
    """The latest casualty estimate per actor and category, with the one before it."""
    latest: dict[tuple, list] = {}
    for sitrep in sorted(data.sitreps, key=lambda s: (s.date, s.id)):
        for fact in sitrep.facts:
            if fact.kind != "casualties" or fact.quantity is None:
                continue
            latest.setdefault((fact.actor or "", fact.category), []).append((fact, sitrep))
    views = []
    for key in sorted(latest):
        fact, sitrep = latest[key][-1]
        views.append(fact_view(fact, sitrep, loc, data.gazetteer))
    return views


def briefing_pages(data: SiteData, sitrep: Sitrep, renderers: dict[str, Localizer],
                   newer: Sitrep | None, older: Sitrep | None) -> list[Page]:
    pages = []
    anchors = evidence_anchors(sitrep.facts)
    body_html = {"fr": render_body(sitrep.fr.body, anchors)}
    if sitrep.en is not None:
        body_html["en"] = render_body(sitrep.en.body)
    for lang in data.config.languages:
        loc = renderers[lang]
        facts = sorted((fact_view(f, sitrep, loc, data.gazetteer) for f in sitrep.facts),
                       key=fact_sort_key)
        shown = sitrep.briefing(lang)
        pages.append(Page(
            path=briefing_url(lang, sitrep.id) + "index.html",
            template="briefing.html", lang=lang,
            context={"sitrep": sitrep, "briefing": shown, "body_html": body_html[shown.language],
                     "body_lang": shown.language, "facts": facts,
                     "source_name": data.gazetteer.name("sources", sitrep.fr.source, lang),
                     "newer": newer, "older": older},
            alternates={l: briefing_url(l, sitrep.id) for l in data.config.languages}))
    return pages


def plan(data: SiteData, localizers: dict[str, Localizer]) -> list[Page]:
    """Every page of the site, in a fixed order."""
    config = data.config
    pages = [Page("index.html", "root.html", None, {}, _alternates(config, ""))]
    for lang in config.languages:
        loc = localizers[lang]
        pages.append(Page(section_url(lang) + "index.html", "home.html", lang,
                          {"key_figures": key_figures(data, loc),
                           "latest": data.sitreps[:LATEST_ON_HOME]},
                          _alternates(config, "")))
    for index, sitrep in enumerate(data.sitreps):
        newer = data.sitreps[index - 1] if index > 0 else None
        older = data.sitreps[index + 1] if index + 1 < len(data.sitreps) else None
        pages.extend(briefing_pages(data, sitrep, localizers, newer, older))
    return pages
