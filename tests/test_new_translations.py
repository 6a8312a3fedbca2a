"""`sitrep new` writes a loadable briefing; `sitrep translations` lists and marks translations."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from gitrepo import briefing_text, write_briefing
from sitrep.cli import main
from sitrep.content import body_hash, load_briefing
from sitrep.scaffold import slugify


@pytest.fixture
def project(tmp_path: Path) -> Path:
    (tmp_path / "content" / "briefings").mkdir(parents=True)
    (tmp_path / "content" / "gazetteer").mkdir()
    return tmp_path


def run(capsys, project: Path, *args: str) -> tuple[int, str, str]:
    code = main([*args, "--content", str(project / "content")])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.mark.parametrize("title, slug", [
    ("Les pertes nord-coréennes dépassent 6 000", "les-pertes-nord-coreennes-depassent-6-000"),
    ("L’été à Koursk : « œuvre » de Pyongyang !", "l-ete-a-koursk-oeuvre-de-pyongyang"),
    ("  Séoul   ÉTABLIT  ", "seoul-etablit"),
])
def test_slug_is_lowercase_ascii_with_hyphens(title, slug):
    assert slugify(title) == slug


def test_new_writes_a_briefing_that_loads(capsys, project):
    code, out, _err = run(capsys, project, "new", "Choïgou à Pyongyang: l'accord",
                          "--date", "2025-06-18")
    path = project / "content" / "briefings" / "2025-06-18-choigou-a-pyongyang-l-accord.fr.md"
    assert code == 0 and str(path) in out
    briefing = load_briefing(path)
    assert briefing.title == "Choïgou à Pyongyang: l'accord"
    assert briefing.date == dt.date(2025, 6, 18) and briefing.tags == ()
    assert briefing.body.strip()
    assert "tags: []" in path.read_text(encoding="utf-8")


def test_new_never_overwrites(capsys, project):
    run(capsys, project, "new", "Un titre", "--date", "2025-01-02")
    path = project / "content" / "briefings" / "2025-01-02-un-titre.fr.md"
    path.write_text("edited by hand", encoding="utf-8")
    code, _out, err = run(capsys, project, "new", "Un titre", "--date", "2025-01-02")
    assert code == 1 and f"{path}: already exists" in err
    assert path.read_text(encoding="utf-8") == "edited by hand"


def test_new_rejects_a_bad_date_and_an_empty_title(capsys, project):
    code, _out, err = run(capsys, project, "new", "Titre", "--date", "2025-02-30")
    assert code == 1 and "YYYY-MM-DD" in err and "Traceback" not in err
    code, _out, err = run(capsys, project, "new", "« ! »")
    assert code == 1 and "at least one letter" in err


def _project_with_translations(project: Path) -> dict[str, str]:
    bodies = {"a": "Corps A.\n", "b": "Corps B.\n", "c": "Corps C.\n", "d": "Corps D.\n"}
    for key, body in bodies.items():
        write_briefing(project, f"2025-01-0{ord(key) - 96}-{key}.fr.md",
              briefing_text(key.upper(), f"2025-01-0{ord(key) - 96}", body))
    write_briefing(project, "2025-01-01-a.en.md", briefing_text("A", "2025-01-01", "A.\n",
                                                       body_hash(bodies["a"])))
    write_briefing(project, "2025-01-02-b.en.md", briefing_text("B", "2025-01-02", "B.\n",
                                                       body_hash("an older text")))
    write_briefing(project, "2025-01-03-c.en.md", briefing_text("C", "2025-01-03", "C.\n"))
    return bodies


def test_translations_lists_missing_stale_and_unverified(capsys, project):
    _project_with_translations(project)
    code, out, _err = run(capsys, project, "translations")
    assert code == 0
    lines = out.splitlines()
    assert lines[0].split()[:2] == ["stale", "2025-01-02-b"]
    assert lines[1].split()[:2] == ["unverified", "2025-01-03-c"]
    assert lines[2].split()[:2] == ["missing", "2025-01-04-d"]
    assert "2025-01-01-a" not in out
    assert lines[-1] == "3 translation(s) need work: 1 missing, 1 stale, 1 unverified"


def test_mark_changes_only_the_hash_line(capsys, project):
    bodies = _project_with_translations(project)
    english = project / "content" / "briefings" / "2025-01-02-b.en.md"
    before = english.read_bytes()
    code, out, _err = run(capsys, project, "translations", "--mark", "2025-01-02-b")
    assert code == 0 and body_hash(bodies["b"]) in out
    after = english.read_bytes()
    assert after == before.replace(body_hash("an older text").encode(),
                                   body_hash(bodies["b"]).encode())
    run(capsys, project, "translations")
    assert "2025-01-02-b" not in capsys.readouterr().out + _err


def test_mark_adds_the_line_and_keeps_crlf_and_bom(capsys, project):
    _project_with_translations(project)
    english = project / "content" / "briefings" / "2025-01-03-c.en.md"
    english.write_bytes(b"\xef\xbb\xbf---\r\ntitle: C\r\ndate: 2025-01-03\r\n---\r\nC.\r\n")
    code, _out, _err = run(capsys, project, "translations", "--mark", "2025-01-03-c")
    assert code == 0
    assert english.read_bytes() == (b"\xef\xbb\xbf---\r\ntitle: C\r\ndate: 2025-01-03\r\n"
                                    b"translation_of: " + body_hash("Corps C.\n").encode()
                                    + b"\r\n---\r\nC.\r\n")
    assert load_briefing(english).translation_of == body_hash("Corps C.\n")


def test_mark_without_a_translation_is_a_clear_error(capsys, project):
    _project_with_translations(project)
    code, _out, err = run(capsys, project, "translations", "--mark", "2025-01-04-d")
    assert code == 1 and "has no translation yet" in err
    code, _out, err = run(capsys, project, "translations", "--mark", "nope")
    assert code == 1 and "no briefing 'nope'" in err
