"""Cross-file checks: ids a briefing names exist in the gazetteer, and tags that make
one address are spelt one way."""

from __future__ import annotations

from sitrep.content import tag_slug
from sitrep.errors import ErrorCollector
from sitrep.model import Briefing
from sitrep.project import Content


def check_references(content: Content, errors: ErrorCollector) -> None:
    for briefing in content.briefings:
        # A source whose entry had a problem of its own is not reported a second time.
        if briefing.source and not content.gazetteer.may_have("sources", briefing.source):
            errors.add(f"unknown source '{briefing.source}' (not in gazetteer/sources.yaml)",
                       briefing.path, briefing.meta.get("key_lines", {}).get("source", 1))
    _check_tag_addresses(content, errors)


def _check_tag_addresses(content: Content, errors: ErrorCollector) -> None:
    """Two spellings of a tag that make one address (« corée », « coree ») would share a
    page: the editor says which one is meant."""
    first: dict[str, tuple[str, Briefing]] = {}
    for briefing in sorted(content.briefings, key=lambda b: (str(b.path), b.language)):
        for tag in briefing.tags:
            slug = tag_slug(tag)
            seen = first.setdefault(slug, (tag, briefing))
            if seen[0] != tag:
                errors.add(f"tag '{tag}' has the address of tag '{seen[0]}' "
                           f"(in {seen[1].path.name}): tags/{slug}/; spell them the same",
                           briefing.path, briefing.meta.get("key_lines", {}).get("tags", 1))
