"""Bad input never breaks the site: each problem is one located line, exit code 1, no
traceback, and the previous public/ stays exactly as it was; `sitrep check` reports
every problem of every file (briefings and gazetteer) in one run."""

from __future__ import annotations

import shutil
import subprocess
import sys
import tracemalloc
from pathlib import Path

import pytest

from conftest import SEED_ID
from golden import make_seed_project, site_files
from sitrep.content import MAX_BRIEFING_BYTES, load_briefing
from sitrep.errors import SitrepError
from sitrep.pipeline import build_project

BRIEFINGS = Path("content/briefings")
GAZETTEER = Path("content/gazetteer")
HEADER = "---\ntitle: Titre\ndate: 2025-01-01\n"


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    """The seed project with its site built once; each test works on a copy of it."""
    project = make_seed_project(tmp_path_factory.mktemp("built") / "project")
    build_project(project)
    return project


@pytest.fixture
def project(built, tmp_path) -> Path:
    copy = tmp_path / "project"
    shutil.copytree(built, copy)
    return copy


def run_cli(project: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "sitrep.cli", *args], cwd=project,
                          capture_output=True, text=True, timeout=120)


def assert_refused(project: Path, *expected: str) -> list[str]:
    """`sitrep build` fails cleanly with every expected text on stderr, and public/ is
    byte for byte what it was. Returns the lines of stderr."""
    before = site_files(project / "public")
    result = run_cli(project, "build")
    assert result.returncode == 1, result.stdout + result.stderr
    assert "Traceback" not in result.stderr, result.stderr
    for text in expected:
        assert text in result.stderr, f"{text!r} not in:\n{result.stderr}"
    assert site_files(project / "public") == before
    assert not list(project.glob(".public.*")), "a half-written site was left behind"
    return result.stderr.splitlines()


def write(project: Path, relative: Path | str, content: str | bytes) -> Path:
    path = project / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path


def append(project: Path, relative: Path, text: str) -> int:
    """Append text to a file; the line number where it starts."""
    path = project / relative
    old = path.read_text(encoding="utf-8")
    if not old.endswith("\n"):
        old += "\n"
    path.write_text(old + text, encoding="utf-8")
    return old.count("\n") + 1


