"""items: a NewsItem (from a feed, ninjs, NewsML-G2, WordPress or a web page) -> Article; what it lacks is derived
from its text by the same rules as a text dump's, and every field keeps where it came from."""

from __future__ import annotations

import re

from site_builder.importer.datelines import place_country
from site_builder.importer.headline import headline_from_sentence
from site_builder.importer.html_markdown import html_to_markdown
from site_builder.importer.labels import label_kind
from site_builder.importer.model import Article, Block, NewsItem, Provenance
from site_builder.importer.regions import Weighted, country_name, find_regions
from site_builder.importer.sources import normalise_source
from site_builder.importer.tags import find_tags
from site_builder.importer.text import split_sentences
from site_builder.importer.vocabulary import Vocabulary, find_topics
from site_builder.text import slugify, summarize

FIELD_ORDER = ("title", "date", "updated", "source", "authors", "summary", "topics", "tags", "regions", "image",
               "caption", "credit", "body")
_MARKUP = re.compile(r"!?\[([^\]]*)\]\([^)]*\)|[*_`>#|]|\\(?=\S)|&(?:lt|gt|amp);")


def build_item_article(item: NewsItem, vocabulary: Vocabulary) -> Article:
    """Decide every field of one structured article: the format's own fields first, the text's rules after."""
    markdown, dropped = _without_furniture(html_to_markdown(item.body_html, item.url))
    paragraphs = plain_paragraphs(markdown)
    notes: list[str] = []
    provenance = list(item.provenance) + [Provenance("body", text, None, f"dropped: {why}") for text, why in dropped]
    title = item.title
    if not title:
        title = headline_from_sentence((split_sentences(paragraphs[0]) or ["Untitled"])[0]) if paragraphs else "Untitled"
        notes.append("no headline in the item: derived from the text")
        provenance.append(Provenance("title", title, None, "derived from the first sentence of the body"))
    if item.date is None:
        notes.append("no date found: written as draft")
    weighted = [Weighted(title, 5.0, title_case=True)] + [Weighted(p, 2.0 if i < 2 else 1.0) for i, p in enumerate(paragraphs)]
    regions = _regions(item, weighted, provenance)
    # A category or keyword that names one of the archive's topics is that topic, not a tag.
    named_topics = {name.casefold(): name for name in vocabulary.topics}
    given_topics = item.topics + tuple(named_topics[t.casefold()] for t in item.tags if t.casefold() in named_topics)
    given_tags = tuple(t for t in item.tags if t.casefold() not in named_topics)
    topics = _merge(given_topics, find_topics(vocabulary, weighted), vocabulary, provenance, "topics")
    tags = _merge(given_tags, find_tags(vocabulary, title, weighted), vocabulary, provenance, "tags")
    summary = item.summary or (summarize("\n\n".join(paragraphs)) or None)
    if not item.summary and summary:
        provenance.append(Provenance("summary", summary, None, "the first sentences of the body"))
    if not markdown:
        notes.append("no body text in the item")
    return Article(
        title=title, date=item.date, updated=item.updated if item.updated != item.date else None,
        slug=slugify(title) or "article", summary=summary, source=normalise_source(item.source),
        authors=item.authors, topics=topics, tags=tags, regions=regions, image=item.image, analysis=(),
        blocks=(Block("markdown", markdown),) if markdown else (), notes=tuple(notes),
        provenance=tuple(sorted(provenance, key=lambda record: FIELD_ORDER.index(record.field))),
    )


def _without_furniture(markdown: str) -> tuple[str, list[tuple[str, str]]]:
    """The Markdown without blocks that are page furniture or media labels ("Share", "Read more: ...")."""
    kept, dropped = [], []
    for block in re.split(r"\n\s*\n", markdown):
        plain = " ".join(_MARKUP.sub(lambda m: m.group(1) or "", block).split())
        kind = label_kind(plain) if plain and "\n" not in block.strip() else None
        if kind and kind != "photo caption (it ends with a photo credit)":
            dropped.append((plain, kind))
        else:
            kept.append(block)
    return "\n\n".join(kept), dropped


def plain_paragraphs(markdown: str) -> list[str]:
    """The body's paragraphs as plain text, for the rules that read text (regions, topics, tags)."""
    blocks = [_MARKUP.sub(lambda m: m.group(1) or "", block) for block in re.split(r"\n\s*\n", markdown)]
    return [" ".join(block.split()) for block in blocks if block.strip() and not block.lstrip().startswith("---")]


def _regions(item: NewsItem, weighted: list[Weighted], provenance: list[Provenance]) -> tuple[str, ...]:
    """The item's own places first (a city or a country names its country), else the countries its text is about."""
    named = [code for code in (place_country(place) for place in item.places) if code]
    if named:
        regions = tuple(dict.fromkeys(country_name(code) for code in named))
        provenance.append(Provenance("regions", ", ".join(regions), None, f"the item's places: {', '.join(item.places)}"))
        return regions
    regions = find_regions(weighted)
    provenance.append(Provenance("regions", ", ".join(regions) or "(none)", None,
                                 "countries by weighted mentions in headline and body (the item names no place)"))
    return regions


def _merge(given: tuple[str, ...], found: tuple[str, ...], vocabulary: Vocabulary, provenance: list[Provenance],
           field: str) -> tuple[str, ...]:
    """The item's own terms, spelled as the vocabulary spells them; the text's only when the item has none."""
    if given:
        spelled = tuple(dict.fromkeys(vocabulary.aliases.get(term, term) for term in given))
        return spelled
    if found:
        provenance.append(Provenance(field, ", ".join(found), None, f"{field} found in the text (the item names none)"))
    return found
