"""listing: a listing's articles -> its pages (the listing's own and its numbered ones, see
paginate.py), and the jump to a date its own page offers."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator, Sequence
from operator import attrgetter
from typing import Any

from site_builder.config import Config
from site_builder.model import Article, Page, Site, Term
from site_builder.pages.language import ENGLISH, Language
from site_builder.pages.paginate import LATEST, Forward, Paginator, page_of, paginate
from site_builder.pages.words import date_range, format_date

_TEASER = attrgetter("teaser")

# A listing's jump to a date: (year, its URL, ((first day of a month, its URL or None), ...)),
# the years newest first, each with its twelve months in order. From the home page, the date
# archive's pages; from a term's, the term's own pages that show the newest article of that
# year or month.
Jump = tuple[tuple[int, str, tuple[tuple[dt.date, str | None], ...]], ...]


def listing_pages(articles: Sequence[Article], config: Config, first_url: str, template: str,
                  title: str, kind: str, year: int | None = None, first_page: dict[str, Any] | None = None,
                  inputs: tuple[str, ...] = (), **context: Any) -> Iterator[Page]:
    """A listing's pages. `first_page` context and `inputs` (what the page shows besides its
    teasers: counts, charts) are the listing's own page's alone: numbered pages show only their
    articles and dates, so they stay as they are while the listing grows."""
    for paginator in paginate(articles, config.articles_per_page, first_url):
        if isinstance(paginator, Forward):
            yield Page(paginator.url, "forward.html", {"title": title, "heading": title, "target": paginator.first_url,
                                                       **_dated(context)},
                       inputs=(title, paginator.first_url), kind="forward")
            continue
        latest = paginator.is_latest
        dates = "" if latest else page_dates(paginator, title)
        yield Page(paginator.url_of(paginator.number), template,
                   {**context, **((first_page or {}) if latest else {}),
                    "title": f"{title} · {dates}" if dates else title, "page_dates": dates, "heading": title,
                    "paginator": paginator},
                   inputs=(title, dates, str(paginator.newer_url), str(paginator.older_url),
                           *teasers(paginator.items), *(inputs if latest else ())),
                   kind=kind, year=year if year is not None or latest or not paginator.items
                   else paginator.items[0].date.year)


def _dated(context: dict[str, Any]) -> dict[str, Any]:
    """What a forwarding page needs to name a day's listing in the site's language (titles.py)."""
    return {"day": context["day"]} if "day" in context else {}


def page_dates(paginator: Paginator, title: str, language: Language = ENGLISH) -> str:
    """What a numbered page's heading says it covers: its dates, and its number when they are
    one day (a very busy day; on the day's own listing, the number alone). The plan writes it
    in English for the page's inputs; titles.py writes it again in the site's language."""
    if paginator.dates is None:
        return ""
    first, last = paginator.dates
    if first != last:
        return date_range(first, last, language)
    day = format_date(first, language=language)
    number = language.number(paginator.number)
    if day == title:
        return language.gettext("page %(number)s") % {"number": number}
    return language.gettext("%(day)s, page %(number)s") % {"day": day, "number": number}


def teasers(articles: Iterable[Article]) -> tuple[str, ...]:
    return tuple(map(_TEASER, articles))  # a map, not a generator: called for every page


def archive_jump(site: Site) -> Jump:
    return tuple((year.year, year.url, _twelve(year.year, {m.first_day: m.url for m in year.months}))
                 for year in reversed(site.years))


def term_jump(term: Term, per_page: int) -> Jump:
    count = len(term.articles)
    years: dict[int, str] = {}
    months: dict[int, dict[dt.date, str]] = {}
    for position, article in enumerate(term.articles):  # newest first
        month = article.date.date().replace(day=1)
        if month not in months.setdefault(month.year, {}):
            number = page_of(position, count, per_page)
            url = term.url if number == LATEST else f"{term.url}page/{number}/"
            months[month.year][month] = url
            years.setdefault(month.year, url)
    return tuple((year, url, _twelve(year, months[year])) for year, url in years.items())


def _twelve(year: int, urls: dict[dt.date, str]) -> tuple[tuple[dt.date, str | None], ...]:
    months = (dt.date(year, month, 1) for month in range(1, 13))
    return tuple((month, urls.get(month)) for month in months)


def month_pages(jump: Jump) -> dict[str, str]:
    """'2016-08' -> the URL of the page that shows that month's newest article (a chart's bars)."""
    return {f"{month:%Y-%m}": url for _, _, months in jump for month, url in months if url}


def jump_inputs(jump: Jump) -> tuple[str, ...]:
    return tuple(f"{month:%Y-%m}>{url}" for _, _, months in jump for month, url in months if url)
