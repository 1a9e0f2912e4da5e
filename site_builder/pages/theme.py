"""theme: site overrides -> theme -> parent themes, as one Jinja environment and one static file map."""

from __future__ import annotations

import hashlib
import os
import posixpath
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path

import jinja2
from jinja2.loaders import split_template_path

from site_builder.config.source import line_of, read_site_toml
from site_builder.errors import ContentError, Problem
from site_builder.pages.theme_checks import (
    THEME_TOML,
    file_problems,
    read_parent,
    shown,
)
from site_builder.project import CONFIG_FILE, SITE_TEMPLATES, SITE_TRANSLATIONS
from site_builder.regular import read_regular

PACKAGE = Path(__file__).resolve().parent.parent  # site_builder/
# Themes are looked up in the project first, then among the themes bundled with site-builder:
# inside the installed package, or at the top of a source checkout (an editable install).
BUNDLED_THEMES = next((folder for folder in (PACKAGE / "themes", PACKAGE.parent / "themes")
                       if folder.is_dir()), PACKAGE / "themes")
# Feeds, sitemaps and robots.txt; a theme or the site may still override them by name.
BUILTIN_TEMPLATES = PACKAGE / "templates"
BUILTIN_LOCALE = PACKAGE / "locale"  # the words of the built-in templates (feeds, forwarding pages)
# Country outlines for the regions map, looked up along the theme chain.
MAP_GEOMETRY = "map/countries-110m.geojson"
# Files that change with the theme get their content hash in the name, so they can be cached
# forever; images and fonts keep theirs, as CSS may refer to them by name.
FINGERPRINTED = {".css", ".js", ".svg"}


@dataclass(frozen=True)
class Theme:
    name: str
    chain: tuple[Path, ...]  # theme folders, the chosen theme first, then what it extends
    template_dirs: tuple[Path, ...]  # site overrides first
    static_files: dict[str, Path]  # output path ('static/style.<hash>.css') -> file; child themes win
    assets: dict[str, str]  # logical name ('style.css') -> output path, for the asset() helper
    fingerprinted: bool = True  # whether output paths carry the file's hash
    # Where the interface's message catalogues are looked for, strongest first (see language.py).
    locale_dirs: tuple[Path, ...] = ()

    def data_file(self, name: str) -> Path | None:
        """A theme file that is read by the build, not copied (map geometry); children win."""
        return next((folder / name for folder in self.chain if (folder / name).is_file()), None)


def load_theme(root: Path, name: str, fingerprint: bool = True, pinned: Mapping[str, str] | None = None) -> Theme:
    """`fingerprint=False` keeps static files' names ('static/style.css'), so that editing one
    changes no page; `pinned` keeps the output paths of the files it names as they were (the
    dev server, which tells browsers not to cache). Every problem of the chain's theme.toml
    files and of the project's theme files is raised together."""
    chain, problems = _chain(root, name)
    site_templates = root / SITE_TEMPLATES
    template_dirs = ([site_templates] if site_templates.is_dir() else []) + [
        t / "templates" for t in chain
    ] + [BUILTIN_TEMPLATES]
    own = [folder for folder in [site_templates, *chain] if folder.is_dir() and not _is_bundled(folder)]
    problems += file_problems(own, root, allowed_places(root))
    if problems:
        raise ContentError(problems)
    sources = _static_sources(chain)
    pinned = pinned or {}
    assets = {name: pinned.get(name) or (_output_path(name, path) if fingerprint else f"static/{name}")
              for name, path in sources.items()}
    static = {assets[name]: path for name, path in sources.items()}
    locale_dirs = (root / SITE_TRANSLATIONS, *(folder / "locale" for folder in chain), BUILTIN_LOCALE)
    return Theme(chain[0].name, tuple(chain), tuple(template_dirs), static, assets, fingerprint, locale_dirs)


def allowed_places(root: Path) -> tuple[Path, ...]:
    """Where the files a build reads for its theme may really be: the project, and the themes
    and templates that come with site-builder."""
    return (root.resolve(), BUNDLED_THEMES.resolve(), PACKAGE)


