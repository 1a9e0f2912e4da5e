"""plan: Site -> [Page], one Page per output file, with the template and values that draw it."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from site_builder.config import Config
from site_builder.model import Article, Page, Site, Term
from site_builder.pages.archive import archive_pages
from site_builder.pages.languages import (
    Version,
    interface,
    language_pages,
    search_languages,
    versions,
)
from site_builder.pages.listing import archive_jump, jump_inputs, listing_pages, teasers
from site_builder.pages.newsroom import plan_corrections, plan_standalone, story_index
from site_builder.pages.redirects import plan_redirects
from site_builder.pages.sitemaps import plan_news_sitemap, plan_sitemaps
from site_builder.pages.terms import biggest, feed, taxonomy_pages
from site_builder.search import SEARCH_DIR, shard_names


def plan_pages(site: Site, config: Config) -> Iterator[Page]:
    """Every page, the home page first: the dev server draws the pages open in a browser as
    soon as they are planned (output.render_first)."""
    top_topics, top_regions = biggest(site.taxonomy("topics").terms, 8), biggest(site.taxonomy("regions").terms, 8)
    pages: list[Page] = []
    for page in _pages(site, config, top_topics, top_regions):
        pages.append(page)
        yield page
    yield _not_found(pages)
    yield from plan_sitemaps([p for p in pages if (p.url.endswith("/") or p.url == "")
                              and p.kind not in ("forward", "redirect")])
    if config.news_sitemap:
        yield plan_news_sitemap(site.articles, config)
    yield Page("robots.txt", "robots.txt", {}, kind="robots")


def _pages(site: Site, config: Config, top_topics: list[Term], top_regions: list[Term]) -> Iterator[Page]:
    jump = archive_jump(site)
    yield from listing_pages(site.articles, config, "", "home.html", "Latest", kind="home",
                             first_page={"top_topics": top_topics, "top_regions": top_regions, "jump": jump},
                             inputs=(*_term_counts(top_topics + top_regions), *jump_inputs(jump)))
    yield from _article_pages(site, config)
    yield from feed("feed.xml", config.title, "", site.articles)
    for taxonomy in site.taxonomies:
        yield from taxonomy_pages(taxonomy, config)
    if site.authors is not None:
        yield from taxonomy_pages(site.authors, config, ("authors.html", "author.html"), site.profiles)
    yield from _story_pages(site, config)
    yield from plan_corrections(site, config)
    yield from plan_standalone(site)
    yield from plan_redirects(site, config)
    yield from archive_pages(site, config)
    # The search page merges the shards' indexes, newest first (see search.py).
    shards = tuple(shard_names(len(site.articles), config.search_shard_size))
    chooser = search_languages(site, config)
    yield Page("search/", "search.html", {"title": "Search", "index_dir": SEARCH_DIR, "shards": shards,
                                          "search_languages": chooser},
               inputs=(*shards, *map(str, chooser.items())), kind="search")
    yield from language_pages(site, config)


def _not_found(pages: list[Page]) -> Page:
    """The page a host serves for any missing address, at any depth: it finds the site's root
    from its own address, as the part before the first of the site's top folders (see
    404.html); years go by their digits."""
    top = sorted({page.url.split("/")[0] for page in pages if not page.url[:4].isdigit()} - {""}
                 | {"static", SEARCH_DIR})
    return Page("404.html", "404.html", {"title": "Page not found", "top_folders": top},
                inputs=tuple(top), kind="404")


def _article_pages(site: Site, config: Config) -> Iterator[Page]:
    # `articles` is newest first, so the older neighbour is the next one in the tuple.
    articles = site.articles
    translated = versions(site, config)
    for i, article in enumerate(articles):
        newer = articles[i - 1] if i > 0 else None
        older = articles[i + 1] if i + 1 < len(articles) else None
        yield article_page(site, article, newer, older, config, translated.get(article.url, ()))


def article_page(site: Site, article: Article, newer: Article | None, older: Article | None,
                 config: Config | None = None, translations: tuple[Version, ...] = ()) -> Page:
    """`translations`: every version of the article, itself included (languages.versions)."""
    related = site.related.get(article.url, ())
    # Term links depend on the terms (a tag gets its own page only past a threshold).
    links = tuple(t.token for tax in site.taxonomies for t in tax.terms_of(article))
    authors = site.authors.terms_of(article) if site.authors is not None else []
    story = site.story_of(article)
    # Its place in the story as of its own date: later articles never change it.
    place = story.places[article.url] if story is not None else 0
    return Page(article.url, article.template,
                {"title": article.title, "article": article, "newer": newer, "older": older,
                 "related": related, "authors": authors, "story": story, "story_place": place,
                 "translations": translations, **(interface(article, config) if config else {})},
                inputs=(article.version, newer.teaser if newer else "-", older.teaser if older else "-",
                        *teasers(related), *links, *(t.token for t in authors),
                        f"{story.token}>{place}" if story is not None else "-", *(v.token for v in translations)),
                searchable=(article.fingerprint, *links), kind="article", year=article.date.year,
                modified=article.modified, source=article.path)


def _story_pages(site: Site, config: Config) -> Iterator[Page]:
    """A page per story, its articles in date order (what happened next lives here, never on
    the older articles), a feed each, and the index of stories."""
    yield story_index(site.stories)
    for story in site.stories:
        intro = story.intro
        yield Page(story.url, "story.html", {"title": story.name, "story": story},
                   inputs=(story.name, intro.fingerprint if intro else "-", *teasers(story.articles)), kind="story")
        yield from feed(story.feed_url, f"{story.name} · {config.title}", story.url, story.articles[::-1])


def _term_counts(terms: Iterable[Term]) -> tuple[str, ...]:
    return tuple(f"{t.token}>{len(t.articles)}" for t in terms)
