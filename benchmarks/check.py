"""Benchmark: `site-builder check` as an editor runs it all day, medians over several runs.

Scenarios on a synthetic archive: the first check (a full build into the check folder, every
page read), a check with nothing changed, and a check after editing one article. Each is the
whole command in a child process, start-up and imports included, as a user waits for it.
Usage:

    python -m benchmarks.check                 # 1,000 articles, 5 runs
    python -m benchmarks.check --sizes 1000 10000 --runs 3
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from tests.support.corpus import write_corpus

SITE = 'title = "Check benchmark"\nbase_url = "https://example.org/"\n'


def check(root: Path) -> float:
    os.sync()  # the files just written are not the check's to flush
    started = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "site_builder", "--root", str(root), "check"],
                          capture_output=True, text=True)
    seconds = time.perf_counter() - started
    if done.returncode != 0:
        raise SystemExit(f"check failed:\n{done.stdout}{done.stderr}")
    return seconds


def scenario(size: int, runs: int) -> dict[str, list[float]]:
    times: dict[str, list[float]] = {"first check": [], "no change": [], "one article edited": []}
    for _ in range(runs):
        root = Path(tempfile.mkdtemp(prefix="check-bench-"))
        try:
            files = write_corpus(root, size)
            (root / "site.toml").write_text(SITE)
            times["first check"].append(check(root))
            times["no change"].append(check(root))
            files[size // 2].write_text(files[size // 2].read_text() + "\nA late correction.\n")
            times["one article edited"].append(check(root))
        finally:
            shutil.rmtree(root, ignore_errors=True)
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    for size in args.sizes:
        for name, seconds in scenario(size, args.runs).items():
            print(f"{size:>7,} articles  {name:<20} median {statistics.median(seconds):6.2f} s  "
                  f"(runs: {', '.join(f'{s:.2f}' for s in seconds)})", flush=True)


if __name__ == "__main__":
    main()
