"""Incremental builds: only what changed is drawn and written, and the result is byte
for byte the build from scratch."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from conftest import SEED_ID
from golden import site_files
from sitrep.errors import SitrepError
from sitrep.output import MARKER
from sitrep.pipeline import build_project

PROJECT = Path(__file__).resolve().parents[1]


@pytest.fixture
def project(tmp_path) -> Path:
    folder = tmp_path / "project"
    shutil.copytree(PROJECT / "content", folder / "content")
    shutil.copytree(PROJECT / "templates", folder / "templates")
    return folder


def clean_build(project: Path, tmp_path: Path) -> dict[str, bytes]:
    output = tmp_path / f"clean-{len(list(tmp_path.glob('clean-*')))}"
    build_project(project, output, use_cache=False)
    return without_marker(site_files(output))


def without_marker(files: dict[str, bytes]) -> dict[str, bytes]:
    return {path: data for path, data in files.items() if path != MARKER}


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def briefing(project: Path, name: str) -> Path:
    return project / "content" / "briefings" / name


EDITS = {
    "a word in a body": lambda p: edit(briefing(p, f"{SEED_ID}.fr.md"),
                                       "Le taux élevé", "Le taux très élevé"),
    "a figure": lambda p: edit(briefing(p, f"{SEED_ID}.fr.md"), "dépassé les 6.000 lors",
                               "dépassé les 7.000 lors"),
    "a title": lambda p: edit(briefing(p, f"{SEED_ID}.en.md"), "title: ", "title: Revised "),
    "a new briefing": lambda p: briefing(p, "2025-07-01-nouveau.fr.md").write_text(
        "---\ntitle: Nouveau\ndate: 2025-07-01\ntags: [nouveau]\n---\n"
        "Environ 2 000 soldats nord-coréens ont été déployés en Russie en juin.\n",
        encoding="utf-8"),
    "a removed briefing": lambda p: (briefing(p, f"{SEED_ID}.en.md").unlink(),
                                     briefing(p, f"{SEED_ID}.fr.md").unlink()),
    "a template": lambda p: edit(p / "templates" / "briefing.html", "<article",
                                 "<!-- edited -->\n<article"),
    "the gazetteer": lambda p: edit(p / "content" / "gazetteer" / "actors.yaml",
                                    "en: North Korea}", "en: DPRK}"),
}


@pytest.mark.parametrize("change", sorted(EDITS))
def test_incremental_build_equals_a_clean_build(project, tmp_path, change):
    first = build_project(project)
    assert first.rendered == first.pages
    EDITS[change](project)
    again = build_project(project)
    assert not again.unchanged
    assert without_marker(site_files(project / "public")) == clean_build(project, tmp_path)
    assert build_project(project).unchanged       # the manifest holds the output as it is


# Edits that change nothing another page shows (title, date, tags, facts, translation
# status): the quick build redraws the briefing's own pages from its files alone.
QUICK_EDITS = {        # (file, words, words after the edit)
    "a word where the translation was already stale": (
        "2024-12-24-premieres-estimations-pertes.fr.md", "divergent fortement",
        "divergent très fortement"),
    "a sentence before every fact of an untranslated briefing": (
        "2024-12-05-traite-entree-en-vigueur.fr.md", "Le traité de partenariat",
        "Une note liminaire. Le traité de partenariat"),
    "a word in a translation": (
        f"{SEED_ID}.en.md", "The high casualty rate", "The very high casualty rate"),
}


@pytest.mark.parametrize("change", sorted(QUICK_EDITS))
def test_an_edit_to_a_text_alone_redraws_its_own_pages_as_a_clean_build_would(
        project, tmp_path, change):
    name, before, after = QUICK_EDITS[change]
    build_project(project)
    edit(briefing(project, name), before, after)
    result = build_project(project)
    assert result.quick and 1 <= result.rendered <= 2
    assert without_marker(site_files(project / "public")) == clean_build(project, tmp_path)
    assert build_project(project).unchanged         # the quick build's manifest is exact
    edit(briefing(project, name), after, before)   # and back, from the quick build's manifest
    assert build_project(project).quick
    assert without_marker(site_files(project / "public")) == clean_build(project, tmp_path)


def test_signatures_kept_from_a_full_build_let_the_next_edit_be_quick(project, tmp_path):
    build_project(project)
    EDITS["a figure"](project)                   # a full build; other briefings' signatures kept
    assert not build_project(project).quick
    name, before, after = QUICK_EDITS["a word where the translation was already stale"]
    edit(briefing(project, name), before, after)
    assert build_project(project).quick
    assert without_marker(site_files(project / "public")) == clean_build(project, tmp_path)


# Edits that change facts, or what lists show of a briefing, and keep its translation
# status: the quick build redraws the pages that show them, from the briefings they show
# and the listings the last build kept (factedit).
TREATY = "2024-12-05-traite-entree-en-vigueur.fr.md"
FACT_EDITS = {        # (file, words, words after the edit)
    "a fact added": (TREATY, "Le texte avait été signé",
                     "Environ 500 soldats nord-coréens ont été tués en novembre. "
                     "Le texte avait été signé"),
    "a fact removed": (TREATY, "Le texte avait été signé le 19 juin à Pyongyang par Vladimir "
                       "Poutine et Kim Jong-un, lors de", "Ce fut"),
    "an event moved to another year": (TREATY, "le 4 décembre 2024", "le 4 janvier 2025"),
    "a French title": (TREATY, "title: Le traité", "title: Le nouveau traité"),
    "a tag another briefing has": (TREATY, "tags: [diplomatie, traite,",
                                   "tags: [diplomatie, koursk, traite,"),
    "an event's day": ("2024-12-05-traite-entree-en-vigueur.fr.md", "le 4 décembre 2024",
                       "le 5 décembre 2024"),
    "a figure's value": ("2024-12-24-premieres-estimations-pertes.fr.md",
                         "préliminaires, plus de 3 000", "préliminaires, plus de 3 500"),
    "a figure's bound": ("2024-12-24-premieres-estimations-pertes.fr.md",
                         "préliminaires, plus de 3 000", "préliminaires, environ 3 000"),
    "a deployment's size": ("2024-12-05-traite-entree-en-vigueur.fr.md", "quelque 12 000",
                            "quelque 15 000"),
}


def full_build_manifest(project: Path, tmp_path: Path) -> dict:
    """The manifest the full (not quick) incremental build leaves from the project as it
    is; its output and cache are put back as they were (copies keep their times), since
    digests name the project's folder."""
    import sitrep.pipeline
    from sitrep.manifest import load_manifest
    kept = tmp_path / f"kept-{len(list(tmp_path.glob('kept-*')))}"
    for name in ("public", ".sitrep-cache"):
        shutil.copytree(project / name, kept / name)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(sitrep.pipeline, "quick_build", lambda *arguments: None)
        assert not build_project(project).quick
    manifest = load_manifest(project / ".sitrep-cache", project / "public").__dict__
    for name in ("public", ".sitrep-cache"):
        shutil.rmtree(project / name)
        shutil.copytree(kept / name, project / name)
    return manifest


