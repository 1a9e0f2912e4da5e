"""Benchmark: time site-builder on a synthetic archive, medians over several runs.

Scenarios: first build with no cache, no-change rebuild, rebuild after editing one article,
rebuild after adding 20 articles dated over the ten years, and after adding a day's news (20
articles dated the day after the newest); with the files each wrote (pages and feeds, and search
index files apart), the peak memory of the build process and of its largest worker, and, with
--hugo, Hugo's whole build of the same archive in the same run and each time as a share of the
peer the scenario is measured against: a first build with search against Hugo then Pagefind over
its output, a first build without search against Hugo drawing our page set (the date archive,
related articles, neighbours), every later scenario against Hugo's whole build (it has no
incremental build; see benchmarks/peers.py).
Usage:

    python -m benchmarks.run                 # 1,000 and 10,000 articles, 3 runs each
    python -m benchmarks.run --sizes 100000 --runs 1
    python -m benchmarks.run --no-search     # leave out the Pagefind index
    python -m benchmarks.run --hugo /tmp/peers-venv/bin   # beside Hugo (see benchmarks/peers.py)
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from benchmarks.peers import HUGO_PAGEFIND, HUGO_PAGES, PEERS, find_executable, peer_runs, read_corpus, version_of
from tests.support.corpus import DAYS, START, write_corpus

# Runs one build in a child process and reports its peak memory (its own and its largest
# child's) as JSON; the time is taken around the whole process, start-up, imports and exit
# included, as a user running `site-builder build` waits for it. It leaves as the command does
# (cli.run), without freeing the site object by object.
_PROBE = """
import json, os, resource, sys
from pathlib import Path
from site_builder.build import build
from site_builder.options import BuildOptions
root = Path(sys.argv[1])
report = build(BuildOptions(root=root, out=root / "output"))
own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
workers = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
print(json.dumps({"rss_mb": own, "worker_rss_mb": workers,
                  "rendered": report.rendered, "written": report.written}), flush=True)
os._exit(0)
"""


def measure(root: Path) -> dict:
    # The files just written (the corpus, an edit) are flushed first: the kernel writing them
    # back during the build would be timed as the build's own work.
    before = _files(root / "output")
    os.sync()
    started = time.perf_counter()
    done = subprocess.run([sys.executable, "-c", _PROBE, str(root)], capture_output=True, text=True)
    seconds = time.perf_counter() - started
    if done.returncode != 0:
        raise SystemExit(done.stderr)
    after = _files(root / "output")
    # A file the build carried over is the old one (a link to it): same inode and time.
    written = [path for path, stamp in after.items() if before.get(path) != stamp]
    search = sum(path.startswith("pagefind/") for path in written)
    return {"seconds": seconds, "pages_written": len(written) - search, "search_written": search,
            **json.loads(done.stdout.strip().splitlines()[-1])}


def _files(out: Path) -> dict[str, tuple[int, int]]:
    """Output path -> (inode, modification time) of every file the site holds."""
    found = {}
    for folder, _, names in os.walk(out):
        for name in names:
            if name != ".site-builder-output":
                stat = os.stat(os.path.join(folder, name))
                found[os.path.relpath(os.path.join(folder, name), out)] = (stat.st_ino, stat.st_mtime_ns)
    return found


def hugo_runs(hugo: Path, size: int, runs: int) -> dict[str, float]:
    """The median of Hugo's whole builds of the same archive, fresh each run (it has no
    incremental build), by peer: Hugo alone, drawing our page set, and followed by Pagefind."""
    workdir = Path(tempfile.mkdtemp(prefix=f"bench-hugo-{size}-"))
    try:
        write_corpus(workdir / "corpus", size)
        articles = read_corpus(workdir / "corpus")
        return {peer.title: statistics.median(r["seconds"] for r in peer_runs(peer, hugo, articles, workdir, runs))
                for peer in (PEERS[0], HUGO_PAGES, HUGO_PAGEFIND)}
    finally:
        shutil.rmtree(workdir, ignore_errors=True)


def peer_of(scenario: str, search: bool) -> str:
    """The Hugo build a scenario is measured against (see the docstring)."""
    if scenario == "first build":
        return HUGO_PAGEFIND.title if search else HUGO_PAGES.title
    return PEERS[0].title


def scenario_runs(size: int, runs: int, search: bool) -> dict[str, list[dict]]:
    results: dict[str, list[dict]] = {"first build": [], "no change": [], "edit one": [], "add 20": [],
                                      "add a day": []}
    roots: list[Path] = []
    # Runs' folders are deleted at the end, not between runs: ext4 slows the creation of new
    # files for about 30 s after many deletions, which would tax the next run's first build.
    try:
        for run in range(runs):
            root = Path(tempfile.mkdtemp(prefix=f"bench-{size}-"))
            roots.append(root)
            write_corpus(root, size)
            (root / "site.toml").write_text('title = "Benchmark"\nbase_url = "https://example.org/"\n'
                                            f"search = {'true' if search else 'false'}\n")
            results["first build"].append(measure(root))
            results["no change"].append(measure(root))
            story = next((root / "content/articles").rglob("story-1.md"))
            story.write_text(story.read_text() + f"\nA correction, run {run}.\n")
            results["edit one"].append(measure(root))
            write_corpus(root, 20, seed=1234 + run, first=size)
            results["add 20"].append(measure(root))
            write_corpus(root, 20, seed=1234 + run, first=size + 20, day=START + dt.timedelta(days=DAYS))
            results["add a day"].append(measure(root))
    finally:
        for root in roots:
            shutil.rmtree(root, ignore_errors=True)
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description="Benchmark site-builder.")
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--no-search", action="store_true", help="build without the search index")
    parser.add_argument("--hugo", type=Path, metavar="DIR", help="folder holding hugo: time it too")
    args = parser.parse_args()
    cores = len(__import__("os").sched_getaffinity(0))
    hugo = find_executable("hugo", args.hugo) if args.hugo else None
    print(f"site-builder benchmark: {platform.processor() or platform.machine()}, {cores} cores, "
          f"Python {platform.python_version()}, search {'off' if args.no_search else 'on'}, "
          f"median of {args.runs} runs" + (f", Hugo {version_of(hugo, ('version',))}" if hugo else ""))
    print(f"{'articles':>9}  {'scenario':<20} {'median s':>9} {'min s':>7} {'max s':>7} "
          f"{'rendered':>9} {'written':>8} {'+search':>8} {'peak MB':>8} {'worker MB':>9} {'x Hugo':>7}")
    for size in args.sizes:
        results = scenario_runs(size, args.runs, not args.no_search)
        peers = hugo_runs(hugo, size, args.runs) if hugo else {}
        for title, median in peers.items():
            print(f"{size:>9}  {title:<20} {median:>9.2f}")
        for name, runs in results.items():
            times = [r["seconds"] for r in runs]
            peer = peers.get(peer_of(name, not args.no_search))
            share = f"{statistics.median(times) / peer:>7.2f}" if peer else ""
            print(f"{size:>9}  {name:<20} {statistics.median(times):>9.2f} {min(times):>7.2f} "
                  f"{max(times):>7.2f} {runs[-1]['rendered']:>9} "
                  f"{statistics.median(r['pages_written'] for r in runs):>8.0f} "
                  f"{statistics.median(r['search_written'] for r in runs):>8.0f} "
                  f"{max(r['rss_mb'] for r in runs):>8.0f} "
                  f"{max(r['worker_rss_mb'] for r in runs):>9.0f} {share}", flush=True)


if __name__ == "__main__":
    main()
