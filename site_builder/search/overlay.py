"""overlay: articles edited after their shard was sealed -> a small index of their own (the
recent changes), and the hits of the sealed shards it supersedes.

A full shard whose articles are the ones it was indexed with keeps its index when some of them
are edited: the edited pages are indexed in the overlay (pagefind/recent/), and the overlay's
manifest (pagefind/recent.json) names the Pagefind ids of their stale hits in the sealed
shards, which the search page drops. So a correction to an old article costs an index of the
overlay, not of its shard. Past OVERLAY_LIMIT pages the overlay is folded back: the shards it
covers are indexed again, once, and it is empty.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import logging
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from site_builder.search.shards import SEARCH_DIR

log = logging.getLogger(__name__)
FRAGMENT_SIGNATURE = b"pagefind_dcd"  # before the JSON of each of Pagefind's fragments, inflated
OVERLAY = "recent"  # the overlay's index: pagefind/recent/
MANIFEST = f"{SEARCH_DIR}/{OVERLAY}.json"  # its manifest, read by the search page
# Pages in the overlay before it is folded back into the sealed shards: each page of it is
# indexed again whenever the overlay changes, and each costs the reader a duplicate hit to
# drop, while a fold costs one index of the shards it covers.
OVERLAY_LIMIT = 200


@dataclass(frozen=True)
class ShardRecord:
    """What one shard's index was made of: its pages (output path, search fingerprint), oldest
    first, and the Pagefind id of each one's hit ('' if not found)."""

    pages: tuple[tuple[str, str], ...]
    hits: tuple[str, ...]

    def __reduce__(self) -> tuple[Any, ...]:
        # A few long strings, not thousands of short ones: the cache holds one per shard.
        return _record, (len(self.pages), "\0".join(p for p, _ in self.pages),
                         "\0".join(f for _, f in self.pages), "\0".join(self.hits))


def _record(count: int, paths: str, fingerprints: str, hits: str) -> ShardRecord:
    split = (lambda joined: joined.split("\0")) if count else (lambda joined: [])
    return ShardRecord(tuple(zip(split(paths), split(fingerprints))), tuple(split(hits)))


@dataclass(frozen=True)
class Overlay:
    """The shards kept sealed (name -> the key their files keep), the pages to index in the
    overlay (output path, search fingerprint), and the manifest the search page reads."""

    sealed: Mapping[str, str]
    pages: tuple[tuple[str, str], ...]
    manifest: bytes

    @property
    def key(self) -> str:
        return _hash("\n".join(f"{path}\0{fingerprint}" for path, fingerprint in self.pages))

    @property
    def manifest_key(self) -> str:
        return _hash(self.manifest.decode())


def plan_overlay(todo: Iterable[str], planned: Mapping[str, Sequence[tuple[str, str]]], old: Iterable[str],
                 held: Mapping[str, str], records: Mapping[str, ShardRecord],
                 limit: int = OVERLAY_LIMIT) -> Overlay:
    """Of the shards `todo` (whose key changed), those that can stay sealed with their edited
    pages in the overlay. `planned`: each shard's pages now (output path, search fingerprint);
    `old`, `held`: the old site's files and the key each was indexed under; `records`: what
    each key's index was made of."""
    present = frozenset(old)
    held_keys = shard_keys(present, held)
    sealed: dict[str, str] = {}
    edited: list[tuple[str, str]] = []
    stale: list[str] = []
    for name in todo:
        record = records.get(held_keys.get(name) or "")
        found = record and _edited_in_place(name, planned[name], record, present)
        if found:
            sealed[name] = held_keys[name]
            edited += found[0]
            stale += found[1]
    if len(edited) > limit:  # folded back: those shards are indexed again, the overlay empties
        sealed, edited, stale = {}, [], []
    manifest = {"index": OVERLAY if edited else None, "stale": sorted(stale)}
    return Overlay(sealed, tuple(sorted(edited)), json.dumps(manifest, separators=(",", ":")).encode())


def with_stale_filters(manifest: bytes, site: Path) -> bytes:
    """The overlay's manifest with the filters of each stale hit (topic, region, ...), read
    from its fragment in `site`: the search page takes them off its counts, which Pagefind
    makes with the stale hits among the others. A fragment it cannot read adds none."""
    found = json.loads(manifest)
    filters = {}
    for hit in found["stale"]:
        fragment = next(site.glob(f"{SEARCH_DIR}/*/fragment/{hit}.pf_fragment"), None)
        try:
            inflated = gzip.decompress(fragment.read_bytes()) if fragment else b""
            filters[hit] = json.loads(inflated[len(FRAGMENT_SIGNATURE):])["filters"]
        except (OSError, ValueError, KeyError, EOFError) as err:
            log.debug("stale hit %s: no filters (%s)", hit, err)
    return json.dumps({**found, "filters": filters}, separators=(",", ":"), sort_keys=True).encode()


def _edited_in_place(name: str, now: Sequence[tuple[str, str]], record: ShardRecord, present: frozenset[str]
                     ) -> tuple[list[tuple[str, str]], list[str]] | None:
    """(The pages of a full shard edited since it was indexed, the ids of their stale hits),
    or None if the shard must be indexed again: it is not full, its pages are no longer the
    same ones, or a stale hit is unknown or missing from the folder."""
    capacity = int(name.split("+")[1])
    if len(now) != capacity or [path for path, _ in now] != [path for path, _ in record.pages]:
        return None
    edited, stale = [], []
    for (path, fingerprint), (_, was), hit in zip(now, record.pages, record.hits):
        if fingerprint != was:
            if not hit or f"{SEARCH_DIR}/{name}/fragment/{hit}.pf_fragment" not in present:
                return None
            edited.append((path, fingerprint))
            stale.append(hit)
    return edited, stale


def shard_keys(old: Iterable[str], held: Mapping[str, str]) -> dict[str, str]:
    """Shard name -> the key every file of its index was made under, for the shards of `old`
    whose files all agree (a shard whose build stopped part-way has none)."""
    keys: dict[str, str | None] = {}
    for path in old:
        if path.startswith(f"{SEARCH_DIR}/") and path.count("/") > 1:
            name, key = path.split("/")[1], held.get(path)
            keys[name] = key if keys.get(name, key) == key else None
    return {name: key for name, key in keys.items() if key}


def _hash(text: str) -> str:
    return hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=16).hexdigest()
