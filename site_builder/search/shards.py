"""shards: the article pages, oldest first -> the search index's shards, each with a key that stays
the same while its articles do.

The article pages, oldest first, are cut into blocks counted from the oldest: blocks of
SHARD_SIZE, and once four of a size are complete they make one block four times as big. Each
block gets an index of its own in pagefind/<first>+<size>/, which the search page merges in the
browser (Pagefind's mergeIndex). A full block never changes unless one of its articles does; a
day's news goes into the newest, filling block, which is small, so that it is quick to index
again. Blocks stop growing at 64 times the smallest, which bounds what an edit costs; below
that an archive has at most three blocks of each size, so a query fetches a few indexes, not
one per year.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping, Sequence

from site_builder.model import Page

SEARCH_DIR = "pagefind"
SHARD_SIZE = 250  # articles in the smallest block (site.toml's search_shard_size)
GROWTH = 4  # complete blocks of a size that make one of the next
# Blocks grow three times, to 64 times the smallest (16,000 articles), and no further: an edit
# to an old article indexes its block again, and a query's download grows with the pages, not
# the blocks.
MERGES = 3


def shard_blocks(count: int, size: int = SHARD_SIZE) -> list[tuple[int, int]]:
    """(first, capacity) of each block of `count` articles, oldest first: at each place the
    biggest complete block that starts there, or the block still filling."""
    blocks, first = [], 0
    largest = size * GROWTH ** MERGES
    while first < count:
        capacity = size
        while (capacity < largest and first % (capacity * GROWTH) == 0
               and first + capacity * GROWTH <= count):
            capacity *= GROWTH
        blocks.append((first, capacity))
        first += capacity
    return blocks


def shard_names(count: int, size: int = SHARD_SIZE) -> list[str]:
    """The index folders of an archive of `count` articles, newest first, as the search page
    loads them."""
    return [f"{first}+{capacity}" for first, capacity in reversed(shard_blocks(count, size))]


def plan_shards(indexed: Sequence[tuple[str, str]], size: int = SHARD_SIZE) -> dict[str, tuple[str, list[str]]]:
    """Shard name -> (key, the output paths of its article pages), for `indexed`: (output path,
    fingerprint of what search takes from the page) of every article page, oldest first. While
    a shard's key stays the same, so does its index."""
    shards = {}
    for first, capacity in shard_blocks(len(indexed), size):
        pages = indexed[first: first + capacity]
        key = hashlib.blake2b("\n".join(f"{p}\0{f}" for p, f in pages).encode(), digest_size=16).hexdigest()
        shards[f"{first}+{capacity}"] = (key, [path for path, _ in pages])
    return shards


def carry_over(keys: Mapping[str, str], old: Iterable[str], held: Mapping[str, str]
               ) -> tuple[dict[str, str], list[str]]:
    """(index files to carry over from `old`, each with its shard's key; shards to index again).
    `held`: what the last build recorded of the files in `old` (an index file: its shard's key)."""
    files_of: dict[str, list[str]] = {}
    for path in old:
        if path.startswith(f"{SEARCH_DIR}/"):
            files_of.setdefault(path.split("/")[1], []).append(path)
    carry: dict[str, str] = {}
    todo = []
    for name, key in keys.items():
        files = files_of.get(name)
        if files and all(held.get(path) == key for path in files):
            carry.update(dict.fromkeys(files, key))
        else:
            todo.append(name)
    return carry, todo


def search_fingerprint(page: Page, templates: Mapping[str, str], site_key: str) -> str:
    """Of what the search index holds of an article page: changes to the pages beside it
    (related articles, neighbours) leave it as it is."""
    parts = (site_key, page.url, page.template, templates.get(page.template, "?"), *page.searchable)
    return hashlib.blake2b("\0".join(parts).encode("utf-8", "surrogatepass"), digest_size=16).hexdigest()
