"""newsml: IPTC NewsML-G2 (a newsItem, or a newsMessage of items) -> NewsItems, a picture item becoming their image."""

from __future__ import annotations

import html
import re
from collections.abc import Callable

from lxml import etree

from site_builder.importer.bylines import names
from site_builder.importer.captions import clean_credit
from site_builder.importer.html_markdown import html_to_text, safe_url
from site_builder.importer.model import Image, NewsItem, Provenance
from site_builder.importer.renditions import largest
from site_builder.importer.report import ImportProblem
from site_builder.importer.stamps import parse_stamp
from site_builder.importer.xmlparse import local_name, parse_xml, text_of

# NITF and XHTML elements that HTML knows under another name.
_NITF_TO_HTML = {"hl1": "h2", "hl2": "h2", "bq": "blockquote", "block": "div", "credit": "p", "body.content": "div"}


def read_newsml(data: bytes) -> list[NewsItem]:
    """The text items of the document; a picture item is the image of the text items beside it."""
    root = parse_xml(data)
    items = [e for e in root.iter() if local_name(e) == "newsItem"]
    texts = [e for e in items if _item_class(e) in ("text", "composite", "")]
    pictures = [e for e in items if _item_class(e) in ("picture", "graphic")]
    if not texts:
        raise ImportProblem("cannot be read: no NewsML-G2 text item in it")
    return [_item(element, pictures[0] if pictures else None) for element in texts
            if _first(element, "pubStatus") is None or "canceled" not in _first(element, "pubStatus").get("qcode", "")]


def _item(element: etree._Element, picture: etree._Element | None) -> NewsItem:
    records: list[Provenance] = []

    def record(field: str, value: str, found: etree._Element | None, rule: str) -> None:
        records.append(Provenance(field, value, found.sourceline if found is not None else None, rule))

    headline = _first(element, "headline")
    title = text_of(headline) or text_of(_first(element, "hl1")) or None
    if title:
        record("title", title, headline if headline is not None else _first(element, "hl1"), "the item's <headline>")
    stamp = next((e for e in (_first(element, n) for n in ("firstCreated", "contentCreated", "versionCreated"))
                  if e is not None and parse_stamp(text_of(e))), None)
    date = parse_stamp(text_of(stamp)) if stamp is not None else None
    record("date", date.isoformat() if date else "(none)", stamp, f"the item's <{local_name(stamp)}>" if stamp is not None
           else "no <firstCreated>, <contentCreated> or <versionCreated>")
    modified = _either(_first(element, "contentModified"), _first(element, "versionCreated"))
    updated = parse_stamp(text_of(modified)) if modified is not None else None
    creators = [text_of(_first(c, "name")) for c in _all(element, "creator")]
    byline = _first(element, "byline")
    authors = tuple(n for n in creators if n) or names(re.sub(r"^[Bb]y\s+", "", _own_text(byline)).rstrip(", "))
    if authors:
        record("authors", ", ".join(authors), _either(_first(element, "creator"), byline), "the item's <creator> or NITF <byline>")
    source, source_element = _source(element)
    if source:
        record("source", source, source_element, f"the item's <{local_name(source_element)}>")
    topics, places = _subjects(element, record)
    body = _body(element)
    record("body", "(HTML made Markdown)", _first(element, "contentSet"), "the item's <inlineXML> (NITF or XHTML) or <inlineData>")
    keywords = tuple(text_of(k) for k in _all(element, "keyword") if text_of(k))
    described = next((d for d in _all(element, "description") if "summary" in d.get("role", "")), None)
    summary = text_of(_first(element, "abstract")) or text_of(described) or None
    return NewsItem(title=title, date=date, body_html=body, updated=updated if updated != date else None,
                    authors=authors, source=source, summary=summary, topics=topics, tags=keywords, places=places,
                    image=_picture(picture, records), provenance=tuple(records))


def _source(element: etree._Element) -> tuple[str | None, etree._Element | None]:
    """The infoSource's name, or the provider's (nprov:REUTERS -> Reuters), or the copyright holder's."""
    for tag in ("infoSource", "provider", "copyrightHolder"):
        found = _first(element, tag)
        if found is None:
            continue
        name = text_of(_first(found, "name")) or found.get("qcode", "").partition(":")[2]
        if name:
            return (name.title() if name.isupper() and len(name) > 4 else name), found
    return None, None


