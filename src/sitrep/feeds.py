"""Files for machines: Atom feeds per language, the sitemap with alternates, robots.txt,
and JSON-LD for briefing pages. Dates come from the content, never from the clock."""

from __future__ import annotations

import json
from html import escape as _escape

from sitrep.config import SiteConfig
from sitrep.pair import Sitrep
from sitrep.render import Page

FEED_SIZE = 30


# html.escape rather than xml.sax.saxutils, whose import pulls in urllib.request (http,
# ssl, email): a hundredth of a second of every build that draws a page.
def escape(text: str) -> str:
    """Text for an XML element: &, < and > escaped."""
    return _escape(text, quote=False)


def quoteattr(text: str) -> str:
    """An XML attribute's value, quoted."""
    return f'"{_escape(text)}"'


def _stamp(day) -> str:
    return f"{day.isoformat()}T00:00:00Z"


def feed_files(config: SiteConfig, sitreps: list[Sitrep]) -> dict[str, bytes]:
    """Each language's Atom feed; sitreps newest first (only the first FEED_SIZE are read)."""
    from sitrep.markup import render_body
    latest = sitreps[:FEED_SIZE]
    bodies = {(s.id, b.language): render_body(b.body) for s in latest
              for b in (s.fr, s.en) if b is not None}
    return {f"{lang}/feed.xml": atom_feed(config, latest, lang, bodies, config.title[lang])
            for lang in config.languages}


def atom_feed(config: SiteConfig, sitreps: list[Sitrep], lang: str,
              bodies: dict[tuple[str, str], str], feed_title: str) -> bytes:
    """The latest briefings in one language (the French text where no translation exists)."""
    self_url = config.absolute(f"{lang}/feed.xml")
    updated = _stamp(max(s.date for s in sitreps)) if sitreps else "1970-01-01T00:00:00Z"
    lines = ['<?xml version="1.0" encoding="utf-8"?>',
             f'<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="{lang}">',
             f"  <id>{escape(self_url)}</id>",
             f"  <title>{escape(feed_title)}</title>",
             f"  <subtitle>{escape(config.description[lang])}</subtitle>",
             f"  <updated>{updated}</updated>",
             f'  <link rel="self" type="application/atom+xml" href={quoteattr(self_url)}/>',
             f'  <link rel="alternate" type="text/html" href={quoteattr(config.absolute(lang + "/"))}/>',
             "  <author><name>" + escape(config.title[lang]) + "</name></author>"]
    for sitrep in sitreps[:FEED_SIZE]:
        shown = sitrep.briefing(lang)
        url = config.absolute(f"{lang}/briefings/{sitrep.id}/")
        lines += ["  <entry>",
                  f"    <id>{escape(url)}</id>",
                  f"    <title xml:lang={quoteattr(shown.language)}>{escape(shown.title)}</title>",
                  f"    <updated>{_stamp(sitrep.date)}</updated>",
                  f"    <published>{_stamp(sitrep.date)}</published>",
                  f'    <link rel="alternate" type="text/html" href={quoteattr(url)}/>']
        for tag in sitrep.fr.tags:
            lines.append(f"    <category term={quoteattr(tag)}/>")
        lines += [f'    <content type="html" xml:lang={quoteattr(shown.language)}>'
                  f"{escape(bodies[(sitrep.id, shown.language)])}</content>",
                  "  </entry>"]
    lines.append("</feed>")
    return ("\n".join(lines) + "\n").encode("utf-8")


def sitemap(config: SiteConfig, pages: list[Page]) -> bytes:
    """Every page in a language, with its alternates (xhtml:link) and x-default."""
    lines = ['<?xml version="1.0" encoding="utf-8"?>',
             '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
             'xmlns:xhtml="http://www.w3.org/1999/xhtml">']
    for page in sorted((p for p in pages if p.lang and p.path.endswith(".html")),
                       key=lambda p: p.path):
        lines += ["  <url>", f"    <loc>{escape(config.absolute(page.url))}</loc>"]
        for alt_lang, alt_url in sorted(page.alternates.items()):
            lines.append(f'    <xhtml:link rel="alternate" hreflang="{alt_lang}" '
                         f"href={quoteattr(config.absolute(alt_url))}/>")
        if page.alternates:
            default = page.alternates[config.default_language]
            lines.append('    <xhtml:link rel="alternate" hreflang="x-default" '
                         f"href={quoteattr(config.absolute(default))}/>")
        lines.append("  </url>")
    lines.append("</urlset>")
    return ("\n".join(lines) + "\n").encode("utf-8")


def robots(config: SiteConfig) -> bytes:
    return f"User-agent: *\nAllow: /\nSitemap: {config.absolute('sitemap.xml')}\n".encode("utf-8")


def json_ld(config: SiteConfig, sitrep: Sitrep, lang: str, source_name: str) -> str:
    """A schema.org Report for a briefing page, linked to its translation; safe in <script>."""
    shown = sitrep.briefing(lang)
    data = {"@context": "https://schema.org", "@type": "Report",
            "headline": shown.title, "datePublished": sitrep.date.isoformat(),
            "inLanguage": shown.language,
            "url": config.absolute(f"{lang}/briefings/{sitrep.id}/"),
            "keywords": list(sitrep.fr.tags)}
    if source_name:
        data["sourceOrganization"] = {"@type": "Organization", "name": source_name}
    if shown.language == "en":
        data["translationOfWork"] = {"@type": "Report", "inLanguage": "fr",
                                     "url": config.absolute(f"fr/briefings/{sitrep.id}/")}
    elif sitrep.en is not None:
        data["workTranslation"] = {"@type": "Report", "inLanguage": "en",
                                   "url": config.absolute(f"en/briefings/{sitrep.id}/")}
    text = json.dumps(data, ensure_ascii=False, sort_keys=True)
    # Nothing in the data may close the <script> element it sits in.
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
