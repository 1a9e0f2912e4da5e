"""folders: the files below a folder, listed as text.

The whole archive and the whole site are listed on every build, so this stays with strings
and os.scandir: no Path objects, no os.walk bookkeeping.
"""

from __future__ import annotations

import os


def files_below(top: str | os.PathLike[str], below: str = "", skip_hidden: bool = False) -> list[str]:
    """Paths relative to `top`, '/'-separated, of the files under top/below; linked folders are
    not followed (as os.walk). `skip_hidden` leaves out names starting with '.' (editor
    backups, .git). A missing or unreadable folder has no files."""
    top = os.fspath(top)
    found: list[str] = []
    todo = [below.strip("/")]
    while todo:
        folder = todo.pop()
        try:
            entries = list(os.scandir(os.path.join(top, folder)))
        except OSError:
            continue
        for entry in entries:
            if skip_hidden and entry.name.startswith("."):
                continue
            relpath = f"{folder}/{entry.name}" if folder else entry.name
            if entry.is_dir(follow_symlinks=False):
                todo.append(relpath)
            else:
                found.append(relpath)
    return found
