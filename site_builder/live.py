"""live: the dev server's site, kept in memory between builds so that an edit costs what it touches.

The last build's cache, theme, discovered files and site stay here; the paths the watcher
reports say what to read again. The pages open in a browser are drawn first. An edit that
leaves every article where it was (its URL, date, terms: most edits to a body or a headline)
is drawn on those pages at once, from the last build's site, before the rebuild that makes
every page as a fresh build of the same content would.
"""

from __future__ import annotations

import dataclasses
import logging
from collections.abc import Callable, Mapping
from pathlib import Path

import jinja2

from site_builder.build import BuildOptions, Built, LoadedTheme, Memory
from site_builder.cache import BuildCache
from site_builder.config import Config
from site_builder.content.discover import Discovery, Stamp, discover, rediscover
from site_builder.fingerprint import References
from site_builder.model import Article, ArticleFile, Page
from site_builder.plan import article_page
from site_builder.project import ARTICLES_DIR

ARTICLES = ARTICLES_DIR.as_posix() + "/"
log = logging.getLogger(__name__)


class LiveSite(Memory):
    """Call `saw` with what the watcher reported before each build."""

    def __init__(self, root: Path, shown: Callable[[], set[str]] = set,
                 drawn: Callable[[list[str]], None] | None = None):
        self.root = root.resolve()
        self.shown = shown  # site URLs ('' for home) open in a browser now
        self.drawn = drawn  # told which of them were written, before the other pages are drawn
        self.built: Built | None = None
        self._cache: tuple[str, BuildCache] | None = None  # with the config it was made for
        self._theme: tuple[str, LoadedTheme] | None = None  # with the theme's name
        self._found: Discovery | None = None
        self._changed: set[str] | None = None  # article files to read again; None: all
        self._pages: dict[str, Page] = {}  # the last build's, by URL
        self._articles: dict[str, Article] = {}  # the last build's, by file
        self._unsaved: BuildCache | None = None

    def saw(self, paths: set[Path]) -> None:
        """What the watcher reported: article files are read again, anything else (the theme,
        templates, site.toml) loads the theme again; a folder moved in the articles is a new
        look at all of them."""
        for path in paths:
            try:
                key = path.resolve().relative_to(self.root).as_posix()
            except ValueError:
                key = ""  # a bundled theme
            if key.startswith(ARTICLES) and key.endswith(".md") and not path.is_dir():
                if self._changed is not None:
                    self._changed.add(key)
            elif key.startswith(ARTICLES) or key == ARTICLES.rstrip("/"):
                self._changed = None
            elif not key.startswith("content/"):
                self._theme = None

    def files(self) -> set[str]:
        """The article files the last build read, below the root."""
        return {file.key for file in self._found[0]} if self._found else set()

    # What the build asks for (see build.Memory).

    def cache(self, options: BuildOptions, config: Config) -> BuildCache:
        made_for = repr((options.out, config.cache_key()))
        if self._cache is None or self._cache[0] != made_for:
            self._cache = made_for, super().cache(options, config)
        return self._cache[1]

    def theme(self, options: BuildOptions, config: Config, known: References) -> LoadedTheme:
        made_for = repr((config.theme, options.fingerprint_assets))
        if self._theme is None or self._theme[0] != made_for:
            self._theme = made_for, super().theme(options, config, known)
        return self._theme[1]

    def discover(self, root: Path, stamps: Mapping[str, Stamp]) -> Discovery:
        if self._found is None or self._changed is None:
            self._found = discover(root, stamps)
        elif self._changed:
            self._found = rediscover(root, self._found, self._changed)
        self._changed = set()
        return self._found

    def first(self) -> frozenset[str]:
        return frozenset(_output_path(url) for url in self.shown())

    def drawn_first(self, paths: list[str]) -> None:
        if self.drawn:
            self.drawn(paths)

    def save(self, cache: BuildCache) -> None:
        self._unsaved = cache  # the next build reads it from here: saved when the editor pauses

    def flush(self) -> None:
        """Save the cache if a build left it unsaved; call between builds."""
        if self._unsaved is not None:
            self._unsaved.save()
            self._unsaved = None

    def keep(self, built: Built) -> None:
        self.built = built
        self._pages = {page.url: page for page in built.pages}
        self._articles = {article.path: article for article in built.site.articles}

    # Before the build.

    def preview(self) -> dict[str, bytes]:
        """The pages open in a browser, drawn with the edited articles if every edit leaves its
        article where it was (else nothing: the build draws them first anyway), by output path."""
        shown = [self._pages[url] for url in self.shown() if url in self._pages]
        if not shown or not self._changed or self._theme is None or self.built is None:
            log.debug("not drawn ahead: shown %s, changed %s, theme %s, built %s", [p.url for p in shown],
                      self._changed, self._theme is not None, self.built is not None)
            return {}
        edits = []
        for key in self._changed:
            old = self._articles.get(key)
            new = _parse(self.root, key, self.built.config) if old is not None else None
            if old is None or new is None or _place(new) != _place(old):
                log.debug("not drawn ahead: %s moves or is new, gone or broken", key)
                return {}
            edits.append((old, new))
        cache = self._cache[1] if self._cache else None
        for old, new in edits:
            fingerprint = old.fingerprint
            _become(old, new)
            if cache is not None:
                cache.replace_article(fingerprint, old)
        site = self.built.site
        # An article page's context has copies of the article's fields (its title): made anew.
        shown = [article_page(site, page.context["article"], page.context["newer"], page.context["older"])
                 if "article" in page.context else page for page in shown]
        try:
            return {page.output_path: self.built.renderer.render(page).encode("utf-8") for page in shown}
        except jinja2.TemplateError:
            return {}  # the build reports it


def _parse(root: Path, key: str, config: Config) -> Article | None:
    from site_builder.content.parse import (
        parse_article_file,  # as build.read_content: loads Markdown
    )

    parsed = parse_article_file(ArticleFile(str(root), key, None), config)
    return parsed if isinstance(parsed, Article) else None


def _place(article: Article) -> tuple:
    """What decides where an article is shown: its URL, date, terms, and whether it is shown."""
    return (article.url, article.date, article.draft, article.template, article.topics, article.tags,
            article.regions, article.agency)


def _become(old: Article, new: Article) -> None:
    """`old` takes `new`'s fields where it stands: every listing, neighbour and related list of
    the last build holds it, not a copy, and so shows the edit with no new site model."""
    for field in dataclasses.fields(Article):
        object.__setattr__(old, field.name, getattr(new, field.name))
    vars(old).pop("teaser", None)  # cached from the old fields


def _output_path(url: str) -> str:
    return url + "index.html" if url == "" or url.endswith("/") else url