# Each row: file name, its text, and what `path:line[:column]: message` must say.
BAD_BRIEFINGS = {
    "broken yaml": ("2025-01-01-bad.fr.md", HEADER + "tags: [a, b\n---\nTexte.\n",
                    ":5:1: invalid YAML"),
    "title missing": ("2025-01-01-bad.fr.md", "---\ndate: 2025-01-01\n---\nTexte.\n",
                      ":1: missing required key 'title'"),
    "title empty": ("2025-01-01-bad.fr.md", "---\ntitle:\ndate: 2025-01-01\n---\nTexte.\n",
                    ":2: 'title' must be a non-empty string, not empty"),
    "title blank": ("2025-01-01-bad.fr.md", "---\ntitle: '  '\ndate: 2025-01-01\n---\nT.\n",
                    ":2: 'title' must be a non-empty string"),
    "title a list": ("2025-01-01-bad.fr.md", "---\ntitle: [a, b]\ndate: 2025-01-01\n---\nT.\n",
                     ":2: 'title' must be a non-empty string, not a list"),
    "title a number": ("2025-01-01-bad.fr.md", "---\ntitle: 12\ndate: 2025-01-01\n---\nT.\n",
                       ":2: 'title' must be a non-empty string, not the number 12"),
    "date missing": ("2025-01-01-bad.fr.md", "---\ntitle: T\n---\nTexte.\n",
                     ":1: missing required key 'date'"),
    "date empty": ("2025-01-01-bad.fr.md", "---\ntitle: T\ndate:\n---\nTexte.\n",
                   ":3: 'date' must be YYYY-MM-DD, not empty"),
    "date a number": ("2025-01-01-bad.fr.md", "---\ntitle: T\ndate: 20250101\n---\nT.\n",
                      ":3: 'date' must be YYYY-MM-DD, not the number 20250101"),
    "date a mapping": ("2025-01-01-bad.fr.md", "---\ntitle: T\ndate: {y: 2025}\n---\nT.\n",
                       ":3: 'date' must be YYYY-MM-DD, not a mapping"),
    "date in words": ("2025-01-01-bad.fr.md", "---\ntitle: T\ndate: hier\n---\nT.\n",
                      ":3: 'date' must be YYYY-MM-DD, not 'hier'"),
    "impossible date": ("2025-01-01-bad.fr.md", "---\ntitle: T\ndate: 2025-02-30\n---\nT.\n",
                        ":3: 'date' is not a real day: 2025-02-30"),
    "unknown annotation key": ("2025-01-01-bad.fr.md", HEADER + "facts:\n  - quote: Texte\n"
                               "    hide: true\n---\nTexte.\n",
                               ":5: unknown key 'hide' in annotation"),
    "quote not found": ("2025-01-01-bad.fr.md", HEADER + "facts:\n  - quote: absent\n"
                        "    drop: true\n---\nTexte.\n",
                        ":5: annotation quote not found in the body: «absent»"),
    "quote found twice": ("2025-01-01-bad.fr.md", HEADER + "facts:\n  - quote: mot\n"
                          "    drop: true\n---\nUn mot, un autre mot.\n",
                          ":5: annotation quote found 2 times in the body"),
    "quote in flow style": ("2025-01-01-bad.fr.md", HEADER + "facts: [{quote: Texte, drop: "
                            "true}, {quote: absent, drop: true}]\n---\nTexte.\n",
                            ":4:37: annotation quote not found"),
    "unknown source": ("2025-01-01-bad.fr.md", HEADER + "source: cia\n---\nTexte.\n",
                       ":4: unknown source 'cia' (not in gazetteer/sources.yaml)"),
    "unknown header key": ("2025-01-01-bad.fr.md", HEADER + "auteur: moi\n---\nTexte.\n",
                           ":4: unknown key 'auteur' in the header"),
    "duplicate header key": ("2025-01-01-bad.fr.md", HEADER + "title: Encore\n---\nTexte.\n",
                             ":4:1: invalid YAML: duplicate key 'title'"),
    "english without french": ("2025-01-01-seul.en.md", HEADER + "---\nText.\n",
                               ":1: translation without its French original "
                               "2025-01-01-seul.fr.md"),
    "unknown language suffix": ("2025-01-01-bad.de.md", HEADER + "---\nText.\n",
                                ":1: unknown language suffix '.de' (expected .fr, .en)"),
    "bad file name": ("2025-01-01-Mauvais--nom.fr.md", HEADER + "---\nTexte.\n",
                      ":1: briefing file names are <id>.<lang>.md"),
    "empty file": ("2025-01-01-bad.fr.md", "", ":1: empty file"),
    "blank file": ("2025-01-01-bad.fr.md", "\n  \n", ":1: empty file"),
    "header never closed": ("2025-01-01-bad.fr.md", HEADER + "Texte.\n",
                            ":1: YAML header never closed"),
    "no header": ("2025-01-01-bad.fr.md", "Texte.\n", ":1: missing YAML header"),
    "header not a mapping": ("2025-01-01-bad.fr.md", "---\n- a\n---\nTexte.\n",
                             ":2: the YAML header must be a mapping"),
    "python tag": ("2025-01-01-bad.fr.md", "---\ntitle: !!python/object/apply:os.system "
                   "['touch pwned']\ndate: 2025-01-01\n---\nTexte.\n",
                   ":2:8: invalid YAML: could not determine a constructor for the tag"),
    "yaml alias bomb": ("2025-01-01-bad.fr.md", "---\ntitle: &t [a, a]\nsummary: [*t, *t]\n"
                        "date: 2025-01-01\n---\nTexte.\n", ":3:11: invalid YAML: aliases"),
    "yaml nested deep": ("2025-01-01-bad.fr.md", "---\ntitle: " + "[" * 5000 + "\n---\nT.\n",
                         ":2:39: invalid YAML: nested more than 32 levels deep"),
    "control character": ("2025-01-01-bad.fr.md", "---\ntitle: \"a\\x07b\"\ndate: 2025-01-01\n"
                          "---\nT.\n", ":2: 'title' contains a control character"),
    "raw control character": ("2025-01-01-bad.fr.md", "---\ntitle: a\x00b\ndate: 2025-01-01"
                              "\n---\nT.\n", ":2:9: invalid YAML: character U+0000"),
    "hidden line break": ("2025-01-01-bad.fr.md", "---\ntitle: a\x85b\ndate: 2025-01-01"
                          "\n---\nT.\n", ":2:9: invalid YAML: character U+0085 is a line break"),
    "brackets that would stall markdown": ("2025-01-01-bad.fr.md", HEADER + "---\nTexte.\n\n"
                                           + "[" * 5000 + "\n", ":7: too many nested or "
                                           "unclosed '['"),
    "lists nested too deep": ("2025-01-01-bad.fr.md", HEADER + "---\n" + "".join(
        "  " * i + "- x\n" for i in range(100)), ":70: line nested too deeply"),
}


