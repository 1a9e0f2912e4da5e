"""dates: [Article] -> the date archive, years -> months -> days, each with its URL."""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Iterable
from itertools import groupby

from site_builder.model import Article, Day, Month, Year


def build_years(articles: Iterable[Article]) -> tuple[Year, ...]:
    """Oldest first; each day's articles newest first."""
    ordered = sorted(articles, key=lambda a: (a.date.date(), -a.timestamp, a.url))
    years = []
    for year, in_year in groupby(ordered, key=lambda a: a.date.year):
        months = []
        for month, in_month in groupby(in_year, key=lambda a: a.date.month):
            days = tuple(
                Day(date=day, url=f"archive/{day:%Y/%m/%d}/", articles=tuple(on_day))
                for day, on_day in groupby(in_month, key=lambda a: a.date.date())
            )
            months.append(Month(year, month, f"archive/{year}/{month:02d}/", days))
        years.append(Year(year, f"archive/{year}/", tuple(months)))
    return tuple(years)


def month_grid(month: Month) -> list[list[tuple[dt.date, Day | None] | None]]:
    """Weeks Monday to Sunday; None pads the days outside the month."""
    days = {day.date: day for day in month.days}
    weeks = calendar.Calendar(firstweekday=0).monthdatescalendar(month.year, month.month)
    return [[(d, days.get(d)) if d.month == month.month else None for d in week] for week in weeks]
