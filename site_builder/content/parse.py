"""parse: ArticleFile -> Article, or the Problems that stop it (all of them, not the first)."""

from __future__ import annotations

import datetime as dt
import re
import zlib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from site_builder.config import Config
from site_builder.content.discover import unreadable, with_text
from site_builder.content.front_matter import split_front_matter
from site_builder.content.markup import is_safe_url, render_markdown
from site_builder.errors import Problem
from site_builder.model import Article, ArticleFile, Image
from site_builder.text import first_paragraph, is_slug, slugify, summarize

_LIST_FIELDS = ("topics", "tags", "regions", "analysis")
_TEXT_FIELDS = ("title", "slug", "summary", "source", "byline", "template")
_KNOWN = {"date", "updated", "image", "draft", "origin", *_LIST_FIELDS, *_TEXT_FIELDS}


@dataclass(frozen=True)
class UndatedDraft:
    """A draft the importer could not date: valid, but it has no URL until an editor dates it."""

    path: Path


def parse_article_file(file: ArticleFile, config: Config) -> Article | UndatedDraft | list[Problem]:
    """`parse_file` for a file whose text may not be read yet (see discover)."""
    try:
        return parse_file(with_text(file), config)
    except (UnicodeDecodeError, OSError) as err:
        return [unreadable(file.relpath, err)]


def parse_file(file: ArticleFile, config: Config) -> Article | UndatedDraft | list[Problem]:
    front = split_front_matter(file)
    if isinstance(front, Problem):
        return [front]
    if front.values.get("draft") is True and front.values.get("date") in (None, ""):
        return UndatedDraft(file.relpath)
    problems: list[Problem] = []

    def problem(key: str | None, message: str) -> None:
        line = front.lines.get(key, 1) if key else 1
        problems.append(Problem(file.relpath, line, message))

    fields = _check_fields(front.values, config, problem)
    if problems:
        return problems
    date: dt.datetime = fields["date"]
    summary = fields.get("summary") or summarize(front.body)
    slug = fields.get("slug") or slugify(fields["title"], style=config.slugs)
    if not slug:
        problem("title", "cannot derive a slug from the title; add a 'slug' field")
        return problems
    return Article(
        path=file.key,
        title=fields["title"],
        date=date,
        slug=slug,
        url=f"{date:%Y/%m/%d}/{slug}/",
        summary=summary,
        standfirst="" if first_paragraph(front.body).startswith(summary.rstrip("\u2026")) else summary,
        # Only hand-written articles (no importer `origin`) may carry raw HTML, and only when
        # the site says so: imported text is never trusted.
        body=pack_body(render_markdown(
            front.body, config.markdown, config.trust_raw_html and "origin" not in front.values)),
        template=fields.get("template", "article.html"),
        template_line=front.lines.get("template", 1),
        fingerprint=file.fingerprint,
        updated=fields.get("updated"),
        topics=fields.get("topics", ()),
        tags=fields.get("tags", ()),
        regions=fields.get("regions", ()),
        agency=fields.get("source"),
        byline=fields.get("byline"),
        image=fields.get("image"),
        analysis=fields.get("analysis", ()),
        draft=fields.get("draft", False),
        extra={k: v for k, v in front.values.items() if k not in _KNOWN},
    )


def pack_body(html: str) -> bytes:
    """An article's HTML as `Article.body` keeps it (the fastest zlib level: the HTML of the
    synthetic benchmark archive shrinks threefold, real prose a little less)."""
    return zlib.compress(html.encode("utf-8"), 1)


def _check_fields(values: dict[str, Any], config: Config, problem) -> dict[str, Any]:
    """Validate known fields; returns the clean values (only those that passed)."""
    fields: dict[str, Any] = {}
    for key in ("title", "date"):
        if values.get(key) in (None, ""):
            problem(None, f"missing required field '{key}'")
    for key in _TEXT_FIELDS:
        value = values.get(key)
        if value is None:
            continue
        if not isinstance(value, str):
            problem(key, f"'{key}' must be text, not {_type_name(value)}")
        elif value.strip():
            fields[key] = " ".join(value.split()) if key != "summary" else value.strip()
    if "template" in fields and not re.fullmatch(r"[\w-]+\.html", fields["template"]):
        problem("template", f"'template' must be a template file name like 'feature.html', not {fields['template']!r}")
    if "slug" in fields and not is_slug(fields["slug"], config.slugs):
        problem("slug", f"'slug' must be lowercase letters, digits and hyphens, not {fields['slug']!r}")
    for key in _LIST_FIELDS:
        if values.get(key) is not None:
            items = _string_list(values[key])
            if items is None:
                problem(key, f"'{key}' must be a list of text, not {_type_name(values[key])}")
            else:
                fields[key] = items
    for key in ("date", "updated"):
        if values.get(key) not in (None, ""):
            moment = _datetime(values[key], config)
            if moment is None:
                problem(key, f"'{key}' is not a valid date: {values[key]!r} (use YYYY-MM-DD or ISO 8601)")
            else:
                fields[key] = moment
    if "draft" in values and not isinstance(values["draft"], bool):
        problem("draft", f"'draft' must be true or false, not {values['draft']!r}")
    elif "draft" in values:
        fields["draft"] = values["draft"]
    if values.get("image") is not None:
        image = _image(values["image"])
        if isinstance(image, str):
            problem("image", image)
        else:
            fields["image"] = image
    if values.get("origin") is not None and not isinstance(values["origin"], dict):
        problem("origin", "'origin' must be a mapping with 'file' and 'sha256'")
    return fields


def _string_list(value: Any) -> tuple[str, ...] | None:
    if isinstance(value, str):
        value = [value]  # a lone `tags: NATO` means one tag
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        return None
    seen = dict.fromkeys(" ".join(v.split()) for v in value if v.strip())
    return tuple(seen)


def _datetime(value: Any, config: Config) -> dt.datetime | None:
    """YAML dates, datetimes and ISO strings; naive values are in the site's timezone."""
    if isinstance(value, dt.datetime):
        moment = value
    elif isinstance(value, dt.date):
        moment = dt.datetime.combine(value, dt.time())
    elif isinstance(value, str):
        try:
            moment = dt.datetime.fromisoformat(value.strip())
        except ValueError:
            return None
    else:
        return None
    if moment.tzinfo is None:
        return moment.replace(tzinfo=config.tz)
    return moment.astimezone(config.tz)


def _image(value: Any) -> Image | str:
    if not isinstance(value, dict):
        return f"'image' must be a mapping with src, caption and credit, not {_type_name(value)}"
    unknown = set(value) - {"src", "caption", "credit"}
    if unknown:
        return f"'image' has unknown keys: {', '.join(sorted(map(str, unknown)))}"
    if not all(isinstance(v, str) for v in value.values() if v is not None):
        return "'image' values must be text"
    src = value.get("src")
    if src and not is_safe_url(src):
        return f"'image' src must be a relative path or an http(s) address, not {src.split(':')[0]}:"
    return Image(src=src, caption=value.get("caption"), credit=value.get("credit"))


def _type_name(value: Any) -> str:
    return {int: "a number", float: "a number", bool: "true/false", list: "a list",
            dict: "a mapping", str: "text"}.get(type(value), type(value).__name__)
