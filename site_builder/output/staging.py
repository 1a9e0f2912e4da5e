"""staging: the folder a build writes the site into: a new folder swapped in whole, or the output
folder itself, file by file.

The site before the current one is kept beside it (`.output.staging`). The next build
brings that folder up to date, rewriting only the files that differ, and swaps it in: the
cost of an atomic update is then what changed, not the size of the site.
"""

from __future__ import annotations

import ctypes
import errno
import os
import secrets
import shutil
import subprocess
import sys
import time
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Protocol

from site_builder.atomic import replacing
from site_builder.output.folder import MARKER, OutputFolder, inside, staging_path
from site_builder.output.foreign import carry_foreign, folder_times
from site_builder.regular import read_regular

# "0" swaps sites as systems without an atomic exchange do (the tests use it on Linux).
EXCHANGE_VARIABLE = "SITE_BUILDER_EXCHANGE"


class Output(Protocol):
    """Where a build writes the site: a new folder swapped in whole (`StagedSite`), or the output
    folder itself, file by file (`InPlace`)."""

    path: Path  # the folder written into
    id: str  # the new site's id, written in its marker
    foreign: frozenset[str]  # others' files (a CNAME) found in the output folder and kept
    folders: Mapping[str, int]  # the new site's folders' times (see Tree.folders)

    def link_old(self, relpaths: Iterable[str], fingerprints: Mapping[str, str] | None = None) -> None: ...
    def write(self, relpath: str, data: bytes) -> bool: ...
    def copy(self, relpath: str, source: Path) -> bool: ...
    def keep_if_unchanged(self, relpath: str) -> bool: ...
    def remove(self, relpaths: Iterable[str]) -> None: ...
    def commit(self, written: Mapping[str, str]) -> None: ...
    def discard(self) -> None: ...


class StagedSite:
    """A new output folder built beside `out` and exchanged with it atomically.

    Readers of `out` see the old site or the new one, never a mix; a failure before the
    exchange leaves the old site as it was. Files are replaced, never written through a
    link, so the old site's files are never touched. The folder is the site before the old
    one when the cache knows it (then only what differs is rewritten), else a new folder whose
    unchanged files are hard links to the old site.
    """

    def __init__(self, folder: OutputFolder):
        self.out = folder.path
        self.path = staging_path(self.out)
        self.id = secrets.token_hex(8)
        self.foreign: frozenset[str] = frozenset()  # set by commit
        self.folders: dict[str, int] = {}  # set by commit
        self.old = folder  # what `out` holds
        self.spare = folder.spare
        if self.spare is not None:
            # From here the folder is neither that site nor the next: a build killed now
            # leaves it without a marker, and the next one starts afresh.
            (self.path / MARKER).unlink()
        elif self.path.exists():
            _remove_later(self.path)  # unknown, or a build was killed mid-way; it is ours
        self.path.mkdir(parents=True, exist_ok=True)
        self._made: set[Path] = {self.path}

    def link_old(self, relpaths: Iterable[str], fingerprints: Mapping[str, str] | None = None) -> None:
        """Carry files over from the old site unchanged; skipped where this folder already
        holds the same `fingerprints` in the very file the old site holds."""
        held = self.spare.files if self.spare is not None and fingerprints is not None else {}
        for relpath in relpaths:
            if relpath in held and held[relpath] == fingerprints[relpath] and self._shared(relpath):  # type: ignore[index]
                continue
            target = self._replaceable(relpath)
            os.link(self.out / relpath, target)

    def _shared(self, relpath: str) -> bool:
        """Whether this folder's file is the old site's, one file under two names: the cache's
        record of this folder is then true of it. A file deleted or replaced here by hand, or
        drawn again there after a hand deletion, is not, and is linked again."""
        try:
            return os.path.samestat(os.stat(f"{self.path}/{relpath}"), os.stat(f"{self.out}/{relpath}"))
        except OSError:
            return False

    def _replaceable(self, relpath: str) -> Path:
        """The path of `relpath` in this folder, its folder made and no file left in the way."""
        target = inside(self.path, relpath)
        self._folder(target.parent)
        # Besides the kept site's files, a task run again (its worker was lost mid-build) finds
        # its own earlier file here, maybe a link to the old site: replaced, never written through.
        try:
            target.unlink()
        except FileNotFoundError:
            pass
        return target

    def _folder(self, folder: Path) -> None:
        if folder not in self._made:
            folder.mkdir(parents=True, exist_ok=True)
            self._made.add(folder)

    def write(self, relpath: str, data: bytes) -> bool:
        """Write a file; when the old site has the same bytes, link that instead. True if new."""
        target = self._replaceable(relpath)
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
        return self.write(relpath, read_regular(source))

    def keep_if_unchanged(self, relpath: str) -> bool:
        """A file made in this folder by another program (the search index): when the old site
        has the same bytes, it becomes that file again (a link), as `write` does. True if so."""
        new, old = inside(self.path, relpath), self.out / relpath
        try:
            if old.stat().st_size != new.stat().st_size or old.read_bytes() != new.read_bytes():
                return False
            temporary = new.with_name(f".{new.name}.link")
            os.link(old, temporary)
            os.replace(temporary, new)
        except OSError:
            return False
        return True

    def commit(self, written: Mapping[str, str]) -> None:
        """`written`: every file the build put in the stage (pages, static files, the search
        index), each new or carried over, with its fingerprint. Anything else the kept previous
        site held goes."""
        kept = set(written)
        ours = sorted(kept)
        if self.spare is not None:
            _remove_files(self.path, (set(self.spare.files) | self.spare.foreign) - kept)
        self.foreign = frozenset(_keep_foreign_files(self.old, self.path, kept))
        _write_marker(self.path, self.id, ours)
        self.folders = self._folder_times(written)
        _swap_in(self.path, self.out)

    def _folder_times(self, written: Mapping[str, str]) -> dict[str, int]:
        """The stage's folders' times (see Tree.folders). Those of the kept site are known; only
        the folders where files came, went or changed are looked at again. A time recorded
        wrong only makes the next build list that folder."""
        spare = self.spare
        if spare is None or not spare.folders:
            return folder_times(self.path, [*written, *self.foreign])
        touched = {path for path, fingerprint in written.items() if spare.files.get(path) != fingerprint}
        touched.update(spare.files.keys() - written.keys(), self.foreign ^ spare.foreign, [MARKER])
        return folder_times(self.path, touched, known=spare.folders)

    def remove(self, relpaths: Iterable[str]) -> None:
        """Files of the old site whose source is gone: the stage simply does not link them."""

    def discard(self) -> None:
        shutil.rmtree(self.path, ignore_errors=True)


