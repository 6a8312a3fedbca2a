"""Every corpus example beside an extraction rule, as one test case (Duckling-style).

A corpus file `src/sitrep/extract/<dimension>.corpus.yaml` lists `examples` (an `expect`
mapping and the `texts` that must yield it; optionally `exactly: N` results and an
`absent` mapping no result may match) and `negative` texts that must yield nothing. Its
module's `corpus_parse(text, today, gazetteer)` says what a text yields, as dicts. All
examples are read against one fixed briefing date.
"""

from __future__ import annotations

import datetime as dt
import importlib
from pathlib import Path

import pytest
import yaml

import sitrep.extract
from sitrep.gazetteer import load_gazetteer

REFERENCE_DATE = dt.date(2025, 6, 15)
EXTRACT = Path(sitrep.extract.__file__).parent
PROJECT = Path(__file__).resolve().parents[1]
CORPORA = sorted(EXTRACT.glob("*.corpus.yaml"))


def _cases():
    for path in CORPORA:
        dimension = path.name.split(".")[0]
        corpus = yaml.safe_load(path.read_text(encoding="utf-8"))
        for number, example in enumerate(corpus.get("examples", [])):
            for text in example["texts"]:
                yield pytest.param(dimension, text, example, id=f"{dimension}-{number}-{text[:40]}")
        for text in corpus.get("negative", []):
            yield pytest.param(dimension, text, None, id=f"{dimension}-negative-{text[:40]}")


@pytest.fixture(scope="module")
def gazetteer():
    return load_gazetteer(PROJECT / "content" / "gazetteer")


def _plain(value):
    return value.isoformat() if isinstance(value, dt.date) else value


def contains(actual, expected) -> bool:
    """Whether every field of `expected` is in `actual` with the same value (recursively)."""
    if isinstance(expected, dict):
        return isinstance(actual, dict) and all(
            key in actual and contains(actual[key], value) for key, value in expected.items())
    return _plain(actual) == _plain(expected)


def test_every_dimension_has_a_corpus():
    assert {p.name.split(".")[0] for p in CORPORA} >= {
        "numbers", "dates", "entities", "confidence", "counts", "events"}


@pytest.mark.parametrize("dimension,text,example", list(_cases()))
def test_corpus_example(dimension, text, example, gazetteer):
    module = importlib.import_module(f"sitrep.extract.{dimension}")
    found = module.corpus_parse(text, REFERENCE_DATE, gazetteer)
    if example is None:
        assert found == [], f"«{text}» should yield nothing"
        return
    assert any(contains(result, example["expect"]) for result in found), \
        f"«{text}» yields {found}, none with {example['expect']}"
    if "exactly" in example:
        assert len(found) == example["exactly"], found
    if "absent" in example:
        assert not any(contains(result, example["absent"]) for result in found), found
