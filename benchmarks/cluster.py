"""Benchmark: a first build on a Dask LocalCluster (`build --scheduler local`) against the same
build on the local process pool, on one archive in the same run, the two alternating build by
build; the median of each, the cluster's overhead in time and in the CPU time of all their
processes (the fairer measure on a shared machine), and the stages' times (from `--debug`) that
the per-article costs are worked out from. Search is off: Pagefind runs on the client either way.

    python -m benchmarks.cluster                        # 10,000 articles, 3 builds each way
    python -m benchmarks.cluster --sizes 100000 --runs 1
"""

from __future__ import annotations

import argparse
import os
import platform
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from tests.support.corpus import write_corpus

WAYS = {"pool": [], "cluster": ["--scheduler", "local"]}
LAP = re.compile(r"^DEBUG site_builder\.\w+: (.+?)\s+([\d.]+) s$")
PEAKS = re.compile(r"^DEBUG site_builder\.cluster: workers' peak memory: ([\d, ]+) MB$")


def measure(root: Path, out: Path, way: str) -> dict[str, float]:
    """One first build in a fresh process: its wall time (start-up, and for the cluster its
    start, included) and the time of each stage it logs."""
    shutil.rmtree(root / ".site-builder-cache", ignore_errors=True)
    _read_every_file(root / "content")
    os.sync()
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "site_builder", "--debug", "--root", str(root), "build",
                           "--out", str(out), *WAYS[way]], capture_output=True, text=True)
    seconds = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode != 0:
        raise SystemExit(done.stderr)
    # CPU time of the build and every process it started (workers are waited for, so counted):
    # on a shared machine, what the work cost, whatever else ran beside it.
    cpu = after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime
    laps: dict[str, float] = {"whole build": seconds, "CPU, all processes": cpu}
    for line in done.stderr.splitlines():
        match = LAP.match(line)
        if match:
            laps[match[1]] = laps.get(match[1], 0.0) + float(match[2])
        elif PEAKS.match(line):
            laps["largest worker (MB, not s)"] = max(float(mb) for mb in PEAKS.match(line)[1].split(","))
        elif not line.startswith("DEBUG "):
            print(f"    {way}: {line[:200]}", file=sys.stderr)  # a warning, say
    return laps


def _read_every_file(folder: Path) -> None:
    """Each build starts with the archive in the page cache, whichever way it builds: after the
    other way's build had written its site, the second build of a pair read the 100,000
    articles from disk (discovery 25-49 s, against 4 s for the first)."""
    for path in folder.rglob("*"):
        if path.is_file():
            path.read_bytes()


def runs(root: Path, size: int, count: int) -> dict[str, list[dict[str, float]]]:
    results: dict[str, list[dict[str, float]]] = {way: [] for way in WAYS}
    write_corpus(root, size)
    (root / "site.toml").write_text('title = "Benchmark"\nbase_url = "https://example.org/"\nsearch = false\n')
    # Each build writes a new folder, deleted at the end, not between builds: ext4 slows the
    # creation of files for a while after many deletions (see benchmarks/run.py).
    for n in range(count):
        for way in list(WAYS) if n % 2 == 0 else list(reversed(WAYS)):
            laps = measure(root, root / f"out-{way}-{n}", way)
            results[way].append(laps)
            print(f"  {size:>9} {way:<8} run {n + 1}: " + ", ".join(f"{stage} {seconds:.1f}"
                                                                 for stage, seconds in laps.items()),
                  file=sys.stderr, flush=True)
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description="The cluster's overhead against the local pool.")
    parser.add_argument("--sizes", type=int, nargs="+", default=[10000])
    parser.add_argument("--runs", type=int, default=3, help="builds each way")
    args = parser.parse_args()
    print(f"cluster benchmark: {platform.processor() or platform.machine()}, {len(os.sched_getaffinity(0))} cores, "
          f"Python {platform.python_version()}, search off, median of {args.runs} first builds each way, alternating")
    for size in args.sizes:
        root = Path(tempfile.mkdtemp(prefix=f"bench-cluster-{size}-"))
        try:
            results = runs(root, size, args.runs)
            report(size, results)
        finally:
            shutil.rmtree(root, ignore_errors=True)


def report(size: int, results: dict[str, list[dict[str, float]]]) -> None:
    stages = list(dict.fromkeys(stage for way in WAYS for laps in results[way] for stage in laps))
    print(f"{size:,} articles: {'stage':<32} " + " ".join(f"{way:>16}" for way in WAYS))
    for stage in stages:
        cells = []
        for way in WAYS:
            times = [laps[stage] for laps in results[way] if stage in laps]
            cells.append(f"{statistics.median(times):>7.2f} ({min(times):.1f}-{max(times):.1f})" if times else "")
        print(f"{'':>{len(f'{size:,}') + 10}} {stage:<32} " + " ".join(f"{cell:>16}" for cell in cells))
    for measure_ in ("whole build", "CPU, all processes"):
        pool, cluster = (statistics.median(laps[measure_] for laps in results[way]) for way in WAYS)
        print(f"{'':>{len(f'{size:,}') + 10}} cluster overhead, {measure_}: {100 * (cluster / pool - 1):+.1f}%",
              flush=True)


if __name__ == "__main__":
    main()
