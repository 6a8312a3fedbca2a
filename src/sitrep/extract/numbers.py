"""Figures in French text with their qualifiers: « plus de 6 000 », « entre 10 000 et 12 000 ».

Digits with any French thousands separator, numbers in words, approximate nouns
(« un millier »), ranges and qualifiers become a `Quantity`. Measures, percentages,
money, times, identifiers and model names are matched too, by rules that yield nothing,
so that their digits are never read as a count.

>>> [(f.quantity.value, f.quantity.qualifier) for f in find_quantities("plus de 6.000 morts")]
[(6000, 'more_than')]
>>> [f.quantity.to_json() for f in find_quantities("entre dix mille et 12 000 soldats")]
[{'value': None, 'low': 10000, 'high': 12000, 'qualifier': 'range'}]
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from sitrep.extract.lexicon import CASUALTY_NOUNS, PEOPLE
from sitrep.extract.rules import (WORD_START_GUARD, Rule, RuleSet, by_first_character,
                                  words_pattern)
from sitrep.model import Quantity

SMALL = {"zéro": 0, "zero": 0, "un": 1, "une": 1, "deux": 2, "trois": 3, "quatre": 4,
         "cinq": 5, "six": 6, "sept": 7, "huit": 8, "neuf": 9, "dix": 10, "onze": 11,
         "douze": 12, "treize": 13, "quatorze": 14, "quinze": 15, "seize": 16}
TENS = {"vingt": 20, "vingts": 20, "trente": 30, "quarante": 40, "cinquante": 50,
        "soixante": 60, "septante": 70, "huitante": 80, "octante": 80, "nonante": 90}
HUNDREDS = {"cent": 100, "cents": 100}
BIG = {"mille": 1000, "million": 10**6, "millions": 10**6, "milliard": 10**9,
       "milliards": 10**9}
APPROX_NOUNS = {"dizaine": 10, "douzaine": 12, "quinzaine": 15, "vingtaine": 20,
                "trentaine": 30, "quarantaine": 40, "cinquantaine": 50, "soixantaine": 60,
                "centaine": 100, "millier": 1000}
WORD_VALUES = {**SMALL, **TENS, **HUNDREDS, **BIG}
_MULTIPLIERS = {**BIG, "milliers": 1000}      # after digits: « 6,5 millions », « 3,5 milliers »
MAX_DIGITS = 15

# Pieces, combined by reference (Recognizers-Text style).
NUMBER_WORD = rf"\b(?:{words_pattern(WORD_VALUES)})\b"
WORD_NUMBER = rf"{NUMBER_WORD}(?:(?:\s*-\s*|\s+et\s+|\s+){NUMBER_WORD})*(?:\s+et\s+demie?\b)?"
DIGIT_NUMBER = r"(?:\d{1,3}(?:[ .]\d{3})+(?!\d)|\d+)(?:,\d+)?(?!\w)"
# « 3,5 milliers »: a decimal count of thousands (« 3 milliers » is an approximate noun).
MULTIPLIER = r"(?:\s*(?:millions?|milliards?|mille)\b|(?<=,\d)\s+milliers\b|(?<=,\d\d)\s+milliers\b)"
APPROX_NOUN = (rf"(?:une?|\d+|{NUMBER_WORD})\s+(?:{'|'.join(APPROX_NOUNS)})s?\b"
               r"(?:\s+(?:de\s+|d')(?:milliers|millions)\b)?")
HALF_MILLION = (r"\bune?\s+demi\s*-?\s*(?:millions?|milliards?|milliers?|centaines?|douzaines?"
                r"|dizaines?)\b")
NUMBER = rf"(?:{APPROX_NOUN}|{HALF_MILLION}|{DIGIT_NUMBER}{MULTIPLIER}?|{WORD_NUMBER})"

QUALIFIERS = {
    "more_than": [r"un\s+peu\s+plus\s+d[e']", r"bien\s+plus\s+d[e']", r"plus\s+d[e']",
                  r"au-delà\s+d(?:es|e|')", r"supérieure?s?\s+à", r"franchi\s+(?:la\s+barre|le\s+cap|le\s+seuil)\s+des",
                  r"dépass\w*(?:\s+(?:(?:très\s+|fort\s+)?probablement|vraisemblablement|sans\s+doute|largement|déjà"
                  r"|désormais|maintenant|aujourd'hui|selon\s+(?:lui|elle|eux|elles)|d'après\s+(?:lui|elle|eux|elles))){0,2}(?:\s+(?:les|la\s+barre\s+des|le\s+cap\s+des|le\s+seuil\s+des))?",
                  r"excéd\w*(?:\s+les)?"],
    "approx": [r"environ", r"quelque(?!s)", r"près\s+d[e']", r"autour\s+d(?:es|e|')",
               r"de\s+l'ordre\s+d[e']", r"aux\s+alentours\s+d(?:es|e|')", r"approximativement",
               r"à\s+peu\s+près", r"presque", r"quasiment", r"grosso\s+modo", r"env\.", r"~"],
    "at_least": [r"au\s+moins", r"pas\s+moins\s+d[e']", r"au\s+minimum", r"a\s+minima",
                 r"à\s+tout\s+le\s+moins"],
    "less_than": [r"moins\s+d[e']", r"inférieure?s?\s+à"],
    "at_most": [r"tout\s+au\s+plus", r"au\s+plus", r"au\s+maximum", r"jusqu'à",
                r"pas\s+plus\s+d[e']", r"n'excéd\w*\s+pas(?:\s+les)?"],
}
# « n'a jamais dépassé 15 000 » bounds the figure from above: checked before
# « dépassé » alone is read as a lower bound.
_NEVER_EXCEEDED = [r"n'(?:a|ont|avait|avaient|aurait|auraient)\s+jamais\s+(?:dépass|excéd)\w*"
                   r"(?:\s+les)?", r"ne\s+(?:dépass|excéd)\w*\s+(?:pas|jamais)(?:\s+les)?"]
QUALIFIERS["at_most"] += _NEVER_EXCEEDED
_QUALIFIER_OF = [("at_most", re.compile(rf"(?:{'|'.join(_NEVER_EXCEEDED)})\Z"))] + [
    (name, re.compile(rf"(?:{'|'.join(p)})\Z")) for name, p in QUALIFIERS.items()]
QUALIFIER = "|".join(p for phrases in QUALIFIERS.values() for p in phrases)
SUFFIX = (r"(?P<suffix>\s+(?:ou\s+plus|et\s+plus|au\s+moins|au\s+minimum|environ"
          r"|tout\s+au\s+plus|au\s+plus|au\s+maximum)\b)?")

UNITS = (r"%|pour\s*cent\b|p\.\s*100\b|mm\b|cm\b|km²|km2\b|km\b|kilomètres?\b|mètres?\b|m\b|m²"
         r"|kg\b|kilos?\b|tonnes?\b|t\b|ha\b|hectares?\b|miles?\b|nœuds?\b|h\b|heures?\b"
         r"|minutes?\b|min\b|secondes?\b|jours?\b|semaines?\b|mois\b|ans?\b|années?\b|°|degrés?\b"
         r"|€|\$|£|dollars?\b|euros?\b|roubles?\b|wons?\b|livres?\b|usd\b|eur\b|fois\b"
         r"|tiers\b|quarts?\b|cinquièmes?\b|dixièmes?\b|moitié\b|pour\s*mille\b|‰")
UNIT_AFTER = rf"\s*(?:(?:de\s+|d')?(?:{UNITS}))"
IDENTIFIED_BY = (r"résolutions?|articles?|art\.|n°|no\.|numéros?|décrets?|lois?|pages?|p\."
                 r"|paragraphes?|chapitres?|alinéas?|tomes?|vol\.|codes?|tél\.?|téléphone|routes?"
                 r"|autoroutes?|brigade|régiment|bataillon|division|corps|unité|secteur|zone"
                 r"|parallèle|sommet|vol|point|points|jugements?|questions?|annexes?|notes?"
                 r"|encadrés?|tableaux?|graphiques?|cartes?|étapes?|phases?")

# « 3 000 à 4 000 », « 10 000-12 000 »; a hyphen between words is a compound (« soixante-dix »).
RANGE_TO = r"(?:\s+à\s+|(?<=\d)\s*-\s*(?=\d))"

# Every figure holds one of these; rules are tried only in the few words before one.
_ANCHOR_WORDS = [rf"{re.escape(word)}\b" for word in sorted(
    (w for w in WORD_VALUES if w not in ("un", "une")), key=lambda w: (-len(w), w))]
_ANCHOR_ONE_OF = (rf"une?\s+(?:demi|{'|'.join(APPROX_NOUNS)}|soldat|militaire|homme|combattant"
                  r"|prisonnier|officier|mort|tué|blessé|disparu|victime)")
# Every branch opens with a literal character, so the scan skips ahead to those alone.
ANCHOR = re.compile("|".join(rf"{d}\d*+" for d in "0123456789") + "|"
                    + by_first_character([*_ANCHOR_WORDS, _ANCHOR_ONE_OF], WORD_START_GUARD) + r"|\+")
REACH = 40                 # « dépassent très probablement 6 000 »

# Rules in priority order: what is not a count comes first and swallows its digits.
QUANTITY_RULES = RuleSet([
    Rule("phone_number", r"\+\d[\d .]{6,}\d|\b0\d(?:[ .]\d\d){4}\b"),
    Rule("clock_time", r"\b\d{1,2}\s*(?:h|heures?)\s*\d{0,2}\b|\b\d{1,2}:\d{2}\b"),
    Rule("identifier", rf"\b(?:{IDENTIFIED_BY})\s+{DIGIT_NUMBER}"),
    Rule("age", rf"\bâgée?s?\s+(?:de\s+)?{DIGIT_NUMBER}(?:\s+(?:et|à|ou)\s+{DIGIT_NUMBER})?\s+ans\b"),
    Rule("measure", rf"{NUMBER}\s*(?:(?:de\s+|d')?(?:{UNITS}))"),
    Rule("range_between", rf"\bentre\s+(?:les\s+)?(?P<low>{NUMBER})\s+et\s+(?:les\s+)?(?P<high>{NUMBER})"),
    Rule("range_from_to", rf"\b(?:de|d')\s*(?P<low>{NUMBER})\s+(?:à|a)\s+(?P<high>{NUMBER})"),
    Rule("range_qualified", rf"(?P<qual>{QUALIFIER})\s*(?P<low>{NUMBER}){RANGE_TO}(?P<high>{NUMBER})"),
    Rule("range_to", rf"(?P<low>{NUMBER}){RANGE_TO}(?P<high>{NUMBER})"),
    # A qualifier before a measure is the measure's (« près de quarante pour cent »): the
    # rule fails there, so that the measure rule reads the number and its unit whole
    # and leaves no « cent » to be read as a count.
    Rule("qualified_number", rf"(?P<qual>{QUALIFIER})\s*(?P<n>(?>{NUMBER}))(?!{UNIT_AFTER}){SUFFIX}"),
    Rule("plain_number", rf"(?P<n>{NUMBER}){SUFFIX}"),
], before=r"(?<![\w.,+\-/])")

_NOT_COUNTS = {"phone_number", "clock_time", "identifier", "measure", "age"}
# « le bilan passe de 3 000 à 4 000 »: a change, two figures (the earlier, the later),
# not a range.
_CHANGE_BEFORE = re.compile(r"\b(?:pass|grimp|augment|bondi|mont|chut|baiss|recul|évolu|progress)"
                            r"\w*\s+\Z")
_UNIT_AFTER = re.compile(UNIT_AFTER)
# « un soldat sur quatre », « plus d'un sur trois », « deux sur dix »: a proportion, whose
# small numbers count no one. (« 3 000 tués sur 11 000 soldats » counts both: too big.)
_SMALL_NUMBER = rf"(?:\d{{1,2}}(?!\d)|{NUMBER_WORD})"
_RATIO_BEFORE = re.compile(rf"(?:\b|(?<=\d)){_SMALL_NUMBER}(?:\s+[\w'-]+){{0,2}}?\s+sur\s+\Z")
_RATIO_AFTER = re.compile(rf"(?:\s+[\w'-]+){{0,2}}?\s+sur\s+(?:{_SMALL_NUMBER}|une?\b)")
# « 9 000 hommes tout au plus », « 100 soldats nord-coréens au moins »: the noun, and
# an adjective on it, then the bound
_BOUND_AFTER_NOUN = re.compile(r"\s+[^\W\d_][\w'-]*"
                               r"(?:\s+[^\W\d_][\w'-]*(?:iens|iennes|éens|éennes|ais|aises|es|s))?"
                               r"\s+(tout\s+au\s+plus|au\s+plus|au\s+maximum"
                               r"|au\s+moins|au\s+minimum)\b")
# « de l'ordre de neuf pour un », « trois contre un », « 1 pour 9 », « neuf blessés pour
# un tué », « un tué pour sept blessés »: a ratio.
_CASUALTY_WORD = r"(?:\s+(?:tués?|morts?|blessés?|soldats?|hommes|prisonniers?))?"
_ONE_TO_AFTER = re.compile(rf"{_CASUALTY_WORD}\s+(?:pour|contre)\s+(?:une?\b|\d{{1,2}}(?![\d\s.,]*\d)"
                           r"|(?:deux|trois|quatre|cinq|six|sept|huit|neuf|dix)\b)")
_ONE_TO_BEFORE = re.compile(r"(?:\b\d{1,2}|\bune?|\b(?:deux|trois|quatre|cinq|six|sept|huit|neuf|dix))"
                            rf"{_CASUALTY_WORD}\s+(?:pour|contre)\s+\Z")
# « âgés de 20 et 26 ans », « 19 ou 20 ans »: the first number shares the second's unit.
_SHARED_UNIT_AFTER = re.compile(rf"\s+(?:et|ou|à)\s+{DIGIT_NUMBER}\s*(?:{UNITS})")
_BOTH_BEFORE = re.compile(r"\b(?:tous|toutes|tous\s+les|toutes\s+les)\s+\Z")
_DIGITS_PARTS = re.compile(r"(?P<int>[\d .]+?)(?:,(?P<dec>\d+))?\s*(?P<mult>millions?|milliards?|mille"
                           r"|milliers)?")
_APPROX_PARTS = re.compile(
    rf"(?P<base>.+?)\s+(?P<noun>{'|'.join(APPROX_NOUNS)})s?(?:\s+(?:de\s+|d')(?P<mult>milliers|millions))?")
_WORD_TOKEN = re.compile(NUMBER_WORD)
_HALF_MILLION = re.compile(HALF_MILLION)
_PEOPLE_AFTER = re.compile(rf"\s+(?:{PEOPLE}|{CASUALTY_NOUNS}|soldat|militaire|homme|combattant"
                           r"|prisonnier|officier|mort|tué|blessé|disparu|victime)\b")
_LETTER = re.compile(r"[^\W\d_]")
_DIGIT_BEFORE = re.compile(r"\d\s*\Z")
_DIGIT_AFTER = re.compile(r"\s*\d")
_YEAR_CONTEXT = re.compile(r"(?:\b(?:en|depuis|dès|de|d'ici|avant|après|jusqu'en|courant|année|an|fin"
                           r"|début|mi|été|hiver|automne|printemps)\s*-?\s*)\Z")


@dataclass(slots=True)
class Figure:
    """A quantity found in the text, where it is, and the rule that read it."""
    start: int
    end: int
    quantity: Quantity
    rule: str
    approximate_noun: bool = False      # « un millier », « une dizaine »


def words_value(text: str) -> int | None:
    """The value of a French number in words, or None if the words do not make one.

    >>> [words_value(t) for t in ("vingt et un", "quatre-vingt-dix", "deux cent mille", "deux trois")]
    [21, 90, 200000, None]
    """
    tokens = [t.lower() for t in _WORD_TOKEN.findall(text)]
    total, small, last = 0, 0, ""
    for token in tokens:
        value = WORD_VALUES[token]
        if token in HUNDREDS:
            if small >= 100:
                return None
            small, last = (small or 1) * 100, "hundred"
        elif token in BIG:
            if total and value >= 10**6 and total < value and not small:
                return None
            total, small, last = total + (small or 1) * value, 0, "big"
        elif token in TENS:
            if last == "unit" and small % 100 == 4 and token.startswith("vingt"):
                small, last = small + 76, "tens"          # quatre-vingt(s)
            elif small % 100:
                return None
            else:
                small, last = small + value, "tens"
        else:
            if last in ("unit", "teen"):
                return None
            if last == "tens" and value >= 10 and small % 100 not in (60, 80):
                return None
            small, last = small + value, "unit" if value < 10 else "teen"
    if "demi" in text.lower() and last == "big":
        total += max(v for t, v in BIG.items() if t in tokens) // 2
    return total + small if tokens else None


def number_value(text: str) -> tuple[int, bool] | None:
    """(value, approximate) of one number as written, or None.

    >>> [number_value(t) for t in ("6 000", "6,5 millions", "une dizaine de milliers", "4,800")]
    [(6000, False), (6500000, False), (10000, True), (4800, False)]
    """
    text = " ".join(text.split())
    lower = text.lower()
    approx = _APPROX_PARTS.fullmatch(text)
    # « 3,5 milliers » is a decimal count of thousands, read with the digits below.
    if approx and approx.group("noun").lower() in APPROX_NOUNS and "," not in approx.group("base"):
        base = approx.group("base").lower()
        base_value = 1 if base in ("un", "une") else (int(base) if base.isdigit() and len(base) < 7
                                                      else words_value(base))
        if not base_value:
            return None
        multiplier = {"milliers": 1000, "millions": 10**6}.get((approx.group("mult") or "").lower(), 1)
        return base_value * APPROX_NOUNS[approx.group("noun").lower()] * multiplier, True
    if _HALF_MILLION.fullmatch(lower):
        if "milliard" in lower:
            return 500_000_000, False
        if "million" in lower:
            return 500_000, False
        # « un demi-millier », « une demi-douzaine »: half of an approximate count.
        noun = next(n for n in APPROX_NOUNS if n in lower)
        return APPROX_NOUNS[noun] // 2, True
    if lower[:1].isdigit():
        parts = _DIGITS_PARTS.fullmatch(text)
        if parts is None:
            return None
        digits = re.sub(r"[ .]", "", parts.group("int"))
        if not digits.isdigit() or len(digits) > MAX_DIGITS:
            return None
        decimals = parts.group("dec") or ""
        multiplier = _MULTIPLIERS.get((parts.group("mult") or "").lower(), 1)
        if len(decimals) > 6:
            return None
        if decimals and multiplier == 1:
            # « 4,800 soldats »: an English thousands comma; « 2,5 » alone counts nobody.
            if len(decimals) == 3 and len(digits) <= 3:
                return int(digits + decimals), False
            return None
        value = int(digits) * multiplier + int(decimals or 0) * multiplier // 10 ** len(decimals)
        return value, False
    value = words_value(text)
    return (value, False) if value is not None else None


def qualifier_of(phrase: str) -> str:
    phrase = " ".join(phrase.split())
    for name, regex in _QUALIFIER_OF:
        if regex.search(phrase):
            return name
    return "exact"


def make_quantity(value: int, qualifier: str) -> Quantity:
    """Bounds as FACTS.md sets them: « plus de 6 000 » has low 6000, « environ » none."""
    if qualifier in ("more_than", "at_least"):
        return Quantity(value, value, None, qualifier)
    if qualifier in ("less_than", "at_most"):
        return Quantity(value, None, value, qualifier)
    if qualifier == "approx":
        return Quantity(value, None, None, qualifier)
    return Quantity(value, value, value, "exact")


def _is_year(scan: str, start: int, end: int, written: str) -> bool:
    """A bare four-digit 1800-2100 is a year unless a noun follows (« 1500 hommes »)."""
    if not (len(written) == 4 and written.isdigit() and 1800 <= int(written) <= 2100):
        return False
    if _YEAR_CONTEXT.search(scan, max(0, start - 12), start):
        return True
    return not _PEOPLE_AFTER.match(scan, end)


# « - 16 : le Pentagone confirme … »: in a month's chronology, a number opening a line or
# a list item, a colon after it, is a day of the month (dates.py reads it so).
_LIST_MARKER_BEFORE = re.compile(r"[ >]*(?:[-+•][ ]+)?[ ]*")
_COLON_AFTER = re.compile(r"[ ]*:\s")


def opens_line(scan: str, start: int) -> bool:
    """Whether what stands at start opens its line or list item."""
    return bool(_LIST_MARKER_BEFORE.fullmatch(scan, scan.rfind("\n", 0, start) + 1, start))


def opens_chronology_line(scan: str, start: int, end: int) -> bool:
    """Whether the number at [start, end) opens its line or list item with a colon after it."""
    return opens_line(scan, start) and bool(_COLON_AFTER.match(scan, end))


def _stands_alone(scan: str, start: int, end: int) -> bool:
    """A number with no word near it on its line (a list index, a page number)."""
    line_start = scan.rfind("\n", max(0, start - 40), start) + 1
    line_end = scan.find("\n", end, end + 40)
    line_end = end + 40 if line_end < 0 else line_end
    return not (_LETTER.search(scan, max(line_start, start - 40), start)
                or _LETTER.search(scan, end, line_end))


def _touches_other_digits(scan: str, start: int, end: int) -> bool:
    """Digit groups side by side (« 23 45 67 ») are a code, not a count."""
    return bool(_DIGIT_BEFORE.search(scan, max(0, start - 3), start)
                or _DIGIT_AFTER.match(scan, end, end + 3))


def _lone_one(scan: str, start: int, end: int, written: str) -> bool:
    """« un soldat » counts one; « un premier groupe », « l'un des officiers » do not."""
    if written.lower() not in ("un", "une"):
        return False
    if start >= 1 and scan[start - 1] in "'":
        return True
    return not _PEOPLE_AFTER.match(scan, end)


