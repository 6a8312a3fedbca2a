"""Cross-file checks: ids a briefing names must exist in the gazetteer."""

from __future__ import annotations

from sitrep.errors import ErrorCollector
from sitrep.project import Content


def _header_line(path, key: str) -> int:
    try:
        lines = path.read_text(encoding="utf-8-sig").splitlines()
    except (OSError, UnicodeDecodeError):
        return 1
    for number, line in enumerate(lines[1:], start=2):
        if line.startswith(f"{key}:"):
            return number
        if line.strip() == "---":
            break
    return 1


def check_references(content: Content, errors: ErrorCollector) -> None:
    for briefing in content.briefings:
        if briefing.source and briefing.source not in content.gazetteer.sources:
            errors.add(f"unknown source '{briefing.source}' (not in gazetteer/sources.yaml)",
                       briefing.path, _header_line(briefing.path, "source"))
