"""`site-builder build --out s3://bucket/path/`: the site ends up at the destination, the same
bytes as a build into a folder, and each later build uploads only what it changed; on a Dask
cluster too. moto's S3 server stands in for S3, on loopback."""

from __future__ import annotations

import logging
import os
import re
from pathlib import Path

import pytest

from site_builder.deploy.built_to import destination_for, site_folder
from site_builder.deploy.manifest import MANIFEST
from tests.support.servers import site_files
from tests.support.sites import SITE_TOML, article

UPLOADED = re.compile(r"^uploaded ([\d,]+) files? \([\d.]+ MB\) to (\S+), deleted ([\d,]+), unchanged ([\d,]+), ")


@pytest.fixture
def bucket(request, s3_server, aws, monkeypatch):
    """An empty bucket: its url for --out, and a reader of what it holds. The server's address
    as AWS tools find it, in the environment."""
    monkeypatch.setenv("AWS_ENDPOINT_URL", s3_server.endpoint)
    name = re.sub(r"[^a-z0-9-]", "-", request.node.name.lower())[:50].strip("-")
    return f"s3://{name}/archive/", s3_server.bucket(name)


def stories(count: int, edition: int = 1) -> dict[str, str]:
    return {f"content/articles/2024/0{1 + n % 9}/story-{n}.md": article(
        f"Story {n}", f"2024-0{1 + n % 9}-1{n % 10}", f"Body of story {n}.\n\nEdition {edition}.",
        topics=f"[Topic {n % 3}]", regions="[Japan]") for n in range(count)}


def build_to(run, root: Path, url: str, *args: str) -> tuple[int, int, int]:
    """(uploaded, deleted, unchanged), from the line the build ends with."""
    code, out, err = run(root, "build", "--out", url, *args)
    assert code == 0, err
    match = UPLOADED.match(out.strip().splitlines()[-1])
    assert match and match[2] == url, out
    return tuple(int(match[n].replace(",", "")) for n in (1, 3, 4))  # type: ignore[return-value]


def held(read) -> dict[str, bytes]:
    return {path: data for path, data in read().items() if path != MANIFEST}


def built(root: Path, url: str) -> dict[str, bytes]:
    """The site the build made for `url`, in the project's cache."""
    return site_files(site_folder(root, destination_for(root, url)))


def pages(files: dict[str, bytes]) -> dict[str, bytes]:
    """Without the search index, which Pagefind never makes twice the same (its files' names
    are hashes that vary from run to run)."""
    return {path: data for path, data in files.items() if not path.startswith("pagefind/")}


def test_the_bucket_gets_the_site_a_folder_gets_then_only_what_a_build_changes(make_site, run, bucket) -> None:
    url, read = bucket
    root = make_site(stories(12), SITE_TOML.replace("search = false", "search = true"))
    code, _, err = run(root, "build", "--out", str(root / "reference"))
    assert code == 0, err

    uploaded, deleted, unchanged = build_to(run, root, url)
    site = built(root, url)
    assert held(read) == site  # pages, assets and the search index, byte for byte
    assert pages(site) == pages(site_files(root / "reference"))  # as a build into a folder
    assert any(path.startswith("pagefind/") for path in site)
    assert (uploaded, deleted, unchanged) == (len(site), 0, 0)
    assert MANIFEST in read()

    assert build_to(run, root, url) == (0, 0, len(site))  # nothing changed: nothing sent

    # A day's news, and a story withdrawn.
    (root / "content/articles/2024/01/story-9.md").unlink()
    news = root / "content/articles/2024/12/news.md"
    news.parent.mkdir(parents=True)
    news.write_text(article("Today's news", "2024-12-20", "What happened today."), encoding="utf-8")
    before = held(read)
    uploaded, deleted, unchanged = build_to(run, root, url)
    code, _, err = run(root, "build", "--out", str(root / "reference"))
    assert code == 0, err
    site = built(root, url)
    assert held(read) == site and pages(site) == pages(site_files(root / "reference"))
    changed = {path for path in site if before.get(path) != site[path]}
    gone = before.keys() - site.keys()
    assert any("/todays-news/" in path for path in changed) and any("/story-9/" in path for path in gone)
    assert (uploaded, deleted, unchanged) == (len(changed), len(gone), len(site) - len(changed))
    assert unchanged > uploaded  # the archive stays where it was


def test_a_build_with_problems_uploads_nothing(make_site, run, bucket) -> None:
    url, read = bucket
    root = make_site(stories(3) | {"content/articles/2024/05/broken.md": "---\ntitle: [unclosed\n---\nText\n"})
    code, out, err = run(root, "build", "--out", url)
    assert code == 1
    assert "broken.md" in err and "uploaded" not in out
    assert read() == {}


def test_a_bucket_that_is_not_there_is_told_in_one_line(make_site, run, bucket) -> None:
    url, _ = bucket
    missing = url.replace("s3://", "s3://no-")
    root = make_site(stories(2))
    code, out, err = run(root, "build", "--out", missing)
    assert code == 1 and out.startswith("Built ")
    assert err.strip() == f"site-builder build: {missing}: The specified bucket does not exist"


def test_a_destination_that_is_not_one_is_refused_with_what_to_write(make_site, run) -> None:
    root = make_site(stories(2))
    code, _, err = run(root, "build", "--out", "s3://")
    assert code == 2
    assert err.strip() == "--out s3://: an s3:// url names a bucket: s3://bucket/path/"
    code, _, err = run(root, "serve", "--out", "s3://bucket/archive/")
    assert code == 2 and "serve writes its site to a folder" in err


def test_on_a_cluster_the_workers_upload_the_same_site(make_site, run, bucket, caplog) -> None:
    pytest.importorskip("distributed")
    url, read = bucket
    root = make_site(stories(80))
    code, _, err = run(root, "build", "--out", str(root / "reference"))
    assert code == 0, err
    caplog.set_level(logging.DEBUG, logger="site_builder.deploy.publish")
    uploaded, _, _ = build_to(run, root, url, "--scheduler", "local", "--jobs", "2")
    assert held(read) == site_files(root / "reference")  # search is off: every file the same
    assert uploaded == len(site_files(root / "reference"))
    uploaders = [re.search(r"uploaded by processes \[([\d, ]+)\]", record.message) for record in caplog.records]
    pids = {int(pid) for found in uploaders if found for pid in found[1].split(",")}
    assert pids and os.getpid() not in pids  # sent by the workers, not by this process
