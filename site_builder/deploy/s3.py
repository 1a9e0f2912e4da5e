"""s3: an S3 bucket, or an S3-compatible server, as a store (s3://bucket/path/), through s3fs.

Credentials come from where AWS tools keep them (environment, ~/.aws, instance roles); the
server from the destination's `endpoint_url`, else AWS_ENDPOINT_URL, else AWS itself.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from urllib.parse import urlsplit

import botocore.exceptions
import s3fs
from fsspec.asyn import sync

from site_builder.config.deploy import Destination
from site_builder.deploy.manifest import MANIFEST
from site_builder.deploy.store import Done, FileSystemStore, Upload, each_bounded

CONCURRENT_UPLOADS = 16
ATTEMPTS = 3  # of each request, before the deploy stops
DELETES_PER_REQUEST = 1000  # as S3's DeleteObjects allows
MANIFEST_HEADERS = {"ContentType": "application/gzip", "CacheControl": "no-store"}


class S3Store(FileSystemStore):
    takes_headers = True
    failures: tuple[type[Exception], ...] = (OSError, botocore.exceptions.BotoCoreError,
                                             botocore.exceptions.ClientError)

    def __init__(self, destination: Destination, root: Path):
        parts = urlsplit(destination.url)
        self.root = f"{parts.netloc}/{parts.path.strip('/')}".rstrip("/")
        # Without endpoint_url, botocore reads AWS_ENDPOINT_URL itself.
        endpoint = {"endpoint_url": destination.endpoint_url} if destination.endpoint_url else {}
        # botocore tries each request three times, each bounded by the destination's timeout;
        # s3fs's own retries on top would multiply the wait for a server that never answers.
        config = {"max_pool_connections": CONCURRENT_UPLOADS, "connect_timeout": destination.timeout,
                  "read_timeout": destination.timeout, "retries": {"max_attempts": ATTEMPTS, "mode": "standard"}}
        self.fs = s3fs.S3FileSystem(skip_instance_cache=True, config_kwargs=config, **endpoint)
        self.fs.retries = 1

    def write_manifest(self, data: bytes) -> None:
        sync(self.fs.loop, self.fs._pipe_file, self._key(MANIFEST), data, **MANIFEST_HEADERS)

    def upload(self, files: Sequence[Upload], done: Done) -> None:
        async def put(file: Upload) -> None:
            data = file.source.read_bytes()
            # An alias's page redirects by itself, as a 301 from S3's website endpoint.
            redirect = {"WebsiteRedirectLocation": file.redirect} if file.redirect else {}
            await self.fs._pipe_file(self._key(file.path), data, ContentType=file.content_type,
                                     CacheControl=file.cache_control, **redirect)
            done(file.path)

        sync(self.fs.loop, each_bounded, files, CONCURRENT_UPLOADS, put)

    def delete(self, paths: Sequence[str], done: Done) -> None:
        for start in range(0, len(paths), DELETES_PER_REQUEST):
            batch = paths[start: start + DELETES_PER_REQUEST]
            sync(self.fs.loop, self.fs._bulk_delete, [self._key(path) for path in batch])
            for path in batch:
                done(path)

    def finish(self, message: str) -> None:
        pass

    def close(self) -> None:
        pass
