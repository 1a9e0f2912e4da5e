"""cache: what earlier builds computed, keyed by content hashes, kept outside output/.

Stores under `.site-builder-cache/` in the project: the parsed articles (by file fingerprint),
with the related articles and teasers of the last build; and, per output folder, what the last
build saw and wrote: the stamps of the article files, the fingerprint of every page, what each
template draws, and a key of all its inputs. The latter is small and read first, so a build
with nothing to do stops before loading the articles. A build that adds a few articles writes
them to a small file beside the big one instead of writing it all again. All are discarded
whole when anything that shapes the output changes: the package's own code, the config,
library versions. A lost or corrupt cache only costs time.
"""

from __future__ import annotations

import hashlib
import logging
import os
import pickle
import secrets
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path
from typing import Any

from site_builder.discover import Stamp
from site_builder.fingerprint import References
from site_builder.model import Article, Problem
from site_builder.write import Tree

log = logging.getLogger(__name__)

CACHE_DIR = ".site-builder-cache"
ARTICLES, ADDED = "articles.pickle", "articles-added.pickle"
PACKAGE = Path(__file__).resolve().parent
LIBRARIES = ("markdown", "pymdown-extensions", "markdown-it-py", "mdit-py-plugins", "nh3", "jinja2", "pyyaml",
             "python-frontmatter")


@dataclass(frozen=True)
class LastBuild:
    """A build into an output folder, as the next build needs to know it: when the next one's
    inputs hash the same, there is nothing to do, and this is what it reports."""

    inputs: str = ""  # hash of every input besides code and config (which key the cache)
    pages: int = 0
    articles: int = 0
    problems: tuple[Problem, ...] = ()  # left out with --keep-going
    undated_drafts: tuple[Path, ...] = ()


@dataclass
class BuildCache:
    """Mutable by design: a build reads it, then records what it produced for the next one."""

    articles: dict[str, Article] = field(default_factory=dict)  # fingerprint -> article
    # The articles file on disk: its id and what it holds. Most builds add a few articles to
    # thousands, so those go to a small file beside it instead of writing it all again.
    articles_file: tuple[str, frozenset[str]] = ("", frozenset())
    related: tuple[str, dict[str, tuple[str, ...]]] = ("", {})  # (related_key, URL -> URLs)
    fragments: dict[tuple[str, str, str], str] = field(default_factory=dict)  # see render.Fragments
    # What the output folder and the kept previous site hold, by the ids in their markers.
    trees: dict[str, Tree] = field(default_factory=dict)
    stamps: dict[str, Stamp] = field(default_factory=dict)  # article file -> size, time, fingerprint
    templates: References = field(default_factory=dict)  # what each template draws (fingerprint.py)
    last_build: LastBuild = LastBuild()


def code_key() -> str:
    """Our own code and templates, and the libraries that shape HTML: any change, new cache."""
    digest = hashlib.blake2b(digest_size=16)
    for path in sorted(PACKAGE.rglob("*")):
        if path.suffix in (".py", ".html", ".xml", ".txt") and "__pycache__" not in path.parts:
            digest.update(path.relative_to(PACKAGE).as_posix().encode())
            digest.update(path.read_bytes())
    for name in LIBRARIES:
        try:
            digest.update(f"{name}={metadata.version(name)}".encode())
        except metadata.PackageNotFoundError:
            digest.update(name.encode())
    return digest.hexdigest()


def load_cache(root: Path, out: Path, key: str) -> BuildCache:
    """What the last build into `out` left; the parsed articles wait for `load_articles`.
    Empty when there is none, it is unreadable, or it was made under another key."""
    trees, stamps, templates, last_build = _load(_pages_file(root, out), key) or ({}, {}, {}, LastBuild())
    return BuildCache(trees=trees, stamps=stamps, templates=templates, last_build=last_build)


def load_articles(root: Path, key: str, cache: BuildCache) -> None:
    """The parsed articles: those of the articles file, and those added since (with the
    related articles and teasers of the last build) if they were saved against it."""
    file_id, articles = _load(root / CACHE_DIR / ARTICLES, key) or ("", {})
    since_id, added, cache.related, cache.fragments = (
        _load(root / CACHE_DIR / ADDED, key) or ("", {}, ("", {}), {}))
    cache.articles_file = (file_id, frozenset(articles))
    cache.articles = {**articles, **added} if since_id == file_id else articles


def save_cache(root: Path, out: Path, key: str, cache: BuildCache) -> None:
    folder = root / CACHE_DIR
    try:
        folder.mkdir(exist_ok=True)
        file_id, held = cache.articles_file
        added = {fp: article for fp, article in cache.articles.items() if fp not in held}
        # Written anew once a tenth of it is added or gone, so that it does not carry old
        # versions of edited articles for long.
        if not file_id or len(added) + len(held - cache.articles.keys()) > len(held) // 10:
            file_id, added = secrets.token_hex(8), {}
            _save(folder / ARTICLES, key, (file_id, cache.articles))
        _save(folder / ADDED, key, (file_id, added, cache.related, cache.fragments))
        _save(_pages_file(root, out), key, (cache.trees, cache.stamps, cache.templates, cache.last_build))
    except OSError as err:  # a read-only project still builds, only slower next time
        log.warning("cache not saved: %s", err)


def _pages_file(root: Path, out: Path) -> Path:
    name = hashlib.blake2b(str(out.resolve()).encode(), digest_size=8).hexdigest()
    return root / CACHE_DIR / f"pages-{name}.pickle"


def _load(path: Path, key: str) -> Any:
    try:
        with path.open("rb") as handle:
            stored_key, value = pickle.load(handle)
    except (OSError, pickle.UnpicklingError, EOFError, ValueError, TypeError, AttributeError,
            ImportError):
        return None
    return value if stored_key == key else None


def _save(path: Path, key: str, value: Any) -> None:
    temporary = path.with_name(path.name + f".{os.getpid()}.tmp")
    with temporary.open("wb") as handle:
        pickle.dump((key, value), handle, protocol=pickle.HIGHEST_PROTOCOL)
    os.replace(temporary, path)
