"""Plan the site: which pages exist, per language, and what each one shows."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from functools import cached_property, partial

from sitrep import labels
from sitrep.cache import digest
from sitrep.charts import Series, casualty_series, draw_chart
from sitrep.config import SiteConfig
from sitrep.content import tag_slug
from sitrep.feeds import json_ld
from sitrep.fingerprint import Fingerprinter, briefing_inputs
from sitrep.gazetteer import Gazetteer
from sitrep.keyfigures import Estimate, as_of, estimates_of, key_figures
from sitrep.listing import Listing
from sitrep.localize import Localizer
from sitrep.markup import render_body
from sitrep.model import Fact
from sitrep.pair import Sitrep
from sitrep.render import Page
from sitrep.views import FactView, evidence_anchors, fact_view

LATEST_ON_HOME = 8
# An actor of a ten-year archive has tens of thousands of facts: its page shows the
# latest ones and points to the downloads for the rest.
MAX_FACTS_ON_ENTITY_PAGE = 200
# Likewise the briefings it lists: the latest ones, with the number of all of them.
MAX_BRIEFINGS_ON_ENTITY_PAGE = 100
# The timeline and the figures are split by year past this many facts (see year_pages).
YEAR_SPLIT = 500
# Sections in the main navigation: (path under /<lang>/, message).
NAV: list[tuple[str, str]] = [
    ("briefings", labels.N_("Briefings")),
    ("timeline", labels.N_("Timeline")),
    ("figures", labels.N_("Figures")),
    ("actors", labels.N_("Actors")),
    ("method", labels.N_("Method")),
    ("search", labels.N_("Search")),
]


def site_globals(config: SiteConfig) -> dict:
    """What every template can read besides its page's context."""
    return {"site": config, "languages": config.languages, "nav": NAV,
            "status_labels": labels.TRANSLATION_STATUS,
            "yardstick_french": labels.YARDSTICK_FRENCH, "confidence_labels": labels.CONFIDENCE}


@dataclass
class SiteData:
    """Everything the pages are drawn from."""
    config: SiteConfig
    sitreps: list[Sitrep]              # newest first
    gazetteer: Gazetteer
    localizers: dict[str, Localizer] = field(default_factory=dict)
    # Each briefing's outside signature (fingerprint.outside_signature), when the build
    # keeps fingerprints: pages drawn from many briefings then name their inputs by
    # them, and are made only when drawn.
    signatures: dict[str, str] | None = None
    # Every briefing's casualty estimates, oldest briefing first, when `sitreps` holds
    # only some briefings (a fact edit's quick build): the key figures are chosen from
    # them. None: taken from `sitreps`, which then holds them all.
    estimates: list[Estimate] | None = None
    # How lists show every briefing, newest first, and each one's translation status,
    # likewise given when `sitreps` holds only some; None: made from `sitreps`.
    listings: list[Listing] | None = None
    statuses: dict[str, str] | None = None

    def __post_init__(self) -> None:
        if self.listings is None:
            self.listings = [Listing.of(s) for s in self.sitreps]
        if self.statuses is None:
            self.statuses = {s.id: s.translation_status for s in self.sitreps}

    @cached_property
    def listed(self) -> dict[str, Listing]:
        """Each briefing's listing by its id."""
        return {listing.id: listing for listing in self.listings}

    @cached_property
    def facts(self) -> list[tuple[Fact, Sitrep]]:
        """Every fact with its briefing, oldest briefing first."""
        return [(fact, sitrep) for sitrep in sorted(self.sitreps, key=lambda s: (s.date, s.id))
                for fact in sitrep.facts]

    _views: dict[tuple[str, int], FactView] = field(default_factory=dict, repr=False)
    _by_entry: dict[str, dict] = field(default_factory=dict, repr=False)   # see facts_by_entry
    _key_series: list | None = field(default=None, repr=False)            # see key_figures
    # Digests of briefings taken while planning (how lists show them, their files),
    # reused by the fingerprints and the downloads' shares.
    fingerprinter: Fingerprinter = field(default_factory=Fingerprinter, repr=False)

    def views(self, lang: str, pairs: list[tuple[Fact, Sitrep]]) -> list[FactView]:
        """Facts in words for lang; each is made once, then reused by every page showing it."""
        loc = self.localizers[lang]
        result = []
        for fact, sitrep in pairs:
            key = (lang, id(fact))
            view = self._views.get(key)
            if view is None:
                view = self._views[key] = fact_view(fact, sitrep, loc, self.gazetteer)
            result.append(view)
        return result

    def inputs_of(self, what: str, ids) -> str | None:
        """A page's inputs when it is drawn from these briefings (their ids, in this
        order) and the shared inputs alone: their ids and outside signatures. None
        without signatures."""
        if self.signatures is None:
            return None
        return digest(what, *(f"{i}\0{self.signatures[i]}" for i in ids))

    def facts_by_entry(self, kind: str) -> dict[str, list[tuple[Fact, Sitrep]]]:
        """Each gazetteer entry's facts (the actor counted, the source that claims them, the
        place where they happened), in the order of self.facts; made once per kind."""
        known = self._by_entry.get(kind)
        if known is not None:
            return known
        found: dict[str, list[tuple[Fact, Sitrep]]] = defaultdict(list)
        for fact, sitrep in self.facts:
            for key in entry_keys(kind, fact):
                found[key].append((fact, sitrep))
        self._by_entry[kind] = found
        return found


