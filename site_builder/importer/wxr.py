"""wxr: a WordPress export (WXR) -> NewsItems for its published posts (categories, tags, author, date, featured image)."""

from __future__ import annotations

import datetime
import re

from lxml import etree

from site_builder.importer.html_markdown import html_to_text, safe_url
from site_builder.importer.model import Image, NewsItem, Provenance
from site_builder.importer.report import ImportProblem
from site_builder.importer.stamps import parse_stamp
from site_builder.importer.xmlparse import local_name, parse_xml, text_of

_CAPTION_SHORTCODE = re.compile(r"\[caption[^\]]*\](.*?)\[/caption\]", re.S)
_SHORTCODE = re.compile(r"\[/?[a-z_][\w-]*(?:\s[^\]]*)?\]")


def read_wxr(data: bytes) -> list[NewsItem]:
    """Every published post; pages, attachments, drafts, private and trashed posts are left out."""
    root = parse_xml(data)
    channel = next((e for e in root if local_name(e) == "channel"), None)
    if channel is None:
        raise ImportProblem("cannot be read: a WordPress export without a <channel>")
    authors = {_child_text(a, "author_login"): _child_text(a, "author_display_name")
               for a in channel if local_name(a) == "author"}
    items = [e for e in channel if local_name(e) == "item"]
    attachments = {_child_text(e, "post_id"): e for e in items if _child_text(e, "post_type") == "attachment"}
    site = _child_text(channel, "title") or None
    posts = [e for e in items if _child_text(e, "post_type") == "post" and _child_text(e, "status") == "publish"]
    if not posts:
        raise ImportProblem("cannot be read: no published post in this WordPress export")
    return [_post(post, site, authors, attachments) for post in posts]


def _post(post: etree._Element, site: str | None, authors: dict[str, str],
          attachments: dict[str, etree._Element]) -> NewsItem:
    records: list[Provenance] = []

    def record(field: str, value: str, tag: str, rule: str) -> None:
        found = _child(post, tag, "content" if tag == "encoded" else "")
        records.append(Provenance(field, value, found.sourceline if found is not None else post.sourceline, rule))

    title = html_to_text(_child_text(post, "title")) or None
    if title:
        record("title", title, "title", "the post's <title>")
    gmt = parse_stamp(_child_text(post, "post_date_gmt"))
    if isinstance(gmt, datetime.datetime) and gmt.tzinfo is None:
        gmt = gmt.replace(tzinfo=datetime.timezone.utc)
    date = gmt or parse_stamp(_child_text(post, "post_date")) or parse_stamp(_child_text(post, "pubDate"))
    record("date", date.isoformat() if date else "(none)", "post_date_gmt", "the post's <wp:post_date_gmt> (UTC)")
    login = _child_text(post, "creator")
    author = authors.get(login) or login
    if author:
        record("authors", author, "creator", "the post's <dc:creator>, by the export's <wp:author> display name")
    topics = _terms(post, "category", exclude={"Uncategorized"})
    tags = _terms(post, "post_tag")
    if topics:
        record("topics", ", ".join(topics), "category", "the post's categories")
    if tags:
        records.append(Provenance("tags", ", ".join(tags), None, "the post's tags (<category domain=\"post_tag\">)"))
    if site:
        records.append(Provenance("source", site, None, "the exported site's <title>"))
    body = wordpress_html(_child_text(post, "encoded", "content"))
    record("body", "(HTML made Markdown)", "encoded", "the post's <content:encoded>")
    summary = html_to_text(_child_text(post, "encoded", "excerpt")) or None
    return NewsItem(title=title, date=date, body_html=body, authors=(author,) if author else (), source=site,
                    summary=summary, topics=topics, tags=tags, image=_featured(post, attachments, records),
                    url=_child_text(post, "link") or None, provenance=tuple(records))


def wordpress_html(content: str) -> str:
    """WordPress's stored content as HTML: [caption] shortcodes become figures, other shortcodes go, and text
    without <p> gets its paragraphs from blank lines (as WordPress's own wpautop does when it shows a post)."""
    content = _CAPTION_SHORTCODE.sub(_figure, content)
    content = _SHORTCODE.sub("", content)
    if not re.search(r"<p[\s>]", content):
        blocks = [b.strip() for b in re.split(r"\n\s*\n", content) if b.strip()]
        content = "".join(b if re.match(r"<(?:h\d|ul|ol|blockquote|figure|table|div|pre)\b", b) else
                          "<p>" + b.replace("\n", "<br>") + "</p>" for b in blocks)
    return content


def _figure(match: re.Match[str]) -> str:
    inner = match.group(1)
    image = re.search(r"<img[^>]*>", inner)
    caption = re.sub(r"<a[^>]*>\s*<img[^>]*>\s*</a>|<img[^>]*>", "", inner).strip()
    return f"<figure>{image.group(0) if image else ''}<figcaption>{caption}</figcaption></figure>"


def _featured(post: etree._Element, attachments: dict[str, etree._Element], records: list[Provenance]) -> Image | None:
    """The post's featured image (_thumbnail_id): its address, its caption (the attachment's excerpt)."""
    thumbnail = next((_child_text(m, "meta_value") for m in post if local_name(m) == "postmeta"
                      and _child_text(m, "meta_key") == "_thumbnail_id"), None)
    attachment = attachments.get(thumbnail or "")
    if attachment is None:
        return None
    src = safe_url(_child_text(attachment, "attachment_url"), None)
    caption = html_to_text(_child_text(attachment, "encoded", "excerpt")) or None
    records.append(Provenance("image", src or "(none)", attachment.sourceline, "the post's featured image (an attachment)"))
    if caption:
        records.append(Provenance("caption", caption, attachment.sourceline, "the attachment's caption (<excerpt:encoded>)"))
    return Image(caption=caption, credit=None, date=None, is_file_photo=False, src=src) if src or caption else None


def _terms(post: etree._Element, domain: str, exclude: set[str] = frozenset()) -> tuple[str, ...]:
    found = [text_of(c) for c in post if local_name(c) == "category" and c.get("domain") == domain]
    return tuple(dict.fromkeys(name for name in found if name and name not in exclude))


def _child(element: etree._Element, name: str, namespace: str = "") -> etree._Element | None:
    """A direct child by local name; `namespace` tells content:encoded ("content") from excerpt:encoded ("excerpt")."""
    for child in element:
        if isinstance(child.tag, str) and local_name(child) == name and namespace in child.tag.partition("}")[0]:
            return child
    return None


def _child_text(element: etree._Element, name: str, namespace: str = "") -> str:
    found = _child(element, name, namespace)
    return (found.text or "").strip() if found is not None else ""
