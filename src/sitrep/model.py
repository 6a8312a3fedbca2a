"""The data that flows through the pipeline: briefings, facts and their parts."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

CASUALTY_CATEGORIES = ("total", "killed", "wounded", "missing", "captured")
DEPLOYMENT_CATEGORIES = ("deployed", "reinforcement", "withdrawn")
EVENT_CATEGORIES = ("incursion", "offensive", "counteroffensive", "capture", "withdrawal",
                    "confirmation", "visit", "agreement", "statement", "other")
CATEGORIES = {"casualties": CASUALTY_CATEGORIES, "deployment": DEPLOYMENT_CATEGORIES,
              "event": EVENT_CATEGORIES}
QUALIFIERS = ("exact", "approx", "more_than", "at_least", "less_than", "at_most", "range")
PRECISIONS = ("day", "part_of_month", "month", "season", "part_of_year", "year", "range")
CONFIDENCES = ("almost_certain", "highly_likely", "likely", "realistic_possibility",
               "unlikely", "highly_unlikely", "remote_chance")
LANGUAGES = ("fr", "en")


@dataclass(frozen=True)
class Span:
    """Where a fact is stated: character offsets into the Markdown body."""
    start: int
    end: int
    text: str

    def to_json(self) -> dict:
        return {"start": self.start, "end": self.end, "text": self.text}


@dataclass(frozen=True)
class Quantity:
    """A stated figure with its bounds (UCDP-style best/low/high)."""
    value: int | None
    low: int | None
    high: int | None
    qualifier: str

    def to_json(self) -> dict:
        return {"value": self.value, "low": self.low, "high": self.high,
                "qualifier": self.qualifier}


@dataclass(frozen=True)
class When:
    """An inclusive date interval, its precision, and the French words it came from."""
    start: dt.date
    end: dt.date
    precision: str
    text: str | None = None

    def to_json(self) -> dict:
        return {"start": self.start.isoformat(), "end": self.end.isoformat(),
                "precision": self.precision, "text": self.text}


@dataclass
class Fact:
    """One casualty figure, deployment or dated event, with its provenance."""
    id: str
    kind: str
    category: str
    actor: str | None
    location: str | None
    quantity: Quantity | None
    when: When | None
    source: str | None
    confidence: str | None
    evidence: list[Span]
    rule: str
    place: str | None = None

    def to_json(self) -> dict:
        data = {
            "id": self.id, "kind": self.kind, "category": self.category,
            "actor": self.actor, "location": self.location,
            "quantity": self.quantity.to_json() if self.quantity else None,
            "when": self.when.to_json() if self.when else None,
            "source": self.source, "confidence": self.confidence,
            "evidence": [span.to_json() for span in self.evidence],
            "rule": self.rule,
        }
        if self.place:
            data["place"] = self.place
        return data


@dataclass(frozen=True)
class Annotation:
    """A YAML annotation from the front matter, anchored by a quote in the body."""
    quote: str
    action: str                      # "set", "drop" or "add"
    values: dict[str, Any]           # the fields to set or add (empty for drop)
    line: int                        # line of the annotation in the file
    offset: int                      # where the quote starts in the body


@dataclass(frozen=True)
class Briefing:
    """A briefing file, French original or English translation, as loaded."""
    id: str
    language: str
    path: Path
    date: dt.date
    title: str
    body: str
    body_line: int                   # 1-based line of the file where the body starts
    source: str | None = None
    tags: tuple[str, ...] = ()
    annotations: tuple[Annotation, ...] = ()
    translation_of: str | None = None   # English only: hash of the French body it translates
    meta: dict[str, Any] = field(default_factory=dict, compare=False)

    def line_of(self, offset: int) -> int:
        """The file line of a character offset in the body."""
        return self.body_line + self.body.count("\n", 0, offset)


@dataclass
class Report:
    """A French briefing and the facts found in it."""
    briefing: Briefing
    facts: list[Fact]
