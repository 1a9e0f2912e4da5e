"""markup: an article's Markdown body -> sanitised HTML fragment.

CommonMark (markdown-it-py, the Python port of the parser Eleventy uses, and the dialect of
GitHub and Hugo) with GitHub's tables and strikethrough, footnotes and heading ids; several
times faster than Python-Markdown, which matters on a first build of a large archive.
"""

from __future__ import annotations

import functools
from html import escape

import nh3
from markdown_it import MarkdownIt
from mdit_py_plugins.anchors import anchors_plugin
from mdit_py_plugins.footnote import footnote_plugin

from site_builder.typography import smarten

ALLOWED_TAGS = {
    "a", "abbr", "b", "blockquote", "br", "caption", "cite", "code", "dd", "del", "div", "dl",
    "dt", "em", "figcaption", "figure", "h2", "h3", "h4", "h5", "h6", "hr", "i", "img", "ins",
    "kbd", "li", "mark", "ol", "p", "pre", "q", "s", "section", "small", "span", "strong", "sub",
    "sup", "table", "tbody", "td", "tfoot", "th", "thead", "time", "tr", "u", "ul",
}
ALLOWED_ATTRIBUTES = {
    "*": {"id", "class", "title", "lang"},
    "a": {"href"},
    "img": {"src", "alt", "width", "height"},
    "td": {"colspan", "rowspan", "style"},
    "th": {"colspan", "rowspan", "scope", "style"},
    "time": {"datetime"},
    "ol": {"start"},
}
ALLOWED_SCHEMES = {"http", "https", "mailto"}
# Tables align their columns with `style="text-align:..."`; nothing else may be styled.
_ALLOWED_STYLES = {"text-align"}


def _headings_below_the_title(state) -> None:
    # The page's headline is its only h1, so a body's "# Heading" becomes an h2.
    for token in state.tokens:
        if token.tag == "h1" and token.type in ("heading_open", "heading_close"):
            token.tag = "h2"


def _text(self, tokens, idx, options, env) -> str:
    # Quotes stay plain characters in text, so typography can curl them afterwards.
    return escape(tokens[idx].content, quote=False)


@functools.cache
def _parser() -> MarkdownIt:
    md = (MarkdownIt("commonmark").enable(["table", "strikethrough"])
          .use(footnote_plugin)
          .use(anchors_plugin, min_level=1, max_level=6))
    md.core.ruler.push("headings_below_the_title", _headings_below_the_title)
    md.add_render_rule("text", _text)
    return md


def render_markdown(text: str, trusted: bool = False) -> str:
    """Markdown to HTML. Unless `trusted`, raw HTML and unsafe links are cleaned by an
    allowlist sanitiser."""
    html = smarten(_parser().render(text))
    if trusted:
        return html
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=ALLOWED_SCHEMES,
        link_rel=None,
        filter_style_properties=_ALLOWED_STYLES,
    )


def is_safe_url(url: str) -> bool:
    """A link or image address that cannot run script: relative, or an allowed scheme."""
    scheme, colon, _ = url.strip().partition(":")
    return not colon or "/" in scheme or scheme.lower() in ALLOWED_SCHEMES
