"""Build progress as counts on stderr when it is a terminal; silent otherwise (CI, pipes).

The pipeline calls `progress(stage, done, total)`; a `None` callback costs nothing.
"""

from __future__ import annotations

import sys
import time
from typing import Callable, TextIO

ProgressCallback = Callable[[str, int, int], None]
# Redraw at most this often: thousands of briefings must not become thousands of writes.
REDRAW_SECONDS = 0.1


class TerminalProgress:
    """Redraws one line, `extract 120/3000`, and ends it when a stage completes."""

    def __init__(self, stream: TextIO):
        self.stream = stream
        self.last = 0.0

    def __call__(self, stage: str, done: int, total: int) -> None:
        now = time.monotonic()
        finished = done >= total
        if not finished and now - self.last < REDRAW_SECONDS:
            return
        self.last = now
        self.stream.write(f"\r{stage} {done}/{total}" + ("\n" if finished else ""))
        self.stream.flush()


def terminal_progress(stream: TextIO | None = None) -> ProgressCallback | None:
    """A progress callback for stream (default stderr) if it is a terminal, else None."""
    stream = stream if stream is not None else sys.stderr
    isatty = getattr(stream, "isatty", None)
    return TerminalProgress(stream) if isatty is not None and isatty() else None
