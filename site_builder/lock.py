"""lock: one build, check or deploy at a time per project, through a lock file in the cache folder
that the system lets go when its holder ends, even killed, so a stale lock recovers itself.

Two builds at once would write the same staging folder and cache; a build during a deploy
would change the files the deploy is sending. The holder writes its pid, command and start
time into the file, for the message of whoever waits.
"""

from __future__ import annotations

import json
import logging
import os
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from site_builder.errors import UsageError
from site_builder.project import CACHE_DIR

try:
    import fcntl
except ImportError:  # Windows
    fcntl = None  # type: ignore[assignment]
    import msvcrt

log = logging.getLogger(__name__)
LOCK_FILE = "lock"
POLL_SECONDS = 0.1  # how often a waiter with a time limit tries again
_WINDOWS_BYTE = 1 << 20  # msvcrt locks bytes, which others may then not read: one past the holder's record

_held: set[int] = set()  # this process's lock files, closed in forked children (see _forget_in_child)


@dataclass(frozen=True)
class Holder:
    """Who holds a project's lock, as it wrote itself into the lock file."""

    pid: int
    command: str  # e.g. "build", "deploy production"
    started: float  # seconds since the epoch

    def __str__(self) -> str:
        return f"the {self.command} started by pid {self.pid} at {time.strftime('%H:%M:%S', time.localtime(self.started))}"


class ProjectBusy(UsageError):
    """Another command holds the project and this one would not wait (longer)."""


@contextmanager
def project_lock(root: Path, command: str, wait: float | None = None,
                 waiting: Callable[[Holder | None], None] | None = None) -> Iterator[None]:
    """Hold the project `root` for `command` while the block runs. `wait`: seconds to wait for
    another holder (None: as long as it takes; 0: not at all); `waiting` is told once who that
    is (None when it has not said yet). A project whose cache folder cannot be written (a
    read-only checkout) has nothing to protect and is not locked."""
    handle = _open(root / CACHE_DIR / LOCK_FILE)
    if handle is None:
        yield
        return
    try:
        if not _try_lock(handle):
            _wait_for(handle, wait, waiting, root)
        _held.add(handle)
        _write_holder(handle, Holder(os.getpid(), command, time.time()))
        try:
            yield
        finally:
            _held.discard(handle)
            _unlock(handle)
    finally:
        os.close(handle)


def current_holder(root: Path) -> Holder | None:
    """Who holds the lock of `root` now, as far as its file says; None if nobody does."""
    handle = _open(root / CACHE_DIR / LOCK_FILE)
    if handle is None:
        return None
    try:
        if _try_lock(handle):
            _unlock(handle)
            return None
        return _read_holder(handle)
    finally:
        os.close(handle)


def _open(path: Path) -> int | None:
    try:
        path.parent.mkdir(exist_ok=True)
        return os.open(path, os.O_RDWR | os.O_CREAT | getattr(os, "O_CLOEXEC", 0), 0o644)
    except OSError as err:
        log.debug("project not locked: %s", err)
        return None


def _wait_for(handle: int, wait: float | None, waiting: Callable[[Holder | None], None] | None,
              root: Path) -> None:
    holder = _read_holder(handle)
    if wait is not None and wait <= 0:
        raise ProjectBusy(_busy(root, holder))
    if waiting is not None:
        waiting(holder)
    if wait is None and fcntl is not None:
        fcntl.flock(handle, fcntl.LOCK_EX)  # the system wakes us when the holder lets go
        return
    deadline = time.monotonic() + (wait if wait is not None else float("inf"))
    while not _try_lock(handle):
        if time.monotonic() >= deadline:
            raise ProjectBusy(_busy(root, _read_holder(handle) or holder))
        time.sleep(POLL_SECONDS)


def _busy(root: Path, holder: Holder | None) -> str:
    who = str(holder) if holder is not None else "another site-builder command"
    return f"{root}: {who} is still running; try again once it ends (or without --no-wait, to wait for it)"


def _try_lock(handle: int) -> bool:
    try:
        if fcntl is not None:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        else:
            os.lseek(handle, _WINDOWS_BYTE, os.SEEK_SET)
            msvcrt.locking(handle, msvcrt.LK_NBLCK, 1)
    except OSError:
        return False
    return True


def _unlock(handle: int) -> None:
    if fcntl is not None:
        fcntl.flock(handle, fcntl.LOCK_UN)
    else:
        os.lseek(handle, _WINDOWS_BYTE, os.SEEK_SET)
        msvcrt.locking(handle, msvcrt.LK_UNLCK, 1)


def _write_holder(handle: int, holder: Holder) -> None:
    record = json.dumps({"pid": holder.pid, "command": holder.command, "started": holder.started}).encode()
    try:
        os.ftruncate(handle, 0)
        os.lseek(handle, 0, os.SEEK_SET)
        os.write(handle, record)
    except OSError as err:  # only the waiters' message suffers
        log.debug("lock holder not recorded: %s", err)


def _read_holder(handle: int) -> Holder | None:
    try:
        os.lseek(handle, 0, os.SEEK_SET)
        record = json.loads(os.read(handle, 4096) or b"null")
        return Holder(int(record["pid"]), str(record["command"]), float(record["started"]))
    except (OSError, ValueError, TypeError, KeyError):
        return None


def _forget_in_child() -> None:
    """A forked worker must not keep the lock alive after its parent is killed: its copy of the
    lock file is closed (closing a copy does not let go of the parent's lock)."""
    for handle in list(_held):
        try:
            os.close(handle)
        except OSError:
            pass
    _held.clear()


if hasattr(os, "register_at_fork"):
    os.register_at_fork(after_in_child=_forget_in_child)
