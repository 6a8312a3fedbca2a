"""The Pagefind search index (one per language: Pagefind splits pages by <html lang>).

Pagefind's own binary indexes a folder; its Python service API was measured here at
~13 s for 130 pages against ~0.05 s for the binary, and its output was not
byte-stable, so the pages are laid out in a scratch folder and the binary run on it.
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from pathlib import Path

from sitrep.errors import SitrepError

BUNDLE = "pagefind"


def search_index(site: Path) -> dict[str, bytes]:
    """The files of the search bundle for the pages in site, to go under /pagefind/.

    Only pages with a data-pagefind-body element are indexed (briefings, method), each
    in the index of its <html lang>."""
    with tempfile.TemporaryDirectory(prefix="sitrep-pagefind-") as tmp:
        bundle = Path(tmp) / BUNDLE
        command = [sys.executable, "-m", "pagefind", "--site", str(site),
                   "--glob", "{fr,en}/**/*.html", "--output-path", str(bundle), "--quiet"]
        try:
            result = subprocess.run(command, capture_output=True, text=True, check=False)
        except OSError as exc:
            raise SitrepError(f"cannot run Pagefind: {exc}") from None
        if result.returncode != 0:
            detail = (result.stderr or result.stdout).strip().splitlines()
            raise SitrepError("Pagefind failed to index the site"
                              + (f": {detail[-1]}" if detail else "")
                              + " (is 'pagefind[bin]' installed?)")
        return {f"{BUNDLE}/{p.relative_to(bundle).as_posix()}": _stable(p)
                for p in sorted(bundle.rglob("*")) if p.is_file()}


def _stable(path: Path) -> bytes:
    """The file's bytes; Pagefind writes the languages of its entry file in hash-map
    order, which changes from run to run: that one is rewritten with sorted keys."""
    if path.name != "pagefind-entry.json":
        return path.read_bytes()
    entry = json.loads(path.read_bytes())
    return json.dumps(entry, ensure_ascii=False, sort_keys=True,
                      separators=(",", ":")).encode("utf-8")
