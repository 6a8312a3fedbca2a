"""Load briefings from content/: front matter validated field by field, body kept verbatim."""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from pathlib import Path
from typing import Any, Callable

import yaml

from sitrep.errors import ErrorCollector, SitrepError
from sitrep.model import LANGUAGES, Annotation, Briefing
from sitrep.yamlio import SafeLoader, parse_yaml, read_text

FILE_NAME = re.compile(r"^(?P<id>[a-z0-9][a-z0-9-]*)\.(?P<lang>[A-Za-z_-]+)\.md$")
MAX_BRIEFING_BYTES = 2_000_000
ANNOTATION_ACTIONS = ("set", "drop", "add")
ANNOTATION_KEYS = {"quote", *ANNOTATION_ACTIONS}
KNOWN_KEYS = {"title", "date", "source", "tags", "facts", "translation_of", "summary"}


def body_hash(body: str) -> str:
    """The hash an English file records of the French body it translates."""
    return hashlib.sha256(body.strip().encode("utf-8")).hexdigest()[:16]


def split_front_matter(text: str, path: Path) -> tuple[str, str, int]:
    """(header YAML, body, 1-based line where the body starts)."""
    if not text.strip():
        raise SitrepError("empty file: a briefing needs a YAML header and a body", path, 1)
    if not text.startswith("---\n") and text.rstrip("\n") != "---":
        raise SitrepError("missing YAML header: the file must start with a '---' line", path, 1)
    close = re.search(r"^---[ \t]*$", text[4:], re.MULTILINE)
    if close is None:
        raise SitrepError("YAML header never closed: add a '---' line after it", path, 1)
    header = text[4:4 + close.start()]
    body_offset = 4 + close.end() + 1
    body = text[body_offset:] if body_offset <= len(text) else ""
    body_line = text.count("\n", 0, min(body_offset, len(text))) + 1
    return header, body, body_line


def _key_lines(header: str) -> dict[str, int]:
    """1-based line (within the header) of each top-level key, for located messages."""
    lines: dict[str, int] = {}
    try:
        node = yaml.compose(header, Loader=SafeLoader)
    except yaml.YAMLError:
        return lines
    if isinstance(node, yaml.MappingNode):
        for key, _value in node.value:
            if isinstance(key, yaml.ScalarNode):
                lines[key.value] = key.start_mark.line + 1
    return lines


def _annotation_lines(header: str) -> list[int]:
    try:
        node = yaml.compose(header, Loader=SafeLoader)
    except yaml.YAMLError:
        return []
    if not isinstance(node, yaml.MappingNode):
        return []
    for key, value in node.value:
        if isinstance(key, yaml.ScalarNode) and key.value == "facts" \
                and isinstance(value, yaml.SequenceNode):
            return [item.start_mark.line + 1 for item in value.value]
    return []


def _check_title(value: Any) -> str:
    if not isinstance(value, str) or not value.strip():
        raise ValueError("'title' must be a non-empty string")
    return value.strip()


def _check_date(value: Any) -> dt.date:
    if isinstance(value, dt.datetime):
        raise ValueError("'date' must be a day (YYYY-MM-DD), not a date and time")
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", value.strip()):
            try:
                return dt.date.fromisoformat(value.strip())
            except ValueError:
                raise ValueError(f"'date' is not a real day: {value.strip()}") from None
        raise ValueError(f"'date' must be YYYY-MM-DD, not {value!r}")
    raise ValueError(f"'date' must be YYYY-MM-DD, not {value!r}")


def _check_tags(value: Any) -> tuple[str, ...]:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(t, str) and t.strip() for t in value):
        raise ValueError("'tags' must be a list of words")
    for tag in value:
        if not re.fullmatch(r"[a-z0-9][a-z0-9-]*", tag):
            raise ValueError(f"tag '{tag}' must be lowercase letters, digits and hyphens")
    return tuple(value)


def _check_source(value: Any) -> str:
    if not isinstance(value, str) or not value.strip():
        raise ValueError("'source' must be a gazetteer id")
    return value.strip()


def _check_hash(value: Any) -> str:
    if not isinstance(value, str) or not re.fullmatch(r"[0-9a-f]{16}", value):
        raise ValueError("'translation_of' must be the 16-hex-digit hash written by "
                         "`sitrep translations --mark`")
    return value


def _check_summary(value: Any) -> str:
    if not isinstance(value, str):
        raise ValueError("'summary' must be text")
    return value.strip()


# Pelican-style table of field processors: key -> (Briefing field, checker).
FIELD_PROCESSORS: dict[str, tuple[str, Callable[[Any], Any]]] = {
    "title": ("title", _check_title),
    "date": ("date", _check_date),
    "tags": ("tags", _check_tags),
    "source": ("source", _check_source),
    "translation_of": ("translation_of", _check_hash),
    "summary": ("summary", _check_summary),
}


