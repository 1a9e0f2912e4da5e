"""renditions: a picture's renditions (feed media, ninjs renditions, NewsML-G2 remoteContent) -> the largest one."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any


def largest(renditions: Iterable[Any]) -> Any | None:
    """The rendition with the greatest width (anything with .get("width"): a dict or an XML element);
    the first when none gives a width; None when there is none."""
    return max(renditions, key=lambda rendition: width(rendition.get("width")), default=None)


def width(value: object) -> int:
    """A width in pixels; 0 when the value is no number ("1200px" and "" included)."""
    try:
        return int(str(value).strip())
    except ValueError:
        return 0
