"""Any text yields facts or nothing, never an exception, and in time linear in its length."""

from __future__ import annotations

import datetime as dt
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sitrep.extract import read_drafts
from sitrep.extract.facts import to_facts
from sitrep.gazetteer import load_gazetteer

PROJECT = Path(__file__).resolve().parents[1]
GAZETTEER = load_gazetteer(PROJECT / "content" / "gazetteer")
TODAY = dt.date(2025, 6, 15)

# Pieces of briefing French, so that random texts reach the rules and not only the edges.
PIECES = ["Le 12 mars", "début mars", "mi-", "l'automne 2024", "depuis", "entre", "et", "à", "de",
          "plus de", "environ", "quelque", "au moins", "6.000", "6 000", "6\u202f000", "1,5", "4,800",
          "trois mille", "vingt et un", "un millier", "une dizaine de milliers", "soldats",
          "nord-coréens", "Nord-Coréens", "russes", "pertes", "tués", "blessés", "capturés",
          "déployés", "renforts", "supplémentaires", "retirés", "la Russie", "l'Ukraine",
          "Pyongyang", "Moscou", "Kiev", "selon", "le NIS", "a confirmé", "a repris", "Soudja",
          "la région", "l'oblast de Koursk", "incursion", "contre-offensive", "s'est rendu à",
          "très probablement", "%", "km", "Su-34", "155e", "1er", "le lendemain", "deux jours plus tard",
          ",", ".", ";", ":", "—", "(", ")", "\n", "\n\n", "- ", "## ", "**", "’", "«", "»"]


def facts_of(text: str):
    facts = to_facts(read_drafts(text, TODAY, GAZETTEER), text)
    for fact in facts:
        assert fact.evidence
        for span in fact.evidence:
            assert 0 <= span.start < span.end <= len(text)
            assert span.text == text[span.start:span.end]
        if fact.when is not None:
            assert fact.when.start <= fact.when.end
    return facts


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=400))
def test_any_unicode_text(text):
    facts_of(text)


@settings(max_examples=80, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=40).map(" ".join))
def test_any_sequence_of_briefing_words(text):
    facts_of(text)


@settings(max_examples=30, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=25).map("".join))
def test_briefing_words_without_spaces(text):
    facts_of(text)


def _seconds(text: str) -> float:
    start = time.perf_counter()
    facts_of(text)
    return time.perf_counter() - start


def test_a_megabyte_of_digits_is_read_fast():
    assert _seconds("1" * 1_000_000) < 5


