"""Read a git revision's files without checking it out (rev-parse, merge-base, archive)."""

from __future__ import annotations

import io
import subprocess
import tarfile
from pathlib import Path

from sitrep.errors import SitrepError


def git(folder: Path, *args: str, binary: bool = False) -> subprocess.CompletedProcess:
    """Run git in folder; the result is returned whatever the exit code."""
    try:
        return subprocess.run(["git", "-C", str(folder), *args], capture_output=True,
                              text=not binary, check=False)
    except FileNotFoundError:
        raise SitrepError("git is not installed (needed to read revisions)") from None


def git_output(folder: Path, *args: str) -> str | None:
    """git's stdout stripped, or None when git fails."""
    done = git(folder, *args)
    return done.stdout.strip() if done.returncode == 0 else None


def repo_top(folder: Path, command: str) -> Path:
    """The top folder of the repository holding folder."""
    top = git_output(folder, "rev-parse", "--show-toplevel")
    if top is None:
        raise SitrepError(f"sitrep {command}: {folder.resolve()} is not in a git repository")
    return Path(top)


def resolve(folder: Path, rev: str, command: str) -> str:
    """The full commit hash of rev, or a clear error naming it."""
    commit = None
    if rev and not rev.startswith("-"):
        commit = git_output(folder, "rev-parse", "--verify", "--quiet", f"{rev}^{{commit}}")
    if not commit:
        raise SitrepError(f"sitrep {command}: unknown revision '{rev}'")
    return commit


def default_base(folder: Path, command: str) -> str:
    """The merge base of HEAD with main (or origin/main when there is no local main)."""
    for branch in ("main", "origin/main"):
        if git_output(folder, "rev-parse", "--verify", "--quiet", f"{branch}^{{commit}}"):
            base = git_output(folder, "merge-base", branch, "HEAD")
            if base:
                return base
            raise SitrepError(f"sitrep {command}: no merge base between {branch} and HEAD "
                              "(a shallow clone? fetch more history or name the base revision)")
    raise SitrepError(f"sitrep {command}: no 'main' branch to compare with; "
                      "name the base revision")


def export_folder(top: Path, commit: str, subpath: str, dest: Path) -> bool:
    """Write subpath (relative to the repository top) as it is at commit into dest/subpath.

    Returns False when the revision has no such folder.
    """
    listed = git(top, "ls-tree", "--name-only", commit, "--", subpath)
    if listed.returncode != 0 or not listed.stdout.strip():
        return False
    archive = git(top, "archive", "--format=tar", commit, "--", subpath, binary=True)
    if archive.returncode != 0:
        message = archive.stderr.decode("utf-8", "replace").strip().splitlines()
        raise SitrepError(f"git archive {commit[:12]} failed: "
                          f"{message[-1] if message else 'unknown error'}")
    with tarfile.open(fileobj=io.BytesIO(archive.stdout)) as tar:
        tar.extractall(dest, filter="data")
    return True
