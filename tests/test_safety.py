"""Content never attacks readers, and sitrep never writes where it should not.

Built pages are read with html.parser (never grepped): no script that runs, no event
handler, no javascript:/data: address, a strict Content-Security-Policy on every page.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from golden import make_seed_project, site_files
from sitrep.content import parse_briefing
from sitrep.errors import SitrepError, SitrepErrors
from sitrep.gazetteer import load_gazetteer
from sitrep.markup import render_body
from sitrep.output import MARKER, check_output_dir
from sitrep.sitefiles import write_site
from sitrep.pipeline import build_project

URL_ATTRIBUTES = {"href", "src", "action", "formaction", "poster", "data", "xlink:href",
                  "background", "cite", "srcset", "ping"}
FORBIDDEN_TAGS = {"iframe", "frame", "object", "embed", "applet", "base", "style"}
BAD_SCHEMES = ("javascript:", "data:", "vbscript:")


def outside_site(url: str) -> bool:
    """Pages link to each other relatively, so the site works under any base path."""
    parts = urlsplit(url.strip())
    return bool(parts.scheme or parts.netloc or url.strip().startswith("/"))


class UnsafeFinder(HTMLParser):
    """Collects everything in a page that could run code or leave the site."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.problems: list[str] = []
        self.texts: list[str] = []
        self.csp: list[str] = []
        self._script: str | None = None        # type of the open <script>, if any
        self._script_text: list[str] = []

    def handle_starttag(self, tag, attrs):
        values = {name: value or "" for name, value in attrs}
        for name, value in attrs:
            if name.startswith("on"):
                self.problems.append(f"<{tag} {name}=…>: event handler")
            if name in URL_ATTRIBUTES:
                # Browsers ignore whitespace and control characters inside a scheme.
                squeezed = "".join(c for c in (value or "") if c > " ").lower()
                # A data: image cannot run script (the CSP allows img-src data: too).
                image = tag == "img" or (tag == "link" and values.get("rel") == "icon")
                if squeezed.startswith(BAD_SCHEMES) and not (image and squeezed.startswith(
                        "data:image/") or image and squeezed == "data:,"):
                    self.problems.append(f"<{tag} {name}={value!r}>: script or data address")
        if tag in FORBIDDEN_TAGS:
            self.problems.append(f"<{tag}>: not allowed in a page")
        if tag == "form" and outside_site(values.get("action", "")):
            self.problems.append(f"<form action={values['action']!r}>: not inside the site")
        if tag == "meta":
            equiv = values.get("http-equiv", "").lower()
            if equiv == "refresh":
                self.problems.append("<meta http-equiv=refresh>")
            if equiv == "content-security-policy":
                self.csp.append(values.get("content", ""))
        if tag == "script":
            self._script = values.get("type", "")
            self._script_text = []
            src = values.get("src")
            if src is not None:
                if outside_site(src):
                    self.problems.append(f"<script src={src!r}>: not inside the site")
            elif self._script != "application/ld+json":
                self.problems.append("<script> without src: inline script")

    def handle_endtag(self, tag):
        if tag == "script" and self._script is not None:
            if self._script == "application/ld+json":
                # Data, not code: it must parse as JSON as a whole (nothing closed it early).
                try:
                    json.loads("".join(self._script_text))
                except ValueError:
                    self.problems.append("JSON-LD that is not JSON: something broke out of it")
            self._script = None

    def handle_data(self, data):
        if self._script is not None:
            self._script_text.append(data)
        else:
            self.texts.append(data)


def inspect(html: str) -> UnsafeFinder:
    finder = UnsafeFinder()
    finder.feed(html)
    finder.close()
    return finder


def site_pages(public: Path) -> dict[str, str]:
    return {name: data.decode("utf-8") for name, data in site_files(public).items()
            if name.endswith((".html", ".xml", ".svg"))}


# ---------------------------------------------------------------- hostile content

