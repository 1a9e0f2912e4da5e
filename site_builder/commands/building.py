"""building: `site-builder build`, `check` and `serve`, and what they print."""

from __future__ import annotations

import argparse
import contextlib
import dataclasses
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from site_builder.build import BuildReport, build
from site_builder.commands import (
    EXIT_CONTENT,
    EXIT_OK,
    holding_project,
    progress_bar,
    warn_if_local_address,
)
from site_builder.commands.deploying import print_deployed
from site_builder.config import Config, load_config
from site_builder.errors import ContentError, UsageError
from site_builder.links import find_broken_links
from site_builder.options import BuildOptions
from site_builder.pages.language import missing_translations
from site_builder.pages.theme import load_theme
from site_builder.pages.theme_checks import shown
from site_builder.pages.words import counted
from site_builder.project import CACHE_DIR, CHECK_DIRS, cache_file

if TYPE_CHECKING:
    from site_builder.cluster.runner import Cluster


def build_options(args: argparse.Namespace) -> BuildOptions:
    out = args.out or args.root / "output"
    if isinstance(out, str):
        from site_builder.deploy.built_to import destination_for, site_folder

        out = site_folder(args.root, destination_for(args.root, out))
    return BuildOptions(root=args.root, out=out,
                        drafts=args.drafts, local=args.local, keep_going=args.keep_going,
                        jobs=args.jobs, progress=progress_bar if sys.stderr.isatty() else None)


def run_build(args: argparse.Namespace) -> int:
    config = _config_if_valid(args.root)
    scheduler = args.scheduler or (config.build.scheduler if config else "")
    options = build_options(args)
    # Held through the upload too: `build --out URL` is a build and a deploy in one.
    with holding_project(args, "build"), \
            _cluster(scheduler, args.jobs, options.root) if scheduler else contextlib.nullcontext() as cluster:
        if cluster is not None:
            # Workers may start elsewhere: the project's paths must not depend on this one's folder.
            options = dataclasses.replace(options, root=options.root.resolve(), runner=cluster.run)
        report = build(options)
        code = _print_report(report, uploading=isinstance(args.out, str))
        # About a site made for publishing: not one that failed, nor one for opening from disk.
        if config is not None and not (args.local if args.local is not None else config.local):
            warn_if_local_address(config.base_url)
        if code == EXIT_OK and isinstance(args.out, str):
            _upload_build(options.root, args.out, report.out, cluster)
    return code


def _config_if_valid(root: Path) -> Config | None:
    """site.toml, for what the command decides before building (the scheduler, a warning);
    a site.toml with problems is the build's to report, every one of them."""
    try:
        return load_config(root)
    except ContentError:
        return None


def _print_report(report: BuildReport, uploading: bool) -> int:
    _print_undated(report)
    for note in report.notes:
        print(note)
    for warning in report.warnings:
        print(warning, file=sys.stderr)
    print(describe_build(report))
    if report.problems:
        for problem in report.problems:
            print(problem, file=sys.stderr)
        uploaded = ", and nothing was uploaded" if uploading else ""
        print(f"{counted(len(report.problems), 'problem')}: those files were left out{uploaded}.", file=sys.stderr)
        return EXIT_CONTENT
    return EXIT_OK


def describe_build(report: BuildReport) -> str:
    """'Built 77 pages from 5 articles into output/ in 0.52 s: 3 written, 74 unchanged', pages
    and the other files (static files, the search index) counted apart; or 'Nothing changed'."""
    site = f"{counted(report.pages, 'page')} from {counted(report.articles, 'article')}"
    if not report.written and not report.removed:
        return f"Nothing changed: {site} in {report.out}/ ({report.seconds:.2f} s)"
    pages = report.pages_written
    line = (f"Built {site} into {report.out}/ in {report.seconds:.2f} s: "
            f"{pages:,} written, {report.pages - pages:,} unchanged")
    others = report.written - pages
    if others:
        line += f"; {counted(others, 'other file')} written (static files, search index)"
    if report.removed:
        line += f"; {counted(report.removed, 'file')} removed"
    return line


def _upload_build(root: Path, url: str, site: Path, cluster: Cluster | None) -> None:
    """`build --out URL`: what changed in the site just built goes to the destination, sent by
    the cluster's workers when there is one."""
    from site_builder.deploy.built_to import destination_for
    from site_builder.deploy.publish import prepare, publish, refuse_mass_deletion

    deployment = prepare(root, destination_for(root, url), site)
    try:
        refuse_mass_deletion(deployment, False, f"raise max_deletes in a [deploy.NAME] table with url = \"{url}\"")
        report = publish(deployment, progress_bar if sys.stderr.isatty() else None,
                         cluster.run if cluster is not None else None)
    finally:
        deployment.store.close()
    print_deployed(report, ("uploaded", "deleted"), f" to {url}")


@contextlib.contextmanager
def _cluster(scheduler: str, jobs: int | None, root: Path) -> Iterator[Cluster]:
    """The Dask cluster whose workers parse and render, and upload a site built for a destination."""
    try:
        from site_builder.cluster.runner import connect
    except ModuleNotFoundError as err:
        if err.name not in ("dask", "distributed"):
            raise
        raise UsageError(f"scheduler {scheduler}: Dask is not installed; "
                         "pip install 'site-builder[cluster]'") from err
    with connect(scheduler, jobs, root.resolve()) as cluster:
        dashboard = f"dashboard {cluster.dashboard}" if cluster.dashboard else "no dashboard"
        print(f"Dask scheduler {cluster.address}, {cluster.workers} workers, {dashboard}", flush=True)
        yield cluster


def run_check(args: argparse.Namespace) -> int:
    """Validate content, then build into a folder of the cache kept for `check` and follow every
    internal link. The folder and what the last check found are kept, so a check after a few
    edits builds and reads again only what changed, and one after none does neither."""
    out = args.root / CACHE_DIR / CHECK_DIRS[args.drafts]
    with holding_project(args, "check"):
        # In place, not staged beside: nobody is served from this folder, and it is not copied
        # twice. No search index: the links it checks are the pages'.
        report = build(BuildOptions(root=args.root, out=out, drafts=args.drafts, atomic=False, search=False,
                                    progress=progress_bar if sys.stderr.isatty() else None))
        _print_undated(report)
        _print_untranslated(args.root)
        broken = list(find_broken_links(out, cache_file(args.root, "check-links", out, ".pickle")))
    for link in broken:
        print(link, file=sys.stderr)
    if broken:
        print(f"{counted(len(broken), 'broken link')} in {counted(report.pages, 'page')}.", file=sys.stderr)
        return EXIT_CONTENT
    print(f"{counted(report.articles, 'article')} and {counted(report.pages, 'page')} checked: no problems.")
    return EXIT_OK


def run_serve(args: argparse.Namespace) -> int:
    from site_builder.serve import serve

    if isinstance(args.out, str):
        raise UsageError(f"--out {args.out}: serve writes its site to a folder; build uploads to destinations")
    serve(build_options(args), host=args.host, port=args.port)
    return EXIT_OK


def _print_untranslated(root: Path) -> None:
    """The interface's words the site's language has no translation for, one line each."""
    config = load_config(root)
    theme = load_theme(root, config.theme)
    for line in missing_translations(config.language, theme.locale_dirs, lambda path: shown(path, root)):
        print(line, file=sys.stderr)


def _print_undated(report: BuildReport) -> None:
    for path in report.undated_drafts:
        print(f"{path}: draft without a date, not built; add a 'date' to publish it")
