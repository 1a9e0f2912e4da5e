"""Real servers on loopback for the deploy tests, each with a way to read back what it holds
(the tests may list a destination; deploy itself never does)."""

from __future__ import annotations

import asyncio
import io
import logging
import subprocess
import tarfile
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

import asyncssh
import boto3
from moto.server import ThreadedMotoServer

from site_builder.deploy.manifest import MANIFEST

# What a destination holds besides the site: the manifest, and for git, the file that keeps
# GitHub Pages from running Jekyll.
BESIDES_THE_SITE = {MANIFEST, ".nojekyll"}


@dataclass
class Destination:
    """A place a test deploys to: the table for site.toml, and what it holds now."""

    kind: str
    table: str  # the lines under [deploy.NAME]
    read: Callable[[], dict[str, bytes]]  # every file it holds, by path
    extra: dict = field(default_factory=dict)

    def site_files(self) -> dict[str, bytes]:
        return {path: data for path, data in self.read().items() if path not in BESIDES_THE_SITE}


def folder_files(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def site_files(output: Path) -> dict[str, bytes]:
    return {path: data for path, data in folder_files(output).items() if path != ".site-builder-output"}


# S3: moto's server mode, one bucket per test.

@dataclass
class S3Server:
    endpoint: str

    def client(self):
        return boto3.client("s3", endpoint_url=self.endpoint, region_name="us-east-1")

    def bucket(self, name: str) -> Callable[[], dict[str, bytes]]:
        client = self.client()
        client.create_bucket(Bucket=name)

        def read() -> dict[str, bytes]:
            found = {}
            for page in client.get_paginator("list_objects_v2").paginate(Bucket=name):
                for item in page.get("Contents", []):
                    key = item["Key"]
                    found[key.removeprefix("archive/")] = client.get_object(Bucket=name, Key=key)["Body"].read()
            return found

        return read


def start_s3() -> tuple[S3Server, Callable[[], None]]:
    logging.getLogger("werkzeug").setLevel(logging.ERROR)  # a line per request otherwise
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    return S3Server(f"http://{host}:{port}"), server.stop


# SFTP: asyncssh's server, serving a folder (its chroot) to the holder of a generated key.

@dataclass
class SftpServer:
    port: int
    folder: Path  # what the server shows as /
    home: Path  # HOME for the client: .ssh/id_ed25519 and known_hosts


def start_sftp(tmp: Path) -> tuple[SftpServer, Callable[[], None]]:
    folder, home = tmp / "sftp-root", tmp / "sftp-home"
    folder.mkdir()
    (home / ".ssh").mkdir(parents=True)
    host_key = asyncssh.generate_private_key("ssh-ed25519")
    client_key = asyncssh.generate_private_key("ssh-ed25519")
    client_key.write_private_key(str(home / ".ssh" / "id_ed25519"))
    (home / ".ssh" / "id_ed25519").chmod(0o600)
    loop = asyncio.new_event_loop()
    thread = threading.Thread(target=loop.run_forever, daemon=True)
    thread.start()

    async def listen() -> asyncssh.SSHAcceptor:
        return await asyncssh.listen(
            "127.0.0.1", 0, server_host_keys=[host_key],
            authorized_client_keys=asyncssh.import_authorized_keys(client_key.export_public_key().decode()),
            sftp_factory=lambda channel: asyncssh.SFTPServer(channel, chroot=str(folder).encode()),
            allow_scp=False)

    acceptor = asyncio.run_coroutine_threadsafe(listen(), loop).result(10)
    port = acceptor.sockets[0].getsockname()[1]
    (home / ".ssh" / "known_hosts").write_text(
        f"[127.0.0.1]:{port} {host_key.export_public_key().decode().strip()}\n")

    async def close() -> None:
        acceptor.close()
        await acceptor.wait_closed()

    def stop() -> None:
        # On the server's own loop: closing it from this thread raced with the loop's own work.
        asyncio.run_coroutine_threadsafe(close(), loop).result(10)
        loop.call_soon_threadsafe(loop.stop)
        thread.join(10)

    return SftpServer(port, folder, home), stop


# git: a bare repository; its branch read back whole with git archive.

def bare_repository(path: Path) -> Path:
    subprocess.run(["git", "init", "--bare", "--quiet", str(path)], check=True)
    return path


def branch_files(repository: Path, branch: str) -> dict[str, bytes]:
    known = subprocess.run(["git", "--git-dir", str(repository), "rev-parse", "--verify", "--quiet",
                            f"refs/heads/{branch}"], capture_output=True)
    if known.returncode != 0:
        return {}
    archive = subprocess.run(["git", "--git-dir", str(repository), "archive", "--format=tar", branch],
                             check=True, capture_output=True).stdout
    with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
        return {m.name: tar.extractfile(m).read() for m in tar.getmembers() if m.isfile()}


def commits_on(repository: Path, branch: str) -> Iterator[str]:
    done = subprocess.run(["git", "--git-dir", str(repository), "rev-list", branch], capture_output=True, text=True)
    return iter(done.stdout.split())
