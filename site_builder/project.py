"""project: where things are in a site-builder project, and the files kept in its cache folder."""

from __future__ import annotations

import hashlib
import os
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

CONFIG_FILE = "site.toml"
ARTICLES_DIR = Path("content") / "articles"
PAGES_DIR, AUTHORS_DIR, STORIES_DIR = "content/pages", "content/authors", "content/stories"
NOTE_DIRS = (PAGES_DIR, AUTHORS_DIR, STORIES_DIR)  # Markdown files besides the articles
STATIC_DIR = "static"  # the site's own files, copied to the output folder's root as they are
SITE_TEMPLATES = "templates"  # the site's own template overrides
SITE_TRANSLATIONS = "translations"  # the site's own words for the interface: <language>.po
CACHE_DIR = ".site-builder-cache"
# The folders the site is made from: no build writes into them, nor below them.
SOURCE_DIRS = ("content", "themes", SITE_TEMPLATES, STATIC_DIR)
# In the cache, the folders sites are built into for a destination (`build --out s3://...`),
# and for `check` (with and without drafts).
BUILT_FOR = "site-for-"
CHECK_DIRS = {False: "check", True: "check-drafts"}
THEME_NAME = re.compile(r"[A-Za-z0-9_-]+")  # a theme's folder name, under themes/


def find_project(start: Path) -> Path | None:
    """The folder of the project `start` is in: `start` itself if it holds a site.toml (as
    given, so messages keep its short form), else the nearest parent that does (as git finds
    its repository); None outside any project. A site.toml that is not a file (a folder, a
    pipe, a dangling link) still marks the project: reading it says what is wrong with it."""
    if os.path.lexists(start / CONFIG_FILE):
        return start
    for folder in start.resolve().parents:
        if os.path.lexists(folder / CONFIG_FILE):
            return folder
    return None


def cache_file(root: Path, kind: str, out: Path, suffix: str) -> Path:
    """The cache file of `kind` ('pages', 'outcome', 'deploy-stamps', ...) kept for the output
    folder `out`: one per folder, named by its path relative to the project, so that a project
    moved or cloned elsewhere with its cache and output/ finds it again."""
    where = os.path.relpath(out.resolve(), root.resolve())
    name = hashlib.blake2b(where.encode("utf-8", "surrogateescape"), digest_size=8).hexdigest()
    return root / CACHE_DIR / f"{kind}-{name}{suffix}"


@dataclass(frozen=True)
class Edits:
    """What the paths a watcher reported mean to a build of the project."""

    # Article files to read again, below the root, '/'-separated; None: look at every one again
    # (a folder of articles was added, moved or removed).
    articles: frozenset[str] | None
    others: bool  # anything outside content/ and static/ (site.toml, templates, themes): load the theme again
    # The project's other files to look at again (photos, notes, static/: content/files.py);
    # None: every one.
    files: frozenset[str] | None = frozenset()

    def __or__(self, other: Edits) -> Edits:
        articles = None if self.articles is None or other.articles is None else self.articles | other.articles
        files = None if self.files is None or other.files is None else self.files | other.files
        return Edits(articles, self.others or other.others, files)


def edits_of(root: Path, paths: Iterable[Path]) -> Edits:
    """`paths`: absolute, as the watcher reports them (a bundled theme's lie outside the root).
    A photo saved beside an article is a file to look at again, not an article: it costs the
    pages that show it, not a look at every article."""
    root = root.resolve()
    articles: set[str] | None = set()
    files: set[str] | None = set()
    others = False
    prefix = ARTICLES_DIR.as_posix() + "/"
    beside = tuple(f"{folder}/" for folder in (*NOTE_DIRS, STATIC_DIR))
    for path in paths:
        try:
            key = path.resolve().relative_to(root).as_posix()
        except ValueError:
            key = ""  # a bundled theme
        folder = path.is_dir()
        if key.startswith(prefix) and key.endswith(".md") and not folder:
            if articles is not None:
                articles.add(key)
        elif key.startswith(prefix) and not folder and "." in key.rsplit("/", 1)[-1]:
            if files is not None:
                files.add(key)
        elif key.startswith(prefix) or key == ARTICLES_DIR.as_posix():
            articles = files = None
        elif key.startswith(beside) and not folder:
            if files is not None:
                files.add(key)
        elif key.startswith(beside) or key in (*NOTE_DIRS, STATIC_DIR):
            files = None
        elif not key.startswith("content/"):
            others = True
    return Edits(frozenset(articles) if articles is not None else None, others,
                 frozenset(files) if files is not None else None)
