"""`sitrep check` warnings: figures that go down, proportions the figures do not support."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from gitrepo import briefing_text, make_project, stub_extract, write_briefing
from sitrep.cli import main
from sitrep.consistency import consistency_warnings, ratio_claims
from sitrep.model import Briefing, Fact, Quantity, Report, Span, When
from sitrep.pair import pair


def casualty(body: str, words: str, quantity: Quantity, when: When | None = None,
             source: str = "uk-defence-intelligence") -> Fact:
    start = body.index(words)
    return Fact(f"casualties-total-kp-{quantity.value or quantity.low}", "casualties", "total",
                "KP", None, quantity, when, source, None,
                [Span(start, start + len(words), words)], "test")


def sitrep(day: str, body: str, facts_of) -> object:
    briefing = Briefing(id=f"{day}-x", language="fr", path=Path(f"content/briefings/{day}-x.fr.md"),
                        date=dt.date.fromisoformat(day), title="x", body=body, body_line=5)
    (result,) = pair([Report(briefing, facts_of(body))], [briefing])
    return result


MORE_6000 = Quantity(6000, 6000, None, "more_than")
MORE_5000 = Quantity(5000, 5000, None, "more_than")
ABOUT_5000 = Quantity(5000, None, None, "approx")


def test_a_figure_below_an_earlier_lower_bound_is_flagged():
    first = sitrep("2025-01-10", "Plus de 6 000 pertes.\n",
                   lambda b: [casualty(b, "Plus de 6 000", MORE_6000)])
    later = sitrep("2025-02-10", "Intro.\n\nEnviron 5 000 pertes.\n",
                   lambda b: [casualty(b, "Environ 5 000", ABOUT_5000)])
    (warning,) = consistency_warnings([later, first])
    assert (warning.path, warning.line) == ("content/briefings/2025-02-10-x.fr.md", 7)
    assert "goes down to 5000" in warning.message and "2025-01-10-x" in warning.message


def test_an_open_ended_or_other_source_figure_is_not_a_contradiction():
    first = sitrep("2025-01-10", "Plus de 6 000 pertes.\n",
                   lambda b: [casualty(b, "Plus de 6 000", MORE_6000)])
    open_ended = sitrep("2025-02-10", "Plus de 5 000 pertes.\n",
                        lambda b: [casualty(b, "Plus de 5 000", MORE_5000)])
    other_source = sitrep("2025-03-10", "Environ 5 000 pertes.\n",
                          lambda b: [casualty(b, "Environ 5 000", ABOUT_5000, source="kr-nis")])
    assert consistency_warnings([first, open_ended, other_source]) == []


def test_an_older_figure_recalled_later_is_ordered_by_its_own_date():
    december = When(dt.date(2024, 12, 1), dt.date(2024, 12, 31), "month", "en décembre")
    body = "Plus de 6 000 pertes aujourd'hui, contre environ 5 000 en décembre.\n"
    recalled = sitrep("2025-02-10", body, lambda b: [
        casualty(b, "Plus de 6 000", MORE_6000),
        casualty(b, "environ 5 000", ABOUT_5000, when=december)])
    assert consistency_warnings([recalled]) == []


@pytest.mark.parametrize("text, comparator, fraction, total", [
    ("plus de la moitié des quelque 11.000 soldats", "more", 1 / 2, 11000),
    ("moins du tiers des 12 000 hommes", "less", 1 / 3, 12000),
    ("près des deux tiers des environ 9\u202f000", "about", 2 / 3, 9000),
    ("au moins un quart des 4000", "at_least", 1 / 4, 4000),
])
def test_ratio_claims_are_read(text, comparator, fraction, total):
    (claim,) = ratio_claims(f"Cela représente {text}.")
    assert (claim.comparator, claim.fraction, claim.total) == (comparator, fraction, total)


def test_no_ratio_claim_without_a_figure():
    assert ratio_claims("plus de la moitié des effectifs, le tiers du territoire") == []


@pytest.mark.parametrize("figure, claim, flagged", [
    (MORE_6000, "plus de la moitié des quelque 11 000 soldats", False),
    (MORE_5000, "plus de la moitié des quelque 11 000 soldats", True),
    (ABOUT_5000, "moins de la moitié des 11 000 soldats", False),
    (MORE_6000, "moins du tiers des 11 000 soldats", True),
    (ABOUT_5000, "près de la moitié des 11 000 soldats", False),
    (ABOUT_5000, "près du quart des 11 000 soldats", True),
])
def test_a_ratio_is_checked_against_the_paragraph_figure(figure, claim, flagged):
    words = "Plus de 6 000" if figure is MORE_6000 else "Plus de 5 000" \
        if figure is MORE_5000 else "Environ 5 000"
    body = f"Autre chose.\n\n{words} pertes. Cela représente {claim}.\n"
    report = sitrep("2025-06-15", body, lambda b: [casualty(b, words, figure)])
    warnings = consistency_warnings([report])
    assert bool(warnings) is flagged
    if flagged:
        assert warnings[0].line == 7 and claim.split(" soldats")[0] in warnings[0].message


def test_a_figure_in_another_paragraph_is_not_used():
    body = "Plus de 5 000 pertes.\n\nCela représente plus de la moitié des 11 000 soldats.\n"
    report = sitrep("2025-06-15", body, lambda b: [casualty(b, "Plus de 5 000", MORE_5000)])
    assert consistency_warnings([report]) == []


def test_check_prints_the_warning_with_path_and_line(tmp_path, monkeypatch, capsys):
    monkeypatch.setattr("sitrep.pipeline.extract", stub_extract)
    project = make_project(tmp_path / "project")
    path = write_briefing(project, "2025-06-15-koursk.fr.md", briefing_text(
        "Koursk", "2025-06-15", "Selon Londres, plus de 5 000 pertes KP.\n"
        "Cela représente plus de la moitié des quelque 11 000 soldats.\n"))
    code = main(["check", "--content", str(project / "content")])
    out, err = capsys.readouterr()
    assert code == 0 and "1 warning(s)" in out
    assert f"{path}:6: « plus de la moitié des quelque 11 000 » is not supported" in err
