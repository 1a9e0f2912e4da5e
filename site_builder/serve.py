"""serve: build, serve output/ on loopback, then rebuild and live-reload the browser on every edit."""

from __future__ import annotations

import asyncio
import dataclasses
import html
import ipaddress
import json
import logging
import mimetypes
import signal
import socket
import sys
import threading
import time
import urllib.parse
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import tornado.httpserver
import tornado.netutil
import tornado.web
from livereload.handlers import LiveReloadHandler, LiveReloadJSHandler

from site_builder.build import BuildOptions, BuildReport, build
from site_builder.errors import ContentError, UsageError
from site_builder.live import ARTICLES, LiveSite
from site_builder.project import CONFIG_FILE, SITE_TEMPLATES
from site_builder.theme import BUNDLED_THEMES
from site_builder.watch import changes
from site_builder.write import check_output_dir

HTML_TYPES = (".html", ".htm")
# The cache is saved once the editor has saved nothing for this many seconds (at 100,000
# articles saving takes seconds, which an edit arriving meanwhile would wait for).
SAVE_AFTER_QUIET = 10.0
log = logging.getLogger(__name__)


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
    # An edit touches a few pages: no worker processes to fork beside the server's threads,
    # and the search index of the first build is kept rather than rebuilt on every save.
    # Nobody but the editor reads this output, so it is updated in place, not swapped whole,
    # and static files keep their names, so that a stylesheet edit changes no page.
    options = dataclasses.replace(options, base_url=f"http://{netloc}/", fingerprint_assets=False)
    try:
        check_output_dir(options.out, options.root)  # a wrong --out is a usage error, not a page
        health, halt = Health(), threading.Event()
        # Watch from before the first build, so an edit saved during it is not missed.
        edits = changes(watched_paths(options.root), halt, idle=SAVE_AFTER_QUIET)
        live = LiveSite(options.root, shown=ReloadSocket.shown_urls)
        started = time.perf_counter()
        report = rebuild(options, live, health)
        if report:
            print(f"Built {report.pages} pages in {time.perf_counter() - started:.2f} s", flush=True)
        print(f"Serving {options.base_url} (Ctrl-C to stop)", flush=True)
        options = dataclasses.replace(options, jobs=1, search=False, atomic=False)
        asyncio.run(_serve_until_stopped(options, live, sockets, health, edits, halt))
    except KeyboardInterrupt:
        pass  # Ctrl-C during the first build
    finally:
        for sock in sockets:
            sock.close()


def rebuild(options: BuildOptions, live: LiveSite, health: Health) -> BuildReport | None:
    """Build the site, recording what went wrong instead of raising: the server must live on."""
    try:
        report = build(options, live)
    except ContentError as err:
        health.problems = tuple(str(problem) for problem in err.problems)
    except Exception as err:  # a bug or an unwritable output must not kill the editor's session
        health.problems = (f"{options.root}: build failed: {type(err).__name__}: {err}",)
    else:
        health.problems = ()
        return report
    for line in health.problems:
        print(line, file=sys.stderr)
    noun = "problem" if len(health.problems) == 1 else "problems"
    print(f"Build failed: {len(health.problems)} {noun}, shown in the browser until fixed.",
          file=sys.stderr, flush=True)
    return None


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


async def _serve_until_stopped(options: BuildOptions, live: LiveSite, sockets: list[socket.socket],
                               health: Health, edits: Iterator[set[Path]], halt: threading.Event) -> None:
    loop = asyncio.get_running_loop()
    stopped = asyncio.Event()
    for sig in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(sig, stopped.set)
    port = sockets[0].getsockname()[1]
    drafts: dict[str, bytes] = {}  # pages drawn ahead of the rebuild, by output path
    server = tornado.httpserver.HTTPServer(make_app(options.out, health, port, drafts))
    server.add_sockets(sockets)

    def reload(paths: set[str] | None) -> None:
        try:
            loop.call_soon_threadsafe(reload_browsers, paths)
        except RuntimeError:
            pass  # the loop closed during this build: the server has stopped

    # Builds run off the event loop, so the last good site keeps being served meanwhile.
    rebuilds = Rebuilds(options, live, health, drafts, reload)
    worker = threading.Thread(target=rebuilds.run, args=(edits,), daemon=True)
    worker.start()
    await stopped.wait()
    halt.set()
    server.stop()
    worker.join(timeout=10)  # the build under way ends, and saves the cache
    for waiter in list(ReloadSocket.waiters):
        waiter.close()


