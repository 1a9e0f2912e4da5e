"""briefing: the lines of a briefing -> one RawArticle whose leading one-sentence lines are its analysis."""

from __future__ import annotations

from site_builder.importer.model import RawArticle
from site_builder.importer.text import ends_sentence, split_sentences

_MAX_ANALYSIS_CHARS = 400


def split_briefing(lines: list[str]) -> list[RawArticle]:
    """A briefing is one article: analysis lines first, then the paragraphs (no headline in the dump)."""
    start = next((i for i, line in enumerate(lines) if line), len(lines))
    analysis: list[str] = []
    index = start
    while index < len(lines) and lines[index] and _is_analysis_line(lines[index]):
        analysis.append(lines[index])
        index += 1
    if index >= len(lines) or not any(lines[index:]):
        # Every line was one sentence: without a paragraph to follow there is no analysis block.
        analysis, index = [], start
    return [RawArticle(headline=None, caption=None, analysis=tuple(analysis), body_lines=tuple(lines[index:]))]


def _is_analysis_line(line: str) -> bool:
    return ends_sentence(line) and len(line) <= _MAX_ANALYSIS_CHARS and len(split_sentences(line)) == 1


def is_briefing(lines: list[str]) -> bool:
    """A briefing opens with full sentences, one per line, not with a headline."""
    first = [line for line in lines if line][:2]
    return len(first) == 2 and all(_is_analysis_line(line) for line in first)
