"""pagefind: a built site folder and its shards -> their Pagefind indexes, or why not."""

from __future__ import annotations

import importlib.util
import json
import logging
import os
import re
import shutil
import subprocess
import zlib
from collections.abc import Mapping
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import NamedTuple

from site_builder.folders import files_below
from site_builder.search.shards import SEARCH_DIR

log = logging.getLogger(__name__)
ENTRY = "pagefind-entry.json"  # what the search page reads first: it names the other files
UNUSED = ("pagefind-ui.*", "pagefind-component-ui.*", "pagefind-modular-ui.*", "pagefind-highlight.js")


# The start of a page's fragment, once inflated: its URL comes first.
FRAGMENT_URL = re.compile(rb'^pagefind_dcd\{"url":("(?:[^"\\]|\\.)*")')


class Indexed(NamedTuple):
    """A shard indexed: None, or a one-line reason the search was not built; and the id of the
    hit of each page found in its index, by output path."""

    failure: str | None
    hits: Mapping[str, str]
    kept: frozenset[str] = frozenset()  # files of the index left as they were (same bytes), below the site


def build_shards(site: Path, shards: Mapping[str, list[str]], jobs: int = 1, in_place: bool = False
                 ) -> dict[str, Indexed]:
    """Index the article pages of each shard into pagefind/<name>/ of `site`, `jobs` at a time;
    `in_place`: `site` is the site readers see, whose old index is replaced file by file.
    A failure still lets the build succeed, and the search page says search is unavailable."""
    executable = _pagefind()
    if executable is None:
        return dict.fromkeys(shards, Indexed("search not built: Pagefind is not installed (pip install 'pagefind[bin]')", {}))
    with ThreadPoolExecutor(max(1, jobs)) as pool:  # each shard is a Pagefind process of its own
        return dict(zip(shards, pool.map(lambda name: _index_shard(executable, site, name, shards[name], in_place),
                                         shards)))


def page_hits(bundle: Path, pages: list[str]) -> dict[str, str]:
    """Output path -> the id Pagefind gives its hit (its fragment's name), for the `pages` the
    index at `bundle` holds: only the head of each fragment is inflated, where its URL is."""
    by_url = {"/" + path.removesuffix("index.html"): path for path in pages}
    hits = {}
    for fragment in (bundle / "fragment").glob("*.pf_fragment"):
        head = zlib.decompressobj(wbits=31).decompress(fragment.read_bytes(), 4096)
        found = FRAGMENT_URL.match(head)
        path = by_url.get(json.loads(found[1])) if found else None
        if path is not None:
            hits[path] = fragment.name[: -len(".pf_fragment")]
    return hits


def _pagefind() -> str | None:
    """Pagefind's program, as its Python package finds it: run directly, not through
    `python -m pagefind`, whose interpreter start-up each shard would pay again."""
    if importlib.util.find_spec("pagefind") is None:
        return None
    from pagefind.service import get_executable

    found = get_executable()
    return str(found) if found is not None else None


def _index_shard(executable: str, site: Path, name: str, pages: list[str], in_place: bool) -> Indexed:
    bundle, fresh = site / SEARCH_DIR / name, site / SEARCH_DIR / f".{name}.new"
    if not in_place:
        shutil.rmtree(bundle, ignore_errors=True)  # an older index of that shard, not the readers'
    shutil.rmtree(fresh, ignore_errors=True)  # left by a build killed part-way
    # Pagefind indexes a folder: the shard's pages are linked into one of their own, at their
    # paths in the site, so the index's URLs are the site's. Nothing else is walked.
    pages_dir = site / SEARCH_DIR / f".{name}.pages"
    shutil.rmtree(pages_dir, ignore_errors=True)
    made: set[Path] = set()
    for path in pages:
        target = pages_dir / path
        if target.parent not in made:
            target.parent.mkdir(parents=True, exist_ok=True)
            made.add(target.parent)
        os.link(site / path, target)
    command = [executable, "--site", str(pages_dir),
               "--output-path", str(fresh), "--glob", "**/*.html"]
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=1800)
    except (OSError, subprocess.TimeoutExpired) as err:
        return Indexed(f"search not built: Pagefind could not run ({err})", {})
    finally:
        shutil.rmtree(pages_dir, ignore_errors=True)
    if done.returncode != 0:
        shutil.rmtree(fresh, ignore_errors=True)
        last = (done.stderr or done.stdout).strip().splitlines()[-1:] or ["no output"]
        return Indexed(f"search not built: Pagefind failed ({last[0]})", {})
    log.debug("pagefind %s: %s", name, done.stdout.strip().splitlines()[-4:])
    for unused in UNUSED:  # Pagefind's own search interfaces: the theme brings its own
        for path in fresh.glob(unused):
            path.unlink()
    hits = page_hits(fresh, pages)
    kept = _settle(fresh, bundle)
    return Indexed(None, hits, frozenset(f"{SEARCH_DIR}/{name}/{path}" for path in kept))


def _settle(fresh: Path, bundle: Path) -> set[str]:
    """The index made in `fresh` put in `bundle`'s place file by file, so that a reader of the
    old one finds a whole index at every moment: new files first, then those replaced, the
    entry file (which names the rest) last, then the old files no longer used removed. A file
    with the bytes it had is kept as it was. Returns those kept, below `bundle`."""
    made, old = files_below(fresh), set(files_below(bundle))
    kept = set()
    for path in sorted(made, key=lambda path: (path in old, path == ENTRY)):
        new, target = fresh / path, bundle / path
        if path in old and new.stat().st_size == target.stat().st_size and new.read_bytes() == target.read_bytes():
            kept.add(path)
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        os.replace(new, target)
    for path in old - set(made):
        (bundle / path).unlink(missing_ok=True)
    shutil.rmtree(fresh, ignore_errors=True)
    return kept
