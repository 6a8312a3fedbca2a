"""Loading briefings: front matter checked field by field, errors located."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from sitrep.content import body_hash, load_briefing, parse_briefing, split_front_matter
from sitrep.errors import SitrepError, SitrepErrors

GOOD = """---
title: Un titre
date: 2025-06-15
source: uk-defence-intelligence
tags: [koursk, pertes]
facts:
  - quote: "plus de 6 000"
    set: {confidence: likely}
---
Les pertes dépassent plus de 6 000 hommes.
"""


def parse(text: str, name: str = "2025-06-15-x.fr.md") -> object:
    return parse_briefing(Path(name), text, "2025-06-15-x", "fr")


def test_good_briefing_is_read_field_by_field():
    briefing = parse(GOOD)
    assert briefing.title == "Un titre"
    assert briefing.date == dt.date(2025, 6, 15)
    assert briefing.source == "uk-defence-intelligence"
    assert briefing.tags == ("koursk", "pertes")
    assert briefing.body == "Les pertes dépassent plus de 6 000 hommes.\n"
    assert briefing.body_line == 10
    (annotation,) = briefing.annotations
    assert annotation.action == "set" and annotation.values == {"confidence": "likely"}
    assert annotation.line == 7
    assert briefing.body[annotation.offset:].startswith("plus de 6 000")


def test_line_of_maps_body_offsets_to_file_lines():
    briefing = parse("---\ntitle: T\ndate: 2025-01-01\n---\nun\ndeux\n")
    assert briefing.line_of(0) == 5
    assert briefing.line_of(briefing.body.index("deux")) == 6


@pytest.mark.parametrize("text, line, message", [
    ("---\ndate: 2025-01-01\n---\nx\n", 1, "missing required key 'title'"),
    ("---\ntitle: T\n---\nx\n", 1, "missing required key 'date'"),
    ("---\ntitle: T\ndate: 2025-02-30\n---\nx\n", 3, "not a real day"),
    ("---\ntitle: T\ndate: hier\n---\nx\n", 3, "'date' must be YYYY-MM-DD"),
    ("---\ntitle: \"\"\ndate: 2025-01-01\n---\nx\n", 2, "'title' must be a non-empty string"),
    ("---\ntitle: [a, b]\ndate: 2025-01-01\n---\nx\n", 2, "'title' must be a non-empty string"),
    ("---\ntitle: T\ndate: 2025-01-01\ntitle: [\n---\nx\n", 5, "invalid YAML"),
    ("---\ntitle: T\ndate: 2025-01-01\nfacts:\n  - quote: absent\n    drop: true\n---\nx\n", 5,
     "annotation quote not found"),
    ("---\ntitle: T\ndate: 2025-01-01\nfacts:\n  - quote: x\n    drop: true\n---\nx x\n", 5,
     "found 2 times"),
    ("---\ntitle: T\ndate: 2025-01-01\nfacts:\n  - quote: x\n    hide: true\n---\nx\n", 5,
     "unknown key 'hide' in annotation"),
    ("---\ntitle: T\ndate: 2025-01-01\ncolour: red\n---\nx\n", 4, "unknown key 'colour'"),
    ("", 1, "empty file"),
    ("---\ntitle: T\ndate: 2025-01-01\n", 1, "header never closed"),
    ("Just text\n", 1, "missing YAML header"),
])
def test_bad_front_matter_is_located(text, line, message):
    with pytest.raises(SitrepError) as caught:
        parse(text)
    errors = caught.value.errors if isinstance(caught.value, SitrepErrors) else [caught.value]
    assert any(e.line == line and message in e.message for e in errors), [str(e) for e in errors]


def test_all_problems_of_a_file_are_reported_together():
    with pytest.raises(SitrepErrors) as caught:
        parse("---\ntitle: 3\ndate: 2025-13-01\nextra: 1\n---\nx\n")
    assert [e.line for e in caught.value.errors] == [2, 3, 4]


def test_bom_and_crlf_are_accepted(tmp_path):
    path = tmp_path / "2025-01-01-x.fr.md"
    path.write_bytes(b"\xef\xbb\xbf---\r\ntitle: T\r\ndate: 2025-01-01\r\n---\r\nLigne un.\r\n")
    briefing = load_briefing(path)
    assert briefing.title == "T" and briefing.body == "Ligne un.\n"


def test_bytes_that_are_not_utf8_are_reported(tmp_path):
    path = tmp_path / "2025-01-01-x.fr.md"
    path.write_bytes(b"---\ntitle: T\ndate: 2025-01-01\n---\nCaf\xe9\n")
    with pytest.raises(SitrepError, match="not valid UTF-8") as caught:
        load_briefing(path)
    assert caught.value.line == 5


@pytest.mark.parametrize("name, message", [
    ("2025-01-01-x.de.md", "unknown language suffix '.de'"),
    ("Bad Name.fr.md", "file names are <id>.<lang>.md"),
    ("Évil.fr.md", "file names are"),
])
def test_bad_file_names(tmp_path, name, message):
    path = tmp_path / Path(name).name
    path.write_text("---\ntitle: T\ndate: 2025-01-01\n---\nx\n", encoding="utf-8")
    with pytest.raises(SitrepError, match=message.replace("(", r"\(").replace(")", r"\)").replace(".", r"\.")):
        load_briefing(path)


def test_split_front_matter_reports_body_line():
    header, body, line = split_front_matter("---\na: 1\nb: 2\n---\nbody\n", Path("x"))
    assert header == "a: 1\nb: 2\n" and body == "body\n" and line == 5


def test_body_hash_ignores_surrounding_whitespace():
    assert body_hash("texte\n") == body_hash("\ntexte") and len(body_hash("x")) == 16
