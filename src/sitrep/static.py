"""Static assets (CSS, icons) copied from templates/static into the site."""

from __future__ import annotations

from pathlib import Path


def static_files(folder: Path) -> dict[str, bytes]:
    if not folder.is_dir():
        return {}
    return {"static/" + p.relative_to(folder).as_posix(): p.read_bytes()
            for p in sorted(folder.rglob("*")) if p.is_file()}