ENTITY_KINDS = ("actors", "places", "sources")


def entry_keys(kind: str, fact: Fact) -> tuple[str, ...]:
    """The gazetteer entries of a kind whose pages show the fact: the actor counted, the
    source that claims it, the place where it happened (and the town within it)."""
    if kind == "actors":
        keys: tuple = (fact.actor,)
    elif kind == "sources":
        keys = (fact.source,)
    else:
        keys = (fact.location,) if fact.place in (None, fact.location) \
            else (fact.location, fact.place)
    return tuple(key for key in keys if key is not None)


def briefing_url(lang: str, briefing_id: str) -> str:
    return f"{lang}/briefings/{briefing_id}/"


def section_url(lang: str, section: str = "") -> str:
    return f"{lang}/{section}/" if section else f"{lang}/"


def section_page(data: SiteData, lang: str, section: str, template: str, **context) -> Page:
    return Page(section_url(lang, section) + "index.html", template, lang, context,
                {other: section_url(other, section) for other in data.config.languages})


def lazy_section_page(data: SiteData, lang: str, section: str, template: str,
                      inputs: str | None, make_context) -> Page:
    """A section page drawn from many facts: made only when drawn, named by its inputs."""
    page = section_page(data, lang, section, template)
    page.inputs, page.make_context, page.inputs_are_coarse = inputs, make_context, True
    return page


def fact_sort_key(view: FactView) -> tuple:
    fact = view.fact
    when = fact.when.start.isoformat() if fact.when else ""
    return (("casualties", "deployment", "event").index(fact.kind), when, fact.id)


# -- home ---------------------------------------------------------------------------

def home_page(data: SiteData, lang: str, inputs: str | None) -> Page:
    """inputs: data.inputs_of("home", every briefing's id, newest first)."""
    return lazy_section_page(data, lang, "", "home.html", inputs,
                             partial(_home_context, data, lang))


def _home_context(data: SiteData, lang: str) -> dict:
    return {"key_figures": key_figures(data, lang), "latest": data.listings[:LATEST_ON_HOME]}


# -- briefings ------------------------------------------------------------------------

class LazyBody:
    """A briefing body as HTML, rendered only if its page is drawn (an incremental
    build skips most pages) and then once, whichever page asks first."""

    def __init__(self, body: str, facts: list[Fact] | tuple = ()):
        self.body = body
        self.facts = tuple(facts)            # whose evidence is marked in the body
        self._html: str | None = None

    def __str__(self) -> str:
        if self._html is None:
            self._html = render_body(self.body, evidence_anchors(list(self.facts)))
        return self._html


