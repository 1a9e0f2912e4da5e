"""regular: the files a build reads (articles, templates, static files, site.toml), read only when
they are regular files of the project: never a pipe, a device or a socket, which would block the
build or never end, and never through a link to a file elsewhere on the machine, which the site
would then publish.
"""

from __future__ import annotations

import errno
import os
import stat
from collections.abc import Iterable
from pathlib import Path

_KINDS = ((stat.S_ISFIFO, "a pipe"), (stat.S_ISCHR, "a device"), (stat.S_ISBLK, "a device"),
          (stat.S_ISSOCK, "a socket"), (stat.S_ISDIR, "a folder"))
# Opening a pipe that has no writer waits for one, unless asked not to.
_OPEN_FLAGS = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_BINARY", 0)


class NotRegular(OSError):
    """A pipe, a device, a socket or a folder where a file was expected: not opened, not read."""

    def __init__(self, path: str | os.PathLike[str], mode: int):
        kind = next((name for test, name in _KINDS if test(mode)), "not a file")
        super().__init__(errno.EINVAL, f"not a regular file ({kind})", os.fspath(path))


def regular_stat(path: str | os.PathLike[str]) -> os.stat_result:
    """`os.stat(path)` (through links), refusing anything but a regular file."""
    found = os.stat(path)
    if not stat.S_ISREG(found.st_mode):
        raise NotRegular(path, found.st_mode)
    return found


def read_regular(path: str | os.PathLike[str]) -> bytes:
    """The bytes of the regular file at `path`. Anything else is refused before it is opened
    (opening some devices does something), and again once open, in case it was swapped since."""
    regular_stat(path)
    handle = os.open(path, _OPEN_FLAGS)
    try:
        found = os.fstat(handle)
        if not stat.S_ISREG(found.st_mode):
            raise NotRegular(path, found.st_mode)
        with os.fdopen(handle, "rb", closefd=False) as file:
            return file.read()
    finally:
        os.close(handle)


def outside(path: str | os.PathLike[str], allowed: Iterable[Path]) -> Path | None:
    """Where `path` really is, when links lead it out of every folder of `allowed` (resolved
    folders: the project, the bundled themes); None while it stays inside one."""
    real = Path(os.path.realpath(path))
    return None if any(real.is_relative_to(folder) for folder in allowed) else real


def link_outside(path: str | os.PathLike[str], allowed: Iterable[Path]) -> Path | None:
    """`outside`, for a file that is itself a link; None for one that is not (a file found by
    listing a folder of the project, whose folders are not followed, is inside it)."""
    return outside(path, allowed) if os.path.islink(path) else None
