"""article: RawArticle -> Article, applying every field rule (caption, date, source, regions, topics, tags)."""

from __future__ import annotations

import datetime
import re

from site_builder.importer.body import parse_body
from site_builder.importer.captions import parse_caption
from site_builder.importer.dates import story_date
from site_builder.importer.headline import headline_from_sentence
from site_builder.importer.model import Article, Image, RawArticle
from site_builder.importer.regions import Weighted, find_regions
from site_builder.importer.slugs import slugify
from site_builder.importer.sources import find_source
from site_builder.importer.tags import find_tags
from site_builder.importer.text import split_sentences
from site_builder.importer.vocabulary import Vocabulary, find_topics

_MAX_SUMMARY = 300
_DATELINE_PREFIX = re.compile(r"^[A-Z][A-Z .,'’-]+(?:,\s*[A-Za-z. ]+\d{0,2}(?:,\s*\d{4})?)?\s*\([A-Za-z]+\)\s*[-–—]\s*")


def build_article(raw: RawArticle, vocabulary: Vocabulary) -> Article:
    """Decide every field of one article; notes say what could not be found."""
    blocks, byline = parse_body(raw.body_lines)
    paragraphs = [b.text for b in blocks if b.kind == "paragraph"] + [i for b in blocks for i in b.items]
    notes: list[str] = []
    image = parse_caption(raw.caption) if raw.caption else None
    title = raw.headline if _has_words(raw.headline) else _derived_title(paragraphs, notes)
    if not _has_words(title):
        notes.append("no headline found: titled 'Untitled'")
        title = "Untitled"
    if raw.headline is not None and image is None:
        notes.append("no caption")
    date = _article_date(image, paragraphs, " ".join([title, *paragraphs]), notes)
    source = find_source(paragraphs)
    if source is None:
        notes.append("no source named")
    weighted = _weighted(title, paragraphs, image, raw.analysis)
    return Article(
        title=title,
        date=date,
        slug=slugify(title),
        summary=_summary(paragraphs),
        source=source,
        byline=byline,
        topics=find_topics(vocabulary, weighted),
        tags=find_tags(vocabulary, title, weighted),
        regions=find_regions(weighted),
        image=image,
        analysis=raw.analysis,
        blocks=blocks,
        notes=tuple(notes),
    )


def _has_words(text: str | None) -> bool:
    return bool(text) and any(ch.isalnum() for ch in text)


def _derived_title(paragraphs: list[str], notes: list[str]) -> str:
    sentences = split_sentences(paragraphs[0]) if paragraphs else []
    if not sentences:
        notes.append("no text to derive a headline from")
        return "Untitled"
    notes.append("headline derived from the text")
    return headline_from_sentence(_DATELINE_PREFIX.sub("", sentences[0]))


def _article_date(image: Image | None, paragraphs: list[str], context: str, notes: list[str]) -> datetime.date | None:
    if image is not None and image.date is not None and not image.is_file_photo:
        return image.date
    if image is not None and image.is_file_photo and image.date is not None:
        notes.append("file photo: its date is not the article's")
    date, how = story_date(paragraphs, context)
    if date is None:
        notes.append("no date found: written as draft")
    else:
        notes.append(f"date from the {how}")
    return date


def _summary(paragraphs: list[str]) -> str | None:
    if not paragraphs:
        return None
    sentences = split_sentences(_DATELINE_PREFIX.sub("", paragraphs[0]))
    summary = sentences[0] if sentences else paragraphs[0]
    if len(sentences) > 1 and len(summary) + 1 + len(sentences[1]) <= _MAX_SUMMARY and len(summary) < 120:
        summary = f"{summary} {sentences[1]}"
    if len(summary) > _MAX_SUMMARY:
        summary = summary[: _MAX_SUMMARY - 1].rsplit(" ", 1)[0].rstrip(",;:") + "…"
    return summary


def _weighted(title: str, paragraphs: list[str], image: Image | None, analysis: tuple[str, ...]) -> list[Weighted]:
    # Headline and lead say what the story is about; the photo's location mostly does not.
    pieces = [Weighted(title, 5.0, title_case=True)]
    pieces += [Weighted(p, 2.0 if i < 2 else 1.0) for i, p in enumerate(paragraphs)]
    pieces += [Weighted(line, 1.0) for line in analysis]
    if image is not None and image.caption:
        pieces.append(Weighted(image.caption, 0.5))
    return pieces