def briefing_pages(data: SiteData, sitrep: Sitrep, newer: Sitrep | None,
                   older: Sitrep | None) -> list[Page]:
    """A briefing's page in each language; their contexts are made when they are drawn."""
    bodies = {"fr": LazyBody(sitrep.fr.body, sitrep.facts)}
    if sitrep.en is not None:
        bodies["en"] = LazyBody(sitrep.en.body)
    alternates = {lang: briefing_url(lang, sitrep.id) for lang in data.config.languages}
    inputs = briefing_inputs(sitrep, newer, older, data.fingerprinter)
    return [Page(briefing_url(lang, sitrep.id) + "index.html", "briefing.html", lang,
                 alternates=alternates, inputs=inputs,
                 make_context=partial(_briefing_context, data, sitrep, newer, older, lang,
                                      bodies))
            for lang in data.config.languages]


def _briefing_context(data: SiteData, sitrep: Sitrep, newer: Sitrep | None,
                      older: Sitrep | None, lang: str, bodies: dict[str, LazyBody]) -> dict:
    facts = sorted(data.views(lang, [(f, sitrep) for f in sitrep.facts]), key=fact_sort_key)
    shown = sitrep.briefing(lang)
    confidences = sorted({f.fact.confidence for f in facts if f.fact.confidence},
                         key=list(labels.CONFIDENCE).index)
    source_name = data.gazetteer.name("sources", sitrep.fr.source, lang)
    return {"sitrep": sitrep, "briefing": shown, "body_html": bodies[shown.language],
            "body_lang": shown.language, "facts": facts, "confidences": confidences,
            "source_name": source_name, "newer_id": newer.id if newer else None,
            "older_id": older.id if older else None,
            "translation_status": sitrep.translation_status,
            "json_ld": json_ld(data.config, sitrep, lang, source_name)}


# -- timeline and figures ----------------------------------------------------------------

@dataclass
class YearPage:
    """One page of a section split by year: the year it shows (None: the section is not
    split) and the facts it shows, in the section's order."""
    year: int | None
    section: str                       # its path under /<lang>/
    pairs: list[tuple[Fact, Sitrep]]


def year_pages(section: str, pairs: list[tuple[Fact, Sitrep]], year_of) -> list[YearPage]:
    """The section on one page while it shows at most YEAR_SPLIT facts; past that, one page
    per year, the latest at the section's own address and each earlier one under it
    (timeline/2024/). A page of a ten-year archive then stays readable, and an edit
    draws one year again rather than every fact."""
    if len(pairs) <= YEAR_SPLIT:
        return [YearPage(None, section, pairs)]
    years: dict[int, list] = defaultdict(list)
    for pair in pairs:
        years[year_of(*pair)].append(pair)
    newest = max(years)
    return [YearPage(year, section if year == newest else f"{section}/{year}", years[year])
            for year in sorted(years, reverse=True)]


def year_links(pages: list[YearPage]) -> list[tuple[str, str]]:
    """(year, section path) of each page of a split section, newest first; none unsplit."""
    return [(str(page.year), page.section) for page in pages if page.year is not None]


def on_timeline(fact: Fact) -> bool:
    return fact.kind in ("event", "deployment") and fact.when is not None


def on_figures(fact: Fact) -> bool:
    return fact.kind == "casualties" and fact.quantity is not None


def timeline_year(fact: Fact, _sitrep: Sitrep) -> int:
    return fact.when.start.year


def figures_year(fact: Fact, sitrep: Sitrep) -> int:
    return as_of(fact, sitrep).year


def dated_facts(data: SiteData) -> list[tuple[Fact, Sitrep]]:
    """Dated events and deployments, in the timeline's order."""
    dated = [(f, s) for f, s in data.facts if on_timeline(f)]
    dated.sort(key=lambda pair: (pair[0].when.start, pair[0].when.end, pair[1].id, pair[0].id))
    return dated


