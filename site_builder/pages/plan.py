"""plan: Site -> [Page], one Page per output file, with the template and values that draw it."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from site_builder.config import Config
from site_builder.model import Article, Page, Site, Term
from site_builder.pages.archive import archive_pages
from site_builder.pages.listing import archive_jump, jump_inputs, listing_pages, teasers
from site_builder.pages.sitemaps import plan_sitemaps
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
    yield from plan_sitemaps([p for p in pages if (p.url.endswith("/") or p.url == "") and p.kind != "forward"])
    yield Page("robots.txt", "robots.txt", {}, kind="robots")


def _pages(site: Site, config: Config, top_topics: list[Term], top_regions: list[Term]) -> Iterator[Page]:
    jump = archive_jump(site)
    yield from listing_pages(site.articles, config, "", "home.html", "Latest", kind="home",
                             first_page={"top_topics": top_topics, "top_regions": top_regions, "jump": jump},
                             inputs=(*_term_counts(top_topics + top_regions), *jump_inputs(jump)))
    yield from _article_pages(site)
    yield from feed("feed.xml", config.title, "", site.articles)
    for taxonomy in site.taxonomies:
        yield from taxonomy_pages(taxonomy, config)
    yield from archive_pages(site, config)
    # The search page merges the shards' indexes, newest first (see search.py).
    shards = tuple(shard_names(len(site.articles), config.search_shard_size))
    yield Page("search/", "search.html", {"title": "Search", "index_dir": SEARCH_DIR, "shards": shards},
               inputs=shards, kind="search")


def _not_found(pages: list[Page]) -> Page:
    """The page a host serves for any missing address, at any depth: it finds the site's root
    from its own address, as the part before the first of the site's top folders (see
    404.html); years go by their digits."""
    top = sorted({page.url.split("/")[0] for page in pages if not page.url[:4].isdigit()} - {""}
                 | {"static", SEARCH_DIR})
    return Page("404.html", "404.html", {"title": "Page not found", "top_folders": top},
                inputs=tuple(top), kind="404")


def _article_pages(site: Site) -> Iterator[Page]:
    # `articles` is newest first, so the older neighbour is the next one in the tuple.
    articles = site.articles
    for i, article in enumerate(articles):
        newer = articles[i - 1] if i > 0 else None
        older = articles[i + 1] if i + 1 < len(articles) else None
        yield article_page(site, article, newer, older)


def article_page(site: Site, article: Article, newer: Article | None, older: Article | None) -> Page:
    related = site.related.get(article.url, ())
    # Term links depend on the terms (a tag gets its own page only past a threshold).
    links = tuple(t.token for tax in site.taxonomies for t in tax.terms_of(article))
    return Page(article.url, article.template,
                {"title": article.title, "article": article, "newer": newer, "older": older,
                 "related": related},
                inputs=(article.fingerprint, newer.teaser if newer else "-", older.teaser if older else "-",
                        *teasers(related), *links),
                searchable=(article.fingerprint, *links), kind="article", year=article.date.year,
                modified=article.modified)


def _term_counts(terms: Iterable[Term]) -> tuple[str, ...]:
    return tuple(f"{t.token}>{len(t.articles)}" for t in terms)
