"""config: site.toml -> Config, every table checked in its own module, every unknown key and bad
value reported together with its line.

The configuration imports nothing of the features it configures: the Markdown engines and the
deploy stores import their settings from here (as Hugo's markup_config and deployconfig).
"""

from __future__ import annotations

import dataclasses
import re
import zoneinfo
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from babel import Locale, UnknownLocaleError

from site_builder.config.build import SCHEDULER, BuildSettings, build_table
from site_builder.config.deploy import read_destinations
from site_builder.config.markdown import (
    ExtensionCheck,
    MarkdownSettings,
    markdown_table,
)
from site_builder.config.menu import MenuItem, menu_table
from site_builder.config.source import line_of, problem, read_site_toml
from site_builder.errors import ContentError, Problem
from site_builder.project import THEME_NAME
from site_builder.text import SLUG_STYLES

__all__ = ["SCHEDULER", "BuildSettings", "Config", "MarkdownSettings", "MenuItem", "load_config"]


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
    # Articles in the smallest search shard (see search/): bigger, fewer downloads per query;
    # smaller, less to index again after a day's news or an edit.
    search_shard_size: int = 250
    # How a slug is made from a headline or a term's name: "ascii" transliterates any script
    # (Москва -> moskva), "unicode" keeps it (москва; links percent-encode it).
    slugs: str = "ascii"
    news_sitemap: bool = True  # news-sitemap.xml, for Google News
    markdown: MarkdownSettings = MarkdownSettings()
    # The navigation's links ([[menu]] tables); empty: the sections, as the theme lists them.
    menu: tuple[MenuItem, ...] = ()
    # How the site is built, not what it is: left out of the cache's key.
    build: BuildSettings = field(default=BuildSettings())

    @property
    def tz(self) -> zoneinfo.ZoneInfo:
        return zoneinfo.ZoneInfo(self.timezone)

    def cache_key(self) -> str:
        """Everything of the configuration that shapes the site: a change discards the cache."""
        return repr(dataclasses.replace(self, build=BuildSettings()))


_EXPECTED_TYPES = {f.name: type(getattr(Config(), f.name)) for f in fields(Config)}
_TABLES = ("markdown", "build", "deploy", "menu")


def load_config(root: Path, check_extensions: ExtensionCheck | None = None) -> Config:
    """Read `root/site.toml`; a missing file means all defaults. `check_extensions`: the
    Markdown engine's check that the site's extensions load (see config/markdown.py)."""
    found = read_site_toml(root)
    if found is None:
        return Config()
    values, problems = _check(*found, check_extensions)
    if problems:
        raise ContentError(problems)
    return Config(**values)


def _check(raw: dict[str, Any], text: str, check_extensions: ExtensionCheck | None
           ) -> tuple[dict[str, Any], list[Problem]]:
    values: dict[str, Any] = {}
    problems: list[Problem] = []
    for key, value in raw.items():
        expected = _EXPECTED_TYPES.get(key)
        if key in _TABLES:
            settings, found = _table(key, value, text, check_extensions)
            problems += [problem(line, message) for line, message in found]
            if not found and key != "deploy":  # where the site goes, not what it is: not in Config
                values[key] = settings
        elif expected is None:
            known = ", ".join(sorted({*_EXPECTED_TYPES, "deploy"}))
            problems.append(problem(line_of(key, text), f"unknown key '{key}' (known: {known})"))
        elif type(value) is not expected:
            problems.append(problem(line_of(key, text),
                                    f"'{key}' must be a {expected.__name__}, not {type(value).__name__}"))
        else:
            values[key] = value
    problems += [problem(line_of(key, text), message) for key, message in _value_problems(values)]
    if not values.get("base_url", "/").endswith("/"):
        values["base_url"] += "/"  # absolute URLs are built by appending site-relative paths
    problems.sort(key=lambda p: p.line or 0)
    return values, problems


def _table(key: str, value: Any, text: str, check_extensions: ExtensionCheck | None
           ) -> tuple[Any, list[tuple[int | None, str]]]:
    if key == "markdown":
        return markdown_table(value, text, check_extensions)
    if key == "build":
        return build_table(value, text)
    if key == "menu":
        return menu_table(value, text)
    return read_destinations(value, text)


def timezone_problem(name: str) -> str | None:
    try:
        zoneinfo.ZoneInfo(name)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        return f"unknown timezone '{name}'"
    return None


def language_problem(tag: str) -> str | None:
    """A language Babel has no data for has no dates, numbers or plural rules to write."""
    try:
        Locale.parse(tag.replace("-", "_"))
    except (UnknownLocaleError, ValueError):
        return f"unknown language '{tag}': a tag such as \"en\", \"fr\" or \"pt-BR\""
    return None


def base_url_problem(url: str) -> str | None:
    if not re.match(r"https?://[^/]+", url):
        return "'base_url' must start with http:// or https:// and a host"
    return None


def is_local_address(base_url: str) -> bool:
    """A base_url naming this machine (the default, http://localhost:8000/): absolute links
    made from it lead nowhere once the site is published."""
    host = urlsplit(base_url).hostname or ""
    return host in ("localhost", "0.0.0.0", "::1") or host.endswith(".localhost") or host.startswith("127.")


def _value_problems(values: dict[str, Any]) -> list[tuple[str, str]]:
    found = []
    if "timezone" in values and (message := timezone_problem(values["timezone"])):
        found.append(("timezone", message))
    for key in ("articles_per_page", "min_articles_for_tag_page", "search_shard_size"):
        if key in values and values[key] < 1:
            found.append((key, f"'{key}' must be at least 1"))
    if "base_url" in values and (message := base_url_problem(values["base_url"])):
        found.append(("base_url", message))
    if "language" in values and (message := language_problem(values["language"])):
        found.append(("language", message))
    if "slugs" in values and values["slugs"] not in SLUG_STYLES:
        found.append(("slugs", f"'slugs' must be one of {', '.join(SLUG_STYLES)}"))
    if "theme" in values and not THEME_NAME.fullmatch(values["theme"]):
        found.append(("theme", "'theme' must be a folder name under themes/"))
    return found
