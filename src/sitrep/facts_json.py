"""The facts document of FACTS.md (`sitrep.facts/1`), and its JSON Schema."""

from __future__ import annotations

import json
import re
from functools import lru_cache
from pathlib import Path

from sitrep.model import Report

SCHEMA_ID = "sitrep.facts/1"
SCHEMA_PATH = Path(__file__).with_name("facts.schema.json")


def briefing_entry(report: Report, root: Path | None = None) -> dict:
    briefing = report.briefing
    path = briefing.path
    if root is not None and path.is_absolute() and path.is_relative_to(root):
        path = path.relative_to(root)
    return {"id": briefing.id, "path": path.as_posix(),
            "date": briefing.date.isoformat(), "language": briefing.language,
            "facts": [fact.to_json() for fact in report.facts]}


def facts_document(reports: list[Report], root: Path | None = None) -> dict:
    """The document; paths are shown relative to root when they lie under it."""
    return {"schema": SCHEMA_ID, "briefings": [briefing_entry(r, root) for r in reports]}


# The published file holds one briefing per line: valid JSON that reads and diffs well
# briefing by briefing, encoded by the json module's C encoder (the indenting one is
# pure Python, and took seconds at 5,000 briefings), and assembled from one line per
# briefing, so a build that re-extracted one briefing replaces its line alone.
_HEAD = f'{{"schema": {json.dumps(SCHEMA_ID)}, "briefings": ['
_TAIL = "]}\n"
_ENTRY_ID = re.compile(r'\{"id": ("(?:[^"\\]|\\.)*")')


def entry_text(report: Report, root: Path | None = None) -> str:
    """One briefing's line in the published document."""
    return json.dumps(briefing_entry(report, root), ensure_ascii=False)


def document_bytes(entries: list[str]) -> bytes:
    """The published document from its entries' lines (in briefing id order)."""
    if not entries:
        return (_HEAD + _TAIL).encode("utf-8")
    return (_HEAD + "\n" + ",\n".join(entries) + "\n" + _TAIL).encode("utf-8")


def document_entries(document: bytes) -> dict[str, str]:
    """Briefing id -> entry line, from a document that document_bytes wrote."""
    lines = document.decode("utf-8").split("\n")
    if len(lines) < 4 or lines[0] != _HEAD or lines[-2:] != [_TAIL.strip(), ""]:
        return {}
    entries = {}
    for index, line in enumerate(lines[1:-2]):
        entry = line if index == len(lines) - 4 else line.removesuffix(",")
        found = _ENTRY_ID.match(entry)
        if found is None:
            return {}
        entries[json.loads(found.group(1))] = entry
    return entries


@lru_cache(maxsize=1)
def load_schema() -> dict:
    return json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
