"""cli: the `site-builder` command line: its options, and each problem turned into one line and an exit
status. What each command does and prints is in commands/; the dev server prints its rebuilds."""

from __future__ import annotations

import argparse
import errno
import logging
import os
import sys
from pathlib import Path

from site_builder import __version__
from site_builder.commands import EXIT_CONTENT, EXIT_OK, EXIT_USAGE
from site_builder.commands.building import run_build, run_check, run_serve
from site_builder.commands.deploying import run_deploy
from site_builder.commands.drafts import run_list_drafts
from site_builder.commands.importing import run_import
from site_builder.commands.project import (
    run_init,
    run_new,
    run_theme_copy,
    run_theme_list,
)
from site_builder.config import SCHEDULER
from site_builder.errors import ContentError, DeployError, UsageError
from site_builder.pages.words import counted
from site_builder.project import find_project


def run() -> None:
    """The `site-builder` command: `main`, then out at once. Everything is written and closed by
    then; handing the site model back to the allocator object by object, as a normal exit
    does, would keep the user waiting for nothing."""
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
    if args.run is not run_init and not getattr(args, "explain", False):
        # Every command but init works on a project: the one the folder is in. (`import
        # --explain` only reads the files it is given and writes nothing: it may look at dumps
        # before there is an archive.)
        project = find_project(args.root)
        if project is None:
            print(f"site-builder: no site.toml in {args.root.resolve()} or its parents; "
                  "run 'site-builder init' to start an archive", file=sys.stderr)
            return EXIT_USAGE
        args.root = project
    try:
        return args.run(args)
    except ContentError as err:
        for problem in err.problems:
            print(problem, file=sys.stderr)
        print(f"{counted(len(err.problems), 'problem')} found; nothing was written.", file=sys.stderr)
        return EXIT_CONTENT
    except UsageError as err:
        # deploy names itself in every message of its own, as it does its DeployErrors.
        prefix = "site-builder deploy: " if args.run is run_deploy else ""
        print(f"{prefix}{err}", file=sys.stderr)
        return EXIT_USAGE
    except DeployError as err:
        # From `deploy`, or from the upload that ends `build --out s3://...`.
        print(f"site-builder {'deploy' if args.run is run_deploy else 'build'}: {err}", file=sys.stderr)
        return EXIT_CONTENT
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # output piped into `head`: not an error of ours
        sys.stderr.close()
        return EXIT_OK
    except Exception as err:  # a bug of ours or the system's: one line, traceback on request
        if args.debug:
            raise
        print(_unexpected(err), file=sys.stderr)
        return EXIT_CONTENT


_CANNOT_WRITE = {errno.ENOSPC, errno.EROFS, errno.EACCES, errno.EPERM, errno.EDQUOT}


def _unexpected(err: Exception) -> str:
    """The line for an error no command foresaw."""
    if isinstance(err, OSError) and err.errno in _CANNOT_WRITE:
        # A full disk, a read-only project or output folder: the system's word for it. A build
        # wrote beside output/ until then, and output/ is as it was.
        where = f"{err.filename}: " if err.filename else ""
        return f"site-builder: cannot write: {where}{err.strerror}"
    return f"site-builder: internal error: {type(err).__name__}: {err} (run with --debug for the traceback)"


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="site-builder", formatter_class=argparse.RawDescriptionHelpFormatter,
        description="A static site generator for news archives: raw news text in, a themed, searchable "
                    "static site out.",
        epilog="examples:\n"
               "  site-builder init my-archive             start an archive (asks for its title and address)\n"
               "  site-builder import content/raw/*.txt    raw dumps -> articles\n"
               "  site-builder serve                       preview at http://127.0.0.1:8000/, reloads on save\n"
               "  site-builder build                       the site, into output/\n"
               "  site-builder deploy                      publish what changed\n\n"
               "Each command has its own --help; README.md says more.")
    parser.add_argument("--version", action="version", version=f"site-builder {__version__}")
    parser.add_argument("--root", type=Path, default=Path("."),
                        help="the project folder, or a folder inside it (default: the current one); "
                             "commands look for site.toml there and in its parents")
    parser.add_argument("--debug", action="store_true",
                        help="log each stage and its time, and show the traceback of an internal error")
    commands = parser.add_subparsers(title="commands", metavar="COMMAND")
    _add_site_commands(commands)
    _add_project_commands(commands)
    return parser


