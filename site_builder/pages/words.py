"""words: how pages write a day, a span of days and a count ("7 August 2016", "24 May – 7 August
2016", "1 article")."""

from __future__ import annotations

import datetime as dt


def format_date(moment: dt.date, with_time: bool = False) -> str:
    """'8 February 2026'; `with_time` (a datetime written with its time of day): '8 February
    2026, 14:05 GMT', in the time zone the moment is in (the site's)."""
    day = f"{moment.day} {moment:%B %Y}"
    if not with_time or not isinstance(moment, dt.datetime):
        return day
    zone = moment.strftime("%Z")
    if zone[:1] in "+-":  # a zone without a name ('+03') is told by its offset
        zone = f"UTC{zone}"
    return f"{day}, {moment:%H:%M} {zone}".rstrip()


def date_range(first: dt.date, last: dt.date) -> str:
    """The days from `first` to `last`, each part written once: "3–17 May 2016", "24 May –
    7 August 2016", "24 December 2015 – 7 January 2016"; one day is that day."""
    if first == last:
        return format_date(first)
    if (first.year, first.month) == (last.year, last.month):
        return f"{first.day}–{format_date(last)}"
    if first.year == last.year:
        return f"{first.day} {first:%B} – {format_date(last)}"
    return f"{format_date(first)} – {format_date(last)}"


def counted(count: int, noun: str, plural: str | None = None) -> str:
    """'1 article', '2 articles', '1,005 articles'."""
    return f"{count:,} {noun if count == 1 else plural or noun + 's'}"


def ordinal(number: int) -> str:
    """1 -> '1st', 2 -> '2nd', 11 -> '11th', 23 -> '23rd'."""
    suffix = "th" if 10 <= number % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(number % 10, "th")
    return f"{number}{suffix}"
