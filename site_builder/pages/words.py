"""words: how pages write a day, a span of days, a count and a rank in the site's language
("7 August 2016", "24 May – 7 August 2016", "1 article", "3rd"), through Babel (language.py)."""

from __future__ import annotations

import datetime as dt

from site_builder.pages.language import ENGLISH, Language


def format_date(moment: dt.date, with_time: bool = False, language: Language = ENGLISH) -> str:
    """'8 February 2026' ('8 février 2026'); `with_time` (a datetime written with its time of
    day): '8 February 2026, 14:05 GMT', in the time zone the moment is in (the site's)."""
    day = language.date(moment)
    if not with_time or not isinstance(moment, dt.datetime):
        return day
    return f"{day}, {language.time(moment)}"


def date_range(first: dt.date, last: dt.date, language: Language = ENGLISH) -> str:
    """The days from `first` to `last`, each part written once: "3–17 May 2016", "24 May –
    7 August 2016", "24 December 2015 – 7 January 2016"; one day is that day."""
    if first == last:
        return format_date(first, language=language)
    if (first.year, first.month) == (last.year, last.month):
        return f"{language.number(first.day)}–{format_date(last, language=language)}"
    if first.year == last.year:
        return f"{language.day_and_month(first)} – {format_date(last, language=language)}"
    return f"{format_date(first, language=language)} – {format_date(last, language=language)}"


def counted(count: int, noun: str, plural: str | None = None, language: Language = ENGLISH) -> str:
    """'1 article', '2 articles', '1,005 articles'; in another language, the catalogue's
    "%(num)s article" in the plural form its count takes ('2 статьи', '5 статей')."""
    plural = plural or noun + "s"
    return language.ngettext(f"%(num)s {noun}", f"%(num)s {plural}", count) % {"num": language.number(count)}


def ordinal(number: int) -> str:
    """1 -> '1st', 2 -> '2nd', 11 -> '11th', 23 -> '23rd': English's; another language's
    catalogue words a rank its own way ("article n° 3")."""
    suffix = "th" if 10 <= number % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(number % 10, "th")
    return f"{number}{suffix}"
