"""briefing: the lines of a briefing -> one RawArticle whose leading interpretive sentences are its analysis."""

from __future__ import annotations

from site_builder.importer.analysis import analysis_length, read_line
from site_builder.importer.model import Provenance, RawArticle
from site_builder.importer.text import ends_sentence, split_sentences

_MAX_ANALYSIS_CHARS = 400


def split_briefing(lines: list[str]) -> list[RawArticle]:
    """A briefing is one article: analysis lines first, then the paragraphs (no headline in the dump)."""
    candidates = _candidates(lines)
    # The body must keep at least one line: a briefing of nothing but key points has no analysis block.
    if candidates and not any(lines[candidates[-1] + 1 :]):
        candidates = candidates[:-1]
    bounded = bool(candidates) and _ends_by_layout(lines, candidates)
    count = analysis_length([lines[i] for i in candidates], bounded)
    chosen = candidates[:count]
    body_start = chosen[-1] + 1 if chosen else next((i for i, line in enumerate(lines) if line), len(lines))
    return [RawArticle(
        headline=None, caption=None, analysis=tuple(lines[i] for i in chosen),
        body_lines=tuple(lines[body_start:]),
        analysis_lines=tuple(i + 1 for i in chosen),
        body_numbers=tuple(i + 1 if lines[i] else 0 for i in range(body_start, len(lines))),
        provenance=_provenance(lines, chosen, next((i for i in range(body_start, len(lines)) if lines[i]), None)),
    )]


def _candidates(lines: list[str]) -> list[int]:
    """Indices of the opening one-sentence lines that could be analysis.

    When the first block of lines is followed by a blank line, the blank ends the analysis;
    when every line stands alone between blanks, the blanks say nothing and the run goes on."""
    indices = [i for i, line in enumerate(lines) if line]
    if not indices:
        return []
    first_block_ends = next((i for i in range(indices[0], len(lines)) if not lines[i]), len(lines))
    spaced = first_block_ends - indices[0] == 1
    found: list[int] = []
    for index in indices:
        if not spaced and index >= first_block_ends or not _is_analysis_line(lines[index]):
            break
        found.append(index)
    return found


def _ends_by_layout(lines: list[str], candidates: list[int]) -> bool:
    """True when the layout closes the candidates: a line that cannot be analysis follows, or a blank line
    ends a block of several (between lines that each stand alone, a blank says nothing)."""
    last = candidates[-1]
    after = next((i for i in range(last + 1, len(lines)) if lines[i]), None)
    if after is None:
        return False
    block_closed = not lines[last + 1] and len(candidates) > 1 and candidates[-2] == last - 1
    return block_closed or not _is_analysis_line(lines[after])


def _provenance(lines: list[str], chosen: list[int], first_body: int | None) -> tuple[Provenance, ...]:
    records = [Provenance("analysis", lines[i], i + 1, _cue_text("a one-sentence line that interprets", lines[i]))
               for i in chosen]
    if first_body is not None:
        records.append(Provenance("analysis", "(the body starts here)", first_body + 1,
                                  _cue_text("the first line that does not interpret", lines[first_body])))
    return tuple(records)


def _cue_text(verdict: str, line: str) -> str:
    reading = read_line(line)
    cues = ", ".join(reading.cues) or "no cue either way"
    return f"{verdict} (score {reading.score:+.1f}: {cues})"


def _is_analysis_line(line: str) -> bool:
    return ends_sentence(line) and len(line) <= _MAX_ANALYSIS_CHARS and len(split_sentences(line)) == 1


def is_briefing(lines: list[str]) -> bool:
    """A briefing opens with full sentences, one per line, not with a headline."""
    first = [line for line in lines if line][:2]
    return len(first) == 2 and all(_is_analysis_line(line) for line in first)
