"""Actors, places and sources: ids, names in both languages, French words that name them."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any



from sitrep.errors import ErrorCollector, SitrepError
from sitrep.yamlio import load_yaml_file

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


def _parse_entry(kind: str, raw: Any, path: Path, line: int, errors: ErrorCollector) -> Entry | None:
    if not isinstance(raw, dict):
        errors.add(f"a {kind[:-1]} entry must be a mapping", path, line)
        return None
    entry_id = raw.get("id")
    if not isinstance(entry_id, str) or not entry_id.strip():
        errors.add(f"{kind[:-1]} entry without an 'id'", path, line)
        return None
    names = raw.get("name")
    if not isinstance(names, dict) or not isinstance(names.get("fr"), str) \
            or not isinstance(names.get("en"), str):
        errors.add(f"{entry_id}: 'name' must give 'fr' and 'en' strings", path, line)
        return None
    words = raw.get("words", [])
    if not isinstance(words, list) or not all(isinstance(w, str) and w.strip() for w in words):
        errors.add(f"{entry_id}: 'words' must be a list of non-empty strings", path, line)
        return None
    attrs = {k: v for k, v in raw.items() if k not in ("id", "name", "words")}
    return Entry(kind, entry_id, {"fr": names["fr"], "en": names["en"]}, tuple(words), attrs, line)


def load_gazetteer(folder: Path) -> Gazetteer:
    """Read actors.yaml, places.yaml and sources.yaml; every problem reported at once."""
    errors = ErrorCollector()
    gazetteer = Gazetteer()
    for kind in KINDS:
        path = folder / f"{kind}.yaml"
        if not path.exists():
            errors.add(f"missing gazetteer file {kind}.yaml", path)
            continue
        with errors.collect():
            data, lines = load_yaml_file(path)
            if data is None:
                data = []
            if not isinstance(data, list):
                raise SitrepError("a gazetteer file must be a YAML list of entries", path, 1)
            table = gazetteer.table(kind)
            for index, raw in enumerate(data):
                line = lines[index] if index < len(lines) else 1
                entry = _parse_entry(kind, raw, path, line, errors)
                if entry is None:
                    continue
                if entry.id in table:
                    errors.add(f"duplicate id '{entry.id}' (first at line {table[entry.id].line})",
                               path, line)
                    continue
                table[entry.id] = entry
    _check_references(gazetteer, folder, errors)
    errors.raise_if_any()
    return gazetteer


def _check_references(gazetteer: Gazetteer, folder: Path, errors: ErrorCollector) -> None:
    """Places name their region or country, sources their actor: those ids must exist."""
    for entry in gazetteer.places.values():
        region = entry.get("region")
        if region is not None and region not in gazetteer.places:
            errors.add(f"{entry.id}: unknown region '{region}'", folder / "places.yaml", entry.line)
    for entry in gazetteer.sources.values():
        actor = entry.get("actor")
        if actor is not None and actor not in gazetteer.actors:
            errors.add(f"{entry.id}: unknown actor '{actor}'", folder / "sources.yaml", entry.line)


__all__ = ["Entry", "Gazetteer", "load_gazetteer"]
