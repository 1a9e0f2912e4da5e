"""folder: a folder on this machine as a store (file:///srv/www, or /srv/www), each file replaced whole."""

from __future__ import annotations

import os
import shutil
from collections.abc import Sequence
from pathlib import Path

from site_builder.config.deploy import Destination, folder_of
from site_builder.deploy.manifest import MANIFEST
from site_builder.deploy.store import Done, Upload, temporary_name
from site_builder.errors import UsageError


class FolderStore:
    takes_headers = False
    failures: tuple[type[Exception], ...] = (OSError,)

    def __init__(self, destination: Destination, root: Path):
        self.folder = folder_of(destination.url)
        project, folder = root.resolve(), self.folder.resolve()
        if folder == project or folder in project.parents or folder.is_relative_to(project / "output"):
            raise UsageError(f"{destination.name}: {self.folder} holds the project or its output/; "
                             "choose a folder of its own")
        self.folder.mkdir(parents=True, exist_ok=True)

    def read_manifest(self) -> bytes | None:
        try:
            return (self.folder / MANIFEST).read_bytes()
        except FileNotFoundError:
            return None

    def write_manifest(self, data: bytes) -> None:
        temporary = self.folder / temporary_name(MANIFEST)
        temporary.write_bytes(data)
        os.replace(temporary, self.folder / MANIFEST)

    def upload(self, files: Sequence[Upload], done: Done) -> None:
        made: set[Path] = set()
        for file in files:
            target = self.folder / file.path
            if target.parent not in made:
                target.parent.mkdir(parents=True, exist_ok=True)
                made.add(target.parent)
            temporary = self.folder / temporary_name(file.path)
            shutil.copyfile(file.source, temporary)
            os.replace(temporary, target)
            done(file.path)

    def delete(self, paths: Sequence[str], done: Done) -> None:
        parents = set()
        for path in paths:
            target = self.folder / path
            target.unlink(missing_ok=True)
            (self.folder / temporary_name(path)).unlink(missing_ok=True)
            parents.add(target.parent)
            done(path)
        # The folders they leave empty (a deleted article's) go too, deepest first.
        for parent in sorted(parents, key=lambda p: len(p.parts), reverse=True):
            while parent != self.folder:
                try:
                    os.rmdir(parent)
                except OSError:
                    break  # not empty
                parent = parent.parent

    def finish(self, message: str) -> None:
        pass

    def close(self) -> None:
        pass
