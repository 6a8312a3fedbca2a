"""Whatever the content, sitrep answers with a located SitrepError or a result: never
another exception (a traceback), and never a page with something that runs."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sitrep.content import load_briefing, parse_briefing
from sitrep.errors import SitrepError, SitrepErrors
from sitrep.gazetteer import load_gazetteer
from sitrep.markup import render_body
from sitrep.pipeline import load_project, render_site
from test_safety import inspect

PROJECT = Path(__file__).resolve().parents[1]
FAST = settings(max_examples=150, deadline=None,
                suppress_health_check=[HealthCheck.function_scoped_fixture,
                                       HealthCheck.too_slow])
SLOW = settings(FAST, max_examples=8)

# Characters that matter to YAML, Markdown and HTML, so random texts reach the parsers'
# corners rather than only plain words.
SYNTAX = "-:#[]{}&*!|>'\"%@`\\,?<>/=()\n\t \ufeff\u00e9\u202f\ue000\ue002\x00\x85\u2028"
texts = st.text(alphabet=st.characters(codec="utf-8") | st.sampled_from(SYNTAX), max_size=200)
keys = st.sampled_from(["title", "date", "source", "tags", "facts", "translation_of",
                        "summary", "quote", "set", "drop", "add", "kind"]) | texts
scalars = (st.none() | st.booleans() | st.integers() | st.floats() | texts
           | st.dates().map(dt.date.isoformat) | st.sampled_from(["2025-02-30", "2025-06-15"]))
values = st.recursive(scalars, lambda inner: st.lists(inner, max_size=4)
                      | st.dictionaries(keys, inner, max_size=4), max_leaves=12)
MARKDOWN = ["# ", "## ", "- ", "> ", "1. ", "**", "*", "`", "[", "](", ")", "<", ">", "&",
            "<script>", "</script>", "<a href='javascript:x()'>", "<img onerror=x()>",
            "| a | b |\n|---|---|\n", "    ", "\n", "\n\n", "plus de 6 000 soldats", "\\["]
bodies = st.lists(st.sampled_from(MARKDOWN) | texts, max_size=20).map("".join)


def only_sitrep_errors(action) -> object:
    """Run action; a SitrepError is a fine answer, anything else fails the test."""
    try:
        return action()
    except SitrepErrors as many:
        assert many.errors and all(e.path and e.message for e in many.errors)
    except SitrepError as one:
        assert one.path and one.message
    return None


def parse(text: str, language: str = "fr"):
    return parse_briefing(Path(f"2025-01-01-x.{language}.md"), text, "2025-01-01-x", language)


@FAST
@given(text=texts, language=st.sampled_from(["fr", "en"]))
def test_any_text_is_a_briefing_or_a_located_error(text, language):
    only_sitrep_errors(lambda: parse(text, language))
    only_sitrep_errors(lambda: parse("---\n" + text, language))
    only_sitrep_errors(lambda: parse("---\n" + text + "\n---\nCorps.\n", language))


@FAST
@given(header=st.dictionaries(keys, values, max_size=6), body=bodies)
def test_any_front_matter_is_a_briefing_or_a_located_error(header, body):
    text = "---\n" + yaml.safe_dump(header, allow_unicode=True) + "---\n" + body
    only_sitrep_errors(lambda: parse(text))


@FAST
@given(title=texts.filter(lambda t: t.strip()), day=st.dates(), body=bodies,
       tags=st.lists(st.from_regex(r"[a-z0-9][a-z0-9-]{0,10}", fullmatch=True), max_size=3))
def test_a_well_formed_header_reads_back(title, day, body, tags):
    header = {"title": title, "date": day.isoformat(), "tags": tags}
    text = "---\n" + yaml.safe_dump(header, allow_unicode=True) + "---\n" + body
    briefing = only_sitrep_errors(lambda: parse(text))
    if briefing is not None:             # a control character or a runaway body is refused
        assert briefing.title == title.strip() and briefing.date == day
        assert briefing.tags == tuple(tags)


@FAST
@given(data=st.binary(max_size=300), prefix=st.sampled_from([b"", b"---\n", b"\xef\xbb\xbf---\r\n"]))
def test_any_bytes_are_a_briefing_or_a_located_error(tmp_path, data, prefix):
    path = tmp_path / "2025-01-01-x.fr.md"
    path.write_bytes(prefix + data)
    only_sitrep_errors(lambda: load_briefing(path))


@FAST
@given(entries=st.lists(st.dictionaries(st.sampled_from(["id", "name", "words", "region",
                                                          "actor", "kind", "country"]) | keys,
                                         values, max_size=5), max_size=4),
       kind=st.sampled_from(["actors", "places", "sources"]))
def test_any_gazetteer_is_read_or_a_located_error(tmp_path, entries, kind):
    folder = tmp_path / "gazetteer"
    shutil.rmtree(folder, ignore_errors=True)
    shutil.copytree(PROJECT / "content" / "gazetteer", folder)
    with (folder / f"{kind}.yaml").open("a", encoding="utf-8") as stream:
        stream.write("\n" + yaml.safe_dump(entries, allow_unicode=True))
    only_sitrep_errors(lambda: load_gazetteer(folder))


@FAST
@given(body=bodies)
def test_any_body_renders_to_html_with_nothing_that_runs(body):
    assert inspect(render_body(body)).problems == []


@pytest.fixture(scope="module")
def tiny(tmp_path_factory) -> Path:
    """A project with the real templates and gazetteer and no briefing yet."""
    root = tmp_path_factory.mktemp("tiny")
    (root / "content" / "briefings").mkdir(parents=True)
    shutil.copytree(PROJECT / "templates", root / "templates")
    shutil.copytree(PROJECT / "content" / "gazetteer", root / "content" / "gazetteer")
    shutil.copy(PROJECT / "content" / "site.yaml", root / "content" / "site.yaml")
    return root


# Mostly valid headers, so that most examples get through to the pages.
printable = st.text(st.characters(codec="utf-8", exclude_categories=["Cc", "Cs"])
                    | st.sampled_from(SYNTAX.replace("\x00", "").replace("\x85", "")),
                    min_size=1, max_size=80)
optional = st.fixed_dictionaries({}, optional={
    "summary": printable, "tags": st.lists(st.sampled_from(["koursk", "a-1", "x"]), max_size=2),
    "source": st.sampled_from(["uk-defence-intelligence", "kr-nis", "nope"])})


@SLOW
@given(title=printable, body=bodies, extra=optional, translated=st.booleans())
def test_any_briefing_builds_a_safe_site_or_a_located_error(tiny, title, body, extra,
                                                            translated):
    folder = tiny / "content" / "briefings"
    for old in folder.iterdir():
        old.unlink()
    header = {"title": title, "date": "2025-06-15", **extra}
    text = "---\n" + yaml.safe_dump(header, allow_unicode=True) + "---\n" + body
    (folder / "2025-06-15-x.fr.md").write_text(text, encoding="utf-8")
    if translated:
        (folder / "2025-06-15-x.en.md").write_text(text, encoding="utf-8")

    def build():
        files, _pages = render_site(tiny, *load_project(tiny))
        return files

    files = only_sitrep_errors(build)
    for name, data in (files or {}).items():
        if name.endswith(".html"):
            assert inspect(data.decode("utf-8")).problems == [], name
