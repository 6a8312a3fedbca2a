"""`sitrep diff`: facts and translations compared between two commits of a throwaway repo."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest

from gitrepo import (briefing_text, commit_all, git, make_project, run_sitrep, stub_extract,
                     write_briefing, write_pair)
from sitrep.cli import main
from sitrep.diff import compare_facts
from sitrep.model import Fact, Quantity

NNBSP = "\u202f"
KOURSK = "2025-06-15-koursk"
STEADY = "2025-05-01-stable"
NEW = "2025-06-20-nouveau"


@pytest.fixture
def stub(monkeypatch):
    monkeypatch.setattr("sitrep.pipeline.extract", stub_extract)


@pytest.fixture
def history(tmp_path: Path) -> tuple[Path, str, str]:
    """Two commits: a figure changes in one briefing, another is added, a third stays."""
    project = make_project(tmp_path / "repo")
    write_pair(project, KOURSK, "2025-06-15", "Selon Londres, plus de 5 000 pertes KP.\n")
    write_pair(project, STEADY, "2025-05-01", "Il y a eu plus de 1 000 pertes UA.\n")
    base = commit_all(project, "first")
    write_briefing(project, f"{KOURSK}.fr.md", briefing_text(
        f"Briefing {KOURSK}", "2025-06-15", "Selon Londres, plus de 6 000 pertes KP.\n"))
    write_briefing(project, f"{NEW}.fr.md", briefing_text("Un nouveau", "2025-06-20",
                                                 "Désormais plus de 7 000 pertes KP.\n"))
    head = commit_all(project, "second")
    return project, base, head


def run(capsys, project: Path, *args: str) -> tuple[int, str, str]:
    code = main(["diff", *args, "--content", str(project / "content")])
    out, err = capsys.readouterr()
    return code, out, err


def test_markdown_says_the_change_in_words(stub, history, capsys):
    project, base, head = history
    code, out, err = run(capsys, project, base, head)
    assert code == 0, err
    assert f"pertes KP : plus de 5{NNBSP}000 → plus de 6{NNBSP}000" in out
    assert f"`{base[:12]}` → `{head[:12]}`" in out
    assert f"`{NEW}`" in out and f"plus de 7{NNBSP}000" in out
    assert STEADY not in out                                   # unchanged: not listed
    assert "⚠️" in out                                         # the translation went stale


def test_markdown_in_english(stub, history, capsys):
    project, base, head = history
    _code, out, _err = run(capsys, project, base, head, "--lang", "en")
    assert "losses KP: more than 5,000 → more than 6,000" in out


def test_json_lists_only_what_changed(stub, history, capsys):
    project, base, head = history
    code, out, _err = run(capsys, project, base, head, "--format", "json")
    assert code == 0
    document = json.loads(out)
    assert document["schema"] == "sitrep.diff/1"
    assert document["base"]["revision"] == base and document["head"]["revision"] == head
    by_id = {b["id"]: b for b in document["briefings"]}
    assert set(by_id) == {KOURSK, NEW}
    changed = by_id[KOURSK]
    assert changed["change"] == "modified" and not changed["facts"]["added"]
    (change,) = changed["facts"]["changed"]
    assert change["fields"] == ["quantity"]
    assert (change["before"]["quantity"]["value"], change["after"]["quantity"]["value"]) \
        == (5000, 6000)
    assert changed["translation"] == {"before": "current", "after": "stale", "became_stale": True}
    assert by_id[NEW]["change"] == "added" and len(by_id[NEW]["facts"]["added"]) == 1
    assert by_id[NEW]["translation"]["after"] == "missing"


def test_removed_briefing_and_fact(stub, history, capsys):
    project, _base, head = history
    (project / "content" / "briefings" / f"{NEW}.fr.md").unlink()
    write_briefing(project, f"{STEADY}.fr.md", briefing_text(f"Briefing {STEADY}", "2025-05-01",
                                                    "Plus rien de chiffré.\n"))
    _code, out, _err = run(capsys, project, head, "--format", "json")   # head: the working tree
    by_id = {b["id"]: b for b in json.loads(out)["briefings"]}
    assert by_id[NEW]["change"] == "removed"
    assert [f["actor"] for f in by_id[STEADY]["facts"]["removed"]] == ["UA"]


def test_default_base_is_the_merge_base_with_main(stub, history, capsys):
    project, _base, head = history
    git(project, "switch", "--quiet", "-c", "feature")
    write_briefing(project, f"{NEW}.fr.md", briefing_text("Un nouveau", "2025-06-20",
                                                 "Désormais plus de 8 000 pertes KP.\n"))
    commit_all(project, "feature work")
    _code, out, _err = run(capsys, project)
    assert f"`{head[:12]}` → arbre de travail" in out
    assert f"plus de 7{NNBSP}000 → plus de 8{NNBSP}000" in out


def test_unknown_revision_is_one_clear_line(history, capsys):
    project, _base, _head = history
    code, out, err = run(capsys, project, "no-such-rev")
    assert code == 1 and out == ""
    assert err.strip() == "sitrep diff: unknown revision 'no-such-rev'"


def test_broken_briefing_in_a_revision_is_located(history, capsys):
    project, _base, _head = history
    write_briefing(project, "2025-07-01-casse.fr.md", "---\ntitle: [\n---\ncorps\n")
    broken = commit_all(project, "broken")
    code, _out, err = run(capsys, project, broken)
    assert code == 1
    assert f"{broken[:12]}:content/briefings/2025-07-01-casse.fr.md:" in err
    assert "Traceback" not in err


def test_revision_without_content_adds_everything(stub, tmp_path, capsys):
    project = tmp_path / "repo"
    project.mkdir()
    git(project, "init", "--quiet", "--initial-branch=main")
    (project / "README").write_text("before sitrep\n")
    empty = commit_all(project, "no content yet")
    make_project(tmp_path / "scratch")
    for name in ("content", "templates"):
        (tmp_path / "scratch" / name).rename(project / name)
    write_pair(project, KOURSK, "2025-06-15", "Selon Londres, plus de 5 000 pertes KP.\n")
    _code, out, _err = run(capsys, project, empty, "--format", "json")
    (briefing,) = json.loads(out)["briefings"]
    assert briefing["change"] == "added" and briefing["translation"]["after"] == "current"


def test_real_command_in_a_shallow_clone(history, tmp_path):
    """The command line itself, in a clone that holds only the two commits' objects."""
    project, base, head = history
    clone = tmp_path / "shallow"
    git(tmp_path, "clone", "--quiet", "--depth", "2", f"file://{project}", str(clone))
    assert git(clone, "rev-parse", "--is-shallow-repository") == "true"
    done = run_sitrep("diff", base, head, "--format", "json", cwd=clone)
    assert done.returncode == 0, done.stderr
    by_id = {b["id"]: b for b in json.loads(done.stdout)["briefings"]}
    assert by_id[NEW]["change"] == "added"
    assert by_id[KOURSK]["translation"]["after"] == "stale"
    missing = run_sitrep("diff", "0" * 40, cwd=clone)
    assert missing.returncode == 1
    assert missing.stderr.strip() == f"sitrep diff: unknown revision '{'0' * 40}'"


