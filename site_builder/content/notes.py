"""notes: the Markdown files besides the articles -> checked values, or every problem with them:
standalone pages (content/pages/), authors' profiles (content/authors/) and stories'
introductions (content/stories/). Each is named by its file: `about.md` is `/about/`,
`jane-doe.md` the profile of the author whose byline slugs to `jane-doe`."""

from __future__ import annotations

import posixpath
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from site_builder.config import Config
from site_builder.content.fields import read_aliases
from site_builder.content.files import SiteFiles
from site_builder.content.front_matter import FrontMatter, split_front_matter
from site_builder.content.markup import is_safe_url, render_markdown
from site_builder.errors import Problem
from site_builder.model import ArticleFile
from site_builder.newsroom import Image, Link, Profile, Standalone, StoryIntro
from site_builder.project import AUTHORS_DIR, PAGES_DIR, STORIES_DIR
from site_builder.text import SLUG_PATTERN, slugify, summarize

Say = Callable[[str | None, str], None]  # (field, message): a problem with the file being read


@dataclass(frozen=True)
class Notes:
    pages: tuple[Standalone, ...] = ()
    profiles: dict[str, Profile] = field(default_factory=dict)  # by the author's slug
    intros: dict[str, StoryIntro] = field(default_factory=dict)  # by the story's slug
    problems: tuple[Problem, ...] = ()


def read_notes(root: Path, files: SiteFiles, config: Config) -> Notes:
    """Every note of the project; a file with problems is left out, its problems kept."""
    problems: list[Problem] = []
    readers = {PAGES_DIR: _page, AUTHORS_DIR: _profile, STORIES_DIR: _intro}
    found: dict[str, list[Any]] = {folder: [] for folder in readers}
    for folder, reader in readers.items():
        for key in files.below(folder, ".md"):
            if "/" in key[len(folder) + 1:]:
                continue  # one level: a folder below holds a note's photos, not notes
            note = _read(root, key, files.hashes[key], config, reader)
            if isinstance(note, list):
                problems += note
            else:
                found[folder].append(note)
    return Notes(tuple(found[PAGES_DIR]), {p.slug: p for p in found[AUTHORS_DIR]},
                 {i.slug: i for i in found[STORIES_DIR]}, tuple(problems))


def _read(root: Path, key: str, fingerprint: str, config: Config, reader) -> Any:
    try:
        text = (root / key).read_bytes().decode("utf-8-sig").replace("\r\n", "\n")
    except (OSError, UnicodeDecodeError) as err:
        return [Problem(Path(key), None, f"cannot be read: {getattr(err, 'strerror', None) or 'not UTF-8 text'}")]
    front = split_front_matter(ArticleFile(str(root), key, text))
    if isinstance(front, Problem):
        return [front]
    problems: list[Problem] = []

    def say(name: str | None, message: str) -> None:
        problems.append(Problem(Path(key), front.lines.get(name, 1) if name else 1, message))

    body = render_markdown(front.body, config.markdown, config.trust_raw_html)
    note = reader(key, front, body, fingerprint, say)
    return problems or note


def _text(front: FrontMatter, name: str, say: Say, required: bool = False) -> str:
    value = front.values.get(name)
    if value is None or value == "":
        if required:
            say(None, f"missing required field '{name}'")
        return ""
    if not isinstance(value, str):
        say(name, f"'{name}' must be text")
        return ""
    return " ".join(value.split())


def _stem(key: str) -> str:
    return posixpath.splitext(posixpath.basename(key))[0]


def _page(key: str, front: FrontMatter, body: str, fingerprint: str, say: Say) -> Standalone | None:
    title = _text(front, "title", say, required=True)
    slug = _text(front, "slug", say) or slugify(_stem(key))
    if not SLUG_PATTERN.fullmatch(slug):
        say("slug" if "slug" in front.values else None,
            f"'slug' must be lowercase letters, digits and hyphens, not {slug!r}")
    aliases = read_aliases(front.values.get("aliases"), lambda message: say("aliases", message))
    summary = _text(front, "summary", say) or summarize(front.body)
    return Standalone(key, title, f"{slug}/", summary, body, fingerprint, aliases, front.lines.get("aliases", 1))


def _profile(key: str, front: FrontMatter, body: str, fingerprint: str, say: Say) -> Profile:
    photo = front.values.get("photo")
    image = None
    if isinstance(photo, str) and photo.strip():
        photo = {"src": photo.strip()}
    if isinstance(photo, dict) and isinstance(photo.get("src"), str) and is_safe_url(photo["src"]):
        image = Image(photo["src"], photo.get("caption"), photo.get("credit"), front.lines.get("photo", 1))
    elif photo is not None:
        say("photo", "'photo' must be the photo's file name (beside the profile or in static/) or an https address")
    return Profile(key, slugify(_stem(key)), _text(front, "name", say), _text(front, "role", say), image,
                   _links(front.values.get("links"), lambda message: say("links", message)), body, fingerprint)


def _links(value: Any, say: Callable[[str], None]) -> tuple[Link, ...]:
    """`links: [https://..., {name: Mastodon, url: https://...}]`: a bare address is named by its host."""
    found = []
    for item in value if isinstance(value, list) else [] if value is None else [value]:
        name, url = (item.get("name"), item.get("url")) if isinstance(item, dict) else (None, item)
        if not isinstance(url, str) or not url.startswith(("https://", "http://", "mailto:")):
            say(f"each of 'links' must be an https address, or {{name, url}}, not {url!r}")
            continue
        label = name if isinstance(name, str) and name.strip() else url.split("//", 1)[-1].split("/")[0]
        found.append(Link(label.removeprefix("www."), url))
    return tuple(found)


def _intro(key: str, front: FrontMatter, body: str, fingerprint: str, say: Say) -> StoryIntro:
    return StoryIntro(key, slugify(_stem(key)), _text(front, "title", say), _text(front, "summary", say),
                      body, fingerprint)
