"""foreign: files someone else put in a built output folder (a CNAME, a verification file),
found without listing the whole site, to be carried over into the next one.

A build records the modification time of each folder it leaves. A folder gains or loses an
entry only by changing its time, so the next build lists only the folders whose time moved,
and everything below folders it never recorded.
"""

from __future__ import annotations

import os
from collections.abc import Collection, Iterable, Mapping
from pathlib import Path

from site_builder.folders import files_below


def carry_foreign(out: Path, stage: Path, ours: Collection[str], known: Iterable[str] = (),
                  folders: Mapping[str, int] | None = None) -> list[str]:
    """Link into `stage` every file of `out` that is not in `ours`; returns them. `known`: the
    others' files the last build found; `folders`: its folders' times (see folder_times), or
    None to list the whole of `out`."""
    if folders:
        candidates = [*known, *_files_in_changed_folders(out, folders)]
    else:
        candidates = files_below(out, "")
    kept = []
    for relpath in dict.fromkeys(candidates):
        path = os.path.join(out, relpath)
        if relpath not in ours and os.path.isfile(path) and not os.path.islink(path):
            target = stage / relpath
            target.parent.mkdir(parents=True, exist_ok=True)
            target.unlink(missing_ok=True)
            os.link(path, target)
            kept.append(relpath)
    return kept


def folder_times(folder: Path, files: Iterable[str], known: Mapping[str, int] | None = None) -> dict[str, int]:
    """Modification time of each folder holding `files`, and of the folders above them up to
    `folder` (''); `known`: the times of the others, kept unless one of those is gone. Empty
    on a filesystem that keeps whole seconds only: a file added in the same second as the
    build's last would go unseen."""
    names = {""}
    for relpath in files:
        parent = relpath.rpartition("/")[0]
        while parent not in names:
            names.add(parent)
            parent = parent.rpartition("/")[0]
    top = os.fspath(folder)
    times = dict(known or {})
    for name in names:
        try:
            times[name] = os.stat(os.path.join(top, name)).st_mtime_ns
        except OSError:
            times.pop(name, None)
    if all(t % 1_000_000_000 == 0 for t in times.values()):
        return {}
    return times


def _files_in_changed_folders(out: Path, folders: Mapping[str, int]) -> list[str]:
    """The files directly in each folder of `out` whose time is not the recorded one, and every
    file below folders nobody recorded (made since)."""
    top = os.fspath(out)
    found: list[str] = []
    for name, recorded in folders.items():
        path = f"{top}/{name}" if name else top  # not os.path.join: this runs for every folder
        try:
            if os.stat(path).st_mtime_ns == recorded:
                continue
            entries = list(os.scandir(path))
        except OSError:
            continue  # gone: the files it held went with it
        for entry in entries:
            relpath = f"{name}/{entry.name}" if name else entry.name
            if not entry.is_dir(follow_symlinks=False):
                found.append(relpath)
            elif relpath not in folders:
                found.extend(files_below(out, relpath))
    return found