def _subjects(element: etree._Element, record: Callable[..., None]) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Subjects' names are topics; geographic subjects and the <located> place (its country if given) are places."""
    topics, places = [], []
    for subject in _all(element, "subject"):
        name = _english_name(subject)
        geographic = "geo" in subject.get("type", "") or subject.get("qcode", "").startswith(("iso3166", "geo"))
        (places if geographic else topics).append(name)
    located = _first(element, "located")
    if located is not None:
        country = next((b for b in _all(located, "broader") if "country" in b.get("type", "")), None)
        places.insert(0, _english_name(country if country is not None else located))
    topics, places = [t for t in topics if t], [p for p in places if p]
    if topics:
        record("topics", ", ".join(topics), _first(element, "subject"), "the item's <subject> names")
    return tuple(dict.fromkeys(topics)), tuple(dict.fromkeys(places))


def _body(element: etree._Element) -> str:
    """The body as HTML: NITF's <body.content> or XHTML's <body> from inlineXML, or inlineData as paragraphs."""
    content = _either(_first(element, "body.content"), _first(_first(element, "inlineXML"), "body"))
    if content is not None:
        copy = etree.fromstring(etree.tostring(content))
        for node in copy.iter():
            if isinstance(node.tag, str):
                node.tag = _NITF_TO_HTML.get(local_name(node), local_name(node))
        etree.cleanup_namespaces(copy)
        return etree.tostring(copy, encoding="unicode", method="html")
    data = _first(element, "inlineData")
    text = data.text or "" if data is not None else ""
    return "".join(f"<p>{html.escape(part.strip())}</p>" for part in re.split(r"\n\s*\n", text) if part.strip())


def _picture(picture: etree._Element | None, records: list[Provenance]) -> Image | None:
    if picture is None:
        return None
    caption_element = next((d for d in _all(picture, "description") if "caption" in d.get("role", "")), None)
    caption = html_to_text(text_of(caption_element) or text_of(_first(picture, "headline"))) or None
    credit = clean_credit(text_of(_first(picture, "creditline")) or text_of(_first(_first(picture, "creator"), "name"))) or None
    renditions = [r for r in _all(picture, "remoteContent") if r.get("href")]
    biggest = largest(renditions)
    src = safe_url(biggest.get("href"), None) if biggest is not None else None
    for field, value, found in (("image", src, biggest), ("caption", caption, caption_element), ("credit", credit,
                                                                                                   _first(picture, "creditline"))):
        if value:
            records.append(Provenance(field, value, found.sourceline if found is not None else picture.sourceline,
                                      "the picture item beside the text"))
    return Image(caption=caption, credit=credit, date=None, is_file_photo=False, src=src) if caption or credit or src else None


def _item_class(element: etree._Element) -> str:
    found = _first(element, "itemClass")
    return found.get("qcode", "").partition(":")[2] if found is not None else ""


def _english_name(element: etree._Element | None) -> str:
    if element is None:
        return ""
    found = [n for n in element if local_name(n) == "name"]
    english = [n for n in found if n.get("{http://www.w3.org/XML/1998/namespace}lang", "en").startswith("en")]
    return text_of((english or found or [None])[0])


def _own_text(element: etree._Element | None) -> str:
    """An element's text without its children's (a NITF <byline> without its <byttl> title)."""
    if element is None:
        return ""
    return " ".join(((element.text or "") + "".join(child.tail or "" for child in element)).split())


def _either(first: etree._Element | None, second: etree._Element | None) -> etree._Element | None:
    # Not `first or second`: an element without children is false.
    return first if first is not None else second


def _first(element: etree._Element | None, name: str) -> etree._Element | None:
    if element is None:
        return None
    return next((e for e in element.iter() if local_name(e) == name), None)


def _all(element: etree._Element | None, name: str) -> list[etree._Element]:
    return [] if element is None else [e for e in element.iter() if local_name(e) == name]

