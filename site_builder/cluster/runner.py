"""cluster: parse and render on the workers of a Dask distributed cluster, in place of this
machine's process pool; the rest of the build (index, plan, search) stays here, on the client.

A stage's function goes once to every worker, pickled with what it needs (the config; or the
renderer, the planned pages and the staged output folder, as a spawned pool worker gets them:
see render.Renderer), and each task is a chunk of items, article files to parse or numbers of
pages to render. The articles' bodies do not travel with the site: they are left in a file of
the project's cache that the workers read a body from when a page shows it (bodies.py).
Workers write the pages into the staged folder themselves, so they must see the project and
the output folder at the same paths (a shared filesystem). A task does the same however often
it runs: the tasks of a worker lost mid-build are run again elsewhere.
"""

from __future__ import annotations

import gc
import logging
import pickle
import threading
import time
import uuid
from collections.abc import Callable, Iterator, Sequence
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any, TypeVar

import dask
from distributed import Client, Future, LocalCluster, as_completed

from site_builder.cache import code_key
from site_builder.cluster.bodies import dumps_apart
from site_builder.errors import UsageError
from site_builder.pool import MIN_PARALLEL, default_jobs
from site_builder.project import CACHE_DIR

log = logging.getLogger(__name__)

T = TypeVar("T")
R = TypeVar("R")

LOCAL = "local"  # the scheduler named so is started on this machine, with its workers
CHUNK = 256  # most items per task: a task costs the scheduler about a millisecond
IN_FLIGHT = 4  # tasks submitted per worker at a time
WAIT_FOR_WORKERS = 60  # seconds a scheduler may take to have a worker
# A cluster started here shares this machine's cores with the build: its processes' clocks
# wake less often (idle, the defaults take a noticeable share of a core), and workers do not sample their tasks' stacks a hundred times a second for the dashboard's
# profile. A running scheduler's workers keep their operators' settings.
QUIET = {
    "distributed.worker.profile.enabled": False,
    "distributed.admin.tick.interval": "1s",
    "distributed.admin.system-monitor.interval": "2s",
    "distributed.worker.memory.monitor-interval": "1s",
    "distributed.scheduler.work-stealing-interval": "1s",
}

# Parsing and rendering are pure Python, so threads of one worker would take turns on the GIL,
# and the Markdown converter is not thread-safe: one task at a time in each worker process.
_one_task_at_a_time = threading.Lock()


@dataclass(frozen=True)
class Cluster:
    """A client of a Dask scheduler; `run` maps as pool.run_all does, on its workers."""

    client: Client
    # A folder of the project, which the workers see too, for the bodies of the site they get.
    # None: the bodies go with the site.
    scratch: Path | None = None

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
        bodies = self.scratch / f"bodies-{name}" if self.scratch else None
        # As bytes: a broadcast reaches one worker, which passes it on to the others, and a
        # function it held unpickled would be pickled again there, bodies and all.
        shipped = self.client.scatter(_pickled(function, bodies), broadcast=True, hash=False)
        log.debug("%-22s %6.2f s", f"ship {_name_of(function)}", time.perf_counter() - started)
        pending: dict[str, tuple[int, Future]] = {}
        done = as_completed(loop=self.client.loop, with_results=True)

        def submit(n: int) -> None:
            future = self.client.submit(_apply, chunks[n], name=name, function=shipped, key=f"{name}-{n}")
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
            self.client.run(_forget, name, on_error="ignore")
            if bodies is not None:
                bodies.unlink(missing_ok=True)


def _pickled(function: Callable[[Any], Any], bodies: Path | None) -> bytes:
    """A stage's function as bytes for every worker, with the articles' bodies apart in the file
    `bodies` when one is given."""
    if bodies is None:
        return pickle.dumps(function, protocol=pickle.HIGHEST_PROTOCOL)
    bodies.parent.mkdir(parents=True, exist_ok=True)
    return dumps_apart(function, bodies)


# Runs in a worker: the stage whose tasks it runs, and its function, unpickled once.
_stage: tuple[str, Callable[[Any], Any]] | None = None


def _apply(chunk: Sequence[Any], name: str, function: bytes) -> list[Any]:
    global _stage
    with _one_task_at_a_time:
        if _stage is None or _stage[0] != name:
            _stage = None  # the last stage's site may go before this one's arrives
            _stage = name, _unpickle_frozen(function)
        return [_stage[1](item) for item in chunk]


def _forget(name: str) -> None:
    """Runs in every worker once a stage is over: its site is let go, not kept until the next."""
    global _stage
    if _stage is not None and _stage[0] == name:
        _stage = None
        gc.unfreeze()


def _unpickle_frozen(data: bytes) -> Any:
    """The site a worker receives is millions of objects that live until the stage is over.
    Python's cycle collector would walk them all again and again as they arrive (longer than
    the unpickling itself), and then at each full collection
    while pages are drawn; frozen, they are left out, as the local pool's forked workers leave
    out what they inherit. An earlier stage's objects are thawed first, so that they can be
    collected once nothing holds them."""
    gc.unfreeze()
    gc.disable()
    try:
        return pickle.loads(data)
    finally:
        gc.freeze()
        gc.enable()


def _name_of(function: Callable[..., Any]) -> str:
    while isinstance(function, partial):
        function = function.func
    return getattr(function, "__name__", "task")


@contextmanager
def connect(scheduler: str, workers: int | None = None, project: Path | None = None) -> Iterator[Cluster]:
    """A client of the scheduler at `scheduler`, or, for "local", of a cluster started on this
    machine with `workers` processes (default: one per core) and closed on leaving. Given the
    `project` folder, which the workers must see at the same path, the sites they get leave
    the articles' bodies in its cache folder."""
    # Its scheduler's and workers' comings and goings are not the build's news; trouble still is.
    logging.getLogger("distributed").setLevel(logging.WARNING)
    with ExitStack() as stack:
        if scheduler == LOCAL:
            stack.enter_context(dask.config.set(QUIET))  # read by the client and the cluster as they start
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
        yield Cluster(client, project / CACHE_DIR if project else None)
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
