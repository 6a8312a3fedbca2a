"""Load briefings from content/: front matter validated field by field, body kept verbatim."""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import unicodedata
from pathlib import Path
from typing import Any, Callable

from sitrep.bodylimits import check_body
from sitrep.errors import ErrorCollector, SitrepError
from sitrep.model import LANGUAGES, Annotation, Briefing
from sitrep.yamlio import (CONTROL, load_document, mapping_positions, mapping_value, position,
                           read_text, sequence_items)

# The id becomes a URL part and a folder name: ASCII lowercase, digits, hyphens only.
FILE_NAME = re.compile(r"(?P<id>[a-z0-9]+(?:-[a-z0-9]+)*)\.(?P<lang>[A-Za-z_-]+)\.md")
MAX_BRIEFING_BYTES = 2_000_000
ANNOTATION_ACTIONS = ("set", "drop", "add")
ANNOTATION_KEYS = {"quote", *ANNOTATION_ACTIONS}
KNOWN_KEYS = {"title", "date", "source", "tags", "facts", "translation_of", "summary", "author"}


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


def _describe(value: Any) -> str:
    """A short name for a wrong value (never its whole repr, which may be huge)."""
    if value is None:
        return "empty"
    if isinstance(value, bool):
        return f"{str(value).lower()} (YAML reads yes/no/on/off as true/false: quote it)"
    if isinstance(value, str):
        return repr(value if len(value) <= 40 else value[:40] + "…")
    if isinstance(value, (int, float)):
        return f"the number {value}"
    return {list: "a list", dict: "a mapping"}.get(type(value), type(value).__name__)


def _check_text(key: str, value: Any) -> str:
    if not isinstance(value, str) or not value.strip():
        raise ValueError(f"'{key}' must be a non-empty string, not {_describe(value)}")
    if CONTROL.search(value):
        raise ValueError(f"'{key}' contains a control character")
    return value.strip()


def _check_title(value: Any) -> str:
    return _check_text("title", value)


def _check_date(value: Any) -> dt.date:
    # yamlio leaves dates as text; a date object only comes from an explicit !!timestamp.
    if isinstance(value, dt.datetime):
        raise ValueError("'date' must be a day (YYYY-MM-DD), not a date and time")
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str) and re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", value.strip()):
        try:
            return dt.date.fromisoformat(value.strip())
        except ValueError:
            raise ValueError(f"'date' is not a real day: {value.strip()}") from None
    raise ValueError(f"'date' must be YYYY-MM-DD, not {_describe(value)}")


def _check_tags(value: Any) -> tuple[str, ...]:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(t, str) and t.strip() for t in value):
        raise ValueError("'tags' must be a list of words")
    for tag in value:
        if not _is_tag(tag):
            hint = re.sub(r"[\s_]+", "-", tag.strip().lower())
            raise ValueError(f"tag '{tag}' must be lowercase letters, digits and hyphens"
                             + (f" (say '{hint}')" if _is_tag(hint) else ""))
    return tuple(value)


def _is_tag(tag: str) -> bool:
    """Lowercase letters (accents welcome), digits and hyphens, with some letter or
    digit left once the accents are off (the page's address)."""
    return bool(re.fullmatch(r"[^\W_][\w-]*", tag)) and "_" not in tag \
        and tag == tag.lower() and bool(tag_slug(tag))


def tag_slug(tag: str) -> str:
    """A tag's part of its page's address: French letters without their accents
    (« corée-du-nord » -> coree-du-nord), or "" if nothing is left."""
    folded = unicodedata.normalize("NFKD", tag)
    folded = "".join(c for c in folded if not unicodedata.combining(c))
    folded = folded.replace("œ", "oe").replace("æ", "ae")
    folded = re.sub(r"[^a-z0-9]+", "-", folded).strip("-")
    return folded if re.fullmatch(r"[a-z0-9][a-z0-9-]*", folded) else ""


def _check_source(value: Any) -> str:
    if not isinstance(value, str) or not value.strip():
        raise ValueError(f"'source' must be a gazetteer source id, not {_describe(value)}")
    return value.strip()


def _check_hash(value: Any) -> str:
    if not isinstance(value, str) or not re.fullmatch(r"[0-9a-f]{16}", value):
        raise ValueError("'translation_of' must be the 16-hex-digit hash written by "
                         "`sitrep translations --mark`")
    return value


def _check_summary(value: Any) -> str:
    return _check_text("summary", value)


