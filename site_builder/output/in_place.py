"""in_place: the output folder updated where it stands, file by file, and the marker that
lists what a build wrote (and, while it runs, what it is changing)."""

from __future__ import annotations

import secrets
from collections.abc import Iterable, Mapping
from pathlib import Path

from site_builder.atomic import replacing
from site_builder.output.folder import CHANGING, MARKER, OutputFolder, inside
from site_builder.regular import read_regular


class InPlace:
    """Updates `out` where it stands, each file replaced atomically but not the site as a
    whole: for the dev server, and for a build that changes a small part of a site (a day's
    news, a correction), where linking every unchanged file into a new folder would cost more
    than the change. Files are written in an order that keeps every link resolving, under a
    marker that names what is changing (see `begin`)."""

    def __init__(self, folder: OutputFolder):
        self.out = self.path = folder.path
        self.path.mkdir(parents=True, exist_ok=True)
        self.id = secrets.token_hex(8)
        # Others' files, as the last build found them: still there.
        self.foreign = folder.held.foreign if folder.held is not None else frozenset()
        self.folders: Mapping[str, int] = {}  # not recorded: the site changes while it is read
        self.old = folder

    def begin(self, changing: Iterable[str]) -> None:
        """Before any file changes, the marker names those about to (a folder: every file in
        it), under the old site's id: a build killed part-way leaves them to the next, which
        draws them again and removes those no longer wanted."""
        lines = [f"# build {self.old.id or 'unfinished'}", *(f"{CHANGING}{path}" for path in sorted(changing)),
                 *sorted(self.old.listed)]
        with replacing(self.path / MARKER) as handle:
            handle.write("".join(f"{line}\n" for line in lines).encode("utf-8"))

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
        remove_files(self.path, relpaths)

    def commit(self, written: Mapping[str, str]) -> None:
        write_marker(self.path, self.id, sorted(written))

    def discard(self) -> None:
        pass  # what was written is consistent page by page; the next build finishes the job


def write_marker(folder: Path, build_id: str, ours: list[str]) -> None:
    # Replaced whole: a build killed while writing it must not leave a site listing half its files.
    with replacing(folder / MARKER) as handle:
        handle.write((f"# build {build_id}\n" + "".join(f"{path}\n" for path in ours)).encode("utf-8"))


def remove_files(folder: Path, relpaths: Iterable[str]) -> None:
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
