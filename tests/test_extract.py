"""Extraction of the seed briefing (the worked example of FACTS.md), ids, schema, annotations."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import jsonschema
import pytest

from sitrep.content import parse_briefing
from sitrep.errors import SitrepError
from sitrep.extract import extract, extract_facts
from sitrep.extract.table import format_table
from sitrep.facts_json import facts_document, load_schema
from sitrep.gazetteer import load_gazetteer

PROJECT = Path(__file__).resolve().parents[1]
SEED = PROJECT / "content" / "briefings" / "2025-06-15-koursk-pertes-nord-coreennes.fr.md"
SEED_TEXT = SEED.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def gazetteer():
    return load_gazetteer(PROJECT / "content" / "gazetteer")


def briefing_from(text: str, name: str = "2025-06-15-essai.fr.md"):
    return parse_briefing(Path(name), text, name.split(".")[0], "fr")


@pytest.fixture(scope="module")
def seed_facts(gazetteer):
    return extract_facts(briefing_from(SEED_TEXT, SEED.name), gazetteer)


def only(facts, **fields):
    found = [f for f in facts if all(getattr(f, k) == v for k, v in fields.items())]
    assert len(found) == 1, f"{fields}: {[f.to_json() for f in facts]}"
    return found[0]


def interval(fact):
    return fact.when.start.isoformat(), fact.when.end.isoformat(), fact.when.precision


def test_casualties_more_than_6000_stated_twice(seed_facts):
    fact = only(seed_facts, kind="casualties", category="total", actor="KP")
    assert fact.quantity.to_json() == {"value": 6000, "low": 6000, "high": None,
                                       "qualifier": "more_than"}
    assert interval(fact) == ("2025-06-15", "2025-06-15", "day") and fact.when.text is None
    assert (fact.location, fact.source) == ("RU-KRS", "uk-defence-intelligence")
    assert len(fact.evidence) == 2
    assert fact.evidence[0].text.startswith("Les pertes nord-coréennes ont dépassé les 6.000")
    assert "le nombre de victimes nord-coréennes a dépassé les 6.000" in fact.evidence[1].text


def test_deployment_of_about_11000_in_autumn(seed_facts):
    fact = only(seed_facts, kind="deployment", category="deployed", actor="KP")
    assert (fact.quantity.value, fact.quantity.qualifier) == (11000, "approx")
    assert (fact.quantity.low, fact.quantity.high) == (None, None)
    assert interval(fact) == ("2024-09-01", "2024-11-30", "season")
    assert fact.when.text == "à l'automne 2024"
    assert (fact.location, fact.source) == ("RU-KRS", "uk-defence-intelligence")


def test_reinforcement_of_about_3000_between_january_and_february(seed_facts):
    fact = only(seed_facts, kind="deployment", category="reinforcement", actor="KP")
    assert (fact.quantity.value, fact.quantity.qualifier) == (3000, "approx")
    assert interval(fact) == ("2025-01-01", "2025-02-28", "range")
    assert (fact.location, fact.source) == ("RU", "kr-jcs")
    assert len(fact.evidence) == 2


@pytest.mark.parametrize("category,actor,when", [
    ("confirmation", "RU", ("2025-04-01", "2025-04-30", "month")),
    ("incursion", "UA", ("2024-08-01", "2024-08-31", "month")),
    ("counteroffensive", "RU", ("2025-03-01", "2025-03-10", "part_of_month")),
])
def test_dated_events(seed_facts, category, actor, when):
    fact = only(seed_facts, kind="event", category=category, actor=actor)
    assert interval(fact) == when
    assert fact.quantity is None
    assert fact.location == "RU-KRS"
    assert fact.source is None


def test_evidence_is_the_body_text_at_its_offsets(seed_facts):
    body = briefing_from(SEED_TEXT, SEED.name).body
    for fact in seed_facts:
        assert fact.evidence and fact.rule
        for span in fact.evidence:
            assert span.text == body[span.start:span.end]
            assert span.text == span.text.strip() and not span.text.startswith(("-", "#"))


def test_the_half_is_not_a_count(seed_facts):
    assert not any(f.quantity and f.quantity.value in (5500, 6000) and f.kind == "deployment"
                   for f in seed_facts)


def test_ids_are_unique_and_survive_unrelated_edits(seed_facts, gazetteer):
    ids = [f.id for f in seed_facts]
    assert len(ids) == len(set(ids))
    edited = SEED_TEXT.replace(
        "## Principaux renseignements",
        "Note de la rédaction : ce texte a été relu.\n\n## Principaux renseignements"
    ).replace("Le taux élevé de pertes est attribué", "Ce taux élevé de pertes serait dû")
    assert edited != SEED_TEXT
    again = extract_facts(briefing_from(edited, SEED.name), gazetteer)
    assert [f.id for f in again] == ids
    assert only(seed_facts, kind="casualties").id == "casualties-total-kp-over-6000"


def test_json_validates_against_the_schema(gazetteer):
    report = extract(briefing_from(SEED_TEXT, SEED.name), gazetteer)
    document = facts_document([report])
    jsonschema.validate(document, load_schema())
    assert document["briefings"][0]["facts"]


def test_table_shows_each_fact_and_its_words(gazetteer):
    table = format_table([extract(briefing_from(SEED_TEXT, SEED.name), gazetteer)])
    assert "casualties | total | KP | more_than 6000" in table
    assert "« Les pertes nord-coréennes ont dépassé les 6.000" in table


# Annotations

def annotated(annotations: str) -> str:
    header, body = SEED_TEXT.split("\n---\n", 1)
    return f"{header}\nfacts:\n{annotations}\n---\n{body}"


def test_set_overrides_fields_of_the_fact_stated_there(gazetteer):
    text = annotated('  - quote: "Les pertes nord-coréennes ont dépassé les 6.000"\n'
                     '    set: {confidence: highly_likely, when: "2025-06-10"}')
    fact = only(extract_facts(briefing_from(text), gazetteer), kind="casualties")
    assert fact.confidence == "highly_likely"
    assert interval(fact) == ("2025-06-10", "2025-06-10", "day")
    assert fact.rule != "annotation"


def test_set_can_change_the_quantity_and_the_id_follows(gazetteer):
    text = annotated('  - quote: "Les pertes nord-coréennes ont dépassé les 6.000"\n'
                     '    set: {quantity: {value: 6500, qualifier: approx}}')
    fact = only(extract_facts(briefing_from(text), gazetteer), kind="casualties")
    assert fact.quantity.to_json() == {"value": 6500, "low": None, "high": None, "qualifier": "approx"}
    assert fact.id == "casualties-total-kp-about-6500"


def test_drop_removes_the_facts_stated_there_only(gazetteer):
    text = annotated('  - quote: "lorsque l’Ukraine a lancé une incursion"\n    drop: true\n'
                     '  - quote: "de petits renforts pour compenser"\n    drop: true')
    facts = extract_facts(briefing_from(text), gazetteer)
    assert not [f for f in facts if f.category == "incursion"]
    only(facts, category="reinforcement")          # stated in another clause: kept


def test_add_makes_a_fact_with_the_quote_as_evidence(gazetteer):
    quote = "Pyongyang fournit à Moscou des obus d’artillerie"
    text = annotated(f'  - quote: "{quote}"\n'
                     '    add: {kind: event, category: agreement, actor: KP, location: pyongyang, '
                     'when: "début juin 2025", source: kr-nis}')
    briefing = briefing_from(text)
    fact = only(extract_facts(briefing, gazetteer), rule="annotation")
    assert (fact.kind, fact.category, fact.actor, fact.source) == ("event", "agreement", "KP", "kr-nis")
    assert (fact.location, fact.place) == ("KP", "pyongyang")
    assert interval(fact) == ("2025-06-01", "2025-06-10", "part_of_month")
    assert [s.text for s in fact.evidence] == [quote]
    assert briefing.body[fact.evidence[0].start:fact.evidence[0].end] == quote


@pytest.mark.parametrize("annotation,message", [
    ('set: {colour: red}', "unknown fact field 'colour'"),
    ('set: {kind: rumour}', "unknown kind 'rumour'"),
    ('set: {category: visit}', "category 'visit' is not one of kind 'casualties'"),
    ('set: {quantity: {value: 10, qualifier: roughly}}', "unknown qualifier 'roughly'"),
    ('set: {quantity: -5}', "a count must be a whole number"),
    ('set: {confidence: sure}', "unknown confidence 'sure'"),
    ('set: {when: "le jamais"}', "cannot read the date"),
    ('set: {actor: XX}', "unknown actor 'XX'"),
    ('set: {location: Atlantis}', "unknown place 'Atlantis'"),
    ('set: {source: rumour-mill}', "unknown source 'rumour-mill'"),
    ('add: {kind: event}', "'add' needs at least 'kind' and 'category'"),
])
def test_bad_annotation_values_are_located_errors(gazetteer, annotation, message):
    text = annotated(f'  - quote: "Les pertes nord-coréennes ont dépassé les 6.000"\n    {annotation}')
    briefing = briefing_from(text)
    with pytest.raises(SitrepError) as error:
        extract_facts(briefing, gazetteer)
    assert message in error.value.message
    assert error.value.path == str(briefing.path)
    assert error.value.line == 7           # the annotation's line in the file


def test_set_with_no_fact_at_the_quote_is_an_error(gazetteer):
    text = annotated('  - quote: "Le taux élevé de pertes est attribué"\n    set: {confidence: likely}')
    with pytest.raises(SitrepError, match="no fact found at"):
        extract_facts(briefing_from(text), gazetteer)


def test_casualty_without_a_date_is_as_of_the_briefing(gazetteer):
    text = "---\ntitle: t\ndate: 2025-01-20\n---\nPlus de 500 soldats nord-coréens ont été tués.\n"
    fact = only(extract_facts(briefing_from(text, "2025-01-20-t.fr.md"), gazetteer), kind="casualties")
    assert (fact.when.start, fact.when.precision, fact.when.text) == (dt.date(2025, 1, 20), "day", None)


def test_a_count_named_again_with_a_definite_article_is_counted_once(gazetteer):
    text = ("---\ntitle: Prisonniers\ndate: 2025-01-15\n---\n"
            "Deux soldats nord-coréens ont été capturés le 9 janvier par les forces ukrainiennes. "
            "Kiev propose d'échanger les deux prisonniers contre des soldats ukrainiens. "
            "Les deux soldats nord-coréens sont détenus à Kiev.\n")
    facts = extract_facts(briefing_from(text, "2025-01-15-essai.fr.md"), gazetteer)
    counted = [f for f in facts if f.kind != "event"]
    assert [(f.category, f.actor, f.quantity.value) for f in counted] == [("captured", "KP", 2)]


def test_a_figure_stated_plainly_and_approximately_is_one_fact(gazetteer):
    """A key point's « 2 700 blessés » and the prose's « quelque 2 700 blessés » are one
    figure told twice: one fact, approximate as the prose says, with both sentences."""
    text = ("---\ntitle: Essai\ndate: 2025-01-13\n---\n"
            "- Le NIS compte 2 700 blessés nord-coréens.\n\n"
            "Le NIS a indiqué hier que quelque 2 700 soldats nord-coréens avaient été blessés.\n")
    wounded = [f for f in extract_facts(briefing_from(text), gazetteer)
               if f.category == "wounded"]
    assert len(wounded) == 1
    assert (wounded[0].quantity.value, wounded[0].quantity.qualifier) == (2700, "approx")
    assert len(wounded[0].evidence) == 2
