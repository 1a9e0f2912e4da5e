"""`site-builder serve` in a process of its own, as an editor starts it, and raw requests to it:
the path, the headers and the handshake go out exactly as given."""

from __future__ import annotations

import http.client
import socket
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

from tests.support.sites import REPO, free_port

TIMEOUT = 20  # seconds; generous for a loaded machine, never slept blindly


class DevServer:
    def __init__(self, root: Path, log: Path):
        self.root, self.port, self.log = root, free_port(), log
        self.process = subprocess.Popen(
            [sys.executable, "-m", "site_builder", "--root", str(root), "serve", "--port", str(self.port)],
            cwd=REPO, stdout=log.open("w"), stderr=log.with_suffix(".err").open("w"))
        until(lambda: self._answers(), f"the server never answered: {self.errors()}")

    def _answers(self) -> bool:
        assert self.process.poll() is None, f"the server ended: {self.errors()}"
        try:
            self.get("/")
            return True
        except OSError:
            return False

    def get(self, path: str, headers: dict[str, str] | None = None) -> tuple[int, str]:
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=TIMEOUT)
        try:
            connection.putrequest("GET", path, skip_host=headers is not None and "Host" in headers)
            for name, value in (headers or {}).items():
                connection.putheader(name, value)
            connection.endheaders()
            response = connection.getresponse()
            return response.status, response.read().decode("utf-8", "replace")
        finally:
            connection.close()

    def handshake(self, origin: str, host: str | None = None) -> str:
        """The status line the livereload socket answers a websocket handshake from `origin`."""
        with socket.create_connection(("127.0.0.1", self.port), timeout=TIMEOUT) as sock:
            sock.sendall((f"GET /livereload HTTP/1.1\r\nHost: {host or f'127.0.0.1:{self.port}'}\r\n"
                          "Connection: Upgrade\r\nUpgrade: websocket\r\nSec-WebSocket-Version: 13\r\n"
                          f"Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nOrigin: {origin}\r\n\r\n").encode())
            return sock.makefile("rb").readline().decode().strip()

    def output(self) -> str:
        return self.log.read_text()

    def errors(self) -> str:
        return self.log.with_suffix(".err").read_text()

    def stop(self) -> None:
        self.process.kill()
        self.process.wait()


def until(condition: Callable[[], bool], failure: str, timeout: float = TIMEOUT) -> None:
    """Wait for `condition`, looking again every 50 ms, for at most `timeout` seconds."""
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, failure
        time.sleep(0.05)
