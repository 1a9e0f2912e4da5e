"""stories: [Article] newest first -> the running stories, each with its articles in date order
and every article's place in it (catalog.with_notes gives them their introductions)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from site_builder.model import Article, Story
from site_builder.text import slugify


def build_stories(articles: Iterable[Article], slug_style: str = "ascii") -> tuple[Story, ...]:
    """`articles` newest first. Stories whose names share a slug are one, named
    as most of its articles write it. An article's place counts the articles dated before it,
    so a later one never changes it."""
    by_slug: dict[str, list[Article]] = defaultdict(list)
    for article in articles:
        if article.story:
            by_slug[slugify(article.story, style=slug_style)].append(article)
    stories = []
    for slug, found in by_slug.items():
        found.reverse()  # oldest first
        spellings: dict[str, int] = defaultdict(int)
        for article in found:
            spellings[article.story] += 1  # type: ignore[index]
        name = max(spellings.items(), key=lambda item: (item[1], item[0]))[0]
        stories.append(Story(name, slug, f"stories/{slug}/", tuple(found),
                             places={a.url: n for n, a in enumerate(found, 1)}))
    return tuple(sorted(stories, key=lambda s: s.name.casefold()))

