"""The tests' fixtures, and nothing else: tiny real sites in tmp_path, the CLI run in-process, real
servers on loopback, a real browser. Their helpers live in tests/support/."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from site_builder.cli import main
from tests.support.sites import CHROMIUM, SITE_TOML, serve_folder, write_site


@pytest.fixture
def make_site(tmp_path: Path) -> Callable[..., Path]:
    def make(files: dict[str, str] | None = None, config: str = SITE_TOML) -> Path:
        return write_site(tmp_path / "site", files, config)

    return make


@pytest.fixture(scope="module")
def s3_server():
    """moto's S3 server on loopback (see tests/support/servers.py), for one test module."""
    from tests.support.servers import start_s3

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


@pytest.fixture
def serve_dir() -> Iterator[Callable[[Path], str]]:
    """Serve a folder over real HTTP on loopback; returns its base URL. `not_found`: the page
    missing files are answered with (a 404.html), as static hosts do."""
    servers = []

    def start(folder: Path, not_found: Path | None = None) -> str:
        server = serve_folder(folder, not_found)
        servers.append(server)
        return f"http://127.0.0.1:{server.server_address[1]}/"

    yield start
    for server in servers:
        server.shutdown()
        server.server_close()


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

    def open_page(width: int = 1280, color_scheme: str = "light", locale: str | None = None):
        context = browser.new_context(viewport={"width": width, "height": 900},
                                      color_scheme=color_scheme, locale=locale)
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
