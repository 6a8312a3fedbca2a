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
import re._constants as sre
import re._parser as sre_parse
from dataclasses import dataclass
from typing import Any, Callable, Iterable, Iterator

_GROUP = re.compile(r"\(\?P<(\w+)>")
_WORD_START = re.compile(r"(?<!\w)[\w+~]")


@dataclass(frozen=True)
class Rule:
    """A named pattern and what it stands for (a category, a level, a precision...)."""
    name: str
    pattern: str
    value: Any = None


@dataclass(slots=True)
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


_ZERO_WIDTH = (sre.AT, sre.ASSERT, sre.ASSERT_NOT)
_REPEATS = (sre.MAX_REPEAT, sre.MIN_REPEAT, getattr(sre, "POSSESSIVE_REPEAT", sre.MAX_REPEAT))
_CATEGORY_TESTS: dict[Any, Callable[[str], bool]] = {
    sre.CATEGORY_DIGIT: str.isdecimal,
    sre.CATEGORY_WORD: lambda c: c.isalnum() or c == "_",
    sre.CATEGORY_SPACE: str.isspace,
}
_ANY_CHARACTER = None


def _first_tests(items) -> tuple[list | None, bool]:
    """What can open a match of a parsed pattern: (tests, nullable); tests None means any
    character. A test is a character, a (low, high) range or a category predicate."""
    tests: list = []
    for op, av in items:
        found, nullable = _first_of_item(op, av)
        if found is None:
            return None, False
        tests.extend(found)
        if not nullable:
            return tests, False
    return tests, True


def _first_of_item(op, av) -> tuple[list | None, bool]:
    if op in _ZERO_WIDTH:
        return [], True
    if op is sre.LITERAL:
        return [chr(av)], False
    if op is sre.IN:
        tests = []
        for item_op, item_av in av:
            if item_op is sre.LITERAL:
                tests.append(chr(item_av))
            elif item_op is sre.RANGE:
                tests.append((chr(item_av[0]), chr(item_av[1])))
            elif item_op is sre.CATEGORY and item_av in _CATEGORY_TESTS:
                tests.append(_CATEGORY_TESTS[item_av])
            else:
                return None, False            # negated sets, other categories
        return tests, False
    if op is sre.SUBPATTERN:
        return _first_tests(av[3]) if not av[1] & re.IGNORECASE else (None, False)
    if op is getattr(sre, "ATOMIC_GROUP", None):
        return _first_tests(av)
    if op in _REPEATS:
        tests, nullable = _first_tests(av[2])
        return tests, nullable or av[0] == 0
    if op is sre.BRANCH:
        tests, nullable = [], False
        for branch in av[1]:
            found, branch_nullable = _first_tests(branch)
            if found is None:
                return None, False
            tests.extend(found)
            nullable = nullable or branch_nullable
        return tests, nullable
    return None, False


def _opens_with(pattern: str, flags: int) -> Callable[[str], bool]:
    """A test of whether a match of the pattern can open with a given character."""
    if flags & re.IGNORECASE:
        return lambda c: True
    tests, nullable = _first_tests(sre_parse.parse(pattern, flags))
    if tests is None or nullable:
        return lambda c: True
    return lambda c: any(c == t if isinstance(t, str) else
                         (t[0] <= c <= t[1] if isinstance(t, tuple) else t(c)) for t in tests)


