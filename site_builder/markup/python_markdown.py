"""python_markdown: Markdown -> HTML by Python-Markdown, the default engine, with the site's extensions.

Python-Markdown is the Markdown of Pelican and MkDocs, and what their users' extensions
(`admonition`, `attr_list`, pymdown-extensions, ...) are written for. The defaults give what
the commonmark engine gives: tables, footnotes, fenced code, heading ids (the same ids),
strikethrough (`~~text~~`) and lists that do not mix their markers (`sane_lists`).
Typography is not an extension's job here: the same pass as for the other engine follows.
"""

from __future__ import annotations

import functools
import xml.etree.ElementTree as etree
from typing import TYPE_CHECKING, Any

import markdown
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor

from site_builder.markup.commonmark import heading_id

if TYPE_CHECKING:
    from site_builder.config import MarkdownSettings

DEFAULT_EXTENSIONS = ("tables", "footnotes", "fenced_code", "toc", "sane_lists", "pymdownx.tilde")
DEFAULT_CONFIGS: dict[str, dict[str, Any]] = {
    "toc": {"slugify": lambda title, separator: heading_id(title)},
    # A lone "~5~" stays text, as in CommonMark, instead of becoming a subscript.
    "pymdownx.tilde": {"subscript": False},
}


class _HeadingsBelowTheTitle(Treeprocessor):
    """The page's headline is its only h1, so a body's "# Heading" becomes an h2."""

    def run(self, root: etree.Element) -> None:
        for element in root.iter("h1"):
            element.tag = "h2"


class _HeadingsExtension(Extension):
    def extendMarkdown(self, md: markdown.Markdown) -> None:
        # Before `toc` (priority 5), so its table of contents sees the levels the page has.
        md.treeprocessors.register(_HeadingsBelowTheTitle(md), "headings_below_the_title", 6)


def extension_names(settings: MarkdownSettings) -> tuple[str, ...]:
    """The defaults, then the site's own, each once."""
    return tuple(dict.fromkeys((*DEFAULT_EXTENSIONS, *settings.extensions)))


def _configs(settings: MarkdownSettings) -> dict[str, dict[str, Any]]:
    return {name: {**DEFAULT_CONFIGS.get(name, {}), **settings.extension_configs.get(name, {})}
            for name in extension_names(settings)}


@functools.cache
def _instance(settings: MarkdownSettings) -> markdown.Markdown:
    # One per process (each worker makes its own on first use), reset between documents:
    # loading the extensions costs more than converting an article.
    return markdown.Markdown(extensions=[*extension_names(settings), _HeadingsExtension()],
                             extension_configs=_configs(settings), output_format="html")


def to_html(text: str, settings: MarkdownSettings) -> str:
    """The body as HTML, not yet sanitised nor typeset."""
    md = _instance(settings)
    md.reset()
    html = md.convert(text)
    # Ends as the commonmark engine's does, so a change of engine alone rewrites no page.
    return html + "\n" if html else html


def extension_problems(settings: MarkdownSettings) -> list[tuple[str, bool, str]]:
    """(extension, whether its settings are to blame, what is wrong) for each of the site's
    extensions that is not installed or does not load with its settings; each is tried
    alone, so one run names every broken one."""
    problems = []
    for name in dict.fromkeys((*settings.extensions, *settings.extension_configs)):
        own = settings.extension_configs.get(name, {})
        for blame_settings, config in ((False, DEFAULT_CONFIGS.get(name, {})),
                                       (True, {**DEFAULT_CONFIGS.get(name, {}), **own})):
            if blame_settings and not own:
                break
            message = _load_problem(name, config)
            if message:
                problems.append((name, blame_settings, message))
                break
    return problems


def _load_problem(name: str, config: dict[str, Any]) -> str | None:
    try:
        markdown.Markdown(extensions=[name], extension_configs={name: config})
    # Third-party code: an extension may fail to load in any way it likes.
    except ModuleNotFoundError as err:
        return f"no module named {err.name!r} (is it installed?)"
    except KeyError as err:  # how Python-Markdown refuses a setting the extension lacks
        return f"unknown setting {err}"
    except Exception as err:  # noqa: BLE001
        return f"{type(err).__name__}: {err}" if str(err) else type(err).__name__
    return None
