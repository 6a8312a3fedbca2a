"""Briefing text made ready for matching: a same-length scan copy, sentences and clauses.

Every rule reads the *scan copy*: typographic apostrophes, no-break spaces, hyphens and
Markdown emphasis are folded to plain characters one for one, so offsets found in it
are offsets into the body itself and evidence can be cut from the original text. Most
rules read its lower-case twin (`lower_copy`), which regexes match several times faster
than they match case-blind.

>>> scan = scan_copy("Les pertes ont dépassé les 6\u202f000. **Fin** de l’alerte.")
>>> [scan[s.start:s.end] for s in split_sentences(scan)]
['Les pertes ont dépassé les 6 000.', "Fin   de l'alerte."]
"""

from __future__ import annotations

import re
from bisect import bisect_right

_FOLD = str.maketrans({
    "\u2019": "'", "\u2018": "'", "\u02bc": "'", "\u00b4": "'",
    "\u00a0": " ", "\u202f": " ", "\u2009": " ", "\u2007": " ", "\u2008": " ", "\u200a": " ",
    "\t": " ", "\r": " ",
    "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2212": "-",
    "*": " ", "_": " ", "`": " ",
})
# str.translate with a table walks every character in Python-level lookups; replacing
# only the characters present is some forty times faster on briefing-sized text.
_FOLD_PAIRS = tuple((chr(code), target) for code, target in _FOLD.items())
# Links carry digits (dates, ids) that are not part of the prose; so do footnote
# markers (« à l'automne 2024[^1] », and « [^1]: » opening the note itself).
_URL = re.compile(r"https?://[^\s)>\]]+|\]\([^)\s]*\)|\[\^[^\]\s]{1,20}\]")

_LINE = re.compile(r"[^\n]+")
_MARKER = re.compile(r"[ ]*((?:#{1,6}[ ]+|>[ ]*|[-+•][ ]+|\d{1,3}[.)][ ]+)*)")
_SENTENCE_END = re.compile(r"[.!?…]+[\"»)\]]*(?=\s+[«\"(\[]?\s*[A-ZÀ-ÖØ-Þ])|\s\|\s")
_ABBREVIATION = re.compile(
    r"(?:\b(?:M|MM|Mme|Mlle|Dr|Pr|St|Ste|env|cf|p|vol|art|no|janv|févr|fév|avr|juil|sept|oct"
    r"|nov|déc|gén|col|lt|cdt|sgt|av|apr|J\.-C)|(?<![\w.])[A-Z])\.\Z")
_CLAUSE_BREAK = re.compile(r",\s|;|\s:\s|:\s|\s[-—]\s|\(|\)|\s—|—\s")
_EDGE = " \t\n,;:—-([)]|\""


class Sentence:
    """A sentence of the body (offsets into the body) and the clauses it divides into.

    Clauses are cut on first use: most sentences hold no figure and no date, and no
    rule ever asks for theirs.
    """
    __slots__ = ("_clauses", "_scan", "_starts", "end", "start")

    def __init__(self, start: int, end: int, scan: str) -> None:
        self.start, self.end, self._scan = start, end, scan
        self._clauses: tuple[tuple[int, int], ...] | None = None
        self._starts: tuple[int, ...] = ()

    def __repr__(self) -> str:
        return f"Sentence({self.start}, {self.end})"

    @property
    def clauses(self) -> tuple[tuple[int, int], ...]:
        if self._clauses is None:
            self._cut()
        return self._clauses

    def _cut(self) -> None:
        self._clauses = _clauses(self._scan, self.start, self.end)
        self._starts = tuple(c[0] for c in self._clauses)

    def clause_index(self, pos: int) -> int:
        if self._clauses is None:
            self._cut()
        return max(0, bisect_right(self._starts, pos) - 1)

    def clause_at(self, pos: int) -> tuple[int, int]:
        # clause_index spelt out: the rules ask for a figure's or a trigger's clause often.
        if self._clauses is None:
            self._cut()
        return self._clauses[max(0, bisect_right(self._starts, pos) - 1)]


