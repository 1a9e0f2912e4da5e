"""dates: text -> the article's own date (caption, dateline, or a story date in the text), never a guess."""

from __future__ import annotations

import datetime
import re
from collections.abc import Sequence

from site_builder.importer.text import split_sentences

_MONTHS = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
    "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9,
    "sept": 9, "oct": 10, "nov": 11, "dec": 12,
}
_MONTH_NAMES = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
                "November", "December")
_MONTH_ABBREVIATIONS = ("Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sept", "Sep", "Oct", "Nov", "Dec")
# Capitalised or in capitals ("MARCH 12, 2024" in release headers); lower case "may" is a verb.
_MONTH = (r"(?P<month>" + "|".join(f"{m}|{m.upper()}" for m in _MONTH_NAMES) + "|(?:"
          + "|".join(f"{m}|{m.upper()}" for m in _MONTH_ABBREVIATIONS) + r")\.?)")
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:19|20)\d\d)"
_FULL_DATES = (
    re.compile(rf"\b{_MONTH}\s+{_DAY},?\s+{_YEAR}\b"),
    re.compile(rf"\b{_DAY}\s+(?:of\s+)?{_MONTH},?\s+{_YEAR}\b"),
    re.compile(r"(?<![\d.-])(?P<iso>(?:19|20)\d\d-[01]\d-[0-3]\d)(?![\d-])"),
    # Numeric dates: 15.04.2024 is day first (as in Europe), 04/15/2024 month first (as in the US)
    # unless the first number cannot be a month; 2024/04/15 is year first.
    re.compile(r"(?<![\d.])(?P<dmy_day>[0-3]?\d)\.(?P<dmy_month>[01]?\d)\.(?P<dmy_year>(?:19|20)\d\d)(?![\d])"),
    re.compile(r"(?<![\d/])(?P<mdy_month>[0-3]?\d)/(?P<mdy_day>[0-3]?\d)/(?P<mdy_year>(?:19|20)\d\d)(?![\d/])"),
    re.compile(r"(?<![\d/])(?P<ymd_year>(?:19|20)\d\d)/(?P<ymd_month>[01]?\d)/(?P<ymd_day>[0-3]?\d)(?![\d/])"),
)
_MONTH_DAY = re.compile(rf"\b{_MONTH}\s+{_DAY}\b(?!,?\s+(?:19|20)\d\d)(?!\d)")
_DATELINE = re.compile(
    rf"^[A-Z][A-Za-z.'’ -]+(?:,\s*[A-Za-z. ]+)?,?\s+{_MONTH}\s+{_DAY}(?:,?\s+{_YEAR})?\s*"
    r"\([A-Za-z][\w-]*(?: [A-Z][\w-]*)?\)\s*[-–—]"  # (Reuters), (AP), (dpa), (Kyodo), (ICRC)
)
_YEAR_WORD = re.compile(r"\b(?:19|20)\d\d\b")
# Words right before a date that make it not the story's own: history, deadlines, plans, photos.
_NOT_STORY = re.compile(
    r"\b(?:since|until|till|through|before|by|from|born|founded|established|scheduled|due|expected|"
    r"deadline|slated|planned|set|will|would|next|upcoming|gallery|photos?|pictured|images?|"
    r"dated|published|file)\b(?:\s+(?:the|on|of|in|for|to|taken|early|late|around|about|at|a|be|held))*\s*$",
    re.I,
)
_FUTURE_AFTER = re.compile(r"^[^.;]{0,30}\b(?:will|is expected|are expected|is scheduled|are scheduled)\b", re.I)


def find_full_dates(text: str) -> list[tuple[datetime.date, int]]:
    """Every complete calendar date (day, month, year) in the text, with its offset, in text order."""
    found = []
    for pattern in _FULL_DATES:
        for match in pattern.finditer(text):
            value = _to_date(match)
            if value is not None:
                found.append((value, match.start()))
    return sorted(found, key=lambda item: item[1])


def _to_date(match: re.Match[str]) -> datetime.date | None:
    groups = match.groupdict()
    try:
        if "iso" in groups:
            return datetime.date.fromisoformat(match.group("iso"))
        for order in ("dmy", "mdy", "ymd"):
            if f"{order}_year" in groups:
                year, month, day = (int(match.group(f"{order}_{part}")) for part in ("year", "month", "day"))
                if order == "mdy" and month > 12 >= day:  # 15/04/2024 can only be day first
                    month, day = day, month
                return datetime.date(year, month, day)
        month = _MONTHS[match.group("month").rstrip(".").lower()]
        return datetime.date(int(match.group("year")), month, int(match.group("day")))
    except (ValueError, KeyError):
        return None


