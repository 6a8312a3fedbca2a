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


# The published file is the document as json.dumps(indent=1) writes it, assembled from
# one piece of text per briefing, so that a build which re-extracted one briefing can
# put its piece in place of the old one without re-encoding the others.
_INDENT = "  "                        # a briefing entry's depth in the document
_SEPARATOR = f"\n{_INDENT}}},\n{_INDENT}{{"  # between two entries, and nowhere else
_HEAD = f'{{\n "schema": {json.dumps(SCHEMA_ID)},\n "briefings": '
_ENTRY_ID = re.compile(r'\{\n {3}"id": ("(?:[^"\\]|\\.)*")')


def entry_text(report: Report, root: Path | None = None) -> str:
    """One briefing's entry, as it reads inside the published document."""
    text = json.dumps(briefing_entry(report, root), ensure_ascii=False, indent=1)
    return text.replace("\n", "\n" + _INDENT)


def document_bytes(entries: list[str]) -> bytes:
    """The published document from its entries' texts (in briefing id order)."""
    if not entries:
        return (_HEAD + "[]\n}\n").encode("utf-8")
    return (_HEAD + f"[\n{_INDENT}" + f",\n{_INDENT}".join(entries) + "\n ]\n}\n").encode("utf-8")


def document_entries(document: bytes) -> dict[str, str]:
    """Briefing id -> entry text, from a document that document_bytes wrote."""
    text = document.decode("utf-8")
    if not text.startswith(_HEAD + "[\n"):
        return {}
    inner = text[len(_HEAD) + 2 + len(_INDENT):-len("\n ]\n}\n")]
    pieces = inner.split(_SEPARATOR)
    entries = {}
    for index, piece in enumerate(pieces):
        entry = ("{" if index else "") + piece \
            + (f"\n{_INDENT}}}" if index < len(pieces) - 1 else "")
        found = _ENTRY_ID.match(entry)
        if found is None:
            return {}
        entries[json.loads(found.group(1))] = entry
    return entries


@lru_cache(maxsize=1)
def load_schema() -> dict:
    return json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
