"""newsroom: what a newsroom's archive holds besides articles' text, as values: photos and the
variants the build makes of them, corrections, authors' profiles, standalone pages and stories'
introductions."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Variant:
    """One resized copy of a photo, as the site serves it: `media/<hash>-960.webp`."""

    path: str  # in the site, '/'-separated
    width: int
    height: int
    mime: str  # 'image/webp', 'image/jpeg', ...


@dataclass(frozen=True)
class Photo:
    """A local photo as the build made it: the hash of its bytes (which names its variants),
    its size as shown (upright), and its variants, narrowest first."""

    hash: str
    width: int
    height: int
    variants: tuple[Variant, ...]

    def of_type(self, mime: str) -> tuple[Variant, ...]:
        return tuple(v for v in self.variants if v.mime == mime)

    @property
    def fallback(self) -> tuple[Variant, ...]:
        """The variants in the photo's own format (JPEG, PNG, ...): what `<img>` names."""
        own = [v for v in self.variants if v.mime != "image/webp"]
        return tuple(own) or self.variants

    @property
    def largest(self) -> Variant:
        return self.fallback[-1]


@dataclass(frozen=True)
class Image:
    """A photo named in front matter: `src` as written (a path beside the file, in the site's
    static/, or an http(s) address), with its caption and credit; `photo` once the build has
    found and made a local one. `line`: where `image:` is, for messages."""

    src: str | None
    caption: str | None
    credit: str | None
    # Where it is named, for messages only: kept out of comparisons and of the teaser's hash,
    # so that a line added above it redraws no listing.
    line: int = field(default=1, compare=False, repr=False)
    photo: Photo | None = None
    alt: str | None = None  # what the photo shows, for those who cannot see it; else the caption

    @property
    def description(self) -> str:
        return self.alt or self.caption or ""

    @property
    def remote(self) -> bool:
        return bool(self.src) and self.src.startswith(("https://", "http://"))

    @property
    def shown(self) -> bool:
        """Whether there is a picture to draw (a caption alone is not a photo)."""
        return self.photo is not None or self.remote


@dataclass(frozen=True)
class Correction:
    """A correction an editor appended to an article: when, and what was wrong."""

    date: dt.datetime
    text: str


@dataclass(frozen=True)
class Link:
    name: str
    url: str


@dataclass(frozen=True)
class Profile:
    """An author's profile, content/authors/<slug>.md: shown on the author's page."""

    path: str
    slug: str  # the author's, from the file's name
    name: str
    role: str
    photo: Image | None
    links: tuple[Link, ...]
    bio: str  # HTML
    fingerprint: str  # of the file

    @property
    def version(self) -> str:
        """What its author's page shows of it (see Article.version)."""
        photo = self.photo.photo if self.photo is not None else None
        return f"{self.fingerprint}:{photo.hash}" if photo is not None else self.fingerprint


@dataclass(frozen=True)
class Standalone:
    """A standalone page, content/pages/<name>.md (About, Contact, Corrections policy)."""

    path: str
    title: str
    url: str  # '<slug>/'
    summary: str
    body: str  # HTML
    fingerprint: str
    aliases: tuple[str, ...] = ()
    aliases_line: int = 1


@dataclass(frozen=True)
class StoryIntro:
    """What a story's page says before its articles, content/stories/<slug>.md."""

    path: str
    slug: str
    title: str  # '' : the story's name as the articles write it
    summary: str
    body: str  # HTML
    fingerprint: str