def test_a_fact_whose_only_change_is_its_id_is_not_listed():
    body_fact = Fact(
        "old-id", "casualties", "total", "KP", None, Quantity(6000, 6000, None, "more_than"),
        None, None, None, [], "test")
    assert compare_facts([body_fact], [replace(body_fact, id="new-id")]) == ([], [], [])
    moved = replace(body_fact, id="new-id", quantity=Quantity(7000, 7000, None, "more_than"))
    added, removed, (change,) = compare_facts([body_fact], [moved])
    assert (added, removed, change.fields) == ([], [], ["quantity"])


def _fact(fact_id: str, value: int, quote: str, when=None):
    from sitrep.model import Fact, Quantity, Span
    return Fact(fact_id, "deployment", "deployed", "KP", "RU-KRS",
                Quantity(value, None, None, "approx"), when, None, None,
                [Span(0, len(quote), quote)], "test")


def test_a_figure_edited_in_its_sentence_is_a_change_but_one_stated_elsewhere_is_not():
    from sitrep.diff import compare_facts
    before = [_fact("a", 2, "les deux hommes ont été transférés à Kiev")]
    elsewhere = [_fact("b", 11000, "Pour un contingent évalué à environ onze mille hommes")]
    added, removed, changed = compare_facts(before, elsewhere)
    assert (len(added), len(removed), changed) == (1, 1, [])
    edited = [_fact("c", 3, "les trois hommes ont été transférés à Kiev")]
    added, removed, changed = compare_facts(before, edited)
    assert (added, removed) == ([], []) and changed[0].fields == ["quantity"]


def test_the_words_a_date_was_read_from_are_not_a_change():
    import datetime as dt
    from sitrep.diff import changed_fields
    from sitrep.model import When
    day = dt.date(2025, 4, 21), dt.date(2025, 4, 30)
    old = _fact("a", 1, "fin avril", When(*day, "part_of_month", "fin avril"))
    new = _fact("a", 1, "fin avril", When(*day, "part_of_month", "fin avril 2025"))
    assert changed_fields(old, new) == []
