"""The golden copy of the seed site: build it, compare it, regenerate it on purpose.

    python tests/golden.py          # rewrite tests/golden/seed-site from the current code
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

PROJECT = Path(__file__).resolve().parents[1]
GOLDEN = PROJECT / "tests" / "golden" / "seed-site"
SEED_ID = "2025-06-15-koursk-pertes-nord-coreennes"


def make_seed_project(folder: Path) -> Path:
    """A project with the real templates and gazetteer and only the seed briefing."""
    (folder / "content" / "briefings").mkdir(parents=True)
    shutil.copytree(PROJECT / "templates", folder / "templates")
    shutil.copytree(PROJECT / "content" / "gazetteer", folder / "content" / "gazetteer")
    shutil.copy(PROJECT / "content" / "site.yaml", folder / "content" / "site.yaml")
    for lang in ("fr", "en"):
        source = PROJECT / "content" / "briefings" / f"{SEED_ID}.{lang}.md"
        shutil.copy(source, folder / "content" / "briefings" / source.name)
    return folder


def build_seed_site(folder: Path) -> Path:
    from sitrep.pipeline import build_project
    project = make_seed_project(folder)
    build_project(project)
    return project / "public"


def site_files(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes()
            for p in sorted(root.rglob("*")) if p.is_file()}


def golden_files(root: Path) -> dict[str, bytes]:
    """The site as the golden copy keeps it: without sitrep's marker file, whose build
    id changes with every byte of the site and would only add noise to reviews."""
    return {path: data for path, data in site_files(root).items() if path != ".sitrep-output"}


def regenerate() -> None:
    import tempfile
    sys.path.insert(0, str(PROJECT / "src"))
    with tempfile.TemporaryDirectory() as tmp:
        built = build_seed_site(Path(tmp) / "seed")
        shutil.rmtree(GOLDEN, ignore_errors=True)
        shutil.copytree(built, GOLDEN)
        (GOLDEN / ".sitrep-output").unlink()
    print(f"wrote {len(site_files(GOLDEN))} files to {GOLDEN.relative_to(PROJECT)}")


if __name__ == "__main__":
    regenerate()
