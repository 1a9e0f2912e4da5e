"""redirects: a built site's `_redirects` file -> where each alias's page sends readers, by its path
in the site: what a store that redirects by itself (S3's website redirect location) is told."""

from __future__ import annotations

from collections.abc import Container
from pathlib import Path

REDIRECTS_FILE = "_redirects"


def read_redirects(site: Path, base_path: str, files: Container[str]) -> dict[str, str]:
    """{path of an alias's page in the site: the address it redirects to}, from the rules the
    build wrote (`/archive/old/ /archive/new/ 301`); `base_path`: the site's path on its host
    ('/archive/'); `files`: the site's files, as only pages that exist are told."""
    try:
        text = (site / REDIRECTS_FILE).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return {}
    found = {}
    for line in text.splitlines():
        parts = line.split()
        if len(parts) < 2 or line.startswith("#") or not parts[0].startswith(base_path):
            continue
        old = parts[0][len(base_path):]
        page = f"{old}index.html" if old.endswith("/") or not old else old
        if page in files:
            found[page] = parts[1]
    return found
