"""`sitrep new`: a new French briefing file with its header filled in, never overwriting."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from pathlib import Path

import yaml

from sitrep.errors import SitrepError

MAX_SLUG = 60
# Letters NFKD does not take apart.
LIGATURES = str.maketrans({"œ": "oe", "Œ": "OE", "æ": "ae", "Æ": "AE", "ß": "ss"})
BODY_PLACEHOLDER = ("## Principaux renseignements\n\n"
                    "- Premier point clé.\n\n"
                    "Corps du briefing en français.\n")


def slugify(title: str) -> str:
    """Lowercase ASCII words joined by hyphens: « L'été à Koursk » -> 'l-ete-a-koursk'."""
    text = unicodedata.normalize("NFKD", title.translate(LIGATURES))
    text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    slug = re.sub(r"[^a-z0-9]+", "-", text).strip("-")
    if len(slug) > MAX_SLUG:
        slug = slug[:MAX_SLUG].rsplit("-", 1)[0]
    return slug


def parse_day(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise SitrepError(f"sitrep new: --date must be a day as YYYY-MM-DD, not '{text}'") from None


def briefing_text(title: str, day: dt.date) -> str:
    header = yaml.safe_dump({"title": title}, allow_unicode=True, width=1_000_000).strip()
    return f"---\n{header}\ndate: {day.isoformat()}\ntags: []\n---\n{BODY_PLACEHOLDER}"


def new_briefing(content: Path, title: str, day: dt.date) -> Path:
    """Write content/briefings/<date>-<slug>.fr.md and return its path."""
    title = " ".join(title.split())
    slug = slugify(title)
    if not slug:
        raise SitrepError("sitrep new: the title needs at least one letter or digit")
    path = content / "briefings" / f"{day.isoformat()}-{slug}.fr.md"
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        with path.open("x", encoding="utf-8", newline="\n") as handle:
            handle.write(briefing_text(title, day))
    except FileExistsError:
        raise SitrepError("already exists; sitrep new never overwrites a briefing", path) from None
    return path
