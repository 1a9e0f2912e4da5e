"""markup: an article's Markdown body -> sanitised HTML fragment."""

from __future__ import annotations

import threading

import markdown
import nh3

from site_builder.typography import smarten

# Python-Markdown instances are reusable but not thread-safe: one per thread.
_local = threading.local()

# Curly quotes and dashes come from typography.smarten, not the slower smarty extension.
EXTENSIONS = ["tables", "sane_lists", "toc", "footnotes", "attr_list"]
EXTENSION_CONFIGS = {"toc": {"permalink": False}}

ALLOWED_TAGS = {
    "a", "abbr", "b", "blockquote", "br", "caption", "cite", "code", "dd", "del", "div", "dl",
    "dt", "em", "figcaption", "figure", "h2", "h3", "h4", "h5", "h6", "hr", "i", "img", "ins",
    "kbd", "li", "mark", "ol", "p", "pre", "q", "s", "small", "span", "strong", "sub", "sup",
    "table", "tbody", "td", "tfoot", "th", "thead", "time", "tr", "u", "ul",
}
ALLOWED_ATTRIBUTES = {
    "*": {"id", "class", "title", "lang"},
    "a": {"href"},
    "img": {"src", "alt", "width", "height"},
    "td": {"colspan", "rowspan", "align"},
    "th": {"colspan", "rowspan", "align", "scope"},
    "time": {"datetime"},
    "ol": {"start"},
}
ALLOWED_SCHEMES = {"http", "https", "mailto"}


def _converter() -> markdown.Markdown:
    if not hasattr(_local, "md"):
        _local.md = markdown.Markdown(
            extensions=EXTENSIONS, extension_configs=EXTENSION_CONFIGS, output_format="html"
        )
    return _local.md


def render_markdown(text: str, trusted: bool = False) -> str:
    """Markdown to HTML. Unless `trusted`, raw HTML and unsafe links are cleaned by an
    allowlist sanitiser."""
    md = _converter()
    # The page's headline is its only h1, so a body's "# Heading" becomes an h2.
    html = smarten(md.reset().convert(text).replace("<h1", "<h2").replace("</h1>", "</h2>"))
    if trusted:
        return html
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=ALLOWED_SCHEMES,
        link_rel=None,
    )


def is_safe_url(url: str) -> bool:
    """A link or image address that cannot run script: relative, or an allowed scheme."""
    scheme, colon, _ = url.strip().partition(":")
    return not colon or "/" in scheme or scheme.lower() in ALLOWED_SCHEMES
