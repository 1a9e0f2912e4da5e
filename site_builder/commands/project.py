"""project: `site-builder init`, `new` and `theme`: making an archive, an article, a theme of one's own."""

from __future__ import annotations

import argparse
import datetime as dt
from pathlib import Path

from site_builder.commands import EXIT_OK


def run_new(args: argparse.Namespace) -> int:
    from site_builder.scaffold import new_article

    path = new_article(args.root, args.title, dt.date.today())
    print(f"Created {path}")
    return EXIT_OK


def run_init(args: argparse.Namespace) -> int:
    from site_builder.scaffold import new_site

    folder = args.folder or args.root
    made = new_site(folder, dt.date.today(), force=args.force)
    for path in made:
        print(f"Created {folder / path}")
    print(f"\nA new archive is in {folder}/. Next, from there:")
    if folder.resolve() != Path.cwd().resolve():
        print(f"  cd {folder}")
    print("  site-builder import content/raw/*.txt   # once raw dumps are in content/raw/")
    print("  site-builder build                      # the site, into output/")
    print("  site-builder serve                      # preview at http://127.0.0.1:8000/")
    return EXIT_OK


def run_theme_list(args: argparse.Namespace) -> int:
    from site_builder.pages.theme import bundled_themes

    own = sorted(p.parent.name for p in (args.root / "themes").glob("*/templates") if p.is_dir())
    for name in own:
        print(f"{name}  (themes/{name})")
    for name in bundled_themes():
        if name not in own:
            print(f"{name}  (bundled)")
    return EXIT_OK


def run_theme_copy(args: argparse.Namespace) -> int:
    from site_builder.scaffold import copy_theme

    path = copy_theme(args.root, args.name, args.new_name)
    print(f"Copied theme '{args.name}' to {path}/; to use it, set theme = \"{args.new_name}\" in site.toml")
    return EXIT_OK
