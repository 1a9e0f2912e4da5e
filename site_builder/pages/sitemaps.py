"""sitemaps: the site's pages -> its sitemaps: one per year and one of the pages about no year,
under a sitemap index; and its articles -> Google News' sitemap of the latest."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from site_builder.config import Config
from site_builder.model import Article, Page

SITEMAP_LIMIT = 50_000  # URLs per sitemap file, as the sitemaps protocol allows
# Google News reads articles of the last two days, at most 1,000 per file.
NEWS_WINDOW, NEWS_LIMIT = dt.timedelta(days=2), 1000


def plan_sitemaps(pages: list[Page]) -> Iterator[Page]:
    """A sitemap index over one sitemap per year (its articles, numbered listing pages and
    date archive) and one of the pages that are about no year (listings' own pages, indexes):
    a day's news changes its year's sitemap and the index, no other. Entries are (URL, last
    modified or None); only articles know when they changed."""
    by_file: dict[str, list[tuple[str, dt.datetime | None]]] = {}
    for page in pages:
        name = f"sitemap-{page.year}.xml" if page.year else "sitemap-pages.xml"
        by_file.setdefault(name, []).append((page.url, page.modified))
    names = []
    for name, urls in sorted(by_file.items()):
        parts = [urls[i: i + SITEMAP_LIMIT] for i in range(0, len(urls), SITEMAP_LIMIT)]
        for n, part in enumerate(parts, 1):
            names.append(name if n == 1 else name.replace(".xml", f"-{n}.xml"))
            yield Page(names[-1], "sitemap.xml", {"urls": part},
                       inputs=tuple(f"{url}>{modified}" for url, modified in part), kind="sitemap")
    yield Page("sitemap.xml", "sitemap_index.xml", {"sitemaps": names}, inputs=tuple(names), kind="sitemap")


def plan_news_sitemap(articles: tuple[Article, ...], config: Config) -> Page:
    """Google News' sitemap: the articles (newest first) of the two days up to the newest one,
    the archive's own today, so that the file depends on the archive and never on the clock."""
    newest = articles[0].date if articles else None
    recent = tuple(a for a in articles[:NEWS_LIMIT] if newest is not None and a.date >= newest - NEWS_WINDOW)
    return Page("news-sitemap.xml", "news_sitemap.xml", {"articles": recent},
                inputs=tuple(f"{a.url}>{a.title}>{a.date.isoformat()}" for a in recent), kind="sitemap")
