"""catalog: [Article] -> Site, the index stage: articles ordered newest first, filed under their
terms (taxonomies.py) and dates (dates.py), each with its earlier coverage (related.py)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from site_builder.catalog.dates import build_years
from site_builder.catalog.related import RelatedArticles, find_related
from site_builder.catalog.taxonomies import build_taxonomies
from site_builder.config import Config
from site_builder.model import Article, Site


def newest_first(articles: Iterable[Article]) -> tuple[Article, ...]:
    # Ties broken by URL so the order never depends on discovery order.
    return tuple(sorted(articles, key=lambda a: (-a.timestamp, a.url)))


def index_articles(articles: Iterable[Article], config: Config = Config(),
                   known: Mapping[str, tuple[str, ...]] | None = None, jobs: int = 1
                   ) -> tuple[Site, dict[str, tuple[str, ...]]]:
    """The index stage: the site of the articles to publish, and the related lists to keep for
    the next build (`known`: what the last one kept; see related.find_related)."""
    ordered = newest_first(articles)
    related, lists = find_related(ordered, known, jobs=jobs)
    return build_site(ordered, related, config), lists


def build_site(articles: Iterable[Article], related: Mapping[str, tuple[str, ...]], config: Config = Config()) -> Site:
    """`related`: URL -> the URLs of its related articles, from related.find_related."""
    ordered = newest_first(articles)
    by_url = {a.url: a for a in ordered}
    taxonomies = build_taxonomies(ordered, config.min_articles_for_tag_page, config.slugs)
    return Site(articles=ordered, taxonomies=taxonomies, years=build_years(ordered),
                related=RelatedArticles(related, by_url))
