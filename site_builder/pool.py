"""pool: run a pure function over many items on every core, results in input order.

On Linux workers are forked, so they start with the parent's memory (the parsed site, the
compiled templates) instead of receiving it through a pipe. Where fork is missing (Windows)
or unsafe (macOS, whose system libraries may deadlock in a forked child) they are spawned:
each receives the function once, pickled with what it needs, and sets itself up from that.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import Any, Literal, Protocol, TypeVar

T = TypeVar("T")
R = TypeVar("R")

Progress = Callable[[str, int, int], None]  # (stage, done, total), for a progress bar

# Below this many items a pool costs more than it saves.
MIN_PARALLEL = 64
# "fork" or "spawn", to use the other platforms' way on Linux (the tests do).
START_METHOD_VARIABLE = "SITE_BUILDER_START_METHOD"

_task: Callable[[Any], Any] | None = None  # forked: set in the parent; spawned: sent to each worker


class Runner(Protocol):
    """What maps the build's pure stages (parse, render) over their items, results in input
    order: `run_all` on this machine's cores, or a cluster's workers (cluster.py)."""

    def __call__(self, function: Callable[[T], R], items: Sequence[T], jobs: int,
                 min_items: int = MIN_PARALLEL) -> Iterator[R]: ...


def default_jobs() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def start_method() -> Literal["fork", "spawn"]:
    chosen = os.environ.get(START_METHOD_VARIABLE)
    if chosen in ("fork", "spawn"):
        return chosen
    forks = "fork" in multiprocessing.get_all_start_methods() and sys.platform != "darwin"
    return "fork" if forks else "spawn"


def run_all(function: Callable[[T], R], items: Sequence[T], jobs: int,
            min_items: int = MIN_PARALLEL) -> Iterator[R]:
    """`function(item)` for every item, in order; in `jobs` processes when there are at least
    `min_items` (fewer are not worth a pool). Spawned workers need `function` to pickle."""
    if jobs <= 1 or len(items) < min_items:
        yield from map(function, items)
        return
    chunk = max(1, min(256, len(items) // (jobs * 8)))
    if start_method() == "spawn":
        with multiprocessing.get_context("spawn").Pool(jobs, _receive, (function,)) as workers:
            yield from workers.imap(_call, items, chunksize=chunk)
        return
    global _task
    _task = function
    # Frozen, the objects the workers inherit are left out of their garbage collections: a
    # collection would walk the whole site model and copy every page of memory it touches.
    gc.freeze()
    try:
        # A build pauses the cycle collector in this process (build.py); workers make and drop
        # a page's objects by the thousand, so theirs runs.
        with multiprocessing.get_context("fork").Pool(jobs, gc.enable) as workers:
            yield from workers.imap(_call, items, chunksize=chunk)
    finally:
        _task = None
        gc.unfreeze()  # in this process they may become garbage again (the dev server lives on)


def _receive(function: Callable[[Any], Any]) -> None:
    global _task
    _task = function


def _call(item: Any) -> Any:
    assert _task is not None
    return _task(item)


def counted(results: Iterable[T], stage: str, total: int, progress: Progress | None) -> Iterator[T]:
    """Pass results through, telling `progress` every so often how far along they are."""
    step = max(1, total // 100)
    for done, result in enumerate(results, 1):
        if progress is not None and (done % step == 0 or done == total):
            progress(stage, done, total)
        yield result
