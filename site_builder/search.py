"""search: a built site folder -> its Pagefind full-text index, one per year, or why not.

Each year's article pages get an index of their own in pagefind/<year>/, which the search page
merges in the browser (Pagefind's mergeIndex). A year is indexed again only when what search
takes from one of its article pages changed, so a day's news costs one year's index, not the
whole archive's.
"""

from __future__ import annotations

import hashlib
import importlib.util
import logging
import re
import shutil
import subprocess
import sys
from collections import defaultdict
from collections.abc import Iterable, Mapping
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

log = logging.getLogger(__name__)

INDEX_DIR = "pagefind"
ARTICLE_PAGE = re.compile(r"(\d{4})/")  # /YYYY/MM/DD/<slug>/: only article pages live there


def index_keys(fingerprints: Mapping[str, str]) -> dict[str, str]:
    """Year -> a hash of the search fingerprints of its article pages (output path ->
    fingerprint of what is indexed of the page): while it stays the same, so does the year's
    index. A theme that put other articles' text (related headlines) inside its indexed
    `data-pagefind-body` would see that text refreshed only with its own article."""
    by_year: dict[str, list[str]] = defaultdict(list)
    for path, fingerprint in fingerprints.items():
        year = ARTICLE_PAGE.match(path)
        if year:
            by_year[year[1]].append(f"{path}\0{fingerprint}")
    return {year: hashlib.blake2b("\n".join(sorted(pages)).encode(), digest_size=16).hexdigest()
            for year, pages in by_year.items()}


def plan_index(keys: Mapping[str, str], old: Iterable[str], held: Mapping[str, str]
               ) -> tuple[dict[str, str], list[str]]:
    """(index files to carry over from `old`, each with its year's key; years to index again).
    `held`: what the last build recorded of the files in `old` (an index file: its year's key)."""
    files_of: dict[str, list[str]] = defaultdict(list)
    for path in old:
        if path.startswith(f"{INDEX_DIR}/"):
            files_of[path.split("/")[1]].append(path)
    carry: dict[str, str] = {}
    todo = []
    for year, key in sorted(keys.items(), reverse=True):
        files = files_of.get(year)
        if files and all(held.get(path) == key for path in files):
            carry.update(dict.fromkeys(files, key))
        else:
            todo.append(year)
    return carry, todo


def index_years(site: Path, years: list[str], jobs: int = 1) -> dict[str, str | None]:
    """Index the article pages of each of `years` into pagefind/<year>/ of `site`, `jobs` at a
    time. Year -> None when done, else a one-line reason the search was not built (the build
    still succeeds, and the search page says search is unavailable)."""
    if importlib.util.find_spec("pagefind") is None:
        return dict.fromkeys(years, "search not built: Pagefind is not installed (pip install 'pagefind[bin]')")
    with ThreadPoolExecutor(max(1, jobs)) as pool:  # each year is a Pagefind process of its own
        return dict(zip(years, pool.map(lambda year: _index_year(site, year), years)))


def _index_year(site: Path, year: str) -> str | None:
    bundle = site / INDEX_DIR / year
    shutil.rmtree(bundle, ignore_errors=True)  # an older index of that year
    # Only article pages carry searchable text, and Pagefind need not walk the rest of the
    # site: it indexes the year's folder, whose URLs the search page prefixes with the year.
    command = [sys.executable, "-m", "pagefind", "--site", str(site / year),
               "--output-path", str(bundle), "--glob", "**/*.html"]
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=1800)
    except (OSError, subprocess.TimeoutExpired) as err:
        return f"search not built: Pagefind could not run ({err})"
    if done.returncode != 0:
        last = (done.stderr or done.stdout).strip().splitlines()[-1:] or ["no output"]
        return f"search not built: Pagefind failed ({last[0]})"
    log.debug("pagefind %s: %s", year, done.stdout.strip().splitlines()[-4:])
    return None
