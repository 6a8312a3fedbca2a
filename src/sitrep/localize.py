"""Numbers, dates, date intervals and quantities in words, per locale, with Babel.

The locale is always passed explicitly; `setlocale` is never called.

>>> import datetime as dt
>>> from babel.support import NullTranslations
>>> Localizer("fr", NullTranslations()).number(6000) == "6\\u202f000"
True
>>> Localizer("en", NullTranslations()).number(6000)
'6,000'
"""

from __future__ import annotations

import calendar
import datetime as dt

from babel import Locale
from babel.dates import format_date, format_interval
from babel.numbers import format_decimal
from babel.support import NullTranslations, Translations

from sitrep.model import Quantity, When


def N_(message: str) -> str:
    """Mark a message for extraction; it is translated where it is used."""
    return message


QUALIFIER_PHRASES = {
    "exact": N_("%(n)s"),
    "approx": N_("about %(n)s"),
    "more_than": N_("more than %(n)s"),
    "at_least": N_("at least %(n)s"),
    "less_than": N_("less than %(n)s"),
    "at_most": N_("at most %(n)s"),
}
RANGE_PHRASE = N_("between %(low)s and %(high)s")
SEASONS = {3: N_("spring %(year)s"), 6: N_("summer %(year)s"), 9: N_("autumn %(year)s"),
           12: N_("winter %(years)s")}
PART_OF_MONTH = {1: N_("early %(month)s"), 11: N_("mid-%(month)s"), 21: N_("late %(month)s")}
PART_OF_YEAR = {1: N_("early %(year)s"), 5: N_("mid-%(year)s"), 9: N_("late %(year)s")}
SINCE_PHRASE = N_("since %(date)s")


def is_month_start(day: dt.date) -> bool:
    return day.day == 1


def is_month_end(day: dt.date) -> bool:
    return day.day == calendar.monthrange(day.year, day.month)[1]


class Localizer:
    """Formats numbers, dates and quantities for one locale, and translates messages."""

    def __init__(self, lang: str, translations: Translations | NullTranslations):
        self.lang = lang
        # A parsed Locale, not a string: Babel would parse the string on every call.
        self.locale = Locale.parse(lang)
        self.translations = translations
        self._cache: dict[tuple, str] = {}

    def _cached(self, key: tuple, make) -> str:
        """Formatting is pure, and the same dates and figures recur on many pages."""
        try:
            return self._cache[key]
        except KeyError:
            value = self._cache[key] = make()
            return value

    def gettext(self, message: str) -> str:
        return self.translations.gettext(message)

    def number(self, value: int | float) -> str:
        return self._cached(("n", value), lambda: format_decimal(value, locale=self.locale))

    def date(self, day: dt.date, form: str = "long") -> str:
        return self._cached(("d", day, form), lambda: self._date(day, form))

    def _date(self, day: dt.date, form: str) -> str:
        text = format_date(day, form, locale=self.locale)
        # French writes the first of the month as an ordinal (« 1er mai »); CLDR does not.
        if self.lang == "fr" and day.day == 1 and text.startswith("1 "):
            text = "1er" + text[1:]
        return text

    def month(self, day: dt.date) -> str:
        return self.date(day, "LLLL y")

    def quantity(self, quantity: Quantity | None) -> str:
        """« plus de 6 000 », "more than 6,000"; ranges as « entre … et … »."""
        if quantity is None:
            return ""
        if quantity.qualifier == "range" or quantity.value is None:
            low = self.number(quantity.low) if quantity.low is not None else "?"
            high = self.number(quantity.high) if quantity.high is not None else "?"
            return self.gettext(RANGE_PHRASE) % {"low": low, "high": high}
        phrase = self.gettext(QUALIFIER_PHRASES.get(quantity.qualifier, "%(n)s"))
        return phrase % {"n": self.number(quantity.value)}

    def when(self, when: When | None) -> str:
        """An interval in words at its precision: « début mars 2025 », "autumn 2024"."""
        if when is None:
            return ""
        return self._cached(("w", when.start, when.end, when.precision),
                            lambda: self._when(when))

    def _when(self, when: When) -> str:
        start, end = when.start, when.end
        if start == end:
            return self.date(start)
        if when.precision == "year" and start.month == 1 and end.month == 12:
            return str(start.year) if start.year == end.year else f"{start.year}–{end.year}"
        if when.precision == "season" and start.month in SEASONS:
            years = str(start.year) if start.month != 12 else f"{start.year}-{end.year}"
            return self.gettext(SEASONS[start.month]) % {"year": start.year, "years": years}
        if when.precision == "part_of_month" and start.day in PART_OF_MONTH \
                and start.month == end.month:
            return self.gettext(PART_OF_MONTH[start.day]) % {"month": self.month(start)}
        if when.precision == "part_of_year" and start.month in PART_OF_YEAR \
                and start.year == end.year and start.day == 1 and is_month_end(end):
            return self.gettext(PART_OF_YEAR[start.month]) % {"year": start.year}
        if is_month_start(start) and is_month_end(end):
            if (start.year, start.month) == (end.year, end.month):
                return self.month(start)
            return format_interval(start, end, "yMMMM", locale=self.locale)
        return format_interval(start, end, "yMMMMd", locale=self.locale)

    def since(self, when: When) -> str:
        return self.gettext(SINCE_PHRASE) % {"date": self.date(when.start)}
