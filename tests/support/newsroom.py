"""newsroom: a small newsroom's archive for the tests: a photo story (an article that is a folder
with its photo), an author with a profile, a correction, an alias, a story of two articles, an
About page, a menu and a static/CNAME; and photos made with Pillow."""

from __future__ import annotations

import io
from pathlib import Path

from tests.support.sites import SITE_TOML, write_site

STORY_DIR = "content/articles/2024/06/budget"
PHOTO_STORY = f"{STORY_DIR}/index.md"
PHOTO_STORY_URL = "2024/06/03/japan-passes-record-budget/"
FIRST_URL = "2024/06/01/budget-talks-begin/"
OLD_URL = "2024/06/02/japan-budget-passes/"

NEWSROOM_TOML = SITE_TOML + """
[[menu]]
name = "Latest"
url = "/"

[[menu]]
name = "About"
url = "about/"
weight = 10
"""


def photo(width: int = 2000, height: int = 1300, kind: str = "JPEG",
          colour: tuple[int, int, int] = (40, 90, 140)) -> bytes:
    """A photo's bytes: a gradient, so resized variants differ from one another."""
    from PIL import Image

    picture = Image.new("RGB", (width, height), colour)
    stripe = Image.linear_gradient("L").resize((width, height))
    picture.putalpha(stripe)
    out = io.BytesIO()
    (picture if kind == "PNG" else picture.convert("RGB")).save(out, kind)
    return out.getvalue()


def newsroom_files() -> dict[str, str]:
    return {
        PHOTO_STORY: """---
title: Japan passes record budget
date: 2024-06-03T14:05:00
authors: [Jane Doe, John Roe]
story: Japan budget
source: Newsroom Wire
topics: [Economy]
image:
  src: lead.jpg
  caption: Lawmakers vote in the Diet in Tokyo.
  credit: Jane Doe / Newsroom
aliases: ["/2024/06/02/japan-budget-passes/"]
corrections:
  - date: 2024-06-04T09:30:00
    text: An earlier version of this article misstated the budget's total.
---
Japan's parliament passed a record budget on Monday.
""",
        "content/articles/2024/06/talks.md": """---
title: Budget talks begin
date: 2024-06-01
byline: By Jane Doe
story: Japan budget
topics: [Economy]
---
Talks on the budget began in Tokyo.
""",
        "content/authors/jane-doe.md": """---
name: Jane Doe
role: Tokyo correspondent
photo: /staff/jane.png
links:
  - https://mastodon.example/@jane
  - {name: Email, url: "mailto:jane@example.org"}
---
Jane Doe has covered Japan's politics since 2015.
""",
        "content/stories/japan-budget.md": """---
summary: How Japan's record budget came to pass.
---
The government's **record budget**, from the first talks to the vote.
""",
        "content/pages/about.md": """---
title: About this archive
---
We keep the news of Japan's economy.
""",
        "static/CNAME": "news.example.org\n",
    }


def write_newsroom(root: Path, config: str = NEWSROOM_TOML) -> Path:
    """The newsroom's archive at `root`, with its photos: the story's, beside it, and the
    author's, in static/."""
    write_site(root, newsroom_files(), config)
    (root / STORY_DIR / "lead.jpg").write_bytes(photo())
    (root / "static/staff").mkdir(parents=True, exist_ok=True)
    (root / "static/staff/jane.png").write_bytes(photo(600, 600, "PNG", (200, 120, 60)))
    return root
