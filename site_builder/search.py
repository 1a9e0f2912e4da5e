"""search: a built site folder -> its Pagefind full-text index, in shards, or why not.

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
import importlib.util
import logging
import os
import shutil
import subprocess
from collections.abc import Iterable, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

log = logging.getLogger(__name__)

INDEX_DIR = "pagefind"
SHARD_SIZE = 250  # articles in the smallest block (site.toml's search_shard_size)
GROWTH = 4  # complete blocks of a size that make one of the next
# Blocks grow three times, to 64 times the smallest (16,000 articles), and no further: an edit
# to an old article indexes its block again, and a query's download grows with the pages, not
# the blocks.
MERGES = 3
UNUSED = ("pagefind-ui.*", "pagefind-component-ui.*", "pagefind-modular-ui.*", "pagefind-highlight.js")


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
        if path.startswith(f"{INDEX_DIR}/"):
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


def index_shards(site: Path, shards: Mapping[str, list[str]], jobs: int = 1) -> dict[str, str | None]:
    """Index the article pages of each shard into pagefind/<name>/ of `site`, `jobs` at a time.
    Name -> None when done, else a one-line reason the search was not built (the build still
    succeeds, and the search page says search is unavailable)."""
    executable = _pagefind()
    if executable is None:
        return dict.fromkeys(shards, "search not built: Pagefind is not installed (pip install 'pagefind[bin]')")
    with ThreadPoolExecutor(max(1, jobs)) as pool:  # each shard is a Pagefind process of its own
        return dict(zip(shards, pool.map(lambda name: _index_shard(executable, site, name, shards[name]), shards)))


def _pagefind() -> str | None:
    """Pagefind's program, as its Python package finds it: run directly, not through
    `python -m pagefind`, whose start-up would cost each shard a tenth of a second."""
    if importlib.util.find_spec("pagefind") is None:
        return None
    from pagefind.service import get_executable

    found = get_executable()
    return str(found) if found is not None else None


def _index_shard(executable: str, site: Path, name: str, pages: list[str]) -> str | None:
    bundle = site / INDEX_DIR / name
    shutil.rmtree(bundle, ignore_errors=True)  # an older index of that shard
    # Pagefind indexes a folder: the shard's pages are linked into one of their own, at their
    # paths in the site, so the index's URLs are the site's. Nothing else is walked.
    pages_dir = site / INDEX_DIR / f".{name}.pages"
    shutil.rmtree(pages_dir, ignore_errors=True)
    made: set[Path] = set()
    for path in pages:
        target = pages_dir / path
        if target.parent not in made:
            target.parent.mkdir(parents=True, exist_ok=True)
            made.add(target.parent)
        os.link(site / path, target)
    command = [executable, "--site", str(pages_dir),
               "--output-path", str(bundle), "--glob", "**/*.html"]
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=1800)
    except (OSError, subprocess.TimeoutExpired) as err:
        return f"search not built: Pagefind could not run ({err})"
    finally:
        shutil.rmtree(pages_dir, ignore_errors=True)
    if done.returncode != 0:
        last = (done.stderr or done.stdout).strip().splitlines()[-1:] or ["no output"]
        return f"search not built: Pagefind failed ({last[0]})"
    log.debug("pagefind %s: %s", name, done.stdout.strip().splitlines()[-4:])
    for unused in UNUSED:  # Pagefind's own search interfaces: the theme brings its own
        for path in bundle.glob(unused):
            path.unlink()
    return None
