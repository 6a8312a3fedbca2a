"""Dates in French text as inclusive intervals: « début mars » is 1-10 March, « l'automne 2024 »
September to November 2024.

Conventions (FACTS.md): parts of a month are days 1-10, 11-20, 21-end; parts of a year
January-April, May-August, September-December; seasons are meteorological; a date
without a year takes the most recent year that puts it on or before the briefing date;
« depuis octobre » runs to the briefing date; « deux jours plus tard » counts from the
last date mentioned.

>>> [(w.when.start.isoformat(), w.when.end.isoformat(), w.when.precision)
...  for w in find_dates("début mars, puis à l'automne 2024.", dt.date(2025, 6, 15))]
[('2025-03-01', '2025-03-10', 'part_of_month'), ('2024-09-01', '2024-11-30', 'season')]
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass

from sitrep.extract.numbers import opens_chronology_line, opens_line, words_value
from sitrep.extract.rules import Rule, RuleSet, by_first_character
from sitrep.model import When

MONTH_NAMES = (r"janvier|février|fevrier|mars|avril|mai|juin|juillet|août|aout|septembre|octobre"
               r"|novembre|décembre|decembre")
MONTH_SHORT = r"janv|févr|fevr|fév|fev|avr|juill|juil|sept|oct|nov|déc|dec"
MONTH = rf"(?:(?:{MONTH_NAMES})\b|(?:{MONTH_SHORT})(?:\.|\b(?=\s+(?:19|20)\d\d)))"
DAY = r"(?:1er|1re|premier|[12]\d|3[01]|0?[1-9])(?!\d)"
YEAR = r"(?:19|20)\d\d(?!\d)"
WEEKDAY = r"(?:lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche)"
COUNT = r"(?:\d{1,3}|une?|deux|trois|quatre|cinq|six|sept|huit|neuf|dix|onze|douze|quinze|vingt)"
SEASON = r"(?:printemps|été|automne|hiver)"
OF_YEAR = rf"(?:\s+(?:de\s+|d')?(?:l'année\s+)?(?P<y>{YEAR}))"
PART = r"(?P<part>début|fin|milieu|mi)(?:\s*-\s*|\s+)"

# The words before a date that belong to it (« depuis le 6 mars », « à l'automne 2024 »),
# read backwards from where a rule matched rather than tried at every word.
_PREFIX = re.compile(
    r"(?:(?<![\w'-])(?P<since>depuis|dès|à\s+partir\s+d[eu']|à\s+compter\s+d[eu'])\s*)?"
    r"(?:(?<![\w'-])(?P<prep>au\s+cours\s+d(?:es|e|u|')|au\s+mois\s+d[e']|d'ici(?:\s+à)?(?:\s+(?:la|le|l'))?|jusqu'(?:au|à|en)"
    r"|durant\s+les|pendant\s+les|dans\s+les|à\s+la|à\s+l'|en|au|aux|à|le|la|l'|les|des|dans|durant"
    r"|pendant|courant|vers|pour)\s*)?\Z")

# « pour » looks ahead after a word of plan (« prévue pour juin »), not in « le bilan
# pour mars ».
_PLANNED = re.compile(r"\b(?:prévue?s?|envisagée?s?|évoquée?s?|programmée?s?|attendue?s?"
                      r"|planifiée?s?|annoncée?s?|fixée?s?)\s+\Z")
_MONTH_PREFIXES = (("janv", 1), ("jan", 1), ("fév", 2), ("fev", 2), ("mar", 3), ("avr", 4),
                   ("mai", 5), ("juin", 6), ("juil", 7), ("aoû", 8), ("aou", 8), ("sep", 9),
                   ("oct", 10), ("nov", 11), ("déc", 12), ("dec", 12))
_SEASONS = {"printemps": 3, "été": 6, "automne": 9, "hiver": 12}
_WEEKDAYS = ("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche")
_FIRST = ("premier", "1er", "première", "1re", "1ère")
_SECOND = ("second", "seconde", "deuxième", "2e", "2ème")
_ORDINALS = {**{w: 1 for w in _FIRST}, **{w: 2 for w in _SECOND}, "troisième": 3, "3e": 3,
             "3ème": 3, "quatrième": 4, "4e": 4, "4ème": 4}


@dataclass(slots=True)
class DateMention:
    """A date expression found in the text and the interval it stands for."""
    start: int
    end: int
    when: When
    rule: str


@dataclass(slots=True)                 # one per date read: a frozen one is slower to build
class _Context:
    today: dt.date                 # the briefing date
    last: When | None              # the last date mentioned, for « deux jours plus tard »
    forward: bool                  # « d'ici décembre » looks ahead
    introduced: bool               # a preposition or « depuis » stands before it
    filed: dt.date | None = None   # the day of the dispatch's dateline (« SÉOUL, 19 décembre — »)
    last_day: When | None = None   # the last day mentioned, for « la veille », « le même jour »
    told_day: dt.date | None = None  # the last day the story told (not a dateline's)
    # the same, when a bare weekday goes on from it: told recently or with its weekday
    story_day: dt.date | None = None
    line_day: When | None = None   # the last day or month that opened a line of a list

    @property
    def reference(self) -> dt.date:
        """The day « jeudi » and « hier » count back from: the dateline's, else the briefing's."""
        return self.filed or self.today


Interval = tuple[dt.date, dt.date, str]
STORY_DAYS = 31
_WEEKDAY_NAMED = re.compile(r"\b(?:lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche)\b")


def month_number(text: str) -> int:
    word = text.lower().rstrip(".")
    return next(number for prefix, number in _MONTH_PREFIXES if word.startswith(prefix))


def _day(text: str) -> int:
    return 1 if text.lower() in ("1er", "1re", "premier") else int(text)


def _count(text: str) -> int | None:
    return int(text) if text.isdigit() else words_value(text)


def last_day(year: int, month: int) -> int:
    return calendar.monthrange(year, month)[1]


def month_interval(year: int, month: int) -> tuple[dt.date, dt.date]:
    return dt.date(year, month, 1), dt.date(year, month, last_day(year, month))


def infer_year(month: int, day: int, ctx: _Context) -> int:
    """The most recent year that puts the day on or before the briefing date."""
    year = ctx.today.year
    candidate = dt.date(year, month, min(day, last_day(year, month)))
    if ctx.forward:
        return year if candidate >= ctx.today else year + 1
    return year if candidate <= ctx.today else year - 1


def _year_or_infer(year: str | None, month: int, day: int, ctx: _Context) -> int:
    return int(year) if year else infer_year(month, day, ctx)


def season_interval(year: int, season: str) -> tuple[dt.date, dt.date]:
    first = _SEASONS[season]
    start = dt.date(year, first, 1)
    end_year, end_month = (year + 1, 2) if first == 12 else (year, first + 2)
    return start, dt.date(end_year, end_month, last_day(end_year, end_month))


def _shift_months(day: dt.date, months: int) -> dt.date:
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    return dt.date(year, month + 1, min(day.day, last_day(year, month + 1)))


# Producers: (hit, context) -> (start, end, precision) or None.

def _day_range(hit, ctx: _Context) -> Interval:
    month2 = month_number(hit.group("m2"))
    month1 = month_number(hit.group("m1")) if hit.group("m1") else month2
    year2 = _year_or_infer(hit.group("y2"), month2, _day(hit.group("d2")), ctx)
    year1 = int(hit.group("y1")) if hit.group("y1") else (year2 if month1 <= month2 else year2 - 1)
    return dt.date(year1, month1, _day(hit.group("d1"))), \
        dt.date(year2, month2, _day(hit.group("d2"))), "range"


def _month_range(hit, ctx: _Context) -> Interval:
    month1, month2 = month_number(hit.group("m1")), month_number(hit.group("m2"))
    year2 = _year_or_infer(hit.group("y2"), month2, 1, ctx)
    year1 = int(hit.group("y1")) if hit.group("y1") else (year2 if month1 <= month2 else year2 - 1)
    return month_interval(year1, month1)[0], month_interval(year2, month2)[1], "range"


def _year_range(hit, ctx: _Context) -> Interval | None:
    first, last = int(hit.group("y1")), int(hit.group("y2"))
    return (dt.date(first, 1, 1), dt.date(last, 12, 31), "range") if first < last else None


def _season(hit, ctx: _Context) -> Interval | None:
    season = (hit.group("s") or hit.group("s2")).lower()
    if hit.group("y"):
        start, end = season_interval(int(hit.group("y")), season)
        return start, end, "season"
    if ctx.forward:                     # « pour l'automne », « d'ici l'hiver »: the next one
        for year in range(ctx.today.year, ctx.today.year + 2):
            start, end = season_interval(year, season)
            if end >= ctx.today:
                return start, end, "season"
    # The latest season that has begun by the briefing date; « dernier »: that has ended.
    ended = bool(hit.group("rel"))
    for year in range(ctx.today.year, ctx.today.year - 3, -1):
        start, end = season_interval(year, season)
        if start <= ctx.today and (not ended or end < ctx.today):
            return start, end, "season"
    return None


def _quarter(hit, ctx: _Context) -> Interval | None:
    order = hit.group("ord").lower()
    number = 4 if order == "dernier" else _ORDINALS.get(order)
    if number is None or number > 4:
        return None
    year = int(hit.group("y")) if hit.group("y") else ctx.today.year
    if not hit.group("y") and dt.date(year, 3 * number - 2, 1) > ctx.today:
        year -= 1
    first, last = 3 * number - 2, 3 * number
    return dt.date(year, first, 1), month_interval(year, last)[1], "part_of_year"


def _semester(hit, ctx: _Context) -> Interval | None:
    order = hit.group("ord").lower()
    number = 2 if order == "dernier" else _ORDINALS.get(order)
    if number not in (1, 2):
        return None
    year = int(hit.group("y")) if hit.group("y") else ctx.today.year
    first = 1 if number == 1 else 7
    if not hit.group("y") and dt.date(year, first, 1) > ctx.today and not ctx.forward:
        year -= 1
    return dt.date(year, first, 1), month_interval(year, first + 5)[1], "part_of_year"


def _fortnight(hit, ctx: _Context) -> Interval:
    month = month_number(hit.group("m"))
    order = hit.group("ord").lower()
    second = order not in _FIRST
    year = _year_or_infer(hit.group("y"), month, 16 if second else 1, ctx)
    if second:
        return dt.date(year, month, 16), dt.date(year, month, last_day(year, month)), "part_of_month"
    return dt.date(year, month, 1), dt.date(year, month, 15), "part_of_month"


def _week_of_month(hit, ctx: _Context) -> Interval | None:
    month = month_number(hit.group("m"))
    order = hit.group("ord").lower()
    year = _year_or_infer(hit.group("y"), month, 1, ctx)
    end_of_month = last_day(year, month)
    if order.startswith("dernière"):
        return dt.date(year, month, end_of_month - 6), dt.date(year, month, end_of_month), \
            "part_of_month"
    number = _ORDINALS.get(order)
    if number is None:
        return None
    first = 7 * (number - 1) + 1
    return dt.date(year, month, first), dt.date(year, month, first + 6), "part_of_month"


def _months_of_year(hit, ctx: _Context) -> Interval | None:
    count = _count(hit.group("n"))
    if not count or count > 12:
        return None
    year = int(hit.group("y") or hit.group("y2") or ctx.today.year)
    if hit.group("which").lower() == "premiers":
        return dt.date(year, 1, 1), month_interval(year, count)[1], "part_of_year"
    return dt.date(year, 13 - count, 1), dt.date(year, 12, 31), "part_of_year"


_PART_DAYS = {"début": (1, 10), "mi": (11, 20), "milieu": (11, 20), "fin": (21, 31)}
_PART_MONTHS = {"début": (1, 4), "mi": (5, 8), "milieu": (5, 8), "fin": (9, 12)}


def _part_of_month(hit, ctx: _Context) -> Interval:
    month = month_number(hit.group("m"))
    first, last = _PART_DAYS[hit.group("part").lower()]
    year = _year_or_infer(hit.group("y"), month, first, ctx)
    return dt.date(year, month, first), dt.date(year, month, min(last, last_day(year, month))), \
        "part_of_month"


def _part_of_year(year: int, part: str) -> Interval:
    first, last = _PART_MONTHS[part.lower()]
    return dt.date(year, first, 1), month_interval(year, last)[1], "part_of_year"


def _part_of_numbered_year(hit, ctx: _Context) -> Interval:
    return _part_of_year(int(hit.group("y")), hit.group("part"))


def _part_of_this_year(hit, ctx: _Context) -> Interval:
    year = ctx.today.year - (1 if hit.group("rel") and "cours" not in hit.group("rel") else 0)
    return _part_of_year(year, hit.group("part"))


def _numeric_date(hit, ctx: _Context) -> Interval:
    day = dt.date(int(hit.group("y")), int(hit.group("m")), _day(hit.group("d")))
    return day, day, "day"


def _numeric_day_month(hit, ctx: _Context) -> Interval:
    month, day_number = int(hit.group("m")), int(hit.group("d"))
    day = dt.date(_year_or_infer(None, month, day_number, ctx), month, day_number)
    return day, day, "day"


def _day_month(hit, ctx: _Context) -> Interval:
    month = month_number(hit.group("m"))
    day_number = _day(hit.group("d"))
    year = _year_or_infer(hit.group("y"), month, day_number, ctx)
    day = dt.date(year, month, day_number)
    return day, day, "day"


def _bare_day(hit, ctx: _Context) -> Interval | None:
    """« Le 9 novembre, … Le 11, … », « à la mi-mars : le 18, … »: a day of the month
    the last date named lies in (else of the last day named)."""
    last = ctx.last
    if last is not None and (last.start.year, last.start.month) == (last.end.year, last.end.month):
        base = last.start
    elif ctx.last_day is not None:
        base = ctx.last_day.start
    else:
        return None
    day = dt.date(base.year, base.month, _day(hit.group("d")))
    return (day, day, "day") if day <= ctx.today else None


def _chronology_day(hit, ctx: _Context) -> Interval | None:
    """« - 16 : le Pentagone confirme … »: a day opening a line of a chronology, of the
    month told before it (as a bare day); with none told, the latest such day up to
    the briefing (« - 5 : » in a recap of November filed on 2 December)."""
    if not opens_chronology_line(hit.match.string, hit.start, hit.end):
        return None
    if ctx.line_day is not None:        # « - **6 novembre** : … ratifié le 24 octobre. ¶ - 9 : »
        base = ctx.line_day.start
        day = dt.date(base.year, base.month, _day(hit.group("d")))
        return (day, day, "day") if day <= ctx.today else None
    if ctx.last is not None or ctx.last_day is not None:
        return _bare_day(hit, ctx)
    month = ctx.today.replace(day=1)
    for base in (month, (month - dt.timedelta(days=1)).replace(day=1)):
        try:
            day = base.replace(day=_day(hit.group("d")))
        except ValueError:
            continue                    # « - 31 : » in a month of thirty days
        if day <= ctx.today:
            return day, day, "day"
    return None


def _month_year(hit, ctx: _Context) -> Interval:
    start, end = month_interval(int(hit.group("y")), month_number(hit.group("m")))
    return start, end, "month"


def _month_alone(hit, ctx: _Context) -> Interval | None:
    if not ctx.introduced:
        return None                  # « mars » alone may be the planet; « en mars » is a month
    month = month_number(hit.group("m"))
    start, end = month_interval(infer_year(month, 1, ctx), month)
    return start, end, "month"


def _month_of_a_year_told(hit, ctx: _Context) -> Interval:
    year = ctx.today.year - (1 if hit.group("last") else 0)
    start, end = month_interval(year, month_number(hit.group("m")))
    return start, end, "month"


def _year_alone(hit, ctx: _Context) -> Interval | None:
    if not (ctx.introduced or hit.group("the_year")):
        return None
    year = int(hit.group("y"))
    return dt.date(year, 1, 1), dt.date(year, 12, 31), "year"


_UNIT_DAYS = {"jour": 1, "semaine": 7}


def _offset(day: dt.date, count: int, unit: str) -> dt.date:
    unit = unit.lower().rstrip("s")
    if unit == "moi":
        return _shift_months(day, count)
    if unit in ("an", "année"):
        return _shift_months(day, 12 * count)
    return day + dt.timedelta(days=count * _UNIT_DAYS.get(unit, 1))


def _later(hit, ctx: _Context) -> Interval | None:
    count = _count(hit.group("n"))
    if count is None or ctx.last is None:
        return None
    backwards = hit.group("dir").lower() in ("auparavant", "plus tôt", "avant")
    last = ctx.last
    if ctx.last_day is not None and (last.end < ctx.last_day.start or (
            last.start < ctx.last_day.start and last.end >= ctx.today)):
        # The story is at its last day told; a mention before it looked back (« le 26
        # avril … depuis l'incursion en août 2024. Deux jours plus tard » is the 28th),
        # or spanned the time up to now (« ce que Moscou niait depuis l'automne »).
        last = ctx.last_day
    base = last.start if backwards else last.end
    day = _offset(base, -count if backwards else count, hit.group("unit"))
    return day, day, "day"


_NEXT_DAY = {"le lendemain": 1, "la veille": -1, "le jour même": 0, "le même jour": 0,
             "le soir même": 0, "le matin même": 0, "ce jour-là": 0, "ce même jour": 0,
             "quelques heures plus tôt": 0, "quelques heures plus tard": 0,
             "l'avant-veille": -2, "le surlendemain": 2}


def _next_day(hit, ctx: _Context) -> Interval | None:
    # A day counts from the last day named (« le 28 avril … depuis décembre … le même
    # jour » is the 28th), else from whatever was named last.
    last = ctx.last_day or ctx.last
    if last is None:
        return None
    shift = _NEXT_DAY.get(" ".join(hit.text.lower().split()), 0)
    day = (last.start if shift <= 0 else last.end) + dt.timedelta(days=shift)
    return day, day, "day"


def _ago(hit, ctx: _Context) -> Interval | None:
    count = _count(hit.group("n"))
    if count is None:
        return None
    day = _offset(ctx.today, -count, hit.group("unit"))
    return day, day, "day"


def _last_month(hit, ctx: _Context) -> Interval:
    first = _shift_months(ctx.today.replace(day=1), -1)
    start, end = month_interval(first.year, first.month)
    return start, end, "month"


def _this_month(hit, ctx: _Context) -> Interval:
    start, end = month_interval(ctx.today.year, ctx.today.month)
    return start, end, "month"


def _last_year(hit, ctx: _Context) -> Interval:
    return dt.date(ctx.today.year - 1, 1, 1), dt.date(ctx.today.year - 1, 12, 31), "year"


def _this_year(hit, ctx: _Context) -> Interval:
    return dt.date(ctx.today.year, 1, 1), dt.date(ctx.today.year, 12, 31), "year"


def _last_week(hit, ctx: _Context) -> Interval:
    if "dernière" in hit.text.lower() or "précédente" in hit.text.lower():
        monday = ctx.today - dt.timedelta(days=ctx.today.weekday() + 7)
        return monday, monday + dt.timedelta(days=6), "range"
    return ctx.today - dt.timedelta(days=7), ctx.today, "range"     # « la semaine écoulée »


def _this_week(hit, ctx: _Context) -> Interval:
    monday = ctx.today - dt.timedelta(days=ctx.today.weekday())
    return monday, min(ctx.today, monday + dt.timedelta(days=6)), "range"


_DAYS_BACK = {"aujourd'hui": 0, "hier": 1, "avant-hier": 2}


def _yesterday(hit, ctx: _Context) -> Interval:
    day = ctx.reference - dt.timedelta(days=_DAYS_BACK[hit.text.lower()])
    return day, day, "day"


def _weekday(hit, ctx: _Context) -> Interval:
    wanted = _WEEKDAYS.index(hit.group("wd").lower())
    if ctx.story_day is not None:
        # A chronology goes on from the last day it told (« Le lundi 3 mars … Jeudi, … »
        # is the 6th), when that day has come by the briefing date.
        day = ctx.story_day + dt.timedelta(days=(wanted - ctx.story_day.weekday() - 1) % 7 + 1)
        if day <= ctx.today:
            return day, day, "day"
    reference = ctx.reference
    day = reference - dt.timedelta(days=(reference.weekday() - wanted) % 7)
    return day, day, "day"


def _weekend(hit, ctx: _Context) -> Interval | None:
    """« le week-end suivant »: the Saturday and Sunday after the last day told."""
    if ctx.told_day is None:
        return None
    saturday = ctx.told_day + dt.timedelta(days=(5 - ctx.told_day.weekday() - 1) % 7 + 1)
    return saturday, saturday + dt.timedelta(days=1), "range"


DATE_RULES = RuleSet([
    # « du 3 au 7 mars », « les 14 et 15 décembre », « le samedi 14 et le dimanche 15 décembre »
    Rule("day_range", rf"(?:du|entre\s+le|entre\s+les|les|le)\s+(?:{WEEKDAY}\s+)?(?P<d1>{DAY})"
                      rf"(?:\s+(?P<m1>{MONTH})(?:\s+(?P<y1>{YEAR}))?)?\s+(?:au|et\s+le|et)\s+"
                      rf"(?:{WEEKDAY}\s+)?(?P<d2>{DAY})\s+(?P<m2>{MONTH})"
                      rf"(?:\s+(?P<y2>{YEAR}))?", _day_range),
    Rule("month_range", rf"(?:de|d'|entre|en)\s*(?P<m1>{MONTH})(?:\s+(?P<y1>{YEAR}))?\s+"
                        rf"(?:à|au|et|jusqu'à|jusqu'en)\s+(?P<m2>{MONTH})(?:\s+(?P<y2>{YEAR}))?",
         _month_range),
    Rule("month_dash_range", rf"(?P<m1>{MONTH})(?:\s+(?P<y1>{YEAR}))?\s*-\s*(?P<m2>{MONTH})\s+"
                             rf"(?P<y2>{YEAR})", _month_range),
    Rule("year_range", rf"(?:entre|de)\s+(?P<y1>{YEAR})\s+(?:et|à)\s+(?P<y2>{YEAR})", _year_range),
    Rule("season", rf"(?:(?:l'|cet\s+|en\s+|au\s+|le\s+|ce\s+)(?P<s>{SEASON})|(?P<s2>{SEASON})"
                   rf"(?=\s+(?:de\s+|d')?(?:l'année\s+)?(?:19|20)\d\d))\b"
                   rf"(?:{OF_YEAR}(?:\s*[-/]\s*{YEAR})?|\s+(?P<rel>dernier|passé|précédent))?", _season),
    Rule("quarter", rf"(?P<ord>premier|1er|deuxième|second|2e|2ème|troisième|3e|3ème|quatrième|4e"
                    rf"|4ème|dernier)\s+trimestre\b{OF_YEAR}?", _quarter),
    Rule("semester", rf"(?P<ord>premier|1er|second|deuxième|2e|2ème|dernier)\s+semestre\b{OF_YEAR}?",
         _semester),
    Rule("fortnight", rf"(?P<ord>première|1re|1ère|seconde|deuxième|2e|dernière)\s+quinzaine\s+"
                      rf"(?:de\s+|d')(?P<m>{MONTH})(?:\s+(?P<y>{YEAR}))?", _fortnight),
    Rule("week_of_month", rf"(?P<ord>première|1re|1ère|deuxième|2e|seconde|troisième|3e|quatrième"
                          rf"|4e|dernière)\s+semaine\s+(?:de\s+|d')(?P<m>{MONTH})(?:\s+(?P<y>{YEAR}))?",
         _week_of_month),
    Rule("months_of_year", rf"(?P<n>{COUNT})\s+(?P<which>premiers|derniers)\s+mois\s+de\s+"
                           rf"(?:l'année(?:\s+(?P<y>{YEAR}))?|(?P<y2>{YEAR}))", _months_of_year),
    Rule("part_of_month", rf"{PART}(?:(?:du\s+mois\s+)?(?:de\s+|d'))?(?P<m>{MONTH})"
                          rf"(?:\s+(?P<y>{YEAR}))?", _part_of_month),
    Rule("part_of_numbered_year", rf"{PART}(?:(?:de\s+)?l'année\s+)?(?P<y>{YEAR})",
         _part_of_numbered_year),
    Rule("part_of_this_year", r"(?P<part>début|fin|milieu)\s+(?:de\s+l'|d')année\b"
                              r"(?:\s+(?P<rel>dernière|précédente|passée|en\s+cours))?",
         _part_of_this_year),
    Rule("numeric_date", rf"(?P<d>{DAY})[/.](?P<m>0?[1-9]|1[0-2])[/.](?P<y>{YEAR})", _numeric_date),
    # « 16/12 » in a chronology: two digits each, so that « 1/3 » stays a fraction.
    Rule("numeric_day_month", r"(?P<d>[0-3]\d)/(?P<m>0[1-9]|1[0-2])(?![/\d])", _numeric_day_month),
    Rule("day_month", rf"(?:(?P<wd>{WEEKDAY})\s+)?(?P<d>{DAY})\s+(?P<m>{MONTH})(?:\s+(?P<y>{YEAR}))?",
         _day_month),
    Rule("month_year", rf"(?P<m>{MONTH})\s+(?P<y>{YEAR})", _month_year),
    # « lancée en août de l'année dernière », « en mars de cette année »
    Rule("month_of_last_year", rf"(?P<m>{MONTH})\s+(?:de\s+|d')?(?:l'(?:année|an)\s+(?P<last>dernière?"
                               r"|passée?|précédente?)|cette\s+année)", _month_of_a_year_told),
    # « Le 11, il précisait … », « Dans la nuit du 8, … »: a day alone, its month told before
    Rule("bare_day", rf"(?:le|du)\s+(?P<d>{DAY})(?=\s*[,;:])", _bare_day),
    Rule("chronology_day", rf"(?P<d>{DAY})(?=[ ]*:\s)", _chronology_day),
    # « neuf mois après l'incursion » counts from that event, not from the last date told
    Rule("later", rf"(?P<n>{COUNT})\s+(?P<unit>jours?|semaines?|mois)\s+(?P<dir>plus\s+tard"
                  r"|(?:après|avant)(?!\s+(?:l'|les?\b|la\b|leurs?\b|son\b|sa\b|ses\b|une?\b|des\b|du\b"
                  r"|de\b|d'|que\b|qu'|cette\b|ce\b|cet\b))|auparavant|plus\s+tôt)\b", _later),
    Rule("next_day", r"le\s+lendemain|la\s+veille|le\s+(?:jour|soir|matin)\s+même|le\s+même\s+jour"
                     r"|ce\s+jour-là|ce\s+même\s+jour|l'avant-veille|le\s+surlendemain"
                     r"|quelques\s+heures\s+plus\s+(?:tôt|tard)", _next_day),
    Rule("ago", rf"il\s+y\s+a\s+(?P<n>{COUNT})\s+(?P<unit>jours?|semaines?|mois|ans|années?)\b", _ago),
    Rule("last_month", r"(?:le\s+)?mois\s+(?:dernier|précédent|passé)", _last_month),
    Rule("this_month", r"ce\s+mois-ci|ce\s+mois\b", _this_month),
    Rule("last_year", r"l'(?:année|an)\s+(?:dernier|dernière|passée?|précédente?)", _last_year),
    Rule("this_year", r"cette\s+année", _this_year),
    Rule("last_week", r"(?:la\s+)?semaine\s+(?:dernière|passée|écoulée|précédente)", _last_week),
    Rule("this_week", r"cette\s+semaine", _this_week),
    Rule("yesterday", r"avant-hier|hier|aujourd'hui", _yesterday),
    Rule("weekday", rf"(?P<wd>{WEEKDAY})\b(?!\s+\d)", _weekday),
    Rule("weekend", r"(?:le|ce)\s+week-end\s+(?:suivant|d'après)", _weekend),
    Rule("month_alone", rf"(?P<m>{MONTH})", _month_alone),
    Rule("year_alone", rf"(?P<the_year>l'année\s+)?(?P<y>{YEAR})", _year_alone),
], before=r"(?:^|(?<=[^\w'-]))", after=r"(?![\w-])")


_ANCHOR_DIGITS_BEFORE = (rf"(?=(?:er|re|ère)?\s*(?:[/.]\d|{MONTH_NAMES}|{MONTH_SHORT}|jours?|semaines?"
                         r"|mois|ans|années?|et\s+(?:le\s+)?\d|au\s+\d|[-–]\d))")
_ANCHOR_WORDS = (f"{MONTH_NAMES}|{MONTH_SHORT}|printemps|été|automne|hiver|trimestre|semestre"
                 r"|quinzaine|semaines?|mois|années?|ans?|lundi|mardi|mercredi|jeudi|vendredi|samedi"
                 r"|dimanche|hier|avant-hier|aujourd'hui|lendemain|veille|jours?|surlendemain"
                 r"|avant-veille|premiers|derniers|première|seconde|deuxième|jour-là|même"
                 r"|week-end|heures").split("|")


def _digit_anchor(digit: str) -> str:
    """A run of digits that a date can hold, led by `digit`: a year 19xx/20xx, or a day or
    count before a month, a unit of time, another day or a slash; « 1re », « 1ère »."""
    branches = {"1": [r"9\d\d(?!\d)"], "2": [r"0\d\d(?!\d)"]}.get(digit, [])
    branches.append(rf"\d*+{_ANCHOR_DIGITS_BEFORE}")
    # « Le 11, … », « la nuit du 8, … »: a day alone (see the rule bare_day)
    branches.append(r"(?<=\b(?:le|du)\s\d)\d?(?=\s*[,;:])")
    # « - 16 : … »: a day opening a line of a chronology (see the rule chronology_day)
    branches.append(r"\d?(?=[ ]*:\s)")
    if digit == "1":
        branches.append(r"(?<!\w.)(?:re|ère)(?![\w-])")
    return digit + r"(?<!\d.)(?:" + "|".join(branches) + ")"


# Every date holds one of these; rules are tried only in the few words before one.
# A number is an anchor only where a date can hold it: a year, or before a month, a
# unit of time, another day (« du 3 au 7 mars ») or a slash (« 12/03/2025 »). A run of
# digits is read once (possessive `*+`): a megabyte of digits stays linear. Every
# branch opens with a literal character, so the scan skips ahead to those alone.
ANCHOR = re.compile("|".join([_digit_anchor(d) for d in "0123456789"]) + "|"
                    + by_first_character([w + r"(?![\w-])" for w in _ANCHOR_WORDS], r"(?<!\w.)"))
REACH = 20


def find_dates(scan: str, today: dt.date, source: str | None = None,
               datelines: list[tuple[int, int]] = ()) -> list[DateMention]:
    """Every date expression of the lower-case scan copy, in reading order; relative ones
    count from the one before, weekdays from the last dateline (spans in `datelines`)
    or the briefing date. `when.text` is cut from `source` (the cased scan copy)."""
    source = scan if source is None else source
    found: list[DateMention] = []
    last: When | None = None
    last_day: When | None = None
    filed: dt.date | None = None
    told_day: dt.date | None = None
    story_day: dt.date | None = None
    line_day: When | None = None
    for hit in DATE_RULES.find_near(scan, ANCHOR, REACH):
        prefix = _PREFIX.search(scan, max(0, hit.start - 30), hit.start)
        since, prep = prefix.group("since"), prefix.group("prep") or ""
        # « d'ici décembre », « prévue pour l'automne »: ahead.
        ahead = prep.startswith("d'ici") or prep == "pour" and bool(
            _PLANNED.search(scan, max(0, prefix.start() - 30), prefix.start()))
        ctx = _Context(today, last, ahead, bool(since or prep),
                       filed, last_day,
                       told_day, story_day, line_day)
        try:
            interval = hit.rule.value(hit, ctx)
        except (ValueError, OverflowError):
            interval = None          # « le 31 février », « il y a 5000 ans »
        if interval is None:
            continue
        start, end, precision = interval
        # « depuis mars », « dès le 10 mars »: from then until the briefing; but « dès le
        # mercredi » in a story is that day (« as early as »).
        if since and start <= today and not (hit.rule.name == "weekday" and since.startswith("dès")):
            end, precision = today, "range"
        text = " ".join(source[prefix.start():hit.end].split())
        when = When(start, end, precision, text)
        found.append(DateMention(prefix.start(), hit.end, when, hit.rule.name))
        last = when
        if precision == "day":
            last_day = when
        if precision in ("day", "month") and opens_line(scan, prefix.start()):
            line_day = when
        in_dateline = bool(datelines) and any(s <= hit.start < e for s, e in datelines)
        if precision == "day" and start <= today and in_dateline:
            filed = start
        elif precision == "day" and start <= today and hit.rule.name != "weekday" or \
                hit.rule.name == "weekday" and told_day is not None:
            told_day = start
            # « Le lundi 3 mars … Jeudi, … »: a bare weekday goes on from a day told with
            # its weekday or told recently; « signé le 19 juin » months before the briefing
            # is background, and « Mercredi » after it is the briefing's week.
            story_day = start if hit.rule.name == "weekday" or (today - start).days <= STORY_DAYS \
                or _WEEKDAY_NAMED.search(text.lower()) else None
    return found


def parse_when(text: str, today: dt.date) -> When | None:
    """The interval of one date expression (used by annotations), or None."""
    from sitrep.extract.text import lower_copy, scan_copy
    scan = scan_copy(text)
    mentions = find_dates(lower_copy(scan), today, scan)
    return mentions[0].when if len(mentions) == 1 else None


def corpus_parse(text: str, today: dt.date, gazetteer=None) -> list[dict]:
    from sitrep.extract.text import lower_copy, scan_copy
    scan = scan_copy(text)
    return [{**m.when.to_json(), "rule": m.rule} for m in find_dates(lower_copy(scan), today, scan)]
