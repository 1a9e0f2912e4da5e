"""wire: the lines of a wire page -> RawArticles (headline, caption, body), duplicates and `TT` dropped."""

from __future__ import annotations

from dataclasses import dataclass

from site_builder.importer.captions import has_credit
from site_builder.importer.model import RawArticle
from site_builder.importer.release import is_label_line
from site_builder.importer.text import looks_like_title, normalise_quotes, word_count

MARKER = "TT"


@dataclass(frozen=True)
class _Group:
    """Consecutive non-blank lines, the number of blank lines before them, and the first one's line number."""

    lines: tuple[str, ...]
    blanks_before: int
    number: int = 0


def split_wire(lines: list[str]) -> list[RawArticle]:
    """Cut a wire page into articles: each starts at a headline line followed by captions and TT, or by text."""
    groups = _groups(lines)
    starts: list[int] = []
    for i in range(len(groups)):
        # A repeat of the previous headline (the copy after TT) never starts an article.
        if _starts_article(groups, i) and not (starts and _same(groups[starts[-1]].lines[0], groups[i].lines[0])):
            starts.append(i)
    if not starts or starts[0] != 0:
        starts.insert(0, 0)
    bounds = zip(starts, starts[1:] + [len(groups)])
    articles = [_article(groups[begin:end]) for begin, end in bounds]
    return [a for a in articles if a.body_lines or a.headline]


def _same(a: str, b: str) -> bool:
    return normalise_quotes(a) == normalise_quotes(b)


def _groups(lines: list[str]) -> list[_Group]:
    groups: list[_Group] = []
    current: list[str] = []
    blanks = 0
    for index, line in enumerate(lines + [""]):
        if line:
            current.append(line)
            continue
        if current:
            groups.append(_Group(tuple(current), blanks, index - len(current) + 1))
            current, blanks = [], 0
        blanks += 1
    return groups


def _starts_article(groups: list[_Group], i: int) -> bool:
    group = groups[i]
    if len(group.lines) > 1 and group.lines[1] != MARKER or not _is_headline(group.lines[0]):
        return False
    if len(group.lines) > 1 or _marker_follows(groups, i):
        return True
    # Without a TT marker, only a wide gap before a headline line marks a new article.
    return i == 0 or group.blanks_before >= 2 and i + 1 < len(groups)


def _marker_follows(groups: list[_Group], i: int) -> bool:
    for group in groups[i + 1 : i + 3]:
        if MARKER in group.lines:
            return True
        if not all(_is_caption(line, group) for line in group.lines):
            return False
    return False


def _is_headline(line: str) -> bool:
    return line != MARKER and looks_like_title(line, max_words=25) and not has_credit(line) and not is_label_line(line)


def _is_caption(line: str, group: _Group) -> bool:
    repeated = sum(1 for other in group.lines if normalise_quotes(other) == normalise_quotes(line)) > 1
    return line != MARKER and (repeated or has_credit(line) or word_count(line) > 12 and not _is_headline(line))


def _article(groups: list[_Group]) -> RawArticle:
    first = groups[0]
    headline = first.lines[0] if _is_headline(first.lines[0]) else None
    rest = list(groups)
    if headline is not None:
        rest[0] = _Group(first.lines[1:], 0, first.number + 1)
    captions, caption_line, rest = _take_captions(rest, headline)
    seen = {normalise_quotes(x) for x in captions + ([headline] if headline else [])}
    # After the marker the page repeats headline and captions: skip every group made only of repeats.
    while rest and all(normalise_quotes(line) in seen or line == MARKER for line in rest[0].lines):
        rest = rest[1:]
    body: list[str] = []
    numbers: list[int] = []
    for group in rest:
        body.extend([""] + list(group.lines))
        numbers.extend([0] + list(range(group.number, group.number + len(group.lines))))
    return RawArticle(headline=headline, caption=captions[0] if captions else None, analysis=(), body_lines=tuple(body),
                      headline_line=first.number if headline is not None else None,
                      caption_line=caption_line if captions else None, body_numbers=tuple(numbers))


def _take_captions(groups: list[_Group], headline: str | None) -> tuple[list[str], int, list[_Group]]:
    """The captions before the body, the first caption's line number, and the groups left."""
    has_marker = any(MARKER in g.lines for g in groups[:3])
    captions: list[str] = []
    first_line = 0
    index = 0
    while index < len(groups) and index < 3:
        lines = groups[index].lines
        if not lines:
            index += 1
            continue
        first_line = first_line or groups[index].number + (1 if lines[0] == headline else 0)
        if has_marker:
            captions += [x for x in lines[: lines.index(MARKER)] if x != headline] if MARKER in lines else list(lines)
            index += 1
            if MARKER in lines:
                break
        elif all(_is_caption(x, groups[index]) for x in lines) and (len(lines) > 1 or has_credit(lines[0])):
            captions += list(lines)
            index += 1
            break
        else:
            break
    return captions, first_line, groups[index:]
