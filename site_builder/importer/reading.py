"""reading: a dump's path -> its bytes, refusing what is no regular file or is too large, never hanging."""

from __future__ import annotations

import os
import stat
from pathlib import Path

from site_builder.importer.report import ImportProblem

# A day's wire page is a few hundred kilobytes; a feed or a WordPress export a few megabytes.
MAX_DUMP_BYTES = 20 * 1024 * 1024


def read_dump(path: Path, limit: int = MAX_DUMP_BYTES) -> bytes:
    """The file's bytes. A FIFO, device or socket is refused before it is opened (opening a FIFO
    blocks until a writer comes), and so is a file over `limit`; what grows while read is cut off."""
    try:
        info = os.stat(path)
    except OSError as error:
        raise ImportProblem(f"cannot be read: {error.strerror or error}") from error
    if stat.S_ISDIR(info.st_mode):
        raise ImportProblem("cannot be read: a folder, not a file")
    if not stat.S_ISREG(info.st_mode):
        raise ImportProblem("cannot be read: not a regular file (a pipe, device or socket)")
    if info.st_size > limit:
        raise ImportProblem(f"cannot be read: too large ({_megabytes(info.st_size)}; the limit is {_megabytes(limit)})")
    # O_NONBLOCK: if the path was swapped for a FIFO after the stat, open() still returns at once.
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)
    try:
        descriptor = os.open(path, flags)
    except OSError as error:
        raise ImportProblem(f"cannot be read: {error.strerror or error}") from error
    with os.fdopen(descriptor, "rb") as handle:
        if not stat.S_ISREG(os.fstat(handle.fileno()).st_mode):
            raise ImportProblem("cannot be read: not a regular file (a pipe, device or socket)")
        try:
            data = handle.read(limit + 1)
        except OSError as error:
            raise ImportProblem(f"cannot be read: {error.strerror or error}") from error
    if len(data) > limit:
        raise ImportProblem(f"cannot be read: too large (over {_megabytes(limit)})")
    return data


def _megabytes(size: int) -> str:
    return f"{size / 1024 / 1024:.1f} MB" if size % (1024 * 1024) else f"{size // (1024 * 1024)} MB"
