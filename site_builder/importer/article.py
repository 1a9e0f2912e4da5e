"""article: RawArticle -> Article, applying every field rule (caption, date, source, regions, topics, tags)."""

from __future__ import annotations

import datetime
import re

from site_builder.importer.body import ParsedBody, parse_body
from site_builder.importer.bylines import read_credits
from site_builder.importer.captions import parse_caption
from site_builder.importer.datelines import split_dateline
from site_builder.importer.dates import story_date
from site_builder.importer.headline import headline_from_sentence
from site_builder.importer.issuers import find_issuer
from site_builder.importer.model import Article, Image, Provenance, RawArticle
from site_builder.importer.regions import Weighted, find_regions
from site_builder.importer.release import (
    Line,
    ReleaseParts,
    footer_date,
    header_date,
    split_release,
)
from site_builder.importer.sources import Attribution, agency_name, attribute_source
from site_builder.importer.tags import find_tags
from site_builder.importer.text import split_sentences
from site_builder.importer.vocabulary import Vocabulary, find_topics
from site_builder.text import slugify

_MAX_SUMMARY = 300
# The order an editor reads the front matter in; "body" (dropped lines) last.
_FIELD_ORDER = ("title", "date", "source", "authors", "caption", "credit", "analysis", "subheadings", "regions",
                "body")
_REGIONS_RULE = "countries by weighted mentions: headline x5, first two paragraphs x2, other text x1, caption x0.5"
_DATELINE_PREFIX = re.compile(r"^[A-Z][A-Z .,'’-]+(?:,\s*[A-Za-z. ]+\d{0,2}(?:,\s*\d{4})?)?\s*\([A-Za-z]+\)\s*[-–—]{1,2}\s*")


def build_article(raw: RawArticle, vocabulary: Vocabulary) -> Article:
    """Decide every field of one article; notes say what could not be found, provenance where each field came from."""
    parts = split_release(raw.body_lines, raw.body_numbers)
    body = parse_body([line.text for line in parts.body], [line.number for line in parts.body])
    blocks = body.blocks
    paragraphs = [b.text for b in blocks if b.kind == "paragraph"] + [i for b in blocks for i in b.items]
    lines = [b.line or None for b in blocks if b.kind == "paragraph"] + [b.line or None for b in blocks for _ in b.items]
    notes: list[str] = []
    provenance: list[Provenance] = list(raw.provenance) + [
        Provenance("body", line.text, line.number or None, why) for line, why in parts.dropped]
    image = parse_caption(raw.caption) if raw.caption else None
    if image is not None:
        provenance += [Provenance("caption", image.caption or "", raw.caption_line, "the photo caption before the body"),
                       Provenance("credit", image.credit or "(none)", raw.caption_line, "the credit at the caption's end")]
    title, titled = _title(raw, paragraphs, lines, notes)
    provenance.append(titled)
    if raw.headline is not None and image is None:
        notes.append("no caption")
    date, dating = _date(parts, image, raw.caption_line, paragraphs, lines, title, notes)
    provenance.append(dating)
    source, sourced = _source(raw, parts, body, paragraphs, lines, notes)
    provenance.append(sourced)
    authors = body.authors or _closing_authors(parts.end, provenance)
    weighted = _weighted(title, paragraphs, image, raw.analysis)
    regions = find_regions(weighted)
    provenance.append(Provenance("regions", ", ".join(regions) or "(none)", None, _REGIONS_RULE))
    provenance += body.provenance
    return Article(
        title=title,
        date=date,
        slug=slugify(title) or "article",
        summary=_summary(paragraphs),
        source=source,
        authors=authors,
        topics=find_topics(vocabulary, weighted),
        tags=find_tags(vocabulary, title, weighted),
        regions=regions,
        image=image,
        analysis=raw.analysis,
        blocks=blocks,
        notes=tuple(notes),
        provenance=tuple(sorted(provenance, key=lambda record: _FIELD_ORDER.index(record.field))),
    )


def _date(parts: ReleaseParts, image: Image | None, caption_line: int | None, paragraphs: list[str],
          lines: list[int | None], title: str, notes: list[str]) -> tuple[datetime.date | None, Provenance]:
    """A release's header date first (it is the release's own), then the caption's, the dateline's, the text's."""
    dated = header_date(parts.header)
    if dated is None:
        date, found = _article_date(image, caption_line, paragraphs, lines, " ".join([title, *paragraphs]), notes)
        dated = footer_date(parts.end) if date is None else None
        if dated is None:
            return date, found
        notes[:] = [note for note in notes if not note.startswith("no date found")]
    date, line = dated
    where = "header" if line in parts.header else "end matter"
    return date, Provenance("date", date.isoformat(), line.number or None, f"the release's date in its {where}: '{line.text}'")


