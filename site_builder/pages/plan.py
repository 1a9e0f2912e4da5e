"""plan: Site -> [Page], one Page per output file, with the template and values that draw it."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from operator import attrgetter
from typing import Any

from site_builder.catalog.dates import month_grid
from site_builder.config import Config
from site_builder.model import Article, Page, Site, Taxonomy, Term
from site_builder.pages.paginate import Forward, paginate
from site_builder.pages.sitemaps import plan_sitemaps
from site_builder.pages.widgets.countries import group_by_world_region
from site_builder.search import SEARCH_DIR, shard_names

_TEASER, _MONTH = attrgetter("teaser"), attrgetter("date.year", "date.month")
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
    yield from _listing(site.articles, config, "", "home.html", "Latest", kind="home",
                        first_page={"top_topics": top_topics, "top_regions": top_regions},
                        inputs=_term_counts(top_topics + top_regions))
    yield from _article_pages(site)
    yield from _feed("feed.xml", config.title, "", site.articles)
    for taxonomy in site.taxonomies:
        yield from _taxonomy_pages(taxonomy, config)
    yield from _archive_pages(site, config)
    # The search page merges the shards' indexes, newest first (see search.py).
    shards = tuple(shard_names(len(site.articles), config.search_shard_size))
    yield Page("search/", "search.html", {"title": "Search", "index_dir": SEARCH_DIR, "shards": shards},
               inputs=shards, kind="search")
    yield Page("404.html", "404.html", {"title": "Page not found"}, kind="404")


def _listing(articles: Sequence[Article], config: Config, first_url: str, template: str,
             title: str, kind: str, year: int | None = None, first_page: dict[str, Any] | None = None,
             inputs: tuple[str, ...] = (), **context: Any) -> Iterator[Page]:
    """A listing's pages (see paginate.py). `first_page` context and `inputs` (what the page
    shows besides its teasers: counts, charts) are the listing's own page's alone: numbered
    pages show only their articles, so they stay as they are while the listing grows."""
    for paginator in paginate(articles, config.articles_per_page, first_url):
        if isinstance(paginator, Forward):
            yield Page(paginator.url, "forward.html", {"title": title, "target": paginator.first_url},
                       inputs=(title, paginator.first_url), kind="forward")
            continue
        latest = paginator.is_latest
        numbered = title if latest else f"{title}, page {paginator.number}"
        yield Page(paginator.url_of(paginator.number), template,
                   {**context, **((first_page or {}) if latest else {}), "title": numbered,
                    "paginator": paginator},
                   inputs=(numbered, str(paginator.newer_url), str(paginator.older_url),
                           *_teasers(paginator.items), *(inputs if latest else ())),
                   kind=kind, year=year if year is not None or latest or not paginator.items
                   else paginator.items[0].date.year)


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
                        *_teasers(related), *links),
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
                   else f"{t.token}>{'|'.join(_teasers(t.articles))}" for t in taxonomy.terms)
    yield Page(taxonomy.url, "terms.html", {"title": taxonomy.title, "taxonomy": taxonomy,
                                            "groups": groups}, inputs=listed, kind="terms")
    for term in taxonomy.terms:
        if term.has_page:
            # Term pages show the count and may picture the term over time, month by month.
            months = Counter(map(_MONTH, term.articles))
            yield from _listing(term.articles, config, term.url, "term.html", term.name, kind="term",
                                inputs=(str(len(term.articles)),
                                        *(f"{y}-{m}:{n}" for (y, m), n in sorted(months.items()))),
                                taxonomy=taxonomy, term=term)
            yield from _feed(term.feed_url, f"{term.name} · {config.title}", term.url, term.articles)


def _archive_pages(site: Site, config: Config) -> Iterator[Page]:
    yield Page("archive/", "archive.html", {"title": "Archive", "years": site.years},
               inputs=tuple(f"{y.year}:{y.count}" for y in site.years), kind="archive")
    months = [month for year in site.years for month in year.months]
    for year in site.years:
        yield Page(year.url, "archive_year.html", {"title": str(year.year), "year": year},
                   inputs=tuple(f"{m.month}:{m.count}" for m in year.months), kind="archive-year",
                   year=year.year)
    for i, month in enumerate(months):
        previous = months[i - 1] if i > 0 else None
        following = months[i + 1] if i + 1 < len(months) else None
        yield Page(month.url, "archive_month.html", {
            "title": f"{month.first_day:%B %Y}", "month": month, "weeks": month_grid(month),
            "previous": previous, "next": following,
        }, inputs=(str(previous and previous.url), str(following and following.url),
                   *(f"{a.url}>{a.title}>{a.date}" for day in month.days for a in day.articles)),
                   kind="archive-month", year=month.year)
        for day in month.days:
            title = f"{day.date.day} {day.date:%B %Y}"
            yield from _listing(day.articles, config, day.url, "archive_day.html", title,
                                kind="archive-day", year=day.date.year, day=day, month=month)


def _biggest(taxonomy: Taxonomy, count: int = 8) -> list[Term]:
    terms = [t for t in taxonomy.terms if t.has_page]
    return sorted(terms, key=lambda t: (-len(t.articles), t.name))[:count]


def _teasers(articles: Iterable[Article]) -> tuple[str, ...]:
    return tuple(map(_TEASER, articles))  # a map, not a generator: called for every page


def _term_counts(terms: Iterable[Term]) -> tuple[str, ...]:
    return tuple(f"{t.token}>{len(t.articles)}" for t in terms)
