"""webpage: a saved article page (HTML) -> one NewsItem: metadata from JSON-LD NewsArticle and Open Graph, the body
by trafilatura, which leaves out the page's navigation and furniture."""

from __future__ import annotations

import json
import re
from typing import Any

import trafilatura
from lxml import html as lxml_html

from site_builder.importer.bylines import names
from site_builder.importer.captions import clean_credit
from site_builder.importer.html_markdown import html_to_text, safe_url
from site_builder.importer.model import Image, NewsItem, Provenance
from site_builder.importer.report import ImportProblem
from site_builder.importer.stamps import parse_stamp

_ARTICLE_TYPES = {"NewsArticle", "Article", "ReportageNewsArticle", "AnalysisNewsArticle", "BlogPosting",
                  "OpinionNewsArticle", "BackgroundNewsArticle", "ReviewNewsArticle", "Report", "LiveBlogPosting"}


def read_webpage(text: str) -> list[NewsItem]:
    """The page's one article; a page in which trafilatura finds no article text is an ImportProblem."""
    # lxml refuses text that declares an encoding (a saved XHTML page): the text is decoded already.
    text = re.sub(r"^\s*<\?xml[^>]*\?>", "", text)
    try:
        tree = lxml_html.fromstring(text)
    except (ValueError, lxml_html.etree.ParserError) as error:
        raise ImportProblem(f"cannot be read: not an HTML page ({error})") from error
    meta = _open_graph(tree)
    ld, ld_line = _json_ld(tree)
    url = safe_url(_first(ld.get("url"), ld.get("mainEntityOfPage"), meta.get("og:url", ("",))[0], _canonical(tree)), None)
    body = trafilatura.extract(text, output_format="html", include_links=True, include_images=True,
                               include_formatting=True, include_tables=True, include_comments=False, url=url)
    if not body:
        raise ImportProblem("cannot be read: no article text found in this web page")
    records: list[Provenance] = []
    fields = _fields(ld, ld_line, meta, tree, records)
    body = _without_headline(body, fields["title"])
    records.append(Provenance("body", "(HTML made Markdown)", None, "the article's text as trafilatura finds it, "
                              "without the page's navigation, header, footer and comments"))
    return [NewsItem(body_html=body, url=url, image=_image(ld, ld_line, meta, url, records), provenance=tuple(records),
                     **fields)]


def _fields(ld: dict[str, Any], ld_line: int | None, meta: dict[str, tuple[str, int | None]], tree: Any,
            records: list[Provenance]) -> dict[str, Any]:
    """Each field from JSON-LD first, then Open Graph and the page's other meta tags."""
    def pick(field: str, choices: list[tuple[Any, str, int | None]]) -> Any:
        for value, rule, line in choices:
            if value not in (None, "", (), []):
                records.append(Provenance(field, _shown(value), line, rule))
                return value
        return None

    def og(name: str) -> tuple[Any, str, int | None]:
        value, line = meta.get(name, ("", None))
        return value, f"the page's <meta property=\"{name}\">", line

    title = pick("title", [(html_to_text(_text(ld.get("headline"))), "JSON-LD headline", ld_line), og("og:title"),
                           (html_to_text(_text(tree.findtext(".//title"))), "the page's <title>", None)])
    date = pick("date", [(parse_stamp(_text(ld.get("datePublished"))), "JSON-LD datePublished", ld_line),
                         _stamp(og("article:published_time"))])
    updated = pick("updated", [(parse_stamp(_text(ld.get("dateModified"))), "JSON-LD dateModified", ld_line),
                               _stamp(og("article:modified_time"))])
    authors = pick("authors", [(_people(ld.get("author")), "JSON-LD author", ld_line),
                               (names(og("article:author")[0]) or names(meta.get("author", ("",))[0]),
                                "the page's author meta tag", og("article:author")[2])])
    source = pick("source", [(_text(_name(ld.get("publisher"))), "JSON-LD publisher", ld_line), og("og:site_name")])
    topics = pick("topics", [(_list(ld.get("articleSection")), "JSON-LD articleSection", ld_line),
                             ((meta["article:section"][0],) if "article:section" in meta else (), "article:section", None)])
    tags = pick("tags", [(_list(ld.get("keywords")), "JSON-LD keywords", ld_line),
                         (tuple(meta.get("article:tag", ("",))[0].split("\x1f")) if "article:tag" in meta else (),
                          "the page's article:tag", None)])
    summary = pick("summary", [(html_to_text(_text(ld.get("description"))), "JSON-LD description", ld_line),
                               og("og:description")])
    return {"title": title, "date": date, "updated": updated if updated != date else None, "authors": authors or (),
            "source": source, "topics": topics or (), "tags": tuple(t for t in tags or () if t), "summary": summary}


