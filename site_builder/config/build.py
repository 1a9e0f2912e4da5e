"""build: the `[build]` table of site.toml -> BuildSettings: how the site is built, not what it is."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from site_builder.config.source import line_in_table, line_of

# "local" (a cluster started on this machine), or a scheduler's address: tcp://host:8786, host:8786.
SCHEDULER = re.compile(r"local|((tcp|tls|ws|wss|ucx)://)?(\[[0-9A-Fa-f:.]+\]|[^\s/:\[\]]+)(:\d+)?")


@dataclass(frozen=True)
class BuildSettings:
    # A Dask scheduler that parses and renders (see cluster/): its address, or "local";
    # empty, this machine's worker processes.
    scheduler: str = ""


def build_table(raw: Any, text: str) -> tuple[BuildSettings, list[tuple[int | None, str]]]:
    if not isinstance(raw, dict):
        return BuildSettings(), [(line_of("build", text), "'build' must be a table")]
    found = [(line_in_table("build", rf"^[ \t]*{re.escape(key)}\s*=", text),
              f"unknown key 'build.{key}' (known: scheduler)") for key in raw if key != "scheduler"]
    scheduler = raw.get("scheduler", "")
    if not isinstance(scheduler, str) or scheduler and not SCHEDULER.fullmatch(scheduler):
        found.append((line_in_table("build", r"^[ \t]*scheduler\s*=", text),
                      "'build.scheduler' must be \"local\" or a Dask scheduler's address, such as "
                      "tcp://host:8786"))
    return BuildSettings(scheduler if isinstance(scheduler, str) else ""), found
