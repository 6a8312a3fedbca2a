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


class Hit:
    """One match of one rule. Where it starts and ends is read once: every reader asks
    several times, and a named group's span is costlier to ask than an attribute."""
    __slots__ = ("end", "match", "rule", "start")

    def __init__(self, rule: Rule, match: re.Match) -> None:
        self.rule, self.match = rule, match
        self.start, self.end = match.span(rule.name)

    def __repr__(self) -> str:
        return f"Hit({self.rule.name!r}, {self.start}, {self.end})"

    @property
    def text(self) -> str:
        return self.match.group(self.rule.name)

    def start_of(self, name: str) -> int:
        return self.match.start(f"{self.rule.name}__{name}")

    def end_of(self, name: str) -> int:
        return self.match.end(f"{self.rule.name}__{name}")

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


def _openings(items: list, size: int) -> list[tuple[str, ...]]:
    """What matches of parsed pattern items open with, as regex fragments: the first
    `size` characters, each a literal, a class, or a repeated class (« \\s+ »). An
    opening stops early where the pattern cannot be spelt out further (a group repeated,
    a backreference); every match opens with one of them."""
    if size == 0 or not items:
        return [()]
    (op, av), rest = items[0], items[1:]
    if op in _ZERO_WIDTH:
        return _openings(rest, size)
    if op is sre.SUBPATTERN and not av[1] & re.IGNORECASE:
        return _openings(list(av[3]) + rest, size)
    if op is sre.BRANCH:
        return [opening for branch in av[1] for opening in _openings(list(branch) + rest, size)]
    single = _one_character(op, av)
    if single is not None:
        return [(single, *after) for after in _openings(rest, size - 1)]
    if op in _REPEATS:
        low, high, sub = av
        single = _one_character(*sub[0]) if len(sub) == 1 else None
        if single is not None:
            counted = f"{{{low},{'' if high == sre.MAXREPEAT else high}}}"
            return [(single + counted, *after) for after in _openings(rest, size - 1)]
        if high == 1:                                   # an optional group: there or not
            return _openings(list(sub) + rest, size) + _openings(rest, size)
        once = _openings(list(sub), size)          # the first time round, then unknown
        return once + _openings(rest, size) if low == 0 else once
    return [()]


def _one_character(op, av) -> str | None:
    """A regex fragment for one character of a parsed pattern, if it is a plain one."""
    if op is sre.LITERAL:
        return re.escape(chr(av))
    if op is not sre.IN:
        return None
    names = {sre.CATEGORY_DIGIT: r"\d", sre.CATEGORY_WORD: r"\w", sre.CATEGORY_SPACE: r"\s"}
    members = []
    for item_op, item_av in av:
        if item_op is sre.LITERAL:
            members.append(re.escape(chr(item_av)))
        elif item_op is sre.RANGE:
            members.append(f"{re.escape(chr(item_av[0]))}-{re.escape(chr(item_av[1]))}")
        elif item_op is sre.CATEGORY and item_av in names:
            members.append(names[item_av])
        else:
            return None                                   # negated sets, other categories
    return f"[{''.join(members)}]"


def _factored(openings: Iterable[tuple[str, ...]], guard: str) -> str:
    """An alternation of openings, shared beginnings factored out (« a(?:u|vr) »), `guard`
    after the first character. It only says whether some opening matches, so an opening
    that is the beginning of another stands for both."""
    tree: dict = {}
    for opening in openings:
        node = tree
        for fragment in opening:
            if None in node:
                break
            node = node.setdefault(fragment, {})
        else:
            node.clear()
            node[None] = True
    def spelt(node: dict, first: bool) -> str:
        if None in node or not node:
            return ""
        return "(?:" + "|".join(fragment + (guard if first else "") + spelt(child, False)
                                for fragment, child in node.items()) + ")"
    return spelt(tree, True)


def _finder(patterns: Iterable[str], before: str, flags: int,
            size: int = 8) -> tuple[re.Pattern, re.Pattern] | None:
    """Two regexes that find where a hit of the patterns may start, faster than they do.

    They spell out only the first few characters of each pattern (up to `size`, a
    repeated class counting as one), factored so that those which open alike share
    their beginning: the scan skips ahead to the first characters alone, and a word
    that merely begins like a rule (« président » for « présents ») is ruled out there
    rather than tried. A hit starts only where they match. The first matches at the
    hit's start, `before` tried after its first character; the second matches one
    character earlier, at the character that `before` allows there, which it consumes:
    the scan then skips ahead to those characters (a space, a punctuation mark) rather
    than stopping at every letter that might open a hit, half again as fast. It cannot
    find a hit at the very start of the text, where no character stands before: the
    first regex does. None when a pattern does not open with a literal character, or
    when `before` is not a one-character lookbehind (« (?<![\\w-]) »).
    """
    guard = re.fullmatch(r"\(\?<!(\[[^\]]*\]|\\?.)\)", before)
    if guard is None or flags & re.IGNORECASE:
        return None
    openings = set()
    for pattern in patterns:
        for opening in _openings(list(sre_parse.parse(pattern, flags)), size):
            if not opening or len(opening[0]) > 2 or not re.fullmatch(r"\\?[^\\\[]", opening[0]):
                return None
            openings.add(opening)
    if len(openings) > 2000:
        return None
    banned = guard[1]                     # « [\w-] », « \w » or one character
    if banned.startswith("["):
        allowed = f"[{banned[2:]}" if banned.startswith("[^") else f"[^{banned[1:]}"
    else:
        allowed = f"[^{banned if len(banned) == 2 else re.escape(banned)}]"
    alternatives = sorted(openings)
    return (re.compile(_factored(alternatives, f"(?<!{banned}.)"), flags),
            re.compile(f"{allowed}{_factored(alternatives, '')}", flags))