@pytest.mark.parametrize("case", sorted(BAD_BRIEFINGS))
def test_bad_briefing_is_located_and_leaves_public_untouched(project, case):
    name, text, message = BAD_BRIEFINGS[case]
    write(project, BRIEFINGS / name, text)
    lines = assert_refused(project, f"{BRIEFINGS / name}{message}")
    assert not (project / "pwned").exists()
    assert len(lines) == 1, lines          # one problem, one line, nothing else


def test_bytes_that_are_not_utf8_are_located_with_their_column(project):
    write(project, BRIEFINGS / "2025-01-01-bad.fr.md", HEADER.encode() + b"---\nCaf\xe9 noir\n")
    assert_refused(project, f"{BRIEFINGS / '2025-01-01-bad.fr.md'}:5:4: not valid UTF-8: "
                            "byte 0xe9")


def test_two_briefings_with_the_same_id(project):
    text = HEADER + "---\nTexte.\n"
    write(project, BRIEFINGS / "a" / "2025-01-01-double.fr.md", text)
    write(project, BRIEFINGS / "b" / "2025-01-01-double.fr.md", text)
    assert_refused(project, f"{BRIEFINGS / 'b' / '2025-01-01-double.fr.md'}:1: duplicate "
                            f"briefing id '2025-01-01-double' (also "
                            f"{BRIEFINGS / 'a' / '2025-01-01-double.fr.md'})")


def test_a_broken_french_original_does_not_orphan_its_translation(project):
    write(project, BRIEFINGS / "2025-01-01-x.fr.md", "---\ntitle: T\n---\nTexte.\n")
    write(project, BRIEFINGS / "2025-01-01-x.en.md", HEADER + "---\nText.\n")
    lines = assert_refused(project, "2025-01-01-x.fr.md:1: missing required key 'date'")
    assert len(lines) == 1, lines


def test_a_file_over_the_limit_is_refused_without_being_read(project, tmp_path):
    big = write(project, BRIEFINGS / "2025-01-01-gros.fr.md",
                HEADER + "---\n" + ("Un paragraphe de texte ordinaire. " * 30 + "\n\n") * 10_000)
    assert big.stat().st_size > 10_000_000
    assert_refused(project, f"{BRIEFINGS / '2025-01-01-gros.fr.md'}:1: file too large "
                            f"({big.stat().st_size:,} bytes; at most {MAX_BRIEFING_BYTES:,}")
    tracemalloc.start()
    try:
        with pytest.raises(SitrepError, match="file too large"):
            load_briefing(big)
        _current, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 1_000_000, f"{peak:,} bytes allocated to refuse a 10 MB file"


