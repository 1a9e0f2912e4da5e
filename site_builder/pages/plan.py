"""plan: Site -> [Page], one Page per output file, with the template and values that draw it."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from operator import attrgetter

from site_builder.config import Config
from site_builder.model import Article, Page, Site, Taxonomy, Term
from site_builder.pages.archive import archive_pages
from site_builder.pages.listing import (
    archive_jump,
    jump_inputs,
    listing_pages,
    month_pages,
    teasers,
    term_jump,
)
from site_builder.pages.sitemaps import plan_sitemaps
from site_builder.pages.widgets.countries import group_by_world_region
from site_builder.search import SEARCH_DIR, shard_names

_MONTH = attrgetter("date.year", "date.month")
FEED_SIZE = 20


def plan_pages(site: Site, config: Config) -> Iterator[Page]:
    """Every page, the home page first: the dev server draws the pages open in a browser as
    soon as they are planned (output.render_first)."""
    top_topics, top_regions = _biggest(site.taxonomy("topics")), _biggest(site.taxonomy("regions"))
    pages: list[Page] = []
    for page in _pages(site, config, top_topics, top_regions):
        pages.append(page)
        yield page
    yield from plan_sitemaps([p for p in pages if (p.url.endswith("/") or p.url == "") and p.kind != "forward"])
    yield Page("robots.txt", "robots.txt", {}, kind="robots")


def _pages(site: Site, config: Config, top_topics: list[Term], top_regions: list[Term]) -> Iterator[Page]:
    jump = archive_jump(site)
    yield from listing_pages(site.articles, config, "", "home.html", "Latest", kind="home",
                             first_page={"top_topics": top_topics, "top_regions": top_regions, "jump": jump},
                             inputs=(*_term_counts(top_topics + top_regions), *jump_inputs(jump)))
    yield from _article_pages(site)
    yield from _feed("feed.xml", config.title, "", site.articles)
    for taxonomy in site.taxonomies:
        yield from _taxonomy_pages(taxonomy, config)
    yield from archive_pages(site, config)
    # The search page merges the shards' indexes, newest first (see search.py).
    shards = tuple(shard_names(len(site.articles), config.search_shard_size))
    yield Page("search/", "search.html", {"title": "Search", "index_dir": SEARCH_DIR, "shards": shards},
               inputs=shards, kind="search")
    yield Page("404.html", "404.html", {"title": "Page not found"}, kind="404")


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


def _feed(url: str, title: str, alternate: str, articles: Sequence[Article]) -> Iterator[Page]:
    latest = tuple(articles[:FEED_SIZE])
    updated = max((a.modified for a in latest), default=None)
    yield Page(url, "atom.xml", {"title": title, "alternate": alternate, "articles": latest,
                                 "updated": updated},
               inputs=(title, alternate, *(a.fingerprint for a in latest)), kind="feed")


def _taxonomy_pages(taxonomy: Taxonomy, config: Config) -> Iterator[Page]:
    groups = group_by_world_region(taxonomy.terms, lambda t: t.name) if taxonomy.key == "regions" else None
    listed = tuple(f"{t.token}>{len(t.articles)}" if t.has_page
                   else f"{t.token}>{'|'.join(teasers(t.articles))}" for t in taxonomy.terms)
    yield Page(taxonomy.url, "terms.html", {"title": taxonomy.title, "taxonomy": taxonomy,
                                            "groups": groups}, inputs=listed, kind="terms")
    for term in taxonomy.terms:
        if term.has_page:
            # Term pages show the count and may picture the term over time, month by month.
            months = Counter(map(_MONTH, term.articles))
            jump = term_jump(term, config.articles_per_page)
            yield from listing_pages(term.articles, config, term.url, "term.html", term.name, kind="term",
                                     first_page={"jump": jump, "month_pages": month_pages(jump)},
                                     inputs=(str(len(term.articles)),
                                             *(f"{y}-{m}:{n}" for (y, m), n in sorted(months.items())),
                                             *jump_inputs(jump)),
                                     taxonomy=taxonomy, term=term)
            yield from _feed(term.feed_url, f"{term.name} · {config.title}", term.url, term.articles)


def _biggest(taxonomy: Taxonomy, count: int = 8) -> list[Term]:
    terms = [t for t in taxonomy.terms if t.has_page]
    return sorted(terms, key=lambda t: (-len(t.articles), t.name))[:count]


def _term_counts(terms: Iterable[Term]) -> tuple[str, ...]:
    return tuple(f"{t.token}>{len(t.articles)}" for t in terms)
