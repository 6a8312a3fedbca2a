"""Markdown pipe tables of figures: each cell read as its column's heading says.

« | Source | Date | Tués | Blessés | Total | » over « | NIS | 13/01/2025 | ~ 300 | ~ 2 700 |
— | »: a figure under « Tués » counts the killed, with the source and the date of its row.
Prose rules read one sentence at a time and never see a column's heading; a cell alone
(« ~ 300 ») is no fact for them. Whose the figures are is the row's actor column if the
table has one, else the side the briefing is about. Tables of events (« Date |
Événement ») are left to the prose rules.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from sitrep.extract.document import Document
from sitrep.extract.entities import EntityMatcher
from sitrep.extract.facts import Draft, as_of
from sitrep.extract.numbers import NUMBER, QUALIFIER, make_quantity, number_value, qualifier_of
from sitrep.extract.text import SentenceIndex
from sitrep.model import Quantity

_LINE = re.compile(r"^[ ]{0,3}\|(.*)\|[ ]*$", re.MULTILINE)
_RULE = re.compile(r"[ :|-]+")             # « |---|:---:| »

# What a column's heading says its figures count, in the lower-case scan copy.
_COUNTS = [
    (re.compile(r"%|\bpart\b|\bproportion|\btaux\b|\bratio"), None),   # not people
    (re.compile(r"\b(?:tués|morts)\s+(?:et|ou)\s+blessés\b"), ("casualties", "total")),
    (re.compile(r"\brenforts?\b"), ("deployment", "reinforcement")),
    (re.compile(r"\b(?:retirés?|rapatriés?|retraits?)\b"), ("deployment", "withdrawn")),
    (re.compile(r"\b(?:tués|morts|décès)\b"), ("casualties", "killed")),
    (re.compile(r"\bblessés\b"), ("casualties", "wounded")),
    (re.compile(r"\b(?:prisonniers|capturés|captifs)\b"), ("casualties", "captured")),
    (re.compile(r"\bdisparus\b"), ("casualties", "missing")),
    (re.compile(r"\b(?:total|pertes|victimes|bilan)\b"), ("casualties", "total")),
    (re.compile(r"\b(?:effectifs?|soldats|troupes|militaires|hommes|contingents?|déployés"
                r"|envoyés|déploiement)\b"), ("deployment", "deployed")),
]
# A column of figures whose heading says not what they count (« Estimation », « Chiffre
# avancé »): a column of categories says it row by row (« Catégorie »: « tués »).
_FIGURE_HEADING = re.compile(r"\b(?:estimations?|chiffres?|nombre|valeur|figure)\b")
_CATEGORY_HEADING = re.compile(r"\b(?:catégorie|type|nature|quoi)\b")
_DATE_HEADING = re.compile(r"\b(?:date|période|quand|mois|jour|au)\b")
_SOURCE_HEADING = re.compile(r"\b(?:source|selon|auteur|qui)\b")
_ACTOR_HEADING = re.compile(r"\b(?:pays|camp|armée|acteur|côté|belligérant)\b")
# A cell that holds one figure: « ~ 300 », « > 3 000 », « au moins 100 »,
# « 10 000–12 000 ».
_SYMBOLS = {"~": "approx", "≈": "approx", "env.": "approx", ">": "more_than", "+": "more_than",
            "<": "less_than", "≥": "at_least", "≤": "at_most"}
_CELL = re.compile(rf"\s*(?:(?P<symbol>~|≈|env\.|>|\+|<|≥|≤)\s*|(?P<qual>{QUALIFIER})\s*)?"
                   rf"(?P<n>{NUMBER})(?:\s*-\s*(?P<high>{NUMBER}))?\s*(?:\*|\(\w\)|\[\^\w+\])?\s*")


@dataclass
class _Cell:
    start: int
    end: int
    text: str                                # lower case


@dataclass
class _Table:
    heading: list[_Cell]
    rows: list[list[_Cell]]


def _cells(low: str, match: re.Match) -> list[_Cell]:
    cells, start = [], match.start(1)
    for part in match.group(1).split("|"):
        stripped = part.strip()
        offset = start + (part.index(stripped) if stripped else 0)
        cells.append(_Cell(offset, offset + len(stripped), stripped))
        start += len(part) + 1
    return cells


def find_tables(low: str) -> list[_Table]:
    """Every pipe table with a heading row and a rule row under it."""
    if "|" not in low:
        return []
    tables, lines = [], list(_LINE.finditer(low))
    index = 0
    while index + 1 < len(lines):
        heading, rule = lines[index], lines[index + 1]
        adjacent = low.count("\n", heading.end(), rule.start()) == 1
        if adjacent and _RULE.fullmatch(rule.group(1)) and "-" in rule.group(1):
            rows, last = [], rule
            for line in lines[index + 2:]:
                if low.count("\n", last.end(), line.start()) != 1:
                    break
                rows.append(_cells(low, line))
                last = line
            tables.append(_Table(_cells(low, heading), rows))
            index += 2 + len(rows)
        else:
            index += 1
    return tables


def _counted(text: str):
    """(kind, category) a heading or a category cell says its figures count; None for
    figures that count no one (« % »); False when it says nothing of it."""
    return next((what for pattern, what in _COUNTS if pattern.search(text)), False)


def _quantity(cell: _Cell) -> Quantity | None:
    match = _CELL.fullmatch(cell.text)
    if match is None:
        return None
    low = number_value(match.group("n"))
    if low is None:
        return None
    if match.group("high"):
        high = number_value(match.group("high"))
        if high is None or not low[0] < high[0]:
            return None
        return Quantity(None, low[0], high[0], "range")
    if match.group("symbol"):
        qualifier = _SYMBOLS[match.group("symbol")]
    elif match.group("qual"):
        qualifier = qualifier_of(match.group("qual"))
    else:
        qualifier = "approx" if low[1] else "exact"
    return make_quantity(low[0], qualifier)


def _named(doc: Document, matcher: EntityMatcher, kind: str, cell: _Cell) -> str | None:
    """The gazetteer entry a cell names: found in the body, else (a source, which in a
    column of sources needs no verb of saying) by its words alone."""
    mentions = doc.entities.sources if kind == "sources" else doc.entities.actors
    inside = [m.id for m in mentions if cell.start <= m.start < cell.end]
    if inside:
        return inside[0]
    for start, end in matcher.spans(kind, doc.low[cell.start:cell.end]):
        return matcher.entry_of(kind, doc.low[cell.start + start:cell.start + end])
    return None


@dataclass
class _Columns:
    """What each column of a table holds, by position: figures of a kind and category
    (counted), or a row's date, source, side, category, figures of that category."""
    counted: dict[int, tuple[str, str]]
    date: int | None = None
    source: int | None = None
    actor: int | None = None
    category: int | None = None
    figure: int | None = None


