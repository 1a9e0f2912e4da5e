"""manifest: content/articles/.imported.json, which records what the importer wrote, to spot hand edits."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path

from site_builder.atomic import replacing
from site_builder.importer.report import ImportProblem

FILE_NAME = ".imported.json"


@dataclass
class Manifest:
    """Article path (relative, POSIX) -> sha256 of the bytes written and the article's identity key."""

    path: Path
    entries: dict[str, dict[str, str]] = field(default_factory=dict)
    loaded_text: str = ""

    def path_for(self, key: str) -> str | None:
        """Where an earlier import wrote the article with this identity, if anywhere."""
        return next((rel for rel, entry in self.entries.items() if entry.get("key") == key), None)

    def written_hash(self, rel: str) -> str | None:
        """The sha256 of the bytes the importer last wrote to this path."""
        entry = self.entries.get(rel)
        return entry.get("sha256") if entry else None

    def record(self, rel: str, key: str, data: bytes) -> None:
        """Remember that the importer wrote these bytes for this article."""
        self.entries[rel] = {"key": key, "sha256": sha256(data)}


def sha256(data: bytes) -> str:
    """Hex sha256 of some bytes."""
    return hashlib.sha256(data).hexdigest()


def load_manifest(articles_dir: Path) -> Manifest:
    """The manifest in articles_dir; an absent one is empty, an unreadable one is an ImportProblem."""
    path = articles_dir / FILE_NAME
    if not path.exists():
        return Manifest(path)
    try:
        text = path.read_text(encoding="utf-8")
        data = json.loads(text)
        entries = data["articles"]
        if not isinstance(entries, dict):
            raise TypeError("articles must be a mapping")
    except (OSError, ValueError, KeyError, TypeError) as error:
        raise ImportProblem(f"{path}: cannot read the import manifest: {error}") from error
    return Manifest(path, {str(k): dict(v) for k, v in entries.items() if isinstance(v, dict)}, text)


def save_manifest(manifest: Manifest) -> None:
    """Write the manifest only when its content changed, so a repeated import writes nothing."""
    text = json.dumps({"version": 1, "articles": dict(sorted(manifest.entries.items()))}, indent=2, ensure_ascii=False) + "\n"
    if text != manifest.loaded_text:
        write_atomically(manifest.path, text.encode("utf-8"))
        manifest.loaded_text = text


def write_atomically(path: Path, data: bytes) -> None:
    """Write via a temporary file and rename, so a crash never leaves half a file."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with replacing(path) as handle:
            handle.write(data)
    except OSError as error:
        raise ImportProblem(f"{path}: cannot write: {error.strerror or error}") from error