@pytest.mark.parametrize("unit", ["1 ", "1.", "12 000 ", "a", "é-", "de ", "2024 ", "-1"])
def test_long_runs_of_one_pattern(unit):
    text = unit * (100_000 // len(unit))
    assert _seconds(text) < 5


def test_deeply_nested_markdown():
    text = ("> " * 500 + "- " * 500 + "[" * 2000 + "(" * 2000 + "**" * 1000 + "\n") * 5 \
        + "Le 12 mars, plus de 6 000 soldats nord-coréens ont été tués." + ")" * 3000
    facts = facts_of(text)
    assert any(f.kind == "casualties" and f.quantity.value == 6000 for f in facts)


def test_time_grows_linearly_with_length():
    """A complexity guard, not a speed test: 4x the text takes about 4x the time (5x on
    this machine), never 16x. Each size is timed three times and the fastest kept, so a
    busy machine (the suite runs builds on every core) does not make it fail."""
    sentence = "Le 12 mars, environ 3 000 soldats nord-coréens ont été déployés dans l'oblast de Koursk. "
    small, large = sentence * 300, sentence * 1200
    _seconds(small)
    ratio = min(_seconds(large) for _ in range(3)) / max(min(_seconds(small) for _ in range(3)),
                                                         1e-6)
    assert ratio < 8, ratio


# The rule sets that scan with a finder (the first characters of every rule, spelt out)
# must give exactly what their full alternation gives, wherever the scan starts and ends.
FINDER_PIECES = PIECES + ["a perdu", "ont été tués", "se sont rendus", "se trouvent", "a visité",
                          "d'accord", "traités", "envoyé", "envoi", "la contre-offensive",
                          "l'offensive", "ont repris le village de Soudja", "retraits", "sub"]


@pytest.mark.parametrize("rules", ["counts.CUE_RULES", "events.EVENT_RULES"])
@settings(max_examples=120, deadline=None)
@given(text=st.lists(st.sampled_from(FINDER_PIECES), max_size=30).map(" ".join).map(str.lower),
       bounds=st.tuples(st.integers(0, 300), st.integers(0, 300)))
def test_finder_finds_what_the_alternation_finds(rules, text, bounds):
    import importlib
    module, name = rules.split(".")
    rule_set = getattr(importlib.import_module(f"sitrep.extract.{module}"), name)
    rule_set.prepare()
    assert rule_set._finder is not None          # the finder is in use for these rules
    whole = [(m.lastgroup, m.span()) for m in rule_set.regex.finditer(text)]
    assert [(h.rule.name, h.match.span()) for h in rule_set.finditer(text)] == whole
    start, end = sorted(bounds)
    within = [(m.lastgroup, m.span()) for m in rule_set.regex.finditer(text, start, len(text))
              if m.start() < end]
    assert [(h.rule.name, h.match.span()) for h in rule_set.finditer_within(text, start, end)] \
        == within


# The gazetteer's names are found by a scan led by the character before each name: it must
# find exactly what the alternation of the names finds, names side by side included.
@settings(max_examples=150, deadline=None)
@given(pieces=st.lists(st.sampled_from(PIECES + ["koursk (ville)", "(isw)", "russes-", "-", "kiev",
                                                 "ukrainien", "sud-coréen", "nis", "troupes",
                                                 "les forces russes"]), max_size=30),
       separator=st.sampled_from(["", " ", "  "]))
def test_name_scan_finds_what_the_alternation_finds(pieces, separator):
    from sitrep.extract.entities import entity_matcher
    text = separator.join(pieces).lower()
    matcher = entity_matcher(GAZETTEER)
    for kind in ("actors", "places", "sources"):
        assert matcher.spans(kind, text) == [m.span() for m in matcher.regex[kind].finditer(text)]
    # So is a noun of people before an adjective, sought from the character before it.
    from sitrep.extract.entities import _ATTACHED_TO, is_attached
    for start in range(len(text) + 1):
        assert is_attached(text, start) == bool(_ATTACHED_TO.search(text, max(0, start - 60), start))


# Rules tried only before anchors, at the words that a regex skips ahead to, must give
# what trying every word before each anchor gives.
@pytest.mark.parametrize("dimension", ["numbers", "dates", "confidence"])
@settings(max_examples=120, deadline=None)
@given(pieces=st.lists(st.sampled_from(PIECES + ["très peu probable", "il y a 3 jours", "+33 6",
                                                 "~ 40", "12/03/2025", "3 000 à 4 000", "1re"]),
                       max_size=30),
       separator=st.sampled_from(["", " ", "  "]))
def test_skipping_ahead_finds_what_every_word_finds(dimension, pieces, separator):
    from sitrep.extract import confidence, dates, numbers
    rule_set, anchors, reach = {
        "numbers": (numbers.QUANTITY_RULES, numbers.ANCHOR, numbers.REACH),
        "dates": (dates.DATE_RULES, dates.ANCHOR, dates.REACH),
        "confidence": (confidence.CONFIDENCE_RULES, confidence._STEMS, confidence._REACH)}[dimension]
    rule_set.prepare()
    assert rule_set._word_finders is not None      # the words are skipped ahead to
    text = separator.join(pieces).lower()
    def hits(skip_ahead):
        return [(hit.rule.name, hit.match.span())
                for hit in rule_set.find_near(text, anchors, reach, skip_ahead=skip_ahead)]
    assert hits(True) == hits(False)
