"""cli: the `site-builder` commands; the only module that prints."""

from __future__ import annotations

import argparse
import contextlib
import dataclasses
import datetime as dt
import logging
import os
import sys
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

from site_builder import __version__
from site_builder.build import BuildReport, build
from site_builder.options import BuildOptions
from site_builder.config import SCHEDULER, load_config
from site_builder.errors import ContentError, DeployError, UsageError
from site_builder.links import find_broken_links

if TYPE_CHECKING:
    from collections.abc import Iterator

    from site_builder.cluster import Cluster
    from site_builder.deploy.publish import DeployReport

EXIT_OK, EXIT_CONTENT, EXIT_USAGE = 0, 1, 2


def run() -> None:
    """The `site-builder` command: `main`, then out at once. Everything is written and closed by
    then; handing the site model back to the allocator object by object, as a normal exit
    does, would keep the user waiting a quarter of a second more at 10,000 articles."""
    code = main()
    logging.shutdown()
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):  # its reader is gone (`| head`), or it is closed already
            pass
    os._exit(code)


def main(argv: list[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    if args.debug:
        # Our own stages only: libraries' debug logs (the Markdown parser logs every
        # paragraph) would drown them and slow the build they are timing.
        logging.getLogger("site_builder").setLevel(logging.DEBUG)
    if not hasattr(args, "run"):
        parser.print_help()
        return EXIT_USAGE
    try:
        return args.run(args)
    except ContentError as err:
        for problem in err.problems:
            print(problem, file=sys.stderr)
        noun = "problem" if len(err.problems) == 1 else "problems"
        print(f"{len(err.problems)} {noun} found; nothing was written.", file=sys.stderr)
        return EXIT_CONTENT
    except UsageError as err:
        print(err, file=sys.stderr)
        return EXIT_USAGE
    except DeployError as err:
        # From `deploy`, or from the upload that ends `build --out s3://...`.
        print(f"site-builder {'deploy' if args.run is _run_deploy else 'build'}: {err}", file=sys.stderr)
        return EXIT_CONTENT
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # output piped into `head`: not an error of ours
        sys.stderr.close()
        return EXIT_OK
    except Exception as err:  # a bug of ours or the system's: one line, traceback on request
        if args.debug:
            raise
        print(f"site-builder: internal error: {type(err).__name__}: {err} "
              "(run with --debug for the traceback)", file=sys.stderr)
        return EXIT_CONTENT


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="site-builder", description="Build a news archive site.")
    parser.add_argument("--version", action="version", version=f"site-builder {__version__}")
    parser.add_argument("--root", type=Path, default=Path("."), help="project folder (default: .)")
    parser.add_argument("--debug", action="store_true", help="log every stage")
    commands = parser.add_subparsers(title="commands", metavar="COMMAND")

    p = commands.add_parser("build", help="content + theme -> output/")
    _add_build_options(p)
    p.add_argument("--scheduler", type=_scheduler, metavar="ADDRESS",
                   help="parse and render on a Dask cluster: its scheduler (tcp://host:8786), or "
                        "'local' to start one here with --jobs workers (default: site.toml's [build])")
    p.set_defaults(run=_run_build)

    p = commands.add_parser("import", help="raw dumps -> content/articles/**.md")
    p.add_argument("dumps", nargs="+", type=Path, help="raw .txt dumps, e.g. content/raw/*.txt")
    p.add_argument("--force", action="store_true", help="overwrite hand-edited articles (keeps a backup)")
    p.add_argument("--explain", action="store_true",
                   help="write nothing; print where each article's fields came from (line and rule)")
    p.set_defaults(run=_run_import)

    p = commands.add_parser("check", help="validate content without writing the site")
    p.set_defaults(run=_run_check)

    p = commands.add_parser("new", help="scaffold an article")
    p.add_argument("title", help="the headline")
    p.set_defaults(run=_run_new)

    p = commands.add_parser("init", help="start a new archive in FOLDER (default: the --root folder)")
    p.add_argument("folder", nargs="?", type=Path, help="where (made if missing)")
    p.add_argument("--force", action="store_true", help="add the archive's files to a folder that is not empty")
    p.set_defaults(run=_run_init)

    p = commands.add_parser("theme", help="list the themes, or copy one to customise it")
    themes = p.add_subparsers(title="theme commands", metavar="ACTION", required=True)
    t = themes.add_parser("list", help="the bundled themes and the project's own")
    t.set_defaults(run=_run_theme_list)
    t = themes.add_parser("copy", help="copy a theme into themes/NEW, to edit it")
    t.add_argument("name", help="the theme to copy, e.g. default")
    t.add_argument("new_name", metavar="new", help="the copy's name, e.g. my-theme")
    t.set_defaults(run=_run_theme_copy)

    p = commands.add_parser("deploy", help="publish output/ to a destination in site.toml, uploading what changed")
    p.add_argument("name", nargs="?", help="the [deploy.NAME] table (may be left out when there is one)")
    p.add_argument("--dry-run", action="store_true", help="list what would be uploaded and deleted; change nothing")
    p.add_argument("--force", action="store_true", help="delete files even beyond the destination's max_deletes")
    p.set_defaults(run=_run_deploy)

    p = commands.add_parser("serve", help="build, serve on 127.0.0.1, rebuild and reload on change")
    _add_build_options(p)
    p.add_argument("--host", default="127.0.0.1", help="address to listen on (default: 127.0.0.1)")
    p.add_argument("--port", type=int, default=8000, help="port (default: 8000)")
    p.set_defaults(run=_run_serve)
    return parser


def _add_build_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("--out", type=_out, help="output folder (default: output/ in the project); for build, also a "
                   "destination such as s3://bucket/path/: built in the project's cache, what changed uploaded")
    p.add_argument("--drafts", action="store_true", help="include articles marked draft")
    p.add_argument("--local", action="store_true", default=None,
                   help="links end in index.html, so the site works opened from disk")
    p.add_argument("--jobs", "-j", type=int, metavar="N",
                   help="worker processes for parsing and rendering (default: one per core)")
    p.add_argument("--keep-going", action="store_true",
                   help="build the valid articles despite problems in others (still exits 1)")


def _out(text: str) -> Path | str:
    from site_builder.deploy.built_to import is_destination

    return text if is_destination(text) else Path(text)


def _build_options(args: argparse.Namespace) -> BuildOptions:
    out = args.out or args.root / "output"
    if isinstance(out, str):
        from site_builder.deploy.built_to import destination_for, site_folder

        out = site_folder(args.root, destination_for(args.root, out))
    return BuildOptions(root=args.root, out=out,
                        drafts=args.drafts, local=args.local, keep_going=args.keep_going,
                        jobs=args.jobs, progress=_progress_bar if sys.stderr.isatty() else None)


def _progress_bar(stage: str, done: int, total: int) -> None:
    """One line redrawn in place on a terminal; a log or a pipe gets only the summary."""
    if total < 200:
        return
    filled = 30 * done // total
    end = "\n" if done == total else ""
    print(f"\r{stage:>7} [{'#' * filled}{'.' * (30 - filled)}] {done}/{total}", end=end,
          file=sys.stderr, flush=True)


def _scheduler(text: str) -> str:
    if not SCHEDULER.fullmatch(text):
        raise argparse.ArgumentTypeError(f"'{text}' is neither 'local' nor an address such as tcp://host:8786")
    return text


def _run_build(args: argparse.Namespace) -> int:
    scheduler = args.scheduler or _configured_scheduler(args.root)
    options = _build_options(args)
    with _cluster(scheduler, args.jobs, options.root) if scheduler else contextlib.nullcontext() as cluster:
        if cluster is not None:
            # Workers may start elsewhere: the project's paths must not depend on this one's folder.
            options = dataclasses.replace(options, root=options.root.resolve(), runner=cluster.run)
        report = build(options)
        code = _print_report(report, uploading=isinstance(args.out, str))
        if code == EXIT_OK and isinstance(args.out, str):
            _upload_build(options.root, args.out, report.out, cluster)
    return code


def _configured_scheduler(root: Path) -> str:
    """site.toml's [build] scheduler; a site.toml with problems builds here, and the build
    reports every one of them."""
    try:
        return load_config(root).build.scheduler
    except ContentError:
        return ""


def _print_report(report: BuildReport, uploading: bool) -> int:
    for path in report.undated_drafts:
        print(f"{path}: draft without a date, not built; add a 'date' to publish it")
    for note in report.notes:
        print(note)
    print(f"Built {report.pages} pages from {report.articles} articles into {report.out}/ "
          f"in {report.seconds:.2f} s: {report.rendered} rendered, {report.written} written, "
          f"{report.unchanged} unchanged, {report.removed} removed")
    if report.problems:
        for problem in report.problems:
            print(problem, file=sys.stderr)
        uploaded = ", and nothing was uploaded" if uploading else ""
        print(f"{len(report.problems)} problems: those files were left out{uploaded}.", file=sys.stderr)
        return EXIT_CONTENT
    return EXIT_OK


def _upload_build(root: Path, url: str, site: Path, cluster: Cluster | None) -> None:
    """`build --out URL`: what changed in the site just built goes to the destination, sent by
    the cluster's workers when there is one."""
    from site_builder.deploy.built_to import destination_for
    from site_builder.deploy.publish import prepare, publish, refuse_mass_deletion

    deployment = prepare(root, destination_for(root, url), site)
    try:
        refuse_mass_deletion(deployment, False, f"raise max_deletes in a [deploy.NAME] table with url = \"{url}\"")
        report = publish(deployment, _progress_bar if sys.stderr.isatty() else None,
                         cluster.run if cluster is not None else None)
    finally:
        deployment.store.close()
    _print_deployed(report, ("uploaded", "deleted"), f" to {url}")


@contextlib.contextmanager
def _cluster(scheduler: str, jobs: int | None, root: Path) -> Iterator[Cluster]:
    """The Dask cluster whose workers parse and render, and upload a site built for a destination."""
    try:
        from site_builder.cluster import connect
    except ModuleNotFoundError as err:
        if err.name not in ("dask", "distributed"):
            raise
        raise UsageError(f"scheduler {scheduler}: Dask is not installed; "
                         "pip install 'site-builder[cluster]'") from err
    with connect(scheduler, jobs, root.resolve()) as cluster:
        dashboard = f"dashboard {cluster.dashboard}" if cluster.dashboard else "no dashboard"
        print(f"Dask scheduler {cluster.address}, {cluster.workers} workers, {dashboard}", flush=True)
        yield cluster


def _run_check(args: argparse.Namespace) -> int:
    """Validate content, then build into a temporary folder and follow every internal link."""
    with tempfile.TemporaryDirectory(prefix="site-builder-check-") as scratch:
        report = build(BuildOptions(root=args.root, out=Path(scratch) / "site"))
        for path in report.undated_drafts:
            print(f"{path}: draft without a date, not built; add a 'date' to publish it")
        broken = list(find_broken_links(report.out))
    for link in broken:
        print(link, file=sys.stderr)
    if broken:
        print(f"{len(broken)} broken links in {report.pages} pages.", file=sys.stderr)
        return EXIT_CONTENT
    print(f"{report.articles} articles and {report.pages} pages checked: no problems.")
    return EXIT_OK


def _run_new(args: argparse.Namespace) -> int:
    from site_builder.scaffold import new_article

    path = new_article(args.root, args.title, dt.date.today())
    print(f"Created {path}")
    return EXIT_OK


def _run_init(args: argparse.Namespace) -> int:
    from site_builder.scaffold import new_site

    folder = args.folder or args.root
    made = new_site(folder, dt.date.today(), force=args.force)
    for path in made:
        print(f"Created {folder / path}")
    print(f"\nA new archive is in {folder}/. Next, from there:")
    if folder.resolve() != Path.cwd().resolve():
        print(f"  cd {folder}")
    print("  site-builder import content/raw/*.txt   # once raw dumps are in content/raw/")
    print("  site-builder build                      # the site, into output/")
    print("  site-builder serve                      # preview at http://127.0.0.1:8000/")
    return EXIT_OK


def _run_theme_list(args: argparse.Namespace) -> int:
    from site_builder.pages.theme import bundled_themes

    own = sorted(p.parent.name for p in (args.root / "themes").glob("*/templates") if p.is_dir())
    for name in own:
        print(f"{name}  (themes/{name})")
    for name in bundled_themes():
        if name not in own:
            print(f"{name}  (bundled)")
    return EXIT_OK


def _run_theme_copy(args: argparse.Namespace) -> int:
    from site_builder.scaffold import copy_theme

    path = copy_theme(args.root, args.name, args.new_name)
    print(f"Copied theme '{args.name}' to {path}/; to use it, set theme = \"{args.new_name}\" in site.toml")
    return EXIT_OK


def _run_import(args: argparse.Namespace) -> int:
    from site_builder.importer import import_dumps

    articles_dir = args.root / "content" / "articles"
    vocabulary = args.root / "content" / "vocabulary.toml"
    if args.explain:
        return _explain_import(args, vocabulary if vocabulary.exists() else None)
    report = import_dumps(args.dumps, articles_dir, force=args.force,
                          vocabulary=vocabulary if vocabulary.exists() else None)
    rows = [("file", "#", "headline", "date", "source", "regions", "status")]
    found = {dump: sum(1 for a in report.articles if a.dump == dump) for dump in args.dumps}
    for a in report.articles:
        rows.append((a.dump.name, str(found.get(a.dump, "")), _clip(a.headline, 48),
                     a.date.isoformat() if a.date else "none: draft", a.source or "-",
                     ", ".join(a.regions) or "-", a.status))
    _print_table(rows)
    for article in report.articles:
        for note in article.notes:
            print(f"{article.path}: {note}")
    for failure in report.failures:
        print(f"{failure.dump}: {failure.message}", file=sys.stderr)
    print(f"{len(report.articles)} articles from {len(args.dumps) - len(report.failures)} files; "
          f"{len(report.failures)} files could not be read.")
    return EXIT_CONTENT if report.failures else EXIT_OK


def _explain_import(args: argparse.Namespace, vocabulary: Path | None) -> int:
    from site_builder.importer import explain_dumps

    explanation = explain_dumps(args.dumps, vocabulary=vocabulary)
    numbers: dict[Path, int] = {}
    for article in explanation.articles:
        numbers[article.dump] = numbers.get(article.dump, 0) + 1
        print(f"{article.dump} #{numbers[article.dump]}: {article.headline}")
        for record in article.provenance:
            where = f"line {record.line}" if record.line else "-"
            print(f"  {record.field:<12} {where:<9} {_clip(record.value, 60)}\n  {'':<12} {'':<9} ({record.rule})")
        for note in article.notes:
            print(f"  note: {note}")
    for failure in explanation.failures:
        print(f"{failure.dump}: {failure.message}", file=sys.stderr)
    return EXIT_CONTENT if explanation.failures else EXIT_OK


def _run_deploy(args: argparse.Namespace) -> int:
    from site_builder.deploy.publish import (
        choose_destination,
        prepare,
        publish,
        refuse_mass_deletion,
        report_of,
    )

    deployment = prepare(args.root, choose_destination(args.root, args.name), args.root / "output")
    try:
        if args.dry_run:
            for path in deployment.changes.uploads:
                print(f"upload {path}")
            for path in deployment.changes.deletions:
                print(f"delete {path}")
        refuse_mass_deletion(deployment, args.force)
        if args.dry_run:
            report, verbs = report_of(deployment), ("would upload", "would delete")
        else:
            progress = _progress_bar if sys.stderr.isatty() else None
            report, verbs = publish(deployment, progress), ("uploaded", "deleted")
    finally:
        deployment.store.close()
    _print_deployed(report, verbs)
    return EXIT_OK


def _print_deployed(report: DeployReport, verbs: tuple[str, str], where: str = "") -> None:
    noun = "file" if report.uploaded == 1 else "files"
    print(f"{verbs[0]} {report.uploaded:,} {noun} ({report.uploaded_bytes / 1e6:.1f} MB){where}, "
          f"{verbs[1]} {report.deleted:,}, unchanged {report.unchanged:,}, {report.seconds:.1f} s")


def _run_serve(args: argparse.Namespace) -> int:
    from site_builder.serve import serve

    if isinstance(args.out, str):
        raise UsageError(f"--out {args.out}: serve writes its site to a folder; build uploads to destinations")
    serve(_build_options(args), host=args.host, port=args.port)
    return EXIT_OK


def _clip(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "\u2026"


def _print_table(rows: list[tuple[str, ...]]) -> None:
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    for row in rows:
        print("  ".join(cell.ljust(width) for cell, width in zip(row, widths)).rstrip())
