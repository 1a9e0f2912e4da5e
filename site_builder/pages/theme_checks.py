"""theme_checks: a theme's theme.toml and the files of the project's themes and templates, checked
before any is used, every problem with its path in the project and its line, as site.toml's are.

A theme of the project may extend another only by its folder name under themes/; its files and
the site's templates/ are read only if they are regular files inside the project (or the bundled
themes): a link to a file elsewhere on the machine would publish it, and a pipe would hang the
build.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterable
from pathlib import Path

from site_builder.config.source import line_of, parse_toml
from site_builder.errors import ContentError, Problem
from site_builder.folders import files_below
from site_builder.project import THEME_NAME
from site_builder.regular import NotRegular, outside, read_regular

THEME_TOML = "theme.toml"
_KEYS = {"extends": "the theme it extends, by its folder name under themes/"}


def shown(path: Path, root: Path) -> Path:
    """`path` as messages name it: below the project when it is in it (as named, links not
    followed)."""
    try:
        return Path(os.path.abspath(path)).relative_to(os.path.abspath(root))
    except ValueError:
        return path


def read_parent(folder: Path, root: Path) -> tuple[str | None, list[Problem]]:
    """The theme that the theme in `folder` extends (its theme.toml's `extends`), or None; and
    the problems of its theme.toml, each with its line."""
    path = folder / THEME_TOML
    if not os.path.lexists(path):
        return None, []
    where = shown(path, root)
    try:
        text = read_regular(path).decode("utf-8-sig")
    except UnicodeDecodeError as err:
        return None, [Problem(where, err.object[: err.start].count(b"\n") + 1, "not UTF-8 text")]
    except OSError as err:
        return None, [Problem(where, None, f"cannot be read: {err.strerror}")]
    try:
        values = parse_toml(text, where)
    except ContentError as err:
        return None, err.problems
    problems = [Problem(where, line_of(key, text), f"unknown key '{key}' (known: {', '.join(_KEYS)}: "
                                                   f"{' '.join(_KEYS.values())})")
                for key in values if key not in _KEYS]
    parent = values.get("extends")
    if parent is not None and (not isinstance(parent, str) or not THEME_NAME.fullmatch(parent)):
        problems.append(Problem(where, line_of("extends", text),
                                f"'extends' must be a theme's folder name under themes/, not {parent!r}"))
        parent = None
    return parent, problems


def file_problems(folders: Iterable[Path], root: Path, allowed: tuple[Path, ...]) -> list[Problem]:
    """Every file below `folders` (a project theme, the site's templates/) that is a link out of
    `allowed` (the resolved project and bundled themes), or not a regular file. Linked folders
    are not followed, and reported as links if they lead out."""
    problems = []
    for folder in folders:
        elsewhere = outside(folder, allowed)
        if elsewhere is not None:
            problems.append(Problem(shown(folder, root), None, f"a link to {elsewhere}, outside the project: "
                                                               "refused, as the site would publish its files"))
            continue
        for relpath in sorted(files_below(folder)):
            path = folder / relpath
            elsewhere = outside(path, allowed) if path.is_symlink() else None
            if elsewhere is not None:
                problems.append(Problem(shown(path, root), None,
                                        f"a link to {elsewhere}, outside the project: refused, as the site would publish it"))
                continue
            try:
                mode = os.stat(path).st_mode
                if not stat.S_ISREG(mode) and not stat.S_ISDIR(mode):
                    raise NotRegular(path, mode)
            except OSError as err:
                problems.append(Problem(shown(path, root), None, f"cannot be read: {err.strerror}"))
    return problems
