"""Benchmark: `site-builder deploy` of a synthetic archive to moto's S3 server on this machine.

Builds an archive of N articles (tests/support/corpus.py), deploys it whole, then times deploys
with nothing changed (each in a fresh process, as a user runs it; median of --runs), then adds
a day's news (20 articles dated the day after the newest), builds, and deploys: the files
uploaded should be the files the build wrote (pages and search index files whose bytes changed).
Usage:

    python -m benchmarks.deploy                  # 10,000 articles, 5 runs
    python -m benchmarks.deploy --articles 1000 --runs 3 --no-search
"""

from __future__ import annotations

import argparse
import datetime as dt
import logging
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import boto3
from moto.server import ThreadedMotoServer

from benchmarks.run import measure
from tests.support.corpus import DAYS, START, write_corpus

SUMMARY = re.compile(r"uploaded ([\d,]+) files? \(([\d.]+) MB\), deleted ([\d,]+), unchanged ([\d,]+)")


def deploy(root: Path) -> dict:
    """One deploy in a fresh process: its wall time, start-up and imports included."""
    os.sync()  # the build's writes flushed first, as in benchmarks.run
    started = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "site_builder", "--root", str(root), "deploy"],
                          capture_output=True, text=True)
    seconds = time.perf_counter() - started
    if done.returncode != 0:
        raise SystemExit(done.stderr)
    uploaded, megabytes, deleted, unchanged = SUMMARY.search(done.stdout).groups()
    number = lambda text: int(text.replace(",", ""))  # noqa: E731
    return {"seconds": seconds, "uploaded": number(uploaded), "megabytes": float(megabytes),
            "deleted": number(deleted), "unchanged": number(unchanged)}


def main() -> None:
    parser = argparse.ArgumentParser(description="Benchmark site-builder deploy against a local S3 server.")
    parser.add_argument("--articles", type=int, default=10000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--no-search", action="store_true", help="build without the search index")
    args = parser.parse_args()
    logging.getLogger("werkzeug").setLevel(logging.ERROR)  # a line per request otherwise
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    endpoint = f"http://{host}:{port}"
    # moto takes any credentials; they come from the environment, as for AWS itself.
    os.environ.update(AWS_ACCESS_KEY_ID="benchmark", AWS_SECRET_ACCESS_KEY="benchmark", AWS_DEFAULT_REGION="us-east-1")
    boto3.client("s3", endpoint_url=endpoint).create_bucket(Bucket="archive")
    root = Path(tempfile.mkdtemp(prefix=f"bench-deploy-{args.articles}-"))
    try:
        write_corpus(root, args.articles)
        (root / "site.toml").write_text(
            'title = "Benchmark"\nbase_url = "https://example.org/"\n'
            f"search = {'false' if args.no_search else 'true'}\n"
            f'[deploy.bench]\nurl = "s3://archive/site/"\nendpoint_url = "{endpoint}"\n')
        print(f"site-builder deploy benchmark: {platform.processor() or platform.machine()}, "
              f"{len(os.sched_getaffinity(0))} cores, Python {platform.python_version()}, "
              f"{args.articles:,} articles, search {'off' if args.no_search else 'on'}, moto S3 on {endpoint}")
        built = measure(root)
        print(f"first build: {built['seconds']:.1f} s, {built['pages_written'] + built['search_written']:,} files",
              flush=True)
        first = deploy(root)
        print(f"first deploy: {first['seconds']:.1f} s, {first['uploaded']:,} files ({first['megabytes']:.0f} MB)",
              flush=True)
        unchanged = [deploy(root) for _ in range(args.runs)]
        times = [run["seconds"] for run in unchanged]
        assert all(run["uploaded"] == 0 for run in unchanged), unchanged
        print(f"unchanged deploy: median {statistics.median(times):.2f} s (min {min(times):.2f}, "
              f"max {max(times):.2f}, {args.runs} runs), {unchanged[-1]['unchanged']:,} files unchanged "
              f"(target <= 2 s)", flush=True)
        write_corpus(root, 20, seed=1234, first=args.articles, day=START + dt.timedelta(days=DAYS))
        news = measure(root)
        wrote = news["pages_written"] + news["search_written"]
        after = deploy(root)
        print(f"a day's news (20 articles): the build wrote {wrote:,} files ({news['pages_written']:,} pages, "
              f"{news['search_written']:,} search index files) in {news['seconds']:.1f} s; the deploy uploaded "
              f"{after['uploaded']:,} files ({after['megabytes']:.1f} MB), deleted {after['deleted']:,}, "
              f"in {after['seconds']:.2f} s" + ("" if after["uploaded"] == wrote else "  <- differ"))
    finally:
        shutil.rmtree(root, ignore_errors=True)
        server.stop()


if __name__ == "__main__":
    main()
