"""headers: a path in the site -> the Cache-Control it is served with (its Content-Type: filetypes.py)."""

from __future__ import annotations

import functools
import re

from site_builder.config.deploy import SHORT


def cache_control(path: str, patterns: tuple[tuple[str, str], ...]) -> str:
    """The value of the first pattern matching the whole path; the site's own come first."""
    for pattern, value in patterns:
        if _compiled(pattern).fullmatch(path):
            return value
    return SHORT


@functools.cache
def _compiled(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern)
