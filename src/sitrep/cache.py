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

# Entries are kept in shards by the first digit of their key, and a build rewrites only
# the shards whose entries changed: after one edit, the few holding its old and new
# entries (saving the whole cache took 0.3 s at 5,000 briefings).
SHARDS = "0123456789abcdef"
SHARD_FILE = "build-cache-{}.pickle"
FORMAT = 3


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
    """A dictionary persisted between builds; only the entries a build used are kept.
    Keys are hexadecimal digests of everything their value depends on, so an entry
    under a key never changes: a shard whose keys are the same holds the same bytes.

    Each entry is kept pickled on its own and unpickled when first asked for, so that a
    build that needs a few hundred briefings of thousands (a fact edit, see quickbuild)
    reads the shards whole but decodes only those."""

    def __init__(self, folder: Path | None):
        self.folder = folder
        self.blobs: dict[str, bytes] = {}       # key -> the pickled value, as read
        self.values: dict[str, Any] = {}        # key -> the value, decoded or put
        self.used: set[str] = set()
        self.loaded: dict[str, set[str]] = {shard: set() for shard in SHARDS}
        if folder is not None:
            for shard in SHARDS:
                stored = self._read(folder / SHARD_FILE.format(shard))
                self.blobs.update(stored)
                self.loaded[shard] = set(stored)

    @staticmethod
    def _read(path: Path) -> dict[str, bytes]:
        try:
            with path.open("rb") as handle:
                stored = pickle.load(handle)
            if stored.get("code") == code_digest():
                return stored["entries"]
        except (OSError, EOFError, pickle.UnpicklingError, AttributeError, KeyError,
                TypeError, ValueError, ImportError):
            pass                        # a missing or broken shard is an empty one
        return {}

    def get(self, key: str) -> Any:
        value = self.values.get(key)
        if value is None:
            blob = self.blobs.get(key)
            if blob is None:
                return None
            try:
                value = pickle.loads(blob)
            except (EOFError, pickle.UnpicklingError, AttributeError, TypeError, ValueError,
                    ImportError, IndexError):
                del self.blobs[key]     # a broken entry is a missing one
                return None
            self.values[key] = value
        self.used.add(key)
        return value

    def put(self, key: str, value: Any) -> None:
        self.values[key] = value
        self.used.add(key)

    def save(self, prune: bool = True) -> None:
        """Write the shards whose keys changed. prune: keep only the entries this build
        used (a build that read only some briefings keeps the others too)."""
        if self.folder is None:
            return
        self.folder.mkdir(parents=True, exist_ok=True)
        shards: dict[str, set[str]] = {shard: set() for shard in SHARDS}
        for key in self.used if prune else self.used | set(self.blobs):
            shards[key[0]].add(key)
        for shard, keys in shards.items():
            if keys == self.loaded[shard]:
                continue                # same keys, same values: the file is as it should be
            entries = {key: self.blobs.get(key) or pickle.dumps(
                self.values[key], protocol=pickle.HIGHEST_PROTOCOL) for key in sorted(keys)}
            temporary = self.folder / f".{SHARD_FILE.format(shard)}.{os.getpid()}"
            with temporary.open("wb") as handle:
                pickle.dump({"code": code_digest(), "entries": entries}, handle,
                            protocol=pickle.HIGHEST_PROTOCOL)
            temporary.replace(self.folder / SHARD_FILE.format(shard))
            self.loaded[shard] = keys
