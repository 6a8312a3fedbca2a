"""`sitrep publish` on throwaway repositories: gh-pages gets the site, nothing else moves."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from gitrepo import GIT_ENV, PROJECT, commit_all, git, make_project, run_sitrep, write_pair


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    project = make_project(tmp_path / "repo")
    write_pair(project, "2025-06-15-koursk", "2025-06-15", "Corps du briefing.\n")
    commit_all(project, "content")
    return project


def branches(repo: Path) -> dict[str, str]:
    listed = git(repo, "for-each-ref", "--format=%(refname:short) %(objectname)", "refs/heads")
    return dict(line.split() for line in listed.splitlines())


def test_publish_commits_the_site_to_gh_pages_only(repo):
    main_before = branches(repo)["main"]
    done = run_sitrep("publish", cwd=repo)
    assert done.returncode == 0, done.stderr
    heads = branches(repo)
    assert heads["main"] == main_before                   # the source branch did not move
    assert git(repo, "symbolic-ref", "--short", "HEAD") == "main"
    assert git(repo, "status", "--porcelain") == ""       # index and working tree untouched
    files = git(repo, "ls-tree", "-r", "--name-only", "gh-pages").splitlines()
    assert {"index.html", "fr/index.html", "en/index.html", ".nojekyll"} <= set(files)
    assert "content/site.yaml" not in files
    message = git(repo, "log", "-1", "--format=%s", "gh-pages")
    assert message == f"sitrep publish: site built from {main_before[:12]}"
    assert f"to branch 'gh-pages' as {heads['gh-pages'][:12]}" in done.stdout
    assert "not pushed" in done.stdout


def test_publish_refuses_a_dirty_tree(repo):
    (repo / "content" / "briefings" / "2025-06-15-koursk.fr.md").write_text(
        "---\ntitle: Changé\ndate: 2025-06-15\n---\nNouveau corps.\n", encoding="utf-8")
    done = run_sitrep("publish", cwd=repo)
    assert done.returncode == 1
    assert done.stderr.startswith("sitrep publish: uncommitted changes")
    assert "Traceback" not in done.stderr
    assert "gh-pages" not in branches(repo)
    allowed = run_sitrep("publish", "--allow-dirty", cwd=repo)
    assert allowed.returncode == 0, allowed.stderr
    assert git(repo, "log", "-1", "--format=%s", "gh-pages").endswith("with uncommitted changes")


def test_publish_refuses_a_failed_build(repo):
    (repo / "content" / "briefings" / "2025-07-01-casse.fr.md").write_text(
        "---\ntitle: Sans date\n---\nCorps.\n", encoding="utf-8")
    commit_all(repo, "broken briefing")
    done = run_sitrep("publish", cwd=repo)
    assert done.returncode == 1
    assert "content/briefings/2025-07-01-casse.fr.md:1: missing required key 'date'" \
        in done.stderr
    assert "gh-pages" not in branches(repo)


def test_publish_refuses_the_checked_out_branch(repo):
    done = run_sitrep("publish", "--branch", "main", cwd=repo)
    assert done.returncode == 1 and "checked out" in done.stderr


def test_publish_push_sends_the_branch_to_the_remote(repo, tmp_path):
    remote = tmp_path / "remote.git"
    git(tmp_path, "init", "--quiet", "--bare", str(remote))
    git(repo, "remote", "add", "origin", str(remote))
    done = run_sitrep("publish", "--push", cwd=repo)
    assert done.returncode == 0, done.stderr
    assert "pushed 'gh-pages' to 'origin'" in done.stdout
    assert git(remote, "rev-parse", "gh-pages") == branches(repo)["gh-pages"]
    assert git(remote, "for-each-ref", "--format=%(refname)") == "refs/heads/gh-pages"


def test_build_py_publish_is_sitrep_publish(repo):
    done = subprocess.run([sys.executable, str(PROJECT / "build.py"), "--publish"], cwd=repo,
                          capture_output=True, text=True, env=GIT_ENV, timeout=120)
    assert done.returncode == 0, done.stderr
    assert "gh-pages" in branches(repo)
