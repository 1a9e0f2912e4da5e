"""publish: output/ -> a destination; only what the destination's manifest does not vouch for is
uploaded, and it is written in an order that keeps the destination whole for its readers.

A deploy may be stopped at any point (a lost connection, Ctrl-C, a power cut) and the next one
completes it. Before the first upload, the destination's manifest is rewritten to call every
file about to be uploaded or deleted UNKNOWN; the manifest of the site is written only when all
of them are in place or gone. So the manifest on the destination never vouches for bytes that
are not there: a file a stopped deploy wrote is sent again, or deleted if the site has dropped
it since, even when the site has gone back to what the manifest said before.
"""

from __future__ import annotations

import functools
import logging
import os
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar
from urllib.parse import urlsplit

from site_builder import sealed
from site_builder.atomic import replacing
from site_builder.config import load_config
from site_builder.config.deploy import Destination, load_destinations
from site_builder.deploy.changes import Changes, compare
from site_builder.deploy.headers import cache_control
from site_builder.deploy.manifest import (
    UNKNOWN,
    DamagedManifest,
    DeployStamp,
    Entry,
    manifest_bytes,
    manifest_of,
    read_manifest,
)
from site_builder.deploy.redirects import read_redirects
from site_builder.deploy.store import Store, Upload
from site_builder.deploy.stores import store_kind
from site_builder.errors import DeployError, UsageError
from site_builder.filetypes import content_type
from site_builder.laps import Laps
from site_builder.outcome import last_outcome
from site_builder.output.folder import previous_files, tree_id
from site_builder.pool import Progress, Runner
from site_builder.project import cache_file

log = logging.getLogger(__name__)
T = TypeVar("T")
UPLOADS_PER_TASK = 200  # files a worker uploads per task, over connections of its own


@dataclass
class Deployment:
    """What a deploy will do, found before it does anything."""

    destination: Destination
    root: Path  # the project's
    site: Path
    local: dict[str, Entry]
    remote: dict[str, Entry]
    changes: Changes
    store: Store
    started: float
    redirects: dict[str, str] = field(default_factory=dict)  # an alias's page -> where it sends readers

    @property
    def upload_bytes(self) -> int:
        return sum(self.local[path].size for path in self.changes.uploads)


@dataclass(frozen=True)
class DeployReport:
    uploaded: int
    uploaded_bytes: int
    deleted: int
    unchanged: int
    seconds: float


def choose_destination(root: Path, name: str | None) -> Destination:
    destinations = load_destinations(root)
    if not destinations:
        raise UsageError("site.toml has no [deploy.NAME] table: say where to publish, e.g. "
                         '[deploy.production] url = "s3://bucket/archive/"')
    if name is None:
        if len(destinations) > 1:
            raise UsageError(f"name the destination: {', '.join(destinations)}")
        return next(iter(destinations.values()))
    if name not in destinations:
        raise UsageError(f"no destination '{name}' in site.toml (known: {', '.join(destinations)})")
    return destinations[name]


def check_last_build(root: Path, site: Path) -> None:
    """Only a site the last build finished whole, for publishing, goes out."""
    built = tree_id(site)
    outcome = last_outcome(root, site)
    if built is None:
        raise DeployError(f"{site}: no site built here; run 'site-builder build' first")
    if outcome is None or outcome.site != built:
        raise DeployError(f"{site}: not the site the last build recorded; run 'site-builder build' first")
    if not outcome.ok:
        found = f" ({outcome.problems} problem{'s' * (outcome.problems != 1)})" if outcome.problems else ""
        raise DeployError(f"the last build failed{found}; fix it and build again before deploying")
    if outcome.preview_url:
        raise DeployError(f"{site}: built by 'site-builder serve' for {outcome.preview_url}; "
                          "run 'site-builder build' first")


def prepare(root: Path, destination: Destination, site: Path) -> Deployment:
    """Check the site and the destination, and compare them; nothing is written there."""
    started, lap = time.perf_counter(), Laps(log)
    check_last_build(root, site)
    kind = store_kind(destination)
    redirects = (read_redirects(site, urlsplit(load_config(root).base_url).path or "/", previous_files(site))
                 if kind.takes_headers else {})

    def headers(path: str) -> str:
        # Where files are served with headers, a changed header is a change to upload.
        sent = f"{content_type(path)}\n{cache_control(path, destination.cache_control)}"
        return f"{sent}\n{redirects[path]}" if path in redirects else sent
    stamps_file = _stamps_file(root, site)
    known = _load_stamps(stamps_file)
    local, stamps = manifest_of(site, headers if kind.takes_headers else None, known)
    if stamps != known:
        _save_stamps(stamps_file, stamps)
    lap(f"hash the site ({len(local)} files)")
    store = _reach(destination, kind.failures, lambda: kind(destination, root))
    lap("reach the destination")
    try:
        data = _reach(destination, store.failures, store.read_manifest)
        remote = read_manifest(data) if data is not None else {}
        lap("read its manifest")
    except DamagedManifest as err:
        store.close()
        raise DeployError(f"{destination.name}: its manifest {err}; nothing was changed") from None
    except BaseException:
        store.close()
        raise
    return Deployment(destination, root, site, local, remote, compare(local, remote), store, started, redirects)


def refuse_mass_deletion(deployment: Deployment, force: bool, remedy: str = "--force deletes them") -> None:
    deletions, limit = len(deployment.changes.deletions), deployment.destination.max_deletes
    if deletions > limit and not force:
        raise DeployError(f"{deployment.destination.name}: {deletions:,} files to delete, more than "
                          f"max_deletes ({limit:,}); nothing was changed ({remedy})")


