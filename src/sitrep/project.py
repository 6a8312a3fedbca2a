"""Where a project's content lives, and loading all of it at once."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from sitrep.content import load_briefings
from sitrep.errors import ErrorCollector, SitrepError
from sitrep.gazetteer import Gazetteer, read_gazetteer
from sitrep.model import Briefing

# The project this package was installed from (an editable install keeps it beside src/).
PACKAGE_PROJECT = Path(__file__).resolve().parents[2]


def find_content_dir(explicit: Path | None = None) -> Path:
    """--content if given, else ./content, else the content/ of sitrep's own checkout."""
    if explicit is not None:
        if not (explicit / "gazetteer").is_dir():
            raise SitrepError(f"no gazetteer/ folder in content folder {explicit}", explicit)
        return explicit
    # Relative when found here, so messages read `content/briefings/x.fr.md:3: …`.
    for candidate in (Path("content"), PACKAGE_PROJECT / "content"):
        if (candidate / "gazetteer").is_dir():
            return candidate
    raise SitrepError("no content/ folder with a gazetteer/ here: run sitrep from the project "
                      "folder or pass --content")


@dataclass
class Content:
    """Everything read from content/: the briefings and the gazetteer."""
    root: Path
    briefings: list[Briefing]
    gazetteer: Gazetteer


def load_content(root: Path, errors: ErrorCollector,
                 loader_for: Callable[[Gazetteer], Callable] | None = None) -> Content:
    """Read the gazetteer and every briefing; problems in both go to the same collector,
    so one `sitrep check` reports them all. loader_for(gazetteer), if given, makes the
    function that loads the briefing files (the build's extracts them too, with a cache)."""
    gazetteer = read_gazetteer(root / "gazetteer", errors)
    if loader_for is None:
        briefings = load_briefings(root / "briefings", errors)
    else:
        briefings = load_briefings(root / "briefings", errors, loader_for(gazetteer))
    return Content(root, briefings, gazetteer)
