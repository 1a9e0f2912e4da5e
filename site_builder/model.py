"""model: the immutable values that flow through the build, ArticleFile -> Article -> Site -> Page."""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import hashlib
import zlib
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

from site_builder.newsroom import Correction, Image, Profile, Standalone, StoryIntro


class StoredBody(Protocol):
    """An article's body kept outside the article (a cluster's file of bodies, see cluster/):
    `read` gives the same zlib-compressed HTML an article's own `body` bytes hold."""

    def read(self) -> bytes: ...


@dataclass(frozen=True)
class ArticleFile:
    """An article file as found on disk, before parsing. Its place is kept as text: discovery
    makes one for every file of the archive on every build, and most are never opened."""

    root: str  # the project root
    key: str  # the path below `root`, with '/' separators
    text: str | None  # None: unchanged since the last build, so not read (see `read`)
    known_fingerprint: str | None = field(default=None, compare=False, repr=False)

    @property
    def full_path(self) -> Path:
        return Path(self.root, self.key)

    @property
    def relpath(self) -> Path:
        """Relative to the project root, for messages."""
        return Path(self.key)

    @functools.cached_property
    def fingerprint(self) -> str:
        """Everything an article is made of: its path (the slug may come from it) and text."""
        if self.known_fingerprint is not None:
            return self.known_fingerprint
        assert self.text is not None
        return hashlib.blake2b(f"{self.key}\0{self.text}".encode("utf-8", "surrogatepass"),
                               digest_size=16).hexdigest()

    def without_text(self) -> ArticleFile:
        """This file known by its fingerprint only; `read` brings the text back."""
        return self if self.text is None else dataclasses.replace(self, text=None, known_fingerprint=self.fingerprint)


@dataclass(frozen=True)
class Article:
    """A parsed, validated article. `url` is site-relative, e.g. '2024/12/04/slug/'."""

    # The file, below the project root, '/'-separated: text, not a Path, as it is kept in the
    # cache, and unpickling 10,000 Paths took longer than all the rest of the articles.
    path: str
    title: str
    date: dt.datetime
    slug: str
    url: str
    summary: str
    # The body's HTML, zlib-compressed: a big archive's bodies are most of its memory, and each
    # is needed by one page and a few feeds only (see `body_html`). In a cluster's worker:
    # where in a file of bodies to read it (see bodies.py).
    body: bytes | StoredBody
    standfirst: str = ""  # the summary when it is not just the body's opening words
    updated: dt.datetime | None = None
    topics: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    regions: tuple[str, ...] = ()
    agency: str | None = None  # front matter `source`: the agency or publication
    authors: tuple[str, ...] = ()  # bylines, as written; the older `byline` is read as one
    image: Image | None = None
    corrections: tuple[Correction, ...] = ()  # oldest first
    # Old addresses that redirect here: site-relative URLs ('2024/06/01/old-slug/'), and the
    # line of `aliases:` for messages.
    aliases: tuple[str, ...] = ()
    aliases_line: int = 1
    story: str | None = None  # the running story it belongs to
    language: str | None = None  # front matter `language`, when the article is not in the site's
    translation_key: str | None = None  # shared by an article and its translations
    # Whether `date` and `updated` were written with a time of day (then pages show it).
    timed: bool = False
    updated_timed: bool = False
    analysis: tuple[str, ...] = ()
    draft: bool = False
    template: str = "article.html"
    template_line: int = 1  # where the front matter names it, for "unknown template" errors
    fingerprint: str = ""  # hash of the file's path and text: everything the article is made of
    extra: dict[str, Any] = field(default_factory=dict, hash=False, compare=False)

    @property
    def body_html(self) -> str:
        body = self.body
        return zlib.decompress(body if isinstance(body, bytes) else body.read()).decode("utf-8")

    @functools.cached_property
    def timestamp(self) -> float:
        """The date in seconds, what the archive is ordered by: worked out once, then kept with
        the article in the cache (converting a dated time again for every comparison of every
        sort is slow)."""
        return self.date.timestamp()

    @functools.cached_property
    def teaser(self) -> str:
        """Hash of what listings, feeds' neighbours and related links may show (TEASER_FIELDS):
        a teaser template that reads anything else is refused (see fingerprint.untracked_reads)."""
        shown = tuple(getattr(self, name) for name in TEASER_FIELDS)
        return hashlib.blake2b(repr(shown).encode(), digest_size=12).hexdigest()

    @property
    def version(self) -> str:
        """What the article's own page and feeds show of it, as a page's inputs record it: its
        file, and its photo (replaced under the same name, it changes no article file)."""
        photo = self.image.photo if self.image is not None else None
        return f"{self.fingerprint}:{photo.hash}" if photo is not None else self.fingerprint

    @property
    def modified(self) -> dt.datetime:
        return self.updated or self.date

    @property
    def revised(self) -> dt.datetime:
        """The last change a reader is told of: `updated`, or a later correction. What the
        article's own page and feeds say; listings and sitemaps keep `modified`, so that a
        correction rewrites the article, the corrections page and its feeds, nothing else."""
        return max((self.modified, *(c.date for c in self.corrections)))

    def names(self, key: str) -> tuple[str, ...]:
        """The terms this article is filed under for a taxonomy key ('topics', 'source', ...)."""
        if key == "source":
            return (self.agency,) if self.agency else ()
        return getattr(self, key)