class RuleSet:
    """Rules joined into one compiled alternation; the first rule that matches wins.

    `match` at a given position tries only the rules whose matches can open with the
    character there (a smaller alternation per character, built on first use): the
    same answer as the whole alternation, several times faster on prose.
    """

    def __init__(self, rules: Iterable[Rule], flags: int = 0,
                 before: str = "", after: str = "") -> None:
        self.rules = {rule.name: rule for rule in rules}
        self._flags, self._before, self._after = flags, before, after
        self._parts = {}
        for rule in self.rules.values():
            inner = _GROUP.sub(lambda m, name=rule.name: f"(?P<{name}__{m[1]}>", rule.pattern)
            self._parts[rule.name] = f"(?P<{rule.name}>{inner})"
        self.regex = self._compile(list(self._parts))
        self._opens = {name: _opens_with(before + part, flags) for name, part in self._parts.items()}
        self._by_character: dict[str, re.Pattern | None] = {}

    def _compile(self, names: list[str]) -> re.Pattern:
        parts = "|".join(self._parts[name] for name in names)
        return re.compile(f"{self._before}(?:{parts}){self._after}", self._flags)

    def _regex_at(self, character: str) -> re.Pattern | None:
        """The alternation of the rules that can open with this character, or None."""
        try:
            return self._by_character[character]
        except KeyError:
            names = [name for name, opens in self._opens.items() if opens(character)]
            regex = (self.regex if len(names) == len(self._parts)
                     else self._compile(names) if names else None)
            self._by_character[character] = regex
            return regex

    def finditer(self, text: str, pos: int = 0, endpos: int | None = None) -> Iterator[Hit]:
        matches = self.regex.finditer(text, pos) if endpos is None \
            else self.regex.finditer(text, pos, endpos)
        for match in matches:
            yield Hit(self.rules[match.lastgroup], match)

    def finditer_within(self, text: str, start: int, end: int, margin: int = 200) -> Iterator[Hit]:
        """The hits finditer would give that start in [start, end), as if the whole text
        were scanned: lookbehinds see before `start`; the scan reads at most `margin`
        characters past `end`, so scanning many short spans stays linear."""
        for match in self.regex.finditer(text, start, min(len(text), end + margin)):
            if match.start() >= end:
                break
            yield Hit(self.rules[match.lastgroup], match)

    def find_near(self, text: str, anchors: re.Pattern, reach: int,
                  taken: Iterable[tuple[int, int]] = ()) -> Iterator[Hit]:
        """The hits finditer would give, found faster by trying only the words at most
        `reach` characters before an anchor (a digit, a month name) that every hit holds.

        `taken` spans (sorted) belong to another dimension (a date's digits): their
        anchors are not tried and no hit starts inside them."""
        cursor = 0                       # words before it were tried, or are inside a hit
        spans = iter(taken)
        span = next(spans, None)
        by_character, word_starts = self._by_character, _WORD_START.finditer
        for anchor in anchors.finditer(text):
            at = anchor.start()
            while span is not None and span[1] <= at:
                span = next(spans, None)
            if span is not None and span[0] <= at:
                cursor = max(cursor, span[1])
            if at < cursor:
                continue
            for word in word_starts(text, max(cursor, at - reach), at + 1):
                character = word.group()
                regex = by_character[character] if character in by_character \
                    else self._regex_at(character)
                if regex is None:
                    continue
                found = regex.match(text, word.start())
                if found is not None and found.end() > at:
                    cursor = found.end()
                    yield Hit(self.rules[found.lastgroup], found)
                    break
            else:
                cursor = at + 1

    def match(self, text: str, pos: int = 0) -> Hit | None:
        regex = self._regex_at(text[pos]) if pos < len(text) else self.regex
        found = regex.match(text, pos) if regex is not None else None
        return Hit(self.rules[found.lastgroup], found) if found else None


def by_first_character(alternatives: Iterable[str], guard: str = "") -> str:
    """Alternatives, each led by a literal character, grouped by that character.

    `guard` is tried after the first character (a lookbehind such as `(?<!-.)` says what
    may not stand before it). A pattern whose every branch opens with a literal
    lets the regex engine skip ahead to those characters alone, several times faster
    than trying a leading lookbehind at every position.

    >>> by_first_character(["mars", "mai", "juin"], "(?<!-.)")
    'm(?<!-.)(?:ars|ai)|j(?<!-.)(?:uin)'
    """
    groups: dict[str, list[str]] = {}
    for alternative in alternatives:
        lead = 2 if alternative.startswith("\\") else 1          # an escaped character
        groups.setdefault(alternative[:lead], []).append(alternative[lead:])
    return "|".join(f"{first}{guard}(?:{'|'.join(rests)})" for first, rests in groups.items())


def words_pattern(words: Iterable[str]) -> str:
    """An alternation of literal phrases, longest first, any run of spaces between words."""
    unique = sorted({w.strip() for w in words if w.strip()}, key=lambda w: (-len(w), w))
    escaped = []
    for word in unique:
        piece = re.escape(word.replace("\u2019", "'"))
        escaped.append(re.sub(r"(?:\\ )+", r"\\s+", piece))
    return "|".join(escaped) if escaped else "(?!)"
