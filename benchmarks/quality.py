"""Web quality: Lighthouse's four scores (performance, accessibility, best practices, SEO) for pages
of a built site, served on loopback as a static host would, at the root or under a subpath.

Lighthouse comes from the npm registry (installed once into .site-builder-cache/lighthouse/ of
this repository) and drives Debian's Chromium. Scores are not asserted in the test suite: the
performance score depends on the machine's load, so the figures are read here and reported.
Usage:

    python -m benchmarks.quality output/                        # the home page
    python -m benchmarks.quality output/ 2024/12/04/story/ tags/ 404.html --subpath /archive/
    python -m benchmarks.quality output/ --mobile               # Lighthouse's phone emulation
"""

from __future__ import annotations

import argparse
import functools
import http.server
import json
import shutil
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
TOOL = REPO / ".site-builder-cache" / "lighthouse"
LIGHTHOUSE = TOOL / "node_modules" / ".bin" / "lighthouse"
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
TARGET = 0.95
CHROME_FLAGS = ("--headless=new --no-sandbox --disable-gpu --no-first-run --disable-background-networking "
                "--disable-component-update --disable-sync")


def lighthouse() -> Path:
    if not LIGHTHOUSE.exists():
        TOOL.mkdir(parents=True, exist_ok=True)
        subprocess.run(["npm", "install", "--prefix", str(TOOL), "lighthouse@12"], check=True,
                       stdout=subprocess.DEVNULL)
    return LIGHTHOUSE


def serve(site: Path, subpath: str) -> tuple[http.server.ThreadingHTTPServer, str]:
    """`site` served at `subpath` on a free loopback port, misses answered with its 404.html."""
    root = Path(tempfile.mkdtemp(prefix="quality-"))
    mounted = root / subpath.strip("/") if subpath.strip("/") else root
    mounted.parent.mkdir(parents=True, exist_ok=True)
    if mounted != root:
        mounted.symlink_to(site.resolve(), target_is_directory=True)
    else:
        root.rmdir()
        root = site.resolve()

    class Handler(http.server.SimpleHTTPRequestHandler):
        def send_error(self, code, message=None, explain=None):  # noqa: ANN001
            missing = mounted / "404.html"
            if code != 404 or not missing.exists():
                return super().send_error(code, message, explain)
            body = missing.read_bytes()
            self.send_response(404)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):  # noqa: ANN002
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Handler, directory=str(root)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}/{subpath.strip('/') + '/' if subpath.strip('/') else ''}"


def scores(url: str, mobile: bool) -> dict[str, float]:
    chromium = shutil.which("chromium") or shutil.which("chromium-browser") or "/usr/bin/chromium"
    with tempfile.TemporaryDirectory() as scratch:
        report = Path(scratch) / "report.json"
        command = [str(lighthouse()), url, "--quiet", "--output=json", f"--output-path={report}",
                   f"--only-categories={','.join(CATEGORIES)}", f"--chrome-flags={CHROME_FLAGS}"]
        if not mobile:
            command.append("--preset=desktop")
        subprocess.run(command, check=True, env={"CHROME_PATH": chromium, "PATH": "/usr/bin:/bin"},
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=300)
        found = json.loads(report.read_text())
    return {name: found["categories"][name]["score"] for name in CATEGORIES}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("site", type=Path, help="a built site folder")
    parser.add_argument("paths", nargs="*", default=[""], help="pages below the site root (default: the home page)")
    parser.add_argument("--subpath", default="/", help="serve the site under this path, as base_url says")
    parser.add_argument("--mobile", action="store_true", help="Lighthouse's phone emulation (default: desktop)")
    args = parser.parse_args()
    server, base = serve(args.site, args.subpath)
    worst = 1.0
    try:
        for path in args.paths:
            found = scores(base + path.lstrip("/"), args.mobile)
            worst = min(worst, *found.values())
            print(f"{path or '/':<40} " + "  ".join(f"{name} {value:.2f}" for name, value in found.items()), flush=True)
    finally:
        server.shutdown()
    print(f"lowest score {worst:.2f} (target {TARGET})")
    sys.exit(0 if worst >= TARGET else 1)


if __name__ == "__main__":
    main()
