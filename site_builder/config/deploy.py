"""deploy: the `[deploy.NAME]` tables of site.toml -> Destination, every bad value reported with
its line.

The tables are checked with the rest of site.toml on every build, but kept out of `Config`:
where a site is published does not change what it is, so editing them must not cost a rebuild.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

from site_builder.config.source import line_matching, problem, read_site_toml
from site_builder.errors import ContentError

MAX_DELETES = 256
# A fingerprinted file (`static/style.1a2b3c4d5e.css`, see pages/theme.py) never changes under its
# name, so readers may keep it for a year; anything else may change with the next deploy.
IMMUTABLE = "public, max-age=31536000, immutable"
SHORT = "public, max-age=300"
DEFAULT_CACHE_CONTROL: tuple[tuple[str, str], ...] = (
    (r"static/(.+/)?[^/]+\.[0-9a-f]{10}\.[A-Za-z0-9]+", IMMUTABLE),
    (r".*", SHORT),
)
_KEYS = {"url": str, "max_deletes": int, "endpoint_url": str, "cache_control": dict, "timeout": int}
# Seconds to wait for a server to connect, and then for each answer, before trying again (S3:
# three tries) and giving up: a server that accepts connections and never answers must not
# hold a deploy for good.
TIMEOUT = 30
KINDS = ("s3", "sftp", "file", "git")
_DEPLOY = r"^[ \t]*\[\s*deploy\b|^[ \t]*deploy\s*="


@dataclass(frozen=True)
class Destination:
    name: str
    url: str
    kind: str  # one of KINDS
    max_deletes: int = MAX_DELETES
    endpoint_url: str | None = None  # an S3-compatible server; else AWS_ENDPOINT_URL, else AWS
    # (regular expression over the path in the site, Cache-Control): the first that matches wins
    cache_control: tuple[tuple[str, str], ...] = DEFAULT_CACHE_CONTROL
    timeout: int = TIMEOUT  # seconds, see TIMEOUT


def load_destinations(root: Path) -> dict[str, Destination]:
    """Every `[deploy.NAME]` table of `root/site.toml`, by name, in the file's order."""
    found = read_site_toml(root)
    if found is None:
        return {}
    raw, text = found
    destinations, problems = read_destinations(raw.get("deploy", {}), text)
    if problems:
        raise ContentError([problem(line, message) for line, message in problems])
    return destinations


def read_destinations(raw: Any, text: str) -> tuple[dict[str, Destination], list[tuple[int | None, str]]]:
    """The `deploy` value of site.toml, checked: the destinations, and (line, problem) pairs."""
    if not isinstance(raw, dict) or not all(isinstance(table, dict) for table in raw.values()):
        line = line_matching(_DEPLOY, text)
        return {}, [(line, "'deploy' must hold one table per destination, e.g. [deploy.production]")]
    destinations: dict[str, Destination] = {}
    problems: list[tuple[int | None, str]] = []
    for name, table in raw.items():
        found = _table_problems(name, table)
        problems += [(_key_line(text, name, key), message) for key, message in found]
        if not found:
            patterns = tuple(table.get("cache_control", {}).items())
            destinations[name] = Destination(
                name, table["url"], kind_of(table["url"]), table.get("max_deletes", MAX_DELETES),
                table.get("endpoint_url"), patterns + DEFAULT_CACHE_CONTROL, table.get("timeout", TIMEOUT))
    return destinations, sorted(problems, key=lambda p: p[0] or 0)


def kind_of(url: str) -> str:
    if is_folder_path(url):
        return "file"
    return "git" if url.startswith("git+") else urlsplit(url).scheme


def is_folder_path(url: str) -> bool:
    """A folder on this machine written as a path ("/srv/www", "~/www", "C:\\www"), as file://
    would name it."""
    return url.startswith(("/", "~")) or re.match(r"[A-Za-z]:[\\/]", url) is not None


def folder_of(url: str) -> Path:
    """The folder a file:// url or a folder path names."""
    return Path(url).expanduser() if is_folder_path(url) else Path(unquote(urlsplit(url).path))


