"""markup: an article's Markdown body -> sanitised HTML fragment, by the engine site.toml names.

Whatever the engine (python_markdown, the default, or commonmark), its HTML then goes through
the same typography and the same allowlist sanitiser, so the engine decides the dialect and
never what a page may carry.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

import nh3

from site_builder.content.markup.headings import without_theme_ids
from site_builder.content.markup.limits import TooComplex, first_excess
from site_builder.content.markup.typography import smarten

if TYPE_CHECKING:
    from site_builder.config.markdown import MarkdownSettings

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


def render_markdown(text: str, settings: MarkdownSettings, trusted: bool = False) -> str:
    """Markdown to HTML by the engine of `settings`. Unless `trusted`, raw HTML and unsafe
    links are cleaned by an allowlist sanitiser. A body past the limits of limits.py raises
    TooComplex before any parser sees it."""
    excess = first_excess(text)
    if excess is not None:
        raise TooComplex(excess)
    # Imported on first use: a build with nothing to parse starts without either library.
    engine = importlib.import_module(f"site_builder.content.markup.{settings.engine.replace('-', '_')}")
    html = smarten(engine.to_html(text, settings))
    if not trusted:
        html = nh3.clean(
            html,
            tags=ALLOWED_TAGS,
            attributes=ALLOWED_ATTRIBUTES,
            url_schemes=ALLOWED_SCHEMES,
            link_rel=None,
            filter_style_properties=_ALLOWED_STYLES,
        )
    return without_theme_ids(html)


def extension_problems(settings: MarkdownSettings) -> list[tuple[str, bool, str]]:
    """(extension, whether its settings are to blame, what is wrong) for each of the site's
    Python-Markdown extensions that does not load: config.load_config's check."""
    # Imported here: a site without extensions never loads Python-Markdown to check them.
    from site_builder.content.markup.python_markdown import (
        extension_problems as problems_of,
    )

    return problems_of(settings)


def is_safe_url(url: str) -> bool:
    """A link or image address that cannot run script: relative, or an allowed scheme."""
    scheme, colon, _ = url.strip().partition(":")
    return not colon or "/" in scheme or scheme.lower() in ALLOWED_SCHEMES
