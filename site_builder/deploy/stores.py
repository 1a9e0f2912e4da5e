"""stores: the kind of store for a destination (a folder, an S3 bucket, an SFTP server, a git
branch); each kind's library is imported only when used, so a site that deploys to a folder
needs neither S3 nor SSH libraries."""

from __future__ import annotations

import warnings

from site_builder.config.deploy import Destination
from site_builder.deploy.store import Store
from site_builder.errors import UsageError


def store_kind(destination: Destination) -> type[Store]:
    """The class of store for `destination`; each kind's library is imported only when used."""
    if destination.kind == "file":
        from site_builder.deploy.folder import FolderStore

        return FolderStore
    if destination.kind == "git":
        from site_builder.deploy.git import GitStore

        return GitStore
    if destination.kind == "s3":
        _need("s3fs", "s3")
        from site_builder.deploy.s3 import S3Store

        return S3Store
    _need("sshfs", "sftp")
    from site_builder.deploy.sftp import SftpStore

    return SftpStore


def _need(module: str, extra: str) -> None:
    try:
        with warnings.catch_warnings():
            # asyncssh (under sshfs) still supports DSA keys, which the cryptography library
            # says it will drop: a warning for its authors, not for someone deploying a site.
            warnings.filterwarnings("ignore", "DSA is deprecated")
            __import__(module)
    except ImportError:
        raise UsageError(f"{extra}:// destinations need {module}: pip install 'site-builder[{extra}]'") from None