def comparable(manifest: dict) -> dict:
    """A manifest without what names one build or one folder (stamps, the build id)."""
    return {key: value for key, value in manifest.items()
            if key not in ("build", "stamp", "output", "settings", "inputs")}


# The site's limits, as they are and as an archive of years meets them.
LIMITS = {"as they are": {},
          "pages by year": {"YEAR_SPLIT": 3},
          "pages by year, short entry pages": {"YEAR_SPLIT": 3, "MAX_FACTS_ON_ENTITY_PAGE": 2,
                                               "MAX_BRIEFINGS_ON_ENTITY_PAGE": 2}}


@pytest.mark.parametrize("limits", sorted(LIMITS))
@pytest.mark.parametrize("change", sorted(FACT_EDITS))
def test_an_edit_to_facts_redraws_the_pages_that_show_them_as_a_clean_build_would(
        project, tmp_path, change, limits):
    import sitrep.site
    from sitrep.manifest import load_manifest
    name, before, after = FACT_EDITS[change]
    with pytest.MonkeyPatch.context() as patch:
        for limit, value in LIMITS[limits].items():
            patch.setattr(sitrep.site, limit, value)
        build_project(project)
        edit(briefing(project, name), before, after)
        expected = comparable(full_build_manifest(project, tmp_path))
        result = build_project(project)
        assert result.quick and 1 <= result.rendered < result.pages // 4
        assert without_marker(site_files(project / "public")) == clean_build(project, tmp_path)
        # What the quick build records is what the full build would: the next ones rely on it.
        assert comparable(load_manifest(project / ".sitrep-cache",
                                        project / "public").__dict__) == expected
        assert build_project(project).unchanged
        edit(briefing(project, name), after, before)          # and back
        assert build_project(project).quick
        assert without_marker(site_files(project / "public")) == clean_build(project, tmp_path)


