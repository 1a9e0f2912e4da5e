"""watch: the operating system's file events -> each settled burst of added, changed and removed paths."""

from __future__ import annotations

import os
import queue
import threading
import time
from collections.abc import Iterable, Iterator
from pathlib import Path

import watchfiles

# One save is several events (a temporary file, a rename, a backup): a burst ends once nothing
# has happened for STEP_MS, or after DEBOUNCE_MS of steady change at most.
STEP_MS, DEBOUNCE_MS = 50, 1600
# How often the watcher wakes when nothing happens, to see whether a watched path that did
# not exist (a first `templates/` override) has appeared since.
IDLE_MS = 300
# File systems whose changes made on another machine send no events here: they are polled.
NETWORK_FILESYSTEMS = {"nfs", "nfs4", "cifs", "smb3", "smbfs", "9p", "fuse.sshfs", "afs", "ceph", "glusterfs"}


def changes(paths: list[Path], stop: threading.Event, poll: bool | None = None,
            idle: float | None = None) -> Iterator[set[Path]]:
    """Yield the paths that changed since the last yield: all that happened while the caller
    was busy with the last set comes as one set. Watching starts now, not at the first `next()`,
    so no edit in between is lost. `poll`: None polls only on network file systems (events
    from other machines do not reach this one). `idle`: yield an empty set once nothing has
    changed for that many seconds, for work that waits for a pause. Stops when `stop` is set."""
    found: queue.SimpleQueue[set[Path]] = queue.SimpleQueue()
    ready = threading.Event()
    if poll is None:
        poll = any(on_network_filesystem(path) for path in paths)
    threading.Thread(target=_watch, args=(paths, stop, poll, found, ready), daemon=True).start()
    ready.wait()
    return _batches(found, stop, idle)


def _batches(found: queue.SimpleQueue[set[Path]], stop: threading.Event,
             idle: float | None) -> Iterator[set[Path]]:
    quiet_since: float | None = time.monotonic()  # None: an empty set was yielded since
    while not stop.is_set():
        try:
            batch = found.get(timeout=IDLE_MS / 1000)
        except queue.Empty:
            if idle is not None and quiet_since is not None and time.monotonic() - quiet_since >= idle:
                quiet_since = None
                if not stop.is_set():
                    yield set()
            continue
        while not found.empty():  # what came in meanwhile: one rebuild, not one each
            batch |= found.get()
        yield batch
        quiet_since = time.monotonic()


def _watch(paths: list[Path], stop: threading.Event, poll: bool, found: queue.SimpleQueue[set[Path]],
           ready: threading.Event) -> None:
    appeared: set[Path] = set()  # paths that were missing, reported once they are watched
    while not stop.is_set():
        present = [path for path in paths if path.exists()]
        if not present:
            ready.set()
            if stop.wait(IDLE_MS / 1000):
                return
            continue
        # The watcher's first yield, even an empty one, says it is watching: what appeared
        # before is reported then, so that whatever is written into it later is seen too.
        for batch in watchfiles.watch(*present, watch_filter=_wanted, step=STEP_MS, debounce=DEBOUNCE_MS,
                                      stop_event=stop, rust_timeout=IDLE_MS, yield_on_timeout=True,
                                      force_polling=poll, raise_interrupt=False):
            ready.set()
            changed = {Path(path) for _, path in batch} | appeared
            if changed:
                found.put(changed)
            appeared = {path for path in paths if path not in present and path.exists()}
            if appeared:
                break  # to watch it from now on


_VERSION_CONTROL = watchfiles.DefaultFilter()  # .git, __pycache__ and the like, at any depth


def _wanted(change: watchfiles.Change, path: str) -> bool:
    return _VERSION_CONTROL(change, path) and not is_litter(os.path.basename(path))


def is_litter(name: str) -> bool:
    """Hidden files and folders, and editor swap, lock and backup files: none change the site."""
    return name.startswith((".", "#")) or name.endswith(("~", ".swp", ".swx", ".tmp")) or name == "4913"


def on_network_filesystem(path: Path, mounts: Iterable[str] | None = None) -> bool:
    """Whether `path` lies on a network file system, by the longest mount point above it
    (Linux's /proc/mounts; elsewhere, no)."""
    if mounts is None:
        try:
            with open("/proc/mounts", encoding="utf-8") as handle:
                mounts = handle.read().splitlines()
        except OSError:
            return False
    target = str(path.resolve())
    best, kind = "", ""
    for line in mounts:
        fields = line.split()
        if len(fields) < 3:
            continue
        point = fields[1].replace("\\040", " ")
        inside = target == point or target.startswith(point.rstrip("/") + "/")
        if inside and len(point) > len(best):
            best, kind = point, fields[2]
    return kind in NETWORK_FILESYSTEMS
