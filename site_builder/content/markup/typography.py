"""typography: HTML -> the same HTML with curly quotes, dashes and ellipses in its text.

A single pass over text between tags (code and pre left alone), several times faster than
Python-Markdown's smarty extension, with the same rules for news copy.
"""

from __future__ import annotations

import re

_PARTS = re.compile(r"(<[^>]*>)")
_VERBATIM = re.compile(r"<(/?)(code|pre|kbd|script|style|samp)\b", re.IGNORECASE)
# Text on either side of these stays one run of prose ("<em>word</em>'s"); other tags
# (paragraphs, list items, cells) start afresh.
_INLINE = re.compile(r"</?(a|abbr|b|cite|code|del|em|i|ins|kbd|mark|q|s|small|span|strong|sub|sup|u)\b",
                     re.IGNORECASE)
_OPENS_AFTER = r"(?:^|(?<=[\s(\[{\u2014\u2013/-]))"
# (what must be in the text for the rule to apply, the rule): most prose has no quote or
# dash, and skipping its rules is most of this module's speed.
_RULES = [
    ("---", re.compile(r"---"), "\u2014"),
    ("--", re.compile(r"--"), "\u2013"),
    ("...", re.compile(r"\.\.\."), "\u2026"),
    # '90s: an apostrophe before two digits stands for the century.
    ("'", re.compile(r"'(?=\d\ds\b)"), "\u2019"),
    ('"', re.compile(_OPENS_AFTER + r'"(?=\S|$)'), "\u201c"),
    ('"', re.compile(r'"'), "\u201d"),
    ("'", re.compile(_OPENS_AFTER + r"'(?=\w|$)"), "\u2018"),
    ("'", re.compile(r"'"), "\u2019"),
]
_ANY_RULE = re.compile(r"--|\.\.\.|['\"]")


def smarten(html: str) -> str:
    parts = _PARTS.split(html)
    depth = 0  # inside how many code/pre elements
    previous = ""  # the last character of text, so a quote after a tag is judged right
    for i, part in enumerate(parts):
        if i % 2:  # a tag
            match = _VERBATIM.match(part)
            if match:
                depth = max(0, depth + (-1 if match.group(1) else 1))
            if not _INLINE.match(part):
                previous = ""
            continue
        if depth == 0 and _ANY_RULE.search(part):
            parts[i] = _smarten_text(previous, part)
        previous = parts[i][-1:] or previous
    return "".join(parts)


def _smarten_text(previous: str, text: str) -> str:
    # A quote right after an inline tag ("<em>word</em>'s") is judged by the text before it.
    prefix = previous if previous and not previous.isspace() else ""
    text = prefix + text
    for trigger, pattern, replacement in _RULES:
        if trigger in text:
            text = pattern.sub(replacement, text)
    return text[len(prefix):]
