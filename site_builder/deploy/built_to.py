"""built_to: `build --out s3://bucket/archive/` (or sftp://, file://, git+REMOTE#branch). The site
is built into a folder of the project's cache kept for that destination, as into output/, then
published there as `deploy` publishes it: only the files the destination's manifest does not
vouch for are uploaded, new files before the pages that link to them, deletions and the manifest
last, so a build stopped part-way is completed by the next.

Why through a folder: the stable archive's promises rest on one that holds the previous site
(pages compared byte for byte, unchanged ones carried over, Pagefind indexing the pages it
shows), while a destination is known by its manifest alone, never listed. A cluster's workers
write into that folder on the shared filesystem they need for the articles already.
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

from site_builder.config.deploy import (
    Destination,
    kind_of,
    load_destinations,
    url_problems,
)
from site_builder.errors import UsageError
from site_builder.project import BUILT_FOR, CACHE_DIR

# What `--out` takes for a destination rather than a folder: a URL's scheme, or git+.
_URL = re.compile(r"[a-z][a-z0-9+.-]*://|git\+", re.IGNORECASE)


def is_destination(out: str) -> bool:
    return bool(_URL.match(out))


def destination_for(root: Path, url: str) -> Destination:
    """The destination `url` names: the [deploy.NAME] table of site.toml with that url, if there
    is one (its endpoint, headers and max_deletes), else one with the defaults."""
    problems = url_problems(url)
    if problems:
        raise UsageError(f"--out {url}: {problems[0]}")
    same = [d for d in load_destinations(root).values() if d.url.rstrip("/") == url.rstrip("/")]
    return same[0] if same else Destination(url, url, kind_of(url))


def site_folder(root: Path, destination: Destination) -> Path:
    """Where the site for `destination` is built: one folder per destination, kept between
    builds so that each builds on the last."""
    name = hashlib.blake2b(destination.url.rstrip("/").encode(), digest_size=8).hexdigest()
    return root / CACHE_DIR / f"{BUILT_FOR}{name}"
