"""HTML as the tests look at it: what in a page could run script, and HTML normalised to what a
reader's browser shows the same; the two Markdown engines by name."""

from __future__ import annotations

import re
from html.parser import HTMLParser


def _theme_scripts() -> frozenset[str]:
    """The inline scripts the bundled themes' templates write themselves, as they write them
    (the scheme toggle's, the 404 page's): not from the content."""
    from tests.support.sites import REPO

    found = set()
    for template in (REPO / "themes").glob("*/templates/**/*.html"):
        for body in re.findall(r"<script>(.*?)</script>", template.read_text(encoding="utf-8"), re.S):
            if "{{" not in body and "{%" not in body:
                found.add(body)
    return frozenset(found)


def dangerous(html: str) -> list[str]:
    """What in a page could run script: script elements (other than data: JSON-LD, JSON, and
    the theme's own), event handler attributes, javascript:/data: links, frames."""
    found: list[str] = []
    ours_inline = _theme_scripts()

    class Finder(HTMLParser):
        inline: str | None = None  # the text of an inline script being read

        def handle_starttag(self, tag, attrs):
            attrs = dict(attrs)
            # The theme's own fingerprinted scripts (search.js) are not from the content.
            ours = re.fullmatch(r"(\.\./)*static/[a-z]+\.[0-9a-f]{10}\.js", attrs.get("src") or "")
            if tag == "script" and attrs.get("type") not in ("application/ld+json", "application/json") and not ours:
                if attrs.get("src") is None and not attrs.get("type"):
                    self.inline = ""  # judged by its text, at its end
                else:
                    found.append("script")
            if tag in ("iframe", "object", "embed"):
                found.append(tag)
            for name, value in attrs.items():
                if name.startswith("on"):
                    found.append(name)
                if name in ("href", "src") and re.match(r"(?i)\s*(javascript|data):", value or ""):
                    found.append(value)

        def handle_data(self, data):
            if self.inline is not None:
                self.inline += data

        def handle_endtag(self, tag):
            if tag == "script" and self.inline is not None:
                if self.inline not in ours_inline:
                    found.append("script")
                self.inline = None

    Finder(convert_charrefs=False).feed(html)
    return found


ENGINES = ("python-markdown", "commonmark")


def normalised(html: str) -> str:
    """HTML with whitespace between tags dropped, runs of it collapsed and attributes sorted:
    what a reader's browser shows the same."""
    out: list[str] = []

    class Writer(HTMLParser):
        def handle_starttag(self, tag, attrs):
            out.append(f"<{tag}{''.join(f' {k}={v!r}' for k, v in sorted(attrs))}>")

        def handle_endtag(self, tag):
            out.append(f"</{tag}>")

        def handle_data(self, data):
            out.append(data)

    Writer(convert_charrefs=True).feed(html)
    return re.sub(r"\s+", " ", re.sub(r">\s+<", "><", "".join(out))).strip()
