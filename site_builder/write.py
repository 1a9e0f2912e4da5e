"""write: rendered files -> a complete new output folder, swapped in whole, or nothing at all."""

from __future__ import annotations

import ctypes
import errno
import os
import shutil
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

# Marks a folder as ours: a non-empty folder without it is never replaced.
MARKER = ".site-builder-output"


class OutputError(Exception):
    """The output folder cannot be used (wrong place, not ours, not writable)."""


@dataclass(frozen=True)
class WriteReport:
    files: int
    bytes: int


def check_output_dir(out: Path, root: Path) -> None:
    """Refuse folders whose replacement would destroy something that is not a built site."""
    out, root = out.resolve(), root.resolve()
    forbidden = {Path("/"), Path.home().resolve(), root, root / "content", root / "themes"}
    if out in forbidden or out in root.parents:
        raise OutputError(f"{out}: refusing to build into this folder; choose an output folder")
    if out.is_dir() and any(out.iterdir()) and not (out / MARKER).exists():
        raise OutputError(f"{out}: not empty and not built by site-builder; choose another --out")
    if out.exists() and not out.is_dir():
        raise OutputError(f"{out}: exists and is not a folder")


def write_output(out: Path, files: Iterable[tuple[str, bytes]], static: dict[str, Path],
                 finish: Callable[[Path], None] | None = None) -> WriteReport:
    """Write everything into a staging folder beside `out`, then exchange the two.

    Readers of `out` see the old site or the new one, never a mix; a failure before the
    exchange leaves the old site as it was. `finish` runs on the complete staged site just
    before the exchange (the search index is built there, so it is swapped in too).
    """
    out = out.resolve()
    stage = out.with_name(f".{out.name}.staging")
    if stage.exists():
        shutil.rmtree(stage)  # a build that was killed mid-way left it; it is ours
    stage.mkdir(parents=True)
    count = size = 0
    try:
        for relpath, source in static.items():
            target = _inside(stage, relpath)
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(source, target)
            count, size = count + 1, size + target.stat().st_size
        for relpath, data in files:
            target = _inside(stage, relpath)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)
            count, size = count + 1, size + len(data)
        if finish is not None:
            finish(stage)
        # Everything in the stage is ours, including what `finish` added.
        written = sorted(p.relative_to(stage).as_posix() for p in stage.rglob("*") if p.is_file())
        _keep_foreign_files(out, stage, set(written))
        (stage / MARKER).write_text("".join(f"{path}\n" for path in written), encoding="utf-8")
        _swap_in(stage, out)
    except BaseException:
        shutil.rmtree(stage, ignore_errors=True)
        raise
    return WriteReport(files=count, bytes=size)


def _keep_foreign_files(out: Path, stage: Path, written: set[str]) -> None:
    """Files someone else put in the output folder (a CNAME, a verification file) survive:
    only what the previous build listed in its marker is ours to drop."""
    marker = out / MARKER
    if not marker.is_file():
        return
    ours = set(marker.read_text(encoding="utf-8").splitlines()) | written | {MARKER}
    for path in out.rglob("*"):
        relpath = path.relative_to(out).as_posix()
        if path.is_file() and not path.is_symlink() and relpath not in ours \
                and not (stage / relpath).exists():
            target = stage / relpath
            target.parent.mkdir(parents=True, exist_ok=True)
            os.link(path, target)


def _inside(folder: Path, relpath: str) -> Path:
    target = (folder / relpath).resolve()
    if not target.is_relative_to(folder):
        raise OutputError(f"{relpath}: would be written outside the output folder")
    return target


def _swap_in(stage: Path, out: Path) -> None:
    if not out.exists():
        stage.rename(out)
        return
    if not _exchange(stage, out):
        # No atomic exchange on this system: the old site is moved aside for an instant.
        old = out.with_name(f".{out.name}.old")
        shutil.rmtree(old, ignore_errors=True)
        out.rename(old)
        stage.rename(out)
        stage = old
    shutil.rmtree(stage)  # now holds the previous site


def _exchange(a: Path, b: Path) -> bool:
    """Atomically swap two paths with Linux renameat2(RENAME_EXCHANGE); False if unsupported."""
    try:
        renameat2 = ctypes.CDLL(None, use_errno=True).renameat2
    except (AttributeError, OSError):
        return False
    at_fdcwd, rename_exchange = -100, 2
    if renameat2(at_fdcwd, os.fsencode(a), at_fdcwd, os.fsencode(b), rename_exchange) == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.EINVAL, errno.ENOSYS, errno.ENOTSUP):
        return False
    raise OSError(code, os.strerror(code), str(b))
