"""body: an article's raw body lines -> Markdown blocks (paragraphs, subheadings, lists) and its authors."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from site_builder.importer.bylines import Byline, read_byline, read_credits
from site_builder.importer.labels import is_caption_like, label_kind
from site_builder.importer.model import Block, Provenance
from site_builder.importer.text import ends_sentence, looks_like_title

_BULLET = re.compile(r"^(?:[-*•·–—▪►]|\d{1,2}[.)])\s+(?=\S)")
_MAX_HEADING_WORDS = 10
# "Key quote: ...", "Q&A: ...": a short lead-in and a colon label what follows; a subheading does not.
_LABELLED = re.compile(r"^[\w'’&-]+(?:\s+[\w'’&-]+){0,2}\s*:\s")
_CREDITS = re.compile(
    r"^\(?(?:(?:Additional )?[Rr]eporting by [^;()]+?|Writing by [^;]+|Editing by [^;]+|Compiled by [^;]+)"
    r"(?:[;,]\s*(?:and\s+)?(?:[\w ]+ by [^;]+))*\)?\.?$")


@dataclass(frozen=True)
class ParsedBody:
    """A body's Markdown blocks, its authors and the organisation its byline names, and why lines went."""

    blocks: tuple[Block, ...]
    authors: tuple[str, ...]
    organisation: str | None
    provenance: tuple[Provenance, ...]


def parse_body(lines: Sequence[str], numbers: Sequence[int] = ()) -> ParsedBody:
    """Blocks of the body, the authors (a byline opening it, or the closing credits), and why lines were
    dropped or made headings. `numbers` are the lines' 1-based numbers in the dump (0: blank), for provenance."""
    numbered = list(zip(lines, list(numbers) + [0] * (len(lines) - len(numbers))))
    provenance: list[Provenance] = []
    kept: list[tuple[str, int]] = []
    for line, number in numbered:
        kind = label_kind(line)
        if kind is None:
            kept.append((line, number))
        else:
            provenance.append(Provenance("body", line, number or None, f"dropped: {kind}"))
    groups = _groups(kept)
    byline = _opening_byline(groups, provenance)
    authors = byline.authors if byline else ()
    # Wire copy ends with its credits: "Reporting by X; Editing by Y". Not body text.
    while groups and _CREDITS.match(groups[-1][-1][0]):
        credit_line, credit_number = groups[-1].pop()
        if not authors and read_credits(credit_line):
            authors = read_credits(credit_line)
            provenance.append(Provenance("authors", ", ".join(authors), credit_number or None,
                                         "the reporters of the closing credits"))
        groups = [group for group in groups if group]
    blocks: list[Block] = []
    for group in groups:
        blocks.extend(_group_blocks(group))
    blocks = _demote_idle_headings(blocks)
    provenance += [Provenance("subheadings", b.text, b.line or None, "short title line without final punctuation, "
                              "before the paragraph it introduces") for b in blocks if b.kind == "heading"]
    return ParsedBody(tuple(blocks), authors, byline.organisation if byline else None, tuple(provenance))


def _opening_byline(groups: list[list[tuple[str, int]]], provenance: list[Provenance]) -> Byline | None:
    """The byline on the body's first line(s), taken out of the groups."""
    if not groups:
        return None
    first = groups[0]
    following = first[1][0] if len(first) > 1 else (groups[1][0][0] if len(groups) > 1 else "")
    byline = read_byline(first[0][0], following)
    if byline is None:
        return None
    provenance.append(Provenance("authors", ", ".join(byline.authors), first[0][1] or None,
                                 f"the byline opening the body: '{first[0][0]}'"))
    for _ in range(byline.lines):
        (groups[0] if groups[0] else groups[1]).pop(0)
        groups[:] = [group for group in groups if group]
    return byline


def _groups(lines: list[tuple[str, int]]) -> list[list[tuple[str, int]]]:
    groups: list[list[tuple[str, int]]] = [[]]
    for line in lines:
        if line[0]:
            groups[-1].append(line)
        elif groups[-1]:
            groups.append([])
    return [g for g in groups if g]


def _group_blocks(group: list[tuple[str, int]]) -> list[Block]:
    blocks: list[Block] = []
    paragraph: list[str] = []
    first_number = 0

    def close_paragraph() -> None:
        if paragraph:
            blocks.append(Block("paragraph", " ".join(paragraph), line=first_number))
            paragraph.clear()

    for index, (line, number) in enumerate(group):
        bullet = _BULLET.match(line)
        if bullet:
            close_paragraph()
            item = line[bullet.end() :].strip()
            if blocks and blocks[-1].kind == "list":
                blocks[-1] = Block("list", items=blocks[-1].items + (item,), line=blocks[-1].line)
            else:
                blocks.append(Block("list", items=(item,), line=number))
            continue
        # A line after a finished sentence starts a new paragraph; otherwise it is a wrapped line.
        if paragraph and ends_sentence(paragraph[-1]):
            close_paragraph()
        if not paragraph and _is_heading(line, [text for text, _ in group[index + 1 : index + 2]]):
            blocks.append(Block("heading", line, line=number))
        else:
            first_number = number if not paragraph else first_number
            paragraph.append(line)
    close_paragraph()
    return blocks


def _is_heading(line: str, following: list[str]) -> bool:
    if not looks_like_title(line, max_words=_MAX_HEADING_WORDS) or len(line) > 90:
        return False
    if line[0] in "\"'“‘«" or line.endswith((",", "-", "–", "—")):
        return False
    if ends_sentence(line) or is_caption_like(line) or _LABELLED.match(line):
        return False
    return not following or following[0][:1].isupper() or following[0][:1] in "\"“‘'"


def _demote_idle_headings(blocks: list[Block]) -> tuple[Block, ...]:
    """A heading followed by another heading, or by nothing, introduces nothing: keep its text as a paragraph."""
    result = list(blocks)
    for index, block in enumerate(result):
        following = result[index + 1] if index + 1 < len(result) else None
        if block.kind == "heading" and (following is None or following.kind == "heading"):
            result[index] = Block("paragraph", block.text, line=block.line)
    return tuple(result)
