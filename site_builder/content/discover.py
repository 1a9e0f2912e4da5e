"""discover: content/articles/**/*.md -> [ArticleFile], with unreadable files as Problems.

A file whose size and modification time are those the last build recorded is not read
again: its fingerprint is the recorded one (the way git and make tell that nothing changed).
"""

from __future__ import annotations

import dataclasses
import os
import stat
import time
from collections.abc import Mapping
from pathlib import Path
from typing import NamedTuple

from site_builder.errors import Problem
from site_builder.folders import files_below
from site_builder.model import ArticleFile
from site_builder.project import ARTICLES_DIR
from site_builder.regular import NotRegular, outside, read_regular, regular_stat
from site_builder.text import without_controls

MAX_BYTES = 5_000_000  # a news article is kilobytes; megabytes mean a wrong file
# A file changed this recently may change again within the clock's resolution without its
# time moving, so it is not vouched for by its stamp.
RACY_NS = 2_000_000_000


def article_text(data: bytes) -> str:
    """An article file's bytes as text: UTF-8, a byte-order mark dropped, Unix line ends, and
    no control characters, which would make the site's feeds ill-formed XML."""
    return without_controls(data.decode("utf-8-sig").replace("\r\n", "\n"))


def with_text(file: ArticleFile) -> ArticleFile:
    """`file` with its text, read now if discovery skipped it or let it go; the fingerprint is
    then that of the text read."""
    if file.text is not None:
        return file
    return dataclasses.replace(file, text=article_text(read_regular(file.full_path)), known_fingerprint=None)


def unreadable(relpath: Path, err: UnicodeDecodeError | OSError) -> Problem:
    """Why a file could not be read, with the line of the first bad byte of a text that is not
    UTF-8."""
    if isinstance(err, UnicodeDecodeError):
        return Problem(relpath, err.object[: err.start].count(b"\n") + 1, "not UTF-8 text")
    return Problem(relpath, None, f"cannot be read: {err.strerror}")


class FileStamp(NamedTuple):
    size: int
    mtime_ns: int
    fingerprint: str


Discovery = tuple[list[ArticleFile], list[Problem], dict[str, FileStamp]]


def discover(root: Path, stamps: Mapping[str, FileStamp] | None = None) -> Discovery:
    """Every Markdown article under `root/content/articles`, sorted by path for determinism;
    the problems of unreadable ones; and the stamps to pass to the next discovery."""
    return _look_at(root, [key for _, key in _markdown_files(str(root), ARTICLES_DIR.as_posix())], stamps or {})


def rediscover(root: Path, before: Discovery, changed: set[str]) -> Discovery:
    """`before`, with the files at `changed` (paths below root, '/'-separated) looked at again:
    what the dev server does with the paths its watcher reports, instead of listing the archive."""
    files, problems, stamps = before
    keys = {f.key for f in files} | {p.path.as_posix() for p in problems}
    keys = (keys - changed) | {key for key in changed if _is_article(root, key)}
    return _look_at(root, sorted(keys), {k: s for k, s in stamps.items() if k not in changed},
                    known={f.key: f for f in files if f.key not in changed})


def _is_article(root: Path, key: str) -> bool:
    # Anything by that name, a pipe or a broken link included: looked at, it is reported.
    return (key.endswith(".md") and key.startswith(ARTICLES_DIR.as_posix() + "/")
            and not any(part.startswith(".") for part in key.split("/"))
            and os.path.lexists(root / key) and not os.path.isdir(root / key))


def _look_at(root: Path, keys: list[str], stamps: Mapping[str, FileStamp],
             known: Mapping[str, ArticleFile] | None = None) -> Discovery:
    files: list[ArticleFile] = []
    problems: list[Problem] = []
    new_stamps: dict[str, FileStamp] = {}
    trusted_before = time.time_ns() - RACY_NS
    top, project = str(root), (root.resolve(),)
    for key in keys:
        if known and key in known:  # unchanged, as the watcher says: not even looked at
            files.append(known[key])
            if key in stamps:
                new_stamps[key] = stamps[key]
            continue
        found = _look_at_one(top, key, stamps.get(key), project)
        if isinstance(found, Problem):
            problems.append(found)
            continue
        file, size, mtime_ns = found
        files.append(file)
        if mtime_ns < trusted_before:
            new_stamps[key] = FileStamp(size, mtime_ns, file.fingerprint)
    return files, problems, new_stamps


def _look_at_one(top: str, key: str, stamp: FileStamp | None, project: tuple[Path, ...]
                 ) -> tuple[ArticleFile, int, int] | Problem:
    """One article file, its size and its modification time; read only if its stamp changed,
    and only if it is a regular file of the project."""
    path = f"{top}/{key}"  # not os.path.join: this runs for every article
    try:
        found = os.lstat(path)
        if stat.S_ISLNK(found.st_mode):
            elsewhere = outside(path, project)
            if elsewhere is not None:
                return Problem(Path(key), None, f"a link to {elsewhere}, outside the project: not read")
            found = regular_stat(path)
        elif not stat.S_ISREG(found.st_mode):
            raise NotRegular(path, found.st_mode)
        if found.st_size > MAX_BYTES:
            return Problem(Path(key), 1, f"file too large ({found.st_size / 1e6:.1f} MB; "
                           f"the limit is {MAX_BYTES / 1e6:.0f} MB)")
        if stamp and stamp.size == found.st_size and stamp.mtime_ns == found.st_mtime_ns:
            return ArticleFile(top, key, None, stamp.fingerprint), found.st_size, found.st_mtime_ns
        return ArticleFile(top, key, article_text(read_regular(path))), found.st_size, found.st_mtime_ns
    except (OSError, UnicodeDecodeError) as err:
        return unreadable(Path(key), err)


def _markdown_files(root: str, folder: str) -> list[tuple[str, str]]:
    """(path, path below root) of each *.md below root/folder, sorted, skipping hidden files
    and folders (editor backups, .git)."""
    keys = sorted(key for key in files_below(root, folder, skip_hidden=True) if key.endswith(".md"))
    return [(os.path.join(root, key), key) for key in keys]
