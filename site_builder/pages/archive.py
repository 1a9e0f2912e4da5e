"""archive: the date archive's pages: all years, a year (its months and their top headlines), a
month (a calendar), a day (a listing); each year, month and day linked to the one before and
after it."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import TypeVar

from site_builder.catalog.dates import month_grid
from site_builder.config import Config
from site_builder.model import Article, Day, Month, Page, Site, Year
from site_builder.pages.listing import listing_pages
from site_builder.pages.words import format_date

HEADLINES = 3  # a year page's headlines for each month: its newest
T = TypeVar("T")


def archive_pages(site: Site, config: Config) -> Iterator[Page]:
    yield Page("archive/", "archive.html", {"title": "Archive", "years": site.years},
               inputs=tuple(f"{y.year}:{y.count}" for y in site.years), kind="archive")
    for year, previous, following in _neighbours(site.years):
        yield _year_page(year, previous, following)
    months = [month for year in site.years for month in year.months]
    for month, previous, following in _neighbours(months):
        yield Page(month.url, "archive_month.html", {
            "title": f"{month.first_day:%B %Y}", "month": month, "weeks": month_grid(month),
            "previous": previous, "next": following,
        }, inputs=(str(previous and previous.url), str(following and following.url),
                   *(f"{a.url}>{a.title}>{a.date}" for day in month.days for a in day.articles)),
                   kind="archive-month", year=month.year)
    days = [(day, month) for month in months for day in month.days]
    for (day, month), previous, following in _neighbours(days):
        yield from _day_pages(day, month, previous and previous[0], following and following[0], config)


def _year_page(year: Year, previous: Year | None, following: Year | None) -> Page:
    headlines = {month.month: top_headlines(month) for month in year.months}
    return Page(year.url, "archive_year.html",
                {"title": str(year.year), "year": year, "headlines": headlines,
                 "previous": previous, "next": following},
                inputs=(str(previous and previous.url), str(following and following.url),
                        *(f"{m.month}:{m.count}" for m in year.months),
                        *(f"{a.url}>{a.title}>{a.date}" for shown in headlines.values() for a in shown)),
                kind="archive-year", year=year.year)


def top_headlines(month: Month) -> tuple[Article, ...]:
    """The month's newest articles, newest first."""
    found: list[Article] = []
    for day in reversed(month.days):
        found += day.articles[: HEADLINES - len(found)]
        if len(found) == HEADLINES:
            break
    return tuple(found)


def _day_pages(day: Day, month: Month, previous: Day | None, following: Day | None,
               config: Config) -> Iterator[Page]:
    # The days around it are the day's own page's: its numbered pages (a busy day's) stay as
    # they are when the next day's news comes.
    around = {"previous": previous, "next": following}
    yield from listing_pages(day.articles, config, day.url, "archive_day.html", format_date(day.date),
                             kind="archive-day", year=day.date.year, first_page=around,
                             inputs=(str(previous and previous.url), str(following and following.url)),
                             day=day, month=month)


def _neighbours(items: Sequence[T]) -> Iterator[tuple[T, T | None, T | None]]:
    """Each item with the one before it and the one after it, oldest first."""
    for i, item in enumerate(items):
        yield item, items[i - 1] if i > 0 else None, items[i + 1] if i + 1 < len(items) else None
