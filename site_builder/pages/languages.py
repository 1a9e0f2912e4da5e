"""languages: a Site whose articles are in several languages -> each article's translations
(the articles that share its `translation_key`), and, for each language besides the site's, its
own listing, feed and search page under /<language>/, drawn in that language's interface."""

from __future__ import annotations

import dataclasses
from collections import defaultdict
from collections.abc import Iterator
from typing import NamedTuple

from babel import Locale

from site_builder.config import Config
from site_builder.model import Article, Page, Site
from site_builder.pages.listing import listing_pages
from site_builder.pages.terms import feed
from site_builder.search import SEARCH_DIR, shard_names


class Version(NamedTuple):
    """One language's version of an article, as its translations link it."""

    language: str  # the tag its <html lang> says: "ru", "pt-BR"
    url: str
    name: str  # the language's name in itself: "Русский", "English"

    @property
    def token(self) -> str:
        return f"{self.language}>{self.url}"


def language_of(article: Article, config: Config) -> str:
    return article.language or config.language


def versions(site: Site, config: Config) -> dict[str, tuple[Version, ...]]:
    """An article's URL -> every version of it (itself included), in the site's language first,
    then by language tag; only for articles that have a translation."""
    by_key: dict[str, list[Article]] = defaultdict(list)
    for article in site.articles:
        if article.translation_key:
            by_key[article.translation_key].append(article)
    found = {}
    for group in by_key.values():
        if len({language_of(a, config) for a in group}) < 2:
            continue
        ordered = sorted(group, key=lambda a: (language_of(a, config) != config.language, language_of(a, config)))
        shown = tuple(Version(language_of(a, config), a.url, language_name(language_of(a, config))) for a in ordered)
        found.update((article.url, shown) for article in group)
    return found


def language_name(tag: str) -> str:
    name = Locale.parse(tag.replace("-", "_")).display_name or tag
    return name[:1].upper() + name[1:]


def other_languages(site: Site, config: Config) -> list[str]:
    """The languages the site's articles are in besides the site's own, by tag."""
    return sorted({a.language for a in site.articles if a.language and a.language != config.language})


def interface(article: Article, config: Config) -> dict[str, str]:
    """What an article page in another language than the site's needs to be drawn in it."""
    if not article.language or article.language == config.language:
        return {}
    return {"interface": article.language, "home": f"{article.language}/",
            "search_url": f"{article.language}/search/"}


def language_pages(site: Site, config: Config) -> Iterator[Page]:
    """Under /<language>/, for each language besides the site's: the latest articles in it (as
    the home page is paged), their feed, and a search page that searches them."""
    for language in other_languages(site, config):
        articles = tuple(a for a in site.articles if a.language == language)
        home = f"{language}/"
        own = {"interface": language, "home": home, "search_url": f"{home}search/"}
        yield from listing_pages(articles, config, home, "home.html", "Latest", kind="home",
                                 first_page={"top_topics": [], "top_regions": [], "jump": ()},
                                 inputs=(f"interface:{language}",), **own)
        for page in feed(f"{home}feed.xml", f"{config.title} · {language_name(language)}", home, articles):
            yield dataclasses.replace(page, context={**page.context, "interface": language},
                                      inputs=(f"interface:{language}", *page.inputs))
        shards = tuple(shard_names(len(site.articles), config.search_shard_size))
        chooser = search_languages(site, config)
        yield Page(f"{home}search/", "search.html", {"title": "Search", "index_dir": SEARCH_DIR, "shards": shards,
                                                     "search_languages": chooser, **own},
                   inputs=(f"interface:{language}", *shards, *map(str, chooser.items())), kind="search")


def search_languages(site: Site, config: Config) -> dict[str, tuple[str, str]]:
    """Each language's search page, by tag: its name and URL; empty for a site in one language."""
    others = other_languages(site, config)
    if not others:
        return {}
    return {tag: (language_name(tag), "search/" if tag == config.language else f"{tag}/search/")
            for tag in (config.language, *others)}
