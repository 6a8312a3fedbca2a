"""The front matter's annotations applied to the facts found: set, drop, add.

`set` overrides fields of every fact whose evidence overlaps the quote (a quote that
overlaps none is an error: the annotation would silently do nothing); `drop` removes the
facts stated there; `add` makes a fact with rule `annotation` and the quote as evidence.
Values are checked against the model and the gazetteer, and a bad one is reported at the
annotation's line.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from sitrep.errors import SitrepError
from sitrep.extract.dates import parse_when
from sitrep.extract.facts import Draft
from sitrep.extract.numbers import make_quantity
from sitrep.gazetteer import Gazetteer
from sitrep.model import CATEGORIES, CONFIDENCES, QUALIFIERS, Annotation, Briefing, Quantity, When

FIELDS = ("kind", "category", "actor", "location", "place", "quantity", "when", "source",
          "confidence")
_ISO_MONTH = re.compile(r"(\d{4})-(\d{2})")
_ISO_YEAR = re.compile(r"\d{4}")


class _Checker:
    """Turns one annotation's raw YAML values into fact field values, or says what is wrong."""

    def __init__(self, briefing: Briefing, annotation: Annotation, gazetteer: Gazetteer) -> None:
        self.briefing = briefing
        self.annotation = annotation
        self.gazetteer = gazetteer

    def fail(self, message: str) -> SitrepError:
        return SitrepError(message, self.briefing.path, self.annotation.line)

    def values(self) -> dict[str, Any]:
        raw = self.annotation.values
        unknown = sorted(str(k) for k in raw if k not in FIELDS)
        if unknown:
            raise self.fail(f"unknown fact field '{unknown[0]}' in '{self.annotation.action}' "
                            f"(known: {', '.join(FIELDS)})")
        checked = {}
        for name, value in raw.items():
            checked[name] = getattr(self, f"_{name}")(value)
        if "location" in checked and checked["location"] is not None:
            location = checked["location"]
            checked["location"] = self.gazetteer.region_of(location)
            if location != checked["location"]:
                checked.setdefault("place", location)
        return checked

    def _kind(self, value: Any) -> str:
        if value not in CATEGORIES:
            raise self.fail(f"unknown kind '{value}' (known: {', '.join(CATEGORIES)})")
        return value

    def _category(self, value: Any) -> str:
        if not any(value in categories for categories in CATEGORIES.values()):
            raise self.fail(f"unknown category '{value}'")
        return value

    def _entry(self, kind: str, value: Any) -> str | None:
        if value is None:
            return None
        if not isinstance(value, str) or value not in self.gazetteer.table(kind):
            raise self.fail(f"unknown {kind[:-1]} '{value}': not in the gazetteer's {kind}.yaml")
        return value

    def _actor(self, value: Any) -> str | None:
        return self._entry("actors", value)

    def _location(self, value: Any) -> str | None:
        return self._entry("places", value)

    def _place(self, value: Any) -> str | None:
        return self._entry("places", value)

    def _source(self, value: Any) -> str | None:
        return self._entry("sources", value)

    def _confidence(self, value: Any) -> str | None:
        if value is not None and value not in CONFIDENCES:
            raise self.fail(f"unknown confidence '{value}' (known: {', '.join(CONFIDENCES)})")
        return value

    def _quantity(self, value: Any) -> Quantity | None:
        if value is None:
            return None
        if isinstance(value, bool):
            raise self.fail("a quantity is a number or a mapping of value/low/high/qualifier")
        if isinstance(value, int):
            return make_quantity(self._count(value), "exact")
        if not isinstance(value, dict):
            raise self.fail("a quantity is a number or a mapping of value/low/high/qualifier")
        unknown = sorted(str(k) for k in value if k not in ("value", "low", "high", "qualifier"))
        if unknown:
            raise self.fail(f"unknown quantity field '{unknown[0]}'")
        qualifier = value.get("qualifier", "range" if "low" in value and "high" in value
                              and "value" not in value else "exact")
        if qualifier not in QUALIFIERS:
            raise self.fail(f"unknown qualifier '{qualifier}' (known: {', '.join(QUALIFIERS)})")
        numbers = {k: self._count(value[k]) for k in ("value", "low", "high") if value.get(k) is not None}
        if qualifier == "range":
            if "low" not in numbers or "high" not in numbers or numbers["low"] > numbers["high"]:
                raise self.fail("a range needs low and high, low not above high")
            return Quantity(None, numbers["low"], numbers["high"], "range")
        if "value" not in numbers:
            raise self.fail(f"a quantity '{qualifier}' needs a value")
        default = make_quantity(numbers["value"], qualifier)
        return Quantity(default.value, numbers.get("low", default.low),
                        numbers.get("high", default.high), qualifier)

    def _count(self, value: Any) -> int:
        if isinstance(value, bool) or not isinstance(value, int) or value < 0:
            raise self.fail(f"a count must be a whole number, not {value!r}")
        return value

    def _when(self, value: Any) -> When | None:
        if value is None:
            return None
        try:
            return self._read_when(value)
        except (ValueError, TypeError):
            raise self.fail(f"cannot read the date {value!r}") from None

    def _read_when(self, value: Any) -> When:
        if isinstance(value, dt.datetime):
            value = value.date()
        if isinstance(value, dt.date):
            return When(value, value, "day", None)
        if isinstance(value, int):
            value = str(value)
        if isinstance(value, dict):
            start, end = self._read_when(value["start"]), self._read_when(value.get("end", value["start"]))
            precision = value.get("precision", "range")
            if precision not in ("day", "part_of_month", "month", "season", "part_of_year",
                                 "year", "range") or start.start > end.end:
                raise ValueError(precision)
            return When(start.start, end.end, precision, value.get("text"))
        text = str(value).strip()
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
            day = dt.date.fromisoformat(text)
            return When(day, day, "day", None)
        if _ISO_MONTH.fullmatch(text):
            year, month = map(int, _ISO_MONTH.fullmatch(text).groups())
            start = dt.date(year, month, 1)
            end = (dt.date(year + month // 12, month % 12 + 1, 1) - dt.timedelta(days=1))
            return When(start, end, "month", None)
        if _ISO_YEAR.fullmatch(text):
            return When(dt.date(int(text), 1, 1), dt.date(int(text), 12, 31), "year", None)
        when = parse_when(text, self.briefing.date)
        if when is None:
            raise ValueError(text)
        return when


def _overlaps(draft: Draft, start: int, end: int) -> bool:
    return any(s < end and start < e for s, e in draft.evidence)


def _check_category(checker: _Checker, kind: str, category: str | None) -> None:
    if category is not None and category not in CATEGORIES[kind]:
        raise checker.fail(f"category '{category}' is not one of kind '{kind}' "
                           f"({', '.join(CATEGORIES[kind])})")


def apply_annotations(briefing: Briefing, drafts: list[Draft], gazetteer: Gazetteer) -> list[Draft]:
    """The drafts with every annotation of the briefing applied in order."""
    for annotation in briefing.annotations:
        checker = _Checker(briefing, annotation, gazetteer)
        start, end = annotation.offset, annotation.offset + len(annotation.quote)
        if annotation.action == "drop":
            drafts = [d for d in drafts if not _overlaps(d, start, end)]
            continue
        values = checker.values()
        if annotation.action == "set":
            targets = [d for d in drafts if _overlaps(d, start, end)]
            if not targets:
                raise checker.fail(f"no fact found at «{annotation.quote}» to set fields of "
                                   f"(use 'add' to make one)")
            for draft in targets:
                _check_category(checker, values.get("kind", draft.kind),
                                values.get("category", draft.category))
                for name, value in values.items():
                    setattr(draft, name, value)
                    draft.fallback.discard(name)
        else:
            if "kind" not in values or "category" not in values:
                raise checker.fail("'add' needs at least 'kind' and 'category'")
            _check_category(checker, values["kind"], values["category"])
            draft = Draft(values["kind"], values["category"], values.get("actor"),
                          evidence=[(start, end)], rule="annotation")
            for name, value in values.items():
                setattr(draft, name, value)
            drafts.append(draft)
    return drafts
