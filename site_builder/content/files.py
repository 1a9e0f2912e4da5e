"""files: the project's files besides the articles -> the hash of each one's bytes: photos beside
the articles and profiles, the Markdown of standalone pages, profiles and stories' introductions,
and everything in the site's `static/`.

A file whose size and time are those the last build recorded is not read again (as discover.py
does for the articles): a rebuild with no photo changed reads no photo. A link to a file
outside the project is a problem, never followed; linked folders are not followed at all.
"""

from __future__ import annotations

import hashlib
import os
import stat
import time
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from site_builder.content.discover import RACY_NS, FileStamp
from site_builder.errors import Problem
from site_builder.folders import files_below
from site_builder.project import ARTICLES_DIR, NOTE_DIRS, STATIC_DIR

PHOTO_SUFFIXES = (".jpg", ".jpeg", ".png", ".webp", ".gif")
# Files a system or an editor leaves in a folder, never meant for the site.
LITTER = frozenset({".DS_Store", "Thumbs.db", "desktop.ini", ".gitkeep", ".gitignore"})


@dataclass(frozen=True)
class SiteFiles:
    """What the project holds besides the articles, as one build found it."""

    hashes: Mapping[str, str]  # path below the root, '/'-separated -> hash of its bytes
    problems: tuple[Problem, ...] = ()
    stamps: Mapping[str, FileStamp] = field(default_factory=dict)

    def static(self) -> dict[str, str]:
        """The site's static/ files: path in the site -> path below the root."""
        prefix = f"{STATIC_DIR}/"
        return {key[len(prefix):]: key for key in self.hashes if key.startswith(prefix)}

    def below(self, folder: str, suffix: str = "") -> list[str]:
        prefix = f"{folder}/"
        return sorted(k for k in self.hashes if k.startswith(prefix) and k.endswith(suffix))


def discover_files(root: Path, stamps: Mapping[str, FileStamp] | None = None) -> SiteFiles:
    """Every such file of the project, sorted; `stamps`: what the last build recorded."""
    top = str(root)
    keys = [k for k in files_below(top, ARTICLES_DIR.as_posix(), skip_hidden=True) if _is_photo(k)]
    for folder in NOTE_DIRS:
        keys += [k for k in files_below(top, folder, skip_hidden=True) if k.endswith(".md") or _is_photo(k)]
    keys += [k for k in files_below(top, STATIC_DIR) if not _is_litter(k)]
    return _look_at(root, sorted(keys), stamps or {})


def rediscover_files(root: Path, before: SiteFiles, changed: Iterable[str]) -> SiteFiles:
    """`before`, with the files at `changed` (below the root) looked at again: the dev server's."""
    changed = set(changed)
    keys = (set(before.hashes) | {p.path.as_posix() for p in before.problems}) - changed
    keys |= {key for key in changed if is_site_file(key) and os.path.lexists(root / key)}
    known = {k: h for k, h in before.hashes.items() if k not in changed}
    stamps = {k: s for k, s in before.stamps.items() if k not in changed}
    return _look_at(root, sorted(keys), stamps, known)


def is_site_file(key: str) -> bool:
    """Whether a path below the root is one of the files this module looks at."""
    parts = key.split("/")
    if key.startswith(f"{STATIC_DIR}/"):
        return not _is_litter(key)
    if any(part.startswith(".") for part in parts):
        return False
    if key.startswith(f"{ARTICLES_DIR.as_posix()}/"):
        return _is_photo(key)
    return any(key.startswith(f"{folder}/") for folder in NOTE_DIRS) and (key.endswith(".md") or _is_photo(key))


def _is_photo(key: str) -> bool:
    return key.lower().endswith(PHOTO_SUFFIXES)


def _is_litter(key: str) -> bool:
    parts = key.split("/")
    return parts[-1] in LITTER or ".git" in parts or parts[-1].endswith("~")


def _look_at(root: Path, keys: list[str], stamps: Mapping[str, FileStamp],
             known: Mapping[str, str] | None = None) -> SiteFiles:
    hashes: dict[str, str] = {}
    problems: list[Problem] = []
    new_stamps: dict[str, FileStamp] = {}
    trusted_before = time.time_ns() - RACY_NS
    real_root = os.path.realpath(root)
    for key in keys:
        if known and key in known:
            hashes[key] = known[key]
            if key in stamps:
                new_stamps[key] = stamps[key]
            continue
        path = os.path.join(root, key)
        try:
            found = _stat(path, real_root)
        except OSError as err:
            problems.append(Problem(Path(key), None, f"cannot be read: {err.strerror}"))
            continue
        if isinstance(found, str):
            if found:
                problems.append(Problem(Path(key), None, found))
            continue
        stamp = stamps.get(key)
        if stamp and stamp.size == found.st_size and stamp.mtime_ns == found.st_mtime_ns:
            digest = stamp.fingerprint
        else:
            try:
                digest = file_hash(path)
            except OSError as err:
                problems.append(Problem(Path(key), None, f"cannot be read: {err.strerror}"))
                continue
        hashes[key] = digest
        if found.st_mtime_ns < trusted_before:
            new_stamps[key] = FileStamp(found.st_size, found.st_mtime_ns, digest)
    return SiteFiles(hashes, tuple(problems), new_stamps)


def _stat(path: str, real_root: str) -> os.stat_result | str:
    """The file's stat; or why it is left out: a message for a problem, '' to skip it quietly
    (a linked folder, not followed)."""
    if os.path.islink(path):
        real = os.path.realpath(path)
        if os.path.commonpath([real, real_root]) != real_root:
            return "a link to a file outside the project; copy the file into the project instead"
    info = os.stat(path)
    if stat.S_ISDIR(info.st_mode):
        return ""
    if not stat.S_ISREG(info.st_mode):
        return "not a regular file"
    return info


def file_hash(path: str | os.PathLike[str]) -> str:
    with open(path, "rb") as handle:
        return hashlib.file_digest(handle, lambda: hashlib.blake2b(digest_size=16)).hexdigest()
