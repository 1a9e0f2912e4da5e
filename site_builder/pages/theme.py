"""theme: site overrides -> theme -> parent themes, as one Jinja environment and one static file map."""

from __future__ import annotations

import hashlib
import tomllib
from dataclasses import dataclass
from pathlib import Path

import jinja2

from site_builder.errors import ContentError, Problem
from site_builder.project import CONFIG_FILE, SITE_TEMPLATES, SITE_TRANSLATIONS

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


def load_theme(root: Path, name: str, fingerprint: bool = True) -> Theme:
    """`fingerprint=False` keeps static files' names ('static/style.css'), so that editing one
    changes no page (the dev server, which tells browsers not to cache)."""
    chain: list[Path] = []
    while name:
        folder = find_theme(root, name)
        if folder is None or folder in chain:
            why = "extends itself" if folder in chain else "not found in themes/"
            raise ContentError([Problem(Path(CONFIG_FILE), None, f"theme '{name}' {why}")])
        chain.append(folder)
        name = _parent_of(folder)
    site_templates = root / SITE_TEMPLATES
    template_dirs = ([site_templates] if site_templates.is_dir() else []) + [
        t / "templates" for t in chain
    ] + [BUILTIN_TEMPLATES]
    sources = _static_sources(chain)
    assets = {name: _output_path(name, path) if fingerprint else f"static/{name}" for name, path in sources.items()}
    static = {assets[name]: path for name, path in sources.items()}
    locale_dirs = (root / SITE_TRANSLATIONS, *(folder / "locale" for folder in chain), BUILTIN_LOCALE)
    return Theme(chain[0].name, tuple(chain), tuple(template_dirs), static, assets, fingerprint, locale_dirs)


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
    digest = hashlib.sha256(path.read_bytes()).hexdigest()[:10]
    return f"static/{name[: -len(path.suffix)]}.{digest}{path.suffix}"


def bundled_themes() -> list[str]:
    return sorted(folder.name for folder in BUNDLED_THEMES.iterdir() if (folder / "templates").is_dir())


def find_theme(root: Path, name: str) -> Path | None:
    """The folder of theme `name`: the project's own themes/ first, then the bundled ones."""
    for base in (root / "themes", BUNDLED_THEMES):
        if (base / name / "templates").is_dir():
            return base / name
    return None


def _parent_of(folder: Path) -> str | None:
    theme_toml = folder / "theme.toml"
    if not theme_toml.exists():
        return None
    try:
        return tomllib.loads(theme_toml.read_text(encoding="utf-8")).get("extends")
    except tomllib.TOMLDecodeError as err:
        raise ContentError([Problem(theme_toml, None, f"invalid TOML: {err}")]) from None


def make_environment(theme: Theme) -> jinja2.Environment:
    """A template named 'default/article.html' is that theme's own version, so an override
    can extend the template it replaces."""
    by_theme = {folder.name: jinja2.FileSystemLoader(folder / "templates") for folder in theme.chain}
    loader = jinja2.ChoiceLoader(
        [jinja2.FileSystemLoader(list(theme.template_dirs)), jinja2.PrefixLoader(by_theme)]
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
