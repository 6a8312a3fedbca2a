"""What the last build wrote into an output folder, so the next one changes only what
differs: a page is drawn again only when its fingerprint changed, and a file is
written only when its bytes did."""

from __future__ import annotations

import marshal
import os
import sys
from dataclasses import dataclass, field
from pathlib import Path

from sitrep.cache import code_digest, digest
from sitrep.output import MARKER, check_output_dir

CACHE_DIR = ".sitrep-cache"
INPUT_FOLDERS = ["content", "templates"]          # what a build reads, below the project
COMPILED = "templates"                  # compiled templates, in the cache folder


@dataclass
class Manifest:
    """build: the id written into the output's marker file when the manifest was saved;
    stamp: the inputs' and the output's stat signature; pages: path -> fingerprint;
    files: path -> digest.

    What lets the next build redraw one briefing without reading the others (see
    `quickbuild`): settings, the build's settings (code, search, output); inputs, each
    input file's stat signature; output, the output folder's; order, the briefing ids
    newest first; signatures, per briefing, a digest of all that other pages show of it
    (fingerprint.outside_signature); statuses, per briefing, its translation status;
    page_inputs, for pages whose inputs are coarse, the digest of those inputs;
    footprints, per briefing, where it shows outside its own pages (site.footprint);
    shares, per briefing, what its shares of the facts downloads are made from
    (datafiles.share_sources). The last two let an edit to facts redraw only the pages
    that show them (see factedit).
    """
    build: str = ""
    stamp: str = ""
    pages: dict[str, str] = field(default_factory=dict)
    files: dict[str, str] = field(default_factory=dict)
    settings: str = ""
    inputs: dict[str, str] = field(default_factory=dict)
    output: str = ""
    order: list[str] = field(default_factory=list)
    signatures: dict[str, str] = field(default_factory=dict)
    statuses: dict[str, str] = field(default_factory=dict)
    page_inputs: dict[str, str] = field(default_factory=dict)
    footprints: dict[str, dict] = field(default_factory=dict)
    shares: dict[str, str] = field(default_factory=dict)


def manifest_path(cache_dir: Path, output: Path) -> Path:
    # marshal, not JSON nor pickle: at 5,000 briefings the manifest is 7 MB of JSON, which
    # took a tenth of a second of a one-briefing rebuild to read and write; pickle, 65 ms;
    # marshal, 25 ms (it holds only dicts, lists, tuples, strings and numbers). marshal's
    # format may change between Python versions: the file is named by the version too.
    return cache_dir / f"manifest-{digest(str(output.resolve()), sys.version)}.marshal"


def load_manifest(cache_dir: Path | None, output: Path) -> Manifest | None:
    """The manifest of the build now in output, or None when output is not that build
    (deleted, replaced or touched by another tool since)."""
    if cache_dir is None:
        return None
    try:
        # loads of the bytes: marshal.load reads a file in small pieces, five times slower.
        data = marshal.loads(manifest_path(cache_dir, output).read_bytes())
        marker = (output / MARKER).read_text(encoding="utf-8")
    except (OSError, ValueError, EOFError, TypeError):
        return None
    try:
        manifest = Manifest(**data)
    except TypeError:
        return None                 # written by another version of sitrep, or broken
    return manifest if manifest.build and manifest.build in marker else None


def save_manifest(cache_dir: Path | None, output: Path, manifest: Manifest) -> None:
    if cache_dir is None:
        return
    cache_dir.mkdir(parents=True, exist_ok=True)
    target = manifest_path(cache_dir, output)
    temporary = target.with_name(f".{target.name}.{os.getpid()}")
    temporary.write_bytes(marshal.dumps(manifest.__dict__))
    temporary.replace(target)


def _walk(folder: Path) -> list[tuple[str, int, int]]:
    """(path relative to folder, size, mtime in ns) of every file below folder."""
    found = []
    stack = [""]                    # folders to read, relative to folder ("" is folder)
    base = str(folder)
    while stack:
        relative = stack.pop()
        current = os.path.join(base, relative) if relative else base
        try:
            with os.scandir(current) as scan:
                for entry in scan:
                    name = f"{relative}/{entry.name}" if relative else entry.name
                    if entry.is_dir(follow_symlinks=False):
                        stack.append(name)
                    else:
                        info = entry.stat(follow_symlinks=False)
                        found.append((name, info.st_size, info.st_mtime_ns))
        except OSError:
            found.append((f"{current}\0missing", 0, 0))
    return sorted(found)


def input_files(root: Path, folders: list[str]) -> dict[str, str]:
    """Every file below root/folder for each folder: its path from root and its stat
    signature (size, mtime), which changes when the file is edited."""
    return {f"{folder}/{path}": f"{size}:{mtime}"
            for folder in folders for path, size, mtime in _walk(root / folder)}


def input_stamp(settings: str, files: dict[str, str]) -> str:
    """A signature of the settings and every input file: equal stamps mean nothing was
    edited, without reading a byte."""
    return digest(settings, *(f"{path}\0{stat}" for path, stat in sorted(files.items())))


def output_listing(output: Path) -> dict[str, tuple[int, int]]:
    """Every file in the output folder: path -> (size, mtime in ns)."""
    return {path: (size, mtime) for path, size, mtime in (_walk(output) if output.is_dir() else [])}


def listing_stamp(listing: dict[str, tuple[int, int]]) -> str:
    """The output folder's signature: equal stamps mean nobody touched it."""
    return digest(*(f"{path}\0{size}\0{mtime}" for path, (size, mtime) in sorted(listing.items())))


def restat(output: Path, listing: dict[str, tuple[int, int]], paths) -> None:
    """Bring a listing up to date after the given files were written or removed."""
    for path in paths:
        try:
            info = os.stat(output / path)
            listing[path] = (info.st_size, info.st_mtime_ns)
        except FileNotFoundError:
            listing.pop(path, None)


def output_state(output: Path) -> tuple[str, set[str]]:
    """The output folder's signature, and the files in it (sitrep's marker aside)."""
    listing = output_listing(output)
    return listing_stamp(listing), set(listing) - {MARKER}


@dataclass
class BuildState:
    """An output folder as the next build finds it, and what the last build there left:
    enough to say that nothing changed without importing the rest of sitrep (starting
    Python and walking the two folders is then the whole cost)."""
    output: Path
    cache_dir: Path | None
    manifest: Manifest | None
    settings: str                           # the build's settings (see Manifest)
    inputs: dict[str, str]                  # input_files(): path -> stat signature
    input_stamp: str
    listing: dict[str, tuple[int, int]]     # output_listing()
    output_stamp: str

    @property
    def unchanged(self) -> bool:
        return self.manifest is not None and \
            self.manifest.stamp == digest(self.input_stamp, self.output_stamp)


def build_state(root: Path, output: Path | None = None, *, search: bool = True,
                use_cache: bool = True) -> BuildState:
    """The output folder (default: public/) as a build with these settings finds it."""
    output = output if output is not None else root / "public"
    check_output_dir(output, root)
    cache_dir = root / CACHE_DIR if use_cache else None
    manifest = load_manifest(cache_dir, output)
    settings = f"{code_digest()} search={search} {output.resolve()}"
    inputs = input_files(root, INPUT_FOLDERS)
    listing = output_listing(output)
    return BuildState(output, cache_dir, manifest, settings, inputs,
                      input_stamp(settings, inputs), listing, listing_stamp(listing))
