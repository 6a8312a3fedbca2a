"""The facts document of FACTS.md (`sitrep.facts/1`), and its JSON Schema."""

from __future__ import annotations

import json
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


@lru_cache(maxsize=1)
def load_schema() -> dict:
    return json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