def _add_site_commands(commands: argparse._SubParsersAction) -> None:
    """build, check, serve, deploy: the site made, checked, previewed and published."""
    p = commands.add_parser("build", help="content + theme -> output/")
    _add_build_options(p)
    p.add_argument("--out", type=_out, help="output folder (default: output/ in the project), or a destination "
                   "such as s3://bucket/path/: built in the project's cache, then what changed uploaded")
    p.add_argument("--local", action="store_true", default=None,
                   help="links end in index.html, so the site works opened from disk (no search index)")
    p.add_argument("--scheduler", type=_scheduler, metavar="ADDRESS",
                   help="parse and render on a Dask cluster: its scheduler (tcp://host:8786), or "
                        "'local' to start one here with --jobs workers (default: site.toml's [build])")
    _add_wait_options(p)
    p.set_defaults(run=run_build)

    p = commands.add_parser(
        "check", help="validate every article and follow every internal link; output/ is not touched",
        description="Validate every article and site.toml (every problem, as path:line: message), build the site "
                    "into a folder of .site-builder-cache/ kept for check (so a second check redoes only what "
                    "changed), and follow every internal link of every page: each broken one is listed as "
                    "'page: broken link -> target'. output/ is not touched. Exit 1 on any problem.")
    p.add_argument("--drafts", action="store_true", help="check the drafts too")
    _add_wait_options(p)
    p.set_defaults(run=run_check)

    p = commands.add_parser("deploy", help="publish output/ to a destination in site.toml, uploading what changed")
    p.add_argument("name", nargs="?", help="the [deploy.NAME] table (may be left out when there is one)")
    p.add_argument("--dry-run", action="store_true", help="list what would be uploaded and deleted; change nothing")
    p.add_argument("--force", action="store_true", help="delete files even beyond the destination's max_deletes")
    _add_wait_options(p)
    p.set_defaults(run=run_deploy)

    p = commands.add_parser("serve", help="build, serve on 127.0.0.1, rebuild and reload on change")
    _add_build_options(p)
    p.add_argument("--out", type=_out, help="the folder it builds into and serves (default: output/ in the project)")
    p.add_argument("--host", default="127.0.0.1", help="address to listen on (default: 127.0.0.1)")
    p.add_argument("--port", type=int, default=8000, help="port (default: 8000)")
    p.set_defaults(run=run_serve, local=None)


def _add_project_commands(commands: argparse._SubParsersAction) -> None:
    """import, new, init, list, theme: the archive, its articles and its theme."""
    p = commands.add_parser("import", help="raw dumps -> content/articles/**.md")
    p.add_argument("dumps", nargs="+", type=Path, help="raw .txt dumps, e.g. content/raw/*.txt")
    p.add_argument("--force", action="store_true", help="overwrite hand-edited articles (keeps a backup)")
    p.add_argument("--explain", action="store_true",
                   help="write nothing; print where each article's fields came from (line and rule)")
    p.set_defaults(run=run_import)

    p = commands.add_parser(
        "new", help="scaffold an article: a draft dated today",
        description="Create a draft dated today, content/articles/YYYY/MM/<slug>.md (draft: true), with "
                    "the headline and empty topics, tags and regions to fill in. Drafts are built only with "
                    "build --drafts (site-builder list drafts lists them); remove draft: true to publish it.")
    p.add_argument("title", help="the headline")
    p.set_defaults(run=run_new)

    p = commands.add_parser("init", help="start a new archive in FOLDER (default: the --root folder)",
                            description="Start a new archive: site.toml, content/articles/ (with an example "
                                        "article), content/raw/ and a .gitignore. On a terminal it asks for "
                                        "the title, the site's address and the time zone, unless given.")
    p.add_argument("folder", nargs="?", type=Path, help="where (made if missing)")
    p.add_argument("--title", help="the archive's name, in every page's header (default: News Archive)")
    p.add_argument("--base-url", metavar="URL", help="where the site will be published, e.g. "
                   "https://news.example.org/ (feeds, sitemaps and canonical links use it)")
    p.add_argument("--timezone", metavar="ZONE", help="the IANA time zone of dates written without one, "
                   "e.g. Europe/London (default: UTC)")
    p.add_argument("--force", action="store_true", help="add the archive's files to a folder that is not empty")
    p.set_defaults(run=run_init)

    p = commands.add_parser("list", help="list the drafts (list drafts)")
    lists = p.add_subparsers(title="what to list", metavar="WHAT", required=True)
    t = lists.add_parser("drafts", help="every article marked draft: its file, date (or 'undated') and title")
    t.set_defaults(run=run_list_drafts)

    p = commands.add_parser("theme", help="list the themes, or copy one to customise it")
    themes = p.add_subparsers(title="theme commands", metavar="ACTION", required=True)
    t = themes.add_parser("list", help="the bundled themes and the project's own")
    t.set_defaults(run=run_theme_list)
    t = themes.add_parser("copy", help="copy a theme into themes/NEW, to edit it")
    t.add_argument("name", help="the theme to copy, e.g. default")
    t.add_argument("new_name", metavar="new", help="the copy's name, e.g. my-theme")
    t.set_defaults(run=run_theme_copy)


def _add_build_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("--drafts", action="store_true", help="include articles marked draft")
    p.add_argument("--jobs", "-j", type=int, metavar="N",
                   help="worker processes for parsing and rendering (default: one per core)")
    p.add_argument("--keep-going", action="store_true",
                   help="build the valid articles despite problems in others (still exits 1)")


def _add_wait_options(p: argparse.ArgumentParser) -> None:
    """One build, check or deploy of a project runs at a time; the others wait their turn."""
    wait = p.add_mutually_exclusive_group()
    wait.add_argument("--no-wait", action="store_true",
                      help="give up (exit 2) when another build, check or deploy of the project is running")
    wait.add_argument("--wait", type=float, metavar="SECONDS",
                      help="wait at most this long for another build, check or deploy (default: until it ends)")


def _out(text: str) -> Path | str:
    from site_builder.deploy.built_to import is_destination

    return text if is_destination(text) else Path(text)


def _scheduler(text: str) -> str:
    if not SCHEDULER.fullmatch(text):
        raise argparse.ArgumentTypeError(f"'{text}' is neither 'local' nor an address such as tcp://host:8786")
    return text
