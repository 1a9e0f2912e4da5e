"""Benchmark: time site-builder on a synthetic archive, medians over several runs.

Scenarios: first build with no cache, no-change rebuild, rebuild after editing one article,
rebuild after adding 20 articles dated over the ten years, and after adding a day's news (20
articles dated the day after the newest); with the peak memory of the build process and of its
largest worker. Usage:

    python -m benchmarks.run                 # 1,000 and 10,000 articles, 3 runs each
    python -m benchmarks.run --sizes 100000 --runs 1
    python -m benchmarks.run --no-search     # leave out the Pagefind index
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

from benchmarks.corpus import DAYS, START, write_corpus

# Runs one build in a child process and reports its peak memory (its own and its largest
# child's) as JSON; the time is taken around the whole process, start-up and imports included,
# as a user running `site-builder build` waits for it.
_PROBE = """
import json, resource, sys
from pathlib import Path
from site_builder.build import BuildOptions, build
root = Path(sys.argv[1])
report = build(BuildOptions(root=root, out=root / "output"))
own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
workers = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
print(json.dumps({"rss_mb": own, "worker_rss_mb": workers,
                  "rendered": report.rendered, "written": report.written}))
"""


def measure(root: Path) -> dict:
    # The files just written (the corpus, an edit) are flushed first: the kernel writing them
    # back during the build would be timed as the build's own work.
    os.sync()
    started = time.perf_counter()
    done = subprocess.run([sys.executable, "-c", _PROBE, str(root)], capture_output=True, text=True)
    seconds = time.perf_counter() - started
    if done.returncode != 0:
        raise SystemExit(done.stderr)
    return {"seconds": seconds, **json.loads(done.stdout.strip().splitlines()[-1])}


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
    args = parser.parse_args()
    cores = len(__import__("os").sched_getaffinity(0))
    print(f"site-builder benchmark: {platform.processor() or platform.machine()}, {cores} cores, "
          f"Python {platform.python_version()}, search {'off' if args.no_search else 'on'}, "
          f"median of {args.runs} runs")
    print(f"{'articles':>9}  {'scenario':<12} {'median s':>9} {'min s':>7} {'max s':>7} "
          f"{'rendered':>9} {'peak MB':>8} {'worker MB':>9}")
    for size in args.sizes:
        for name, runs in scenario_runs(size, args.runs, not args.no_search).items():
            times = [r["seconds"] for r in runs]
            print(f"{size:>9}  {name:<12} {statistics.median(times):>9.2f} {min(times):>7.2f} "
                  f"{max(times):>7.2f} {runs[-1]['rendered']:>9} {max(r['rss_mb'] for r in runs):>8.0f} "
                  f"{max(r['worker_rss_mb'] for r in runs):>9.0f}", flush=True)


if __name__ == "__main__":
    main()