HOSTILE_BODY = """Paragraphe ordinaire : plus de 6 000 soldats nord-coréens.

<script>alert("body")</script>
<img src=x onerror=alert(1)>
<a href="javascript:alert(1)">lien</a> [md](javascript:alert(2)) [b](JaVaScRiPt:alert(3))
<a href="&#106;avascript:alert(4)">entités</a> [d](data:text/html;base64,PHNjcmlwdD4=)
<iframe src="https://evil.example/"></iframe>
<style>body { display: none }</style>
<object data="x.swf"></object><embed src="x.swf">
<form action="https://evil.example/"><input name=q></form>
<svg><script>alert(5)</script><circle onload="alert(6)"/></svg>
<meta http-equiv="refresh" content="0;url=https://evil.example/">
<base href="https://evil.example/">
<p style="background:url(javascript:alert(7))" onclick="alert(8)">styled</p>
<details open ontoggle=alert(9)><summary>x</summary></details>
<abbr title="6 000 <script>alert(10)</script>">abbr</abbr>
<math><mi xlink:href="javascript:alert(11)">m</mi></math>
"""
HOSTILE_TITLE = '</title><script>alert("title")</script>"><img src=x onerror=alert(1)>'


def hostile_project(folder: Path) -> Path:
    project = make_seed_project(folder)
    briefings = project / "content" / "briefings"
    (briefings / "2025-07-01-hostile.fr.md").write_text(
        f"---\ntitle: '{HOSTILE_TITLE}'\ndate: 2025-07-01\nsource: uk-defence-intelligence\n"
        f"summary: '<script>alert(\"summary\")</script>'\ntags: [koursk]\n---\n{HOSTILE_BODY}",
        encoding="utf-8")
    (briefings / "2025-07-01-hostile.en.md").write_text(
        f"---\ntitle: '{HOSTILE_TITLE} (en)'\ndate: 2025-07-01\n---\n{HOSTILE_BODY}",
        encoding="utf-8")
    # Gazetteer names are content too: they reach pages, charts, feeds and JSON-LD.
    actors = project / "content" / "gazetteer" / "actors.yaml"
    text = actors.read_text(encoding="utf-8").replace(
        "name: {fr: Corée du Nord, en: North Korea}",
        "name: {fr: '<script>alert(\"fr\")</script>Corée', en: '\"><svg onload=alert(1)>NK'}")
    assert "alert" in text
    actors.write_text(text, encoding="utf-8")
    return project


def built_site(tmp_path_factory, make_project) -> Path:
    project = make_project(tmp_path_factory.mktemp("site") / "project")
    build_project(project)
    return project / "public"


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory) -> Path:
    return built_site(tmp_path_factory, hostile_project)


def test_hostile_content_builds_without_anything_that_runs(hostile_site):
    pages = site_pages(hostile_site)
    assert any("hostile" in name for name in pages)
    for name, html in pages.items():
        assert inspect(html).problems == [], name


def test_hostile_title_is_shown_as_text(hostile_site):
    page = (hostile_site / "fr/briefings/2025-07-01-hostile/index.html").read_text("utf-8")
    finder = inspect(page)
    assert any(HOSTILE_TITLE in text for text in finder.texts)
    assert "plus de 6" in page and "lien" in page and "styled" in page   # text kept


def test_hostile_tags_are_refused():
    for tag in ("<script>", "../../etc", "a/b", "Koursk", "é é", "_", "-x"):
        with pytest.raises(SitrepError, match="must be lowercase letters, digits and hyphens"):
            parse_briefing(Path("x.fr.md"), f"---\ntitle: T\ndate: 2025-01-01\ntags: ['{tag}']"
                           "\n---\nx\n", "x", "fr")


@pytest.mark.parametrize("payload", [line for line in HOSTILE_BODY.splitlines()[2:] if line])
def test_sanitiser_removes_each_attack(payload):
    html = render_body(payload)
    assert inspect(html).problems == [], html
    assert "<script" not in html.lower()


def test_sanitised_body_keeps_plain_document_markup():
    html = render_body("## Titre\n\n**gras** et [lien](https://example.org/) et *it*\n\n"
                       "| a | b |\n|---|---|\n| 1 | 2 |\n\n> cité\n\n1. un\n2. deux\n")
    for element in ("<h2>", "<strong>", '<a href="https://example.org/"', "<em>", "<table>",
                    "<blockquote>", "<ol>"):
        assert element in html, element


def test_evidence_marks_never_land_inside_an_attribute():
    from sitrep.markup import Anchor
    body = 'Voir [les 6000 morts](https://a.example/6000 "6000 morts") et 6000 morts.'
    for start in [i for i in range(len(body)) if body.startswith("6000", i)]:
        html = render_body(body, [Anchor("fact-x", start, start + 4, "x")])
        finder = inspect(html)
        assert finder.problems == []
        assert '<a href="https://a.example/6000" title="6000 morts"' in html, html


# ------------------------------------------------------------ Content-Security-Policy

ALLOWED_KEYWORDS = {"'self'", "'none'", "'wasm-unsafe-eval'"}


