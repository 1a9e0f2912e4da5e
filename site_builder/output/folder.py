"""folder: an output folder as one build finds it, read once: which build left it (its marker),
the files that build wrote, those since deleted by hand, and what the cache recorded of it."""

from __future__ import annotations

import os
import re
from array import array
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from site_builder.errors import OutputError
from site_builder.project import BUILT_FOR, CACHE_DIR, CHECK_DIRS, SOURCE_DIRS

# Marks a folder as ours: a non-empty folder without it is never replaced.
MARKER = ".site-builder-output"


@dataclass(frozen=True)
class Tree:
    """What a build left in an output folder, remembered under the id in its marker."""

    files: Mapping[str, str]  # output path -> fingerprint of what was written there
    foreign: frozenset[str] = field(default_factory=frozenset)  # others' files, carried over
    # Each folder's modification time as the build left it: a folder whose time is unchanged
    # has gained no file since, so the next build need not list it for others' files. Empty
    # when not recorded (a site updated in place, a filesystem with coarse times).
    folders: Mapping[str, int] = field(default_factory=dict)

    def __reduce__(self) -> tuple[Any, ...]:
        # Pickled as a few long strings, not dicts of short ones: the cache holds two trees of
        # every file and folder of the site, which pickled string by string would cost every
        # build time in proportion to the site.
        return _tree, (len(self.files), "\0".join(self.files), "\0".join(self.files.values()),
                       len(self.foreign), "\0".join(self.foreign),
                       len(self.folders), "\0".join(self.folders), array("q", self.folders.values()).tobytes())


def _tree(files: int, paths: str, fingerprints: str, foreign: int, others: str, folders: int, names: str,
          times: bytes) -> Tree:
    """A Tree from its pickled strings (no path holds a NUL); each count tells an empty list
    from a list of one empty string."""
    return Tree(dict(zip(_split(paths, files), _split(fingerprints, files))), frozenset(_split(others, foreign)),
                dict(zip(_split(names, folders), array("q", times))))


def _split(joined: str, count: int) -> list[str]:
    return joined.split("\0") if count else []


def previous_files(out: Path) -> set[str]:
    """What the last build wrote into `out` (its marker lists it); empty if nothing is there."""
    marker = out / MARKER
    if not marker.is_file():
        return set()
    return {line for line in marker.read_text(encoding="utf-8").splitlines() if not line.startswith("# ")}


def staging_path(out: Path) -> Path:
    """Where a new site is staged, and the previous one kept: beside `out`, hidden."""
    return out.with_name(f".{out.name}.staging")


def tree_id(folder: Path) -> str | None:
    """The id a build gave the folder (the marker's first line), None if it has none."""
    try:
        with (folder / MARKER).open(encoding="utf-8") as marker:
            first = marker.readline()
    except OSError:
        return None
    return first[len("# build "):].strip() if first.startswith("# build ") else None


def check_output_dir(out: Path, root: Path) -> None:
    """Refuse folders whose replacement would destroy something that is not a built site, or
    whose site the project would read back as its own sources or cache."""
    out, root = out.resolve(), root.resolve()
    forbidden = {Path("/"), Path.home().resolve(), root}
    if out in forbidden or out in root.parents:
        raise OutputError(f"{out}: refusing to build into this folder; choose an output folder")
    for source in SOURCE_DIRS:
        if out.is_relative_to(root / source):
            raise OutputError(f"{out}: refusing to build inside the project's {source}/, which the site is "
                              "made from; choose an output folder outside it")
    cache = root / CACHE_DIR
    ours = out.parent == cache and (out.name.startswith(BUILT_FOR) or out.name in CHECK_DIRS.values())
    if out.is_relative_to(cache) and not ours:
        raise OutputError(f"{out}: refusing to build inside the project's cache ({CACHE_DIR}/), which holds "
                          "every article parsed, drafts too; choose an output folder outside it")
    if out.is_dir() and any(out.iterdir()) and not (out / MARKER).exists():
        raise OutputError(f"{out}: not empty and not built by site-builder; choose another --out")
    if out.exists() and not out.is_dir():
        raise OutputError(f"{out}: exists and is not a folder")


def is_site_path(relpath: str) -> bool:
    """A relative '/'-separated path that stays inside the folder it is relative to: the one
    check for every path a build writes or a deploy names."""
    parts = relpath.split("/")
    return (bool(relpath) and not relpath.startswith("/") and "\\" not in relpath and "\0" not in relpath
            and not any(part in ("", ".", "..") for part in parts))


def inside(folder: Path, relpath: str) -> Path:
    """`folder / relpath`, refusing anything that could lead outside it. A check on the text,
    not resolve(): output paths are ours, and this runs for every file of the site."""
    if not is_site_path(relpath):
        raise OutputError(f"{relpath}: would be written outside the output folder")
    return folder / relpath


@dataclass(frozen=True)
class OutputFolder:
    """An output folder and what is known of it when a build starts."""

    path: Path  # resolved
    id: str | None  # the id in its marker: which build left it
    listed: frozenset[str]  # the files that build wrote (its marker lists them)
    missing: frozenset[str]  # of those, the ones gone since (deleted by hand)
    held: Tree | None  # what the cache recorded of that build: each file's fingerprint
    # The folder kept beside it with the site before (`.output.staging`): its id, and what the
    # cache recorded of it.
    spare_id: str | None = None
    spare: Tree | None = None
    mounted: bool = False  # a file system is mounted there: it cannot be swapped for another folder

    @property
    def present(self) -> frozenset[str]:
        """The files that build wrote which are still there: the only ones to carry over."""
        return self.listed - self.missing if self.missing else self.listed

    @property
    def held_files(self) -> Mapping[str, str]:
        return self.held.files if self.held is not None else {}

    @property
    def trees(self) -> dict[str, Tree]:
        """What the cache knows of the two folders, by id."""
        known = {self.id: self.held, self.spare_id: self.spare}
        return {key: tree for key, tree in known.items() if key and tree is not None}


def read_output_folder(out: Path, trees: Mapping[str, Tree]) -> OutputFolder:
    """`out` as it is now; `trees`: what the cache knows of output folders, by id."""
    path = out.resolve()
    folder_id, listed = _read_marker(path)
    top = os.fspath(path)
    missing = frozenset(name for name in listed if not os.path.exists(f"{top}/{name}"))
    spare_id = tree_id(staging_path(path))
    return OutputFolder(path, folder_id, listed, missing, trees.get(folder_id or ""),
                        spare_id, trees.get(spare_id or ""), is_mount_point(path))


def is_mount_point(path: Path) -> bool:
    """Whether a file system is mounted at `path` (a Docker volume, a bind mount): what
    os.path.ismount sees, and, on Linux, what the mount table says, which also knows a folder
    bound onto another of the same file system."""
    if os.path.ismount(path):
        return True
    try:
        with open("/proc/self/mountinfo", encoding="utf-8", errors="replace") as table:
            points = [fields[4] for fields in map(str.split, table) if len(fields) > 4]
    except OSError:
        return False
    target = os.path.realpath(path)
    # Blanks and backslashes in a mount point are written as octal escapes.
    return any(re.sub(r"\\([0-7]{3})", lambda m: chr(int(m.group(1), 8)), point) == target for point in points)


def _read_marker(folder: Path) -> tuple[str | None, frozenset[str]]:
    try:
        lines = (folder / MARKER).read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError):
        return None, frozenset()
    first = lines[0] if lines else ""
    folder_id = first[len("# build "):].strip() if first.startswith("# build ") else None
    return folder_id, frozenset(line for line in lines if not line.startswith("# "))
