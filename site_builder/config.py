"""config: site.toml -> Config, with every unknown key and bad value reported together."""

from __future__ import annotations

import json
import re
import tomllib
import zoneinfo
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any

from site_builder.errors import ContentError, Problem
from site_builder.project import CONFIG_FILE

ENGINES = ("python-markdown", "commonmark")


@dataclass(frozen=True)
class MarkdownSettings:
    """The `[markdown]` table: the engine, and the extensions added to its defaults, with
    their settings by extension name (as Pelican's MARKDOWN setting)."""

    engine: str = "python-markdown"
    extensions: tuple[str, ...] = ()
    extension_configs: dict[str, dict[str, Any]] = field(default_factory=dict)

    def __hash__(self) -> int:  # one Markdown instance per settings (markup.python_markdown)
        return hash(json.dumps([self.engine, self.extensions, self.extension_configs],
                               sort_keys=True, default=str))


# "local" (a cluster started on this machine), or a scheduler's address: tcp://host:8786, host:8786.
SCHEDULER = re.compile(r"local|((tcp|tls|ws|wss|ucx)://)?(\[[0-9A-Fa-f:.]+\]|[^\s/:\[\]]+)(:\d+)?")


@dataclass(frozen=True)
class BuildSettings:
    """The `[build]` table: how the site is built, not what it is."""

    # A Dask scheduler that parses and renders (see cluster.py): its address, or "local";
    # empty, this machine's worker processes.
    scheduler: str = ""


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
    search_shard_size: int = 250
    markdown: MarkdownSettings = MarkdownSettings()
    # Left out of repr, which keys the cache: where a site is built does not change it.
    build: BuildSettings = field(default=BuildSettings(), repr=False)

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
        if key == "deploy":  # where the site goes, not what it is: kept out of Config
            problems += _deploy_problems(value, text)
        elif key in ("markdown", "build"):
            settings, found = (_markdown_table if key == "markdown" else _build_table)(value, text)
            problems += [Problem(Path(CONFIG_FILE), line, message) for line, message in found]
            if not found:
                values[key] = settings
        elif expected is None:
            problem(key, f"unknown key '{key}' (known: {', '.join(sorted([*_EXPECTED_TYPES, 'deploy']))})")
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


def _deploy_problems(raw: Any, text: str) -> list[Problem]:
    # Imported here: the deploy package reads site.toml through this module.
    from site_builder.deploy.destinations import read_destinations

    return read_destinations(raw, text)[1]


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


_MARKDOWN_KEYS = {"engine": str, "extensions": list, "extension_configs": dict}


def _markdown_table(raw: Any, text: str) -> tuple[MarkdownSettings, list[tuple[int | None, str]]]:
    """The `[markdown]` table and its problems, each with its line; every extension is
    loaded once here, so a missing one is reported before any article is parsed."""
    if not isinstance(raw, dict):
        return MarkdownSettings(), [(_line_of("markdown", text), "'markdown' must be a table")]
    unknown = [(_line_in_markdown(rf"^[ \t]*{re.escape(key)}\s*=", text),
                f"unknown key 'markdown.{key}' (known: {', '.join(sorted(_MARKDOWN_KEYS))})")
               for key in raw if key not in _MARKDOWN_KEYS]
    engine, extensions, configs = (raw.get("engine", "python-markdown"), raw.get("extensions", []),
                                   raw.get("extension_configs", {}))
    wrong = [(_line_in_markdown(rf"^[ \t]*{key}\s*=", text), f"'markdown.{key}' must be {what}")
             for key, what, right in (
                 ("engine", f"one of {', '.join(ENGINES)}", engine in ENGINES),
                 ("extensions", "a list of names",
                  isinstance(extensions, list) and all(isinstance(n, str) for n in extensions)),
                 ("extension_configs", "a table of tables, one per extension",
                  isinstance(configs, dict) and all(isinstance(c, dict) for c in configs.values())))
             if not right]
    if wrong:  # the extensions cannot be tried with settings of the wrong shape
        return MarkdownSettings(), unknown + wrong
    settings = MarkdownSettings(engine, tuple(extensions), configs)
    if engine == "commonmark" and (extensions or configs):
        key = "extensions" if extensions else "extension_configs"
        return settings, unknown + [(_line_in_markdown(rf"^[ \t]*\[?\s*markdown\.{key}|^[ \t]*{key}\s*=", text),
                                     "Markdown extensions apply to the python-markdown engine only")]
    return settings, unknown + (_extension_problems(settings, text) if extensions or configs else [])


def _build_table(raw: Any, text: str) -> tuple[BuildSettings, list[tuple[int | None, str]]]:
    if not isinstance(raw, dict):
        return BuildSettings(), [(_line_of("build", text), "'build' must be a table")]
    found = [(_line_in_table("build", rf"^[ \t]*{re.escape(key)}\s*=", text),
              f"unknown key 'build.{key}' (known: scheduler)") for key in raw if key != "scheduler"]
    scheduler = raw.get("scheduler", "")
    if not isinstance(scheduler, str) or scheduler and not SCHEDULER.fullmatch(scheduler):
        found.append((_line_in_table("build", r"^[ \t]*scheduler\s*=", text),
                      "'build.scheduler' must be \"local\" or a Dask scheduler's address, such as "
                      "tcp://host:8786"))
    return BuildSettings(scheduler if isinstance(scheduler, str) else ""), found


def _extension_problems(settings: MarkdownSettings, text: str) -> list[tuple[int | None, str]]:
    # Imported here: a build with nothing to parse, and no extensions, never loads Python-Markdown.
    from site_builder.markup.python_markdown import extension_problems

    return [(_extension_line(name, text, blame_settings),
             f"Markdown extension '{name}' cannot be loaded"
             f"{' with these settings' if blame_settings else ''}: {message}")
            for name, blame_settings, message in extension_problems(settings)]


def _extension_line(name: str, text: str, settings: bool) -> int | None:
    """The line of an extension's settings table, or of its name in `extensions`."""
    quoted = rf"(\"{re.escape(name)}\"|'{re.escape(name)}'|{re.escape(name)})"
    if settings:
        line = _line_in_markdown(rf"^[ \t]*\[\s*markdown\.extension_configs\.{quoted}\s*\]|^[ \t]*{quoted}\s*=", text)
        if line is not None:
            return line
    return _line_in_markdown(rf"[\"']{re.escape(name)}[\"']", text)


def _line_in_markdown(pattern: str, text: str) -> int | None:
    return _line_in_table("markdown", pattern, text)


def _line_in_table(table: str, pattern: str, text: str) -> int | None:
    """The first line matching `pattern` from the `[table]` on; else that table's."""
    start = re.search(rf"^[ \t]*(\[\s*{table}\s*[\].]|{table}\s*=)", text, re.MULTILINE)
    offset = start.start() if start else 0
    match = re.compile(pattern, re.MULTILINE).search(text, offset)
    if match is None:
        return _line_of(table, text) or (text.count("\n", 0, offset) + 1 if start else None)
    return text.count("\n", 0, match.start()) + 1


def _line_of(key: str, text: str) -> int | None:
    match = re.search(rf"^[ \t]*{re.escape(key)}\s*=", text, re.MULTILINE)
    return text.count("\n", 0, match.start()) + 1 if match else None


def _line_from_message(message: str) -> int | None:
    match = re.search(r"line (\d+)", message)
    return int(match.group(1)) if match else None
