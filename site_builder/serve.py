"""serve: build, serve output/ on loopback, then rebuild and live-reload the browser on every edit."""

from __future__ import annotations

import asyncio
import dataclasses
import html
import ipaddress
import json
import mimetypes
import signal
import socket
import sys
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import tornado.httpserver
import tornado.netutil
import tornado.web
from livereload.handlers import LiveReloadHandler, LiveReloadJSHandler

from site_builder.build import BuildOptions, build
from site_builder.config import CONFIG_FILE
from site_builder.model import ContentError, UsageError
from site_builder.theme import BUNDLED_THEMES, SITE_TEMPLATES
from site_builder.watch import changes
from site_builder.write import check_output_dir

HTML_TYPES = (".html", ".htm")


@dataclass
class Health:
    """The last build's problems, one line each; the build thread replaces the tuple whole."""

    problems: tuple[str, ...] = ()


def serve(options: BuildOptions, host: str, port: int) -> None:
    try:
        sockets = tornado.netutil.bind_sockets(port, address=host)
    except OSError as err:
        raise UsageError(f"site-builder: cannot listen on {host}:{port} ({err.strerror or err}); "
                         "choose another with --port") from None
    if not is_loopback(host):
        print(f"site-builder: warning: listening on {host}, reachable from other machines",
              file=sys.stderr)
    port = sockets[0].getsockname()[1]  # the real one, when --port 0 let the system choose
    netloc = f"[{host}]:{port}" if ":" in host else f"{host}:{port}"
    options = dataclasses.replace(options, base_url=f"http://{netloc}/")
    try:
        check_output_dir(options.out, options.root)  # a wrong --out is a usage error, not a page
        health, halt = Health(), threading.Event()
        # Watch from before the first build, so an edit saved during it is not missed.
        edits = changes(watched_paths(options.root), halt)
        rebuild(options, health, changed=set())
        print(f"Serving {options.base_url} (Ctrl-C to stop)", flush=True)
        asyncio.run(_serve_until_stopped(options, sockets, health, edits, halt))
    except KeyboardInterrupt:
        pass  # Ctrl-C during the first build
    finally:
        for sock in sockets:
            sock.close()


def rebuild(options: BuildOptions, health: Health, changed: set[Path]) -> None:
    """Build the site, recording what went wrong instead of raising: the server must live on.

    `changed` (what the watcher saw) is not needed: the build finds changed files itself, by
    their sizes and times, as any build does.
    """
    started = time.perf_counter()
    try:
        report = build(options)
    except ContentError as err:
        health.problems = tuple(str(problem) for problem in err.problems)
    except Exception as err:  # a bug or an unwritable output must not kill the editor's session
        health.problems = (f"{options.root}: build failed: {type(err).__name__}: {err}",)
    else:
        health.problems = ()
        print(f"Built {report.pages} pages in {time.perf_counter() - started:.2f} s", flush=True)
        return
    for line in health.problems:
        print(line, file=sys.stderr)
    noun = "problem" if len(health.problems) == 1 else "problems"
    print(f"Build failed: {len(health.problems)} {noun}, shown in the browser until fixed.",
          file=sys.stderr, flush=True)


def watched_paths(root: Path) -> list[Path]:
    root = root.resolve()
    # The bundled themes too: a site using them sees theme edits, as a theme author expects.
    paths = [root / "content", root / "themes", root / SITE_TEMPLATES, root / CONFIG_FILE]
    return list(dict.fromkeys([*paths, BUNDLED_THEMES]))


def is_loopback(host: str) -> bool:
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return host == "localhost"


async def _serve_until_stopped(options: BuildOptions, sockets: list[socket.socket], health: Health,
                               edits: Iterator[set[Path]], halt: threading.Event) -> None:
    loop = asyncio.get_running_loop()
    stopped = asyncio.Event()
    for sig in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(sig, stopped.set)
    port = sockets[0].getsockname()[1]
    server = tornado.httpserver.HTTPServer(make_app(options.out, health, port))
    server.add_sockets(sockets)
    # Builds run off the event loop, so the last good site keeps being served meanwhile.
    worker = threading.Thread(target=_rebuild_on_edits, args=(options, health, edits, loop), daemon=True)
    worker.start()
    await stopped.wait()
    halt.set()
    server.stop()
    for waiter in list(LiveReloadHandler.waiters):
        waiter.close()


