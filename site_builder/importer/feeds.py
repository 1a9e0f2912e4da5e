"""feeds: an RSS 2.0 or Atom feed -> NewsItems, one per entry (full text, bylines, categories, media:content)."""

from __future__ import annotations

import re

import feedparser
from lxml import etree

from site_builder.importer.captions import clean_credit
from site_builder.importer.html_markdown import html_to_text, safe_url
from site_builder.importer.model import Image, NewsItem, Provenance
from site_builder.importer.renditions import width
from site_builder.importer.report import ImportProblem
from site_builder.importer.sources import agency_name
from site_builder.importer.stamps import parse_stamp
from site_builder.importer.xmlparse import local_name

_MEDIA = "http://search.yahoo.com/mrss/"


def read_feed(data: bytes) -> list[NewsItem]:
    """Every entry of the feed; a feed with no entries, or one feedparser cannot read, is an ImportProblem."""
    try:
        parsed = feedparser.parse(data, sanitize_html=False, resolve_relative_uris=False)
    except (UnicodeError, ValueError) as error:  # bytes no declared or guessed encoding can read
        raise ImportProblem(f"cannot be read: a feed feedparser cannot decode ({error})") from error
    if not parsed.entries:
        reason = f" ({parsed.bozo_exception})" if parsed.get("bozo") else ""
        raise ImportProblem(f"cannot be read: a feed without entries{reason}")
    publication = _publication(parsed.feed)
    elements = _entry_elements(data)
    if len(elements) != len(parsed.entries):  # the two parsers disagree: trust feedparser alone
        elements = [None] * len(parsed.entries)
    return [_item(entry, element, publication) for entry, element in zip(parsed.entries, elements)]


def _item(entry: dict, element: etree._Element | None, publication: tuple[str, str] | None) -> NewsItem:
    lines = _child_lines(element)
    records: list[Provenance] = []

    def record(field: str, value: str, tag: str, rule: str) -> None:
        records.append(Provenance(field, value, lines.get(tag), rule))

    # A title is HTML only when the feed says so (Atom's type="html"); RSS's "<b>" in a title is text.
    is_html = "html" in entry.get("title_detail", {}).get("type", "")
    title = (html_to_text(entry.get("title", "")) if is_html else " ".join(entry.get("title", "").split())) or None
    if title:
        record("title", title, "title", "the entry's <title>")
    # dict.get: feedparser's own get() maps a missing "updated" to "published", with a warning.
    published, modified = dict.get(entry, "published"), dict.get(entry, "updated")
    date = parse_stamp(published or modified)
    record("date", date.isoformat() if date else "(none)", "pubDate" if "pubDate" in lines else "published",
           "the entry's <pubDate> or <published>" if published else "the entry's <updated> (no publication date)")
    updated = parse_stamp(modified) if published else None
    authors = _rss_authors(element) or tuple(dict.fromkeys(a["name"].strip() for a in entry.get("authors", [])
                                                           if a.get("name", "").strip()))
    if authors:
        record("authors", ", ".join(authors), "creator" if "creator" in lines else "author",
               "the entry's <dc:creator> or <author>")
    body, summary = _body(entry)
    record("body", "(HTML made Markdown)", "encoded" if "encoded" in lines else "content",
           "the entry's full text (<content:encoded> or <content>)" if entry.get("content") else "the entry's <description>")
    tags = tuple(dict.fromkeys(t.get("label") or t.get("term") for t in entry.get("tags", []) if t.get("term")))
    if tags:
        record("tags", ", ".join(tags), "category", "the entry's <category> elements")
    source = publication[0] if publication else None
    if publication:
        records.append(Provenance("source", publication[0], None, publication[1]))
    image = _image(entry, element, records, lines)
    return NewsItem(title=title, date=date, body_html=body, updated=updated, authors=authors, source=source,
                    summary=summary, tags=tags, image=image, url=entry.get("link"), provenance=tuple(records))


