"""Briefing bodies to safe HTML, with each fact's evidence marked where it is stated.

Evidence offsets point into the Markdown source, so markers are placed in the source,
carried through Python-Markdown and the sanitiser as private-use characters, then
turned into <mark> elements. The sanitiser (nh3, Ammonia) runs before the marks are
added, so nothing in a body can smuggle markup past it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import markdown
import nh3

OPEN, SEP, CLOSE = "\ue000", "\ue001", "\ue002"
PRIVATE = re.compile("[\ue000-\ue002]")
# A marked piece in the rendered HTML; it may straddle inline tags (a quote that starts
# inside **bold** text), so it is marked text run by text run, between the tags.
MARKED = re.compile(f"{OPEN}(\\d+){SEP}(.*?){CLOSE}", re.S)
TAG = re.compile(r"(<[^>]*>)")
TAG_NAME = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9]*)")
VOID_TAGS = {"br", "hr", "img", "wbr"}
# Emphasis that opens right before a piece and closes inside it moves into the mark.
EMPHASIS_BEFORE = re.compile(r"(\*\*|__|\*|_)$")


def _balanced(html: str) -> bool:
    """Whether every tag opened in html is closed in it, in order."""
    stack = []
    for tag in TAG.findall(html):
        match = TAG_NAME.match(tag)
        if match is None or match[2].lower() in VOID_TAGS:
            continue
        if not match[1]:
            stack.append(match[2].lower())
        elif not stack or stack.pop() != match[2].lower():
            return False
    return not stack
# Markdown block syntax at the start of a line, which a marker must not precede.
BLOCK_PREFIX = re.compile(r"[ \t]*(?:(?:#{1,6}|>|[-*+]|\d+[.)])[ \t]+)*")

ALLOWED_TAGS = {
    "a", "abbr", "b", "blockquote", "br", "caption", "code", "dd", "del", "dl", "dt", "em",
    "h2", "h3", "h4", "h5", "h6", "hr", "i", "ins", "li", "ol", "p", "pre", "q", "s", "small",
    "strong", "sub", "sup", "table", "tbody", "td", "tfoot", "th", "thead", "tr", "ul",
}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "abbr": {"title"}, "td": {"align"},
                      "th": {"align"}, "ol": {"start"}}
URL_SCHEMES = {"http", "https", "mailto"}


@dataclass(frozen=True)
class Anchor:
    """An evidence span to mark: its anchor id, its offsets, and the fact it supports."""
    id: str
    start: int
    end: int
    fact_id: str


# A tag in nh3's output: it escapes '<', '>' and '"' inside attribute values.
SANITISED_TAG = re.compile(r"<[^>]*>")
# An evidence marker (or a stray part of one), as carried through the sanitiser.
MARKER_IN_TAG = re.compile(f"{OPEN}\\d*{SEP}?|[{OPEN}{SEP}{CLOSE}]")


def sanitize(html: str) -> str:
    """Keep plain document markup only: no script, styles, frames, handlers or odd URLs.

    Evidence markers may sit inside an attribute (a figure in a link's address or in an
    abbreviation's title); they are removed there, so that the <mark> they become can
    only ever be placed in text, never break out of an attribute value.
    """
    clean = nh3.clean(html, tags=ALLOWED_TAGS, attributes=ALLOWED_ATTRIBUTES,
                      url_schemes=URL_SCHEMES, link_rel="noopener noreferrer nofollow",
                      strip_comments=True)
    if not PRIVATE.search(clean):
        return clean
    return SANITISED_TAG.sub(lambda tag: MARKER_IN_TAG.sub("", tag.group(0)), clean)


_NEWLINE = re.compile("\n")


def _segments(body: str, anchors: list[Anchor]) -> list[tuple[int, int, list[Anchor]]]:
    """Split the marked text at every boundary and line break into non-overlapping pieces."""
    if not anchors:
        return []
    cuts = {0, len(body)}
    for anchor in anchors:
        cuts.update((anchor.start, anchor.end))
    for newline in _NEWLINE.finditer(body):
        cuts.update(newline.span())
    points = sorted(c for c in cuts if 0 <= c <= len(body))
    pieces = []
    for start, end in zip(points, points[1:]):
        covering = [a for a in anchors if a.start <= start and end <= a.end]
        if covering and body[start:end].strip():
            pieces.append((start, end, covering))
    return pieces


def insert_markers(body: str, anchors: list[Anchor]) -> tuple[str, list[tuple[list[Anchor], list[Anchor]]]]:
    """The body with markers around every evidence piece, and each piece's anchors."""
    body = PRIVATE.sub("", body) if PRIVATE.search(body) else body
    pieces = []
    out = []
    position = 0
    started: set[str] = set()
    for start, end, covering in _segments(body, anchors):
        line_start = body.rfind("\n", 0, start) + 1
        if start == line_start:
            start += BLOCK_PREFIX.match(body, start).end() - start
            if start >= end:
                continue
        emphasis = EMPHASIS_BEFORE.search(body, line_start, start)
        if emphasis and emphasis.start() >= position and emphasis[1] in body[start:end]:
            start = emphasis.start()
        opening = [a for a in covering if a.id not in started]
        started.update(a.id for a in opening)
        out.append(body[position:start])
        out.append(f"{OPEN}{len(pieces)}{SEP}{body[start:end]}{CLOSE}")
        pieces.append((covering, opening))
        position = end
    out.append(body[position:])
    return "".join(out), pieces


def _mark_html(pieces: list[tuple[list[Anchor], list[Anchor]]]):
    def replace(match: re.Match) -> str:
        covering, opening = pieces[int(match.group(1))]
        facts = " ".join(sorted({a.fact_id for a in covering}))
        ids = "".join(f'<span class="anchor" id="{a.id}"></span>' for a in opening)
        if _balanced(match.group(2)):
            return f'<mark class="evidence" data-facts="{facts}">{ids}{match.group(2)}</mark>'
        out = []
        for part in TAG.split(match.group(2)):
            if part.startswith("<"):
                out.append(part)
            elif part:
                out.append(f'<mark class="evidence" data-facts="{facts}">{ids}{part}</mark>')
                ids = ""
        if ids:                       # no text run at all: keep the anchors reachable
            out.insert(0, f'<mark class="evidence" data-facts="{facts}">{ids}</mark>')
        return "".join(out)
    return replace


_MD = markdown.Markdown(extensions=["sane_lists", "tables"], output_format="html")


def render_body(body: str, anchors: list[Anchor] = ()) -> str:
    """Markdown body to sanitised HTML, with evidence marked for the given anchors."""
    source, pieces = insert_markers(body, list(anchors))
    _MD.reset()
    html = sanitize(_MD.convert(source))
    html = MARKED.sub(_mark_html(pieces), html)
    # A marker Markdown dropped (inside a code span, say) must not leave a stray character.
    return PRIVATE.sub("", html)


def render_plain(text: str) -> str:
    """Markdown to sanitised HTML with no evidence marks (titles, summaries)."""
    return render_body(text)
