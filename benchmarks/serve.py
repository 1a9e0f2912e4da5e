"""Benchmark: the dev server as an editor sees it, in a real browser.

Starts `site-builder serve` on a synthetic archive, opens an article in headless Chromium,
saves an edit to its body or headline, and times from the save until the open page shows it
(median of --runs); then the same for a new article appearing on the open home page. Prints
the server's memory (resident now and at its peak), and, with --hugo, Hugo's own server timed
the same way on the same archive. Usage:

    python -m benchmarks.serve                      # 10,000 articles, 5 runs
    python -m benchmarks.serve --size 100000 --runs 3
    python -m benchmarks.serve --hugo /tmp/peers-venv/bin
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import re
import secrets
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from benchmarks.peers import find_executable, read_corpus, write_hugo_site
from tests.support.corpus import write_corpus

TIMEOUT = 120.0  # seconds for one change to show; far beyond any target
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


class Browser:
    def __init__(self) -> None:
        from playwright.sync_api import sync_playwright

        self._playwright = sync_playwright().start()
        self._browser = self._playwright.chromium.launch(executable_path=CHROMIUM)
        self.page = self._browser.new_page()

    def open(self, url: str) -> None:
        self.page.goto(url)
        self.settle()

    def settle(self) -> None:
        """Wait until the page (reloaded or not) has its reload socket open, and a moment more
        for it to say which page it shows, as it has when an editor saves again."""
        self.page.wait_for_function("() => window.LiveReload ? window.LiveReload.connector.protocol >= 7"
                                    " : document.querySelector('script[src*=livereload]') !== null",
                                    timeout=TIMEOUT * 1000)
        time.sleep(0.3)

    def seconds_until_shown(self, save: Callable[[], None], text: str) -> float:
        """From the save to the moment the open page's text holds `text`, polled as fast as the
        page answers; a reload in between only makes a poll fail."""
        from playwright.sync_api import Error

        started = time.perf_counter()
        save()
        while time.perf_counter() - started < TIMEOUT:
            try:
                if self.page.evaluate("t => document.body !== null && document.body.innerText.includes(t)", text):
                    return time.perf_counter() - started
            except Error:
                pass  # the page is reloading
        raise SystemExit(f"{text!r} never showed in {TIMEOUT} s")

    def close(self) -> None:
        self._browser.close()
        self._playwright.stop()


def rewrite(path: Path, pattern: str, replacement: str) -> Callable[[], None]:
    def save() -> None:
        text = path.read_text(encoding="utf-8")
        path.write_text(re.sub(pattern, replacement, text, count=1, flags=re.M), encoding="utf-8")
    return save


def memory_mb(pid: int) -> tuple[float, float]:
    """Resident memory now and at its peak, of the process and its children."""
    status = dict(line.split(":", 1) for line in Path(f"/proc/{pid}/status").read_text().splitlines())
    return int(status["VmRSS"].split()[0]) / 1024, int(status["VmHWM"].split()[0]) / 1024


def site_builder_runs(root: Path, runs: int, port: int) -> dict:
    log = root / "serve.log"
    with log.open("w") as out:
        server = subprocess.Popen([sys.executable, "-m", "site_builder", "--root", str(root), "serve",
                                   "--port", str(port)], stdout=out, stderr=subprocess.STDOUT)
    try:
        started = time.perf_counter()
        _wait(lambda: "Serving" in log.read_text(), server, "the first build")
        first = time.perf_counter() - started
        results = edit_runs(f"http://127.0.0.1:{port}/", root / "content" / "articles", runs,
                            done=lambda count: _rebuilds(log) >= count, counted=lambda: _rebuilds(log))
        results["first build s"] = first
        results["memory MB (now, peak)"] = memory_mb(server.pid)
        results["terminal"] = [line for line in log.read_text().splitlines() if " pages in " in line or " page in " in line][-3:]
        return results
    finally:
        server.terminate()
        server.wait()


def hugo_runs(hugo: Path, root: Path, runs: int, port: int, workdir: Path) -> dict:
    site = workdir / "hugo-site"
    shutil.rmtree(site, ignore_errors=True)
    site.mkdir(parents=True)
    write_hugo_site(site, read_corpus(root))
    log = workdir / "hugo.log"
    with log.open("w") as out:
        server = subprocess.Popen([str(hugo), "server", "--source", str(site), "--port", str(port),
                                   "--bind", "127.0.0.1", "--cacheDir", str(site / "cache")],
                                  stdout=out, stderr=subprocess.STDOUT)
    try:
        started = time.perf_counter()
        _wait(lambda: "Web Server is available" in log.read_text(), server, "Hugo's first build")
        first = time.perf_counter() - started
        results = edit_runs(f"http://127.0.0.1:{port}/", site / "content" / "posts", runs,
                            done=lambda count: _hugo_rebuilds(log) >= count, counted=lambda: _hugo_rebuilds(log),
                            hugo=True)
        results["first build s"] = first
        results["memory MB (now, peak)"] = memory_mb(server.pid)
        return results
    finally:
        server.terminate()
        server.wait()


def edit_runs(base: str, articles: Path, runs: int, done: Callable[[int], bool], counted: Callable[[], int],
              hugo: bool = False) -> dict:
    """Body and headline edits of one article open in the browser, then new articles on the
    open home page; each waits for the server's rebuild to finish before the next save."""
    browser = Browser()
    try:
        path = sorted(articles.rglob("*.md"))[len(list(articles.rglob("*.md"))) // 2]
        slug = re.search(r"^slug: (.+)$", path.read_text(encoding="utf-8"), re.M)[1]
        date = re.search(r"^date: (\d{4})-(\d\d)-(\d\d)", path.read_text(encoding="utf-8"), re.M)
        url = base + f"{date[1]}/{date[2]}/{date[3]}/{slug}/"  # the same URLs in both (peers.py)
        times: dict[str, list[float]] = {"body edit s": [], "headline edit s": [], "new article on home s": []}
        for kind, pattern in (("body edit s", r"^---\n(?![\s\S]*^---\n)"), ("headline edit s", r"^title: .*$")):
            browser.open(url)
            for _ in range(runs):
                marker = f"Edit{secrets.token_hex(4)}"
                before = counted()
                replacement = f"---\n\n{marker} opens the story.\n\n" if kind == "body edit s" else f"title: {marker} headline"
                times[kind].append(browser.seconds_until_shown(rewrite(path, pattern, replacement), marker))
                _wait(lambda: done(before + 1), None, "the rebuild after an edit")
                browser.settle()
        browser.open(base)
        newest = dt.date(2025, 6, 1)  # after the archive, not in the future (Hugo hides those)
        for n in range(runs):
            marker = f"New{secrets.token_hex(4)}"
            before = counted()
            text = (f"---\ntitle: {marker} arrives\ndate: {newest + dt.timedelta(days=n)}T09:00:00+00:00\n"
                    f"slug: {marker.lower()}\ntopics: [\"Economy\"]\ntags: []\nregions: []\nsource: AFP\n---\n"
                    "Fresh news.\n")
            where = articles / (f"{marker}.md" if hugo else f"2025/{marker}.md")
            where.parent.mkdir(parents=True, exist_ok=True)
            times["new article on home s"].append(
                browser.seconds_until_shown(lambda: where.write_text(text, encoding="utf-8"), marker))
            _wait(lambda: done(before + 1), None, "the rebuild after a new article")
            browser.settle()
        return {kind: (statistics.median(values), values) for kind, values in times.items()}
    finally:
        browser.close()


def _rebuilds(log: Path) -> int:
    return len(re.findall(r": \d+ pages? in [\d.]+ s$", log.read_text(), re.M))


def _hugo_rebuilds(log: Path) -> int:
    return len(re.findall(r"^Total in \d+ ms$", log.read_text(), re.M))


def _wait(condition: Callable[[], bool], process: subprocess.Popen | None, what: str) -> None:
    deadline = time.monotonic() + 3600
    while not condition():
        if process is not None and process.poll() is not None:
            raise SystemExit(f"{what}: the server exited")
        if time.monotonic() > deadline:
            raise SystemExit(f"{what}: not done after an hour")
        time.sleep(0.02)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--hugo", type=Path, help="folder holding hugo (see benchmarks/peers.py)")
    parser.add_argument("--keep", type=Path, help="build the archive here, or reuse it if it is there")
    parser.add_argument("--hugo-only", action="store_true", help="time Hugo's server alone")
    args = parser.parse_args()
    workdir = Path(tempfile.mkdtemp(prefix="serve-bench-"))
    root = args.keep or workdir / "site"
    if not (root / "content").is_dir():
        write_corpus(root, args.size)
        (root / "site.toml").write_text('title = "Benchmark"\nbase_url = "https://example.org/"\n')
    print(f"{args.size:,} articles, {args.runs} runs, {os.cpu_count()} cores")
    for name, figure in ({} if args.hugo_only else site_builder_runs(root, args.runs, 8741)).items():
        print(f"  site-builder {name}: {_show(figure)}")
    hugo = find_executable("hugo", args.hugo) if args.hugo else None
    if hugo:
        for name, figure in hugo_runs(hugo, root, args.runs, 8742, workdir).items():
            print(f"  hugo server {name}: {_show(figure)}")
    shutil.rmtree(workdir, ignore_errors=True)


def _show(figure: object) -> str:
    if isinstance(figure, tuple) and len(figure) == 2 and isinstance(figure[1], list):
        return f"{figure[0]:.2f} (runs: {', '.join(f'{v:.2f}' for v in figure[1])})"
    if isinstance(figure, tuple):
        return ", ".join(f"{v:.0f}" for v in figure)
    if isinstance(figure, float):
        return f"{figure:.1f}"
    return str(figure)


if __name__ == "__main__":
    main()