def timeline(data: SiteData, lang: str,
             dated: list[tuple[Fact, Sitrep]]) -> list[tuple[str, list[FactView]]]:
    """The dated facts by month of their start, oldest first."""
    loc = data.localizers[lang]
    months: dict[str, list[FactView]] = {}
    for view in data.views(lang, dated):
        start = view.fact.when.start
        months.setdefault(loc.month(start.replace(day=1)), []).append(view)
    return list(months.items())


@dataclass
class Chart:
    title: str
    svg: str
    series: list[Series]
    rows: list[FactView]

    def fingerprint(self, fingerprinter) -> str:
        """Its series and drawing follow from its rows (every figure it plots: the
        facts, their briefings' ids and dates), the language, the gazetteer and the
        code, which are in every page's fingerprint already."""
        return fingerprinter.of((self.title, self.rows))


def counted_facts(data: SiteData) -> list[tuple[Fact, Sitrep]]:
    """Casualty facts with a figure, oldest briefing first."""
    return [(f, s) for f, s in data.facts if on_figures(f)]


def charts(data: SiteData, lang: str, counted: list[tuple[Fact, Sitrep]]) -> list[Chart]:
    loc = data.localizers[lang]
    result = []
    for (actor, category), series in casualty_series(counted, data.gazetteer, loc):
        title = f"{data.gazetteer.name('actors', actor, lang)} · " \
                f"{loc.gettext(labels.CATEGORIES[('casualties', category)])}"
        rows = sorted((view for s in series for view in data.views(lang, s.points)),
                      key=lambda v: (as_of(v.fact, v.sitrep), v.source, v.id))
        result.append(Chart(title, draw_chart(series, loc, title), series, rows))
    return result


def _drawn_from(sitreps: list[Sitrep], pairs: list[tuple[Fact, Sitrep]]) -> list[Sitrep]:
    """The briefings whose facts these are, newest first."""
    ids = {s.id for _f, s in pairs}
    return [s for s in sitreps if s.id in ids]


def split_section_pages(data: SiteData, section: str, template: str,
                        pages: list[YearPage], make_context,
                        links: list[tuple[str, str]] | None = None,
                        ids: list[str] | None = None) -> list[Page]:
    """The pages of a section split by year (or not), in every language; each names as
    inputs the briefings of its year and the years the section has. When `pages` are
    some of them, from some briefings (a fact edit's quick build): links, year_links of
    them all; ids, the briefings the one page given is drawn from, newest first."""
    links = year_links(pages) if links is None else links
    result = []
    for lang in data.config.languages:
        for page in pages:
            inputs = data.inputs_of(f"{section} {page.year} {links}",
                                    [s.id for s in _drawn_from(data.sitreps, page.pairs)]
                                    if ids is None else ids)
            result.append(lazy_section_page(
                data, lang, page.section, template, inputs,
                partial(make_context, lang, page, links)))
    return result


def timeline_context(data: SiteData, lang: str, page: YearPage, links) -> dict:
    return {"months": timeline(data, lang, page.pairs), "year": page.year, "years": links}


def figures_context(data: SiteData, lang: str, page: YearPage, links) -> dict:
    return {"charts": charts(data, lang, page.pairs), "year": page.year, "years": links}


# -- actors, places, sources, tags ----------------------------------------------------

def entity_pages(data: SiteData, lang: str, kind: str) -> list[Page]:
    """Each gazetteer entry's page of a kind, and the kind's index."""
    pages = []
    table = data.gazetteer.table(kind)
    counts = {}
    facts_of = data.facts_by_entry(kind)
    claimed_by = _claimed_by(data, kind)
    for entry_id in sorted(table):
        pairs = facts_of.get(entry_id, [])
        naming = _naming(data, pairs, claimed_by.get(entry_id, set()))
        counts[entry_id] = (len(pairs), len(naming))
        pages.append(entity_page(data, lang, kind, entry_id, pairs, naming))
    pages.append(entity_index_page(data, lang, kind, counts))
    return pages


