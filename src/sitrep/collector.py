"""Python's cycle collector, paused while a build runs.

A build makes millions of objects and frees nearly all of them by reference counting.
The cycle collector, run every 20,000 allocations, scans the objects that survived
earlier runs again and again: the manifest of a large archive, the briefings read from
the cache. At 5,000 briefings that was a tenth of a second of a one-briefing rebuild,
and a cold build's peak memory is the same without it (benchmarks/PROFILE.md). It is
paused, not disabled: `sitrep serve` builds again and again in one process, and it runs
again between builds.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def collector_paused() -> Iterator[None]:
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
