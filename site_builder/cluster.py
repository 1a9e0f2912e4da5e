"""cluster: parse and render on the workers of a Dask distributed cluster, in place of this
machine's process pool; the rest of the build (index, plan, search) stays here, on the client.

A stage's function goes once to every worker, pickled with what it needs (the config; or the
renderer, the planned pages and the staged output folder, as a spawned pool worker gets them:
see render.Renderer), and each task is a chunk of items, article files to parse or numbers of
pages to render. Workers write the pages into the staged folder themselves, so they must see
the project and the output folder at the same paths (a shared filesystem). A task does the
same however often it runs: the tasks of a worker lost mid-build are run again elsewhere.
"""

from __future__ import annotations

import logging
import threading
import time
import uuid
from collections.abc import Callable, Iterator, Sequence
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from functools import partial
from typing import Any, TypeVar

from distributed import Client, Future, LocalCluster, as_completed

from site_builder.cache import code_key
from site_builder.model import UsageError
from site_builder.pool import MIN_PARALLEL, default_jobs

log = logging.getLogger(__name__)

T = TypeVar("T")
R = TypeVar("R")

LOCAL = "local"  # the scheduler named so is started on this machine, with its workers
CHUNK = 256  # most items per task: a task costs the scheduler about a millisecond
IN_FLIGHT = 4  # tasks submitted per worker at a time
WAIT_FOR_WORKERS = 60  # seconds a scheduler may take to have a worker

# Parsing and rendering are pure Python, so threads of one worker would take turns on the GIL,
# and the Markdown converter is not thread-safe: one task at a time in each worker process.
_one_task_at_a_time = threading.Lock()


@dataclass(frozen=True)
class Cluster:
    """A client of a Dask scheduler; `run` maps as pool.run_all does, on its workers."""

    client: Client

    @property
    def address(self) -> str:
        return self.client.scheduler.address

    @property
    def workers(self) -> int:
        return len(self.client.scheduler_info()["workers"])

    @property
    def dashboard(self) -> str | None:
        port = self.client.scheduler_info().get("services", {}).get("dashboard")
        return self.client.dashboard_link if port else None

    def run(self, function: Callable[[T], R], items: Sequence[T], jobs: int,
            min_items: int = MIN_PARALLEL) -> Iterator[R]:
        """`function(item)` for every item, in order; on the workers when there are at least
        `min_items`. `jobs` is the pool's: the cluster has the workers it has."""
        if len(items) < min_items:
            yield from map(function, items)
            return
        workers = len(self.client.nthreads()) or 1  # each runs one task at a time (see _apply)
        size = max(1, min(CHUNK, len(items) // (workers * 8)))
        chunks = [items[start: start + size] for start in range(0, len(items), size)]
        # Named for the dashboard (parse_article_file-..., _render_nth-...), unique per build.
        name = f"{_name_of(function)}-{uuid.uuid4().hex[:12]}"
        started = time.perf_counter()
        shipped = self.client.scatter(function, broadcast=True, hash=False)
        log.debug("%-22s %6.2f s", f"ship {_name_of(function)}", time.perf_counter() - started)
        pending: dict[str, tuple[int, Future]] = {}
        done = as_completed(loop=self.client.loop, with_results=True)

        def submit(n: int) -> None:
            future = self.client.submit(_apply, chunks[n], function=shipped, key=f"{name}-{n}")
            pending[future.key] = n, future
            done.add(future)

        # A few tasks per worker at a time, more as they finish: the scheduler then holds the
        # paths being worked on, not those of the whole archive (a hundred bytes an article).
        submitted = min(len(chunks), workers * IN_FLIGHT)
        for n in range(submitted):
            submit(n)
        arrived: dict[int, list[Any]] = {}
        following = 0
        try:
            for future, results in done:
                arrived[pending.pop(future.key)[0]] = results
                if submitted < len(chunks):
                    submit(submitted)
                    submitted += 1
                while following in arrived:  # in order, each as soon as those before it are in
                    yield from arrived.pop(following)
                    following += 1
        finally:
            # On failure, nothing more is started; what runs finishes into a staged folder that
            # the build discards (or the next build clears).
            self.client.cancel([future for _, future in pending.values()] + [shipped])


def _apply(chunk: Sequence[Any], function: Callable[[Any], Any]) -> list[Any]:
    with _one_task_at_a_time:
        return [function(item) for item in chunk]


def _name_of(function: Callable[..., Any]) -> str:
    while isinstance(function, partial):
        function = function.func
    return getattr(function, "__name__", "task")


@contextmanager
def connect(scheduler: str, workers: int | None = None) -> Iterator[Cluster]:
    """A client of the scheduler at `scheduler`, or, for "local", of a cluster started on this
    machine with `workers` processes (default: one per core) and closed on leaving."""
    # Its scheduler's and workers' comings and goings are not the build's news; trouble still is.
    logging.getLogger("distributed").setLevel(logging.WARNING)
    with ExitStack() as stack:
        if scheduler == LOCAL:
            # On loopback only, the dashboard on any free port.
            address: str | LocalCluster = stack.enter_context(LocalCluster(
                n_workers=workers or default_jobs(), threads_per_worker=1, processes=True,
                host="127.0.0.1", dashboard_address="127.0.0.1:0"))
        else:
            address = scheduler
        try:
            client = stack.enter_context(Client(address, set_as_default=False))
            client.wait_for_workers(1, timeout=WAIT_FOR_WORKERS)
        except (OSError, TimeoutError) as err:
            raise UsageError(f"{scheduler}: no Dask scheduler with workers there ({err})") from err
        _check_workers(client, scheduler)
        yield Cluster(client)
        if log.isEnabledFor(logging.DEBUG):
            peaks = client.run(_peak_memory_mb, on_error="return").values()
            log.debug("workers' peak memory: %s MB",
                      ", ".join(f"{mb:.0f}" for mb in sorted(mb for mb in peaks if isinstance(mb, float))))


def _peak_memory_mb() -> float:
    import resource  # not on Windows: there the worker reports an error, left out

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _check_workers(client: Client, scheduler: str) -> None:
    """Workers with other code, or other versions of the libraries that shape HTML, would draw
    other pages than this machine does: refused."""
    ours = code_key()
    theirs = client.run(code_key, on_error="return")
    others = sorted(worker for worker, key in theirs.items() if key != ours)
    if others:
        raise UsageError(f"{scheduler}: {len(others)} of {len(theirs)} workers run another site-builder or "
                         f"other Markdown/HTML libraries than this one ({others[0]}); install the same on them")
