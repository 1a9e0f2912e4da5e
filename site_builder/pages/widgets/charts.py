"""charts: a Term -> a bar chart of its articles per month, drawn in HTML and CSS (so its labels
keep the text's size on a phone), each bar a link to that month's coverage; escaped, safe markup."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Callable, Iterable
from operator import attrgetter

from markupsafe import Markup, escape

from site_builder.model import Article, Term
from site_builder.pages.language import ENGLISH, Language
from site_builder.pages.widgets import svg_number
from site_builder.pages.words import counted

_YEAR_MONTH = attrgetter("date.year", "date.month")
# A year label needs about an eleventh of a phone's chart, a twenty-first of a desktop's: years
# are labelled where their labels cannot run into each other, and those a phone has no room for
# are "minor" (style.css hides them there).
PHONE_SHARE, DESKTOP_SHARE = 11, 21
DENSE = 48  # months from which bars touch

CHART_SUMMARY = "Articles per month about %(name)s, %(first)s to %(last)s; at most %(peak)s in a month"
Link = Callable[[dt.date], "str | None"]  # a month's first day -> the URL of its coverage


def month_counts(articles: Iterable[Article]) -> list[tuple[dt.date, int]]:
    """(first day of month, articles) for every month from the first to the last, empty ones
    included, so the bars form a true time axis."""
    # Counted as (year, month) pairs by a map: a big topic's chart goes over thousands.
    counts = Counter(map(_YEAR_MONTH, articles))
    if not counts:
        return []
    (year, month), last = min(counts), max(counts)
    months = []
    while (year, month) <= last:
        months.append((dt.date(year, month, 1), counts.get((year, month), 0)))
        year, month = year + month // 12, month % 12 + 1
    return months


def month_chart(term: Term, link: Link, language: Language = ENGLISH) -> Markup:
    """The chart, its words for screen readers first (the bars repeat the table beside it, so
    they are hidden from them, and out of the keyboard's way); empty for a term without articles."""
    months = month_counts(term.articles)
    if not months:
        return Markup("")
    peak = max(count for _, count in months)
    first, last = months[0][0], months[-1][0]
    summary = language.gettext(CHART_SUMMARY) % {"name": term.name, "first": language.month(first),
                                                  "last": language.month(last), "peak": language.number(peak)}
    return Markup("".join([
        # Dense: too many months for a gap between bars, which would leave no bar on a phone.
        f'<div class="month-chart{" dense" if len(months) > DENSE else ""}" style="--months: {len(months)}">',
        f'<p class="visually-hidden">{escape(summary)}</p>',
        f'<div class="chart-scale" aria-hidden="true"><span>{language.number(peak)}</span><span>0</span></div>',
        '<ol class="chart-bars" aria-hidden="true">', *_bars(months, peak, link, language), "</ol>",
        '<ol class="chart-axis" aria-hidden="true">', *_labels(months, language), "</ol>",
        "</div>",
    ]))


def _bars(months: list[tuple[dt.date, int]], peak: int, link: Link, language: Language) -> list[str]:
    bars = []
    for month, count in months:
        if not count:
            bars.append("<li></li>")
            continue
        label = escape(f"{language.month(month)}: {counted(count, 'article', language=language)}")
        height = f"height: {svg_number(max(100 * count / peak, 1))}%"
        target = link(month)
        bar = (f'<a href="{escape(target)}" tabindex="-1" title="{label}" style="{height}"></a>' if target
               else f'<span title="{label}" style="{height}"></span>')
        bars.append(f"<li>{bar}</li>")
    return bars


def _labels(months: list[tuple[dt.date, int]], language: Language) -> list[str]:
    """Under a year or less, each month's name and the year where it starts; under more, each
    year where it starts, spanning its months, where its label has room."""
    labels = []
    if len(months) <= 12:
        labels += [f'<li style="grid-area: 1 / {i + 1}">{language.month_abbr(m)}</li>'
                   for i, (m, _) in enumerate(months)]
        row, phone, desktop = 2, set(range(len(months))), set(range(len(months)))
    else:
        row = 1
        phone = _labelled(months, -(-len(months) // PHONE_SHARE))
        desktop = _labelled(months, -(-len(months) // DESKTOP_SHARE)) | phone
    for start, span, year in _years(months):
        if start in desktop:
            minor = "" if start in phone else " minor"
            labels.append(f'<li class="year{minor}" style="grid-area: {row} / {start + 1} / {row + 1} / span {span}">'
                          f"{year}</li>")
    return labels


def _labelled(months: list[tuple[dt.date, int]], room: int) -> set[int]:
    """The first columns of the years to label when a label needs `room` months: each at least
    that far from the last one labelled and from the chart's end; a partial first year only if
    its months give it the room (else the next year, a whole one, has it)."""
    chosen: set[int] = set()
    last = None
    for start, span, _ in _years(months):
        partial_first = start == 0 and months[0][0].month != 1
        if len(months) - start < room or (partial_first and span < room):
            continue
        if last is None or start - last >= room:
            chosen.add(start)
            last = start
    return chosen


def _years(months: list[tuple[dt.date, int]]) -> list[tuple[int, int, int]]:
    """(first column, number of months, year) of each year the chart shows, in order."""
    years: list[tuple[int, int, int]] = []
    for i, (month, _) in enumerate(months):
        if years and years[-1][2] == month.year:
            start, span, year = years[-1]
            years[-1] = (start, span + 1, year)
        else:
            years.append((i, 1, month.year))
    return years
