"""headings: a subheading's text -> its id, the same in both Markdown engines."""

from __future__ import annotations

import re

_NOT_IN_IDS = re.compile(r"[^\w\u4e00-\u9fff\- ]")


def heading_id(title: str) -> str:
    """A heading's id as GitHub makes it ("Who voted?" -> "who-voted"); both engines use it,
    so a link to a subheading survives a change of engine."""
    return _NOT_IN_IDS.sub("", title.lower().replace(" ", "-"))