class Rebuilds:
    """The build thread: each burst of edits is drawn first on the pages the browsers show,
    which are then reloaded, and only then on the rest of the site."""

    def __init__(self, options: BuildOptions, live: LiveSite, health: Health, drafts: dict[str, bytes],
                 reload: Callable[[set[str] | None], object]):
        self.options, self.live, self.health, self.drafts = options, live, health, drafts
        self.reload = reload  # output paths whose browsers reload; None: all of them
        self.showing: dict[str, bytes] = {}  # what the open pages show, by output path
        self.failing = False  # the last build failed
        live.drawn = self._drawn_first

    def run(self, edits: Iterator[set[Path]]) -> None:
        for changed in edits:
            if changed:
                self.once(changed)
            else:
                self.live.flush()  # the editor paused: the cache is saved for the next build
        self.live.flush()

    def once(self, changed: set[Path]) -> None:
        started = time.perf_counter()
        known = ReloadSocket.pages()
        self.showing = {path: self.drafts.get(path) or _read(self.options.out / path)
                        for path in self.live.first()}
        self.failing = failing = bool(self.health.problems)
        what = describe(changed, self.options.root, self.live.files())
        self.live.saw(changed)
        try:
            # Not while the site fails: this build takes the error banner away or shows new ones.
            drawn = {} if failing else self.live.preview()
        except Exception:  # the rebuild that follows reports what is wrong, as it would anyway
            log.debug("drawing ahead failed", exc_info=True)
            drawn = {}
        ahead = {path: page for path, page in drawn.items() if page != self.showing.get(path)}
        log.debug("drawn ahead: %s, of which changed: %s", sorted(drawn), sorted(ahead))
        if ahead:
            self.drafts.update(ahead)
            self.showing.update(ahead)
            self.reload(set(ahead))
        report = rebuild(self.options, self.live, self.health)
        self.drafts.clear()
        if report is None or failing:
            self.reload(None)  # the error banner comes or goes on every page
        elif any(path.suffix == ".css" for path in changed):
            self.reload({"*.css"})
        elif report.written:
            # A page that connected meanwhile may have been read before its file was written.
            if late := {page for waiter, page in ReloadSocket.pages().items() if waiter not in known}:
                self.reload(late)
        if report is not None:
            noun = "page" if report.written == 1 else "pages"
            print(f"{what}: {report.written} {noun} in {time.perf_counter() - started:.2f} s", flush=True)

    def _drawn_first(self, paths: list[str]) -> None:
        """The open pages are written: those that differ from what their browsers show reload."""
        changed = {path for path in paths if _read(self.options.out / path) != self.showing.get(path)}
        for path in paths:
            self.drafts.pop(path, None)
        # While the site fails, every page reloads once the build is over, without the banner.
        if changed and not self.failing:
            self.reload(changed)


def describe(changed: set[Path], root: Path, known: set[str]) -> str:
    """'edited story.md', 'added a.md', 'removed a.md', 'moved a.md to b.md', '3 files changed';
    `known`: the files the last build read, below `root`."""
    names = {path: _name(path, root) for path in changed}
    if len(changed) == 2:
        gone = [path for path in changed if not path.exists()]
        if len(gone) == 1:
            (there,) = changed - set(gone)
            return f"moved {_short(names[gone[0]])} to {_short(names[there])}"
    if len(changed) != 1:
        return f"{len(changed)} files changed"
    (path,) = changed
    verb = "removed" if not path.exists() else "edited" if names[path] in known or path.is_dir() else "added"
    return f"{verb} {_short(names[path])}"


