"""HTML as the tests look at it: what in a page could run script, and HTML normalised to what a
reader's browser shows the same; the two Markdown engines by name."""

from __future__ import annotations

import re
from html.parser import HTMLParser


def dangerous(html: str) -> list[str]:
    """What in a page could run script: script elements (other than JSON-LD), event handler
    attributes, javascript:/data: links, frames."""
    found: list[str] = []

    class Finder(HTMLParser):
        def handle_starttag(self, tag, attrs):
            attrs = dict(attrs)
            # The theme's own fingerprinted scripts (search.js) are not from the content.
            ours = re.fullmatch(r"(\.\./)*static/[a-z]+\.[0-9a-f]{10}\.js", attrs.get("src") or "")
            if tag == "script" and attrs.get("type") != "application/ld+json" and not ours:
                found.append("script")
            if tag in ("iframe", "object", "embed"):
                found.append(tag)
            for name, value in attrs.items():
                if name.startswith("on"):
                    found.append(name)
                if name in ("href", "src") and re.match(r"(?i)\s*(javascript|data):", value or ""):
                    found.append(value)

    Finder().feed(html)
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
