"""plan: what the site should hold and what the output folder holds -> what a build must do to it:
which files to make anew, which to carry over as they are, which to remove, and which search
shards to index again. Pure: it reads no disk, so it can be tested on its own."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from site_builder.output.folder import MARKER, OutputFolder
from site_builder.search import SearchPlan


@dataclass(frozen=True)
class OutputPlan:
    files: Mapping[str, str]  # every file of the new site but the search index's new shards, with its fingerprint
    fresh: frozenset[str]  # to draw or copy anew: new, changed, or deleted by hand
    keep: tuple[str, ...]  # carried over from the old site as they are
    removed: frozenset[str]  # files of the old site whose source is gone
    shards: Mapping[str, list[str]]  # search shards to index again: name -> its pages
    shard_keys: Mapping[str, str]  # every shard's key
    # Written by the search stage as they are (the overlay's manifest): path -> bytes and key.
    writes: Mapping[str, tuple[bytes, str]] = field(default_factory=dict)
    stale_writes: bool = False  # one of those is not in the folder as the cache knows it

    @property
    def changes(self) -> bool:
        return bool(self.fresh or self.removed or self.shards or self.stale_writes)


def plan_output(wanted: Mapping[str, str], folder: OutputFolder, search: SearchPlan) -> OutputPlan:
    """`wanted`: every page and static file of the new site, with its fingerprint; `search`:
    the search index's files to carry over and shards to make (search.plan_search)."""
    old, held = folder.listed, folder.held_files
    fresh = frozenset(path for path, fingerprint in wanted.items()
                      if path not in old or held.get(path) != fingerprint or path in folder.missing)
    removed = frozenset(path for path in old - wanted.keys() - search.carry.keys() - search.writes.keys()
                        if path != MARKER)
    files = {**wanted, **search.carry}
    keep = tuple(path for path in files if path not in fresh)
    stale_writes = any(held.get(path) != key or path in folder.missing or path not in old
                       for path, (_, key) in search.writes.items())
    return OutputPlan(files, fresh, keep, removed, search.shards, search.keys, search.writes, stale_writes)
