"""taxonomies: [Article] newest first -> its taxonomies (topics, regions, tags, sources), each term
with its articles."""

from __future__ import annotations

from collections import defaultdict

from site_builder.model import Article, Taxonomy, Term
from site_builder.text import slugify

# (front matter field, page title, URL folder), in the order the navigation shows them
TAXONOMIES = (
    ("topics", "Topics", "topics"),
    ("regions", "Regions", "regions"),
    ("tags", "Tags", "tags"),
    ("source", "Sources", "sources"),
)


def build_taxonomies(articles: tuple[Article, ...], min_articles_for_tag_page: int = 1) -> tuple[Taxonomy, ...]:
    """`articles` newest first; a tag needs `min_articles_for_tag_page` articles for a page."""
    return tuple(_taxonomy(key, title, folder, articles, min_articles_for_tag_page if key == "tags" else 1)
                 for key, title, folder in TAXONOMIES)


def build_authors(articles: tuple[Article, ...]) -> Taxonomy:
    """Bylines as a taxonomy of their own (`/authors/`, `/authors/<slug>/`), every author paged."""
    return _taxonomy("authors", "Authors", "authors", articles, 1)


def _taxonomy(key: str, title: str, folder: str, articles: tuple[Article, ...],
              min_for_page: int) -> Taxonomy:
    by_slug: dict[str, list[Article]] = defaultdict(list)
    names: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for article in articles:
        for name in article.names(key):
            slug = slugify(name) or "untitled"
            if not by_slug[slug] or by_slug[slug][-1] is not article:
                by_slug[slug].append(article)
            names[slug][name] += 1
    terms = [
        Term(
            # "U.S." and "US" share a slug: the spelling used most names the term.
            name=max(names[slug].items(), key=lambda item: (item[1], item[0]))[0],
            slug=slug,
            url=f"{folder}/{slug}/" if len(found) >= min_for_page else f"{folder}/#{slug}",
            articles=tuple(found),
            has_page=len(found) >= min_for_page,
        )
        for slug, found in by_slug.items()
    ]
    terms.sort(key=lambda t: t.name.casefold())
    by_slug_term = {t.slug: t for t in terms}
    by_name = {name: by_slug_term[slug] for slug, spellings in names.items() for name in spellings}
    return Taxonomy(key=key, title=title, url=f"{folder}/", terms=tuple(terms), by_name=by_name)