class InPlace:
    """Updates `out` where it stands, each file replaced atomically but not the site as a
    whole: for the dev server, whose edits touch a few pages of a site nobody else reads,
    and where linking thousands of unchanged files would cost the editor seconds."""

    def __init__(self, folder: OutputFolder):
        self.out = self.path = folder.path
        self.path.mkdir(parents=True, exist_ok=True)
        self.id = secrets.token_hex(8)
        # Others' files, as the last build found them: still there.
        self.foreign = folder.held.foreign if folder.held is not None else frozenset()
        self.folders: Mapping[str, int] = {}  # not recorded: the site changes while it is read

    def link_old(self, relpaths: Iterable[str], fingerprints: Mapping[str, str] | None = None) -> None:
        pass  # already there

    def write(self, relpath: str, data: bytes) -> bool:
        target = inside(self.path, relpath)
        try:
            if target.stat().st_size == len(data) and target.read_bytes() == data:
                return False
        except OSError:
            target.parent.mkdir(parents=True, exist_ok=True)
        with replacing(target) as handle:
            handle.write(data)
        return True

    def copy(self, relpath: str, source: Path) -> bool:
        return self.write(relpath, read_regular(source))

    def keep_if_unchanged(self, relpath: str) -> bool:
        return False  # the old file was replaced where it stood: nothing left to compare

    def remove(self, relpaths: Iterable[str]) -> None:
        # With the folders they leave empty: an article whose URL moved leaves no empty folder
        # at its old address (which a static server would list).
        _remove_files(self.path, relpaths)

    def commit(self, written: Mapping[str, str]) -> None:
        _write_marker(self.path, self.id, sorted(written))

    def discard(self) -> None:
        pass  # what was written is consistent page by page; the next build finishes the job


def _keep_foreign_files(old: OutputFolder, stage: Path, written: set[str]) -> list[str]:
    """Files someone else put in the output folder (a CNAME, a verification file) survive:
    only what the previous build listed in its marker is ours to drop. Returns them."""
    if old.id is None:
        return []
    ours = old.listed | written | {MARKER}
    if old.held is None:
        return carry_foreign(old.path, stage, ours)
    return carry_foreign(old.path, stage, ours, old.held.foreign, old.held.folders)


def _write_marker(folder: Path, build_id: str, ours: list[str]) -> None:
    # Replaced whole: a build killed while writing it must not leave a site listing half its files.
    with replacing(folder / MARKER) as handle:
        handle.write((f"# build {build_id}\n" + "".join(f"{path}\n" for path in ours)).encode("utf-8"))


def _remove_files(folder: Path, relpaths: Iterable[str]) -> None:
    """Delete files, then the folders they leave empty (an article's folder, say)."""
    parents = set()
    for relpath in relpaths:
        target = inside(folder, relpath)
        target.unlink(missing_ok=True)
        parents.add(target.parent)
    for parent in sorted(parents, key=lambda p: len(p.parts), reverse=True):
        while parent != folder:
            try:
                parent.rmdir()
            except OSError:
                break  # not empty: still holds other pages
            parent = parent.parent


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
        _remove_later(old)
    # Otherwise the stage now holds the previous site: it stays, for the next build to update.


def _remove_later(folder: Path) -> None:
    """Delete a folder we own without making the build wait: renamed out of the way at once,
    then removed by a detached Python process, which outlives us (on every system, unlike
    `rm`). Deleting 10,000 pages takes seconds."""
    trash = folder.with_name(f"{folder.name}.trash-{os.getpid()}-{time.monotonic_ns()}")
    folder.rename(trash)
    remove = "import shutil, sys; shutil.rmtree(sys.argv[1], ignore_errors=True)"
    try:
        subprocess.Popen([sys.executable, "-I", "-S", "-c", remove, str(trash)], start_new_session=True,
                         stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    except OSError:
        shutil.rmtree(trash, ignore_errors=True)


def _exchange(a: Path, b: Path) -> bool:
    """Atomically swap two paths with Linux renameat2(RENAME_EXCHANGE); False if unsupported
    (other systems, some filesystems) or turned off by the environment variable."""
    if os.environ.get(EXCHANGE_VARIABLE) == "0":
        return False
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
