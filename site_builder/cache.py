"""cache: what earlier builds computed, keyed by content hashes, kept outside output/.

Stores under `.site-builder-cache/` in the project: the parsed articles (by file fingerprint),
with the related articles and teasers' HTML of the last build; and, per output folder, what
the last build saw and wrote: the stamps of the article files, the fingerprint of every page,
what each template draws, and a key of all its inputs. The latter is small and read first, so
a build with nothing to do stops before loading the articles. A build that adds a few articles
writes them and their teasers to a small file beside the big one instead of writing it all
again. All are discarded whole when anything that shapes the output changes: the package's
own code, the config, library versions. A lost or corrupt cache only costs time.
"""

from __future__ import annotations

import hashlib
import logging
import secrets
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path
from typing import Any

from site_builder import sealed
from site_builder.atomic import replacing
from site_builder.config import Config
from site_builder.content.discover import FileStamp
from site_builder.errors import Problem
from site_builder.model import Article
from site_builder.output.folder import Tree
from site_builder.pages.fingerprint import References
from site_builder.project import CACHE_DIR, cache_file

log = logging.getLogger(__name__)

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
    urls: Mapping[str, str] = field(default_factory=dict)  # article file -> its URL (catalog/moves.py)


class BuildCache:
    """What earlier builds into one output folder computed, for this build to reuse; what this
    build computes is recorded through `record` and kept by `save`. The parsed articles are
    loaded only when asked for: a build with nothing to do never needs them."""

    def __init__(self, root: Path, out: Path, config: Config):
        self.root, self.out = root, out
        self.key = f"{code_key()}|{config.cache_key()}"
        trees, stamps, templates, last_build = (
            _load(cache_file(root, "pages", out, ".pickle"), self.key, (dict, dict, dict, LastBuild))
            or ({}, {}, {}, LastBuild()))
        self.trees: Mapping[str, Tree] = trees  # what the output folder and the kept previous site hold, by id
        self.stamps: Mapping[str, FileStamp] = stamps  # article file -> size, time, fingerprint
        self.templates: References = templates  # what each template draws (fingerprint.py)
        self.last_build: LastBuild = last_build
        self._articles: dict[str, Article] | None = None  # fingerprint -> article
        # The articles file on disk: its id, and the keys of the articles and fragments it holds.
        # Most builds add a few articles to thousands, so those, and their fragments, go to a
        # small file beside it instead of writing it all again.
        self._articles_file: tuple[str, frozenset[str], frozenset[tuple[str, str, str]]] = (
            "", frozenset(), frozenset())
        self._related: dict[str, tuple[str, ...]] = {}  # see related.find_related
        self._fragments: dict[tuple[str, str, str], str] = {}  # see render.Fragments
        # What `save` has to write: everything once a build recorded what it made; the small
        # file alone when only the stamps changed (a build with nothing to do).
        self._unsaved: str | None = None  # None, "stamps" or "all"

    @property
    def articles(self) -> Mapping[str, Article]:
        """Every article parsed before, by the fingerprint of its file."""
        if self._articles is None:
            self._load_articles()
        assert self._articles is not None
        return self._articles

    @property
    def fragments(self) -> dict[tuple[str, str, str], str]:
        self.articles  # noqa: B018 (stored with the articles added since the big file)
        return self._fragments

    @property
    def related(self) -> Mapping[str, tuple[str, ...]]:
        """The related lists of the last build, by the key related.find_related gave them."""
        self.articles  # noqa: B018 (stored with the articles added since the big file)
        return self._related

    def record(self, *, articles: Iterable[Article], stamps: Mapping[str, FileStamp], templates: References,
               fragments: dict[tuple[str, str, str], str], related: dict[str, tuple[str, ...]],
               trees: Mapping[str, Tree], last_build: LastBuild) -> None:
        """What this build made, for the next one."""
        self._articles = {a.fingerprint: a for a in articles}
        self._related = related
        self.stamps, self.templates, self._fragments = stamps, templates, fragments
        self.trees, self.last_build = trees, last_build
        self._unsaved = "all"

    def vouch(self, stamps: Mapping[str, FileStamp]) -> None:
        """The stamps of a discovery that found nothing to build: kept, so that the files it had
        to read (changed just before the last build) are not read on every build after."""
        if stamps != self.stamps:
            self.stamps = stamps
            self._unsaved = self._unsaved or "stamps"

    def save(self) -> None:
        """What was recorded since the last save, if anything."""
        if self._unsaved is None:
            return
        try:
            if self._unsaved == "all":
                self._save_articles()
            _save(cache_file(self.root, "pages", self.out, ".pickle"), self.key,
                  (self.trees, self.stamps, self.templates, self.last_build))
            self._unsaved = None
        except OSError as err:  # a read-only project still builds, only slower next time
            log.warning("cache not saved: %s", err)

    def _save_articles(self) -> None:
        """The articles parsed, their related lists and teasers: the few added since the big
        file beside it, or, once those are many, all of them anew."""
        folder = self.root / CACHE_DIR
        folder.mkdir(exist_ok=True)
        file_id, held, held_fragments = self._articles_file
        articles, fragments = self.articles, self._fragments
        added = {fp: article for fp, article in articles.items() if fp not in held}
        new_fragments = {key: html for key, html in fragments.items() if key not in held_fragments}
        # Written anew once a tenth of it is added or gone, so that it does not carry old
        # versions of edited articles for long (nor the fragments of an old teaser template).
        if (not file_id or len(added) + len(held - articles.keys()) > len(held) // 10
                or len(new_fragments) > len(held_fragments) // 10):
            file_id, added, new_fragments = secrets.token_hex(8), {}, {}
            _save(folder / ARTICLES, self.key, (file_id, articles, fragments))
            # The dev server saves this cache again after each rebuild: against this file.
            self._articles_file = (file_id, frozenset(articles), frozenset(fragments))
        _save(folder / ADDED, self.key, (file_id, added, self._related, new_fragments))

    def _load_articles(self) -> None:
        """Those of the articles file, and those added since if they were saved against it; the
        related lists and teasers' HTML of both, which are keyed by what they were made of."""
        file_id, articles, fragments = _load(self.root / CACHE_DIR / ARTICLES, self.key, (str, dict, dict)) or ("", {}, {})
        since_id, added, related, new_fragments = (
            _load(self.root / CACHE_DIR / ADDED, self.key, (str, dict, dict, dict)) or ("", {}, {}, {}))
        self._articles_file = (file_id, frozenset(articles), frozenset(fragments))
        self._articles = {**articles, **added} if since_id == file_id else articles
        self._related, self._fragments = related, {**fragments, **new_fragments}  # keyed by content


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


def _load(path: Path, key: str, shape: tuple[type, ...]) -> Any:
    """What `_save` kept under `key`, a tuple of values of the types `shape` names; None if it
    was kept under another key or in another shape, or its file is lost or damaged (sealed.py:
    a file whose bytes changed is not read at all)."""
    try:
        with path.open("rb") as handle:
            stored_key, value = sealed.load(handle)
    except (OSError, sealed.BrokenSeal, TypeError, ValueError) as err:
        log.debug("cache file %s not used: %s", path.name, err)
        return None
    if stored_key != key or not isinstance(value, tuple) or len(value) != len(shape) or \
            not all(isinstance(part, kind) for part, kind in zip(value, shape)):
        return None
    return value


def _save(path: Path, key: str, value: Any) -> None:
    with replacing(path) as handle:
        sealed.dump((key, value), handle)
