"""changes: the site's manifest and the destination's -> what to upload, in which order, and what
to delete."""

from __future__ import annotations

from dataclasses import dataclass

from site_builder.deploy.manifest import UNKNOWN, Entry, Manifest

# Files readers navigate to; everything else (stylesheets, scripts, images, the search index)
# is what those pages load.
PAGE_SUFFIXES = (".html", ".htm", ".xml")


@dataclass(frozen=True)
class Changes:
    # Uploaded in this order, each group whole before the next: the files pages load, then new
    # pages, then changed ones, so a reader never gets a page whose stylesheet is missing, nor
    # a listing that links to an article not there yet.
    assets: tuple[str, ...]
    new_pages: tuple[str, ...]
    changed_pages: tuple[str, ...]
    # After every upload, so that no page links to them any more.
    deletions: tuple[str, ...]
    unchanged: int

    @property
    def uploads(self) -> tuple[str, ...]:
        return self.assets + self.new_pages + self.changed_pages

    def __bool__(self) -> bool:
        return bool(self.uploads or self.deletions)


def compare(local: Manifest, remote: Manifest) -> Changes:
    """A file is uploaded when the destination's manifest does not vouch for its bytes (absent,
    another hash, or UNKNOWN after a deploy that stopped), deleted when the site no longer has it."""
    uploads = [path for path, entry in local.items() if _differs(entry, remote.get(path))]
    pages = [path for path in uploads if path.endswith(PAGE_SUFFIXES)]
    return Changes(assets=tuple(path for path in uploads if not path.endswith(PAGE_SUFFIXES)),
                   new_pages=tuple(path for path in pages if path not in remote),
                   changed_pages=tuple(path for path in pages if path in remote),
                   deletions=tuple(sorted(path for path in remote if path not in local)),
                   unchanged=len(local) - len(uploads))


def _differs(entry: Entry, there: Entry | None) -> bool:
    return there is None or there.hash == UNKNOWN or there.hash != entry.hash
