"""config: site.toml -> Config, with every unknown key and bad value reported together."""

from __future__ import annotations

import re
import tomllib
import zoneinfo
from dataclasses import dataclass, fields
from pathlib import Path
from typing import Any

from site_builder.model import ContentError, Problem

CONFIG_FILE = "site.toml"


@dataclass(frozen=True)
class Config:
    title: str = "News Archive"
    description: str = ""
    base_url: str = "http://localhost:8000/"
    language: str = "en"
    timezone: str = "UTC"
    theme: str = "default"
    articles_per_page: int = 20
    min_articles_for_tag_page: int = 1  # rarer tags link to their articles instead
    local: bool = False  # links end in index.html so the site works from disk
    trust_raw_html: bool = False  # hand-written articles may carry raw HTML; imported never
    search: bool = True  # build the Pagefind full-text index
    # Articles in the smallest search shard (see search.py): bigger, fewer downloads per query;
    # smaller, less to index again after a day's news or an edit.
    search_shard_size: int = 1000

    @property
    def tz(self) -> zoneinfo.ZoneInfo:
        return zoneinfo.ZoneInfo(self.timezone)


_EXPECTED_TYPES = {f.name: type(getattr(Config(), f.name)) for f in fields(Config)}


def load_config(root: Path) -> Config:
    """Read `root/site.toml`; a missing file means all defaults."""
    path = root / CONFIG_FILE
    if not path.exists():
        return Config()
    text = path.read_text(encoding="utf-8")
    try:
        raw = tomllib.loads(text)
    except tomllib.TOMLDecodeError as err:
        line = getattr(err, "lineno", None) or _line_from_message(str(err))
        raise ContentError([Problem(Path(CONFIG_FILE), line, f"invalid TOML: {err.args[0]}")])
    values, problems = _check(raw, text)
    if problems:
        raise ContentError(problems)
    return Config(**values)


def _check(raw: dict[str, Any], text: str) -> tuple[dict[str, Any], list[Problem]]:
    values: dict[str, Any] = {}
    problems: list[Problem] = []

    def problem(key: str, message: str) -> None:
        problems.append(Problem(Path(CONFIG_FILE), _line_of(key, text), message))

    for key, value in raw.items():
        expected = _EXPECTED_TYPES.get(key)
        if expected is None:
            problem(key, f"unknown key '{key}' (known: {', '.join(sorted(_EXPECTED_TYPES))})")
        elif type(value) is not expected:
            problem(key, f"'{key}' must be a {expected.__name__}, not {type(value).__name__}")
        else:
            values[key] = value
    for key, message in _value_problems(values):
        problem(key, message)
    if not values.get("base_url", "/").endswith("/"):
        values["base_url"] += "/"  # absolute URLs are built by appending site-relative paths
    problems.sort(key=lambda p: p.line or 0)
    return values, problems


def _value_problems(values: dict[str, Any]) -> list[tuple[str, str]]:
    found = []
    if "timezone" in values:
        try:
            zoneinfo.ZoneInfo(values["timezone"])
        except (zoneinfo.ZoneInfoNotFoundError, ValueError):
            found.append(("timezone", f"unknown timezone '{values['timezone']}'"))
    for key in ("articles_per_page", "min_articles_for_tag_page", "search_shard_size"):
        if key in values and values[key] < 1:
            found.append((key, f"'{key}' must be at least 1"))
    if "base_url" in values and not re.match(r"https?://[^/]+", values["base_url"]):
        found.append(("base_url", "'base_url' must start with http:// or https:// and a host"))
    if "theme" in values and not re.fullmatch(r"[A-Za-z0-9_-]+", values["theme"]):
        found.append(("theme", "'theme' must be a folder name under themes/"))
    return found


def _line_of(key: str, text: str) -> int | None:
    match = re.search(rf"^\s*{re.escape(key)}\s*=", text, re.MULTILINE)
    return text.count("\n", 0, match.start()) + 1 if match else None


def _line_from_message(message: str) -> int | None:
    match = re.search(r"line (\d+)", message)
    return int(match.group(1)) if match else None
