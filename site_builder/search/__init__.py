"""search: the site's full-text search index, the one owner of it: which shards a build must
index again and which it carries over (shards.py), the overlay of articles edited since their
shard was sealed (overlay.py), and Pagefind, which indexes them (pagefind.py)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Literal

from site_builder.model import Page
from site_builder.search.overlay import (
    MANIFEST,
    OVERLAY,
    OVERLAY_LIMIT,
    ShardRecord,
    plan_overlay,
    shard_keys,
)
from site_builder.search.pagefind import build_shards
from site_builder.search.shards import (
    SEARCH_DIR,
    SHARD_SIZE,
    carry_over,
    plan_shards,
    search_fingerprint,
    shard_names,
)

__all__ = ["OVERLAY", "SEARCH_DIR", "SHARD_SIZE", "SearchMode", "SearchPlan", "ShardRecord", "build_shards",
           "plan_search", "shard_names"]

# What a build does with the search index: make what changed, keep it as it is (the dev
# server's quick rebuilds), or have none (search turned off).
SearchMode = Literal["build", "keep", "drop"]


@dataclass(frozen=True)
class SearchPlan:
    """The search index a build leaves: the files carried over from the old site (with their
    shard's key), the shards to index again (name -> the output paths of their pages), the
    files written as they are (the overlay's manifest: path -> bytes and key), and what each
    shard kept is made of (key -> ShardRecord) with the search fingerprint of every page, for
    the records of the shards indexed now."""

    keys: Mapping[str, str] = field(default_factory=dict)  # shard name -> its key
    carry: Mapping[str, str] = field(default_factory=dict)
    shards: Mapping[str, list[str]] = field(default_factory=dict)
    writes: Mapping[str, tuple[bytes, str]] = field(default_factory=dict)
    records: Mapping[str, ShardRecord] = field(default_factory=dict)
    fingerprints: Mapping[str, str] = field(default_factory=dict)


def plan_search(mode: SearchMode, pages: Sequence[Page], templates: Mapping[str, str], site_key: str,
                old: Iterable[str], held: Mapping[str, str], shard_size: int = SHARD_SIZE,
                records: Mapping[str, ShardRecord] | None = None, overlay_limit: int = OVERLAY_LIMIT) -> SearchPlan:
    """`pages` newest first; `old`: the files of the old site; `held`: what the last build
    recorded of them (an index file: its shard's key); `records`: what each key's index was
    made of, by key; `overlay_limit`: the pages the overlay holds before it is folded back."""
    records = records or {}
    if mode == "keep":
        carry = {path: held.get(path, "") for path in old if path.startswith(f"{SEARCH_DIR}/")}
        kept = set(shard_keys(carry, held).values())
        return SearchPlan(carry=carry, records={key: record for key, record in records.items() if key in kept})
    if mode == "drop":
        return SearchPlan()
    old = frozenset(old)
    indexed = [(p.output_path, search_fingerprint(p, templates, site_key))
               for p in reversed(pages) if p.searchable]  # oldest first
    fingerprints = dict(indexed)
    planned = plan_shards(indexed, shard_size)
    keys = {name: key for name, (key, _) in planned.items()}
    carry, todo = carry_over(keys, old, held)
    now = {name: [(path, fingerprints[path]) for path in paths] for name, (_, paths) in planned.items()}
    overlay = plan_overlay(todo, now, old, held, records, overlay_limit)
    keys.update(overlay.sealed)  # a sealed shard's files keep the key they were made under
    sealed = tuple(f"{SEARCH_DIR}/{name}/" for name in overlay.sealed)
    carry.update({path: held[path] for path in old if path.startswith(sealed)})
    todo = [name for name in todo if name not in overlay.sealed]
    shards = {name: planned[name][1] for name in todo}
    if overlay.pages:
        keys[OVERLAY] = overlay.key
        overlay_carry, overlay_todo = carry_over({OVERLAY: overlay.key}, old, held)
        carry.update(overlay_carry)
        shards.update({OVERLAY: [path for path, _ in overlay.pages]} if overlay_todo else {})
    kept = {keys[name] for name in keys if name != OVERLAY and name not in shards}
    return SearchPlan(keys, carry, shards, {MANIFEST: (overlay.manifest, overlay.manifest_key)},
                      {key: record for key, record in records.items() if key in kept}, fingerprints)
