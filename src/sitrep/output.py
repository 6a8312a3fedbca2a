"""Write a built site into a fresh folder and swap it into place in one step."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from sitrep.errors import SitrepError

MARKER = ".sitrep-output"


def check_output_dir(output: Path, project: Path) -> None:
    """Refuse to replace a folder sitrep did not create, unless it is empty."""
    resolved = output.resolve()
    forbidden = {Path("/"), Path.home().resolve(), project.resolve(),
                 (project / "content").resolve(), (project / "templates").resolve()}
    if resolved in forbidden or resolved in {p.parent for p in [project.resolve()]} \
            or project.resolve().is_relative_to(resolved):
        raise SitrepError(f"refusing to write the site into {output}: it holds other things",
                          output)
    if resolved.exists():
        if not resolved.is_dir():
            raise SitrepError("the output path exists and is not a folder", output)
        if not (resolved / MARKER).exists() and any(resolved.iterdir()):
            raise SitrepError("refusing to replace a folder sitrep did not create "
                              f"(no {MARKER} in it); empty it or choose another --output", output)


def write_site(output: Path, files: dict[str, bytes]) -> int:
    """Write files (relative path -> bytes) to a fresh folder beside output, then swap.

    A failure before the swap leaves the previous output exactly as it was.
    """
    output = output.resolve()
    output.parent.mkdir(parents=True, exist_ok=True)
    fresh = output.parent / f".{output.name}.new-{os.getpid()}"
    old = output.parent / f".{output.name}.old-{os.getpid()}"
    shutil.rmtree(fresh, ignore_errors=True)
    try:
        for relative in sorted(files):
            target = fresh / relative
            if not target.resolve().is_relative_to(fresh.resolve()):
                raise SitrepError(f"output path escapes the site folder: {relative}")
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(files[relative])
        (fresh / MARKER).write_text("built by sitrep; replaced whole on each build\n")
        if output.exists():
            output.rename(old)
        fresh.rename(output)
    except BaseException:
        shutil.rmtree(fresh, ignore_errors=True)
        if old.exists() and not output.exists():
            old.rename(output)
        raise
    shutil.rmtree(old, ignore_errors=True)
    return len(files)