def _source(raw: RawArticle, parts: ReleaseParts, body: ParsedBody, paragraphs: list[str], lines: list[int | None],
            notes: list[str]) -> tuple[str | None, Provenance]:
    """A wire agency the text names as reporting (or its byline names), else the release's issuer."""
    attribution = attribute_source(paragraphs, raw.headline)
    if attribution is None and body.organisation and agency_name(body.organisation):
        attribution = Attribution(body.organisation, 0, "the agency in the byline")
    if attribution is not None:
        return attribution.name, _source_provenance(attribution, raw.headline_line, lines, notes)
    text = " ".join([raw.headline or "", *paragraphs, *(line.text for line in parts.header + parts.end)])
    issuer = find_issuer(parts.header, parts.end, list(zip(paragraphs, [n or 0 for n in lines])), body.organisation, text)
    if issuer is None:
        notes.append("no source named")
        return None, Provenance("source", "(none)", None, "no agency named as reporting and no issuer found")
    return issuer.name, Provenance("source", issuer.name, issuer.line, f"the issuer, {issuer.evidence}")


def _closing_authors(end: tuple[Line, ...], provenance: list[Provenance]) -> tuple[str, ...]:
    for line in end:
        authors = read_credits(line.text)
        if authors:
            provenance.append(Provenance("authors", ", ".join(authors), line.number or None,
                                         f"named in the end matter: '{line.text}'"))
            return authors
    return ()


def _title(raw: RawArticle, paragraphs: list[str], lines: list[int | None],
           notes: list[str]) -> tuple[str, Provenance]:
    if raw.headline and _has_words(raw.headline):
        return raw.headline, Provenance("title", raw.headline, raw.headline_line, "the article's headline line")
    title = _derived_title(paragraphs, notes)
    if not _has_words(title):
        notes.append("no headline found: titled 'Untitled'")
        return "Untitled", Provenance("title", "Untitled", None, "no headline and no text to derive one from")
    return title, Provenance("title", title, lines[0] if lines else None, "derived from the first sentence of the body")


def _source_provenance(attribution: Attribution | None, headline_line: int | None, lines: list[int | None],
                       notes: list[str]) -> Provenance:
    if attribution is None:
        notes.append("no source named")
        return Provenance("source", "(none)", None, "no agency named as reporting")
    where = lines[attribution.where] if 0 <= attribution.where < len(lines) else headline_line
    return Provenance("source", attribution.name, where, f"named as reporting: '{attribution.evidence}'")


def _has_words(text: str | None) -> bool:
    return bool(text) and any(ch.isalnum() for ch in text)


def _derived_title(paragraphs: list[str], notes: list[str]) -> str:
    sentences = split_sentences(paragraphs[0]) if paragraphs else []
    if not sentences:
        notes.append("no text to derive a headline from")
        return "Untitled"
    notes.append("headline derived from the text")
    return headline_from_sentence(_without_dateline(sentences[0]))


def _article_date(image: Image | None, caption_line: int | None, paragraphs: list[str], lines: list[int | None],
                  context: str, notes: list[str]) -> tuple[datetime.date | None, Provenance]:
    if image is not None and image.date is not None and not image.is_file_photo:
        return image.date, Provenance("date", image.date.isoformat(), caption_line, "the date in the photo caption")
    skipped = ""
    if image is not None and image.is_file_photo and image.date is not None:
        notes.append("file photo: its date is not the article's")
        skipped = " (the file photo's date is not the story's)"
    date, how, index = story_date(paragraphs, context)
    if date is None or index is None:
        notes.append("no date found: written as draft")
        return None, Provenance("date", "(none)", None, "no date of the story's own in caption or text: draft" + skipped)
    notes.append(f"date from the {how}")
    return date, Provenance("date", date.isoformat(), lines[index], f"the story's date in the {how}{skipped}")


def _without_dateline(text: str) -> str:
    """The lead without its dateline ("WASHINGTON, May 9, 2024 –", "Paris (AFP) -"): neither headline nor standfirst."""
    stripped = _DATELINE_PREFIX.sub("", text)
    if stripped != text:
        return stripped
    dateline, rest = split_dateline(text)
    return rest.strip() if dateline and rest.strip() else text


def _summary(paragraphs: list[str]) -> str | None:
    if not paragraphs:
        return None
    sentences = split_sentences(_without_dateline(paragraphs[0]))
    summary = sentences[0] if sentences else paragraphs[0]
    if len(sentences) > 1 and len(summary) + 1 + len(sentences[1]) <= _MAX_SUMMARY and len(summary) < 120:
        summary = f"{summary} {sentences[1]}"
    if len(summary) > _MAX_SUMMARY:
        summary = summary[: _MAX_SUMMARY - 1].rsplit(" ", 1)[0].rstrip(",;:") + "…"
    return summary


def _weighted(title: str, paragraphs: list[str], image: Image | None, analysis: tuple[str, ...]) -> list[Weighted]:
    # Headline and lead say what the story is about; the photo's location mostly does not.
    pieces = [Weighted(title, 5.0, title_case=True)]
    dateline, lead = split_dateline(paragraphs[0]) if paragraphs else ("", "")
    if dateline:
        pieces += [Weighted(dateline, 2.0, dateline=True), Weighted(lead, 2.0)]
    pieces += [Weighted(p, 2.0 if i < 2 else 1.0) for i, p in enumerate(paragraphs) if i or not dateline]
    pieces += [Weighted(line, 1.0) for line in analysis]
    if image is not None and image.caption:
        pieces.append(Weighted(image.caption, 0.5))
    return pieces