# Pelican-style table of field processors: key -> (Briefing field, checker).
FIELD_PROCESSORS: dict[str, tuple[str, Callable[[Any], Any]]] = {
    "title": ("title", _check_title),
    "date": ("date", _check_date),
    "tags": ("tags", _check_tags),
    "source": ("source", _check_source),
    "translation_of": ("translation_of", _check_hash),
    "summary": ("summary", _check_summary),
}


def _annotation(item: Any, body: str, where: tuple, errors: ErrorCollector) -> Annotation | None:
    """One annotation checked: its keys, its action, and its quote (exactly once in body)."""
    path, line, column = where
    if not isinstance(item, dict):
        errors.add("an annotation must be a mapping with 'quote' and one of set, drop, add",
                   path, line, column)
        return None
    unknown = sorted(set(map(str, item)) - ANNOTATION_KEYS)
    if unknown:
        errors.add(f"unknown key '{unknown[0]}' in annotation "
                   f"(expected quote and one of set, drop, add)", path, line, column)
        return None
    quote = item.get("quote")
    if not isinstance(quote, str) or not quote.strip():
        errors.add("annotation without a 'quote' (the words of the body it is about)",
                   path, line, column)
        return None
    actions = [a for a in ANNOTATION_ACTIONS if a in item]
    if len(actions) != 1:
        errors.add("an annotation needs exactly one of 'set', 'drop', 'add'", path, line, column)
        return None
    action = actions[0]
    values = item[action]
    if action == "drop":
        if values is not True:
            errors.add("'drop' must be true", path, line, column)
            return None
        values = {}
    elif not isinstance(values, dict) or not values:
        errors.add(f"'{action}' must be a mapping of fact fields", path, line, column)
        return None
    count = body.count(quote)
    if count != 1:
        problem = "not found in the body" if count == 0 else \
            f"found {count} times in the body, quote more words to make it unique"
        errors.add(f"annotation quote {problem}: «{quote}»", path, line, column)
        return None
    return Annotation(quote, action, dict(values), line, body.index(quote))


def _parse_annotations(raw: Any, node: Any, body: str, path: Path, header_line: int,
                       errors: ErrorCollector) -> tuple[Annotation, ...]:
    if raw is None:
        return ()
    if not isinstance(raw, list):
        errors.add("'facts' must be a list of annotations", path, header_line)
        return ()
    def where(index: int) -> tuple:
        # The header starts on line 2 of the file, after the opening '---'. The column
        # only helps when several annotations share a line (`facts: [{…}, {…}]`).
        items = sequence_items(node)
        if index >= len(items):
            return path, header_line, None
        line, column = position(items[index], first_line=2)
        return path, line, column if node.flow_style else None

    annotations = (_annotation(item, body, where(i), errors) for i, item in enumerate(raw))
    return tuple(a for a in annotations if a is not None)


def parse_briefing(path: Path, text: str, briefing_id: str, language: str,
                   lenient: bool = False) -> Briefing:
    """Turn one file's text into a Briefing, or raise every problem found in it.

    A build refuses any problem. `sitrep extract`, which only reads the facts, is
    lenient: a header problem that does not touch them (an unknown key, a tag or a
    title a build would refuse) is kept as a warning (meta["warnings"]: message, line)
    and the value is left out; only the date, the annotations and the body must be right."""
    errors = ErrorCollector()
    header, body, body_line = split_front_matter(text, path)
    meta, node = load_document(header, path, first_line=2)
    if not isinstance(meta, dict):
        raise SitrepError("the YAML header must be a mapping of keys: at least 'title' and "
                          "'date'", path, 2 if header.strip() else 1)
    positions = mapping_positions(node, first_line=2)
    key_lines = {key: line for key, (line, _column) in positions.items()}
    fields: dict[str, Any] = {}
    warnings: list[tuple[str, int]] = []

    def problem(message: str, line: int, key: str) -> None:
        if lenient and key not in ("date", "facts"):
            warnings.append((f"{message}; left out (a build refuses it)", line))
        else:
            errors.add(message, path, line)

    for key in ("title", "date"):
        if key not in meta:
            problem(f"missing required key '{key}'", 1, key)
    for key, value in meta.items():
        line = key_lines.get(str(key), 2)
        if key in FIELD_PROCESSORS:
            name, check = FIELD_PROCESSORS[key]
            try:
                fields[name] = check(value)
            except ValueError as exc:
                problem(str(exc), line, key)
        elif key == "author":
            try:
                fields["author"] = _check_text("author", value)
            except ValueError as exc:
                problem(str(exc), line, key)
        elif key not in KNOWN_KEYS:
            problem(f"unknown key '{key}' in the header "
                    f"(known: {', '.join(sorted(KNOWN_KEYS))})", line, str(key))
    if language == "fr" and "translation_of" in meta:
        errors.add("'translation_of' belongs in the English file, not the French one",
                   path, key_lines.get("translation_of", 1))
    if language != "fr" and meta.get("facts"):
        errors.add("annotations ('facts') belong in the French original", path,
                   key_lines.get("facts", 1))
    annotations = _parse_annotations(meta.get("facts"), mapping_value(node, "facts"), body, path,
                                     key_lines.get("facts", 1), errors)
    check_body(body, path, body_line, errors)
    errors.raise_if_any()
    # Key lines travel with the briefing so that cross-file checks (validate.py) can
    # locate, say, an unknown source without reading the file again.
    extra = {key: fields.pop(key) for key in ("summary", "author") if fields.get(key)}
    if warnings:
        extra["warnings"] = warnings
        fields.setdefault("title", briefing_id)      # lenient: a title the build refused
    return Briefing(id=briefing_id, language=language, path=path, body=body, body_line=body_line,
                    annotations=annotations, meta={**extra, "key_lines": key_lines}, **fields)


