"""limits: a Markdown body -> the first place where it passes a limit of structure beyond which
the Markdown and HTML libraries take quadratic time or run out of stack, or None.

Checked before either engine sees the body, in time linear in its length, so that a few
kilobytes of hostile Markdown are refused at once rather than stalling a build (or the dev
server) for minutes. Each limit is far beyond what an article needs:

- a list or quote nested more than MAX_NESTING deep: Python-Markdown recurses once per level
  and runs out of stack before a thousand, and both engines take time in proportion to the
  depth of every line, which MAX_LEVELS bounds for the whole body;
- more than MAX_BLOCKS paragraphs, list items and quoted lines: Python-Markdown takes each off
  the front of a list, in time that grows with the square of their number;
- raw HTML elements left open inside one another more than MAX_HTML_DEPTH deep: the HTML
  sanitiser's parser (html5ever, under nh3) looks through every open element for each new one;
- brackets that never close: for each `[` (and each `](`) without its `]` (or `)`),
  Python-Markdown reads the rest of the paragraph looking for it; more than MAX_BRACKET_SCAN
  characters read that way in a body is refused.

At those limits a body takes either engine about a second; the limits are measured in
benchmarks/notes/ (2026-12-06).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

MAX_NESTING = 32  # levels of one line: a marker each, and one per two columns of indentation
MAX_LEVELS = 100_000  # those levels, summed over the body's lines
MAX_BLOCKS = 50_000
MAX_HTML_DEPTH = 256
MAX_BRACKET_SCAN = 2_000_000  # characters

# A line that opens list items or quotes: its indentation and markers (">", "-", "*", "+",
# "1.", "1)"), a marker and the blank after it counting as one level.
# Or a blank line, which ends a paragraph: each match starts a block.
_BLOCK = re.compile(r"\n[ \t]*\n|^[ \t]*(?:(?:>|(?:[*+-]|\d{1,9}[.)])(?=[ \t]|$))[ \t]*)+", re.MULTILINE)
_MARKER = re.compile(r"(?:>|(?:[*+-]|\d{1,9}[.)])(?=[ \t]|$))[ \t]?")
_TAG = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9-]*)(?:\s[^<>]*)?>")
# Elements that hold no content, or whose end the parser implies when the next one starts:
# however many are left open, they do not nest.
_FLAT = frozenset({
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr",
    "p", "li", "dt", "dd", "tr", "td", "th", "thead", "tbody", "tfoot", "option", "optgroup", "rb", "rt",
    "rp", "colgroup", "caption", "h1", "h2", "h3", "h4", "h5", "h6"})
_BRACKET = re.compile(r"\\.|[][()]|\n[ \t]*\n", re.DOTALL)


@dataclass(frozen=True)
class Excess:
    """Where a body passes a limit: its line (the body's first is 1), and what to do about it."""

    line: int
    message: str


class TooComplex(ValueError):
    """A body past one of the limits: refused before it is parsed."""

    def __init__(self, excess: Excess):
        super().__init__(f"line {excess.line}: {excess.message}")
        self.excess = excess


def first_excess(body: str) -> Excess | None:
    return _structure(body) or _html_depth(body) or _open_brackets(body)


def _line(body: str, at: int) -> int:
    return body.count("\n", 0, at) + 1


def _structure(body: str) -> Excess | None:
    blocks, levels = 0, 0
    for match in _BLOCK.finditer(body):
        blocks += 1
        if blocks > MAX_BLOCKS:
            return Excess(_line(body, match.end()), f"more than {MAX_BLOCKS:,} paragraphs, list items and quoted "
                                                    "lines, too many for the Markdown parser: split the article")
        if match.group()[0] == "\n":
            continue  # a blank line
        indentation, markers = _MARKER.subn("", match.group())
        depth = markers + (len(indentation) + 3 * indentation.count("\t")) // 2
        levels += depth
        if depth > MAX_NESTING:
            return Excess(_line(body, match.start()), f"lists or quotes nested about {depth} deep, more than "
                                                      f"{MAX_NESTING}: too deep for the Markdown parser")
        if levels > MAX_LEVELS:
            return Excess(_line(body, match.start()), f"more than {MAX_LEVELS:,} levels of lists and quotes in "
                                                      "all, too many for the Markdown parser: split the article")
    return None


def _html_depth(body: str) -> Excess | None:
    if body.count("<") <= MAX_HTML_DEPTH:
        return None
    depth = 0
    for match in _TAG.finditer(body):
        closing, name = match.group(1), match.group(2).lower()
        if name in _FLAT or match.group().endswith("/>"):
            continue
        depth = max(0, depth - 1) if closing else depth + 1
        if depth > MAX_HTML_DEPTH:
            return Excess(_line(body, match.start()), f"HTML elements left open {depth} deep, more than "
                                                      f"{MAX_HTML_DEPTH}: close them (</{name}>)")
    return None


def _open_brackets(body: str) -> Excess | None:
    """The cost model of Python-Markdown's links: each `[` and each `](` left open in a
    paragraph costs a read of the rest of that paragraph."""
    openers = body.count("[") + body.count("](")
    if openers * len(body) <= MAX_BRACKET_SCAN:  # even if none closed: most bodies
        return None
    scanned, brackets, parens = 0, [], []  # open '[' at; open '(' at, and whether it follows ']'
    for match in _BRACKET.finditer(body + "\n\n"):
        token = match.group()
        if token == "[":
            brackets.append(match.start())
        elif token == "]" and brackets:
            brackets.pop()
        elif token == "(":
            parens.append((match.start(), body[match.start() - 1: match.start()] == "]"))
        elif token == ")" and parens:
            parens.pop()
        elif token[0] == "\n":  # a paragraph ends: what is still open was read to here, in vain
            for start in sorted([*brackets, *(at for at, after_bracket in parens if after_bracket)]):
                scanned += match.start() - start
                if scanned > MAX_BRACKET_SCAN:
                    return Excess(_line(body, start), "too many '[' or '](' left open in this paragraph for "
                                                      "the Markdown parser: close them, or write \\[ and \\(")
            brackets, parens = [], []
    return None
