"""search: a built site folder -> its Pagefind full-text index in pagefind/, or why not."""

from __future__ import annotations

import importlib.util
import logging
import subprocess
import sys
from pathlib import Path

log = logging.getLogger(__name__)

INDEX_DIR = "pagefind"
ARTICLE_PAGES = "[0-9][0-9][0-9][0-9]/**/*.html"  # /YYYY/MM/DD/<slug>/


def index_search(site: Path) -> str | None:
    """Index `site` in place. None when done; otherwise a one-line reason search was not built
    (the build still succeeds, and the search page says search is unavailable)."""
    if importlib.util.find_spec("pagefind") is None:
        return "search not built: Pagefind is not installed (pip install 'pagefind[bin]')"
    # Only article pages carry searchable text; listing pages need not even be read.
    command = [sys.executable, "-m", "pagefind", "--site", str(site), "--output-subdir", INDEX_DIR,
               "--glob", ARTICLE_PAGES]
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=1800)
    except (OSError, subprocess.TimeoutExpired) as err:
        return f"search not built: Pagefind could not run ({err})"
    if done.returncode != 0:
        last = (done.stderr or done.stdout).strip().splitlines()[-1:] or ["no output"]
        return f"search not built: Pagefind failed ({last[0]})"
    log.debug("pagefind: %s", done.stdout.strip())
    return None
