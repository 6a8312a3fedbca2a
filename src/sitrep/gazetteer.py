"""Actors, places and sources: ids, names in both languages, French words that name them."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sitrep.errors import ErrorCollector, SitrepError
from sitrep.model import LANGUAGES
from sitrep.yamlio import CONTROL, load_yaml_file, mapping_positions, position, sequence_items

KINDS = ("actors", "places", "sources")


@dataclass(frozen=True)
class Entry:
    """One gazetteer entry: an actor, a place or a source."""
    kind: str                        # "actors", "places" or "sources"
    id: str
    names: dict[str, str]            # {"fr": ..., "en": ...}
    words: tuple[str, ...]           # French words that refer to it
    attrs: dict[str, Any] = field(default_factory=dict, compare=False)
    line: int = 0
    key_lines: dict[str, int] = field(default_factory=dict, compare=False, repr=False)

    def name(self, lang: str) -> str:
        return self.names.get(lang) or self.names["fr"]

    def get(self, key: str, default: Any = None) -> Any:
        return self.attrs.get(key, default)


@dataclass
class Gazetteer:
    """Lookup tables for the three kinds of entries."""
    actors: dict[str, Entry] = field(default_factory=dict)
    places: dict[str, Entry] = field(default_factory=dict)
    sources: dict[str, Entry] = field(default_factory=dict)
    # Kinds whose file had a problem that hid some ids (unreadable file, entry without a
    # valid id), and ids whose entry had a problem: references to them are not reported,
    # since the problem that matters is reported already.
    incomplete: set[str] = field(default_factory=set, compare=False)
    failed: set[tuple[str, str]] = field(default_factory=set, compare=False)

    def may_have(self, kind: str, entry_id: str) -> bool:
        """Whether entry_id may be a valid id of kind: in its table, or its entry or file
        had a problem of its own."""
        return (entry_id in self.table(kind) or kind in self.incomplete
                or (kind, entry_id) in self.failed)

    def table(self, kind: str) -> dict[str, Entry]:
        return getattr(self, kind)

    def region_of(self, place_id: str) -> str:
        """A town is reported as its region; a region or country as itself."""
        entry = self.places.get(place_id)
        if entry is None:
            return place_id
        return entry.get("region") or place_id

    def name(self, kind: str, entry_id: str | None, lang: str) -> str:
        if entry_id is None:
            return ""
        entry = self.table(kind).get(entry_id)
        if entry is None and kind == "places":
            # ISO codes without an entry of their own still have a printable form.
            return entry_id
        return entry.name(lang) if entry else entry_id


# Ids become URL parts (/<lang>/actors/<id>/) and folder names: ASCII letters and digits
# in groups joined by single hyphens, so no '..', '/', absolute path or look-alike letter.
ENTRY_ID = re.compile(r"[A-Za-z0-9]+(?:-[A-Za-z0-9]+)*")
MAX_ID_LENGTH = 64
MAX_GAZETTEER_BYTES = 5_000_000
PLACE_KINDS = ("country", "region", "town")
# Attributes that name another entry: (kind of the entry, attribute, kind it names).
REFERENCES = (("places", "region", "places"), ("places", "country", "places"),
              ("sources", "actor", "actors"), ("actors", "adversary", "actors"))


def _is_text(value: Any) -> bool:
    return isinstance(value, str) and bool(value.strip()) and not CONTROL.search(value)


def _is_per_language(value: Any) -> bool:
    """{fr: …, en: …} with a text for every language."""
    return isinstance(value, dict) and all(_is_text(value.get(lang)) for lang in LANGUAGES)


def _id_problem(value: Any) -> str | None:
    """What is wrong with an entry id (or a reference to one), or None."""
    if isinstance(value, bool):
        # YAML 1.1 reads NO, YES, ON, OFF as true/false: Norway's code needs quotes.
        return "must be quoted: YAML reads yes/no/on/off as true/false"
    if not isinstance(value, str) or not value:
        return "must be text"
    if len(value) > MAX_ID_LENGTH or not ENTRY_ID.fullmatch(value):
        return (f"{value!r} must be ASCII letters and digits joined by single hyphens "
                f"(at most {MAX_ID_LENGTH} characters): ids become web addresses")
    return None


class _EntryReader:
    """Checks one raw entry, reporting each problem at the line of the key concerned."""

    def __init__(self, kind: str, path: Path, node: Any, errors: ErrorCollector):
        self.kind, self.path, self.errors = kind, path, errors
        self.line = position(node)[0] if node is not None else 1
        self.lines = {key: line for key, (line, _col) in mapping_positions(node).items()}
        self.ok = True
        self.entry_id: str | None = None       # once the id itself is known to be good

    def fail(self, message: str, key: str | None = None) -> None:
        self.ok = False
        self.errors.add(message, self.path, self.lines.get(key or "", self.line))

    def read(self, raw: Any) -> Entry | None:
        singular = self.kind[:-1]
        if not isinstance(raw, dict):
            self.fail(f"a {singular} entry must be a mapping with 'id', 'name' and 'words'")
            return None
        if "id" not in raw:
            self.fail(f"{singular} entry without an 'id'")
            return None
        problem = _id_problem(raw["id"])
        if problem:
            self.fail(f"{singular} id {problem}", "id")
            return None
        entry_id = self.entry_id = raw["id"]
        names = raw.get("name")
        for key in ("name", "adjective"):         # name is required, adjective optional
            if (key == "name" or key in raw) and not _is_per_language(raw.get(key)):
                self.fail(f"{entry_id}: '{key}' must give a non-empty text for each of "
                          f"{', '.join(LANGUAGES)} ({{fr: …, en: …}})", key)
        words = raw.get("words", [])
        if not isinstance(words, list) or not all(_is_text(w) for w in words):
            self.fail(f"{entry_id}: 'words' must be a list of non-empty texts", "words")
        if self.kind == "places" and raw.get("kind") not in (None, *PLACE_KINDS):
            self.fail(f"{entry_id}: 'kind' must be one of {', '.join(PLACE_KINDS)}", "kind")
        for kind, attribute, _target in REFERENCES:
            if kind == self.kind and attribute in raw:
                problem = _id_problem(raw[attribute])
                if problem:
                    self.fail(f"{entry_id}: '{attribute}' {problem}", attribute)
        if not self.ok:
            return None
        attrs = {k: v for k, v in raw.items() if k not in ("id", "name", "words")}
        return Entry(self.kind, entry_id, {lang: names[lang].strip() for lang in LANGUAGES},
                     tuple(words), attrs, self.line, self.lines)


def _read_kind(gazetteer: Gazetteer, kind: str, path: Path, errors: ErrorCollector) -> bool:
    """Read one gazetteer file into its table; False if some ids could not be read."""
    data, node = load_yaml_file(path, MAX_GAZETTEER_BYTES)
    if data is None:
        raise SitrepError(f"empty file: {kind}.yaml must be a YAML list of entries", path, 1)
    if not isinstance(data, list):
        raise SitrepError(f"{kind}.yaml must be a YAML list of entries (lines starting "
                          "with '- id: …')", path, 1)
    table = gazetteer.table(kind)
    folded: dict[str, Entry] = {}          # ids by lower case, for URLs on any file system
    items = sequence_items(node)
    complete = True
    for index, raw in enumerate(data):
        reader = _EntryReader(kind, path, items[index] if index < len(items) else None, errors)
        entry = reader.read(raw)
        if entry is None:
            if reader.entry_id is None:
                complete = False
            else:
                gazetteer.failed.add((kind, reader.entry_id))
            continue
        twin = folded.get(entry.id.lower())
        if twin is not None:
            same = "" if twin.id == entry.id else f" (as '{twin.id}': ids differing only in " \
                                                  "case would share a web address)"
            errors.add(f"duplicate id '{entry.id}'{same}, first at line {twin.line}",
                       path, reader.lines.get("id", entry.line))
            continue
        folded[entry.id.lower()] = entry
        table[entry.id] = entry
    return complete


def read_gazetteer(folder: Path, errors: ErrorCollector) -> Gazetteer:
    """Read actors.yaml, places.yaml and sources.yaml, adding every problem to errors.

    What could be read is returned; the kinds that had problems are listed in
    gazetteer.incomplete so that references to them are not reported twice.
    """
    gazetteer = Gazetteer()
    for kind in KINDS:
        path = folder / f"{kind}.yaml"
        complete = False
        if not path.is_file():
            errors.add(f"missing gazetteer file {kind}.yaml", path)
        else:
            with errors.collect():
                complete = _read_kind(gazetteer, kind, path, errors)
        if not complete:
            gazetteer.incomplete.add(kind)
    _check_references(gazetteer, folder, errors)
    return gazetteer


def load_gazetteer(folder: Path) -> Gazetteer:
    """Read the gazetteer; every problem reported at once, as a SitrepError(s)."""
    errors = ErrorCollector()
    gazetteer = read_gazetteer(folder, errors)
    errors.raise_if_any()
    return gazetteer


def _check_references(gazetteer: Gazetteer, folder: Path, errors: ErrorCollector) -> None:
    """Places name their region or country, sources their actor: those ids must exist."""
    for kind, attribute, target in REFERENCES:
        for entry in gazetteer.table(kind).values():
            value = entry.get(attribute)
            if value is not None and not gazetteer.may_have(target, value):
                errors.add(f"{entry.id}: unknown {attribute} '{value}' (not in {target}.yaml)",
                           folder / f"{kind}.yaml", entry.key_lines.get(attribute, entry.line))


__all__ = ["Entry", "Gazetteer", "load_gazetteer", "read_gazetteer"]