def drawn_pages(monkeypatch) -> list[str]:
    """The paths of the pages drawn whole from now on, in order."""
    from sitrep.render import Renderer
    drawn, render = [], Renderer.render

    def recording(self, page, globals_):
        drawn.append(page.path)
        return render(self, page, globals_)
    monkeypatch.setattr(Renderer, "render", recording)
    return drawn


def test_a_fact_added_redraws_its_rows_in_the_long_lists_not_the_lists(project, tmp_path,
                                                                       monkeypatch):
    build_project(project)
    name, before, after = FACT_EDITS["a fact added"]
    edit(briefing(project, name), before, after)
    drawn = drawn_pages(monkeypatch)
    assert build_project(project).quick
    drawn = list(drawn)                         # before the clean build draws every page
    assert without_marker(site_files(project / "public")) == clean_build(project, tmp_path)
    lists = {f"{lang}/{path}/index.html" for lang in ("fr", "en")
             for path in ("briefings", "tags/traite", "tags/diplomatie")}
    assert not lists & set(drawn)
    assert f"fr/briefings/{name.removesuffix('.fr.md')}/index.html" in drawn


def test_lists_drawn_without_the_row_macro_are_drawn_whole(project, tmp_path, monkeypatch):
    """A project whose list template draws its rows itself: the old rows are not found
    in the last build's pages, so the lists are drawn again, whole."""
    edit(project / "templates" / "partials" / "briefing_list.html",
         "{{ briefing_row(listing) -}}", '<li class="mine">{{ listing.fact_count }}</li>')
    build_project(project)
    name, before, after = FACT_EDITS["a fact added"]
    edit(briefing(project, name), before, after)
    drawn = drawn_pages(monkeypatch)
    assert build_project(project).quick
    assert "fr/briefings/index.html" in drawn
    assert without_marker(site_files(project / "public")) == clean_build(project, tmp_path)


# Edits that change what the site plans: the full build makes them.
PLAN_EDITS = {        # (file, words, words after the edit)
    "a date (the briefings' order)": (TREATY, "date: 2024-12-05", "date: 2024-12-06"),
    "a tag no briefing had": (TREATY, "tags: [diplomatie,", "tags: [nouveau, diplomatie,"),
    "an event moved to a year with no page": (TREATY, "le 4 décembre 2024", "le 4 décembre 2023"),
}


@pytest.mark.parametrize("change", sorted(PLAN_EDITS))
def test_an_edit_that_changes_the_site_plan_takes_the_full_build(project, tmp_path, change):
    import sitrep.site
    name, before, after = PLAN_EDITS[change]
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(sitrep.site, "YEAR_SPLIT", 3)
        build_project(project)
        edit(briefing(project, name), before, after)
        assert not build_project(project).quick
        assert without_marker(site_files(project / "public")) == clean_build(project, tmp_path)


def test_an_edit_that_changes_a_status_takes_the_full_build(project):
    build_project(project)
    EDITS["a figure"](project)                   # a fact, and the translation now stale
    assert not build_project(project).quick


