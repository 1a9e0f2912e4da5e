"""manifest: a built site folder -> what it holds (path -> hash, size), and that record as the
file kept on a destination, which tells the next deploy what is there without listing it."""

from __future__ import annotations

import gzip
import hashlib
import io
import json
import os
import time
from collections.abc import Callable, Mapping
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import NamedTuple

from site_builder.content.discover import RACY_NS
from site_builder.folders import files_below
from site_builder.output.folder import MARKER, is_site_path

MANIFEST = ".site-builder-manifest.json.gz"
FORMAT = 1
# The hash of a file the destination may hold with any bytes: a deploy stopped after it began
# to write it (see publish.py).
UNKNOWN = ""
_CHUNK = 256  # files hashed per task
MAX_INFLATED, INFLATION = 64_000_000, 20  # bytes; and times its gzip's size, beyond that


class Entry(NamedTuple):
    hash: str  # of the file's bytes, and of the headers it is served with where they are set
    size: int


class DeployStamp(NamedTuple):
    """A file's hash, vouched for while its size, time and inode stay the same. A build replaces
    a file it changes and links the ones it keeps, so an unchanged deploy reads no file."""

    size: int
    mtime_ns: int
    inode: int
    hash: str  # of the bytes alone


Manifest = Mapping[str, Entry]
Headers = Callable[[str], str]  # path -> the headers it is served with, as one string


def manifest_of(site: Path, headers: Headers | None = None, stamps: Mapping[str, DeployStamp] | None = None
                ) -> tuple[dict[str, Entry], dict[str, DeployStamp]]:
    """Every file of a built site but the build's marker, and the stamps to pass next time.
    Files without a valid stamp are read and hashed on threads (hashlib lets go of the lock)."""
    known = stamps or {}
    found: dict[str, DeployStamp] = {}
    todo: list[str] = []
    for path in sorted(files_below(site)):
        if path == MARKER:
            continue
        stat = os.stat(os.path.join(site, path))
        stamp = known.get(path)
        if stamp is not None and (stamp.size, stamp.mtime_ns, stamp.inode) == (stat.st_size, stat.st_mtime_ns, stat.st_ino):
            found[path] = stamp
        else:
            found[path] = DeployStamp(stat.st_size, stat.st_mtime_ns, stat.st_ino, UNKNOWN)
            todo.append(path)
    chunks = [todo[i: i + _CHUNK] for i in range(0, len(todo), _CHUNK)]
    with ThreadPoolExecutor(max_workers=min(8, (os.cpu_count() or 1) * 2)) as pool:
        for chunk, hashes in zip(chunks, pool.map(lambda c: [_hash_file(site, path) for path in c], chunks)):
            for path, (size, digest) in zip(chunk, hashes):
                # The time was read before the bytes: a file changed meanwhile is hashed again next time.
                found[path] = found[path]._replace(size=size, hash=digest)
    manifest = {path: Entry(_with_headers(stamp.hash, path, headers), stamp.size) for path, stamp in found.items()}
    trusted_before = time.time_ns() - RACY_NS
    return manifest, {path: stamp for path, stamp in found.items() if stamp.mtime_ns < trusted_before}


def _hash_file(site: Path, path: str) -> tuple[int, str]:
    with open(os.path.join(site, path), "rb") as handle:
        data = handle.read()
    return len(data), hashlib.blake2b(data, digest_size=16).hexdigest()


def _with_headers(digest: str, path: str, headers: Headers | None) -> str:
    if headers is None:
        return digest
    return hashlib.blake2b(f"{digest}\0{headers(path)}".encode("utf-8"), digest_size=16).hexdigest()


def manifest_bytes(manifest: Manifest) -> bytes:
    files = {path: list(entry) for path, entry in sorted(manifest.items())}
    text = json.dumps({"format": FORMAT, "files": files}, separators=(",", ":"), ensure_ascii=False)
    return gzip.compress(text.encode("utf-8"), compresslevel=6, mtime=0)


class DamagedManifest(ValueError):
    pass


def read_manifest(data: bytes) -> dict[str, Entry]:
    """The manifest a deploy left; its paths are checked, as they name files to delete."""
    try:
        record = json.loads(_inflate(data))
        if record.get("format") != FORMAT:
            raise DamagedManifest(f"format {record.get('format')!r}, not {FORMAT}: written by another version")
        manifest = {path: _entry(value) for path, value in record["files"].items()}
    except (OSError, EOFError, ValueError, TypeError, KeyError, AttributeError, OverflowError) as err:
        if isinstance(err, DamagedManifest):
            raise
        raise DamagedManifest(f"cannot be read ({type(err).__name__}: {err})") from None
    for path in manifest:
        if not is_site_path(path) or path == MANIFEST:
            raise DamagedManifest(f"names a file outside the site: {path!r}")
    return manifest


def _inflate(data: bytes) -> bytes:
    """The manifest's JSON, inflated no further than a manifest can be: hashes and paths shrink
    a few times at most, so a file that grows past that is a gzip bomb, not a manifest."""
    limit = MAX_INFLATED + INFLATION * len(data)
    with gzip.GzipFile(fileobj=io.BytesIO(data)) as inflating:
        text = inflating.read(limit + 1)
    if len(text) > limit:
        raise DamagedManifest(f"inflates to more than {limit / 1e6:,.0f} MB from {len(data) / 1e6:,.1f} MB: "
                              "not a manifest (a gzip bomb?)")
    return text


def _entry(value: object) -> Entry:
    hash_, size = value  # type: ignore[misc]
    if not isinstance(hash_, str) or type(size) is not int or size < 0:
        raise ValueError(f"not a hash and a size: {value!r}"[:120])
    return Entry(hash_, size)