def _parse_annotations(raw: Any, body: str, path: Path, header_line: int,
                       item_lines: list[int], errors: ErrorCollector) -> tuple[Annotation, ...]:
    if raw is None:
        return ()
    if not isinstance(raw, list):
        errors.add("'facts' must be a list of annotations", path, header_line)
        return ()
    annotations = []
    for index, item in enumerate(raw):
        line = 1 + item_lines[index] if index < len(item_lines) else header_line
        if not isinstance(item, dict):
            errors.add("an annotation must be a mapping with 'quote' and one of set/drop/add",
                       path, line)
            continue
        unknown = sorted(set(map(str, item)) - ANNOTATION_KEYS)
        if unknown:
            errors.add(f"unknown key '{unknown[0]}' in annotation "
                       f"(expected quote and one of set, drop, add)", path, line)
            continue
        quote = item.get("quote")
        if not isinstance(quote, str) or not quote.strip():
            errors.add("annotation without a 'quote' (the words of the body it is about)",
                       path, line)
            continue
        actions = [a for a in ANNOTATION_ACTIONS if a in item]
        if len(actions) != 1:
            errors.add("an annotation needs exactly one of 'set', 'drop', 'add'", path, line)
            continue
        action = actions[0]
        values = item[action]
        if action == "drop":
            if values is not True:
                errors.add("'drop' must be true", path, line)
                continue
            values = {}
        elif not isinstance(values, dict) or not values:
            errors.add(f"'{action}' must be a mapping of fact fields", path, line)
            continue
        count = body.count(quote)
        if count == 0:
            errors.add(f"annotation quote not found in the body: «{quote}»", path, line)
            continue
        if count > 1:
            errors.add(f"annotation quote found {count} times in the body, "
                       f"quote more words to make it unique: «{quote}»", path, line)
            continue
        annotations.append(Annotation(quote, action, dict(values), line, body.index(quote)))
    return tuple(annotations)


def parse_briefing(path: Path, text: str, briefing_id: str, language: str) -> Briefing:
    """Turn one file's text into a Briefing, or raise every problem found in it."""
    errors = ErrorCollector()
    header, body, body_line = split_front_matter(text, path)
    meta = parse_yaml(header, path, first_line=2) if header.strip() else None
    if not isinstance(meta, dict):
        raise SitrepError("the YAML header must be a mapping of keys (title, date, …)", path, 2)
    key_lines = _key_lines(header)
    fields: dict[str, Any] = {}
    for key in ("title", "date"):
        if key not in meta:
            errors.add(f"missing required key '{key}'", path, 1)
    for key, value in meta.items():
        line = 1 + key_lines.get(str(key), 1)
        if key in FIELD_PROCESSORS:
            name, check = FIELD_PROCESSORS[key]
            try:
                fields[name] = check(value)
            except ValueError as exc:
                errors.add(str(exc), path, line)
        elif key not in KNOWN_KEYS:
            errors.add(f"unknown key '{key}' in the header "
                       f"(known: {', '.join(sorted(KNOWN_KEYS))})", path, line)
    if language == "fr" and "translation_of" in meta:
        errors.add("'translation_of' belongs in the English file, not the French one",
                   path, 1 + key_lines.get("translation_of", 1))
    if language != "fr" and meta.get("facts"):
        errors.add("annotations ('facts') belong in the French original", path,
                   1 + key_lines.get("facts", 1))
    annotations = _parse_annotations(meta.get("facts"), body, path, 1 + key_lines.get("facts", 1),
                                     _annotation_lines(header), errors)
    errors.raise_if_any()
    summary = fields.pop("summary", None)
    return Briefing(id=briefing_id, language=language, path=path, body=body, body_line=body_line,
                    annotations=annotations, meta={"summary": summary} if summary else {},
                    **fields)


def parse_file_name(path: Path) -> tuple[str, str]:
    """(id, language) from `<id>.<lang>.md`, or a SitrepError saying what is wrong."""
    match = FILE_NAME.match(path.name)
    if match is None:
        raise SitrepError("briefing file names are <id>.<lang>.md with a lowercase id of letters, "
                          "digits and hyphens", path)
    if match["lang"] not in LANGUAGES:
        raise SitrepError(f"unknown language suffix '.{match['lang']}' "
                          f"(expected {', '.join('.' + lang for lang in LANGUAGES)})", path)
    return match["id"], match["lang"]


def load_briefing(path: Path) -> Briefing:
    """Read and parse one briefing file."""
    briefing_id, language = parse_file_name(path)
    if path.stat().st_size > MAX_BRIEFING_BYTES:
        raise SitrepError(f"file too large ({path.stat().st_size:,} bytes; a briefing may have "
                          f"at most {MAX_BRIEFING_BYTES:,})", path)
    return parse_briefing(path, read_text(path), briefing_id, language)


def find_briefing_files(folder: Path) -> list[Path]:
    """Every *.md below folder, in sorted order (same input, same output)."""
    return sorted(p for p in folder.rglob("*.md") if p.is_file())


def load_briefings(folder: Path, errors: ErrorCollector) -> list[Briefing]:
    """All briefings below folder; problems go to errors, the rest still loads."""
    briefings = []
    seen: dict[tuple[str, str], Path] = {}
    for path in find_briefing_files(folder):
        with errors.collect():
            briefing = load_briefing(path)
            key = (briefing.id, briefing.language)
            if key in seen:
                raise SitrepError(f"duplicate briefing id '{briefing.id}' "
                                  f"(also {seen[key]})", path, 1)
            seen[key] = path
            briefings.append(briefing)
    french = {b.id for b in briefings if b.language == "fr"}
    for briefing in briefings:
        if briefing.language != "fr" and briefing.id not in french:
            errors.add(f"translation without its French original {briefing.id}.fr.md",
                       briefing.path, 1)
    return briefings
