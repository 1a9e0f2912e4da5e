"""ninjs: IPTC ninjs JSON (1.x or 2.0; one item or a list) -> NewsItems, with the associated picture."""

from __future__ import annotations

import html
import json
import re
from typing import Any

from site_builder.importer.bylines import names
from site_builder.importer.captions import clean_credit
from site_builder.importer.html_markdown import html_to_text, safe_url
from site_builder.importer.model import Image, NewsItem, Provenance
from site_builder.importer.renditions import largest
from site_builder.importer.report import ImportProblem
from site_builder.importer.stamps import parse_stamp


def read_ninjs(text: str) -> list[NewsItem]:
    """The text items of a ninjs document; pictures are kept only as their text item's image."""
    try:
        data = json.loads(text)
    except ValueError as error:
        raise ImportProblem(f"cannot be read: not valid JSON ({error})") from error
    items = data if isinstance(data, list) else [data]
    found = [_item(item, text if len(items) == 1 else None) for item in items
             if isinstance(item, dict) and item.get("type", "text") in ("text", "composite")]
    if not found:
        raise ImportProblem("cannot be read: no ninjs text item in it")
    return found


def _item(item: dict[str, Any], text: str | None) -> NewsItem:
    records: list[Provenance] = []

    def record(field: str, value: str, key: str) -> None:
        records.append(Provenance(field, value, _line_of(text, key), f"ninjs '{key}'"))

    title_key = "headline" if item.get("headline") else "headlines"
    title = _text(item.get("headline")) or _role_value(item.get("headlines"), "main")
    if title:
        record("title", title, title_key)
    date_key = next((k for k in ("firstcreated", "contentcreated", "versioncreated") if parse_stamp(item.get(k))), None)
    date = parse_stamp(item.get(date_key)) if date_key else None
    record("date", date.isoformat() if date else "(none)", date_key or "firstcreated")
    updated = parse_stamp(item.get("versioncreated"))
    byline_key = "byline" if item.get("byline") else "by"
    authors = names(_text(item.get(byline_key)).removeprefix("By ").removeprefix("by "))
    if authors:
        record("authors", ", ".join(authors), byline_key)
    body, body_key = _body(item)
    record("body", "(HTML made Markdown)", body_key)
    topics = _names(item.get("subject") or item.get("subjects"))
    if topics:
        record("topics", ", ".join(topics), "subject" if item.get("subject") else "subjects")
    places = _names(item.get("place") or item.get("places")) + ((_text(item.get("located")),) if item.get("located") else ())
    source = _source(item)
    if source:
        record("source", source[0], source[1])
    summary = html_to_text(_text(item.get("description_text")) or _text(item.get("description_html"))
                           or _role_value(item.get("descriptions"), "summary")) or None
    return NewsItem(title=title or None, date=date, body_html=body, updated=updated if updated != date else None,
                    authors=authors, source=source[0] if source else None, summary=summary, topics=topics,
                    tags=tuple(k for k in item.get("keywords", []) if isinstance(k, str)), places=places,
                    image=_picture(item.get("associations"), records, text), url=_text(item.get("uri")) or None,
                    provenance=tuple(records))


def _body(item: dict[str, Any]) -> tuple[str, str]:
    if _text(item.get("body_html")):
        return item["body_html"], "body_html"
    bodies = item.get("bodies")
    if isinstance(bodies, list):
        marked = [b for b in bodies if isinstance(b, dict) and "html" in str(b.get("contenttype", "")) and b.get("value")]
        plain = [b for b in bodies if isinstance(b, dict) and isinstance(b.get("value"), str)]
        if marked:
            return marked[0]["value"], "bodies"
        if plain:
            return _paragraphs(plain[0]["value"]), "bodies"
    body_text = item.get("body_text")
    return _paragraphs(body_text if isinstance(body_text, str) else ""), "body_text"


def _picture(associations: Any, records: list[Provenance], text: str | None) -> Image | None:
    """The first associated picture: its largest rendition's address, its description as caption, its credit."""
    pictures = associations.values() if isinstance(associations, dict) else associations or []
    picture = next((p for p in pictures if isinstance(p, dict) and p.get("type") in ("picture", "image")), None)
    if picture is None:
        return None
    caption = html_to_text(_text(picture.get("description_text")) or _text(picture.get("body_text"))
                           or _role_value(picture.get("descriptions"), "caption") or _text(picture.get("headline"))) or None
    credit = clean_credit(_text(picture.get("creditline")) or _text(picture.get("byline")) or _text(picture.get("by"))
                          or _text(picture.get("copyrightnotice"))) or None
    src = safe_url(_rendition(picture.get("renditions")) or picture.get("uri"), None)
    records += [Provenance(f, v, _line_of(text, "associations"), f"ninjs 'associations': the picture's {how}")
                for f, v, how in (("image", src, "largest rendition"), ("caption", caption, "description"),
                                  ("credit", credit, "credit or byline")) if v]
    return Image(caption=caption, credit=credit, date=None, is_file_photo=False, src=src)


def _rendition(renditions: Any) -> str | None:
    values = renditions.values() if isinstance(renditions, dict) else renditions or []
    sized = [r for r in values if isinstance(r, dict) and r.get("href")]
    return (largest(sized) or {}).get("href")


def _source(item: dict[str, Any]) -> tuple[str, str] | None:
    for key in ("infosources", "provider", "copyrightholder"):
        value = item.get(key)
        name = _names(value)[0] if isinstance(value, list) and _names(value) else _text(value)
        if name:
            return name, key
    return None


def _names(values: Any) -> tuple[str, ...]:
    if not isinstance(values, list):
        return ()
    found = [_text(v.get("name")) if isinstance(v, dict) else _text(v) for v in values]
    return tuple(dict.fromkeys(name for name in found if name))


def _role_value(values: Any, role: str) -> str:
    if not isinstance(values, list):
        return ""
    chosen = [v for v in values if isinstance(v, dict) and v.get("role") == role] or values
    return _text(chosen[0].get("value")) if chosen and isinstance(chosen[0], dict) else ""


def _text(value: Any) -> str:
    if isinstance(value, dict):  # ninjs 2.0 allows {"name": ...} or language maps
        value = value.get("name") or next((v for v in value.values() if isinstance(v, str)), "")
    return " ".join(value.split()) if isinstance(value, str) else ""


def _paragraphs(text: str) -> str:
    """Plain text as HTML paragraphs, its own `<` escaped: text it is, and text it stays."""
    return "".join(f"<p>{html.escape(part.strip())}</p>" for part in re.split(r"\n\s*\n", text) if part.strip())


def _line_of(text: str | None, key: str) -> int | None:
    """The line of a key in a one-item document, for --explain."""
    if text is None:
        return None
    at = text.find(f'"{key}"')
    return text.count("\n", 0, at) + 1 if at >= 0 else None