def test_an_error_in_an_edited_briefing_is_reported_by_the_full_build(project):
    build_project(project)
    before = site_files(project / "public")
    edit(briefing(project, "2024-12-05-traite-entree-en-vigueur.fr.md"),
         "date: 2024-12-05", "date: 2024-12-05\nsource: nobody-knows")
    with pytest.raises(SitrepError, match="unknown source 'nobody-knows'"):
        build_project(project)
    assert site_files(project / "public") == before


def test_a_one_word_edit_draws_only_the_pages_that_show_it(project):
    build_project(project)
    EDITS["a word in a body"](project)
    result = build_project(project)
    # The briefing in both languages, and the translation status page in both.
    assert result.rendered == 4
    assert result.written < 40


def test_nothing_changed_reads_and_writes_nothing(project):
    build_project(project)
    before = {p: p.stat().st_mtime_ns for p in (project / "public").rglob("*") if p.is_file()}
    result = build_project(project)
    assert result.unchanged and result.rendered == 0
    after = {p: p.stat().st_mtime_ns for p in (project / "public").rglob("*") if p.is_file()}
    assert after == before


def test_a_file_left_in_the_output_by_hand_is_removed(project, tmp_path):
    build_project(project)
    (project / "public" / "fr" / "stray.html").write_text("stray")
    build_project(project)
    assert not (project / "public" / "fr" / "stray.html").exists()
    assert without_marker(site_files(project / "public")) == clean_build(project, tmp_path)


def test_a_failing_incremental_build_leaves_the_site_as_it_was(project):
    build_project(project)
    before = site_files(project / "public")
    edit(project / "templates" / "base.html", "<body", "<!-- every page changes -->\n<body")
    edit(project / "templates" / "briefing.html", "<article", "{{ no_such_thing.x }}<article")
    with pytest.raises(SitrepError):
        build_project(project)
    assert site_files(project / "public") == before
    # Pages drawn before the failure were staged beside the output: nothing is left there.
    assert sorted(p.name for p in project.iterdir()) == [
        ".sitrep-cache", "content", "public", "templates"]


def test_a_broken_cache_is_an_empty_one(project, tmp_path):
    build_project(project)
    broken = [path for path in (project / ".sitrep-cache").rglob("*") if path.is_file()]
    assert any(path.parent.name == "templates" for path in broken)   # compiled templates too
    for path in broken:
        path.write_bytes(b"not a cache")
    EDITS["a figure"](project)
    build_project(project)
    assert without_marker(site_files(project / "public")) == clean_build(project, tmp_path)


def test_the_facts_document_is_one_line_per_briefing_and_splits_back(project):
    from sitrep.facts_json import document_bytes, document_entries, entry_text, facts_document
    from sitrep.pipeline import load_project
    _config, _content, sitreps = load_project(project)
    reports = [s.report for s in sorted(sitreps, key=lambda s: s.id)]
    lines = [entry_text(report, project) for report in reports]
    document = document_bytes(lines)
    assert json.loads(document) == json.loads(json.dumps(facts_document(reports, project)))
    assert document.count(b"\n") == len(reports) + 2
    entries = document_entries(document)
    assert list(entries) == [r.briefing.id for r in reports] and list(entries.values()) == lines
    assert document_entries(document_bytes(lines[:1])) == {reports[0].briefing.id: lines[0]}
    assert json.loads(document_bytes([])) == facts_document([])
    assert document_entries(document[:-5]) == {}          # not one this function wrote


def test_briefing_pages_are_fingerprinted_without_being_made(project):
    """A build that draws few pages must not make every briefing's context: a briefing
    page's fingerprint comes from what it is drawn from, named before it is made."""
    from sitrep.fingerprint import Fingerprinter, page_fingerprint
    from sitrep.pipeline import load_project, plan_site
    config, content, sitreps = load_project(project)
    pages = {page.path: page for page in plan_site(project, config, content, sitreps).pages}
    page = pages[f"en/briefings/{SEED_ID}/index.html"]
    fingerprint = page_fingerprint("shared", page, Fingerprinter())
    assert page.make_context is not None and page.context == {}
    assert page.full_context()["sitrep"].id == SEED_ID and page.make_context is None
    assert page_fingerprint("shared", page, Fingerprinter()) == fingerprint