def _columns(table: _Table) -> _Columns:
    columns = _Columns({})
    for position, cell in enumerate(table.heading):
        counted = _counted(cell.text)
        if counted:
            columns.counted[position] = counted
        elif counted is None:
            continue                            # figures that count no one
        for role, heading in (("figure", _FIGURE_HEADING), ("category", _CATEGORY_HEADING),
                              ("date", _DATE_HEADING), ("source", _SOURCE_HEADING),
                              ("actor", _ACTOR_HEADING)):
            if counted is False and heading.search(cell.text) and getattr(columns, role) is None:
                setattr(columns, role, position)
                break
    return columns


def _cell_date(doc: Document, index: SentenceIndex, cell: _Cell):
    """The date a cell holds (a DateMention), or None."""
    position = index.at(cell.start)
    if position is None:
        return None
    return next((d for d in doc.views[position].dates if cell.start <= d.start < cell.end), None)


def row_dates(doc: Document, tables: list[_Table]) -> dict[int, object]:
    """For each sentence that is a cell of a table with a column of dates (« | Date |
    Événement | »), the date of its row: the event a cell tells happened then. By the
    sentence's index in doc.views; its value is a DateMention."""
    found = {}
    index = SentenceIndex([view.sentence for view in doc.views])
    for table in tables:
        date_column = _columns(table).date
        if date_column is None:
            continue
        for row in table.rows:
            if len(row) != len(table.heading):
                continue
            date = _cell_date(doc, index, row[date_column])
            if date is None:
                continue
            for position, cell in enumerate(row):
                held_by = index.at(cell.start) if position != date_column else None
                if held_by is not None:
                    found[held_by] = date
    return found


def read_tables(doc: Document, tables: list[_Table], matcher: EntityMatcher,
                main_actor: str | None) -> list[Draft]:
    """The facts of the body's tables of figures."""
    drafts = []
    index = SentenceIndex([view.sentence for view in doc.views])
    for table in tables:
        columns = _columns(table)
        for row in table.rows:
            if len(row) != len(table.heading):
                continue                        # a row that does not line up: not read
            actor = _named(doc, matcher, "actors", row[columns.actor]) \
                if columns.actor is not None else main_actor
            source = _named(doc, matcher, "sources", row[columns.source]) \
                if columns.source is not None else None
            date = _cell_date(doc, index, row[columns.date]) if columns.date is not None else None
            when = date.when if date is not None else None
            counted_here = dict(columns.counted)
            if columns.figure is not None and columns.category is not None:
                counted = _counted(row[columns.category].text)
                if counted:
                    counted_here[columns.figure] = counted
            for position, (kind, category) in counted_here.items():
                quantity = _quantity(row[position])
                if quantity is None or actor is None:
                    continue
                cell = row[position]
                draft = Draft(kind, category, actor, quantity, when or as_of(doc.today),
                              doc.dominant_region, None, source or doc.header_source,
                              evidence=[(cell.start, cell.end)], rule=f"table_{category}")
                draft.fallback |= {"location"} | ({"when"} if when is None else set()) \
                    | ({"source"} if source is None else set())
                drafts.append(draft)
    return drafts
