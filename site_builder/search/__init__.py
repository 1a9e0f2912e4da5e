"""search: the site's full-text search index, the one owner of it: which shards a build must
index again and which it carries over (shards.py), and Pagefind, which indexes them (pagefind.py)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Literal

from site_builder.model import Page
from site_builder.search.pagefind import build_shards
from site_builder.search.shards import (
    SEARCH_DIR,
    SHARD_SIZE,
    carry_over,
    plan_shards,
    search_fingerprint,
    shard_names,
)

__all__ = ["SEARCH_DIR", "SHARD_SIZE", "SearchMode", "SearchPlan", "build_shards", "plan_search", "shard_names"]

# What a build does with the search index: make what changed, keep it as it is (the dev
# server's quick rebuilds), or have none (search turned off).
SearchMode = Literal["build", "keep", "drop"]


@dataclass(frozen=True)
class SearchPlan:
    """The search index a build leaves: the files carried over from the old site (with their
    shard's key), and the shards to index again (name -> the output paths of their pages)."""

    keys: Mapping[str, str] = field(default_factory=dict)  # shard name -> its key
    carry: Mapping[str, str] = field(default_factory=dict)
    shards: Mapping[str, list[str]] = field(default_factory=dict)


def plan_search(mode: SearchMode, pages: Sequence[Page], templates: Mapping[str, str], site_key: str,
                old: Iterable[str], held: Mapping[str, str], shard_size: int = SHARD_SIZE) -> SearchPlan:
    """`pages` newest first; `old`: the files of the old site; `held`: what the last build
    recorded of them (an index file: its shard's key)."""
    if mode == "keep":
        return SearchPlan(carry={path: held.get(path, "") for path in old if path.startswith(f"{SEARCH_DIR}/")})
    if mode == "drop":
        return SearchPlan()
    indexed = [(p.output_path, search_fingerprint(p, templates, site_key))
               for p in reversed(pages) if p.searchable]  # oldest first
    planned = plan_shards(indexed, shard_size)
    keys = {name: key for name, (key, _) in planned.items()}
    carry, todo = carry_over(keys, old, held)
    return SearchPlan(keys, carry, {name: planned[name][1] for name in todo})
