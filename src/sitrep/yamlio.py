"""Safe YAML reading that turns parser errors into located SitrepErrors."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from sitrep.errors import SitrepError


class SafeLoader(yaml.SafeLoader):
    """yaml.SafeLoader that leaves dates as text, so sitrep checks them itself and an
    impossible date (2025-02-30) is a located message rather than a crash."""


SafeLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def read_text(path: Path) -> str:
    """Read a UTF-8 file (a BOM is accepted, CRLF endings are normalised)."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise SitrepError(f"cannot read file: {exc.strerror}", path) from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        raise SitrepError(f"not valid UTF-8 (byte {exc.start})", path, line) from None
    return text.replace("\r\n", "\n").replace("\r", "\n")


def parse_yaml(text: str, path: Path, first_line: int = 1) -> Any:
    """yaml.safe_load with the error located in the file (first_line: where text starts)."""
    try:
        return yaml.load(text, Loader=SafeLoader)  # noqa: S506 (a safe loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = first_line + (mark.line if mark else 0)
        column = mark.column + 1 if mark else None
        problem = exc.problem or exc.context or "invalid YAML"
        raise SitrepError(f"invalid YAML: {problem}", path, line, column) from None
    except yaml.YAMLError as exc:
        raise SitrepError(f"invalid YAML: {exc}", path, first_line) from None


def top_level_item_lines(text: str, first_line: int = 1) -> list[int]:
    """Lines where each item of a top-level YAML sequence starts (for located messages)."""
    try:
        node = yaml.compose(text, Loader=SafeLoader)
    except yaml.YAMLError:
        return []
    if not isinstance(node, yaml.SequenceNode):
        return []
    return [first_line + item.start_mark.line for item in node.value]


def load_yaml_file(path: Path) -> tuple[Any, list[int]]:
    """A YAML file's data, and the line of each top-level list item."""
    text = read_text(path)
    return parse_yaml(text, path), top_level_item_lines(text)
