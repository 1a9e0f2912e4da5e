"""parse: ArticleFile -> Article, or the Problems that stop it (all of them, not the first)."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
import zlib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from site_builder.config import Config
from site_builder.content.discover import unreadable, with_text
from site_builder.content.fields import (
    read_aliases,
    read_authors,
    read_corrections,
    read_language,
    read_story,
    read_translation_key,
)
from site_builder.content.front_matter import split_front_matter
from site_builder.content.markup import is_safe_url, render_markdown, smarten
from site_builder.content.markup.limits import TooComplex
from site_builder.errors import Problem
from site_builder.model import Article, ArticleFile, Image
from site_builder.text import first_paragraph, is_slug, slugify, summarize

_LIST_FIELDS = ("topics", "tags", "regions", "analysis")
_TEXT_FIELDS = ("title", "slug", "summary", "source", "byline", "template")
_KNOWN = {"date", "updated", "image", "draft", "origin", "authors", "corrections", "aliases", "story",
          "language", "translation_key",
          *_LIST_FIELDS, *_TEXT_FIELDS}
MAX_SLUG = 200
# Python's dates end at 9999-12-31: a month's calendar, a day after or a feed's UTC time of an
# article dated in 9999 would fall beyond; year 1 is kept, as a naive date there works.
FIRST_YEAR, LAST_YEAR = 1, 9998


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
    newsroom = _newsroom_fields(front.values, config, problem)
    if "image" in fields:
        fields["image"] = dataclasses.replace(fields["image"], line=front.lines.get("image", 1))
    if problems:
        return sorted(problems, key=lambda p: p.line or 0)  # in the order of the file
    date: dt.datetime = fields["date"]
    summary = fields.get("summary") or summarize(front.body)
    slug = fields.get("slug") or slugify(fields["title"], style=config.slugs)
    if not slug:
        problem("title", "cannot derive a slug from the title; add a 'slug' field")
        return problems
    try:
        # Only hand-written articles (no importer `origin`) may carry raw HTML, and only when
        # the site says so: imported text is never trusted.
        body = render_markdown(front.body, config.markdown, config.trust_raw_html and "origin" not in front.values)
    except TooComplex as err:
        return [Problem(file.relpath, front.body_line + err.excess.line - 1, err.excess.message)]
    return Article(
        path=file.key,
        title=fields["title"],
        date=date,
        slug=slug,
        url=f"{date:%Y/%m/%d}/{slug}/",
        summary=summary,
        standfirst="" if first_paragraph(front.body).startswith(summary.rstrip("\u2026")) else summary,
        body=pack_body(body),
        template=fields.get("template", "article.html"),
        template_line=front.lines.get("template", 1),
        fingerprint=file.fingerprint,
        updated=fields.get("updated"),
        topics=fields.get("topics", ()),
        tags=fields.get("tags", ()),
        regions=fields.get("regions", ()),
        agency=fields.get("source"),
        image=fields.get("image"),
        aliases_line=front.lines.get("aliases", 1),
        timed=fields.get("timed", False),
        updated_timed=fields.get("updated_timed", False),
        **newsroom,
        analysis=tuple(map(smarten, fields.get("analysis", ()))),  # quotes and dashes as the body's
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
        elif isinstance(values[key], str) and not values[key].strip():
            problem(key, f"'{key}' is empty")
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
    elif "slug" in fields and len(fields["slug"]) > MAX_SLUG:
        # It names a folder of the site, and file systems allow 255 bytes a name.
        problem("slug", f"'slug' is {len(fields['slug'])} characters long; at most {MAX_SLUG}")
    for key in _LIST_FIELDS:
        if values.get(key) is not None:
            items = _string_list(values[key])
            if items is None:
                problem(key, f"'{key}' must be a list of text, not {_type_name(values[key])}")
            else:
                fields[key] = items
    fields.update(_dates(values, config, problem))
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


def _dates(values: dict[str, Any], config: Config, problem) -> dict[str, Any]:
    """`date` and `updated`, checked: valid, and within the years the site can show."""
    found = {}
    for key in ("date", "updated"):
        value = values.get(key)
        if value in (None, "") or (isinstance(value, str) and not value.strip()):
            continue  # missing, or empty (reported with the required fields)
        moment = _datetime(value, config)
        if moment is None:
            problem(key, f"'{key}' is not a valid date: {value!r} (use YYYY-MM-DD or ISO 8601)")
        elif not _in_range(moment[0]):
            problem(key, f"'{key}' is out of range: {str(value)!r} (the years {FIRST_YEAR} to {LAST_YEAR})")
        else:
            found[key], found["timed" if key == "date" else "updated_timed"] = moment
    return found


def _newsroom_fields(values: dict[str, Any], config: Config, problem) -> dict[str, Any]:
    """Bylines, corrections, aliases and the story (see fields.py), as the Article takes them."""
    def on(key: str):
        return lambda message: problem(key, message)

    return {
        "authors": read_authors(values, problem),
        "corrections": read_corrections(values.get("corrections"), lambda v: _datetime(v, config),
                                        on("corrections")),
        "aliases": read_aliases(values.get("aliases"), on("aliases")),
        "story": read_story(values.get("story"), on("story")),
        "language": read_language(values.get("language"), on("language")),
        "translation_key": read_translation_key(values.get("translation_key"), on("translation_key")),
    }


def _string_list(value: Any) -> tuple[str, ...] | None:
    if isinstance(value, str):
        value = [value]  # a lone `tags: NATO` means one tag
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        return None
    seen = dict.fromkeys(" ".join(v.split()) for v in value if v.strip())
    return tuple(seen)


def _datetime(value: Any, config: Config) -> tuple[dt.datetime, bool] | None:
    """YAML dates, datetimes and ISO strings, and whether a time of day was written; naive
    values are in the site's timezone."""
    if isinstance(value, dt.datetime):
        moment, timed = value, True
    elif isinstance(value, dt.date):
        moment, timed = dt.datetime.combine(value, dt.time()), False
    elif isinstance(value, str):
        try:
            moment = dt.datetime.fromisoformat(value.strip())
        except ValueError:
            return None
        timed = len(value.strip()) > len("2024-12-04")
    else:
        return None
    if moment.tzinfo is None:
        return moment.replace(tzinfo=config.tz), timed
    try:
        return moment.astimezone(config.tz), timed
    except OverflowError:  # before year 1 or after 9999 in the site's time zone: out of range
        return moment, timed