def entity_index_page(data: SiteData, lang: str, kind: str,
                      counts: dict[str, tuple[int, int]]) -> Page:
    """The entries of a kind, each with (its facts, its briefings) counted."""
    table = data.gazetteer.table(kind)
    return section_page(data, lang, kind, "entities.html", kind=kind,
                        entries=[(table[key], *counts[key]) for key in sorted(table)])


def _claimed_by(data: SiteData, kind: str) -> dict[str, set[str]]:
    """For sources: the briefings each one is the header source of."""
    claimed_by: dict[str, set[str]] = defaultdict(set)
    if kind == "sources":
        for listing in data.listings:
            claimed_by[listing.source].add(listing.id)
    return claimed_by


def _naming(data: SiteData, pairs, claimed: set[str]) -> list[str]:
    """The briefings an entry's page lists (those of its facts, those that claim it as
    their source), newest first."""
    ids = {s.id for _f, s in pairs} | claimed
    return [listing.id for listing in data.listings if listing.id in ids]


def entity_page(data: SiteData, lang: str, kind: str, entry_id: str, pairs, naming: list[str],
                total_facts: int | None = None) -> Page:
    """An entry's page: its facts (pairs), the briefings that name it (their ids, newest
    first). pairs may hold only the latest facts, enough to fill the page, when
    total_facts counts them all (a fact edit's quick build loads no more)."""
    return lazy_section_page(
        data, lang, f"{kind}/{entry_id}", "entity.html",
        data.inputs_of(f"{kind} {entry_id}", naming),
        partial(_entity_context, data, lang, kind, data.gazetteer.table(kind)[entry_id], pairs,
                naming, total_facts))


def entity_page_of(data: SiteData, lang: str, kind: str, entry_id: str, naming: list[str],
                   total_facts: int) -> Page:
    """entity_page from the briefings loaded (enough to fill it)."""
    return entity_page(data, lang, kind, entry_id, data.facts_by_entry(kind).get(entry_id, []),
                       naming, total_facts)


def _entity_context(data: SiteData, lang: str, kind: str, entry, pairs, naming: list[str],
                    total_facts: int | None) -> dict:
    """pairs: the entry's facts in the order of data.facts (only the latest, enough to fill
    the page, when total_facts counts them all); naming: the ids of the briefings that
    name it, newest first."""
    latest = sorted(pairs, key=lambda pair: (pair[1].date, pair[1].id),
                    reverse=True)[:MAX_FACTS_ON_ENTITY_PAGE]
    return {"kind": kind, "entry": entry, "facts": data.views(lang, latest),
            "total_facts": len(pairs) if total_facts is None else total_facts,
            "briefings": [data.listed[i] for i in naming[:MAX_BRIEFINGS_ON_ENTITY_PAGE]],
            "total_briefings": len(naming)}


def tagged(listings: list[Listing]) -> dict[str, list[Listing]]:
    """Each tag's briefings, newest first."""
    tags: dict[str, list[Listing]] = defaultdict(list)
    for listing in listings:
        for tag in listing.tags:
            tags[tag].append(listing)
    return tags


def tag_pages(data: SiteData, lang: str) -> list[Page]:
    tags = tagged(data.listings)
    return [tag_page(data, lang, tag, tags[tag]) for tag in sorted(tags)] + \
        [tags_index_page(data, lang, tags)]


def tag_page(data: SiteData, lang: str, tag: str, listings: list[Listing]) -> Page:
    return section_page(data, lang, f"tags/{tag_slug(tag)}", "tag.html", tag=tag,
                        listings=listings)


def tags_index_page(data: SiteData, lang: str, tags: dict[str, list[Listing]]) -> Page:
    return section_page(data, lang, "tags", "tags.html",
                        tags=[(tag, len(tags[tag])) for tag in sorted(tags)])