def _figure(hit, scan: str) -> Figure | list[Figure] | None:
    if hit.rule.name in _NOT_COUNTS:
        return None
    start, end = hit.start, hit.end
    if _UNIT_AFTER.match(scan, end):
        return None                   # « moins de 5 % », « de 20 à 30 km »
    qualifier = qualifier_of(hit.group("qual")) if hit.group("qual") else "exact"
    suffix = (hit.group("suffix") or "").lower()
    if "au plus" in suffix or "maximum" in suffix:  # « 20 000 tout au plus »
        qualifier = "at_most"
    elif "plus" in suffix or "moins" in suffix or "minimum" in suffix:
        qualifier = "at_least"
    elif "environ" in suffix and qualifier == "exact":
        qualifier = "approx"
    if hit.group("low") is not None:
        low, high = number_value(hit.group("low")), number_value(hit.group("high"))
        if not low or not high:
            return None
        low_value, high_value = low[0], high[0]
        multiplier = next((BIG[w] for w in BIG if re.search(rf"\b{w}\Z", hit.group("high").lower())), 1)
        if multiplier > 1 and low_value * multiplier <= high_value * 1 and low_value < 1000:
            low_value *= multiplier           # « entre trois et quatre mille »
        if not low_value < high_value:
            return None
        if hit.rule.name == "range_from_to" and _CHANGE_BEFORE.search(scan, max(0, start - 30), start):
            return [Figure(hit.start_of(bound), hit.end_of(bound), make_quantity(value, "exact"),
                           rule) for bound, value, rule in (("low", low_value, "change_from"),
                                                            ("high", high_value, "change_to"))]
        return Figure(start, end, Quantity(None, low_value, high_value, "range"), hit.rule.name)
    written = hit.group("n")
    parsed = number_value(written)
    if parsed is None:
        return None
    value, approximate = parsed
    number_start = hit.match.start(f"{hit.rule.name}__n")
    number_end = hit.match.end(f"{hit.rule.name}__n")
    if _lone_one(scan, number_start, number_end, written.strip()):
        return None
    if value <= 10 and _BOTH_BEFORE.search(scan, max(0, number_start - 8), number_start):
        return None                   # « tous deux blessés »: the two just named, no new count
    if value <= 100 and (_RATIO_BEFORE.search(scan, max(0, number_start - 40), number_start)
                         or value <= 10 and _RATIO_AFTER.match(scan, number_end)
                         or _ONE_TO_AFTER.match(scan, number_end)
                         or _ONE_TO_BEFORE.search(scan, max(0, number_start - 24), number_start)):
        return None
    if value < 1000 and _SHARED_UNIT_AFTER.match(scan, number_end):
        return None
    if hit.rule.name == "plain_number":
        if _is_year(scan, number_start, number_end, written.strip()) \
                or _touches_other_digits(scan, number_start, number_end) \
                or _stands_alone(scan, number_start, number_end) \
                or value <= 31 and opens_chronology_line(scan, number_start, number_end):
            return None
    if approximate and qualifier == "exact":
        qualifier = "approx"
    if qualifier == "exact":            # « 20 000 hommes tout au plus »: the bound after the noun
        bound = _BOUND_AFTER_NOUN.match(scan, number_end)
        if bound:
            qualifier = "at_least" if bound.group(1).endswith(("moins", "minimum")) else "at_most"
    return Figure(start, end, make_quantity(value, qualifier), hit.rule.name, approximate)


