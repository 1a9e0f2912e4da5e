"""model: the immutable values passed between the importer's stages."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Provenance:
    """Where one field's value came from: the dump line (None: no single line) and the rule that decided."""

    field: str
    value: str
    line: int | None
    rule: str


@dataclass(frozen=True)
class RawArticle:
    """One article cut out of a dump, before any rule has looked at its meaning."""

    headline: str | None
    caption: str | None
    analysis: tuple[str, ...]
    body_lines: tuple[str, ...]
    # Where each piece stood in the dump (1-based line numbers; 0 for a blank body line), for --explain.
    headline_line: int | None = None
    caption_line: int | None = None
    analysis_lines: tuple[int, ...] = ()
    body_numbers: tuple[int, ...] = ()
    # What the reader that cut the article out decided, and why (the analysis block's extent).
    provenance: tuple[Provenance, ...] = ()


@dataclass(frozen=True)
class Block:
    """One Markdown block of a body: kind is "paragraph", "heading", "list", or "markdown" (made from HTML, escaped)."""

    kind: str
    text: str = ""
    items: tuple[str, ...] = ()
    line: int = 0


@dataclass(frozen=True)
class Image:
    """The lead photo as a dump describes it: caption text and credit, no file."""

    caption: str | None
    credit: str | None
    date: datetime.date | None
    is_file_photo: bool
    src: str | None = None


@dataclass(frozen=True)
class NewsItem:
    """One article as an interchange format (a feed, ninjs, NewsML-G2, WordPress, a web page) names its fields;
    the body is HTML, to be made Markdown. Provenance says which element or key each field came from."""

    title: str | None
    date: datetime.date | None
    body_html: str
    updated: datetime.date | None = None
    authors: tuple[str, ...] = ()
    source: str | None = None
    summary: str | None = None
    topics: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    places: tuple[str, ...] = ()
    image: Image | None = None
    url: str | None = None
    provenance: tuple[Provenance, ...] = ()


@dataclass(frozen=True)
class Article:
    """A finished article, every front matter field decided."""

    title: str
    date: datetime.date | None  # a datetime (with its offset) when the format gives the time
    slug: str
    summary: str | None
    source: str | None
    authors: tuple[str, ...]
    topics: tuple[str, ...]
    tags: tuple[str, ...]
    regions: tuple[str, ...]
    image: Image | None
    analysis: tuple[str, ...]
    blocks: tuple[Block, ...]
    notes: tuple[str, ...] = field(default=())
    provenance: tuple[Provenance, ...] = field(default=())
    updated: datetime.date | None = None