def _name(path: Path, root: Path) -> str:
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return path.name


def _short(name: str) -> str:
    return name.removeprefix(ARTICLES)


def _read(path: Path) -> bytes | None:
    try:
        return path.read_bytes()
    except OSError:
        return None


class ReloadSocket(LiveReloadHandler):
    """livereload.js's socket, which also remembers the page its browser shows."""

    page: str | None = None  # the output path, e.g. '2024/12/04/story/index.html'

    def on_message(self, message: str | bytes) -> None:
        super().on_message(message)
        try:
            said = json.loads(message)
        except ValueError:
            return
        if isinstance(said, dict) and said.get("command") == "info" and isinstance(said.get("url"), str):
            self.page = page_of(said["url"])

    @classmethod
    def pages(cls) -> dict[ReloadSocket, str]:
        """The output path each connected browser shows; called from the build thread."""
        return {waiter: page for waiter in list(cls.waiters) if (page := waiter.page) is not None}

    @classmethod
    def shown_urls(cls) -> set[str]:
        """The site URLs ('' for home) the connected browsers show."""
        return {page.removesuffix("index.html") for page in cls.pages().values()}


def page_of(url: str) -> str:
    """'http://127.0.0.1:8000/2024/story/?q=1#top' -> '2024/story/index.html'."""
    path = urllib.parse.unquote(urllib.parse.urlsplit(url).path).lstrip("/")
    return path + "index.html" if path == "" or path.endswith("/") else path


def reload_browsers(paths: set[str] | None = None) -> None:
    """Tell the connected pages showing `paths` (output paths; None: every page) to reload, by
    livereload protocol 7; '*.css' reloads the stylesheets in place. Call on the event loop."""
    if paths == {"*.css"}:
        message = json.dumps({"command": "reload", "path": "style.css", "liveCSS": True, "liveImg": True})
        targets = list(ReloadSocket.waiters)
    else:
        message = json.dumps({"command": "reload", "path": "*", "liveCSS": True, "liveImg": True})
        targets = [w for w in list(ReloadSocket.waiters) if paths is None or w.page in paths]
    log.debug("reloading %s: %d of %d browsers", "all" if paths is None else sorted(paths), len(targets),
              len(ReloadSocket.waiters))
    for waiter in targets:
        try:
            waiter.write_message(message)
        except Exception:  # a tab closed mid-message; it has nothing left to reload
            ReloadSocket.waiters.discard(waiter)


def make_app(out: Path, health: Health, port: int, drafts: dict[str, bytes] | None = None) -> tornado.web.Application:
    return tornado.web.Application(
        [(r"/livereload", ReloadSocket),
         (r"/livereload.js", LiveReloadJSHandler),
         (r"/(.*)", SiteHandler, {"out": out, "health": health, "port": port, "drafts": {} if drafts is None else drafts})],
        log_function=lambda handler: None,  # an access log would drown the build messages
    )


class SiteHandler(tornado.web.RequestHandler):
    """Files from the output folder, looked up by path on every request because each build
    swaps the folder whole, or pages drawn ahead of the rebuild; HTML gets the reload script
    and, while a build fails, its errors."""

    def initialize(self, out: Path, health: Health, port: int, drafts: dict[str, bytes]) -> None:
        self.out, self.health, self.port, self.drafts = out, health, port, drafts

    def get(self, path: str) -> None:
        draft = self.drafts.get(page_of(path))
        if draft is not None:  # drawn ahead of the rebuild, which has not written it yet
            self.set_header("Cache-Control", "no-store")
            self.set_header("Content-Type", _content_type(page_of(path)))
            self.finish(inject(draft, self._snippet()))
            return
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
