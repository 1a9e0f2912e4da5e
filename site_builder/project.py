"""project: where things are in a site-builder project, and the files kept in its cache folder."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

CONFIG_FILE = "site.toml"
ARTICLES_DIR = Path("content") / "articles"
SITE_TEMPLATES = "templates"  # the site's own template overrides
SITE_TRANSLATIONS = "translations"  # the site's own words for the interface: <language>.po
CACHE_DIR = ".site-builder-cache"
THEME_NAME = re.compile(r"[A-Za-z0-9_-]+")  # a theme's folder name, under themes/


def cache_file(root: Path, kind: str, out: Path, suffix: str) -> Path:
    """The cache file of `kind` ('pages', 'outcome', 'deploy-stamps', ...) kept for the output
    folder `out`: one per folder, named by its resolved path."""
    name = hashlib.blake2b(str(out.resolve()).encode(), digest_size=8).hexdigest()
    return root / CACHE_DIR / f"{kind}-{name}{suffix}"


@dataclass(frozen=True)
class Edits:
    """What the paths a watcher reported mean to a build of the project."""

    # Article files to read again, below the root, '/'-separated; None: look at every one again
    # (a folder of articles was added, moved or removed).
    articles: frozenset[str] | None
    others: bool  # anything outside content/ (site.toml, templates, themes): load the theme again

    def __or__(self, other: Edits) -> Edits:
        articles = None if self.articles is None or other.articles is None else self.articles | other.articles
        return Edits(articles, self.others or other.others)


def edits_of(root: Path, paths: Iterable[Path]) -> Edits:
    """`paths`: absolute, as the watcher reports them (a bundled theme's lie outside the root)."""
    root = root.resolve()
    articles: set[str] | None = set()
    others = False
    prefix = ARTICLES_DIR.as_posix() + "/"
    for path in paths:
        try:
            key = path.resolve().relative_to(root).as_posix()
        except ValueError:
            key = ""  # a bundled theme
        if key.startswith(prefix) and key.endswith(".md") and not path.is_dir():
            if articles is not None:
                articles.add(key)
        elif key.startswith(prefix) or key == ARTICLES_DIR.as_posix():
            articles = None
        elif not key.startswith("content/"):
            others = True
    return Edits(frozenset(articles) if articles is not None else None, others)
