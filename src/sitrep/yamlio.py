"""Safe YAML reading that turns every parser error into a located SitrepError."""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Any

import yaml

from sitrep.errors import SitrepError

# Content files are small, hand-written mappings and lists: deeper nesting is a mistake
# (or an attempt to exhaust the parser's recursion), so it is refused with a location.
MAX_DEPTH = 32
# C0 and C1 control characters other than tab and newline: YAML escapes ("\x00") can
# still put them in a value; they are invisible, and some are not even allowed in HTML.
CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")
# Line breaks that YAML honours but editors hardly show (NEL, LS, PS): in a plain value
# YAML folds them into a space, so the control-character check above never sees them.
_HIDDEN_BREAK = re.compile("[\x85\u2028\u2029]")


class SafeLoader(yaml.SafeLoader):
    """yaml.SafeLoader (no Python tags, so `!!python/object` is an error, never code) that

    - leaves dates as text, so sitrep checks them itself and an impossible date
      (2025-02-30) is a located message rather than a crash;
    - refuses aliases (`*name`): hand-written content never needs them, and expanding
      them is the classic way to make a tiny file cost gigabytes ("billion laughs");
    - refuses duplicate keys, which YAML would otherwise resolve silently to the last;
    - refuses nesting deeper than MAX_DEPTH.
    """

    def __init__(self, stream: str):
        super().__init__(stream)
        self.depth = 0

    def compose_node(self, parent, index):
        if self.check_event(yaml.AliasEvent):
            raise yaml.composer.ComposerError(
                None, None, "aliases (*name) are not accepted: write the value out",
                self.peek_event().start_mark)
        self.depth += 1
        try:
            if self.depth > MAX_DEPTH:
                raise yaml.composer.ComposerError(
                    None, None, f"nested more than {MAX_DEPTH} levels deep",
                    self.peek_event().start_mark)
            return super().compose_node(parent, index)
        finally:
            self.depth -= 1

    def construct_mapping(self, node, deep=False):
        refuse_duplicate_keys(node)
        return super().construct_mapping(node, deep)


def refuse_duplicate_keys(node: yaml.MappingNode) -> None:
    """YAML would otherwise keep the last of two equal keys, silently."""
    seen: set[tuple[str, str]] = set()
    for key_node, _value in node.value:
        if isinstance(key_node, yaml.ScalarNode):
            key = (key_node.tag, key_node.value)
            if key in seen:
                raise yaml.constructor.ConstructorError(
                    None, None, f"duplicate key '{key_node.value}'", key_node.start_mark)
            seen.add(key)


SafeLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


if getattr(yaml, "__with_libyaml__", False):
    class FastLoader(yaml.CSafeLoader):
        """libyaml's parser (about six times faster) with SafeLoader's constructor rules.
        Aliases and depth are checked on the node tree (_tree_is_plain); any problem sends
        the text back through SafeLoader, so messages are the same either way."""

        def construct_mapping(self, node, deep=False):
            refuse_duplicate_keys(node)
            return super().construct_mapping(node, deep)

    FastLoader.yaml_implicit_resolvers = SafeLoader.yaml_implicit_resolvers
else:                                   # PyYAML built without libyaml
    FastLoader = None


def _tree_is_plain(node: yaml.Node | None) -> bool:
    """No node reached twice (an alias) and no nesting deeper than MAX_DEPTH."""
    seen: set[int] = set()
    stack = [(node, 1)] if node is not None else []
    while stack:
        current, depth = stack.pop()
        if id(current) in seen or depth > MAX_DEPTH:
            return False
        seen.add(id(current))
        if isinstance(current, yaml.SequenceNode):
            stack.extend((child, depth + 1) for child in current.value)
        elif isinstance(current, yaml.MappingNode):
            for key, value in current.value:
                stack.append((key, depth + 1))
                stack.append((value, depth + 1))
    return True


def _fast_load(text: str) -> tuple[Any, yaml.Node | None] | None:
    """The document through libyaml, or None when anything is off (then SafeLoader
    reads it again and says what)."""
    if FastLoader is None:
        return None
    loader = FastLoader(text)
    try:
        node = loader.get_single_node()
        if not _tree_is_plain(node):
            return None
        return (loader.construct_document(node) if node is not None else None), node
    except (yaml.YAMLError, RecursionError, ValueError, TypeError):
        return None
    finally:
        loader.dispose()