def _rebuild_on_edits(options: BuildOptions, health: Health, edits: Iterator[set[Path]],
                      loop: asyncio.AbstractEventLoop) -> None:
    # An edit touches a few pages: no worker processes to fork beside the server's threads,
    # and the search index of the first build is kept rather than rebuilt on every save.
    # Nobody but the editor reads this output, so it is updated in place, not swapped whole.
    options = dataclasses.replace(options, jobs=1, search=False, atomic=False)
    for changed in edits:
        rebuild(options, health, changed)
        try:
            loop.call_soon_threadsafe(reload_browsers)
        except RuntimeError:
            return  # the loop closed during this build: the server has stopped


def reload_browsers() -> None:
    """Tell every connected page to reload (livereload protocol 7); call on the event loop."""
    message = json.dumps({"command": "reload", "path": "*", "liveCSS": True, "liveImg": True})
    for waiter in list(LiveReloadHandler.waiters):
        try:
            waiter.write_message(message)
        except Exception:  # a tab closed mid-message; it has nothing left to reload
            LiveReloadHandler.waiters.discard(waiter)


def make_app(out: Path, health: Health, port: int) -> tornado.web.Application:
    return tornado.web.Application(
        [(r"/livereload", LiveReloadHandler),
         (r"/livereload.js", LiveReloadJSHandler),
         (r"/(.*)", SiteHandler, {"out": out, "health": health, "port": port})],
        log_function=lambda handler: None,  # an access log would drown the build messages
    )


class SiteHandler(tornado.web.RequestHandler):
    """Files from the output folder, looked up by path on every request because each build
    swaps the folder whole; HTML gets the reload script and, while a build fails, its errors."""

    def initialize(self, out: Path, health: Health, port: int) -> None:
        self.out, self.health, self.port = out, health, port

    def get(self, path: str) -> None:
        found = site_file(self.out, path)
        if found is None and not path.endswith("/") and site_file(self.out, path + "/"):
            # Relative links inside a page only work from its directory URL.
            self.redirect("/" + self.request.path.lstrip("/") + "/")
            return
        if found is None:
            self.set_status(404)
            found = site_file(self.out, "404.html")
        self.set_header("Cache-Control", "no-store")
        if found is None:  # nothing built yet: the first build failed
            self.set_header("Content-Type", "text/html; charset=utf-8")
            self.finish(inject(b"<!doctype html><title>site-builder</title><body>", self._snippet()))
            return
        body = found.read_bytes()
        if found.suffix in HTML_TYPES:
            body = inject(body, self._snippet())
        self.set_header("Content-Type", _content_type(found.name))
        self.finish(body)

    head = get  # tornado sends the headers of a GET and drops the body

    def _snippet(self) -> bytes:
        # livereload.js finds the server from its own URL, and would guess 35729 without a port.
        script = f'<script src="/livereload.js?port={self.port}"></script>'
        return (script + error_banner(self.health.problems)).encode("utf-8")


def site_file(out: Path, url_path: str) -> Path | None:
    """The file `url_path` names inside `out`, or None; `..` and symlinks cannot lead outside."""
    relative = url_path.lstrip("/")
    if relative == "" or relative.endswith("/"):
        relative += "index.html"
    try:
        base = out.resolve()
        target = (base / relative).resolve()
    except (OSError, ValueError):  # a NUL byte, a symlink loop
        return None
    return target if target.is_relative_to(base) and target.is_file() else None


def inject(page: bytes, snippet: bytes) -> bytes:
    """Put `snippet` before `</body>`, or at the end: every page gets it, whatever its <head>."""
    at = page.lower().rfind(b"</body>")
    return page + snippet if at < 0 else page[:at] + snippet + page[at:]


def error_banner(problems: tuple[str, ...]) -> str:
    if not problems:
        return ""
    lines = "\n".join(html.escape(line) for line in problems)
    return (
        '<div id="site-builder-errors" role="alert" style="position:fixed;top:0;left:0;right:0;'
        "z-index:2147483647;max-height:60vh;overflow:auto;margin:0;padding:1em;background:#fff1f0;"
        'color:#8b0000;border-bottom:3px solid #c00;font:14px/1.5 monospace">'
        "<strong>The build failed. Pages show the last good build until this is fixed:</strong>"
        f'<pre style="white-space:pre-wrap;margin:.5em 0 0">{lines}</pre></div>'
    )


def _content_type(name: str) -> str:
    kind = mimetypes.guess_type(name)[0] or "application/octet-stream"
    textual = kind.startswith("text/") or kind.endswith(("xml", "javascript", "json"))
    return f"{kind}; charset=utf-8" if textual else kind
