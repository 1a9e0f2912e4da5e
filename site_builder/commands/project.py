"""project: `site-builder init`, `new` and `theme`: making an archive, an article, a theme of one's own."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from site_builder.commands import EXIT_OK
from site_builder.config import Config, load_config
from site_builder.errors import ContentError, UsageError

if TYPE_CHECKING:
    from site_builder.scaffold import SiteSettings


def run_new(args: argparse.Namespace) -> int:
    from site_builder.scaffold import new_article

    path = new_article(args.root, args.title, dt.date.today())
    print(f"Created {path}")
    return EXIT_OK


def run_init(args: argparse.Namespace) -> int:
    from site_builder.project import CONFIG_FILE
    from site_builder.scaffold import new_site

    folder = args.folder or args.root
    existing = (folder / CONFIG_FILE).is_file()
    settings = _settings(args, ask=sys.stdin.isatty() and not existing)
    made = new_site(folder, dt.date.today(), force=args.force, settings=settings)
    for path in made:
        print(f"Created {folder / path}")
    if existing:
        given = [flag for flag, value in (("--title", args.title), ("--base-url", args.base_url),
                                          ("--timezone", args.timezone)) if value is not None]
        kept = f"; its site.toml is kept as it is ({', '.join(given)} not applied)" if given else ""
        added = f"Added {len(made)} missing {'file' if len(made) == 1 else 'files'} to" if made else "Nothing to add to"
        print(f"{added} the archive in {folder}/{kept}.")
        return EXIT_OK
    print(f"\nA new archive is in {folder}/. Next, from there:")
    if folder.resolve() != Path.cwd().resolve():
        print(f"  cd {folder}")
    print("  site-builder import content/raw/*.txt   # once raw dumps are in content/raw/")
    print("  site-builder build                      # the site, into output/")
    print("  site-builder serve                      # preview at http://127.0.0.1:8000/")
    return EXIT_OK


def _settings(args: argparse.Namespace, ask: bool) -> SiteSettings:
    """The title, address and time zone from the flags; on a terminal, those not given are
    asked for, each with its default in brackets (Enter keeps it)."""
    from site_builder.config import base_url_problem, timezone_problem
    from site_builder.scaffold import SiteSettings

    def title_problem(text: str) -> str | None:
        return None if text.strip() else "the title needs some text"

    questions = (("title", "Title of the archive", Config.title, title_problem),
                 ("base_url", "The site's address, where it will be published", Config.base_url,
                  base_url_problem),
                 ("timezone", "Time zone of dates written without one", Config.timezone, timezone_problem))
    values: dict[str, str | None] = {}
    for key, question, default, problem in questions:
        value = getattr(args, key)
        if value is None and ask:
            value = _ask(question, default, problem)
        if value is not None and (message := problem(value)):
            raise UsageError(f"--{key.replace('_', '-')} {value}: {message}")
        if key == "base_url" and value is not None and not value.endswith("/"):
            value += "/"
        values[key] = value
    return SiteSettings(**values)


def _ask(question: str, default: str, problem: Callable[[str], str | None]) -> str:
    while True:
        answer = input(f"{question} [{default}]: ").strip() or default
        message = problem(answer)
        if message is None:
            return answer
        print(f"  {message}; try again")


def run_theme_list(args: argparse.Namespace) -> int:
    from site_builder.pages.theme import bundled_themes

    try:
        in_use = load_config(args.root).theme
    except ContentError:  # a site.toml with problems: `build` says which
        in_use = None
    own = sorted(p.parent.name for p in (args.root / "themes").glob("*/templates") if p.is_dir())
    found = [(name, f"themes/{name}") for name in own]
    found += [(name, "bundled") for name in bundled_themes() if name not in own]
    for name, where in found:
        print(f"{name}  ({where}{', in use' if name == in_use else ''})")
    return EXIT_OK


def run_theme_copy(args: argparse.Namespace) -> int:
    from site_builder.scaffold import copy_theme

    path = copy_theme(args.root, args.name, args.new_name)
    print(f"Copied theme '{args.name}' to {path}/; to use it, set theme = \"{args.new_name}\" in site.toml")
    return EXIT_OK