def test_a_briefing_just_under_the_limit_builds(project):
    paragraph = "Les forces ukrainiennes ont signalé des combats près de Soudja. " * 12
    body = (paragraph + "\n\n") * (MAX_BRIEFING_BYTES // len(paragraph.encode() + b"\n\n") - 20)
    path = write(project, BRIEFINGS / "2025-01-01-long.fr.md", HEADER + "---\n" + body)
    assert MAX_BRIEFING_BYTES - 50_000 < path.stat().st_size <= MAX_BRIEFING_BYTES
    result = run_cli(project, "build")
    assert result.returncode == 0, result.stderr
    assert (project / "public/fr/briefings/2025-01-01-long/index.html").is_file()


def test_bom_and_crlf_are_accepted(project):
    text = "\ufeff" + (HEADER + "---\nPremière ligne.\n\nSeconde.\n").replace("\n", "\r\n")
    write(project, BRIEFINGS / "2025-01-01-windows.fr.md", text.encode("utf-8"))
    result = run_cli(project, "build")
    assert result.returncode == 0, result.stderr
    page = (project / "public/fr/briefings/2025-01-01-windows/index.html").read_text("utf-8")
    assert "Première ligne." in page and "\r" not in page


# Gazetteer rows: file, text appended to it (or None to replace the file by `replace`),
# the line of the problem relative to the appended text, and the message.
ENTRY = "- id: {id}\n  name: {{fr: Nom, en: Name}}\n  words: [mot]\n"
BAD_GAZETTEER = {
    "place with unknown region": ("places.yaml", ENTRY.format(id="xx-town") + "  kind: town\n"
                                  "  region: XX-NOPE\n", 5, "xx-town: unknown region "
                                  "'XX-NOPE' (not in places.yaml)"),
    "source with unknown actor": ("sources.yaml", ENTRY.format(id="xx-agency") + "  actor: "
                                  "ZZ\n", 4, "xx-agency: unknown actor 'ZZ' (not in "
                                  "actors.yaml)"),
    "actor with unknown adversary": ("actors.yaml", ENTRY.format(id="XX") + "  adversary: "
                                     "ZZ\n", 4, "XX: unknown adversary 'ZZ' (not in "
                                     "actors.yaml)"),
    "duplicate id": ("actors.yaml", ENTRY.format(id="RU"), 1, "duplicate id 'RU', first at line"),
    "ids differing in case": ("actors.yaml", ENTRY.format(id="ru"), 1, "duplicate id 'ru' (as "
                              "'RU': ids differing only in case would share a web address)"),
    "id escaping the folder": ("actors.yaml", ENTRY.format(id="../../etc"), 1,
                               "actor id '../../etc' must be ASCII letters and digits"),
    "absolute id": ("places.yaml", ENTRY.format(id="/etc/passwd"), 1, "place id '/etc/passwd' "
                    "must be ASCII letters and digits"),
    "id with a look-alike letter": ("actors.yaml", ENTRY.format(id="R\u0423"), 1,
                                    "actor id 'RУ' must be ASCII letters"),
    "id read as false": ("actors.yaml", ENTRY.format(id="NO"), 1, "actor id must be quoted: "
                         "YAML reads yes/no/on/off as true/false"),
    "id missing": ("actors.yaml", "- name: {fr: Nom, en: Name}\n", 1, "actor entry without an 'id'"),
    "name missing": ("actors.yaml", "- id: XA\n  words: [x]\n", 1, "XA: 'name' must give a "
                     "non-empty text for each of fr, en"),
    "name incomplete": ("actors.yaml", "- id: XA\n  name: {fr: Nom}\n", 2, "XA: 'name' must give"),
    "words not a list": ("actors.yaml", "- id: XA\n  name: {fr: N, en: N}\n  words: mot\n", 3,
                         "XA: 'words' must be a list of non-empty texts"),
    "entry not a mapping": ("sources.yaml", "- juste un texte\n", 1, "a source entry must be a "
                            "mapping"),
    "bad place kind": ("places.yaml", ENTRY.format(id="XB") + "  kind: planet\n", 4,
                       "XB: 'kind' must be one of country, region, town"),
    "region not text": ("places.yaml", ENTRY.format(id="XB") + "  region: [a]\n", 4,
                        "XB: 'region' must be text"),
    "broken yaml": ("places.yaml", "- id: XC\n  name: {fr: a, en: b\n", 3, "invalid YAML"),
}


@pytest.mark.parametrize("case", sorted(BAD_GAZETTEER))
def test_bad_gazetteer_entry_is_located_and_leaves_public_untouched(project, case):
    name, text, offset, message = BAD_GAZETTEER[case]
    first = append(project, GAZETTEER / name, text)
    assert_refused(project, f"{GAZETTEER / name}:{first + offset - 1}", message)


@pytest.mark.parametrize("content, message", [
    ("", ":1: empty file: actors.yaml must be a YAML list of entries"),
    ("# only a comment\n", ":1: empty file"),
    ("id: RU\n", ":1: actors.yaml must be a YAML list of entries"),
    (b"- id: RU\n  name: {fr: Russie, en: Russia}\n  words: [Moscou\xff]\n",
     ":3:17: not valid UTF-8: byte 0xff"),
    ("- id: KP\n  name: !!python/object:os.system {fr: a, en: b}\n",
     ":2:9: invalid YAML: could not determine a constructor"),
])
def test_bad_gazetteer_file_is_located(project, content, message):
    write(project, GAZETTEER / "actors.yaml", content)
    assert_refused(project, f"{GAZETTEER / 'actors.yaml'}{message}")


def test_a_missing_gazetteer_file_is_reported(project):
    (project / GAZETTEER / "sources.yaml").unlink()
    assert_refused(project, "missing gazetteer file sources.yaml")


def test_a_broken_sources_file_does_not_also_flag_every_briefing_source(project):
    append(project, GAZETTEER / "sources.yaml", "- id: [\n")
    lines = assert_refused(project, f"{GAZETTEER / 'sources.yaml'}:")
    assert not any("unknown source" in line or "unknown actor" in line for line in lines), lines


def test_check_reports_every_problem_of_every_file_at_once(project):
    for index, case in enumerate(sorted(BAD_BRIEFINGS)):
        name, text, _message = BAD_BRIEFINGS[case]
        if case != "english without french":       # a translation needs its id kept
            name = name.replace("2025-01-01-", f"2025-01-{index + 1:02d}-")
        write(project, BRIEFINGS / name, text)
    write(project, BRIEFINGS / "2025-02-01-z.fr.md", HEADER.encode() + b"---\n\xe9\n")
    for case in ("place with unknown region", "source with unknown actor", "duplicate id"):
        name, text, _offset, _message = BAD_GAZETTEER[case]
        append(project, GAZETTEER / name, text)
    before = site_files(project / "public")
    result = run_cli(project, "check")
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    lines = result.stderr.splitlines()
    # Every briefing row, the UTF-8 one and three gazetteer rows: one line each.
    assert len(lines) == len(BAD_BRIEFINGS) + 1 + 3, result.stderr
    for case, (_name, _text, message) in BAD_BRIEFINGS.items():
        assert any(line.endswith(message) or message + " " in line or message in line
                   for line in lines), (case, result.stderr)
    assert sum(line.startswith(str(GAZETTEER)) for line in lines) == 3
    assert lines == sorted(lines, key=lambda l: l.split(":")[0])   # grouped by file
    assert site_files(project / "public") == before


TEMPLATE_ERRORS = {
    "syntax error in an included partial": ("partials/briefing_list.html", "{{ x | }}",
                                            "template error: expected token"),
    "syntax error in the extended base": ("base.html", "{% if %}",
                                          "template error: Expected an expression"),
    "runtime error in the extended base": ("base.html", "{{ 1 // 0 }}",
                                           "template error: ZeroDivisionError"),
    "undefined name in an included partial": ("partials/briefing_list.html", "{{ nope.x }}",
                                              "template error: 'nope' is undefined"),
    "unknown filter in the page template": ("home.html", "{{ 1|nofilter }}",
                                            "template error: No filter named 'nofilter'"),
    "missing include": ("home.html", "{% include 'nothere.html' %}",
                        "template error: template not found: nothere.html"),
}


@pytest.mark.parametrize("case", sorted(TEMPLATE_ERRORS))
def test_template_error_names_the_template_file_and_line(project, case):
    template, text, message = TEMPLATE_ERRORS[case]
    path = project / "templates" / template
    lines = path.read_text(encoding="utf-8").split("\n")
    # Right after the line that opens what is always rendered.
    opening = {"base.html": "<head>", "home.html": "{% block main %}"}.get(template)
    line = 1 if opening is None else next(i for i, l in enumerate(lines) if opening in l) + 2
    lines.insert(line - 1, text)
    path.write_text("\n".join(lines), encoding="utf-8")
    for command in ("check", "build"):
        before = site_files(project / "public")
        result = run_cli(project, command)
        assert result.returncode == 1 and "Traceback" not in result.stderr, result.stderr
        assert result.stderr.startswith(f"templates/{template}:{line}: {message}"), result.stderr
        assert site_files(project / "public") == before


def test_the_seed_briefing_is_still_built(built):
    """The fixtures above start from a good site (guards against a vacuous test)."""
    assert (built / "public" / "fr" / "briefings" / SEED_ID / "index.html").is_file()