def scan_copy(body: str) -> str:
    """The body with look-alike characters folded, the same length as the body."""
    scan = body
    for character, target in _FOLD_PAIRS:
        if character in scan:
            scan = scan.replace(character, target)
    if "://" in scan or "](" in scan or "[^" in scan:
        scan = _URL.sub(lambda m: " " * len(m.group()), scan)
    return scan


def lower_copy(scan: str) -> str:
    """The scan copy in lower case, still the same length (rules match it case-blind and fast)."""
    low = scan.lower()
    if len(low) == len(scan):
        return low
    return "".join(c.lower() if len(c.lower()) == 1 else c for c in scan)     # « İ » and kin


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start] in _EDGE:
        start += 1
    while end > start and text[end - 1] in _EDGE:
        end -= 1
    return start, end


def _continues(previous_line: str, next_line: str) -> bool:
    """A hard-wrapped line goes on in lower case after a line that did not end a sentence."""
    last = previous_line.rstrip()[-1:]
    first = next_line[:1]
    return bool(last) and (last.islower() or last.isdigit() or last in ",;(") \
        and (first.islower() or first.isdigit())


def _units(scan: str) -> list[tuple[int, int]]:
    """Paragraphs, list items and headings: runs of lines that belong together."""
    units: list[tuple[int, int]] = []
    current: list[int] | None = None
    previous_text = ""
    previous_end = -2
    for line in _LINE.finditer(scan):
        text = line.group()
        marker = _MARKER.match(text)
        content = text[marker.end():]
        if not content.strip():
            if current:
                units.append((current[0], current[1]))
            current = None
            previous_end = -2
            continue
        adjacent = line.start() == previous_end + 1
        if current and adjacent and not marker.group(1) and text[:1] != " " \
                and _continues(previous_text, content):
            current[1] = line.end()
        else:
            if current:
                units.append((current[0], current[1]))
            current = [line.start() + marker.end(), line.end()]
        previous_text = text
        previous_end = line.end()
    if current:
        units.append((current[0], current[1]))
    return units


def _clauses(scan: str, start: int, end: int) -> tuple[tuple[int, int], ...]:
    clauses = []
    cursor = start
    for brk in _CLAUSE_BREAK.finditer(scan, start, end):
        piece = _trim(scan, cursor, brk.start())
        if piece[1] > piece[0]:
            clauses.append(piece)
        cursor = brk.end()
    piece = _trim(scan, cursor, end)
    if piece[1] > piece[0]:
        clauses.append(piece)
    return tuple(clauses) or ((start, end),)


def split_sentences(scan: str) -> list[Sentence]:
    """Sentences in reading order; a list item or heading is a sentence of its own."""
    sentences = []
    for unit_start, unit_end in _units(scan):
        cursor = unit_start
        for end in _SENTENCE_END.finditer(scan, unit_start, unit_end):
            if end.group().startswith(".") and \
                    _ABBREVIATION.search(scan, max(unit_start, end.start() - 8), end.start() + 1):
                continue
            _add_sentence(scan, cursor, end.end(), sentences)
            cursor = end.end()
        _add_sentence(scan, cursor, unit_end, sentences)
    return sentences


def _add_sentence(scan: str, start: int, end: int, sentences: list[Sentence]) -> None:
    start, end = _trim(scan, start, end)
    if end > start:
        sentences.append(Sentence(start, end, scan))


class SentenceIndex:
    """Finds the sentence that holds an offset."""

    def __init__(self, sentences: list[Sentence]) -> None:
        self.sentences = sentences
        self._starts = [s.start for s in sentences]

    def at(self, pos: int) -> int | None:
        index = bisect_right(self._starts, pos) - 1
        if index >= 0 and pos < self.sentences[index].end:
            return index
        return None
