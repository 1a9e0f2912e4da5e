"""paginate: a listing's articles, newest first -> its pages. Numbered pages are fixed blocks
counted from the oldest article, so that `page/57/` shows the same articles for ever once it is
full; the listing's own URL shows what no numbered page below its "Older" link shows.

Only full blocks get a page. The listing's own page shows the block still filling and the newest
full block (between `per_page` and `2 * per_page - 1` articles), and its "Older" link opens the
block below those: a reader going down never meets an article twice. The newest full block has
its page too, for the block below it to link up to. The URL of the next block to fill exists
already, forwarding to the listing's own page, so that the newest numbered page can link to it
and never change.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any

LATEST = 0  # the number of the listing's own page


@dataclass(frozen=True)
class Paginator:
    """One page of a listing: its items, newest first, and where its neighbours are."""

    items: tuple[Any, ...]
    number: int  # LATEST, or 1 (the oldest block) upwards
    first_url: str  # the listing's own URL
    full: int  # how many numbered pages there are; only the listing's own page needs it

    def url_of(self, number: int) -> str:
        return self.first_url if number == LATEST else f"{self.first_url}page/{number}/"

    @property
    def is_latest(self) -> bool:
        return self.number == LATEST

    @property
    def newer_url(self) -> str | None:
        """The next block up; from the newest full one, the forwarding URL of the block filling."""
        return None if self.is_latest else self.url_of(self.number + 1)

    @property
    def older_url(self) -> str | None:
        """The block below what the page shows: from the listing's own page, below the newest
        full block, which it shows."""
        below = self.full - 1 if self.is_latest else self.number - 1
        return self.url_of(below) if below >= 1 else None

    @property
    def dates(self) -> tuple[dt.date, dt.date] | None:
        """The dates a numbered page covers, oldest first."""
        if self.is_latest or not self.items:
            return None
        return self.items[-1].date.date(), self.items[0].date.date()


@dataclass(frozen=True)
class Forward:
    """The URL of the block still filling: it sends readers to the listing's own page."""

    url: str
    first_url: str


def paginate(items: Sequence[Any], per_page: int, first_url: str) -> Iterator[Paginator | Forward]:
    """The listing's own page (always, so an empty listing has a page that says so), each full
    block from the oldest, then the forwarding page of the block filling (once one is full)."""
    full = len(items) // per_page
    yield Paginator(tuple(items[:own_page_size(len(items), per_page)]), LATEST, first_url, full)
    oldest_first = len(items)
    for number in range(1, full + 1):
        block = items[oldest_first - number * per_page: oldest_first - (number - 1) * per_page]
        yield Paginator(tuple(block), number, first_url, 0)
    if full:
        yield Forward(f"{first_url}page/{full + 1}/", first_url)


def own_page_size(count: int, per_page: int) -> int:
    """How many of a listing's `count` articles its own page shows: the block still filling and
    the newest full block."""
    if count < per_page:
        return count
    return per_page + count % per_page


def page_of(position: int, count: int, per_page: int) -> int:
    """The page that shows the article at `position` (0: the newest) of a listing of `count`:
    LATEST, or the number of its block."""
    if position < own_page_size(count, per_page):
        return LATEST
    return (count - 1 - position) // per_page + 1
