"""deploying: `site-builder deploy`: output/ -> a destination, and the one line that sums it up."""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING

from site_builder.commands import EXIT_OK, holding_project, progress_bar, warn_if_local_address

if TYPE_CHECKING:
    from site_builder.deploy.publish import DeployReport


def run_deploy(args: argparse.Namespace) -> int:
    from site_builder.deploy.publish import (
        choose_destination,
        prepare,
        publish,
        refuse_mass_deletion,
        report_of,
    )

    from site_builder.config import load_config

    # Held from the first file read to the last sent: a build meanwhile would change output/
    # under the deploy, which would then send pages of the new site with assets of the old.
    destination = choose_destination(args.root, args.name)
    warn_if_local_address(load_config(args.root).base_url)
    with holding_project(args, f"deploy {destination.name}"):
        deployment = prepare(args.root, destination, args.root / "output")
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
                progress = progress_bar if sys.stderr.isatty() else None
                report, verbs = publish(deployment, progress), ("uploaded", "deleted")
        finally:
            deployment.store.close()
    print_deployed(report, verbs)
    return EXIT_OK


def print_deployed(report: DeployReport, verbs: tuple[str, str], where: str = "") -> None:
    noun = "file" if report.uploaded == 1 else "files"
    print(f"{verbs[0]} {report.uploaded:,} {noun} ({report.uploaded_bytes / 1e6:.1f} MB){where}, "
          f"{verbs[1]} {report.deleted:,}, unchanged {report.unchanged:,}, {report.seconds:.1f} s")
