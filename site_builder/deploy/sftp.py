"""sftp: a folder on an SSH server as a store (sftp://user@host/srv/www), through sshfs.

Keys, the agent and ~/.ssh/config are used as ssh uses them; the server's host key must be in
known_hosts, as ssh would have it after a first connection.
"""

from __future__ import annotations

import posixpath
from collections.abc import Sequence
from pathlib import Path
from urllib.parse import unquote, urlsplit

import asyncssh
import sshfs
from fsspec.asyn import sync

from site_builder.config.deploy import Destination
from site_builder.deploy.manifest import MANIFEST
from site_builder.deploy.store import (
    Done,
    FileSystemStore,
    Upload,
    each_bounded,
    temporary_name,
)

CONCURRENT_UPLOADS = 8


class SftpStore(FileSystemStore):
    takes_headers = False
    failures: tuple[type[Exception], ...] = (OSError, asyncssh.Error)

    def __init__(self, destination: Destination, root: Path):
        parts = urlsplit(destination.url)
        self.root = unquote(parts.path).rstrip("/")
        user = {"username": unquote(parts.username)} if parts.username else {}
        # known_hosts=(): asyncssh's default, the user's known_hosts (sshfs would check no host key).
        # A server that accepts the connection and never answers gives up after the timeout,
        # and one that stops answering later after three keepalives unanswered.
        timeouts = {"connect_timeout": destination.timeout, "login_timeout": destination.timeout,
                    "keepalive_interval": destination.timeout / 3, "keepalive_count_max": 3}
        self.fs = sshfs.SSHFileSystem(parts.hostname, port=parts.port or 22, known_hosts=(),
                                      skip_instance_cache=True, **timeouts, **user)

    def write_manifest(self, data: bytes) -> None:
        sync(self.fs.loop, self._replace, MANIFEST, data)

    def upload(self, files: Sequence[Upload], done: Done) -> None:
        async def put(file: Upload) -> None:
            await self._replace(file.path, file.source.read_bytes())
            done(file.path)

        sync(self.fs.loop, each_bounded, files, CONCURRENT_UPLOADS, put)

    async def _replace(self, path: str, data: bytes) -> None:
        """Written beside it, then renamed over it: a reader gets the old file or the new one."""
        temporary = self._key(temporary_name(path))
        await self.fs._pipe_file(temporary, data)
        await self.fs._mv(temporary, self._key(path))

    def delete(self, paths: Sequence[str], done: Done) -> None:
        async def remove(path: str) -> None:
            for name in (path, temporary_name(path)):
                try:
                    await self.fs._rm_file(self._key(name))
                except FileNotFoundError:
                    pass
            done(path)

        sync(self.fs.loop, each_bounded, paths, CONCURRENT_UPLOADS, remove)
        # The folders they leave empty (a deleted article's) go too, deepest first.
        parents = {posixpath.dirname(path) for path in paths} - {""}
        for parent in sorted(parents, key=lambda p: p.count("/"), reverse=True):
            while parent:
                try:
                    sync(self.fs.loop, self.fs._rmdir, self._key(parent))
                except (OSError, asyncssh.Error):
                    break  # not empty
                parent = posixpath.dirname(parent)

    def finish(self, message: str) -> None:
        pass

    def close(self) -> None:
        self.fs._finalize(self.fs.loop, self.fs._pool, self.fs._stack)
