"""commonmark: Markdown -> HTML by markdown-it-py, the fast engine (`engine = "commonmark"`).

CommonMark (the dialect of GitHub, Hugo and Eleventy, parsed by the Python port of the parser
Eleventy uses) with GitHub's tables and strikethrough, footnotes and heading ids; about four
times faster than Python-Markdown, which matters on a first build of a large archive.
"""

from __future__ import annotations

import functools
from html import escape
from typing import TYPE_CHECKING

from markdown_it import MarkdownIt
from mdit_py_plugins.footnote import footnote_plugin

from site_builder.content.markup.headings import HeadingIds, heading_id

if TYPE_CHECKING:
    from site_builder.config.markdown import MarkdownSettings

def _headings_below_the_title(state) -> None:
    # The page's headline is its only h1, so a body's "# Heading" becomes an h2.
    for token in state.tokens:
        if token.tag == "h1" and token.type in ("heading_open", "heading_close"):
            token.tag = "h2"


def _heading_ids(state) -> None:
    """Each heading's id, as mdit_py_plugins' anchors plugin gives it (its text and code, ids
    given already kept), with the Python-Markdown engine's rules: unique by a count per base,
    in linear time, and never one of the theme's ids (headings.HeadingIds)."""
    headings = [(token, state.tokens[n + 1]) for n, token in enumerate(state.tokens) if token.type == "heading_open"]
    ids = HeadingIds(str(token.attrGet("id")) for token, _ in headings if token.attrGet("id"))
    for token, inline in headings:
        if not token.attrGet("id"):
            title = "".join(child.content for child in inline.children or () if child.type in ("text", "code_inline"))
            token.attrSet("id", ids.unique(heading_id(title)))


def _text(self, tokens, idx, options, env) -> str:
    # Quotes stay plain characters in text, so typography can curl them afterwards.
    return escape(tokens[idx].content, quote=False)


@functools.cache
def _parser() -> MarkdownIt:
    md = MarkdownIt("commonmark").enable(["table", "strikethrough"]).use(footnote_plugin)
    md.core.ruler.push("heading_ids", _heading_ids)
    md.core.ruler.push("headings_below_the_title", _headings_below_the_title)
    md.add_render_rule("text", _text)
    return md


def to_html(text: str, settings: MarkdownSettings) -> str:
    """The body as HTML, not yet sanitised nor typeset."""
    return _parser().render(text)
