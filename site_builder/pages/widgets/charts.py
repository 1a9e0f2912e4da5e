"""charts: a Term -> an inline SVG bar chart of its articles per month, as escaped, safe markup."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable
from operator import attrgetter

from markupsafe import Markup, escape

from site_builder.model import Article, Term
from site_builder.pages.widgets import svg_number

# User units of the viewBox; the SVG scales to its container, so these fix only proportions.
WIDTH, HEIGHT = 480, 150
LEFT, RIGHT, TOP, BOTTOM = 30, 4, 10, 20  # room for the count scale and the time axis
_YEAR_MONTH = attrgetter("date.year", "date.month")
MONTH_ABBR = "Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec".split()


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


def month_chart(term: Term) -> Markup:
    """An <svg role="img"> named by its <title>; empty markup for a term without articles."""
    months = month_counts(term.articles)
    if not months:
        return Markup("")
    peak = max(count for _, count in months)
    first, last = months[0][0], months[-1][0]
    title = f"Articles per month about {term.name}, {first:%B %Y} to {last:%B %Y}; at most {peak} in a month"
    title_id = f"chart-{term.slug}"
    parts = [
        f'<svg class="month-chart" viewBox="0 0 {WIDTH} {HEIGHT}" role="img" '
        f'aria-labelledby="{escape(title_id)}">',
        f'<title id="{escape(title_id)}">{escape(title)}</title>',
        *_scale(peak),
        *_bars(months, peak),
        *_time_axis(months),
        "</svg>",
    ]
    return Markup("".join(parts))


def _scale(peak: int) -> list[str]:
    """A baseline and one gridline at the peak, labelled, so bar heights can be read."""
    base, top = HEIGHT - BOTTOM, TOP
    return [
        f'<line class="grid" x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{top}" y2="{top}"/>',
        f'<line class="axis" x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{base}" y2="{base}"/>',
        f'<text class="label" x="{LEFT - 4}" y="{top + 4}" text-anchor="end">{peak}</text>',
        f'<text class="label" x="{LEFT - 4}" y="{base + 4}" text-anchor="end">0</text>',
    ]


def _bars(months: list[tuple[dt.date, int]], peak: int) -> list[str]:
    step = (WIDTH - LEFT - RIGHT) / len(months)
    gap = step * 0.15 if step > 3 else 0  # below ~3 units a gap would eat the bar
    plot = HEIGHT - TOP - BOTTOM
    bars = []
    for i, (month, count) in enumerate(months):
        if not count:
            continue
        height = max(plot * count / peak, 1)
        label = f"{month:%B %Y}: {count} {'article' if count == 1 else 'articles'}"
        bars.append(
            f'<rect class="bar" x="{svg_number(LEFT + i * step + gap / 2)}" y="{svg_number(HEIGHT - BOTTOM - height)}" '
            f'width="{svg_number(step - gap)}" height="{svg_number(height)}"><title>{escape(label)}</title></rect>'
        )
    return bars


def _time_axis(months: list[tuple[dt.date, int]]) -> list[str]:
    """Month names for a year or less; otherwise years, thinned so labels never collide."""
    step = (WIDTH - LEFT - RIGHT) / len(months)
    if len(months) <= 12:
        ticks = [(i, MONTH_ABBR[m.month - 1]) for i, (m, _) in enumerate(months)]
    else:
        # A partial first year is labelled only when its label cannot touch the next one.
        years = [(i, str(m.year)) for i, (m, _) in enumerate(months)
                 if m.month == 1 or (i == 0 and m.month <= 6)]
        every = max(1, -(-len(years) * 34 // (WIDTH - LEFT - RIGHT)))  # a year label is ~30 units
        ticks = years[::every]
    y = HEIGHT - BOTTOM + 14
    return [f'<text class="label" x="{svg_number(LEFT + i * step)}" y="{y}">{escape(text)}</text>'
            for i, text in ticks]
