"""http: the dev server's answers: the output folder's files (or pages drawn ahead of a rebuild)
with the reload script and the error banner, and livereload's socket, which remembers the page
its browser shows."""

from __future__ import annotations

import html
import ipaddress
import json
import logging
import urllib.parse
from dataclasses import dataclass, field
from pathlib import Path

import tornado.web
from livereload.handlers import LiveReloadHandler, LiveReloadJSHandler

from site_builder.filetypes import content_type
from site_builder.model import output_path

HTML_TYPES = (".html", ".htm")
log = logging.getLogger(__name__)


@dataclass
class Health:
    """The last build's problems, one line each; the build thread replaces the tuple whole.
    `banners`: the problems each page was last served with, by output path."""

    problems: tuple[str, ...] = ()
    banners: dict[str, tuple[str, ...]] = field(default_factory=dict)


class ReloadSocket(LiveReloadHandler):
    """livereload.js's socket, which also remembers the page its browser shows. Only the dev
    server's own pages may open it (see `own_address`)."""

    page: str | None = None  # the output path, e.g. '2024/12/04/story/index.html'

    def prepare(self) -> None:
        _refuse_other_hosts(self)

    def check_origin(self, origin: str) -> bool:
        # livereload's own handler takes any origin: a page of any site could talk to us.
        parts = urllib.parse.urlsplit(origin)
        return parts.scheme in ("http", "https") and own_address(parts.netloc, *self.settings["own"])

    def on_message(self, message: str | bytes) -> None:
        super().on_message(message)
        try:
            said = json.loads(message)
        except ValueError:
            return
        if isinstance(said, dict) and said.get("command") == "info" and isinstance(said.get("url"), str):
            self.page = page_of(said["url"])
            # A page fetched while a build was failing or mending, whose socket opened after the
            # build said so to every page, would keep a stale banner (or lack one): reload it.
            health = self.settings["health"]
            if health.banners.get(self.page, health.problems) != health.problems:
                reload_browsers({self.page})

    @classmethod
    def pages(cls) -> dict[ReloadSocket, str]:
        """The output path each connected browser shows; called from the build thread."""
        return {waiter: page for waiter in list(cls.waiters) if (page := waiter.page) is not None}


def page_of(url: str) -> str:
    """'http://127.0.0.1:8000/2024/story/?q=1#top' -> '2024/story/index.html'."""
    return output_path(urllib.parse.unquote(urllib.parse.urlsplit(url).path).lstrip("/"))


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


def make_app(out: Path, health: Health, port: int, drafts: dict[str, bytes] | None = None,
             host: str = "127.0.0.1") -> tornado.web.Application:
    """The dev server's answers, on `host` and `port` (those it listens on)."""
    return tornado.web.Application(
        [(r"/livereload", ReloadSocket),
         (r"/livereload.js", ReloadScript),
         (r"/(.*)", SiteHandler, {"out": out, "health": health, "port": port, "drafts": {} if drafts is None else drafts})],
        log_function=lambda handler: None,  # an access log would drown the build messages
        own=(host, port), health=health,
    )


def own_address(netloc: str, host: str, port: int) -> bool:
    """Whether `netloc` (a request's Host, an Origin's host and port) names this server: a
    loopback name or address, or the host it was started on (any address, when that is all of
    them), with its port. A web page that makes its own name point at 127.0.0.1 (DNS
    rebinding) sends that name, and is refused: it could read the drafts the preview shows."""
    try:
        parts = urllib.parse.urlsplit(f"//{netloc}")
        name, given = (parts.hostname or "").rstrip("."), parts.port or 80
    except ValueError:
        return False
    if given != port:
        return False
    if name == "localhost" or name.endswith(".localhost") or name == host.lower().strip("[]"):
        return True
    try:
        address = ipaddress.ip_address(name)
    except ValueError:
        return False  # a name: only the ones above are ours
    # An address cannot be rebound; listening on all of them, the server answers at each.
    return address.is_loopback or host in ("0.0.0.0", "::", "")


def _refuse_other_hosts(handler: tornado.web.RequestHandler) -> None:
    if not own_address(handler.request.host, *handler.settings["own"]):
        handler.set_status(403)
        handler.finish("site-builder's dev server answers only to its own address.\n")


class ReloadScript(LiveReloadJSHandler):
    """livereload.js, for the dev server's own pages."""

    def prepare(self) -> None:
        _refuse_other_hosts(self)


class SiteHandler(tornado.web.RequestHandler):
    """Files from the output folder, looked up by path on every request because each build
    swaps the folder whole, or pages drawn ahead of the rebuild; HTML gets the reload script
    and, while a build fails, its errors."""

    def initialize(self, out: Path, health: Health, port: int, drafts: dict[str, bytes]) -> None:
        self.out, self.health, self.port, self.drafts = out, health, port, drafts

    def prepare(self) -> None:
        _refuse_other_hosts(self)

    def get(self, path: str) -> None:
        draft = self.drafts.get(page_of(path))
        if draft is not None:  # drawn ahead of the rebuild, which has not written it yet
            self.set_header("Cache-Control", "no-store")
            self.set_header("Content-Type", content_type(page_of(path)))
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
        self.set_header("Content-Type", content_type(found.name))
        self.finish(body)

    head = get  # tornado sends the headers of a GET and drops the body

    def _snippet(self) -> bytes:
        # livereload.js finds the server from its own URL, and would guess 35729 without a port.
        script = f'<script src="/livereload.js?port={self.port}"></script>'
        problems = self.health.problems
        self.health.banners[page_of(self.request.path)] = problems
        return (script + error_banner(problems)).encode("utf-8")


def site_file(out: Path, url_path: str) -> Path | None:
    """The file `url_path` names inside `out`, or None; `..` and symlinks cannot lead outside."""
    relative = url_path.lstrip("/")
    if relative == "" or relative.endswith("/"):
        relative += "index.html"
    try:
        base = out.resolve()
        target = (base / relative).resolve()
        return target if target.is_relative_to(base) and target.is_file() else None
    except (OSError, ValueError):  # a NUL byte, a symlink loop, a name too long for the system
        return None


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