def _chain(root: Path, name: str) -> tuple[list[Path], list[Problem]]:
    """The theme `name` and those it extends, in that order, and the problems met on the way."""
    chain: list[Path] = []
    problems: list[Problem] = []
    asked_by: Path | None = None  # the theme.toml naming `name`; None: site.toml
    while name:
        folder = find_theme(root, name)
        if folder is None or folder in chain:
            why = "extends itself" if folder in chain else f"not found in themes/ (known: {', '.join(_known(root))})"
            problems.append(_naming_problem(root, asked_by, name, f"theme '{name}' {why}"))
            break
        chain.append(folder)
        parent, found = read_parent(folder, root)
        problems += found
        name, asked_by = parent or "", folder / THEME_TOML
    return chain, problems


def _naming_problem(root: Path, asked_by: Path | None, name: str, message: str) -> Problem:
    """`message` at the line that names theme `name`: site.toml's `theme`, or a theme.toml's
    `extends`."""
    if asked_by is None:
        found = read_site_toml(root)
        return Problem(Path(CONFIG_FILE), line_of("theme", found[1]) if found else None, message)
    return Problem(shown(asked_by, root), line_of("extends", read_regular(asked_by).decode("utf-8-sig")), message)


def _known(root: Path) -> list[str]:
    own = sorted(p.parent.name for p in (root / "themes").glob("*/templates") if p.is_dir())
    return list(dict.fromkeys([*own, *bundled_themes()]))


def _is_bundled(folder: Path) -> bool:
    return folder.resolve().is_relative_to(BUNDLED_THEMES.resolve())


def _static_sources(chain: list[Path]) -> dict[str, Path]:
    """Logical name -> file; a theme's file replaces its parent's file of the same name."""
    sources: dict[str, Path] = {}
    for folder in reversed(chain):
        static_dir = folder / "static"
        for path in sorted(static_dir.rglob("*")) if static_dir.is_dir() else ():
            if path.is_file():
                sources[path.relative_to(static_dir).as_posix()] = path
    return dict(sorted(sources.items()))


def _output_path(name: str, path: Path) -> str:
    """'style.css' -> 'static/style.1a2b3c4d5e.css' (content hash) for fingerprinted kinds."""
    if path.suffix not in FINGERPRINTED:
        return f"static/{name}"
    digest = hashlib.sha256(read_regular(path)).hexdigest()[:10]
    return f"static/{name[: -len(path.suffix)]}.{digest}{path.suffix}"


def bundled_themes() -> list[str]:
    return sorted(folder.name for folder in BUNDLED_THEMES.iterdir() if (folder / "templates").is_dir())


def find_theme(root: Path, name: str) -> Path | None:
    """The folder of theme `name`: the project's own themes/ first, then the bundled ones."""
    for base in (root / "themes", BUNDLED_THEMES):
        if (base / name / "templates").is_dir():
            return base / name
    return None


def make_environment(theme: Theme) -> jinja2.Environment:
    """A template named 'default/article.html' is that theme's own version, so an override
    can extend the template it replaces."""
    by_theme = {folder.name: _Loader(folder / "templates") for folder in theme.chain}
    loader = jinja2.ChoiceLoader(
        [_Loader(list(theme.template_dirs)), jinja2.PrefixLoader(by_theme)]
    )
    return jinja2.Environment(
        loader=loader,
        autoescape=jinja2.select_autoescape(["html", "xml"]),
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        # Each build makes its own environment, so a template never changes under it; not
        # checking the file's time on every include saves a system call per include.
        auto_reload=False,
        # {% trans %} and _(): the interface's words, from the site language's catalogues.
        extensions=["jinja2.ext.i18n"],
    )


class _Loader(jinja2.FileSystemLoader):
    """Jinja's loader of template folders, reading a template only if it is a regular file: the
    theme's files were checked when it loaded (theme_checks.py), and one swapped for a pipe
    since must not hang a build."""

    def get_source(self, environment: jinja2.Environment, template: str) -> tuple[str, str, Callable[[], bool]]:
        pieces = split_template_path(template)
        found = (posixpath.join(folder, *pieces) for folder in self.searchpath)
        filename = next((candidate for candidate in found if os.path.lexists(candidate)), None)
        if filename is None:
            raise jinja2.TemplateNotFound(template)
        try:
            source = read_regular(filename).decode("utf-8")
            mtime = os.path.getmtime(filename)
        except OSError as err:
            raise jinja2.TemplateNotFound(template, f"{filename}: cannot be read: {err.strerror}") from None

        def uptodate() -> bool:
            try:
                return os.path.getmtime(filename) == mtime
            except OSError:
                return False

        return source, os.path.normpath(filename), uptodate