def file_name_parts(name: str) -> tuple[str, str] | None:
    """(id, language) from a file name `<id>.<lang>.md`, or None (parse_file_name says
    what is wrong)."""
    match = FILE_NAME.fullmatch(name)
    return (match["id"], match["lang"]) if match and match["lang"] in LANGUAGES else None


def parse_file_name(path: Path) -> tuple[str, str]:
    """(id, language) from `<id>.<lang>.md`, or a SitrepError saying what is wrong."""
    parts = file_name_parts(path.name)
    if parts is None:
        match = FILE_NAME.fullmatch(path.name)
        if match is None:
            raise SitrepError("briefing file names are <id>.<lang>.md with an id of lowercase "
                              "letters, digits and single hyphens (YYYY-MM-DD-slug)", path, 1)
        raise SitrepError(f"unknown language suffix '.{match['lang']}' "
                          f"(expected {', '.join('.' + lang for lang in LANGUAGES)})", path, 1)
    return parts


def load_briefing(path: Path, lenient: bool = False) -> Briefing:
    """Read and parse one briefing file (a file over MAX_BRIEFING_BYTES is never read
    whole). Lenient (see parse_briefing), a French file whose name a build would refuse
    is read too, its id the name without `.fr.md`."""
    try:
        briefing_id, language = parse_file_name(path)
        naming = None
    except SitrepError as refused:
        if not (lenient and path.name.endswith(".fr.md") and len(path.name) > 6):
            raise
        briefing_id, language, naming = path.name[:-len(".fr.md")], "fr", refused
    briefing = parse_briefing(path, read_text(path, MAX_BRIEFING_BYTES), briefing_id,
                              language, lenient)
    if naming is not None:
        briefing.meta.setdefault("warnings", []).insert(
            0, (f"{naming.message}; read anyway (a build refuses it)", 1))
    return briefing


def find_briefing_files(folder: Path) -> list[Path]:
    """Every *.md below folder, in sorted order (same input, same output)."""
    return sorted(p for p in folder.rglob("*.md") if p.is_file())


def load_each(paths: list[Path]) -> list[Briefing | SitrepError]:
    """Load files one after the other; a file's problem is returned in its place."""
    results: list[Briefing | SitrepError] = []
    for path in paths:
        try:
            results.append(load_briefing(path))
        except SitrepError as error:
            results.append(error)
    return results


def load_briefings(folder: Path, errors: ErrorCollector,
                   load_all: Callable[[list[Path]], list] = load_each) -> list[Briefing]:
    """All briefings below folder; problems go to errors, the rest still loads.

    load_all turns the list of files into briefings (or the error of each); the build
    passes one that reuses its cache and uses every core.
    """
    named: dict[tuple[str, str], Path] = {}
    for path in find_briefing_files(folder):
        with errors.collect():
            key = parse_file_name(path)
            if key in named:
                # Only possible across subfolders: briefings/a/x.fr.md and briefings/b/x.fr.md.
                raise SitrepError(f"duplicate briefing id '{key[0]}' (also {named[key]})", path, 1)
            named[key] = path
    briefings = []
    for result in load_all(sorted(named.values())):
        if isinstance(result, SitrepError):
            with errors.collect():
                raise result
        else:
            briefings.append(result)
    # A French original that exists but has errors still counts: its errors are enough.
    french = {briefing_id for briefing_id, lang in named if lang == "fr"}
    for (briefing_id, lang), path in sorted(named.items()):
        if lang != "fr" and briefing_id not in french:
            errors.add(f"translation without its French original {briefing_id}.fr.md "
                       "(add it, or rename this file)", path, 1)
    return briefings
