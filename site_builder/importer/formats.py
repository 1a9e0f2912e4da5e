"""formats: a text dump -> RawArticles, choosing the wire-page or briefing reader (the two text formats) for it."""

from __future__ import annotations

from collections.abc import Callable

from site_builder.importer.briefing import is_briefing, split_briefing
from site_builder.importer.model import RawArticle
from site_builder.importer.text import clean_line, looks_like_title
from site_builder.importer.wire import MARKER, split_wire


def split_dump(text: str) -> list[RawArticle]:
    """The articles of one dump, in order; a dump without any text yields none."""
    lines = [clean_line(line) for line in text.split("\n")]
    return [a for a in _reader(lines)(lines) if any(a.body_lines) or a.analysis]


def detect_format(text: str) -> str:
    """"wire" or "briefing", as the reader split_dump would use."""
    lines = [clean_line(line) for line in text.split("\n")]
    return "wire" if _reader(lines) is split_wire else "briefing"


def _reader(lines: list[str]) -> Callable[[list[str]], list[RawArticle]]:
    if MARKER in lines:
        return split_wire
    if is_briefing(lines):
        return split_briefing
    first = next((line for line in lines if line), "")
    return split_wire if looks_like_title(first) else split_briefing
