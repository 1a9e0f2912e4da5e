"""pool: run a pure function over many items on every core, results in input order.

Workers are forked, so they start with the parent's memory (the parsed site, the compiled
templates) instead of receiving it through a pipe.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
from collections.abc import Callable, Iterator, Sequence
from typing import Any, TypeVar

T = TypeVar("T")
R = TypeVar("R")

# Below this many items a pool costs more than it saves.
MIN_PARALLEL = 64

_task: Callable[[Any], Any] | None = None  # set in the parent just before forking


def default_jobs() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def run_all(function: Callable[[T], R], items: Sequence[T], jobs: int,
            min_items: int = MIN_PARALLEL) -> Iterator[R]:
    """`function(item)` for every item, in order; in `jobs` forked processes when there are
    at least `min_items` (fewer are not worth a pool)."""
    if jobs <= 1 or len(items) < min_items or "fork" not in multiprocessing.get_all_start_methods():
        yield from map(function, items)
        return
    global _task
    _task = function
    # Frozen, the objects the workers inherit are left out of their garbage collections: a
    # collection would walk the whole site model and copy every page of memory it touches.
    gc.freeze()
    try:
        context = multiprocessing.get_context("fork")
        chunk = max(1, min(256, len(items) // (jobs * 8)))
        with context.Pool(jobs) as workers:
            yield from workers.imap(_call, items, chunksize=chunk)
    finally:
        _task = None
        gc.unfreeze()  # in this process they may become garbage again (the dev server lives on)


def _call(item: Any) -> Any:
    assert _task is not None
    return _task(item)