_REPEATED = re.compile(r"(\\?.|\[[^\]]*\])\{(\d+),(\d*)\}\Z", re.DOTALL)


def _one_character_first(opening: tuple[str, ...]) -> list[tuple[str, ...]]:
    """The same opening with its first fragment one character: a repeated class is spelt
    out once then repeated one time fewer (« [\\d]{1,} » is « [\\d] » then « [\\d]{0,} »),
    and one that may be absent gives an opening without it too."""
    repeated = _REPEATED.match(opening[0]) if opening else None
    if repeated is None:
        return [opening]
    unit, low, high = repeated[1], int(repeated[2]), repeated[3]
    rest = opening[1:]
    if high and int(high) == 0:
        return _one_character_first(rest)
    again = f"{unit}{{{max(low - 1, 0)},{int(high) - 1 if high else ''}}}"
    return [(unit, again, *rest)] + (_one_character_first(rest) if low == 0 else [])


def _word_finders(patterns: Iterable[str], flags: int,
                  size: int = 4) -> tuple[re.Pattern, re.Pattern] | None:
    """Two regexes that find the word starts (as _WORD_START finds them) where a hit of
    the patterns may open: the first matches at such a word start, the second one
    character earlier, at the character that is no letter or digit before it (see
    _finder). None when a pattern may open with any character."""
    if flags & re.IGNORECASE:
        return None
    openings = set()
    for pattern in patterns:
        for opening in _openings(list(sre_parse.parse(pattern, flags)), size):
            for spelt in _one_character_first(opening):
                while spelt and re.search(r"\{0,\d*\}\Z", spelt[-1]):
                    spelt = spelt[:-1]          # what may be absent says nothing
                if not spelt:
                    return None
                openings.add(spelt)
    words = _factored(sorted(openings), r"(?<=[\w+~])")
    return re.compile(words, flags), re.compile(rf"\W{words}", flags)


def _opens_with(pattern: str, flags: int) -> Callable[[str], bool]:
    """A test of whether a match of the pattern can open with a given character."""
    if flags & re.IGNORECASE:
        return lambda c: True
    tests, nullable = _first_tests(sre_parse.parse(pattern, flags))
    if tests is None or nullable:
        return lambda c: True
    return lambda c: any(c == t if isinstance(t, str) else
                         (t[0] <= c <= t[1] if isinstance(t, tuple) else t(c)) for t in tests)


