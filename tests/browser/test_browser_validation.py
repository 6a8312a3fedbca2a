"""Every generated page: valid HTML (the Nu validator) and no axe violations."""

from __future__ import annotations

import json
import subprocess

from .browserkit import DESKTOP, PROJECT, dump

AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]
AXE_RUN = """(tags) => axe.run(document, {runOnly: {type: 'tag', values: tags},
    resultTypes: ['violations']}).then(r => r.violations.map(v => ({
      id: v.id, impact: v.impact, help: v.help,
      nodes: v.nodes.slice(0, 5).map(n => ({target: n.target.join(' '),
                                           summary: n.failureSummary}))})))"""


def test_every_page_is_valid_html(site, vnu_jar):
    pages = site.html_pages()
    done = subprocess.run(
        ["java", "-jar", str(vnu_jar), "--format", "json", "--errors-only", "--skip-non-html",
         str(site.root)], capture_output=True, text=True, timeout=240)
    # vnu writes its JSON report to stderr and exits 1 when it found errors.
    report = json.loads(done.stderr or '{"messages": []}')
    errors = [m for m in report["messages"] if m.get("type") in ("error", "non-document-error")]
    assert done.returncode in (0, 1), done.stderr[-2000:]
    assert len(pages) > 30, f"only {len(pages)} pages were built"
    root = site.root.as_uri()
    assert errors == [], f"{len(errors)} errors in {len(pages)} pages:\n" + "\n".join(
        f"{m.get('url', '').replace(root, '')}:{m.get('lastLine')}: {m['message']}"
        f"  «{m.get('extract', '').strip()}»" for m in errors[:60])


def axe_violations(chromium, site, axe_js, paths, **context_options) -> dict:
    """axe-core on each page, one tab reused, the CSP bypassed to let axe in; axe is an init
    script, so it is in every page before the page's own scripts run."""
    context = chromium.new_context(viewport=DESKTOP, bypass_csp=True, **context_options)
    context.add_init_script(axe_js.read_text("utf-8"))
    page = context.new_page()
    found = {}
    try:
        for path in paths:
            page.goto(site.url(path), wait_until="load")
            violations = page.evaluate(AXE_RUN, AXE_TAGS)
            if violations:
                found[path] = violations
    finally:
        context.close()
    return found


def test_every_page_has_no_axe_violations(site, chromium, axe_js):
    """axe on every HTML page of the site, in both languages."""
    pages = site.html_pages()
    assert {p.split("/")[0] for p in pages} >= {"fr", "en"}
    found = axe_violations(chromium, site, axe_js, pages)
    assert not found, f"axe violations on {len(found)} of {len(pages)} pages:\n" + dump(found)[:20000]


def test_every_page_type_in_dark_mode_has_no_axe_violations(site, chromium, axe_js):
    """The dark palette (prefers-color-scheme: dark) on one page of each type."""
    pages = ["index.html", "404.html", *sorted(set(site.paths.values()))]
    found = axe_violations(chromium, site, axe_js, pages, color_scheme="dark")
    assert not found, f"axe violations in dark mode on {len(found)} of {len(pages)} pages:\n" \
        + dump(found)[:20000]


def test_year_pages_are_valid_and_have_no_axe_violations(tmp_path, monkeypatch, vnu_jar,
                                                         chromium, axe_js):
    """The timeline and figures split by year (the project's own site is too small to
    be split: the limit is lowered), checked like every other page."""
    import shutil

    import sitrep.site
    from sitrep.pipeline import build_project

    monkeypatch.setattr(sitrep.site, "YEAR_SPLIT", 3)
    for folder in ("content", "templates"):
        shutil.copytree(PROJECT / folder, tmp_path / folder)
    build_project(tmp_path, search=False)
    public = tmp_path / "public"
    pages = [f"{lang}/{section}/{year}index.html" for lang in ("fr", "en")
             for section in ("timeline", "figures") for year in ("", "2024/")]
    assert all((public / page).is_file() for page in pages)
    done = subprocess.run(["java", "-jar", str(vnu_jar), "--format", "json", "--errors-only",
                           *(str(public / page) for page in pages)],
                          capture_output=True, text=True, timeout=240)
    report = json.loads(done.stderr or '{"messages": []}')
    assert [m for m in report["messages"] if m.get("type") == "error"] == []

    class Files:
        @staticmethod
        def url(path: str) -> str:
            return (public / path).as_uri()
    found = axe_violations(chromium, Files, axe_js, pages)
    assert not found, dump(found)[:20000]
