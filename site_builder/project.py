"""project: where things are in a site-builder project, and the files kept in its cache folder."""

from __future__ import annotations

import hashlib
from pathlib import Path

CONFIG_FILE = "site.toml"
ARTICLES_DIR = Path("content") / "articles"
SITE_TEMPLATES = "templates"  # the site's own template overrides
CACHE_DIR = ".site-builder-cache"


def cache_file(root: Path, kind: str, out: Path, suffix: str) -> Path:
    """The cache file of `kind` ('pages', 'outcome', 'deploy-stamps', ...) kept for the output
    folder `out`: one per folder, named by its resolved path."""
    name = hashlib.blake2b(str(out.resolve()).encode(), digest_size=8).hexdigest()
    return root / CACHE_DIR / f"{kind}-{name}{suffix}"