def _date_within(scan: str, date: tuple[int, int], start: int, end: int) -> bool:
    """Whether a date without digits stands inside a figure's words, between its bound
    and its number (« dépassent aujourd'hui 4 000 »): the figure stands, the date too."""
    return start < date[0] and date[1] < end and not any(
        character.isdigit() for character in scan[date[0]:date[1]])


def find_quantities(scan: str, skip: list[tuple[int, int]] = ()) -> list[Figure]:
    """Every figure in the lower-case scan copy, except those overlapping a `skip` span (dates)."""
    figures = []
    skip = sorted(skip)
    index = 0
    for hit in QUANTITY_RULES.find_near(scan, ANCHOR, REACH, skip):
        while index < len(skip) and skip[index][1] <= hit.start:
            index += 1
        if index < len(skip) and skip[index][0] < hit.end and not _date_within(
                scan, skip[index], hit.start, hit.end):
            continue
        figure = _figure(hit, scan)
        if isinstance(figure, list):
            figures.extend(figure)
        elif figure is not None:
            figures.append(figure)
    return figures


def corpus_parse(text: str, today: dt.date, gazetteer=None) -> list[dict]:
    """What the corpus checks: each figure's quantity fields, dates set aside."""
    from sitrep.extract.dates import find_dates
    from sitrep.extract.text import lower_copy, scan_copy
    low = lower_copy(scan_copy(text))
    dates = [(d.start, d.end) for d in find_dates(low, today)]
    return [{**f.quantity.to_json(), "rule": f.rule} for f in find_quantities(low, dates)]
