"""Put a build's files in place: all at once into a fresh folder swapped in (first
build), or only the files whose bytes changed (later builds). Later builds keep changed
pages in a staging folder beside the output, written there by the drawing workers (a
template edit changes every page: hundreds of megabytes that would otherwise travel
back to one process and wait in its memory), and move them in once all are drawn.

Either way nothing in the output changes until every page has been drawn, so a build
that fails on content or templates leaves the previous site exactly as it was.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import shutil
from pathlib import Path

from sitrep.cache import digest
from sitrep.errors import SitrepError
from sitrep.manifest import Manifest
from sitrep.output import MARKER
from sitrep.search import BUNDLE, search_index


def _digest(data: bytes) -> str:
    return hashlib.blake2b(data, digest_size=16).hexdigest()


def _safe_target(folder: Path, relative: str) -> Path:
    # Paths come from ids and slugs, which are checked on input; this is the last
    # line: a path that would leave the folder is never written.
    parts = relative.split("/")
    if not relative or relative.startswith("/") or any(p in ("", ".", "..") for p in parts):
        raise SitrepError(f"output path escapes the site folder: {relative!r}")
    return folder.joinpath(*parts)


def _write(folder: Path, relative: str, data: bytes) -> None:
    target = _safe_target(folder, relative)
    target.parent.mkdir(parents=True, exist_ok=True)
    temporary = target.with_name(f".{target.name}.sitrep-tmp")
    temporary.write_bytes(data)
    temporary.replace(target)


def render_and_write(folder: Path, render, pages) -> list[tuple[str, str]]:
    """Draw pages and write them into folder at once (a fresh folder only); return each
    page's digest. Runs in worker processes, so pages never pile up in memory."""
    written = []
    for path, data in render(pages):
        _write(folder, path, data)
        written.append((path, _digest(data)))
    return written


