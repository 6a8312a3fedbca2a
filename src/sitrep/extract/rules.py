"""Named extraction rules, composed from small pattern pieces into one regex per dimension.

Each rule is a record (name, pattern, value), as Duckling's rules are; a RuleSet joins
its rules into a single alternation so that a dimension scans the text once, and tells
which rule matched. Inner named groups are made unique by prefixing the rule name.

>>> rules = RuleSet([Rule("dozen", r"douzaine"), Rule("score", r"(?P<n>\\d+) points")])
>>> [(hit.rule.name, hit.group("n")) for hit in rules.finditer("une douzaine, 30 points")]
[('dozen', None), ('score', '30')]
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Iterable, Iterator

_GROUP = re.compile(r"\(\?P<(\w+)>")
_WORD_START = re.compile(r"(?<!\w)[\w+~]")


@dataclass(frozen=True)
class Rule:
    """A named pattern and what it stands for (a category, a level, a precision...)."""
    name: str
    pattern: str
    value: Any = None


@dataclass(frozen=True)
class Hit:
    """One match of one rule."""
    rule: Rule
    match: re.Match

    @property
    def start(self) -> int:
        return self.match.start(self.rule.name)

    @property
    def end(self) -> int:
        return self.match.end(self.rule.name)

    @property
    def text(self) -> str:
        return self.match.group(self.rule.name)

    def start_of(self, name: str) -> int:
        return self.match.start(f"{self.rule.name}__{name}")

    def group(self, name: str) -> str | None:
        try:
            return self.match.group(f"{self.rule.name}__{name}")
        except IndexError:
            return None


class RuleSet:
    """Rules joined into one compiled alternation; the first rule that matches wins."""

    def __init__(self, rules: Iterable[Rule], flags: int = 0,
                 before: str = "", after: str = "") -> None:
        self.rules = {rule.name: rule for rule in rules}
        parts = []
        for rule in self.rules.values():
            inner = _GROUP.sub(lambda m, name=rule.name: f"(?P<{name}__{m[1]}>", rule.pattern)
            parts.append(f"(?P<{rule.name}>{inner})")
        self.regex = re.compile(f"{before}(?:{'|'.join(parts)}){after}", flags)

    def finditer(self, text: str, pos: int = 0, endpos: int | None = None) -> Iterator[Hit]:
        matches = self.regex.finditer(text, pos) if endpos is None \
            else self.regex.finditer(text, pos, endpos)
        for match in matches:
            yield Hit(self.rules[match.lastgroup], match)

    def find_near(self, text: str, anchors: re.Pattern, reach: int) -> Iterator[Hit]:
        """The hits finditer would give, found faster by trying only the words at most
        `reach` characters before an anchor (a digit, a month name) that every hit holds."""
        cursor = 0                       # words before it were tried, or are inside a hit
        for anchor in anchors.finditer(text):
            at = anchor.start()
            if at < cursor:
                continue
            for word in _WORD_START.finditer(text, max(cursor, at - reach), at + 1):
                found = self.regex.match(text, word.start())
                if found is not None and found.end() > at:
                    cursor = found.end()
                    yield Hit(self.rules[found.lastgroup], found)
                    break
            else:
                cursor = at + 1

    def match(self, text: str, pos: int = 0) -> Hit | None:
        found = self.regex.match(text, pos)
        return Hit(self.rules[found.lastgroup], found) if found else None


def words_pattern(words: Iterable[str]) -> str:
    """An alternation of literal phrases, longest first, any run of spaces between words."""
    unique = sorted({w.strip() for w in words if w.strip()}, key=lambda w: (-len(w), w))
    escaped = []
    for word in unique:
        piece = re.escape(word.replace("\u2019", "'"))
        escaped.append(re.sub(r"(?:\\ )+", r"\\s+", piece))
    return "|".join(escaped) if escaped else "(?!)"
