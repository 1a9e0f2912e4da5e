"""plan: Site -> [Page], one Page per output file, with the template and values that draw it."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator, Mapping, Sequence
from operator import attrgetter
from typing import Any

from site_builder.catalog.dates import month_grid
from site_builder.config import Config
from site_builder.model import Article, Page, Site, Taxonomy, Term
from site_builder.newsroom import Profile
from site_builder.pages.newsroom import plan_corrections, plan_standalone, story_index
from site_builder.pages.paginate import Forward, paginate
from site_builder.pages.redirects import plan_redirects
from site_builder.pages.sitemaps import plan_news_sitemap, plan_sitemaps
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
    yield from plan_sitemaps([p for p in pages if (p.url.endswith("/") or p.url == "")
                              and p.kind not in ("forward", "redirect")])
    if config.news_sitemap:
        yield plan_news_sitemap(site.articles, config)
    yield Page("robots.txt", "robots.txt", {}, kind="robots")


def _pages(site: Site, config: Config, top_topics: list[Term], top_regions: list[Term]) -> Iterator[Page]:
    yield from _listing(site.articles, config, "", "home.html", "Latest", kind="home",
                        first_page={"top_topics": top_topics, "top_regions": top_regions},
                        inputs=_term_counts(top_topics + top_regions))
    yield from _article_pages(site)
    yield from _feed("feed.xml", config.title, "", site.articles)
    for taxonomy in site.taxonomies:
        yield from _taxonomy_pages(taxonomy, config)
    if site.authors is not None:
        yield from _taxonomy_pages(site.authors, config, ("authors.html", "author.html"), site.profiles)
    yield from _story_pages(site, config)
    yield from plan_corrections(site, config)
    yield from plan_standalone(site)
    yield from plan_redirects(site, config)
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
    authors = site.authors.terms_of(article) if site.authors is not None else []
    story = site.story_of(article)
    # Its place in the story as of its own date: later articles never change it.
    place = story.places[article.url] if story is not None else 0
    return Page(article.url, article.template,
                {"title": article.title, "article": article, "newer": newer, "older": older,
                 "related": related, "authors": authors, "story": story, "story_place": place},
                inputs=(article.version, newer.teaser if newer else "-", older.teaser if older else "-",
                        *_teasers(related), *links, *(t.token for t in authors),
                        f"{story.token}>{place}" if story is not None else "-"),
                searchable=(article.fingerprint, *links), kind="article", year=article.date.year,
                modified=article.modified, source=article.path)


def _feed(url: str, title: str, alternate: str, articles: Sequence[Article]) -> Iterator[Page]:
    latest = tuple(articles[:FEED_SIZE])
    updated = max((a.revised for a in latest), default=None)
    yield Page(url, "atom.xml", {"title": title, "alternate": alternate, "articles": latest,
                                 "updated": updated},
               inputs=(title, alternate, *(a.version for a in latest)), kind="feed")


def _taxonomy_pages(taxonomy: Taxonomy, config: Config, templates: tuple[str, str] = ("terms.html", "term.html"),
                    profiles: Mapping[str, Profile] | None = None) -> Iterator[Page]:
    """A taxonomy's index and its terms' pages and feeds; `profiles` (authors'), by term slug,
    are shown on the index and on each term's own page."""
    profiles = profiles or {}
    groups = group_by_world_region(taxonomy.terms, lambda t: t.name) if taxonomy.key == "regions" else None
    listed = tuple(f"{t.token}>{len(t.articles)}>{_version(profiles.get(t.slug))}" if t.has_page
                   else f"{t.token}>{'|'.join(_teasers(t.articles))}" for t in taxonomy.terms)
    yield Page(taxonomy.url, templates[0], {"title": taxonomy.title, "taxonomy": taxonomy, "groups": groups,
                                            "profiles": profiles}, inputs=listed, kind="terms")
    for term in taxonomy.terms:
        if term.has_page:
            # Term pages show the count and may picture the term over time, month by month.
            months = Counter(map(_MONTH, term.articles))
            profile = profiles.get(term.slug)
            yield from _listing(term.articles, config, term.url, templates[1], term.name, kind="term",
                                first_page={"profile": profile},
                                inputs=(str(len(term.articles)), _version(profile),
                                        *(f"{y}-{m}:{n}" for (y, m), n in sorted(months.items()))),
                                taxonomy=taxonomy, term=term)
            yield from _feed(term.feed_url, f"{term.name} · {config.title}", term.url, term.articles)


def _version(profile: Profile | None) -> str:
    return profile.version if profile is not None else "-"


def _story_pages(site: Site, config: Config) -> Iterator[Page]:
    """A page per story, its articles in date order (what happened next lives here, never on
    the older articles), a feed each, and the index of stories."""
    yield story_index(site.stories)
    for story in site.stories:
        intro = story.intro
        yield Page(story.url, "story.html", {"title": story.name, "story": story},
                   inputs=(story.name, intro.fingerprint if intro else "-", *_teasers(story.articles)), kind="story")
        yield from _feed(story.feed_url, f"{story.name} · {config.title}", story.url, story.articles[::-1])


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