def csp_problems(policy: str) -> list[str]:
    problems = []
    directives = {}
    for directive in filter(None, (d.strip() for d in policy.split(";"))):
        name, *sources = directive.split()
        directives[name] = sources
        for source in sources:
            if source in ("'unsafe-inline'", "'unsafe-eval'", "'unsafe-hashes'"):
                problems.append(f"{name} allows {source}")
            elif source == "data:" and name == "img-src":
                continue                 # inline SVG icons; an image cannot run script
            elif source not in ALLOWED_KEYWORDS:
                problems.append(f"{name} allows another host or scheme: {source}")
    for required in ("default-src", "script-src", "object-src", "base-uri"):
        if required not in directives:
            problems.append(f"no {required}")
    if directives.get("default-src") != ["'self'"]:
        problems.append("default-src is not 'self'")
    return problems


@pytest.fixture(scope="module")
def seed_site(tmp_path_factory) -> Path:
    return built_site(tmp_path_factory, make_seed_project)


def test_every_page_has_a_strict_content_security_policy(seed_site, hostile_site):
    for public in (seed_site, hostile_site):
        pages = {n: h for n, h in site_pages(public).items() if n.endswith(".html")}
        assert len(pages) > 10
        for name, html in pages.items():
            finder = inspect(html)
            assert len(finder.csp) == 1, f"{name}: {len(finder.csp)} CSP meta elements"
            assert csp_problems(finder.csp[0]) == [], name
            assert finder.problems == [], name


def test_the_csp_check_itself_catches_weak_policies():
    assert csp_problems("default-src 'self'; script-src 'self' 'unsafe-inline'; "
                        "object-src 'none'; base-uri 'none'")
    assert csp_problems("default-src 'self'; script-src 'self' https://cdn.example; "
                        "object-src 'none'; base-uri 'none'")
    assert csp_problems("default-src *; script-src 'self'; object-src 'none'; base-uri 'none'")
    assert not csp_problems("default-src 'self'; script-src 'self'; img-src 'self' data:; "
                            "object-src 'none'; base-uri 'none'")


def test_the_page_checker_itself_catches_attacks():
    assert inspect("<script>x()</script>").problems
    assert inspect('<script src="https://cdn.example/x.js"></script>').problems
    assert inspect('<p onclick="x()">').problems
    assert inspect('<a href=" java\tscript:x()">').problems
    assert inspect('<script type="application/ld+json">{"a": "</script><script>x()'
                   '</script>').problems
    assert inspect('<form action="https://evil.example/">').problems
    assert inspect("<iframe>").problems
    assert not inspect('<script src="../static/search.js"></script>').problems
    assert not inspect('<form action="./"><input name="q"></form>').problems


# ---------------------------------------------------------------------- safe YAML

@pytest.mark.parametrize("tag", ["!!python/object/apply:os.system ['touch pwned']",
                                 "!!python/object/new:os.system ['touch pwned']",
                                 "!!python/name:os.system", "!!python/module:os"])
def test_python_yaml_tags_are_located_errors_not_code(tmp_path, monkeypatch, tag):
    monkeypatch.chdir(tmp_path)
    text = f"---\ndate: 2025-01-01\ntitle: {tag}\n---\nx\n"
    with pytest.raises(SitrepError) as caught:
        parse_briefing(Path("x.fr.md"), text, "x", "fr")
    assert (caught.value.path, caught.value.line) == ("x.fr.md", 3)
    assert "could not determine a constructor" in caught.value.message
    assert not (tmp_path / "pwned").exists()


# ------------------------------------------------- ids and paths stay inside the site

def gazetteer_folder(folder: Path, actor_id: str) -> Path:
    folder.mkdir()
    (folder / "actors.yaml").write_text(
        f"- id: {json.dumps(actor_id)}\n  name: {{fr: A, en: A}}\n  words: [a]\n", "utf-8")
    (folder / "places.yaml").write_text("- id: RU\n  name: {fr: R, en: R}\n", "utf-8")
    (folder / "sources.yaml").write_text("- id: s\n  name: {fr: S, en: S}\n", "utf-8")
    return folder


@pytest.mark.parametrize("bad_id", ["..", "../../etc", "a/b", "/etc/passwd", "C:\\x", "a..b",
                                    "-a", "a-", "a--b", "é", "Ｋ", "R\u0423", "a b", "a\u200bb",
                                    "x" * 65, ""])
