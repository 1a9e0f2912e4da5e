"""The site's language as pages speak it: Babel's dates, spans and counts, the script's
direction, and stylesheets that mirror for right-to-left scripts."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

from site_builder.pages.language import ENGLISH, load_language
from site_builder.pages.words import counted, date_range, format_date

REPO = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize(("tag", "direction"), [("ar", "rtl"), ("fa", "rtl"), ("ur", "rtl"), ("he", "rtl"),
                                                ("en", "ltr"), ("ru", "ltr"), ("uk", "ltr")])
def test_the_direction_follows_the_script(tag: str, direction: str) -> None:
    assert load_language(tag).direction == direction


def test_english_dates_and_spans_are_written_as_before() -> None:
    assert format_date(dt.date(2026, 2, 8)) == "8 February 2026"
    assert date_range(dt.date(2016, 5, 3), dt.date(2016, 5, 17)) == "3–17 May 2016"
    assert date_range(dt.date(2016, 5, 24), dt.date(2016, 8, 7)) == "24 May – 7 August 2016"
    assert date_range(dt.date(2015, 12, 24), dt.date(2016, 1, 7)) == "24 December 2015 – 7 January 2016"
    assert counted(1005, "article") == "1,005 articles" and counted(1, "article", language=ENGLISH) == "1 article"


def test_other_languages_write_their_own_dates_and_spans() -> None:
    french, russian = load_language("fr"), load_language("ru")
    assert format_date(dt.date(2026, 2, 8), language=french) == "8 février 2026"
    assert date_range(dt.date(2016, 5, 24), dt.date(2016, 8, 7), french) == "24 mai – 7 août 2016"
    assert date_range(dt.date(2016, 5, 3), dt.date(2016, 5, 17), russian) == "3–17 мая 2016\u202fг."
    moment = dt.datetime(2026, 2, 8, 14, 5, tzinfo=dt.timezone(dt.timedelta(hours=3)))
    assert format_date(moment, True, french) == "8 février 2026, 14:05 UTC+03:00"


@pytest.mark.parametrize("stylesheet", ["themes/default/static/style.css", "themes/compact/static/compact.css"])
def test_the_bundled_stylesheets_mirror_for_right_to_left_scripts(stylesheet: str) -> None:
    """Logical properties (margin-inline-start, text-align: start) only: a physical left or right
    would stay put when dir="rtl" turns the page."""
    css = (REPO / stylesheet).read_text(encoding="utf-8")
    physical = re.findall(r"[\w-]*(?:left|right)[\w-]*\s*:|text-align:\s*(?:left|right)|float:", css)
    assert physical == []
