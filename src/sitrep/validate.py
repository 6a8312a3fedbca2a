"""Cross-file checks: ids a briefing names must exist in the gazetteer."""

from __future__ import annotations

from sitrep.errors import ErrorCollector
from sitrep.project import Content


def check_references(content: Content, errors: ErrorCollector) -> None:
    for briefing in content.briefings:
        # A source whose entry had a problem of its own is not reported a second time.
        if briefing.source and not content.gazetteer.may_have("sources", briefing.source):
            errors.add(f"unknown source '{briefing.source}' (not in gazetteer/sources.yaml)",
                       briefing.path, briefing.meta.get("key_lines", {}).get("source", 1))
