"""scaffold: starting files made for the user: a new archive (`init`), an article (`new`), an
editable copy of a theme (`theme copy`)."""

from __future__ import annotations

import datetime as dt
import json
import re
import shutil
from dataclasses import dataclass
from pathlib import Path

from site_builder.config import load_config
from site_builder.errors import ContentError, Problem, UsageError
from site_builder.pages.theme import find_theme
from site_builder.project import (
    ARTICLES_DIR,
    AUTHORS_DIR,
    CONFIG_FILE,
    PAGES_DIR,
    STATIC_DIR,
    STORIES_DIR,
    THEME_NAME,
)
from site_builder.text import slugify, unique_slug

SKELETON = Path(__file__).resolve().parent / "skeleton"
RAW_DIR = Path("content") / "raw"


@dataclass(frozen=True)
class SiteSettings:
    """What `init` asks for: written into the new site.toml; None leaves the key as the
    skeleton has it (its default)."""

    title: str | None = None
    base_url: str | None = None
    timezone: str | None = None


def new_site(folder: Path, today: dt.date, force: bool = False,
             settings: SiteSettings = SiteSettings()) -> list[Path]:
    """A new archive in `folder`: site.toml, content/articles/ with one example article,
    content/raw/, content/pages/ with an About page, content/authors/ and content/stories/ each
    with a README, static/, .gitignore. Refuses a folder with anything in it unless `force`,
    and even then never replaces a file that is there. Returns the files made."""
    if folder.exists() and not folder.is_dir():
        raise UsageError(f"{folder}: exists and is not a folder")
    if folder.is_dir() and any(folder.iterdir()) and not force:
        raise UsageError(f"{folder}: not empty; use --force to add an archive's files to it")
    welcome = (SKELETON / "welcome.md").read_text(encoding="utf-8").replace("{date}", today.isoformat())
    files = {
        Path(CONFIG_FILE): site_toml(settings),
        Path(".gitignore"): (SKELETON / "gitignore").read_text(encoding="utf-8"),
        ARTICLES_DIR / f"{today:%Y}" / f"{today:%m}" / "welcome-to-your-news-archive.md": welcome,
        # The other folders of a newsroom's archive, each saying what goes in it.
        Path(PAGES_DIR) / "about.md": (SKELETON / "about.md").read_text(encoding="utf-8"),
        Path(AUTHORS_DIR) / "README.txt": (SKELETON / "authors.txt").read_text(encoding="utf-8"),
        Path(STORIES_DIR) / "README.txt": (SKELETON / "stories.txt").read_text(encoding="utf-8"),
        Path(STATIC_DIR) / ".gitkeep": "",
        # The importer's topics and the words that signal them, to edit (see README, "Importing").
        Path("content/vocabulary.toml"): (SKELETON / "vocabulary.toml").read_text(encoding="utf-8"),  # git keeps no empty folder; the build copies no .gitkeep
    }
    (folder / RAW_DIR).mkdir(parents=True, exist_ok=True)
    made = []
    for relpath, text in files.items():
        path = folder / relpath
        if path.exists():
            continue  # --force adds what is missing; it never overwrites
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("x", encoding="utf-8") as handle:
            handle.write(text)
        made.append(relpath)
    return made


def site_toml(settings: SiteSettings) -> str:
    """The skeleton's site.toml with the settings given in place of its defaults (JSON's
    string escapes are TOML's)."""
    text = (SKELETON / "site.toml").read_text(encoding="utf-8")
    for key, value in (("title", settings.title), ("base_url", settings.base_url),
                       ("timezone", settings.timezone)):
        if value is not None:
            line = f"{key} = {json.dumps(value, ensure_ascii=False)}"
            text = re.sub(rf"^(# )?{key} = .*$", lambda _: line, text, count=1, flags=re.MULTILINE)
    return text


def copy_theme(root: Path, name: str, new_name: str) -> Path:
    """An editable copy of theme `name` (the project's or a bundled one) as themes/`new_name`."""
    source = find_theme(root, name)
    if source is None:
        raise UsageError(f"no theme '{name}' in themes/ or among the bundled ones")
    if not THEME_NAME.fullmatch(new_name):
        raise UsageError(f"'{new_name}': a theme's name is letters, digits, '-' and '_'")
    target = root / "themes" / new_name
    if target.exists():
        raise UsageError(f"themes/{new_name}: already exists; choose another name")
    shutil.copytree(source, target)
    return target.relative_to(root)


def new_article(root: Path, title: str, today: dt.date) -> Path:
    """Create the file; never overwrites: an existing slug gets -2, -3, ..."""
    import yaml  # only `new` needs it

    base = slugify(title, style=load_config(root).slugs)
    if not base:
        raise ContentError([Problem(Path("<title>"), None, "the headline needs letters or digits")])
    folder = root / ARTICLES_DIR / f"{today:%Y}" / f"{today:%m}"
    folder.mkdir(parents=True, exist_ok=True)
    slug = unique_slug(base, {path.stem for path in folder.glob("*.md")})
    front = {"title": title, "date": today, "slug": slug, "topics": [], "tags": [],
             "regions": [], "draft": True}
    text = "---\n" + yaml.safe_dump(front, sort_keys=False, allow_unicode=True) + "---\n\n"
    text += "Write the article here. Remove `draft: true` to publish it.\n"
    path = folder / f"{slug}.md"
    with path.open("x", encoding="utf-8") as handle:  # "x": fail rather than overwrite
        handle.write(text)
    return path.relative_to(root) if path.is_relative_to(root) else path