def read_text(path: Path, limit: int | None = None) -> str:
    """Read a UTF-8 file (a BOM is accepted, CRLF endings are normalised).

    With a limit, a larger file is refused after reading at most limit + 1 bytes: it is
    never held in memory whole.
    """
    try:
        with path.open("rb") as stream:
            size = os.fstat(stream.fileno()).st_size
            if limit is not None and size > limit:
                raise SitrepError(f"file too large ({size:,} bytes; at most {limit:,} are "
                                  "accepted): split it", path, 1)
            raw = stream.read(limit + 1) if limit is not None else stream.read()
    except OSError as exc:
        raise SitrepError(f"cannot read file: {exc.strerror or exc}", path, 1) from None
    if limit is not None and len(raw) > limit:       # it grew while we looked
        raise SitrepError(f"file too large (at most {limit:,} bytes are accepted): split it",
                          path, 1)
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        column = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        raise SitrepError(f"not valid UTF-8: byte 0x{raw[exc.start]:02x} (save the file as "
                          "UTF-8)", path, line, column) from None
    return text.replace("\r\n", "\n").replace("\r", "\n")


def load_document(text: str, path: Path, first_line: int = 1) -> tuple[Any, yaml.Node | None]:
    """The data of one YAML document and its node tree (whose marks locate keys and
    items), or a SitrepError located in the file (first_line: where text starts)."""
    hidden = _HIDDEN_BREAK.search(text)
    if hidden is not None:
        before = text[:hidden.start()]
        raise SitrepError(f"invalid YAML: character U+{ord(hidden.group()):04X} is a line break "
                          "to YAML (a value would silently lose it): remove it", path,
                          first_line + before.count("\n"), hidden.start() - before.rfind("\n"))
    fast = _fast_load(text)
    if fast is not None:
        return fast
    loader = None
    try:
        loader = SafeLoader(text)          # checks every character of text already
        node = loader.get_single_node()
        data = loader.construct_document(node) if node is not None else None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = first_line + (mark.line if mark else 0)
        column = mark.column + 1 if mark else None
        problem = exc.problem or exc.context or "invalid YAML"
        raise SitrepError(f"invalid YAML: {problem}", path, line, column) from None
    except yaml.reader.ReaderError as exc:
        # Control characters and the like: the reader gives a character offset only.
        before = text[:exc.position]
        line = first_line + before.count("\n")
        column = exc.position - (before.rfind("\n") + 1) + 1
        raise SitrepError(f"invalid YAML: character U+{exc.character:04X} is not allowed",
                          path, line, column) from None
    except yaml.YAMLError as exc:
        raise SitrepError(f"invalid YAML: {exc}", path, first_line) from None
    except RecursionError:
        raise SitrepError("invalid YAML: nested too deeply", path, first_line) from None
    finally:
        if loader is not None:
            loader.dispose()
    return data, node


def parse_yaml(text: str, path: Path, first_line: int = 1) -> Any:
    """yaml.safe_load with the error located in the file (first_line: where text starts)."""
    return load_document(text, path, first_line)[0]


def position(node: yaml.Node, first_line: int = 1) -> tuple[int, int]:
    """(line, column) in the file where a node starts, both 1-based."""
    return first_line + node.start_mark.line, node.start_mark.column + 1


def mapping_positions(node: yaml.Node | None, first_line: int = 1) -> dict[str, tuple[int, int]]:
    """(line, column) of each key of a mapping node, by key text."""
    if not isinstance(node, yaml.MappingNode):
        return {}
    return {key.value: position(key, first_line) for key, _value in node.value
            if isinstance(key, yaml.ScalarNode)}


def mapping_value(node: yaml.Node | None, key: str) -> yaml.Node | None:
    """The value node of one key of a mapping node."""
    if isinstance(node, yaml.MappingNode):
        for key_node, value in node.value:
            if isinstance(key_node, yaml.ScalarNode) and key_node.value == key:
                return value
    return None


def sequence_items(node: yaml.Node | None) -> list[yaml.Node]:
    """The item nodes of a sequence node (empty for anything else)."""
    return list(node.value) if isinstance(node, yaml.SequenceNode) else []


def load_yaml_file(path: Path, limit: int | None = None) -> tuple[Any, yaml.Node | None]:
    """A YAML file's data and node tree (for located messages)."""
    return load_document(read_text(path, limit), path)
