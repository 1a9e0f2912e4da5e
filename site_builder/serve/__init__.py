"""serve: build, serve output/ on loopback, then rebuild and live-reload the browser on every edit.

The package: this module starts the server and stops it; rebuilds.py is the build thread, fed
by the watcher (watch.py); live.py draws the open pages ahead of a rebuild; http.py answers the
browsers.
"""

from __future__ import annotations

import asyncio
import dataclasses
import ipaddress
import signal
import socket
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import tornado.httpserver
import tornado.netutil

from site_builder.errors import UsageError
from site_builder.options import BuildOptions
from site_builder.output.folder import check_output_dir
from site_builder.pages.theme import BUNDLED_THEMES
from site_builder.project import (
    CONFIG_FILE,
    SITE_TEMPLATES,
    SITE_TRANSLATIONS,
    STATIC_DIR,
)
from site_builder.serve.http import Health, ReloadSocket, make_app, reload_browsers
from site_builder.serve.rebuilds import Rebuilds
from site_builder.serve.watch import changes

# The cache is saved once the editor has saved nothing for this many seconds (at 100,000
# articles saving takes seconds, which an edit arriving meanwhile would wait for).
SAVE_AFTER_QUIET = 10.0


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
    # The site is the one `build` makes, with the site's own base_url (its pages link each
    # other by relative URLs): the server starts from a built site as it is, and `build`
    # after it draws only what the editor changed.
    try:
        check_output_dir(options.out, options.root)  # a wrong --out is a usage error, not a page
        health, halt = Health(), threading.Event()
        drafts: dict[str, bytes] = {}  # pages drawn ahead of the rebuild, by output path
        # Watch from before the first build, so an edit saved during it is not missed.
        edits = changes(watched_paths(options.root), halt, idle=SAVE_AFTER_QUIET)
        rebuilds = Rebuilds(options, health, drafts, lambda paths: None, _say)
        started = time.perf_counter()
        report = rebuilds.first()
        if report:
            print(f"Built {report.pages} pages in {time.perf_counter() - started:.2f} s ({report.rendered} drawn, "
                  f"the others as the last build left them)", flush=True)
            for warning in report.warnings:
                print(warning, flush=True)
        print(f"Serving http://{netloc}/ (Ctrl-C to stop)", flush=True)
        # An edit touches a few pages: no worker processes to fork beside the server's threads,
        # and the search index of the first build is kept rather than rebuilt on every save.
        # The output is updated in place, not swapped whole. Static files keep the names of the
        # first build, so that a stylesheet edit changes no page (the server says not to cache).
        pinned = tuple(sorted(rebuilds.warm.theme.theme.assets.items())) if rebuilds.warm else ()
        rebuilds.options = dataclasses.replace(options, jobs=1, search=False, atomic=False, pinned_assets=pinned)
        asyncio.run(_serve_until_stopped(rebuilds, sockets, edits, halt, host))
    except KeyboardInterrupt:
        pass  # Ctrl-C during the first build
    finally:
        for sock in sockets:
            sock.close()


def watched_paths(root: Path) -> list[Path]:
    root = root.resolve()
    # The bundled themes too: a site using them sees theme edits, as a theme author expects.
    paths = [root / "content", root / STATIC_DIR, root / "themes", root / SITE_TEMPLATES, root / SITE_TRANSLATIONS,
             root / CONFIG_FILE]
    return list(dict.fromkeys([*paths, BUNDLED_THEMES]))


def is_loopback(host: str) -> bool:
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return host == "localhost"


async def _serve_until_stopped(rebuilds: Rebuilds, sockets: list[socket.socket], edits: Iterator[set[Path]],
                               halt: threading.Event, host: str) -> None:
    loop = asyncio.get_running_loop()
    stopped = asyncio.Event()
    for sig in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(sig, stopped.set)
    port = sockets[0].getsockname()[1]
    server = tornado.httpserver.HTTPServer(make_app(rebuilds.options.out, rebuilds.health, port, rebuilds.drafts, host))
    server.add_sockets(sockets)

    def reload(paths: set[str] | None) -> None:
        try:
            loop.call_soon_threadsafe(reload_browsers, paths)
        except RuntimeError:
            pass  # the loop closed during this build: the server has stopped

    # Builds run off the event loop, so the last good site keeps being served meanwhile.
    rebuilds.reload = reload
    worker = threading.Thread(target=rebuilds.run, args=(edits,), daemon=True)
    worker.start()
    await stopped.wait()
    halt.set()
    server.stop()
    worker.join(timeout=10)  # the build under way ends, and saves the cache
    for waiter in list(ReloadSocket.waiters):
        waiter.close()


def _say(line: str, error: bool) -> None:
    """The build thread's news for the editor's terminal: each rebuild, and what went wrong."""
    print(line, file=sys.stderr if error else sys.stdout, flush=True)
