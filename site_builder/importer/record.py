"""record: content/articles/.imported.json, the import record of what the importer wrote, to spot hand edits."""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from site_builder.atomic import replacing
from site_builder.importer.report import ImportProblem

FILE_NAME = ".imported.json"
# What the importer itself writes: YYYY/MM/<slug>.md or undated/<slug>.md, nothing else.
_ARTICLE_PATH = re.compile(r"(?:\d{4}/\d{2}|undated)/[a-z0-9]+(?:-[a-z0-9]+)*\.md")
_HEX_SHA256 = re.compile(r"[0-9a-f]{64}")


@dataclass
class ImportRecord:
    """Article path (relative, POSIX) -> sha256 of the bytes written and the article's identity key.

    Every path in it is one the importer could have written: the record is committed with the
    archive, so whoever edits it must not decide where the next import writes."""

    path: Path
    entries: dict[str, dict[str, str]] = field(default_factory=dict)
    loaded_text: str = ""
    # key -> path, so that looking an article up does not scan the record (imports of thousands).
    _paths: dict[str, str] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        self._paths = {entry["key"]: rel for rel, entry in self.entries.items()}

    def path_for(self, key: str) -> str | None:
        """Where an earlier import wrote the article with this identity, if anywhere."""
        return self._paths.get(key)

    def written_hash(self, rel: str) -> str | None:
        """The sha256 of the bytes the importer last wrote to this path."""
        entry = self.entries.get(rel)
        return entry.get("sha256") if entry else None

    def record(self, rel: str, key: str, data: bytes) -> None:
        """Remember that the importer wrote these bytes for this article."""
        self.entries[rel] = {"key": key, "sha256": sha256(data)}
        self._paths[key] = rel


def sha256(data: bytes) -> str:
    """Hex sha256 of some bytes."""
    return hashlib.sha256(data).hexdigest()


def is_article_path(rel: str) -> bool:
    """True for a path the importer writes: `YYYY/MM/<slug>.md` or `undated/<slug>.md` under content/articles/."""
    return bool(_ARTICLE_PATH.fullmatch(rel)) and PurePosixPath(rel).as_posix() == rel


def load_record(articles_dir: Path) -> ImportRecord:
    """The import record in articles_dir; an absent one is empty. One of the wrong shape, or with a path
    the importer could not have written, is refused whole: an ImportProblem ("path: message")."""
    path = articles_dir / FILE_NAME
    if not path.is_file():
        if path.exists() or path.is_symlink():
            raise ImportProblem(f"{path}: cannot read the import record: not a regular file")
        return ImportRecord(path)
    try:
        text = path.read_text(encoding="utf-8")
        data = json.loads(text)
    except (OSError, UnicodeDecodeError) as error:
        raise ImportProblem(f"{path}: cannot read the import record: {getattr(error, 'strerror', None) or error}") from error
    except ValueError as error:
        raise ImportProblem(f"{path}: the import record is not valid JSON: {error}") from error
    entries = data.get("articles") if isinstance(data, dict) else None
    if not isinstance(entries, dict):
        raise ImportProblem(f"{path}: the import record must be an object with an \"articles\" object "
                            "mapping article paths to {\"key\", \"sha256\"}")
    for rel, entry in entries.items():
        problem = _entry_problem(rel, entry)
        if problem:
            raise ImportProblem(f"{path}: entry {json.dumps(rel, ensure_ascii=False)}: {problem}; nothing imported")
    return ImportRecord(path, {rel: {"key": e["key"], "sha256": e["sha256"]} for rel, e in entries.items()}, text)


def _entry_problem(rel: str, entry: object) -> str | None:
    if not is_article_path(rel):
        return "not a path the importer writes (YYYY/MM/<slug>.md or undated/<slug>.md inside content/articles/)"
    if not isinstance(entry, dict) or not isinstance(entry.get("key"), str):
        return "must be an object with a string \"key\""
    if not isinstance(entry.get("sha256"), str) or not _HEX_SHA256.fullmatch(entry["sha256"]):
        return "its \"sha256\" must be 64 hex digits"
    return None


def save_record(record: ImportRecord) -> None:
    """Write the record only when its content changed, so a repeated import writes nothing."""
    text = json.dumps({"version": 1, "articles": dict(sorted(record.entries.items()))}, indent=2, ensure_ascii=False) + "\n"
    if text != record.loaded_text:
        write_atomically(record.path, text.encode("utf-8"))
        record.loaded_text = text


def write_atomically(path: Path, data: bytes) -> None:
    """Write via a temporary file and rename, so a crash never leaves half a file."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with replacing(path) as handle:
            handle.write(data)
    except OSError as error:
        raise ImportProblem(f"{path}: cannot write: {error.strerror or error}") from error