# Each rule set's fast paths (the finder, the per-character alternations) take a few
# milliseconds to build: they are built once the set has been used this many times, so
# that a build which extracts one briefing never pays for them. Until then the whole
# alternation is used, which gives the same hits more slowly.
WARM_UP = 50


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
        self._uses = 0
        self._finder: re.Pattern | None = None
        self._finder_after: re.Pattern | None = None    # see _finder
        self._word_finders: tuple[re.Pattern, re.Pattern] | None = None
        self._opens: dict[str, Callable[[str], bool]] | None = None
        self._by_character: dict[str, re.Pattern | None] = {}
        self._by_rules: dict[tuple[str, ...], re.Pattern] = {}

    def _use(self) -> None:
        self._uses += 1
        if self._uses == WARM_UP:
            self.prepare()

    def prepare(self) -> None:
        """Build the fast paths now: the finder, and what each rule can open with (the
        per-character alternations are then compiled as characters come)."""
        if self._opens is None:
            finders = _finder((rule.pattern for rule in self.rules.values()),
                              self._before, self._flags)
            if finders is not None:
                self._finder, self._finder_after = finders
            self._word_finders = _word_finders((rule.pattern for rule in self.rules.values()),
                                               self._flags)
            self._opens = {name: _opens_with(self._before + part, self._flags)
                           for name, part in self._parts.items()}

    def _compile(self, names: list[str]) -> re.Pattern:
        parts = "|".join(self._parts[name] for name in names)
        return re.compile(f"{self._before}(?:{parts}){self._after}", self._flags)

    def _regex_at(self, character: str) -> re.Pattern | None:
        """The alternation of the rules that can open with this character, or None."""
        try:
            return self._by_character[character]
        except KeyError:
            if self._opens is None:
                return self.regex           # not warmed up: the whole alternation
            names = tuple(name for name, opens in self._opens.items() if opens(character))
            regex = self._by_rules.get(names)
            if regex is None and names:
                # Characters that open the same rules share one compiled alternation
                # (most letters do): each compilation of a large set costs milliseconds.
                regex = self._by_rules[names] = (self.regex if len(names) == len(self._parts)
                                                 else self._compile(list(names)))
            self._by_character[character] = regex
            return regex

    def finditer(self, text: str, pos: int = 0, endpos: int | None = None) -> Iterator[Hit]:
        endpos = len(text) if endpos is None else endpos
        return self._scan(text, pos, endpos, endpos)

    def finditer_within(self, text: str, start: int, end: int, margin: int = 200) -> Iterator[Hit]:
        """The hits finditer would give that start in [start, end), as if the whole text
        were scanned: lookbehinds see before `start`; the scan reads at most `margin`
        characters past `end`, so scanning many short spans stays linear."""
        return self._scan(text, start, end, min(len(text), end + margin))

    def _scan(self, text: str, start: int, end: int, endpos: int) -> Iterator[Hit]:
        """Hits starting in [start, end) of text[:endpos], left to right, not overlapping."""
        self._use()
        if self._finder is None:
            for match in self.regex.finditer(text, start, endpos):
                if match.start() >= end:
                    break
                yield Hit(self.rules[match.lastgroup], match)
            return
        at = start
        finder_after = self._finder_after.search
        while True:             # where the finder matches, the rules are tried in order
            if at:              # the character before a hit is found with it
                opening = finder_after(text, at - 1, endpos)
                if opening is None or opening.start() + 1 >= end:
                    return
                at = opening.start() + 1
            else:
                opening = self._finder.search(text, 0, endpos)
                if opening is None or opening.start() >= end:
                    return
                at = opening.start()
            regex = self._regex_at(text[at])
            found = regex.match(text, at, endpos) if regex is not None else None
            if found is None:
                at += 1
                continue
            yield Hit(self.rules[found.lastgroup], found)
            at = max(found.end(), at + 1)

    def find_near(self, text: str, anchors: re.Pattern, reach: int,
                  taken: Iterable[tuple[int, int]] = (), skip_ahead: bool = True) -> Iterator[Hit]:
        """The hits finditer would give, found faster by trying only the words at most
        `reach` characters before an anchor (a digit, a month name) that every hit holds.

        `taken` spans (sorted) belong to another dimension (a date's digits): their
        anchors are not tried and no hit starts inside them.

        With `skip_ahead`, the words tried are only those a rule may open (the first
        few characters of its matches there): a regex skips ahead to them, and where it
        went past an anchor, what it found serves the next anchors too. Several times
        fewer words are tried, which pays where anchors are many (digits); where they
        are rare, the scan ahead to the next such word costs more than it saves."""
        self._use()
        cursor = 0                       # words before it were tried, or are inside a hit
        spans = iter(taken)
        span = next(spans, None)
        by_character, word_starts = self._by_character, _WORD_START.finditer
        skipping = skip_ahead and self._word_finders is not None
        searched, next_word = 0, -1      # no word a rule may open in [searched, next_word)
        for anchor in anchors.finditer(text):
            at = anchor.start()
            while span is not None and span[1] <= at:
                span = next(spans, None)
            if span is not None and span[0] <= at:
                cursor = max(cursor, span[1])
            if at < cursor:
                continue
            if skipping:
                pos = max(cursor, at - reach)
                while True:
                    if not searched <= pos <= next_word:
                        searched, next_word = pos, self._next_word(text, pos)
                    if next_word > at:
                        cursor = at + 1
                        break
                    character = text[next_word]
                    regex = by_character[character] if character in by_character \
                        else self._regex_at(character)
                    found = regex.match(text, next_word) if regex is not None else None
                    if found is not None and found.end() > at:
                        cursor = found.end()
                        yield Hit(self.rules[found.lastgroup], found)
                        break
                    pos = next_word + 1
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

    def _next_word(self, text: str, pos: int) -> int:
        """The first word start at or after pos where a rule may open, or len(text)."""
        at_word, after_character = self._word_finders
        if pos == 0:
            if at_word.match(text):
                return 0
            pos = 1
        found = after_character.search(text, pos - 1)
        return found.start() + 1 if found is not None else len(text)

    def match(self, text: str, pos: int = 0) -> Hit | None:
        regex = self._regex_at(text[pos]) if pos < len(text) else self.regex
        found = regex.match(text, pos) if regex is not None else None
        return Hit(self.rules[found.lastgroup], found) if found else None


# For by_first_character: no letter, digit or hyphen stands before the first character
# (a word boundary, tried only where a branch's first character is found).
WORD_START_GUARD = r"(?<![\w-].)"


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