class SiteWriter:
    """Collects a build's files and puts them in place when the build has succeeded."""

    def __init__(self, output: Path, previous: Manifest | None):
        self.output = output.resolve()
        self.previous = previous                # None: first build into this folder
        self.digests: dict[str, str] = {}
        self.staged: dict[str, bytes] = {}
        self.touched: set[str] = set()          # files written or removed in place
        # Later builds: pages drawn by workers whose bytes changed wait here.
        self.stage = self.output.parent / f".{self.output.name}.stage-{os.getpid()}"
        self.staged_pages: list[str] = []
        shutil.rmtree(self.stage, ignore_errors=True)
        if previous is None:
            self.folder = self.output.parent / f".{self.output.name}.new-{os.getpid()}"
            shutil.rmtree(self.folder, ignore_errors=True)
            self.folder.mkdir(parents=True)
        else:
            self.folder = self.output

    @contextlib.contextmanager
    def undone_on_failure(self):
        """Drop the fresh folder if the block fails; a disk error becomes a message."""
        try:
            yield self
        except OSError as exc:
            self.abandon()
            raise SitrepError(f"cannot write the site: {exc.strerror or exc}",
                              exc.filename or self.output) from None
        except BaseException:
            self.abandon()
            raise

    def abandon(self) -> None:
        """The build failed: drop the fresh folder; the output was never touched."""
        if self.fresh:
            shutil.rmtree(self.folder, ignore_errors=True)
        shutil.rmtree(self.stage, ignore_errors=True)

    @property
    def fresh(self) -> bool:
        return self.previous is None

    def add_written(self, results: list[tuple[str, str]]) -> None:
        self.digests.update(results)

    def add(self, path: str, data: bytes) -> None:
        code = _digest(data)
        self.digests[path] = code
        if self.fresh:
            _write(self.folder, path, data)
        elif self.previous.files.get(path) != code:
            self.staged[path] = data

    def stage_pages(self, drawn) -> list[tuple[str, str, bool]]:
        """In a worker of a later build: each drawn page's bytes written to the staging
        folder if they changed; returns (path, digest, changed) for add_staged."""
        results = []
        for path, data in drawn:
            code = _digest(data)
            changed = self.previous.files.get(path) != code
            if changed:
                _write(self.stage, path, data)
            results.append((path, code, changed))
        return results

    def add_staged(self, results: list[tuple[str, str, bool]]) -> None:
        for path, code, changed in results:
            self.digests[path] = code
            if changed:
                self.staged_pages.append(path)

    def keep(self, paths: list[str]) -> None:
        """Pages whose fingerprint did not change: their files stay as they are."""
        for path in paths:
            self.digests[path] = self.previous.files[path]

    @property
    def build_id(self) -> str:
        return digest(*(f"{path}={code}" for path, code in sorted(self.digests.items())))

    def _search(self) -> None:
        bundle = search_index(self.folder)
        for path, data in bundle.items():
            self.add(path, data)

    def finish(self, search: bool) -> int:
        """Write what changed (or swap the fresh folder in); the count of files written."""
        try:
            if self.fresh:
                if search:
                    self._search()
                count = len(self.digests)
            else:
                count = self._update(search)
            _write(self.folder, MARKER, f"built by sitrep; build {self.build_id}\n".encode())
            self.touched.add(MARKER)
        except BaseException:
            if self.fresh:
                shutil.rmtree(self.folder, ignore_errors=True)
            raise
        if self.fresh:
            self._swap()
        return count

    def _update(self, search: bool) -> int:
        count = len(self.staged) + len(self.staged_pages)
        for path in sorted(self.staged):
            _write(self.folder, path, self.staged[path])
        for path in sorted(self.staged_pages):
            target = _safe_target(self.folder, path)
            target.parent.mkdir(parents=True, exist_ok=True)
            os.replace(_safe_target(self.stage, path), target)
        shutil.rmtree(self.stage, ignore_errors=True)
        self.touched.update(self.staged, self.staged_pages)
        old_bundle = {p for p in self.previous.files if p.startswith(BUNDLE + "/")}
        gone = set(self.previous.files) - set(self.digests) - old_bundle
        self._remove(gone)
        pages_changed = any(p.endswith(".html") for p in [*self.staged, *self.staged_pages]) \
            or gone
        self.staged.clear()
        if search and (pages_changed or not old_bundle):
            self._search()          # the pages are all in place: index them
            count += len(self.staged)
            for path in sorted(self.staged):
                _write(self.folder, path, self.staged[path])
            self.touched.update(self.staged)
        elif search:
            for path in old_bundle:
                self.digests[path] = self.previous.files[path]
        stale_bundle = old_bundle - set(self.digests)
        self._remove(stale_bundle)
        return count + len(gone) + len(stale_bundle)

    def _remove(self, paths: set[str]) -> None:
        self.touched.update(paths)
        for path in sorted(paths):
            target = _safe_target(self.folder, path)
            target.unlink(missing_ok=True)
            # Leave no empty folder behind: a clean build would not have it.
            parent = target.parent
            while parent != self.folder and not any(parent.iterdir()):
                parent.rmdir()
                parent = parent.parent

    def _swap(self) -> None:
        old = self.output.parent / f".{self.output.name}.old-{os.getpid()}"
        shutil.rmtree(old, ignore_errors=True)
        try:
            if self.output.exists():
                self.output.rename(old)
            self.folder.rename(self.output)
        except BaseException:
            if old.exists() and not self.output.exists():
                old.rename(self.output)
            shutil.rmtree(self.folder, ignore_errors=True)
            raise
        shutil.rmtree(old, ignore_errors=True)


def write_site(output: Path, files: dict[str, bytes]) -> int:
    """Write files (relative path -> bytes) to a fresh folder beside output and swap it
    in: no search index, nothing remembered. A failure leaves output as it was."""
    writer = SiteWriter(output, None)
    with writer.undone_on_failure():
        for path in sorted(files):
            writer.add(path, files[path])
        return writer.finish(search=False)
