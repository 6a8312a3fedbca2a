"""What earlier builds computed, kept in .sitrep-cache/ so the next build can reuse it.

Entries are keyed by a digest of everything they depend on (file bytes, the gazetteer,
sitrep's own code), so a stale entry is never used: it is simply not found. The folder
is safe to delete at any time.
"""

from __future__ import annotations

import hashlib
import os
import pickle
from functools import lru_cache
from pathlib import Path
from typing import Any

CACHE_FILE = "build-cache.pickle"
FORMAT = 1


@lru_cache(maxsize=1)
def code_digest() -> str:
    """A digest of sitrep's own code and rule corpora: new code, new cache keys."""
    package = Path(__file__).parent
    digest = hashlib.sha256(f"format {FORMAT}".encode())
    for path in sorted(package.rglob("*")):
        if path.suffix in (".py", ".yaml", ".json") and "__pycache__" not in path.parts:
            digest.update(path.relative_to(package).as_posix().encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()


def digest(*parts: bytes | str) -> str:
    """A short digest of the given parts, each length-prefixed so they cannot run together."""
    h = hashlib.blake2b(digest_size=16)
    for part in parts:
        data = part.encode("utf-8") if isinstance(part, str) else part
        h.update(len(data).to_bytes(8, "little"))
        h.update(data)
    return h.hexdigest()


def folder_digest(folder: Path) -> str:
    """A digest of every file below folder, names and bytes (templates, the gazetteer)."""
    h = hashlib.blake2b(digest_size=16)
    if folder.is_dir():
        for path in sorted(folder.rglob("*")):
            if path.is_file():
                h.update(path.relative_to(folder).as_posix().encode() + b"\0" + path.read_bytes())
    return h.hexdigest()


class BuildCache:
    """A dictionary persisted between builds; only the entries a build used are kept."""

    def __init__(self, folder: Path | None):
        self.folder = folder
        self.entries: dict[str, Any] = {}
        self.used: dict[str, Any] = {}
        if folder is not None:
            try:
                with (folder / CACHE_FILE).open("rb") as handle:
                    stored = pickle.load(handle)
                if stored.get("code") == code_digest():
                    self.entries = stored["entries"]
            except (OSError, EOFError, pickle.UnpicklingError, AttributeError, KeyError,
                    TypeError, ValueError, ImportError):
                self.entries = {}       # a missing or broken cache is an empty one

    def get(self, key: str) -> Any:
        value = self.entries.get(key)
        if value is not None:
            self.used[key] = value
        return value

    def put(self, key: str, value: Any) -> None:
        self.used[key] = value

    def save(self) -> None:
        if self.folder is None:
            return
        self.folder.mkdir(parents=True, exist_ok=True)
        temporary = self.folder / f".{CACHE_FILE}.{os.getpid()}"
        with temporary.open("wb") as handle:
            pickle.dump({"code": code_digest(), "entries": self.used}, handle,
                        protocol=pickle.HIGHEST_PROTOCOL)
        temporary.replace(self.folder / CACHE_FILE)
