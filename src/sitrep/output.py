"""Where a site may be written: never over the project, the home folder or anything
sitrep did not build (sitefiles.py writes it)."""

from __future__ import annotations

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