# What an article's teaser may show, and so what its hash covers: all but the body and the
# extras. `modified`, `slug` and `names` are made of these.
TEASER_FIELDS = ("url", "title", "date", "updated", "summary", "agency", "authors", "topics", "tags",
                 "regions", "image", "draft", "timed", "language")
TEASER_READS = frozenset({*TEASER_FIELDS, "modified", "slug", "names"})


@dataclass(frozen=True)
class Term:
    """One topic, tag, region or source with the articles filed under it, newest first."""

    name: str
    slug: str
    url: str  # its listing page; when `has_page` is false, an anchor on the taxonomy index
    articles: tuple[Article, ...]
    has_page: bool = True

    @property
    def feed_url(self) -> str:
        return f"{self.url}feed.xml"

    @functools.cached_property
    def token(self) -> str:
        """What a link to it shows (name and URL), as a page's inputs record it: made once,
        shared by the thousands of articles filed under it."""
        return f"{self.name}>{self.url}"


@dataclass(frozen=True)
class Taxonomy:
    """All terms of one kind: `key` is the front matter field, `url` its index page."""

    key: str
    title: str
    url: str
    terms: tuple[Term, ...]
    by_name: dict[str, Term] = field(hash=False, compare=False)  # every spelling -> its term

    def terms_of(self, article: Article) -> list[Term]:
        return [self.by_name[name] for name in article.names(self.key) if name in self.by_name]


@dataclass(frozen=True)
class Day:
    date: dt.date
    url: str
    articles: tuple[Article, ...]


@dataclass(frozen=True)
class Month:
    year: int
    month: int
    url: str
    days: tuple[Day, ...]  # only days with articles, in order

    @property
    def first_day(self) -> dt.date:
        return dt.date(self.year, self.month, 1)

    @property
    def count(self) -> int:
        return sum(len(day.articles) for day in self.days)


@dataclass(frozen=True)
class Year:
    year: int
    url: str
    months: tuple[Month, ...]  # only months with articles, in order

    @property
    def count(self) -> int:
        return sum(month.count for month in self.months)


@dataclass(frozen=True)
class Story:
    """A running story: its articles in date order, oldest first, and its introduction."""

    name: str
    slug: str
    url: str
    articles: tuple[Article, ...]
    intro: StoryIntro | None = None
    places: Mapping[str, int] = field(default_factory=dict, hash=False, compare=False)  # URL -> 1, 2, ...

    @property
    def feed_url(self) -> str:
        return f"{self.url}feed.xml"

    @functools.cached_property
    def token(self) -> str:
        return f"{self.name}>{self.url}"


@dataclass(frozen=True)
class Site:
    """Everything known about the archive once all articles are read and indexed."""

    articles: tuple[Article, ...]  # newest first
    taxonomies: tuple[Taxonomy, ...]
    years: tuple[Year, ...] = ()  # oldest first
    related: Mapping[str, tuple[Article, ...]] = field(default_factory=dict, compare=False)
    # Bylines: a taxonomy of their own, kept out of `taxonomies` (and so of the navigation and
    # of each article's list of terms: the byline shows them).
    authors: Taxonomy | None = None
    profiles: Mapping[str, Profile] = field(default_factory=dict, compare=False)  # by author slug
    stories: tuple[Story, ...] = ()  # by name
    pages: tuple[Standalone, ...] = ()

    def taxonomy(self, key: str) -> Taxonomy:
        return next(t for t in self.taxonomies if t.key == key)

    @functools.cached_property
    def _stories_by_url(self) -> dict[str, Story]:
        return {url: story for story in self.stories for url in story.places}

    def story_of(self, article: Article) -> Story | None:
        """The story the article is part of, if any."""
        return self._stories_by_url.get(article.url) if article.story else None


@dataclass(frozen=True)
class Page:
    """One output file: where it goes, which template draws it and with what."""

    url: str  # site-relative directory URL ('' for home) or file name ('404.html')
    template: str
    context: dict[str, Any] = field(hash=False, compare=False)
    # Everything the page shows, as text: equal inputs and templates give equal bytes, so
    # an unchanged page need not be rendered again.
    inputs: tuple[str, ...] = ()
    # What the search index takes from the page (an article: itself and its terms, not the
    # related articles and neighbours beside it); empty for pages that are not indexed.
    searchable: tuple[str, ...] = ()
    kind: str = ""  # what the page is: 'article', 'listing', 'feed', 'archive-day', ...
    # The year the page belongs to for good (an article's, a date archive's, a numbered listing
    # page's newest article's); None for pages that change as the archive grows.
    year: int | None = None
    modified: dt.datetime | None = None  # when what it shows last changed, if known (articles)
    # The file whose front matter puts the page at its URL (an article, a standalone page, an
    # alias's article) and the line, for a page that takes another's URL; '' for the site's own.
    source: str = ""
    source_line: int | None = None

    @property
    def output_path(self) -> str:
        return output_path(self.url)


def output_path(url: str) -> str:
    """The file a site-relative URL is served from: a folder's index.html ('' for home)."""
    return url + "index.html" if url == "" or url.endswith("/") else url
