"""readers: a dump's bytes -> its Articles, by the reader its content needs: a text dump (wire page, briefing),
an RSS or Atom feed, IPTC ninjs or NewsML-G2, a WordPress export, or a saved web page."""

from __future__ import annotations

import dataclasses
from pathlib import Path

from site_builder.importer.article import build_article
from site_builder.importer.decoding import decode_dump
from site_builder.importer.feeds import read_feed
from site_builder.importer.formats import split_dump
from site_builder.importer.items import build_item_article
from site_builder.importer.model import Article, NewsItem, RawArticle
from site_builder.importer.newsml import read_newsml
from site_builder.importer.ninjs import read_ninjs
from site_builder.importer.report import ImportProblem
from site_builder.importer.sniff import sniff
from site_builder.importer.vocabulary import Vocabulary
from site_builder.importer.webpage import read_webpage
from site_builder.importer.wxr import read_wxr

FORMAT_NAMES = {"text": "text dump", "feed": "RSS/Atom feed", "ninjs": "IPTC ninjs", "newsml": "IPTC NewsML-G2",
                "wxr": "WordPress export", "webpage": "saved web page"}


def read_articles(data: bytes, path: Path, vocabulary: Vocabulary) -> tuple[str, list[Article]]:
    """The dump's format (a FORMAT_NAMES key) and its articles, every field decided; ImportProblem if unreadable."""
    decoded = decode_dump(data)
    kind = sniff(decoded.text, path)
    if kind == "text":
        raws = [raw for raw in split_dump(decoded.text) if _has_words(raw)]
        if not raws:
            raise ImportProblem("cannot be read: no article text found")
        built = [build_article(raw, vocabulary) for raw in raws]
    else:
        built = [build_item_article(item, vocabulary) for item in _items(kind, data, decoded.text)]
    if decoded.note:
        built = [dataclasses.replace(article, notes=(decoded.note, *article.notes)) for article in built]
    return kind, built


def _items(kind: str, data: bytes, text: str) -> list[NewsItem]:
    # XML readers get the bytes, so that the document's own encoding declaration is honoured.
    if kind == "feed":
        return read_feed(data)
    if kind == "wxr":
        return read_wxr(data)
    if kind == "newsml":
        return read_newsml(data)
    if kind == "ninjs":
        return read_ninjs(text)
    return read_webpage(text)


def _has_words(raw: RawArticle) -> bool:
    # Punctuation alone is no article: it could give neither a headline nor a slug.
    text = " ".join([raw.headline or "", *raw.analysis, *raw.body_lines])
    return sum(ch.isalnum() for ch in text) >= 3
