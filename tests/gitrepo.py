"""Throwaway git repositories holding small sitrep projects, for the tests of git-aware commands."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

from golden import PROJECT
from sitrep.content import body_hash
from sitrep.model import Fact, Quantity, Report, Span

# git must not read the developer's or CI's own configuration.
GIT_ENV = {**os.environ, "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1",
           "GIT_AUTHOR_NAME": "Test", "GIT_AUTHOR_EMAIL": "test@example.org",
           "GIT_COMMITTER_NAME": "Test", "GIT_COMMITTER_EMAIL": "test@example.org"}


def git(repo: Path, *args: str) -> str:
    done = subprocess.run(["git", "-C", str(repo), *args], capture_output=True, text=True,
                          env=GIT_ENV, check=True)
    return done.stdout.strip()


def briefing_text(title: str, date: str, body: str, translation_of: str | None = None) -> str:
    extra = f"translation_of: {translation_of}\n" if translation_of else ""
    return f"---\ntitle: {title}\ndate: {date}\n{extra}---\n{body}"


def write_briefing(project: Path, name: str, text: str) -> Path:
    path = project / "content" / "briefings" / name
    path.write_text(text, encoding="utf-8")
    return path


def write_pair(project: Path, briefing_id: str, date: str, body: str) -> None:
    """A French briefing and a current English translation of it."""
    title = f"Briefing {briefing_id}"
    write_briefing(project, f"{briefing_id}.fr.md", briefing_text(title, date, body))
    write_briefing(project, f"{briefing_id}.en.md",
                   briefing_text(f"{title} (en)", date, "English text.\n", body_hash(body)))


def make_project(folder: Path) -> Path:
    """An empty project (real templates, gazetteer and site.yaml) in a new git repository."""
    (folder / "content" / "briefings").mkdir(parents=True)
    shutil.copytree(PROJECT / "templates", folder / "templates")
    shutil.copytree(PROJECT / "content" / "gazetteer", folder / "content" / "gazetteer")
    shutil.copy(PROJECT / "content" / "site.yaml", folder / "content" / "site.yaml")
    (folder / ".gitignore").write_text("/public/\n/.sitrep-cache/\n", encoding="utf-8")
    git(folder, "init", "--quiet", "--initial-branch=main")
    return folder


def commit_all(repo: Path, message: str) -> str:
    git(repo, "add", "--all")
    git(repo, "commit", "--quiet", "--no-gpg-sign", "-m", message)
    return git(repo, "rev-parse", "HEAD")


def run_sitrep(*args: str, cwd: Path | None = None, env: dict | None = None
               ) -> subprocess.CompletedProcess:
    """The real command line in a fresh interpreter."""
    return subprocess.run([sys.executable, "-m", "sitrep.cli", *args], capture_output=True,
                          text=True, cwd=cwd, env=env or GIT_ENV, timeout=120)


FIGURE = re.compile(r"plus de (?P<n>\d[\d ]*\d) pertes (?P<actor>[A-Z]{2})")


def stub_extract(briefing, gazetteer) -> Report:
    """A stand-in extractor: « plus de N pertes XX » is a casualty fact of actor XX.

    The commands under test must work whatever the real rules find; this keeps their
    tests independent of extraction work in progress.
    """
    facts = []
    for match in FIGURE.finditer(briefing.body):
        value = int(match["n"].replace(" ", ""))
        facts.append(Fact(
            id=f"casualties-total-{match['actor'].lower()}-{value}", kind="casualties",
            category="total", actor=match["actor"], location=None,
            quantity=Quantity(value, value, None, "more_than"), when=None,
            source="uk-defence-intelligence", confidence=None,
            evidence=[Span(match.start(), match.end(), match.group(0))], rule="test_stub"))
    return Report(briefing, facts)
