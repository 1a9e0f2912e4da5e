"""photos: the photos that articles and profiles name -> the files they are, made into variants once
(kept in the cache by the hash of their bytes, made in the worker pool), and the articles and
profiles with their photos filled in; a photo not found or not readable is a problem at the
line of its `image:`.

A `src` is a path relative to the file that names it (an article may be a folder
`.../<slug>/index.md` with its photos), else a path in the site's `static/` (`/logo.png` is only
there), or an http(s) address used as it is.
"""

from __future__ import annotations

import dataclasses
import logging
import os
import pickle
import posixpath
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from site_builder.atomic import replacing
from site_builder.content.files import SiteFiles
from site_builder.content.imaging import MEDIA_DIR, make_variants, settings_key
from site_builder.errors import Problem
from site_builder.model import Article
from site_builder.newsroom import Image, Photo, Profile
from site_builder.pool import Progress, counted, run_all
from site_builder.project import CACHE_DIR, STATIC_DIR

log = logging.getLogger(__name__)
INDEX = "photos.pickle"


@dataclass(frozen=True)
class Photos:
    articles: tuple[Article, ...]
    profiles: dict[str, Profile]
    media: dict[str, Path] = field(default_factory=dict)  # path in the site -> its file in the cache
    settings: str = ""  # what shaped the variants' bytes, besides the photos (imaging.settings_key)
    problems: tuple[Problem, ...] = ()
    made: int = 0  # photos made into variants by this build


def locate(src: str, named_in: str, files: SiteFiles) -> list[str]:
    """The files `src` may be, below the root, in the order they are looked for."""
    if src.startswith("/"):
        return [posixpath.normpath(f"{STATIC_DIR}/{src.lstrip('/')}")]
    return [posixpath.normpath(posixpath.join(posixpath.dirname(named_in), src)),
            posixpath.normpath(f"{STATIC_DIR}/{src}")]


def make_photos(root: Path, articles: Iterable[Article], profiles: Mapping[str, Profile], files: SiteFiles,
                jobs: int = 1, progress: Progress | None = None) -> Photos:
    """Every local photo found and made (or taken from the cache); what could not be, as problems."""
    owners = [(a.path, a.image) for a in articles if _local(a.image)]
    owners += [(p.path, p.photo) for p in profiles.values() if _local(p.photo)]
    problems: list[Problem] = []
    found: dict[str, tuple[str, str]] = {}  # owner's path -> (photo file, its hash)
    for path, image in owners:
        candidates = locate(image.src, path, files)  # type: ignore[union-attr, arg-type]
        key = next((k for k in candidates if k in files.hashes), None)
        if key is None:
            problems.append(Problem(Path(path), image.line, f"photo {image.src!r} not found: looked for "  # type: ignore[union-attr]
                                    f"{' and '.join(candidates)}"))
        else:
            found[path] = (key, files.hashes[key])
    cache = _PhotoCache(root / CACHE_DIR / MEDIA_DIR)
    todo = sorted({(key, digest) for key, digest in found.values() if not cache.holds(digest)})
    made_where = str(cache.folder.parent)
    jobs_done = counted(run_all(make_variants, [(str(root / key), digest, made_where) for key, digest in todo],
                                jobs, min_items=2), "photos", len(todo), progress)
    failed: dict[str, str] = {}
    for (key, digest), made in zip(todo, jobs_done, strict=True):
        if isinstance(made, str):
            failed[digest] = f"{key} {made}"
        else:
            cache.photos[digest] = made
    for path, image in owners:
        key, digest = found.get(path, ("", ""))
        if digest in failed:
            problems.append(Problem(Path(path), image.line, f"photo {image.src!r}: {failed[digest]}"))  # type: ignore[union-attr]
    photos = {path: cache.photos[digest] for path, (_, digest) in found.items() if digest in cache.photos}
    cache.keep({p.hash for p in photos.values()}, len(todo) > len(failed))
    return Photos(tuple(_with_photo(a, photos) for a in articles),
                  {slug: _with_photo(p, photos) for slug, p in profiles.items()},
                  {v.path: cache.folder.parent / v.path for p in photos.values() for v in p.variants},
                  cache.settings, tuple(problems), len(todo) - len(failed))


def _local(image: Image | None) -> bool:
    return image is not None and bool(image.src) and not image.remote


def _with_photo(owner, photos: Mapping[str, Photo]):
    photo = photos.get(owner.path)
    if photo is None:
        return owner
    if isinstance(owner, Article):
        return dataclasses.replace(owner, image=dataclasses.replace(owner.image, photo=photo))
    return dataclasses.replace(owner, photo=dataclasses.replace(owner.photo, photo=photo))


class _PhotoCache:
    """The variants made by earlier builds (files in `.site-builder-cache/media/`) and what
    each photo is (its size, its variants), by the hash of its bytes; thrown away whole when
    the settings or Pillow change."""

    def __init__(self, folder: Path):
        self.folder = folder
        self.settings = settings_key()
        try:
            with (folder / INDEX).open("rb") as handle:
                settings, photos = pickle.load(handle)
        except (OSError, pickle.UnpicklingError, EOFError, ValueError, TypeError, AttributeError, ImportError):
            settings, photos = None, {}
        self.photos: dict[str, Photo] = photos if settings == self.settings else {}
        self._stored = frozenset(self.photos)

    def holds(self, digest: str) -> bool:
        photo = self.photos.get(digest)
        return photo is not None and all(os.path.exists(self.folder.parent / v.path) for v in photo.variants)

    def keep(self, used: set[str], changed: bool) -> None:
        """Forget (and delete) the photos no longer used; save what is left if it changed."""
        gone = [digest for digest, photo in self.photos.items() if photo.hash not in used]
        for digest in gone:
            for variant in self.photos.pop(digest).variants:
                (self.folder.parent / variant.path).unlink(missing_ok=True)
        if not (changed or gone or frozenset(self.photos) != self._stored):
            return
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            with replacing(self.folder / INDEX) as handle:
                pickle.dump((self.settings, self.photos), handle, protocol=pickle.HIGHEST_PROTOCOL)
        except OSError as err:  # only costs time: the photos are made again next time
            log.warning("photo cache not saved: %s", err)

