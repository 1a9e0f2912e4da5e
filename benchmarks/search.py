"""Benchmark: what one search query downloads, in a real browser, from a built site.

The search page is opened in headless Chromium on a local static server, with each query in
its URL; once the results are shown and the network is idle, the bytes of every response
under pagefind/ are added up, and the shards whose files were fetched are named (the page
reads the newest shard first, and older ones only while the results would not fill a page).
Build the site first (search on). Usage:

    python -m benchmarks.search output/                       # ceasefire, budget, a word found nowhere
    python -m benchmarks.search /tmp/big/output --queries election zzqx
"""

from __future__ import annotations

import argparse
import functools
import http.server
import threading
from pathlib import Path

from playwright.sync_api import expect, sync_playwright


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass


def measure(site: Path, queries: list[str]) -> list[str]:
    """One line per query: its status line, the bytes and files fetched, the shards read."""
    handler = functools.partial(_Quiet, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_port}/"
    lines = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium")
        for query in queries:
            page = browser.new_page()
            sizes: dict[str, int] = {}
            page.on("requestfinished", lambda r: sizes.__setitem__(r.url, r.sizes()["responseBodySize"]))
            page.goto(f"{base}search/?q={query}")
            expect(page.locator("#search-status")).to_contain_text(query, timeout=120_000)
            page.wait_for_load_state("networkidle")
            index = {url: size for url, size in sizes.items() if "/pagefind/" in url}
            shards = page.locator("#search").get_attribute("data-shards").split()
            read = [s for s in shards if any(f"/pagefind/{s}/" in url for url in index)]
            lines.append(f"{query}: {page.locator('#search-status').inner_text()} | "
                         f"{sum(index.values()) / 1000:,.0f} kB in {len(index)} files | "
                         f"shards read: {len(read)} of {len(shards)} ({', '.join(read)})")
            page.close()
        browser.close()
    server.shutdown()
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("site", type=Path, help="a built site folder, with its search index")
    parser.add_argument("--queries", nargs="+", default=["ceasefire", "budget", "zzqx"])
    args = parser.parse_args()
    for line in measure(args.site, args.queries):
        print(line)


if __name__ == "__main__":
    main()