def _in_range(moment: dt.datetime) -> bool:
    """Whether the site can show `moment`: its day, month calendar and year, here and in UTC
    (feeds, sitemaps), all fall between the first and last years Python's dates know."""
    try:
        utc = moment.astimezone(dt.timezone.utc)
    except OverflowError:
        return False
    return FIRST_YEAR <= min(moment.year, utc.year) and max(moment.year, utc.year) <= LAST_YEAR


def _image(value: Any) -> Image | str:
    if not isinstance(value, dict):
        return f"'image' must be a mapping with src, caption, credit and alt, not {_type_name(value)}"
    unknown = set(value) - {"src", "caption", "credit", "alt"}
    if unknown:
        return f"'image' has unknown keys: {', '.join(sorted(map(str, unknown)))}"
    if not all(isinstance(v, str) for v in value.values() if v is not None):
        return "'image' values must be text"
    src = value.get("src")
    if src and not is_safe_url(src):
        return f"'image' src must be a relative path or an http(s) address, not {src.split(':')[0]}:"
    return Image(src=src, caption=value.get("caption"), credit=value.get("credit"), alt=value.get("alt"))


def _type_name(value: Any) -> str:
    return {int: "a number", float: "a number", bool: "true/false", list: "a list",
            dict: "a mapping", str: "text"}.get(type(value), type(value).__name__)
