"""Write a built site into a fresh folder and swap it into place in one step."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from sitrep.errors import SitrepError

MARKER = ".sitrep-output"


def _home() -> Path | None:
    try:
        return Path.home().resolve()
    except (RuntimeError, KeyError):          # no HOME and no password entry
        return None


def _refusal(resolved: Path, project: Path) -> str | None:
    """Why the site may never be written at resolved, whatever is in it (or None)."""
    project = project.resolve()
    home = _home()
    if resolved == project:
        return "it is the project folder"
    if project.is_relative_to(resolved):
        return "it holds the project folder"
    if home is not None and resolved == home:
        return "it is the home folder"
    for name in ("content", "templates", "src", ".git"):
        if resolved.is_relative_to(project / name):
            return f"it is inside the project's {name}/ folder"
    return None


def check_output_dir(output: Path, project: Path) -> None:
    """Refuse to replace a folder sitrep did not create, unless it is empty.

    The whole folder is replaced on each build, so it must hold nothing but a previous
    build (marked by MARKER). Some places are refused even when empty: the project and
    its ancestors (/ and the home folder among them), its content/ and templates/.
    """
    resolved = output.resolve()
    reason = _refusal(resolved, project)
    if reason:
        raise SitrepError(f"refusing to write the site here: {reason}; choose another "
                          "--output", output)
    if not resolved.exists():
        return
    if not resolved.is_dir():
        raise SitrepError("refusing to write the site here: it exists and is not a folder",
                          output)
    if not (resolved / MARKER).is_file() and any(resolved.iterdir()):
        raise SitrepError(f"refusing to replace this folder: it is not empty and was not made "
                          f"by sitrep (no {MARKER} in it); empty it or choose another --output",
                          output)


def _write_files(folder: Path, files: dict[str, bytes]) -> None:
    root = folder.resolve()
    for relative in sorted(files):
        target = (folder / relative).resolve()
        # Paths come from ids and slugs: one that leaves the folder (or is the folder)
        # is a bug or an attack, never written.
        if target == root or not target.is_relative_to(root):
            raise SitrepError(f"output path escapes the site folder: {relative!r}")
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(files[relative])
    (folder / MARKER).write_text("built by sitrep; replaced whole on each build\n")


def _swap(fresh: Path, output: Path, old: Path) -> None:
    """Put fresh in output's place; on failure, the previous output comes back."""
    try:
        if output.exists():
            output.rename(old)
        fresh.rename(output)
    except BaseException:
        if old.exists() and not output.exists():
            old.rename(output)
        raise


def write_site(output: Path, files: dict[str, bytes]) -> int:
    """Write files (relative path -> bytes) to a fresh folder beside output, then swap.

    A failure before the swap leaves the previous output exactly as it was.
    """
    output = output.resolve()
    fresh = output.parent / f".{output.name}.new-{os.getpid()}"
    old = output.parent / f".{output.name}.old-{os.getpid()}"
    try:
        output.parent.mkdir(parents=True, exist_ok=True)
        for leftover in (fresh, old):         # from a run of the same pid that was killed
            shutil.rmtree(leftover, ignore_errors=True)
        try:
            _write_files(fresh, files)
            _swap(fresh, output, old)
        finally:
            shutil.rmtree(fresh, ignore_errors=True)
    except OSError as exc:
        raise SitrepError(f"cannot write the site: {exc.strerror or exc}",
                          exc.filename or output) from None
    shutil.rmtree(old, ignore_errors=True)
    return len(files)