def _body(entry: dict) -> tuple[str, str | None]:
    """The full text (content:encoded, Atom content), and the description as the summary; or the description alone."""
    contents = sorted(entry.get("content", []), key=lambda c: "html" not in c.get("type", ""))
    description = entry.get("summary", "")
    if contents and contents[0].get("value", "").strip():
        summary = html_to_text(description) or None
        return contents[0]["value"], summary if summary and len(summary) < 600 else None
    return description, None


def _publication(feed: dict) -> tuple[str, str] | None:
    """The publication: the feed's <title> without its section ("Harbor Gazette - World" -> "Harbor Gazette")."""
    title = html_to_text(feed.get("title", ""))
    if not title:
        return None
    name = re.split(r"\s+[-–—|:]\s+", title)[0].strip()
    if not agency_name(name):  # "VOA News" is a name; "Polar Institute News" a feed of the Polar Institute
        name = re.sub(r"\s+(?:News|Newsroom|Press Releases?|News Releases?|Latest News|Updates|RSS|Feed)$", "", name)
    return name, f"the feed's <title> '{title}'" + (" (its section cut off)" if name != title else "")


def _image(entry: dict, element: etree._Element | None, records: list[Provenance], lines: dict[str, int]) -> Image | None:
    """The entry's media:content (or an image enclosure), with media:description and media:credit."""
    media = [m for m in entry.get("media_content", []) if m.get("medium", "image") == "image" or
             m.get("type", "").startswith("image/")]
    media = sorted(media, key=lambda m: -width(m.get("width")))  # a media:group's largest rendition first
    media += [e for e in entry.get("enclosures", []) if e.get("type", "").startswith("image/")]
    src = safe_url((media[0].get("url") or media[0].get("href")) if media else None, entry.get("link"))
    caption, credit = _media_text(element)
    credit = credit or clean_credit(entry.get("credit") or "") or None
    if not (src or caption or credit):
        return None
    if src:
        records.append(Provenance("image", src, lines.get("content"), "the entry's <media:content> (an image)"))
    if caption:
        records.append(Provenance("caption", caption, lines.get("description"), "the <media:description> of its image"))
    if credit:
        records.append(Provenance("credit", credit, lines.get("credit"), "the <media:credit> of its image"))
    return Image(caption=caption, credit=credit, date=None, is_file_photo=False, src=src)


def _media_text(element: etree._Element | None) -> tuple[str | None, str | None]:
    """media:description and media:credit, which feedparser leaves out when they sit inside media:content."""
    if element is None:
        return None, None
    description = element.find(f".//{{{_MEDIA}}}description")
    if description is None:
        description = element.find(f".//{{{_MEDIA}}}title")
    credit = element.find(f".//{{{_MEDIA}}}credit")
    caption = html_to_text(description.text or "") if description is not None else ""
    return caption or None, clean_credit(credit.text or "") if credit is not None and credit.text else None


def _rss_authors(element: etree._Element | None) -> tuple[str, ...]:
    """RSS's <author>jane@example.org (Jane Doe)</author> and <dc:creator>: the names (feedparser garbles
    addresses on some domains); Atom's <author> holds a <name> and is left to feedparser."""
    if element is None:
        return ()
    found = []
    for child in element:
        if local_name(child) not in ("author", "creator") or len(child) or not (child.text or "").strip():
            continue
        text = " ".join(child.text.split())
        named = re.fullmatch(r"\S+@\S+\s*\((.+)\)", text)
        if named or "@" not in text:
            found.append(named.group(1).strip() if named else text)
    return tuple(dict.fromkeys(found))


def _entry_elements(data: bytes) -> list[etree._Element]:
    """The <item> or <entry> elements in order, for line numbers and media details. Feeds are often not quite
    XML (an HTML entity such as &eacute;): feedparser reads them anyway, and lxml recovers what it can."""
    try:
        parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, recover=True)
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError:
        return []
    if root is None:
        return []
    return [e for e in root.iter() if local_name(e) in ("item", "entry")]


def _child_lines(element: etree._Element | None) -> dict[str, int]:
    if element is None:
        return {}
    lines: dict[str, int] = {}
    for child in element.iter():
        lines.setdefault(local_name(child), child.sourceline or 0)
    return {name: line for name, line in lines.items() if line}