def briefings_page(data: SiteData, lang: str) -> Page:
    return section_page(data, lang, "briefings", "briefings.html", listings=data.listings)


def translations_page(data: SiteData, lang: str) -> Page:
    """Each briefing's translation status: its id, date and French title alone (so that a
    count of facts changed leaves the page as it was)."""
    return section_page(data, lang, "translations", "translations.html",
                        statuses=[(listing.id, listing.date, listing.shown("fr").title,
                                   data.statuses[listing.id]) for listing in data.listings])


# -- the whole site -----------------------------------------------------------------------

def footprint(sitrep: Sitrep, fact_digest) -> dict:
    """Where a briefing shows outside its own pages: how lists show it (its listing's
    row), how many of its facts each timeline and figures year and each gazetteer
    entry's page takes, the source it is claimed by, its casualty estimates (for the
    key figures), and a digest of the facts it gives each of those pages (shown).
    Kept between builds, so that an edit to its facts that moves none of this draws
    again only the pages whose facts changed (see factedit)."""
    places: dict = {"timeline": defaultdict(int), "figures": defaultdict(int),
                    **{kind: defaultdict(int) for kind in ENTITY_KINDS}}
    shown: dict[str, list[str]] = defaultdict(list)
    for fact in sitrep.facts:
        where = []
        if on_timeline(fact):
            where.append(("timeline", str(timeline_year(fact, sitrep))))
        if on_figures(fact):
            where.append(("figures", str(figures_year(fact, sitrep))))
        where += [(kind, key) for kind in ENTITY_KINDS for key in entry_keys(kind, fact)]
        for name, key in where:
            places[name][key] += 1
            shown[f"{name}/{key}"].append(fact_digest(fact))
    return {"listing": Listing.of(sitrep).to_row(), "source": sitrep.fr.source,
            **{name: dict(sorted(counts.items())) for name, counts in places.items()},
            "estimates": [e.to_json() for e in estimates_of(sitrep)],
            "shown": {key: digest(*digests)[:16] for key, digests in sorted(shown.items())}}


def plan(data: SiteData) -> list[Page]:
    """Every page of the site, in a fixed order."""
    config = data.config
    root_alternates = {lang: section_url(lang) for lang in config.languages}
    pages = [Page("index.html", "root.html", None, {}, root_alternates),
             Page("404.html", "404.html", None, {}, {})]
    # The home page reads every briefing (the key figures and the latest); the timeline
    # and the figures, split by year or not, the briefings of their facts.
    everything = data.inputs_of("home", [s.id for s in data.sitreps])
    timeline_pages = year_pages("timeline", dated_facts(data), timeline_year)
    figures_pages = year_pages("figures", counted_facts(data), figures_year)
    by_lang: dict[str, list[Page]] = defaultdict(list)
    for page in (split_section_pages(data, "timeline", "timeline.html", timeline_pages,
                                     partial(timeline_context, data))
                 + split_section_pages(data, "figures", "figures.html", figures_pages,
                                       partial(figures_context, data))):
        by_lang[page.lang].append(page)
    for lang in config.languages:
        pages.append(home_page(data, lang, everything))
        pages.append(briefings_page(data, lang))
        pages.extend(by_lang[lang])
        for kind in ENTITY_KINDS:
            pages.extend(entity_pages(data, lang, kind))
        pages.extend(tag_pages(data, lang))
        pages.append(section_page(data, lang, "method", "method.html",
                                  confidences=list(labels.CONFIDENCE.items())))
        pages.append(translations_page(data, lang))
        pages.append(section_page(data, lang, "search", "search.html"))
    for index, sitrep in enumerate(data.sitreps):
        newer = data.sitreps[index - 1] if index > 0 else None
        older = data.sitreps[index + 1] if index + 1 < len(data.sitreps) else None
        pages.extend(briefing_pages(data, sitrep, newer, older))
    return pages
