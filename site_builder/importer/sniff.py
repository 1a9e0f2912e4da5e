"""sniff: a dump's text (and name) -> which reader it needs: "feed", "ninjs", "newsml", "wxr", "webpage" or "text"."""

from __future__ import annotations

import json
import re
from pathlib import Path

_XML_ROOT = re.compile(r"<(?![?!])([\w.-]+:)?([\w.-]+)[\s>/]")
_WORDPRESS = re.compile(r"xmlns:wp=\"http://wordpress\.org/export/")
_NEWSML = "http://iptc.org/std/nar/2006-10-01/"


def sniff(text: str, path: Path | None = None) -> str:
    """The reader a dump needs, by its content: JSON with ninjs keys is ninjs; XML by its root element
    (rss or feed, a WordPress export, a NewsML-G2 item or message); HTML is a saved web page; the rest,
    and anything unsure, is a text dump (wire page or briefing). The name only breaks a tie."""
    head = text.lstrip("\ufeff \t\r\n")[:4096]
    if head[:1] in "{[":
        return "ninjs" if _is_ninjs(text) else "text"
    if head.startswith("<"):
        return _markup_kind(head, path)
    return "text"


def _is_ninjs(text: str) -> bool:
    try:
        data = json.loads(text)
    except ValueError:
        return False
    items = data if isinstance(data, list) else [data]
    keys = {"headline", "headlines", "body_html", "bodies", "versioncreated", "firstcreated", "uri", "type"}
    return bool(items) and all(isinstance(item, dict) and len(keys & set(item)) >= 2 for item in items)


def _markup_kind(head: str, path: Path | None) -> str:
    # The root element decides: a NewsML-G2 item may carry XHTML inside it.
    root = next((m for m in _XML_ROOT.finditer(head)), None)
    name = root.group(2) if root else ""
    if "<!doctype html" in head[:200].lower() or name.lower() == "html":
        return "webpage"
    if name == "rss" and _WORDPRESS.search(head):
        return "wxr"
    if name in ("rss", "feed", "RDF"):
        return "feed"
    if name in ("newsItem", "newsMessage", "packageItem") or _NEWSML in head:
        return "newsml"
    if path is not None and path.suffix.lower() in (".html", ".htm"):
        return "webpage"
    return "text"
