"""Which translations need work, and marking one as reviewed against the current French."""

from __future__ import annotations

import re
from pathlib import Path

from sitrep.content import body_hash, load_briefing, split_front_matter
from sitrep.errors import SitrepError
from sitrep.pair import CURRENT, Sitrep
from sitrep.yamlio import read_text

HASH_LINE = re.compile(rb"^translation_of:[^\r\n]*", re.MULTILINE)
CLOSING = re.compile(rb"^---[ \t]*\r?$", re.MULTILINE)


def needing_work(sitreps: list[Sitrep]) -> list[Sitrep]:
    """Sitreps whose translation is missing, stale or unverified, by id."""
    return sorted((s for s in sitreps if s.translation_status != CURRENT), key=lambda s: s.id)


def with_hash(raw: bytes, digest: str, path: Path) -> bytes:
    """raw with its header's translation_of set to digest; every other byte kept."""
    opening = 3 if raw.startswith(b"\xef\xbb\xbf") else 0
    close = CLOSING.search(raw, opening + 4)
    if not raw.startswith(b"---", opening) or close is None:
        raise SitrepError("missing YAML header: the file must start with a '---' line", path, 1)
    header = raw[:close.start()]
    line = f"translation_of: {digest}".encode()
    if HASH_LINE.search(header):
        header = HASH_LINE.sub(line, header, count=1)
    else:
        newline = b"\r\n" if header.endswith(b"\r\n") else b"\n"
        header += line + newline
    return header + raw[close.start():]


def mark_reviewed(briefings: Path, briefing_id: str) -> tuple[Path, str]:
    """Write the current French body hash into <id>.en.md; returns (path, hash)."""
    french, english = (briefings / f"{briefing_id}.{lang}.md" for lang in ("fr", "en"))
    if not french.is_file():
        raise SitrepError(f"sitrep translations: no briefing '{briefing_id}' ({french} not found)")
    if not english.is_file():
        raise SitrepError(f"sitrep translations: '{briefing_id}' has no translation yet "
                          f"({english} not found)")
    digest = body_hash(load_briefing(french).body)
    split_front_matter(read_text(english), english)     # a located error if the header is broken
    english.write_bytes(with_hash(english.read_bytes(), digest, english))
    return english, digest
