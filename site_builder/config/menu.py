"""menu: the `[[menu]]` entries of site.toml -> the navigation's links, in order of weight: each
a name, a url (a path in the site, such as "about/", or an http(s) address) and a weight."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from site_builder.config.source import line_matching

_KEYS = ("name", "url", "weight")


@dataclass(frozen=True)
class MenuItem:
    name: str
    url: str  # site-relative ('' for the home page, 'about/'), or absolute (http, https, mailto)
    weight: int = 0

    @property
    def external(self) -> bool:
        return self.url.startswith(("http://", "https://", "mailto:"))


def menu_table(raw: Any, text: str) -> tuple[tuple[MenuItem, ...], list[tuple[int | None, str]]]:
    """The entries, lightest first (ties in the order written), and what is wrong with them,
    each at the line of its `[[menu]]`."""
    starts = [m.start() for m in re.finditer(r"^[ \t]*\[\[\s*menu\s*\]\]", text, re.MULTILINE)]
    if not isinstance(raw, list) or not all(isinstance(entry, dict) for entry in raw):
        return (), [(line_matching(r"^[ \t]*(\[\[\s*)?menu\b", text), "'menu' must be [[menu]] tables, "
                     'each with name = "About" and url = "about/" (and a weight)')]
    items, found = [], []
    for number, entry in enumerate(raw):
        line = text.count("\n", 0, starts[number]) + 1 if number < len(starts) else None
        item = _item(entry, number + 1)
        if isinstance(item, str):
            found.append((line, item))
        else:
            items.append(item)
    return tuple(sorted(items, key=lambda item: item.weight)), found


def _item(entry: dict[str, Any], number: int) -> MenuItem | str:
    unknown = sorted(set(entry) - set(_KEYS))
    if unknown:
        return f"unknown key 'menu.{unknown[0]}' in menu entry {number} (known: {', '.join(_KEYS)})"
    name, url, weight = entry.get("name"), entry.get("url"), entry.get("weight", 0)
    if not isinstance(name, str) or not name.strip():
        return f"menu entry {number} needs a name, such as name = \"About\""
    if not isinstance(url, str) or not url.strip():
        return f"menu entry {number} ({name}) needs a url: a path in the site such as \"about/\", or an https address"
    if type(weight) is not int:
        return f"menu entry {number} ({name}): 'weight' must be a whole number"
    url = url.strip()
    if not url.startswith(("http://", "https://", "mailto:")):
        if "://" in url or url.startswith("//") or ".." in url.split("/") or re.search(r"[\s?#]", url):
            return (f"menu entry {number} ({name}): url {url!r} must be a path in the site (\"about/\") "
                    "or an http(s) address")
        url = url.lstrip("/")
    return MenuItem(" ".join(name.split()), url, weight)