def publish(deployment: Deployment, progress: Progress | None = None, spread: Runner | None = None) -> DeployReport:
    """Upload, delete, then record; see the module's docstring for why in this order. Given
    `spread`, a cluster's `run`, its workers upload the files, each a share (not to a git
    branch, which is one commit made here)."""
    changes, store, local, remote = deployment.changes, deployment.store, deployment.local, deployment.remote
    if not changes:
        return report_of(deployment)  # nothing is written, not even the manifest
    reach, lap = functools.partial(_reach, deployment.destination, store.failures), Laps(log)
    unknown = {path: Entry(UNKNOWN, local[path].size) for path in changes.uploads}
    unknown.update({path: Entry(UNKNOWN, remote[path].size) for path in changes.deletions})
    reach(lambda: store.write_manifest(manifest_bytes({**remote, **unknown})))
    log.debug("manifest: %d files marked unknown until they are in place", len(unknown))
    uploaded = _Counter("upload", len(changes.uploads), progress)
    for group in (changes.assets, changes.new_pages, changes.changed_pages):
        files = [_upload(deployment, path) for path in group]
        if spread is None or deployment.destination.kind == "git":
            reach(functools.partial(store.upload, files, uploaded.count))
        else:
            reach(functools.partial(_upload_on_workers, spread, deployment, files, uploaded.count))
    lap("upload")
    deleted = _Counter("delete", len(changes.deletions), progress)
    reach(functools.partial(store.delete, changes.deletions, deleted.count))
    reach(lambda: store.write_manifest(manifest_bytes(local)))
    log.debug("manifest written: %d files", len(local))
    reach(functools.partial(store.finish, f"site-builder deploy: {len(changes.uploads)} uploaded, "
                                          f"{len(changes.deletions)} deleted"))
    lap("delete, write the manifest")
    return report_of(deployment)


def report_of(deployment: Deployment) -> DeployReport:
    changes = deployment.changes
    return DeployReport(len(changes.uploads), deployment.upload_bytes, len(changes.deletions), changes.unchanged,
                        time.perf_counter() - deployment.started)


def _upload(deployment: Deployment, path: str) -> Upload:
    return Upload(path, deployment.site / path, content_type(path),
                  cache_control(path, deployment.destination.cache_control), deployment.redirects.get(path))



def _upload_on_workers(spread: Runner, deployment: Deployment, files: list[Upload], done: Callable[[str], None]) -> None:
    """The files uploaded by a cluster's workers from the filesystem they share with this
    machine: the upload of a first build of millions of pages is not bound by one machine's
    connections."""
    shares = [files[start: start + UPLOADS_PER_TASK] for start in range(0, len(files), UPLOADS_PER_TASK)]
    uploaders = set()
    for uploader, paths in spread(functools.partial(_upload_share, deployment.destination, deployment.root),
                                  shares, 1, 1):
        uploaders.add(uploader)
        for path in paths:
            done(path)
    log.debug("%d files uploaded by processes %s", len(files), sorted(uploaders))


def _upload_share(destination: Destination, root: Path, files: Sequence[Upload]) -> tuple[int, list[str]]:
    """Runs in a worker: its share of the files uploaded over a connection of its own; which
    process it is, and the paths done."""
    store = store_kind(destination)(destination, root)
    done: list[str] = []
    try:
        store.upload(files, done.append)
    finally:
        store.close()
    return os.getpid(), done


class _Counter:
    """Logs each file done (the kill tests follow these lines) and moves the progress bar."""

    def __init__(self, stage: str, total: int, progress: Progress | None):
        self.stage, self.total, self.done, self.progress = stage, total, 0, progress
        self.verb = {"upload": "uploaded", "delete": "deleted"}[stage]

    def count(self, path: str) -> None:
        self.done += 1
        log.debug("%s %s", self.verb, path)
        if self.progress:
            self.progress(self.stage, self.done, self.total)


def _reach(destination: Destination, failures: tuple[type[Exception], ...], action: Callable[[], T]) -> T:
    """`action`, with the destination's failures (a refused connection, a missing bucket,
    a key it does not know) told in one line."""
    try:
        return action()
    except failures as err:
        message = str(err).strip() or (f"no answer within its timeout ({destination.timeout} s)"
                                       if isinstance(err, TimeoutError) else type(err).__name__)
        where = destination.url if destination.name == destination.url else f"{destination.name} ({destination.url})"
        raise DeployError(f"{where}: {message}") from None


def _stamps_file(root: Path, site: Path) -> Path:
    return cache_file(root, "deploy-stamps", site, ".pickle")


def _load_stamps(path: Path) -> dict[str, DeployStamp]:
    """The stamps the last deploy kept; none if they are lost, or their bytes changed (a wrong
    stamp would vouch for a file that changed, which would then not be sent)."""
    try:
        with path.open("rb") as handle:
            stamps = sealed.load(handle)
        return stamps if isinstance(stamps, dict) else {}
    except (OSError, sealed.BrokenSeal):
        return {}


def _save_stamps(path: Path, stamps: dict[str, DeployStamp]) -> None:
    try:
        path.parent.mkdir(exist_ok=True)
        with replacing(path) as handle:
            sealed.dump(stamps, handle)
    except OSError as err:  # only costs time: the next deploy reads every file again
        log.warning("deploy stamps not saved: %s", err)
