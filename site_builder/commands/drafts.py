"""drafts: `site-builder list drafts`: every article marked draft, with its date or "undated",
as `hugo list drafts` lists them."""

from __future__ import annotations

import argparse

from site_builder.commands import EXIT_OK
from site_builder.pages.words import counted


def run_list_drafts(args: argparse.Namespace) -> int:
    from site_builder.content.discover import discover
    from site_builder.content.front_matter import FrontMatter, split_front_matter

    files, _, _ = discover(args.root)
    rows = []
    for file in files:
        front = split_front_matter(file)
        if isinstance(front, FrontMatter) and front.values.get("draft") is True:
            date = str(front.values.get("date") or "")[:10] or "undated"
            rows.append((file.key, date, str(front.values.get("title") or "(no title)")))
    if not rows:
        print("No drafts.")
        return EXIT_OK
    width = max(len(path) for path, _, _ in rows)
    for path, date, title in rows:
        print(f"{path:<{width}}  {date:<10}  {title}")
    print(f"{counted(len(rows), 'draft')}; `site-builder build --drafts` builds them, removing "
          "`draft: true` publishes one.")
    return EXIT_OK
