"""catalog: [Article] -> Site, the index stage: articles ordered newest first, filed under their
terms and bylines (taxonomies.py), dates (dates.py) and running stories (stories.py), each with
its earlier coverage (related.py); then the site's other Markdown files beside them (with_notes)."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Mapping

from site_builder.catalog.dates import build_years
from site_builder.catalog.related import RelatedArticles, find_related
from site_builder.catalog.stories import build_stories
from site_builder.catalog.taxonomies import build_authors, build_taxonomies
from site_builder.config import Config
from site_builder.model import Article, Site
from site_builder.newsroom import Profile, Standalone, StoryIntro


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
                related=RelatedArticles(related, by_url), authors=build_authors(ordered, config.slugs),
                stories=build_stories(ordered, config.slugs))


def with_notes(site: Site, pages: Iterable[Standalone] = (), profiles: Mapping[str, Profile] | None = None,
               intros: Mapping[str, StoryIntro] | None = None) -> Site:
    """The site with what the archive's other Markdown files say: standalone pages, authors'
    profiles, stories' introductions."""
    intros = intros or {}
    stories = tuple(dataclasses.replace(s, intro=intros.get(s.slug)) for s in site.stories)
    return dataclasses.replace(site, pages=tuple(sorted(pages, key=lambda p: p.url)), profiles=dict(profiles or {}),
                               stories=stories)


def unused_notes(site: Site, intros: Mapping[str, StoryIntro] | None = None) -> tuple[str, ...]:
    """A warning for each profile no byline names and each introduction no story has: most often
    a file named by another spelling than the slug of what it describes."""
    authors = {term.slug for term in site.authors.terms} if site.authors is not None else set()
    stories = {story.slug for story in site.stories}
    found = [f"{profile.path}: warning: no article's byline makes /authors/{slug}/; a profile is named by its "
             "byline's slug (authors: [Jane Doe] is jane-doe.md)" for slug, profile in site.profiles.items()
             if slug not in authors]
    found += [f"{intro.path}: warning: no article is part of a story at /stories/{slug}/; an introduction is "
              "named by its story's slug (story: Japan budget is japan-budget.md)"
              for slug, intro in (intros or {}).items() if slug not in stories]
    return tuple(sorted(found))
