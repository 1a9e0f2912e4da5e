"""pagefind: a built site folder and its shards -> their Pagefind indexes, or why not."""

from __future__ import annotations

import importlib.util
import logging
import os
import shutil
import subprocess
from collections.abc import Mapping
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from site_builder.search.shards import SEARCH_DIR

log = logging.getLogger(__name__)
UNUSED = ("pagefind-ui.*", "pagefind-component-ui.*", "pagefind-modular-ui.*", "pagefind-highlight.js")


def build_shards(site: Path, shards: Mapping[str, list[str]], jobs: int = 1) -> dict[str, str | None]:
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
    `python -m pagefind`, whose interpreter start-up each shard would pay again."""
    if importlib.util.find_spec("pagefind") is None:
        return None
    from pagefind.service import get_executable

    found = get_executable()
    return str(found) if found is not None else None


def _index_shard(executable: str, site: Path, name: str, pages: list[str]) -> str | None:
    bundle = site / SEARCH_DIR / name
    shutil.rmtree(bundle, ignore_errors=True)  # an older index of that shard
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
