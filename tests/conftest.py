"""Shared fixtures: tiny real sites in tmp_path, the CLI run in-process, a real browser."""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import socket
import sys
import threading
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from site_builder.cli import main

REPO = Path(__file__).resolve().parent.parent
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")

# Without the search index: Pagefind is half of a build's time and only the search tests
# (test_search.py, the theme audits of the search page) need it; they turn it on.
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


@pytest.fixture
def make_site(tmp_path: Path) -> Callable[..., Path]:
    def make(files: dict[str, str] | None = None, config: str = SITE_TOML) -> Path:
        root = tmp_path / "site"
        root.mkdir(exist_ok=True)
        (root / "site.toml").write_text(config, encoding="utf-8")
        (root / "content" / "articles").mkdir(parents=True, exist_ok=True)
        for name, text in (files or {}).items():
            path = root / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
        return root

    return make


@pytest.fixture(scope="module")
def s3_server():
    """moto's S3 server on loopback (see deploy_servers.py), for one test module."""
    from deploy_servers import start_s3

    server, stop = start_s3()
    yield server
    stop()


@pytest.fixture
def aws(monkeypatch: pytest.MonkeyPatch) -> None:
    """Credentials as AWS tools find them, in the environment; never in site.toml."""
    for name, value in (("AWS_ACCESS_KEY_ID", "testing"), ("AWS_SECRET_ACCESS_KEY", "testing"),
                        ("AWS_DEFAULT_REGION", "us-east-1")):
        monkeypatch.setenv(name, value)
    for name in ("AWS_PROFILE", "AWS_ENDPOINT_URL", "AWS_SESSION_TOKEN"):
        monkeypatch.delenv(name, raising=False)


@pytest.fixture
def run(capsys: pytest.CaptureFixture[str]) -> Callable[..., tuple[int, str, str]]:
    """Run `site-builder ARGS` in-process: (exit code, stdout, stderr)."""

    def run_cli(root: Path, *args: str) -> tuple[int, str, str]:
        code = main(["--root", str(root), *args])
        out, err = capsys.readouterr()
        return code, out, err

    return run_cli


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def serve_dir() -> Iterator[Callable[[Path], str]]:
    """Serve a folder over real HTTP on loopback; returns its base URL."""
    servers: list[http.server.ThreadingHTTPServer] = []

    def start(folder: Path) -> str:
        handler = functools.partial(_QuietHandler, directory=str(folder))
        server = _QuietServer(("127.0.0.1", free_port()), handler)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        servers.append(server)
        return f"http://127.0.0.1:{server.server_address[1]}/"

    yield start
    for server in servers:
        server.shutdown()
        server.server_close()


class _QuietServer(http.server.ThreadingHTTPServer):
    def handle_error(self, request: object, client_address: object) -> None:
        # A browser that moves on mid-download drops the connection: not the site's fault,
        # and its traceback would land in whichever test captures stderr at that moment.
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture(scope="session")
def browser():
    """Headless Debian Chromium through Playwright. Required in CI, skipped elsewhere if absent."""
    if CHROMIUM is None:
        if os.environ.get("CI"):
            pytest.fail("chromium is not installed; .ci/run must install it")
        pytest.skip("chromium is not installed (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                  "--disable-component-update", "--disable-sync", "--no-first-run"],
        )
        yield launched
        launched.close()


@pytest.fixture
def page_at(browser):
    """A fresh page of a given width that records console errors and failed requests."""
    contexts = []

    def open_page(width: int = 1280, color_scheme: str = "light"):
        context = browser.new_context(viewport={"width": width, "height": 900},
                                      color_scheme=color_scheme)
        contexts.append(context)
        page = context.new_page()
        page.errors = []
        page.on("console", lambda m: page.errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: page.errors.append(str(e)))
        # A load cut short because the test moved on to the next page (a favicon, say) is
        # not an error; a missing file is, and shows as a console error (its 404).
        page.on("requestfailed", lambda r: page.errors.append(f"failed: {r.url} {r.failure}")
                if r.failure != "net::ERR_ABORTED" else None)
        return page

    yield open_page
    for context in contexts:
        context.close()


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--update-golden", action="store_true",
                     help="write tests/golden/*/output/ anew from a fresh build; review the git diff")
