"""Use every core for the two heavy stages: reading and extracting briefings, and
drawing pages. Work is split over forked processes, which inherit the loaded state,
so nothing big is pickled on the way in."""

from __future__ import annotations

import multiprocessing
import os
from typing import Any, Callable, Sequence

# Below this many items a second process costs more than it saves.
MIN_ITEMS_PER_PROCESS = 200
_WORK: tuple[Callable[[Sequence[Any]], list], Sequence[Any]] | None = None


def default_jobs() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:          # not on Linux
        return max(1, os.cpu_count() or 1)


def _run_share(index_and_count: tuple[int, int]) -> list:
    function, items = _WORK
    index, count = index_and_count
    return function(items[index::count])


def map_shares(function: Callable[[Sequence[Any]], list], items: Sequence[Any],
               jobs: int | None = None) -> list:
    """function(items) computed in up to `jobs` forked processes, each given every
    jobs-th item; the results come back in the order of items."""
    jobs = jobs or default_jobs()
    count = min(jobs, len(items) // MIN_ITEMS_PER_PROCESS)
    if count < 2 or "fork" not in multiprocessing.get_all_start_methods():
        return function(items)
    global _WORK
    _WORK = (function, items)
    try:
        with multiprocessing.get_context("fork").Pool(count) as pool:
            shares = pool.map(_run_share, [(index, count) for index in range(count)])
    finally:
        _WORK = None
    results: list = [None] * len(items)
    for index, share in enumerate(shares):
        results[index::count] = share
    return results
