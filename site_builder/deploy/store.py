"""store: one protocol for every kind of place a site is published to, and the one to use for a
destination (a folder, an S3 bucket, an SFTP server, a git branch)."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol, TypeVar

from site_builder.config.deploy import Destination
from site_builder.deploy.manifest import MANIFEST

Item = TypeVar("Item")


@dataclass(frozen=True)
class Upload:
    path: str  # in the site, '/'-separated
    source: Path  # the built file
    content_type: str
    cache_control: str
    redirect: str | None = None  # an alias's page: where it sends readers (stores that redirect)


Done = Callable[[str], None]  # told each path once it is in place (or gone)


def temporary_name(path: str) -> str:
    """Where a file is written before it is renamed over `path`, so that readers get the old
    bytes or the new ones. Always the same name: a deploy stopped mid-write leaves it behind,
    and the next one, which writes or deletes that path again, writes over it or deletes it."""
    folder, _, name = path.rpartition("/")
    return f"{folder}/.{name}.uploading" if folder else f".{name}.uploading"


class Store(Protocol):
    """Files addressed by their path in the site, below the destination's root. Nothing here
    lists the destination: what it holds is known from the manifest only."""

    takes_headers: bool  # whether files are served with the Content-Type and Cache-Control given
    failures: tuple[type[Exception], ...]  # what the destination raises when it fails us

    def read_manifest(self) -> bytes | None: ...  # None: there is none (a first deploy)
    def write_manifest(self, data: bytes) -> None: ...  # replaced whole, never half-written
    def upload(self, files: Sequence[Upload], done: Done) -> None: ...  # each replaced whole
    def delete(self, paths: Sequence[str], done: Done) -> None: ...  # a missing one is no error
    def finish(self, message: str) -> None: ...  # publish what was written (a git push)
    def close(self) -> None: ...

    def __init__(self, destination: Destination, root: Path) -> None: ...  # connects


class FileSystemStore:
    """What the destinations reached through fsspec (S3, SFTP) share: files below `root` on the
    asynchronous file system `fs`, and the manifest read whole."""

    fs: Any
    root: str

    def _key(self, path: str) -> str:
        return f"{self.root}/{path}"

    def read_manifest(self) -> bytes | None:
        from fsspec.asyn import sync  # fsspec comes with the s3 and sftp extras

        try:
            return sync(self.fs.loop, self.fs._cat_file, self._key(MANIFEST))
        except FileNotFoundError:
            return None


async def each_bounded(items: Iterable[Item], limit: int, action: Callable[[Item], Awaitable[None]]) -> None:
    """`action` on every item, at most `limit` at a time; the first failure stops the rest."""
    queue = list(items)[::-1]

    async def worker() -> None:
        while queue:
            await action(queue.pop())

    tasks = [asyncio.ensure_future(worker()) for _ in range(min(limit, len(queue)))]
    try:
        await asyncio.gather(*tasks)
    finally:
        for task in tasks:
            task.cancel()
