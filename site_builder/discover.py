"""discover: content/articles/**/*.md -> [SourceFile], with unreadable files as Problems.

A file whose size and modification time are those the last build recorded is not read
again: its fingerprint is the recorded one (the way git and make tell that nothing changed).
"""

from __future__ import annotations

import os
import time
from collections.abc import Mapping
from pathlib import Path
from typing import NamedTuple

from site_builder.model import Problem, SourceFile, article_text

ARTICLES_DIR = Path("content") / "articles"
MAX_BYTES = 5_000_000  # a news article is kilobytes; megabytes mean a wrong file
# A file changed this recently may change again within the clock's resolution without its
# time moving, so it is not vouched for by its stamp.
RACY_NS = 2_000_000_000


class Stamp(NamedTuple):
    size: int
    mtime_ns: int
    fingerprint: str


def discover(root: Path, stamps: Mapping[str, Stamp] | None = None
             ) -> tuple[list[SourceFile], list[Problem], dict[str, Stamp]]:
    """Every Markdown article under `root/content/articles`, sorted by path for determinism;
    the problems of unreadable ones; and the stamps to pass to the next discovery."""
    stamps = stamps or {}
    files: list[SourceFile] = []
    problems: list[Problem] = []
    new_stamps: dict[str, Stamp] = {}
    trusted_before = time.time_ns() - RACY_NS
    for path in _markdown_files(root / ARTICLES_DIR):
        relpath = path.relative_to(root)
        key = relpath.as_posix()
        try:
            stat = path.stat()
            if stat.st_size > MAX_BYTES:
                problems.append(Problem(relpath, 1, f"file too large ({stat.st_size / 1e6:.1f} MB; "
                                        f"the limit is {MAX_BYTES / 1e6:.0f} MB)"))
                continue
            known = stamps.get(key)
            if known and (known.size, known.mtime_ns) == (stat.st_size, stat.st_mtime_ns):
                source = SourceFile(path, relpath, None, known.fingerprint)
            else:
                source = SourceFile(path, relpath, article_text(path.read_bytes()))
        except UnicodeDecodeError as err:
            line = path.read_bytes()[: err.start].count(b"\n") + 1
            problems.append(Problem(relpath, line, "not UTF-8 text"))
            continue
        except OSError as err:
            problems.append(Problem(relpath, None, f"cannot be read: {err.strerror}"))
            continue
        files.append(source)
        if stat.st_mtime_ns < trusted_before:
            new_stamps[key] = Stamp(stat.st_size, stat.st_mtime_ns, source.fingerprint)
    return files, problems, new_stamps


def _markdown_files(folder: Path) -> list[Path]:
    """*.md below `folder`, skipping hidden files and folders (editor backups, .git)."""
    found = []
    for dirpath, dirnames, filenames in os.walk(folder):
        dirnames[:] = [d for d in dirnames if not d.startswith(".")]
        found.extend(os.path.join(dirpath, name) for name in filenames
                     if name.endswith(".md") and not name.startswith("."))
    return [Path(p) for p in sorted(found)]  # sorting text: far quicker than sorting Paths
