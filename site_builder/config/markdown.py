"""markdown: the `[markdown]` table of site.toml -> MarkdownSettings, with the line of each problem.

Whether an extension loads is the Markdown engine's to say (content/markup): load_config is
handed that check, so this table never imports the library it configures.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from site_builder.config.source import line_in_table, line_of

ENGINES = ("python-markdown", "commonmark")
_KEYS = {"engine": str, "extensions": list, "extension_configs": dict}


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


# (extension, whether its settings are to blame, what is wrong) for each that does not load.
ExtensionCheck = Callable[[MarkdownSettings], list[tuple[str, bool, str]]]
Found = list[tuple[int | None, str]]  # (line, message)


def markdown_table(raw: Any, text: str, check_extensions: ExtensionCheck | None = None
                   ) -> tuple[MarkdownSettings, Found]:
    """The `[markdown]` table and its problems, each with its line; with `check_extensions`,
    every extension is loaded once, so a missing one is reported before any article is parsed."""
    if not isinstance(raw, dict):
        return MarkdownSettings(), [(line_of("markdown", text), "'markdown' must be a table")]
    unknown = [(_line(rf"^[ \t]*{re.escape(key)}\s*=", text),
                f"unknown key 'markdown.{key}' (known: {', '.join(sorted(_KEYS))})")
               for key in raw if key not in _KEYS]
    engine, extensions, configs = (raw.get("engine", "python-markdown"), raw.get("extensions", []),
                                   raw.get("extension_configs", {}))
    wrong = [(_line(rf"^[ \t]*{key}\s*=", text), f"'markdown.{key}' must be {what}")
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
        return settings, unknown + [(_line(rf"^[ \t]*\[?\s*markdown\.{key}|^[ \t]*{key}\s*=", text),
                                     "Markdown extensions apply to the python-markdown engine only")]
    if check_extensions is None or not (extensions or configs):
        return settings, unknown
    return settings, unknown + [
        (_extension_line(name, text, blame_settings),
         f"Markdown extension '{name}' cannot be loaded{' with these settings' if blame_settings else ''}: {message}")
        for name, blame_settings, message in check_extensions(settings)]


def _extension_line(name: str, text: str, settings: bool) -> int | None:
    """The line of an extension's settings table, or of its name in `extensions`."""
    quoted = rf"(\"{re.escape(name)}\"|'{re.escape(name)}'|{re.escape(name)})"
    if settings:
        line = _line(rf"^[ \t]*\[\s*markdown\.extension_configs\.{quoted}\s*\]|^[ \t]*{quoted}\s*=", text)
        if line is not None:
            return line
    return _line(rf"[\"']{re.escape(name)}[\"']", text)


def _line(pattern: str, text: str) -> int | None:
    return line_in_table("markdown", pattern, text)
