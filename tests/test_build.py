"""The whole pipeline on the seed briefing: pages in both languages, golden copy, bad input."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import SEED_ID, write_briefing
from golden import GOLDEN, golden_files, site_files
from sitrep.cli import main
from sitrep.pipeline import build_project

NNBSP = "\u202f"


def build(project: Path) -> Path:
    build_project(project)
    return project / "public"


def test_seed_site_has_both_languages(seed_project):
    public = build(seed_project)
    for path in ("index.html", "fr/index.html", "en/index.html", "data/facts.json",
                 f"fr/briefings/{SEED_ID}/index.html", f"en/briefings/{SEED_ID}/index.html",
                 "static/style.css"):
        assert (public / path).is_file(), path


def test_seed_facts_appear_in_both_languages(seed_project):
    public = build(seed_project)
    fr = (public / f"fr/briefings/{SEED_ID}/index.html").read_text(encoding="utf-8")
    en = (public / f"en/briefings/{SEED_ID}/index.html").read_text(encoding="utf-8")
    assert f"plus de 6{NNBSP}000" in fr and "more than 6,000" in en
    assert f"environ 11{NNBSP}000" in fr and "about 11,000" in en
    assert "automne 2024" in fr and "autumn 2024" in en
    assert "début mars 2025" in fr and "early March 2025" in en
    assert "Renseignement de la défense britannique" in fr and "UK Defence Intelligence" in en
    # Each fact links to its sentence, highlighted in the French body.
    facts = json.loads((public / "data/facts.json").read_text(encoding="utf-8"))
    (briefing,) = facts["briefings"]
    casualty = next(f for f in briefing["facts"] if f["kind"] == "casualties")
    assert f'href="#fact-{casualty["id"]}"' in fr and f'id="fact-{casualty["id"]}"' in fr
    assert f'id="fact-{casualty["id"]}-2"' in fr                  # stated twice, one fact
    assert f'../../../fr/briefings/{SEED_ID}/#fact-{casualty["id"]}' in en


def test_pages_link_their_translation(seed_project):
    public = build(seed_project)
    en = (public / f"en/briefings/{SEED_ID}/index.html").read_text(encoding="utf-8")
    assert f'hreflang="fr" href="https://sitrep.example.org/fr/briefings/{SEED_ID}/"' in en
    assert 'hreflang="x-default"' in en
    assert f'<a href="../../../fr/briefings/{SEED_ID}/" hreflang="fr" lang="fr"' in en
    root = (public / "index.html").read_text(encoding="utf-8")
    assert 'href="fr/"' in root and 'href="en/"' in root
    assert "Lire le site en français" in root and "Read the site in English" in root


def test_home_shows_key_figures_with_date_and_source(seed_project):
    public = build(seed_project)
    home = (public / "en/index.html").read_text(encoding="utf-8")
    assert "more than 6,000" in home and "June 15, 2025" in home
    assert "UK Defence Intelligence" in home


def test_built_site_matches_the_golden_copy(seed_project):
    """Regenerate on purpose with `python tests/golden.py` and review the diff."""
    built = golden_files(build(seed_project))
    golden = golden_files(GOLDEN)
    assert sorted(built) == sorted(golden)
    for name in golden:
        assert built[name] == golden[name], f"{name} differs from tests/golden/seed-site"


def run_cli(project: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "sitrep.cli", *args], cwd=project,
                          capture_output=True, text=True)


BAD_BRIEFINGS = {
    "no title": ("---\ndate: 2025-01-01\n---\nTexte.\n", ":1: missing required key 'title'"),
    "no date": ("---\ntitle: T\n---\nTexte.\n", ":1: missing required key 'date'"),
    "broken yaml": ("---\ntitle: T\ndate: 2025-01-01\ntags: [a\n---\nTexte.\n", ":5:1: invalid YAML"),
    "invalid date": ("---\ntitle: T\ndate: 2025-02-30\n---\nTexte.\n", ":3: 'date' is not a real day"),
    "quote not in text": ("---\ntitle: T\ndate: 2025-01-01\nfacts:\n  - quote: absent\n    drop: true\n"
                          "---\nTexte.\n", ":5: annotation quote not found in the body"),
}


@pytest.mark.parametrize("case", sorted(BAD_BRIEFINGS))
def test_bad_input_stops_the_build_and_leaves_public_untouched(seed_project, case):
    build(seed_project)
    before = site_files(seed_project / "public")
    text, message = BAD_BRIEFINGS[case]
    write_briefing(seed_project, "2025-01-01-bad.fr.md", text)
    result = run_cli(seed_project, "build")
    assert result.returncode == 1
    assert "content/briefings/2025-01-01-bad.fr.md" + message in result.stderr
    assert "Traceback" not in result.stderr
    assert site_files(seed_project / "public") == before


def test_check_reports_every_problem_at_once(seed_project):
    for case, (text, _message) in sorted(BAD_BRIEFINGS.items()):
        write_briefing(seed_project, f"2025-01-0{len(case) % 9 + 1}-{case.replace(' ', '-')}.fr.md", text)
    result = run_cli(seed_project, "check")
    assert result.returncode == 1
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == len(BAD_BRIEFINGS), result.stderr
    assert all(".fr.md:" in line for line in lines)


def test_a_failing_render_leaves_the_previous_site(seed_project):
    build(seed_project)
    before = site_files(seed_project / "public")
    (seed_project / "templates" / "home.html").write_text(
        '{% extends "base.html" %}{% block main %}{{ no_such_variable }}{% endblock %}')
    with pytest.raises(Exception) as caught:
        build_project(seed_project)
    assert "home.html:1" in str(caught.value)
    assert site_files(seed_project / "public") == before
    assert not list(seed_project.glob(".public.*"))


def test_build_py_is_sitrep_build(seed_project):
    project_root = Path(__file__).resolve().parents[1]
    result = subprocess.run([sys.executable, str(project_root / "build.py")], cwd=seed_project,
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert (seed_project / "public" / "fr" / "index.html").is_file()


def test_main_returns_one_for_user_errors(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert main(["extract", "--content", str(tmp_path), "nothing.fr.md"]) == 1
    assert "no gazetteer/ folder" in capsys.readouterr().err


def test_extract_reads_past_unknown_header_keys_and_says_so(tmp_path, capsys):
    """`sitrep extract` only reads the facts: a header key it does not know (a typo, or
    one another tool adds) is a warning there, and the facts still come out; a build
    refuses the same file. `author` is a known key."""
    PROJECT = Path(__file__).resolve().parents[1]
    folder = tmp_path / "briefings"
    folder.mkdir()
    (folder / "2025-06-15-essai.fr.md").write_text(
        "---\ntitle: Essai\ndate: 2025-06-15\nauthor: Hélène Vasseur\nclassification: ouvert\n"
        "---\nLes pertes nord-coréennes ont dépassé les 6 000 dans l'oblast de Koursk.\n",
        encoding="utf-8")
    code = main(["extract", "--json", "--content", str(PROJECT / "content"), str(folder)])
    out, err = capsys.readouterr()
    assert code == 0
    document = json.loads(out)
    [briefing] = document["briefings"]
    assert [(f["kind"], f["actor"], f["quantity"]["value"]) for f in briefing["facts"]] == [
        ("casualties", "KP", 6000)]
    assert "2025-06-15-essai.fr.md:5: warning: unknown key 'classification'" in err
    assert "left out (a build refuses it)" in err
    assert "'author'" not in err
    from sitrep.content import load_briefing
    from sitrep.errors import SitrepError, SitrepErrors
    with pytest.raises((SitrepError, SitrepErrors)) as refused:
        load_briefing(folder / "2025-06-15-essai.fr.md")
    assert "unknown key 'classification'" in str(refused.value)
    assert load_briefing(folder / "2025-06-15-essai.fr.md", lenient=True) \
        .meta["author"] == "Hélène Vasseur"


@pytest.mark.parametrize("name, header, warning", [
    ("2025-06-15-essai.fr.md", "title: Essai\ndate: 2025-06-15\ntags: [Corée du Nord]\n",
     "2025-06-15-essai.fr.md:4: warning: tag 'Corée du Nord' must be lowercase letters, "
     "digits and hyphens (say 'corée-du-nord'); left out"),
    ("2025-06-15-essai.fr.md", "date: 2025-06-15\n",
     "2025-06-15-essai.fr.md:1: warning: missing required key 'title'; left out"),
    ("2025-06-15_Défense.fr.md", "title: Essai\ndate: 2025-06-15\n",
     "2025-06-15_Défense.fr.md:1: warning: briefing file names are <id>.<lang>.md"),
])
def test_extract_reads_past_header_and_name_problems_a_build_refuses(tmp_path, capsys, name,
                                                                      header, warning):
    """Facts are what extraction is for: a tag, a title or a file name that a build would
    refuse is a warning there, and the facts of the file still come out, under its id."""
    PROJECT = Path(__file__).resolve().parents[1]
    path = tmp_path / name
    path.write_text(f"---\n{header}---\nLes pertes nord-coréennes ont dépassé les 6 000 "
                    "dans l'oblast de Koursk.\n", encoding="utf-8")
    code = main(["extract", "--json", "--content", str(PROJECT / "content"), str(path)])
    out, err = capsys.readouterr()
    assert code == 0 and warning in err
    [briefing] = json.loads(out)["briefings"]
    assert briefing["id"] == name.removesuffix(".fr.md")
    assert [(f["kind"], f["quantity"]["value"]) for f in briefing["facts"]] == [("casualties", 6000)]
    from sitrep.content import load_briefing
    from sitrep.errors import SitrepError, SitrepErrors
    with pytest.raises((SitrepError, SitrepErrors)):
        load_briefing(path)


def test_extract_still_refuses_a_briefing_without_a_day(tmp_path, capsys):
    PROJECT = Path(__file__).resolve().parents[1]
    path = tmp_path / "2025-06-15-essai.fr.md"
    path.write_text("---\ntitle: Essai\ndate: juin 2025\n---\nPlus de 6 000 morts.\n",
                    encoding="utf-8")
    assert main(["extract", "--json", "--content", str(PROJECT / "content"), str(path)]) == 1
    assert "2025-06-15-essai.fr.md:3: 'date' must be YYYY-MM-DD" in capsys.readouterr().err


def test_a_tag_with_accents_is_shown_as_written_at_an_address_without_them(seed_project):
    write_briefing(seed_project, "2025-07-01-essai.fr.md",
                   "---\ntitle: Essai\ndate: 2025-07-01\ntags: [défilé, pertes]\n---\n"
                   "Plus de 6 000 soldats nord-coréens ont été tués ou blessés.\n")
    build_project(seed_project, search=False)
    public = seed_project / "public"
    tag_page = (public / "fr" / "tags" / "defile" / "index.html").read_text("utf-8")
    assert "<h1>Mot-clé : défilé</h1>" in tag_page
    assert "2025-07-01-essai" in tag_page
    briefing = (public / "en" / "briefings" / "2025-07-01-essai" / "index.html").read_text("utf-8")
    assert '<a href="../../tags/defile/">défilé</a>' in briefing
    tags = (public / "fr" / "tags" / "index.html").read_text("utf-8")
    assert '<a href="defile/">défilé</a>' in tags


def test_two_spellings_of_one_tag_address_are_refused_where_the_second_is(seed_project):
    write_briefing(seed_project, "2025-07-01-essai.fr.md",
                   "---\ntitle: Essai\ndate: 2025-07-01\ntags: [corée]\n---\nTexte.\n")
    write_briefing(seed_project, "2025-07-02-essai.fr.md",
                   "---\ntitle: Essai\ndate: 2025-07-02\ntags: [coree]\n---\nTexte.\n")
    result = run_cli(seed_project, "check")
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert ("content/briefings/2025-07-02-essai.fr.md:4: tag 'coree' has the address of tag "
            "'corée' (in 2025-07-01-essai.fr.md): tags/coree/; spell them the same") in result.stderr
