"""write: pages -> a complete new output folder, swapped in whole, or nothing at all."""

from __future__ import annotations

import ctypes
import errno
import os
import shutil
import subprocess
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

# Marks a folder as ours: a non-empty folder without it is never replaced.
MARKER = ".site-builder-output"


class OutputError(Exception):
    """The output folder cannot be used (wrong place, not ours, not writable)."""


def previous_files(out: Path) -> set[str]:
    """What the last build wrote into `out` (its marker lists it); empty if nothing is there."""
    marker = out / MARKER
    if not marker.is_file():
        return set()
    return set(marker.read_text(encoding="utf-8").splitlines())


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


class Stage:
    """A new output folder built beside `out`: unchanged files are hard links to the old
    site, new ones are written fresh, and `commit` exchanges the two folders atomically.

    Readers of `out` see the old site or the new one, never a mix; a failure before the
    exchange leaves the old site as it was. Files are replaced, never written through a
    link, so the old site's files are never touched.
    """

    def __init__(self, out: Path):
        self.out = out.resolve()
        self.path = self.out.with_name(f".{self.out.name}.staging")
        if self.path.exists():
            _remove_later(self.path)  # a build that was killed mid-way left it; it is ours
        self.path.mkdir(parents=True)
        self._made: set[Path] = {self.path}

    def link_old(self, relpaths: Iterable[str]) -> None:
        """Carry files over from the old site unchanged."""
        for relpath in relpaths:
            target = _inside(self.path, relpath)
            self._folder(target.parent)
            os.link(self.out / relpath, target)

    def _folder(self, folder: Path) -> None:
        if folder not in self._made:
            folder.mkdir(parents=True, exist_ok=True)
            self._made.add(folder)

    def write(self, relpath: str, data: bytes) -> bool:
        """Write a file; when the old site has the same bytes, link that instead. True if new."""
        target = _inside(self.path, relpath)
        self._folder(target.parent)
        old = self.out / relpath
        try:
            if old.stat().st_size == len(data) and old.read_bytes() == data:
                os.link(old, target)
                return False
        except OSError:
            pass  # not in the old site
        target.write_bytes(data)
        return True

    def copy(self, relpath: str, source: Path) -> bool:
        return self.write(relpath, source.read_bytes())

    def commit(self, written: Iterable[str], extra_dir: str,
               finish: Callable[[Path], None] | None = None) -> None:
        """`written`: every file the build put in the stage; `extra_dir`: a folder (the search
        index) whose files come from elsewhere. `finish` runs on the complete staged site
        just before the exchange (the search index is built there, so it is swapped in too)."""
        if finish is not None:
            finish(self.path)
        ours = sorted({*written, *_files_below(self.path, extra_dir)})
        _keep_foreign_files(self.out, self.path, set(ours))
        (self.path / MARKER).write_text("".join(f"{path}\n" for path in ours), encoding="utf-8")
        _swap_in(self.path, self.out)

    def remove(self, relpaths: Iterable[str]) -> None:
        """Files of the old site whose source is gone: the stage simply does not link them."""

    def discard(self) -> None:
        shutil.rmtree(self.path, ignore_errors=True)


class InPlace(Stage):
    """Updates `out` where it stands, each file replaced atomically but not the site as a
    whole: for the dev server, whose edits touch a few pages of a site nobody else reads,
    and where linking thousands of unchanged files would cost the editor seconds."""

    def __init__(self, out: Path):
        self.out = self.path = out.resolve()
        self.path.mkdir(parents=True, exist_ok=True)
        self._made = {self.path}

    def link_old(self, relpaths: Iterable[str]) -> None:
        pass  # already there

    def write(self, relpath: str, data: bytes) -> bool:
        target = _inside(self.path, relpath)
        try:
            if target.stat().st_size == len(data) and target.read_bytes() == data:
                return False
        except OSError:
            self._folder(target.parent)
        temporary = target.with_name(f".{target.name}.{os.getpid()}.tmp")
        temporary.write_bytes(data)
        os.replace(temporary, target)
        return True

    def remove(self, relpaths: Iterable[str]) -> None:
        for relpath in relpaths:
            (self.path / relpath).unlink(missing_ok=True)

    def commit(self, written: Iterable[str], extra_dir: str,
               finish: Callable[[Path], None] | None = None) -> None:
        if finish is not None:
            finish(self.path)
        ours = sorted({*written, *_files_below(self.path, extra_dir)})
        (self.path / MARKER).write_text("".join(f"{path}\n" for path in ours), encoding="utf-8")

    def discard(self) -> None:
        pass  # what was written is consistent page by page; the next build finishes the job


def _keep_foreign_files(out: Path, stage: Path, written: set[str]) -> None:
    """Files someone else put in the output folder (a CNAME, a verification file) survive:
    only what the previous build listed in its marker is ours to drop."""
    marker = out / MARKER
    if not marker.is_file():
        return
    ours = previous_files(out) | written | {MARKER}
    for relpath in _files_below(out, ""):
        if relpath not in ours and not (out / relpath).is_symlink() and not (stage / relpath).exists():
            target = stage / relpath
            target.parent.mkdir(parents=True, exist_ok=True)
            os.link(out / relpath, target)


def _files_below(folder: Path, sub: str) -> list[str]:
    """Relative paths of the files under folder/sub (os.walk: far quicker than rglob)."""
    found = []
    for dirpath, _, filenames in os.walk(folder / sub):
        relative = os.path.relpath(dirpath, folder)
        prefix = "" if relative == "." else relative.replace(os.sep, "/") + "/"
        found.extend(prefix + name for name in filenames)
    return found


def _inside(folder: Path, relpath: str) -> Path:
    """`folder / relpath`, refusing anything that could lead outside it. A check on the text,
    not resolve(): output paths are ours, and this runs for every file of the site."""
    parts = relpath.split("/")
    if relpath.startswith("/") or "\\" in relpath or "\0" in relpath or ".." in parts or "" in parts[:-1]:
        raise OutputError(f"{relpath}: would be written outside the output folder")
    return folder / relpath


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
    _remove_later(stage)  # now holds the previous site


def _remove_later(folder: Path) -> None:
    """Delete a folder we own without making the build wait: renamed out of the way at once,
    then removed by a detached `rm`, which outlives us. Deleting 10,000 pages takes seconds."""
    trash = folder.with_name(f"{folder.name}.trash-{os.getpid()}-{time.monotonic_ns()}")
    folder.rename(trash)
    try:
        subprocess.Popen(["rm", "-rf", "--", str(trash)], start_new_session=True,
                         stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    except OSError:
        shutil.rmtree(trash, ignore_errors=True)


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