def inputs_of_pages(project: Path) -> dict[str, str]:
    from sitrep.pipeline import load_project, plan_site
    site = plan_site(project, *load_project(project))
    return {page.path: page.inputs for page in site.pages if page.inputs is not None}


def test_a_briefing_page_follows_what_it_shows_of_its_neighbours(project):
    """Its newer and older neighbours count by their ids (the links it shows), not by
    their bodies or their titles."""
    from sitrep.pipeline import load_project
    newest_first = [s.id for s in load_project(project)[2]]
    index = newest_first.index(SEED_ID)
    newer, older = newest_first[index - 1], newest_first[index + 1]
    before = inputs_of_pages(project)
    assert len(before) == 2 * len(newest_first)
    neighbour = briefing(project, f"{older}.fr.md")
    text = neighbour.read_text(encoding="utf-8")
    neighbour.write_text(text + "\nUne phrase de plus, sans aucun chiffre.\n", encoding="utf-8")
    after_body = inputs_of_pages(project)
    changed = {path for path in before if before[path] != after_body[path]}
    assert changed == {f"{lang}/briefings/{older}/index.html" for lang in ("fr", "en")}
    edit(neighbour, "title: ", "title: Titre revu, ")
    after_title = inputs_of_pages(project)
    changed = {path for path in before if after_body[path] != after_title[path]}
    assert changed == {f"{lang}/briefings/{older}/index.html" for lang in ("fr", "en")}


def test_pages_drawn_from_many_briefings_are_made_only_when_those_changed(project, monkeypatch):
    """A word that turns a translation stale takes the full build, but no briefing
    shows the rest of the site anything new: the timeline, the figures and the home page
    are not made again (a figure changed makes the figures page again)."""
    import sitrep.site
    made: list[str] = []
    for name in ("timeline", "charts", "key_figures"):
        real = getattr(sitrep.site, name)
        monkeypatch.setattr(sitrep.site, name,
                            lambda *args, real=real, name=name: made.append(name) or real(*args))
    build_project(project)
    assert sorted(set(made)) == ["charts", "key_figures", "timeline"]
    made.clear()
    EDITS["a word in a body"](project)
    result = build_project(project)
    assert not result.quick and result.rendered == 4 and made == []
    EDITS["a figure"](project)
    build_project(project)
    assert "charts" in made


def test_the_facts_files_are_joined_from_shares_made_only_for_edited_briefings(
        project, tmp_path, monkeypatch):
    import sitrep.datafiles
    build_project(project)
    made: list[str] = []
    for name in ("csv_rows", "entry_text"):
        real = getattr(sitrep.datafiles, name)
        monkeypatch.setattr(sitrep.datafiles, name,
                            lambda *args, real=real, name=name: made.append(name) or real(*args))
    EDITS["a figure"](project)
    assert not build_project(project).quick
    assert sorted(made) == ["csv_rows", "csv_rows", "entry_text"]     # the seed's, fr and en
    files = without_marker(site_files(project / "public"))
    clean = clean_build(project, tmp_path)
    for path in ("data/facts.json", "data/facts.fr.csv", "data/facts.en.csv"):
        assert b"7000" in files[path] and files[path] == clean[path]


def test_the_cycle_collector_is_paused_while_a_build_runs_and_runs_again_after(
        project, monkeypatch):
    import gc

    import sitrep.pipeline
    seen, plan_site = [], sitrep.pipeline.plan_site

    def planning(*arguments, **options):
        seen.append(gc.isenabled())
        return plan_site(*arguments, **options)
    monkeypatch.setattr(sitrep.pipeline, "plan_site", planning)
    assert gc.isenabled()
    build_project(project)
    assert seen == [False] and gc.isenabled()
    edit(project / "templates" / "briefing.html", "<article", "{{ no_such_thing.x }}<article")
    with pytest.raises(SitrepError):
        build_project(project)
    assert gc.isenabled()                       # after a failed build too
