"""`sitrep publish`: build and check afresh, then commit the site to gh-pages with ghp-import.

What it refuses, and why:
- a working tree with uncommitted changes (tracked or untracked, ignored files aside):
  a published site is the site of one commit, named in the gh-pages commit message;
  `--allow-dirty` publishes anyway and says so in that message;
- a failed build or a failed check: nothing is committed;
- a stale build: it always builds afresh, so an old public/ is never published, and it
  stops if content/ or templates/ changed while it was building;
- writing to the branch that is checked out: only the target branch (gh-pages) moves;
  ghp-import writes it with `git fast-import`, never touching the index, the working
  tree or any other branch.
By default the commit stays local; `--push` pushes the branch to the remote.
"""

from __future__ import annotations

import contextlib
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

from sitrep import gitrev
from sitrep.errors import SitrepError
from sitrep.manifest import CACHE_DIR
from sitrep.progress import ProgressCallback

INPUTS = ("content", "templates")


@dataclass
class Published:
    branch: str
    commit: str            # the new commit on branch
    source: str            # the commit the site was built from
    files: int
    output: Path
    dirty: bool
    pushed_to: str | None
    warnings: list[SitrepError]


def uncommitted_changes(top: Path, output: Path, cache: Path | None = None) -> list[str]:
    """`git status --porcelain` lines, the built site and the build cache aside."""
    exclude = []
    for derived in (output, cache or top / CACHE_DIR):
        if derived.resolve().is_relative_to(top.resolve()):
            exclude.append(f":(exclude){derived.resolve().relative_to(top.resolve()).as_posix()}")
    done = gitrev.git(top, "status", "--porcelain", "--untracked-files=all", "--", ".", *exclude)
    return [line for line in done.stdout.splitlines() if line.strip()]


def newest_input(root: Path) -> float:
    """The latest modification time of any file in content/ or templates/."""
    times = [p.stat().st_mtime for folder in INPUTS for p in (root / folder).rglob("*")
             if p.is_file()]
    return max(times, default=0.0)


def _refuse(message: str) -> SitrepError:
    return SitrepError(f"sitrep publish: {message}")


def publish(root: Path, output: Path | None = None, *, branch: str = "gh-pages",
            push: bool = False, remote: str = "origin", allow_dirty: bool = False,
            progress: ProgressCallback | None = None) -> Published:
    from ghp_import import GhpError, ghp_import

    from sitrep.pipeline import build_project, check_project

    top = gitrev.repo_top(root, "publish")
    source = gitrev.git_output(top, "rev-parse", "--verify", "--quiet", "HEAD^{commit}")
    if not source:
        raise _refuse("the repository has no commit yet; commit the content first")
    current = gitrev.git_output(top, "symbolic-ref", "--quiet", "--short", "HEAD")
    if branch == current:
        raise _refuse(f"'{branch}' is the branch checked out here; publish to another one")
    output = output if output is not None else root / "public"
    changes = uncommitted_changes(top, output, root / CACHE_DIR)
    if changes and not allow_dirty:
        shown = "; ".join(changes[:5]) + (" …" if len(changes) > 5 else "")
        raise _refuse(f"uncommitted changes ({shown}): commit them so the site is that of "
                      "a commit, or pass --allow-dirty")

    started = time.time()
    warnings = check_project(root)                       # raises on any error
    result = build_project(root, output, progress)       # raises on a failed build
    if newest_input(root) >= started:
        raise _refuse("content/ or templates/ changed during the build; run it again")

    message = f"sitrep publish: site built from {source[:12]}"
    if changes:
        message += " with uncommitted changes"
    before = gitrev.git_output(top, "rev-parse", "--verify", "--quiet", f"refs/heads/{branch}")
    try:
        with contextlib.chdir(top):                      # ghp-import runs git in the cwd
            ghp_import(str(result.output), mesg=message, branch=branch, push=push,
                       remote=remote, nojekyll=True)
    except GhpError as exc:
        raise _refuse(f"ghp-import failed: {exc}") from None
    except subprocess.CalledProcessError:
        raise _refuse(f"committed to '{branch}' but `git push {remote} {branch}` failed "
                      "(see git's message above)") from None
    after = gitrev.git_output(top, "rev-parse", "--verify", "--quiet", f"refs/heads/{branch}")
    if not after or after == before:
        raise _refuse(f"ghp-import made no commit on '{branch}' (are git user.name and "
                      "user.email set?)")
    return Published(branch, after, source, result.files, result.output, bool(changes),
                     remote if push else None, warnings)


def describe(published: Published) -> list[str]:
    """What was committed and where it went, in a few lines."""
    lines = [f"committed {published.files} files from {published.output} to branch "
             f"'{published.branch}' as {published.commit[:12]} "
             f"(site of commit {published.source[:12]}"
             + (", with uncommitted changes" if published.dirty else "") + ")"]
    if published.pushed_to:
        lines.append(f"pushed '{published.branch}' to '{published.pushed_to}'")
    else:
        lines.append(f"not pushed: the commit is local only; `sitrep publish --push` or "
                     f"`git push origin {published.branch}` sends it")
    return lines
