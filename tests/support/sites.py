"""Tiny real sites for the tests: the repository's place, a site.toml, article files, loopback
ports and a static file server for built sites."""

from __future__ import annotations

import functools
import http.server
import shutil
import socket
import sys
import threading
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")

# Without the search index: Pagefind is half of a build's time and only the search tests
# (tests/browser/test_search.py, the theme audits of the search page) need it; they turn it on.
SITE_TOML = """\
title = "Test Archive"
description = "Tests"
base_url = "https://example.org/archive/"
timezone = "Europe/London"
articles_per_page = 3
search = false
"""


def article(title: str = "A headline", date: str = "2024-12-04", body: str = "Some text.",
            **fields: str) -> str:
    """An article file's text; `fields` are extra front matter lines, given as YAML text."""
    lines = ["---", f"title: {title!r}" if title is not None else "", f"date: {date}" if date else ""]
    lines += [f"{key}: {value}" for key, value in fields.items()]
    return "\n".join(line for line in lines if line) + "\n---\n" + body + "\n"


def write_site(root: Path, files: dict[str, str] | None = None, config: str = SITE_TOML) -> Path:
    """A project at `root`: site.toml, content/articles/ and `files` (relative path -> text)."""
    root.mkdir(parents=True, exist_ok=True)
    (root / "site.toml").write_text(config, encoding="utf-8")
    (root / "content" / "articles").mkdir(parents=True, exist_ok=True)
    for name, text in (files or {}).items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def serve_folder(folder: Path, not_found: Path | None = None) -> http.server.ThreadingHTTPServer:
    """A quiet static file server for `folder` on loopback, serving in a thread; shut it down.
    `not_found`: the page it answers a missing file with, as static hosts do (a 404.html)."""
    handler = functools.partial(_QuietHandler, directory=str(folder), not_found=not_found)
    server = _QuietServer(("127.0.0.1", free_port()), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


class _QuietServer(http.server.ThreadingHTTPServer):
    def handle_error(self, request: object, client_address: object) -> None:
        # A browser that moves on mid-download drops the connection: not the site's fault,
        # and its traceback would land in whichever test captures stderr at that moment.
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def __init__(self, *args: object, not_found: Path | None = None, **kwargs: object) -> None:
        self.not_found = not_found
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]

    def log_message(self, format: str, *args: object) -> None:
        pass

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        if code != 404 or self.not_found is None:
            return super().send_error(code, message, explain)
        body = self.not_found.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)
