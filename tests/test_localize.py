"""Numbers, dates and intervals per locale (Babel, explicit locale, catalog words)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from sitrep.i18n import load_translations
from sitrep.localize import Localizer
from sitrep.model import Quantity, When

TEMPLATES = Path(__file__).resolve().parents[1] / "templates"
NNBSP = "\u202f"


@pytest.fixture(scope="module")
def fr():
    return Localizer("fr", load_translations(TEMPLATES, "fr"))


@pytest.fixture(scope="module")
def en():
    return Localizer("en", load_translations(TEMPLATES, "en"))


def d(text: str) -> dt.date:
    return dt.date.fromisoformat(text)


@pytest.mark.parametrize("quantity, french, english", [
    (Quantity(6000, 6000, None, "more_than"), f"plus de 6{NNBSP}000", "more than 6,000"),
    (Quantity(3000, None, None, "approx"), f"environ 3{NNBSP}000", "about 3,000"),
    (Quantity(None, 10000, 12000, "range"), f"entre 10{NNBSP}000 et 12{NNBSP}000",
     "between 10,000 and 12,000"),
    (Quantity(1000, None, 1000, "less_than"), f"moins de 1{NNBSP}000", "less than 1,000"),
    (Quantity(500, 500, None, "at_least"), "au moins 500", "at least 500"),
    (Quantity(12, 12, 12, "exact"), "12", "12"),
])
def test_quantities(fr, en, quantity, french, english):
    assert fr.quantity(quantity) == french
    assert en.quantity(quantity) == english


@pytest.mark.parametrize("when, french, english", [
    (When(d("2024-09-01"), d("2024-11-30"), "season"), "automne 2024", "autumn 2024"),
    (When(d("2024-12-01"), d("2025-02-28"), "season"), "hiver 2024-2025", "winter 2024-2025"),
    (When(d("2025-03-01"), d("2025-03-10"), "part_of_month"), "début mars 2025", "early March 2025"),
    (When(d("2025-03-11"), d("2025-03-20"), "part_of_month"), "mi-mars 2025", "mid-March 2025"),
    (When(d("2025-02-21"), d("2025-02-28"), "part_of_month"), "fin février 2025", "late February 2025"),
    (When(d("2025-01-01"), d("2025-04-30"), "part_of_year"), "début 2025", "early 2025"),
    (When(d("2025-04-01"), d("2025-04-30"), "month"), "avril 2025", "April 2025"),
    (When(d("2024-01-01"), d("2024-12-31"), "year"), "2024", "2024"),
    (When(d("2025-06-15"), d("2025-06-15"), "day"), "15 juin 2025", "June 15, 2025"),
    (When(d("2025-01-01"), d("2025-02-28"), "range"), "janvier\u2009–\u2009février 2025",
     "January\u2009–\u2009February 2025"),
])
def test_intervals(fr, en, when, french, english):
    assert fr.when(when) == french
    assert en.when(when) == english


def test_day_ranges_use_babel_intervals(fr, en):
    when = When(d("2024-10-08"), d("2024-10-13"), "range")
    # CLDR's interval patterns (abbreviated months), as Babel gives them.
    assert fr.when(when) == "8–13 oct. 2024"
    assert en.when(when) == "Oct 8\u2009–\u200913, 2024"


def test_the_first_of_the_month_is_an_ordinal_in_french(fr, en):
    assert fr.date(d("2025-05-01")) == "1er mai 2025"
    assert fr.date(d("2025-05-11")) == "11 mai 2025"
    assert en.date(d("2025-05-01")) == "May 1, 2025"