def story_date(paragraphs: Sequence[str], context: str) -> tuple[datetime.date | None, str, int | None]:
    """The date the text gives for its own story, how it was found ("" when none), and in which paragraph.

    `context` is all the article's text, used only to decide a year the dateline leaves out."""
    if paragraphs:
        found = _dateline_date(paragraphs[0], context)
        if found is not None:
            return found, "dateline", 0
    for index, paragraph in enumerate(paragraphs[:4]):
        candidates = [value for value, start in find_full_dates(paragraph) if _is_story_date(paragraph, start)]
        if candidates:
            return max(candidates), "text", index
    if paragraphs:
        found = _month_day_in_lead(paragraphs[0], context)
        if found is not None:
            return found, "text", 0
    return None, "", None


def _dateline_date(paragraph: str, context: str) -> datetime.date | None:
    match = _DATELINE.match(paragraph)
    if not match:
        return None
    year = int(match.group("year")) if match.group("year") else _only_year(context)
    if year is None:
        return None
    try:
        return datetime.date(year, _MONTHS[match.group("month").rstrip(".").lower()], int(match.group("day")))
    except ValueError:
        return None


def _month_day_in_lead(paragraph: str, context: str) -> datetime.date | None:
    """`on January 30` in the lead takes a year only when the whole text names just one year."""
    year = _only_year(context)
    for match in _MONTH_DAY.finditer(paragraph):
        if year is None or not re.search(r"\bon\s+$", paragraph[: match.start()]):
            continue
        if not _is_story_date(paragraph, match.start()):
            continue
        try:
            return datetime.date(year, _MONTHS[match.group("month").rstrip(".").lower()], int(match.group("day")))
        except ValueError:
            continue
    return None


_PAST_OR_SPAN = re.compile(
    r"(?:\b(?:since|from|until|till|before|after|through|during|between|and|to)\s+"
    r"(?:(?:early|late|mid-?)\s*)?(?:[A-Z][a-z]+\.?\s+(?:\d{1,2},?\s+)?)?"
    r"|\bin\s+(?:(?:early|late|mid-?)\s*)?[A-Z][a-z]+\.?\s+(?:\d{1,2},?\s+)?)$")


_HISTORY = re.compile(r"\b(?:created|founded|established|built|set up|introduced|launched|adopted|born|signed|"
                      r"started|began|opened|first)\b[^.;]{0,25}\b(?:in|since)\s+$")


def _only_year(context: str) -> int | None:
    """The one year the text names for now. Years in "in February 2022", "since 1955" are
    history or spans, not the story's year, so they do not count; "in 2023" does."""
    # "created in 1995", "founded in 1948": a year of history says nothing of the story's.
    mentions = [m for m in _YEAR_WORD.finditer(context) if not _HISTORY.search(context[max(0, m.start() - 40): m.start()])]
    if len({m.group(0) for m in mentions}) != 1:
        return None  # no year, or several: which one is the story's is a guess
    if all(_PAST_OR_SPAN.search(context[max(0, m.start() - 40): m.start()]) for m in mentions):
        return None
    return int(mentions[0].group(0))


# Anywhere earlier in its sentence, these make a date a deadline or a plan: "applications are due
# by 5 p.m. ET on May 16", "the event will be held in Rome on June 3".
_DEADLINE_OR_PLAN = re.compile(
    r"\b(?:due|deadline|no later than|apply|applications?|submit|submissions?|proposals?|register|registration|"
    r"closes?|expires?|comments? (?:must|should)|will|shall|plans? to|is to|are to|scheduled|expected)\b", re.I)


def _is_story_date(paragraph: str, start: int) -> bool:
    before = paragraph[max(0, start - 60) : start]
    sentence_start = max(before.rfind(". "), before.rfind("; "))
    before = before[sentence_start + 1 :] if sentence_start >= 0 else before
    if _NOT_STORY.search(before) or _FUTURE_AFTER.search(paragraph[start:]):
        return False
    # "X" stands for the date: the sentence it opens or continues is the last one.
    sentences = split_sentences(paragraph[max(0, start - 200) : start] + "X")
    return not _DEADLINE_OR_PLAN.search(sentences[-1] if sentences else "")
