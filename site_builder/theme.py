"""theme: site overrides -> theme -> parent themes, as one Jinja environment and one static file map."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path

import jinja2

from site_builder.model import ContentError, Problem

# Themes are looked up in the project first, then among the themes bundled with site-builder.
BUNDLED_THEMES = Path(__file__).resolve().parent.parent / "themes"
# Feeds, sitemaps and robots.txt; a theme or the site may still override them by name.
BUILTIN_TEMPLATES = Path(__file__).resolve().parent / "templates"
SITE_TEMPLATES = "templates"


@dataclass(frozen=True)
class Theme:
    name: str
    chain: tuple[Path, ...]  # theme folders, the chosen theme first, then what it extends
    template_dirs: tuple[Path, ...]  # site overrides first
    static_files: dict[str, Path]  # output path ('static/...') -> file; child themes win


def load_theme(root: Path, name: str) -> Theme:
    chain: list[Path] = []
    while name:
        folder = _find(root, name)
        if folder is None or folder in chain:
            why = "extends itself" if folder in chain else "not found in themes/"
            raise ContentError([Problem(Path("site.toml"), None, f"theme '{name}' {why}")])
        chain.append(folder)
        name = _parent_of(folder)
    site_templates = root / SITE_TEMPLATES
    template_dirs = ([site_templates] if site_templates.is_dir() else []) + [
        t / "templates" for t in chain
    ] + [BUILTIN_TEMPLATES]
    static: dict[str, Path] = {}
    for folder in reversed(chain):
        static_dir = folder / "static"
        for path in sorted(static_dir.rglob("*")) if static_dir.is_dir() else ():
            if path.is_file():
                static[f"static/{path.relative_to(static_dir).as_posix()}"] = path
    return Theme(chain[0].name, tuple(chain), tuple(template_dirs), static)


def _find(root: Path, name: str) -> Path | None:
    for base in (root / "themes", BUNDLED_THEMES):
        if (base / name / "templates").is_dir():
            return base / name
    return None


def _parent_of(folder: Path) -> str | None:
    manifest = folder / "theme.toml"
    if not manifest.exists():
        return None
    try:
        return tomllib.loads(manifest.read_text(encoding="utf-8")).get("extends")
    except tomllib.TOMLDecodeError as err:
        raise ContentError([Problem(manifest, None, f"invalid TOML: {err}")]) from None


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
    )
