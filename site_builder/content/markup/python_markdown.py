"""python_markdown: Markdown -> HTML by Python-Markdown, the default engine, with the site's extensions.

Python-Markdown is the Markdown of Pelican and MkDocs, and what their users' extensions
(`admonition`, `attr_list`, pymdown-extensions, ...) are written for. The defaults give what
the commonmark engine gives: tables, footnotes, fenced code, heading ids,
strikethrough (`~~text~~`) and lists that do not mix their markers (`sane_lists`).
A heading's id is made here, as the commonmark engine makes it, so links to subheadings
survive a change of engine.
Typography is not an extension's job here: the same pass as for the other engine follows.
"""

from __future__ import annotations

import functools
import re
import xml.etree.ElementTree as etree
from typing import TYPE_CHECKING, Any

import markdown
from markdown.extensions import Extension
from markdown.extensions.fenced_code import FencedCodeExtension
from markdown.extensions.footnotes import FootnoteExtension
from markdown.extensions.sane_lists import SaneListExtension
from markdown.extensions.tables import TableExtension
from markdown.treeprocessors import Treeprocessor
from markdown.util import ETX, STX
from pymdownx.tilde import DeleteSubExtension

from site_builder.content.markup.headings import HeadingIds, heading_id

if TYPE_CHECKING:
    from site_builder.config.markdown import MarkdownSettings

# Heading ids come from `_Headings` below rather than `toc`, which also draws a table of
# contents for every article, time no site that skips it should pay; a site that wants `toc`'s
# marker or permalinks names it, and it keeps these ids.
DEFAULTS: dict[str, type[Extension]] = {
    "tables": TableExtension, "footnotes": FootnoteExtension, "fenced_code": FencedCodeExtension,
    "sane_lists": SaneListExtension, "pymdownx.tilde": DeleteSubExtension}
DEFAULT_EXTENSIONS = tuple(DEFAULTS)
DEFAULT_CONFIGS: dict[str, dict[str, Any]] = {
    "toc": {"slugify": lambda title, separator: heading_id(title)},
    # A lone "~5~" stays text, as in CommonMark, instead of becoming a subscript.
    "pymdownx.tilde": {"subscript": False},
}
_HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
_PLACEHOLDER = re.compile(f"{STX}[^{ETX}]*{ETX}")  # raw HTML and entities set aside inline


class _Headings(Treeprocessor):
    """A body's "# Heading" becomes an h2, the page's headline being its only h1; each heading
    gets the id the commonmark engine would give it ("Who voted?" -> "who-voted", then
    "who-voted-1"), ids already given (`{#id}` of attr_list) kept and never reused, nor the
    theme's (headings.HeadingIds)."""

    def run(self, root: etree.Element) -> None:
        ids = HeadingIds(element.get("id") for element in root.iter() if element.get("id"))
        for element in root.iter():
            if element.tag not in _HEADINGS:
                continue
            if element.tag == "h1":
                element.tag = "h2"
            if not element.get("id"):
                element.set("id", ids.unique(heading_id(_PLACEHOLDER.sub("", "".join(element.itertext())))))


class _HeadingsExtension(Extension):
    def extendMarkdown(self, md: markdown.Markdown) -> None:
        # After the inline patterns (20), so a heading's text is whole; before `toc` (5), so
        # its table of contents and permalinks use these levels and ids.
        md.treeprocessors.register(_Headings(md), "headings", 6)


def extension_names(settings: MarkdownSettings) -> tuple[str, ...]:
    """The defaults, then the site's own, and those it gives settings for, each once."""
    return tuple(dict.fromkeys((*DEFAULT_EXTENSIONS, *settings.extensions, *settings.extension_configs)))


def _configs(settings: MarkdownSettings) -> dict[str, dict[str, Any]]:
    return {name: {**DEFAULT_CONFIGS.get(name, {}), **settings.extension_configs.get(name, {})}
            for name in extension_names(settings)}


@functools.cache
def _instance(settings: MarkdownSettings) -> markdown.Markdown:
    # One per process (each worker makes its own on first use), reset between documents:
    # loading the extensions costs more than converting an article. The defaults are made
    # here, not named, as naming any extension has Python-Markdown list every installed
    # package's entry points first, in each worker.
    configs = _configs(settings)
    extensions = [DEFAULTS[name](**configs[name]) if name in DEFAULTS else name
                  for name in extension_names(settings)]
    return markdown.Markdown(extensions=[*extensions, _HeadingsExtension()],
                             extension_configs={n: c for n, c in configs.items() if n not in DEFAULTS},
                             output_format="html")


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