def test_gazetteer_ids_that_could_leave_a_folder_are_refused(tmp_path, bad_id):
    with pytest.raises(SitrepError) as caught:
        load_gazetteer(gazetteer_folder(tmp_path / "g", bad_id))
    errors = caught.value.errors if isinstance(caught.value, SitrepErrors) else [caught.value]
    assert [(Path(e.path).name, e.line) for e in errors] == [("actors.yaml", 1)], errors
    assert "actor id" in errors[0].message


@pytest.mark.parametrize("good_id", ["KP", "RU-KRS", "UA-59", "uk-defence-intelligence"])
def test_ordinary_gazetteer_ids_are_accepted(tmp_path, good_id):
    assert good_id in load_gazetteer(gazetteer_folder(tmp_path / "g", good_id)).actors


@pytest.mark.parametrize("relative", ["../outside.html", "/tmp/outside.html", "", ".",
                                      "a/../../outside.html"])
def test_write_site_refuses_paths_outside_the_folder(tmp_path, relative):
    output = tmp_path / "public"
    write_site(output, {"index.html": b"old"})
    before = site_files(output)
    with pytest.raises(SitrepError, match="escapes the site folder"):
        write_site(output, {"index.html": b"new", relative: b"x"})
    assert site_files(output) == before
    assert not (tmp_path / "outside.html").exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["public"]


# ----------------------------------------------------------- the output folder

@pytest.fixture
def project(tmp_path) -> Path:
    return make_seed_project(tmp_path / "project")


def run_build(project: Path, output: str, home: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "HOME": str(home)}
    return subprocess.run([sys.executable, "-m", "sitrep.cli", "build", "--output", output],
                          cwd=project, capture_output=True, text=True, env=env, timeout=120)


def snapshot(folder: Path) -> dict[str, bytes]:
    return site_files(folder) if folder.exists() else {}


@pytest.mark.parametrize("output, reason", [
    (".", "it is the project folder"),
    ("..", "it holds the project folder"),
    ("/", "it holds the project folder"),
    ("HOME", "it is the home folder"),
    ("content", "inside the project's content/ folder"),
    ("content/briefings", "inside the project's content/ folder"),
    ("content/new-folder", "inside the project's content/ folder"),
    ("templates", "inside the project's templates/ folder"),
    ("UNRELATED", "it is not empty and was not made by sitrep"),
    ("content/site.yaml", "inside the project's content/ folder"),
    ("FILE", "it exists and is not a folder"),
])
def test_build_refuses_to_replace_a_folder_it_did_not_make(project, tmp_path, output, reason):
    home = tmp_path / "home"
    (home / "notes").mkdir(parents=True)
    (home / "notes" / "keep.txt").write_text("keep")
    unrelated = tmp_path / "unrelated"
    unrelated.mkdir()
    (unrelated / "keep.txt").write_text("keep")
    (tmp_path / "file").write_text("keep")
    output = {"HOME": str(home), "UNRELATED": str(unrelated),
              "FILE": str(tmp_path / "file")}.get(output, output)
    before = {folder: snapshot(folder) for folder in (project, home, unrelated)}
    result = run_build(project, output, home)
    assert result.returncode == 1, result.stdout
    assert "Traceback" not in result.stderr
    assert result.stderr.startswith(f"{output}: refusing to "), result.stderr
    assert reason in result.stderr
    assert {folder: snapshot(folder) for folder in before} == before
    assert (tmp_path / "file").read_text() == "keep"


def test_build_writes_into_an_empty_folder_and_then_into_its_own(project, tmp_path):
    output = tmp_path / "site"
    output.mkdir()
    assert run_build(project, str(output), tmp_path).returncode == 0
    assert (output / MARKER).is_file() and (output / "fr" / "index.html").is_file()
    (project / "content" / "briefings" / "2025-01-01-x.fr.md").write_text(
        "---\ntitle: T\ndate: 2025-01-01\n---\nTexte.\n", encoding="utf-8")
    result = run_build(project, str(output), tmp_path)
    assert result.returncode == 0, result.stderr
    assert (output / "fr" / "briefings" / "2025-01-01-x" / "index.html").is_file()


def test_check_output_dir_accepts_a_fresh_path(tmp_path):
    check_output_dir(tmp_path / "does" / "not" / "exist", tmp_path / "project")


def test_a_symlink_to_the_project_is_refused(project, tmp_path):
    link = tmp_path / "link"
    link.symlink_to(project, target_is_directory=True)
    with pytest.raises(SitrepError, match="it is the project folder"):
        check_output_dir(link, project)
