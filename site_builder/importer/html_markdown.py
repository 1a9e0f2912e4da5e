"""html_markdown: an imported article's HTML body -> clean Markdown (headings, lists, links, quotes, figures), no raw HTML.

Imported HTML is never trusted: script, style, forms and frames are dropped with their content,
every other tag becomes Markdown or plain text, text is escaped so that no `<` in it can open a
tag, and links and images keep only http(s) (and mailto) addresses, resolved against the page's
own address when they are relative."""

from __future__ import annotations

import re
from urllib.parse import quote, urljoin, urlsplit

from bs4 import BeautifulSoup, Tag
from markdownify import MarkdownConverter

from site_builder.importer.markdown_out import escape

# Elements dropped with everything inside them: code that runs, and page furniture around an article.
_DROPPED = ("script", "style", "noscript", "template", "iframe", "frame", "frameset", "object", "embed", "applet",
            "form", "input", "button", "select", "textarea", "svg", "math", "canvas", "audio", "video", "source",
            "track", "map", "head", "title", "meta", "link", "base", "nav", "aside", "footer", "header")


_INLINE_SYNTAX = re.compile(r"[\[\]`]")
# At a line's start: "# ", "- ", "+ " or a line of dashes (a rule, or a heading's underline); "1. ".
_BLOCK_START = re.compile(r"(^|\n)(#{1,6}(?=\s)|[-+](?=\s)|-+$)")
_NUMBERED = re.compile(r"(^|\n)(\d{1,9})([.)])(?=\s)")


class _SafeConverter(MarkdownConverter):
    """markdownify's converter, with text escaped for HTML and addresses limited to safe schemes."""

    def __init__(self, base_url: str | None) -> None:
        # wrap without a width: the source's line breaks are only whitespace, as in HTML.
        super().__init__(heading_style="ATX", bullets="-", autolinks=False, escape_misc=False, strong_em_symbol="*",
                         wrap=True, wrap_width=None)
        self.base_url = base_url

    def escape(self, text: str, parent_tags: set[str]) -> str:
        """Text stays text: HTML's characters become entities, and what Markdown would read as a link,
        code, strike-through, heading, quote or list is escaped (markdownify's own escape_misc escapes
        far more, and a reader of the Markdown file sees every backslash)."""
        text = escape(super().escape(text, parent_tags))
        text = _INLINE_SYNTAX.sub(r"\\\g<0>", text).replace("~", "&#126;")  # "~" is subscript, "~~" strike-through
        text = _NUMBERED.sub(r"\1\2\\\3", text)
        return _BLOCK_START.sub(lambda m: m.group(1) + "\\" + m.group(2), text)

    def convert_a(self, el: Tag, text: str, parent_tags: set[str]) -> str:
        href = safe_url(el.get("href"), self.base_url, allow_mailto=True)
        if not href or not text.strip() or "_noformat" in parent_tags:
            return text
        return f"[{text.strip()}]({href})"

    def convert_img(self, el: Tag, text: str, parent_tags: set[str]) -> str:
        src = safe_url(el.get("src"), self.base_url)
        alt = escape(re.sub(r"[\[\]]", "", el.get("alt") or "").strip())
        if not src:
            return alt
        return f"![{alt}]({src})" if "_inline" not in parent_tags else alt

    def convert_figure(self, el: Tag, text: str, parent_tags: set[str]) -> str:
        # A figure is its image, then its caption in italics, as one paragraph of its own.
        lines = [line.strip() for line in text.strip().split("\n") if line.strip()]
        if len(lines) > 1 and lines[0].startswith("!["):
            return "\n\n" + lines[0] + "\n\n*" + " ".join(lines[1:]).strip("*_ ") + "*\n\n"
        return "\n\n" + "\n\n".join(lines) + "\n\n"


def safe_url(value: object, base_url: str | None, allow_mailto: bool = False) -> str | None:
    """An absolute http(s) address (or mailto:), made from a relative one with the page's address; else None."""
    if not isinstance(value, str) or not value.strip():
        return None
    try:
        address = value.strip()
        if base_url and not urlsplit(address).scheme:
            address = urljoin(base_url, address)
        scheme = urlsplit(address).scheme.lower()
    except ValueError:  # "http://[broken" is no address
        return None
    if scheme in ("http", "https") or allow_mailto and scheme == "mailto":
        # Spaces and brackets would end a Markdown link early.
        return quote(address, safe=":/?#[]@!$&'*+,;=%~-._")
    return None


def html_to_markdown(html: str | None, base_url: str | None = None) -> str:
    """Markdown for an HTML fragment or page body; paragraphs separated by one blank line."""
    soup = BeautifulSoup(html or "", "html.parser")
    for element in soup.find_all(_DROPPED):
        element.decompose()
    for comment in soup.find_all(string=lambda node: type(node).__name__ in ("Comment", "CData", "ProcessingInstruction",
                                                                             "Declaration", "Doctype")):
        comment.extract()
    markdown = _SafeConverter(base_url).convert_soup(soup)
    markdown = re.sub(r"[ \t]+\n", "\n", markdown)
    return re.sub(r"\n{3,}", "\n\n", markdown).strip()


def html_to_text(html: str | None) -> str:
    """The plain text of some HTML (a caption, a summary), whitespace collapsed; nothing escaped."""
    soup = BeautifulSoup(html or "", "html.parser")
    for element in soup.find_all(_DROPPED):
        element.decompose()
    return " ".join(soup.get_text(" ").split())
