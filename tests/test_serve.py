"""`sitrep serve`: serves the site with a reload script, rebuilds on save, survives bad content."""

from __future__ import annotations

import json
import queue
import re
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from gitrepo import GIT_ENV, briefing_text, make_project, write_briefing, write_pair
from sitrep.serve import BuildState, error_page, with_reload

BRIEFING = "2025-06-15-koursk"
TIMEOUT = 20


def fetch(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.status, response.read().decode("utf-8")
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode("utf-8")


def wait_for(condition, what: str):
    deadline = time.monotonic() + TIMEOUT
    while time.monotonic() < deadline:
        result = condition()
        if result:
            return result
        time.sleep(0.1)
    pytest.fail(f"timed out waiting for {what}")


@pytest.fixture
def server(tmp_path: Path):
    """`sitrep serve --port 0` on a small project; yields (project, base URL, process)."""
    project = make_project(tmp_path / "project")
    write_pair(project, BRIEFING, "2025-06-15", "Premier état du texte.\n")
    process = subprocess.Popen([sys.executable, "-m", "sitrep.cli", "serve", "--port", "0"],
                               cwd=project, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                               text=True, env={**GIT_ENV, "PYTHONUNBUFFERED": "1"})
    lines: queue.Queue[str] = queue.Queue()
    threading.Thread(target=lambda: [lines.put(l) for l in process.stdout], daemon=True).start()
    stderr: list[str] = []
    threading.Thread(target=lambda: stderr.extend(process.stderr), daemon=True).start()
    try:
        url = None
        deadline = time.monotonic() + TIMEOUT
        while url is None and time.monotonic() < deadline and process.poll() is None:
            try:
                match = re.search(r"serving (http://127\.0\.0\.1:\d+/)", lines.get(timeout=0.5))
                url = match and match[1]
            except queue.Empty:
                pass
        assert url, f"the server did not start: {''.join(stderr)}"
        yield project, url, process, stderr
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def test_serve_reloads_and_survives_errors(server):
    project, url, process, stderr = server
    page_url = f"{url}fr/briefings/{BRIEFING}/"
    status, page = fetch(page_url)
    assert status == 200 and "Premier état du texte" in page
    assert '<script src="/__sitrep/reload.js"' in page                # injected when served...
    on_disk = (project / "public" / "fr" / "briefings" / BRIEFING / "index.html").read_text()
    assert "__sitrep" not in on_disk                                   # ...never written
    status, script = fetch(f"{url}__sitrep/reload.js")
    assert status == 200 and "/__sitrep/status" in script
    generation = json.loads(fetch(f"{url}__sitrep/status")[1])["generation"]

    write_briefing(project, f"{BRIEFING}.fr.md", briefing_text(f"Briefing {BRIEFING}", "2025-06-15",
                                                      "Second état du texte.\n"))
    wait_for(lambda: "Second état du texte" in fetch(page_url)[1], "the edit to be served")
    wait_for(lambda: json.loads(fetch(f"{url}__sitrep/status")[1])["generation"] > generation,
             "the open pages to be told")

    broken = write_briefing(project, f"{BRIEFING}.fr.md", "---\ntitle: Sans date\n---\nCorps.\n")
    status, page = wait_for(lambda: (r := fetch(page_url))[0] == 500 and r, "the error page")
    assert f"{BRIEFING}.fr.md:1: missing required key" in page
    assert '<script src="/__sitrep/reload.js"' in page
    wait_for(lambda: any("missing required key" in line for line in stderr),
             "the error on the terminal")
    assert process.poll() is None                                      # still serving

    write_briefing(project, broken.name, briefing_text("Réparé", "2025-06-15", "Texte réparé.\n"))
    wait_for(lambda: "Texte réparé" in fetch(page_url)[1], "the recovery")
    assert not any("Traceback" in line for line in stderr)


def test_reload_script_goes_before_the_end_of_body():
    page = with_reload(b"<html><body><p>x</p></body></html>", 7)
    assert page == (b'<html><body><p>x</p><script src="/__sitrep/reload.js" '
                    b'data-generation="7" defer></script>\n</body></html>')
    assert with_reload(b"<p>no body</p>", 1).endswith(b"defer></script>\n")


def test_error_page_escapes_the_message():
    page = error_page("content/x.fr.md:3: bad <tag> & co", 2).decode()
    assert "content/x.fr.md:3: bad &lt;tag&gt; &amp; co" in page
    assert 'data-generation="2"' in page


def test_build_state_counts_builds():
    state = BuildState()
    state.record("broken")
    state.record(None)
    assert state.snapshot() == (2, None)
