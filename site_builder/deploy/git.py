"""git: a branch of a git repository as a store (git+REMOTE#branch: GitHub Pages, any remote),
through the `git` command.

A deploy is one commit on top of the branch as the remote has it, made in a bare repository
kept in the cache, without a working tree: the files changed go into the commit's index, the
rest is the parent's tree as it is. Nothing reaches the remote before the push at the end, so a
deploy stopped before it leaves the branch as it was. Credentials are git's own (ssh keys and
agent, credential helpers).
"""

from __future__ import annotations

import hashlib
import logging
import os
import re
import subprocess
from collections.abc import Sequence
from pathlib import Path

from site_builder.config.deploy import Destination
from site_builder.deploy.manifest import MANIFEST
from site_builder.deploy.store import Done, Upload
from site_builder.errors import DeployError
from site_builder.project import CACHE_DIR

log = logging.getLogger(__name__)

# Tells GitHub Pages to serve the files as they are, not through Jekyll, which would skip
# names starting with '_' and take minutes over an archive.
NO_JEKYLL = ".nojekyll"
EMPTY_OBJECT = "0" * 40


class GitStore:
    takes_headers = False
    failures: tuple[type[Exception], ...] = (OSError,)

    def __init__(self, destination: Destination, root: Path):
        remote, _, self.branch = destination.url[len("git+"):].rpartition("#")
        # A path without a scheme or host is the project's, as the user wrote it in site.toml.
        is_path = not re.match(r"[A-Za-z][A-Za-z0-9+.-]*://|[^/]+:", remote)
        self.remote = str((root / remote).resolve()) if is_path else remote
        name = hashlib.blake2b(destination.url.encode(), digest_size=8).hexdigest()
        # Absolute: git runs in this folder, and GIT_INDEX_FILE below would be taken from there.
        self.repo = (root / CACHE_DIR / f"deploy-git-{name}").absolute()
        self.repo.mkdir(parents=True, exist_ok=True)
        self.env = {**os.environ, "GIT_INDEX_FILE": str(self.repo / "deploy-index"), **_identity(self.repo)}
        if not (self.repo / "HEAD").exists():
            self._git("init", "--bare", "--quiet")
        listed = self._git("ls-remote", self.remote, f"refs/heads/{self.branch}").split()
        self.parent = listed[0] if listed else None
        if self.parent:
            self._git("fetch", "--quiet", "--depth=1", "--no-tags", self.remote,
                      f"+refs/heads/{self.branch}:refs/deploy/{self.branch}")
            self._git("read-tree", self.parent)
        else:
            self._git("read-tree", "--empty")

    def _git(self, *args: str, data: bytes | None = None) -> str:
        done = subprocess.run(["git", *args], cwd=self.repo, input=data, capture_output=True,
                              env=self.env)
        if done.returncode != 0:
            message = (done.stderr.decode(errors="replace").strip().splitlines() or ["failed"])[-1]
            raise DeployError(f"git {args[0]}: {message}")
        return done.stdout.decode("utf-8", errors="replace")

    def read_manifest(self) -> bytes | None:
        if self.parent is None:
            return None
        done = subprocess.run(["git", "cat-file", "blob", f"{self.parent}:{MANIFEST}"], cwd=self.repo,
                              capture_output=True, env=self.env)
        return done.stdout if done.returncode == 0 else None

    def write_manifest(self, data: bytes) -> None:
        blob = self._git("hash-object", "-w", "--stdin", data=data).strip()
        self._index({MANIFEST: blob})

    def upload(self, files: Sequence[Upload], done: Done) -> None:
        paths = "".join(f"{file.source.resolve()}\n" for file in files).encode("utf-8")
        blobs = self._git("hash-object", "-w", "--stdin-paths", data=paths).split()
        self._index({file.path: blob for file, blob in zip(files, blobs, strict=True)})
        for file in files:
            done(file.path)

    def delete(self, paths: Sequence[str], done: Done) -> None:
        self._index(dict.fromkeys(paths))
        for path in paths:
            done(path)

    def _index(self, blobs: dict[str, str | None]) -> None:
        """Set each path of the next commit to a blob, or take it out (None)."""
        lines = "".join(f"100644 {blob}\t{path}\0" if blob else f"0 {EMPTY_OBJECT}\t{path}\0"
                        for path, blob in blobs.items())
        self._git("update-index", "-z", "--index-info", data=lines.encode("utf-8"))

    def finish(self, message: str) -> None:
        empty = self._git("hash-object", "-w", "--stdin", data=b"").strip()
        self._index({NO_JEKYLL: empty})
        tree = self._git("write-tree").strip()
        parents = ["-p", self.parent] if self.parent else []
        commit = self._git("commit-tree", tree, *parents, "-m", message).strip()
        self._git("push", "--quiet", self.remote, f"{commit}:refs/heads/{self.branch}")
        log.debug("pushed %s to %s", commit, self.branch)

    def close(self) -> None:
        pass


def _identity(repo: Path) -> dict[str, str]:
    """The committer git knows, else site-builder: a deploy must not fail for want of a name."""
    known = subprocess.run(["git", "var", "GIT_COMMITTER_IDENT"], cwd=repo, capture_output=True)
    if known.returncode == 0:
        return {}
    return {f"GIT_{who}_{what}": value for who in ("AUTHOR", "COMMITTER")
            for what, value in (("NAME", "site-builder"), ("EMAIL", "site-builder@localhost"))}
