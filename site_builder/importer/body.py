"""body: an article's raw body lines -> Markdown blocks (paragraphs, subheadings, lists) and a byline."""

from __future__ import annotations

import re
from collections.abc import Sequence

from site_builder.importer.model import Block
from site_builder.importer.text import ends_sentence, looks_like_title, word_count

_BULLET = re.compile(r"^(?:[-*•·–—▪►]|\d{1,2}[.)])\s+(?=\S)")
_BYLINE = re.compile(r"^By\s+[A-Z][\w.'’-]+(?:\s+[A-Z][\w.'’-]+){0,3}(?:(?:,|\s+and)\s+[A-Z][\w.'’ -]+)*$")
_RESIDUE = re.compile(
    r"^(?:(?:WATCH|Watch|VIDEO|Video|LISTEN|Listen|READ MORE|Read more|Read More|RELATED|Related|"
    r"ALSO READ|Also read|SEE ALSO|See also|MORE|PHOTOS|Photos|GALLERY|Gallery)\s*[:|»-].*"
    r"|Advertisement|ADVERTISEMENT|Sponsored|Sponsored content|Read more|Read More|READ MORE|"
    r"Share|Share this|Share this article|Share this story|Share on \w+|Tweet|Email|Print|Copy link|"
    r"Click here\b.*|Subscribe(?: now| here| to .*)?|Sign up (?:for|to) .*|Follow us\b.*|Listen to this article.*|Scroll to continue.*|"
    r"Continue reading.*|Skip to .*|Story continues below.*|Advertisement - .*|Recommended(?: for you| reading| stories)?|"
    r"Most [Rr]ead|Trending|Top [Ss]tories|Related [Aa]rticles|Related [Ss]tories|Comments)\.?\s*$"
)
_MAX_HEADING_WORDS = 10
_CREDITS = re.compile(
    r"^\(?(?:(?:Additional )?[Rr]eporting by (?P<reporter>[^;,()]+?)(?:\s+in\s+[A-Z][\w ]+)?"
    r"|Writing by [^;]+|Editing by [^;]+|Compiled by [^;]+)(?:[;,]\s*(?:and\s+)?"
    r"(?:[\w ]+ by [^;]+))*\)?\.?$")


def parse_body(lines: Sequence[str]) -> tuple[tuple[Block, ...], str | None]:
    """Blocks of the body, and the byline line when the body opens with one ("By Jane Doe")."""
    groups = _groups([line for line in lines if not _is_residue(line)])
    byline = None
    if groups and _BYLINE.match(groups[0][0]) and not ends_sentence(groups[0][0]):
        byline = groups[0][0]
        groups[0] = groups[0][1:]
    groups = [group for group in groups if group]
    # Wire copy ends with its credits: "Reporting by X; Editing by Y". Not body text.
    while groups and _CREDITS.match(groups[-1][-1]):
        reporter = _CREDITS.match(groups[-1][-1]).group("reporter")
        byline = byline or (f"By {reporter}" if reporter else None)
        groups[-1] = groups[-1][:-1]
        if not groups[-1]:
            groups.pop()
    blocks: list[Block] = []
    for group in groups:
        blocks.extend(_group_blocks(group))
    return _demote_trailing_heading(blocks), byline


def _groups(lines: list[str]) -> list[list[str]]:
    groups: list[list[str]] = [[]]
    for line in lines:
        if line:
            groups[-1].append(line)
        elif groups[-1]:
            groups.append([])
    return [g for g in groups if g]


def _is_residue(line: str) -> bool:
    return bool(line) and word_count(line) <= 15 and _RESIDUE.match(line) is not None


def _group_blocks(group: list[str]) -> list[Block]:
    blocks: list[Block] = []
    paragraph: list[str] = []

    def close_paragraph() -> None:
        if paragraph:
            blocks.append(Block("paragraph", " ".join(paragraph)))
            paragraph.clear()

    for index, line in enumerate(group):
        bullet = _BULLET.match(line)
        if bullet:
            close_paragraph()
            item = line[bullet.end() :].strip()
            if blocks and blocks[-1].kind == "list":
                blocks[-1] = Block("list", items=blocks[-1].items + (item,))
            else:
                blocks.append(Block("list", items=(item,)))
            continue
        # A line after a finished sentence starts a new paragraph; otherwise it is a wrapped line.
        if paragraph and ends_sentence(paragraph[-1]):
            close_paragraph()
        if not paragraph and _is_heading(line, group[index + 1 : index + 2]):
            blocks.append(Block("heading", line))
        else:
            paragraph.append(line)
    close_paragraph()
    return blocks


def _is_heading(line: str, following: list[str]) -> bool:
    if not looks_like_title(line, max_words=_MAX_HEADING_WORDS) or len(line) > 90:
        return False
    if line[0] in "\"'“‘«" or line.endswith((",", "-", "–", "—")):
        return False
    if ends_sentence(line):
        return False
    return not following or following[0][:1].isupper() or following[0][:1] in "\"“‘'"


def _demote_trailing_heading(blocks: list[Block]) -> tuple[Block, ...]:
    """A heading with nothing after it heads nothing: keep its text as a paragraph."""
    if blocks and blocks[-1].kind == "heading":
        blocks[-1] = Block("paragraph", blocks[-1].text)
    return tuple(blocks)