def _table_problems(name: str, table: Mapping[str, Any]) -> list[tuple[str | None, str]]:
    """(key, message) for each problem of one table; key None: the table itself."""
    where = f"deploy.{name}"
    found: list[tuple[str | None, str]] = [
        (key, f"unknown key '{where}.{key}' (known: {', '.join(sorted(_KEYS))})") for key in table if key not in _KEYS]
    found += [(key, f"'{where}.{key}' must be a {kind.__name__}, not {type(table[key]).__name__}")
              for key, kind in _KEYS.items() if key in table and type(table[key]) is not kind]
    valid = {key: value for key, value in table.items() if key in _KEYS and type(value) is _KEYS[key]}
    if "url" not in table:
        found.append((None, f"'{where}' needs a url: s3://bucket/path/, sftp://user@host/path, "
                            "file:///path or git+REMOTE#branch"))
    found += [("url", f"'{where}.url': {message}") for message in url_problems(valid.get("url", "s3://bucket"))]
    if valid.get("max_deletes", 0) < 0:
        found.append(("max_deletes", f"'{where}.max_deletes' must be 0 or more"))
    if valid.get("timeout", 1) < 1:
        found.append(("timeout", f"'{where}.timeout' must be 1 second or more"))
    if "endpoint_url" in valid and kind_of(valid.get("url", "s3:")) != "s3":
        found.append(("endpoint_url", f"'{where}.endpoint_url' is for s3:// destinations only"))
    elif "endpoint_url" in valid and not re.match(r"https?://[^/]+", valid["endpoint_url"]):
        found.append(("endpoint_url", f"'{where}.endpoint_url' must start with http:// or https:// and a host"))
    for pattern, value in valid.get("cache_control", {}).items():
        try:
            re.compile(pattern)
        except re.error as err:
            found.append(("cache_control", f"'{where}.cache_control': '{pattern}' is not a regular expression ({err})"))
        if not isinstance(value, str):
            found.append(("cache_control", f"'{where}.cache_control': the value for '{pattern}' must be a string"))
    return found


def url_problems(url: str) -> list[str]:
    kind = kind_of(url)
    remote, _, branch = url[len("git+"):].partition("#") if kind == "git" else (url, "", "")
    parts = urlsplit(remote)
    if kind not in KINDS:
        return [f"'{url}' is not a destination: use s3://, sftp://, file://, git+REMOTE#branch or a "
                "folder's absolute path"]
    # A token given as the user of an https remote is a credential too.
    if parts.password or (kind == "git" and (re.match(r"[^/@]+:[^/@]+@", remote.split("://")[-1])
                                             or (parts.scheme in ("http", "https") and parts.username))):
        return ["credentials do not belong in site.toml: use the system's own (AWS configuration "
                "or environment, ssh keys and agent, git's credential helper)"]
    if kind == "s3" and not parts.netloc:
        return ["an s3:// url names a bucket: s3://bucket/path/"]
    if kind == "sftp" and (not parts.hostname or parts.path in ("", "/")):
        return ["an sftp:// url names a host and a folder: sftp://user@host/srv/www"]
    if kind == "file" and is_folder_path(url):
        return [] if folder_of(url).parent != folder_of(url) else ["a folder, not the filesystem's root"]
    if kind == "file" and (parts.netloc not in ("", "localhost") or parts.path in ("", "/")):
        return ["a file:// url names a folder on this machine: file:///srv/www (or the folder's path: /srv/www)"]
    if kind == "git" and (not remote or not re.fullmatch(r"[A-Za-z0-9._/-]+", branch) or ".." in branch):
        return ["a git url names a remote and a branch: git+REMOTE#branch, e.g. "
                "git+git@github.com:me/archive.git#gh-pages"]
    return []


def _key_line(text: str, name: str, key: str | None) -> int | None:
    """The line of `key` in table `[deploy.NAME]` (or of the table itself), if it can be found."""
    quoted = rf"(\"{re.escape(name)}\"|'{re.escape(name)}'|{re.escape(name)})"
    header = re.search(rf"^[ \t]*\[\s*deploy\s*\.\s*{quoted}\s*\]", text, re.MULTILINE)
    if header is None:
        return line_matching(_DEPLOY, text)
    if key is None:
        return text.count("\n", 0, header.start()) + 1
    pattern = (rf"^[ \t]*\[\s*deploy\s*\.\s*{quoted}\s*\.\s*{key}\s*\]" if key == "cache_control" else "") + \
        rf"|^[ \t]*{re.escape(key)}\s*="
    match = re.compile(pattern.lstrip("|"), re.MULTILINE).search(text, header.end())
    return text.count("\n", 0, match.start()) + 1 if match else text.count("\n", 0, header.start()) + 1