def _image(ld: dict[str, Any], ld_line: int | None, meta: dict[str, tuple[str, int | None]], url: str | None,
           records: list[Provenance]) -> Image | None:
    """JSON-LD's image (with its caption and credit), else og:image (with og:image:alt as the caption)."""
    image = ld.get("image")
    image = image[0] if isinstance(image, list) and image else image
    if isinstance(image, dict):
        src, caption = _text(image.get("url") or image.get("contentUrl")), html_to_text(_text(image.get("caption")))
        credit = clean_credit(_text(image.get("creditText")) or _text(_name(image.get("author")))
                              or _text(_name(image.get("copyrightHolder"))))
        rule, line = "JSON-LD image", ld_line
    else:
        src = _text(image) or meta.get("og:image", ("",))[0]
        caption, credit = meta.get("og:image:alt", ("",))[0], ""
        rule, line = ("JSON-LD image", ld_line) if _text(image) else ("the page's og:image", meta.get("og:image", ("", None))[1])
    src = safe_url(src, url)
    if not (src or caption or credit):
        return None
    records += [Provenance(field, value, line, rule) for field, value in (("image", src), ("caption", caption),
                                                                          ("credit", credit)) if value]
    return Image(caption=caption or None, credit=credit or None, date=None, is_file_photo=False, src=src)


def _json_ld(tree: Any) -> tuple[dict[str, Any], int | None]:
    """The page's NewsArticle (or Article) object from its JSON-LD, and the line of its script; {} if none."""
    for script in tree.xpath("//script[@type='application/ld+json']"):
        try:
            data = json.loads(script.text_content())
        except ValueError:
            continue
        for candidate in _objects(data):
            kinds = candidate.get("@type")
            kinds = set(kinds) if isinstance(kinds, list) else {kinds}
            if kinds & _ARTICLE_TYPES:
                return candidate, script.sourceline
    return {}, None


def _objects(data: Any) -> list[dict[str, Any]]:
    if isinstance(data, list):
        return [o for item in data for o in _objects(item)]
    if isinstance(data, dict):
        return [data] + _objects(data.get("@graph", []))
    return []


def _open_graph(tree: Any) -> dict[str, tuple[str, int | None]]:
    """property/name -> (content, line); repeated properties (article:tag) joined by \\x1f."""
    found: dict[str, tuple[str, int | None]] = {}
    for element in tree.xpath("//meta[@content]"):
        key = element.get("property") or element.get("name")
        if key:
            content = " ".join(element.get("content").split())
            found[key] = (found[key][0] + "\x1f" + content, found[key][1]) if key in found else (content, element.sourceline)
    return found


def _without_headline(body: str, title: str | None) -> str:
    """trafilatura keeps the page's <h1>: the headline is the title, not the body's first line."""
    if not title:
        return body
    return re.sub(r"<h1[^>]*>\s*" + re.escape(title) + r"\s*</h1>", "", body, count=1)


def _people(value: Any) -> tuple[str, ...]:
    people = value if isinstance(value, list) else [value]
    return tuple(dict.fromkeys(n for n in (_text(_name(p)) for p in people) if n))


def _name(value: Any) -> Any:
    return value.get("name") if isinstance(value, dict) else value


def _list(value: Any) -> tuple[str, ...]:
    items = value if isinstance(value, list) else str(value).split(",") if isinstance(value, str) else []
    return tuple(dict.fromkeys(_text(i) for i in items if _text(i)))


def _text(value: Any) -> str:
    return " ".join(value.split()) if isinstance(value, str) else ""


def _first(*values: Any) -> str | None:
    for value in values:
        value = value.get("@id") if isinstance(value, dict) else value
        if isinstance(value, str) and value.strip():
            return value.strip()
    return None


def _canonical(tree: Any) -> str | None:
    links = tree.xpath("//link[@rel='canonical']/@href")
    return links[0] if links else None


def _stamp(choice: tuple[Any, str, int | None]) -> tuple[Any, str, int | None]:
    return parse_stamp(choice[0]), choice[1], choice[2]


def _shown(value: Any) -> str:
    if isinstance(value, tuple):
        return ", ".join(value)
    return value.isoformat() if hasattr(value, "isoformat") else str(value)
