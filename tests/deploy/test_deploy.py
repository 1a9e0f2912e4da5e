"""`site-builder deploy` against real destinations on this machine: moto's S3 server, an SFTP
server, a bare git repository and a folder, each started by the tests."""

from __future__ import annotations

import fcntl
import os
import re
import signal
import subprocess
import sys
import threading
import urllib.request
from pathlib import Path

import pytest

from site_builder.build import build
from site_builder.deploy.manifest import MANIFEST, manifest_bytes, read_manifest
from site_builder.links import find_broken_links
from site_builder.options import BuildOptions
from tests.support.servers import (
    Destination,
    bare_repository,
    branch_files,
    commits_on,
    folder_files,
    site_files,
    start_sftp,
)
from tests.support.sites import REPO, SITE_TOML, article

KINDS = ["folder", "s3", "sftp", "git"]
SUMMARY = re.compile(r"^uploaded ([\d,]+) files? \(([\d.]+) MB\), deleted ([\d,]+), unchanged ([\d,]+), [\d.]+ s$")


@pytest.fixture
def destination(request, tmp_path, monkeypatch, aws) -> Destination:
    """The destination of the kind the test is parametrized with, started empty."""
    kind = request.param
    if kind == "folder":
        www = tmp_path / "www"
        return Destination(kind, f'url = "file://{www}"', lambda: folder_files(www) if www.exists() else {})
    if kind == "s3":
        server = request.getfixturevalue("s3_server")
        bucket = re.sub(r"[^a-z0-9-]", "-", request.node.name.lower())[:50].strip("-")
        read = server.bucket(bucket)
        return Destination(kind, f'url = "s3://{bucket}/archive/"\nendpoint_url = "{server.endpoint}"', read,
                           {"server": server, "bucket": bucket})
    if kind == "sftp":
        server, stop = start_sftp(tmp_path)
        request.addfinalizer(stop)
        monkeypatch.setenv("HOME", str(server.home))  # where ssh keeps keys and known hosts
        monkeypatch.delenv("SSH_AUTH_SOCK", raising=False)
        return Destination(kind, f'url = "sftp://tester@127.0.0.1:{server.port}/srv/www"',
                           lambda: folder_files(server.folder / "srv/www") if (server.folder / "srv/www").exists() else {})
    repository = bare_repository(tmp_path / "pages.git")
    return Destination(kind, f'url = "git+file://{repository}#gh-pages"', lambda: branch_files(repository, "gh-pages"),
                       {"repository": repository})


def articles(count: int, edition: int = 1) -> dict[str, str]:
    return {f"content/articles/2024/0{1 + n % 9}/story-{n}.md": article(
        f"Story {n}", f"2024-0{1 + n % 9}-1{n % 10}", f"Body of story {n}.\n\nEdition {edition}.",
        topics=f"[Topic {n % 3}]", regions="[Japan]") for n in range(count)}


def write_files(root: Path, files: dict[str, str]) -> None:
    for name, text in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text, encoding="utf-8")


def make_deployable(make_site, destination: Destination, files: dict[str, str], extra: str = "") -> Path:
    return make_site(files, config=f"{SITE_TOML}\n[deploy.production]\n{destination.table}\n{extra}")


def deploy(run, root: Path, *args: str) -> tuple[int, int, int, int]:
    """(uploaded, deleted, unchanged, exit code) from the summary line."""
    code, out, err = run(root, "deploy", *args)
    assert code == 0, err
    match = SUMMARY.match(out.strip().splitlines()[-1])
    assert match, out
    uploaded, _, deleted, unchanged = match.groups()
    return int(uploaded.replace(",", "")), int(deleted.replace(",", "")), int(unchanged.replace(",", "")), code


def rebuild(run, root: Path) -> dict[str, bytes]:
    code, _, err = run(root, "build")
    assert code == 0, err
    return site_files(root / "output")


@pytest.mark.parametrize("destination", KINDS, indirect=True)
def test_a_deploy_makes_the_destination_the_site_and_then_uploads_only_what_changed(make_site, run, destination) -> None:
    root = make_deployable(make_site, destination, articles(6))
    before = rebuild(run, root)
    uploaded, deleted, unchanged, _ = deploy(run, root)
    assert (uploaded, deleted, unchanged) == (len(before), 0, 0)
    assert destination.site_files() == before
    assert MANIFEST in destination.read()

    assert deploy(run, root)[:3] == (0, 0, len(before))  # nothing changed: nothing sent

    story = root / "content/articles/2024/02/story-1.md"
    story.write_text(story.read_text().replace("Body of story 1.", "Body of story 1, corrected."))
    after = rebuild(run, root)
    changed = {path for path in after if before.get(path) != after[path]}
    assert 0 < len(changed) < len(after)
    code, listed, _ = run(root, "deploy", "--dry-run")
    assert code == 0 and {line.split(" ", 1)[1] for line in listed.splitlines() if line.startswith("upload ")} == changed
    assert destination.site_files() == before  # a dry run changes nothing
    assert deploy(run, root)[:3] == (len(changed), 0, len(after) - len(changed))
    assert destination.site_files() == after

    (root / "content/articles/2024/03/story-2.md").unlink()
    final = rebuild(run, root)
    gone = set(after) - set(final)
    assert "2024/03/12/story-2/index.html" in gone
    uploaded, deleted, _, _ = deploy(run, root)
    assert deleted == len(gone) and uploaded == sum(final[p] != after.get(p) for p in final)
    assert destination.site_files() == final
    if destination.kind == "git":  # one commit a deploy that changed something
        assert len(list(commits_on(destination.extra["repository"], "gh-pages"))) == 3


@pytest.mark.parametrize("destination", KINDS, indirect=True)
def test_too_many_deletions_are_refused_unless_forced(make_site, run, destination) -> None:
    root = make_deployable(make_site, destination, articles(6), "max_deletes = 2")
    site = rebuild(run, root)
    deploy(run, root)
    for n in (1, 2):
        (root / f"content/articles/2024/0{n + 1}/story-{n}.md").unlink()
    rebuild(run, root)
    held = destination.read()
    code, out, err = run(root, "deploy")
    assert code == 1 and out == ""
    assert re.fullmatch(r"site-builder deploy: production: \d+ files to delete, more than max_deletes \(2\); "
                        r"nothing was changed \(--force deletes them\)\n", err)
    assert destination.read() == held  # nothing uploaded, nothing deleted, the same manifest
    code, out, err = run(root, "deploy", "--dry-run")  # the list, then the same refusal
    assert code == 1 and "delete 2024/02/11/story-1/index.html" in out and "max_deletes" in err
    assert deploy(run, root, "--force")[1] > 2
    assert destination.site_files() == site_files(root / "output") != site


# A deploy killed part-way (after some pages of a new edition are up), then the site taken back
# to the edition the destination's manifest last recorded, and deployed again: the pages the
# killed deploy sent must be sent again, and the article it added deleted.
@pytest.mark.slow  # three builds and three deploys, one in a process killed part-way
@pytest.mark.parametrize("destination", KINDS, indirect=True)
def test_a_deploy_killed_part_way_is_completed_by_the_next_one(make_site, run, destination) -> None:
    root = make_deployable(make_site, destination, articles(30))
    first = rebuild(run, root)
    deploy(run, root)
    extra = root / "content/articles/2024/09/extra.md"
    write_files(root, {**articles(30, edition=2), "content/articles/2024/09/extra.md": article(
        "An extra story", "2024-09-30", "Only in edition two.")})
    rebuild(run, root)
    finished = deploy_until(root, uploaded_pages=8)
    if destination.kind != "git":  # a git deploy pushes nothing until its end: any kill leaves the branch as it was
        assert not finished, "the deploy ended before the kill"
        assert destination.site_files() != first
    write_files(root, articles(30, edition=1))
    extra.unlink()
    assert rebuild(run, root) == first
    uploaded, deleted, _, _ = deploy(run, root)
    assert destination.site_files() == first
    if destination.kind != "git":
        assert uploaded >= 8 and deleted >= 1  # the pages sent by the killed deploy; the extra story


def deploy_until(root: Path, uploaded_pages: int) -> bool:
    """Run `site-builder --debug deploy` until it has logged `uploaded_pages` pages uploaded,
    then kill it at once; True if it ended by itself first.

    It cannot run on meanwhile, however the machine schedules us: its log (a line per file) goes
    through a pipe of one page, read a byte at a time, so it waits on a full pipe at most a
    page of lines past the one that decides the kill."""
    process = subprocess.Popen([sys.executable, "-m", "site_builder", "--root", str(root), "--debug", "deploy"],
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, bufsize=0, cwd=REPO,
                               start_new_session=True)
    fcntl.fcntl(process.stderr.fileno(), fcntl.F_SETPIPE_SZ, 4096)
    guard = threading.Timer(120, os.killpg, (process.pid, signal.SIGKILL))  # never hang the suite
    guard.start()
    seen, pages = [], 0
    try:
        while line := process.stderr.readline().decode():
            seen.append(line)
            pages += bool(re.match(r"DEBUG site_builder\.deploy\.publish: uploaded .*\.html$", line))
            if pages >= uploaded_pages:
                os.killpg(process.pid, signal.SIGKILL)
                break
        process.wait()
    finally:
        guard.cancel()
        process.stderr.close()
    assert pages >= uploaded_pages or process.returncode == 0, seen
    assert process.returncode in (0, -signal.SIGKILL), seen
    return process.returncode == 0


@pytest.mark.parametrize("destination", ["s3"], indirect=True)
def test_objects_are_served_with_their_type_and_cache_rules(make_site, run, destination) -> None:
    root = make_deployable(make_site, destination, articles(2), "[deploy.production.cache_control]\n"
                           "'feed\\.xml' = \"public, max-age=60\"\n")
    rebuild(run, root)
    deploy(run, root)
    client, bucket = destination.extra["server"].client(), destination.extra["bucket"]
    [style] = [p.name for p in (root / "output/static").glob("style.*.css")]
    expected = {
        "index.html": ("text/html; charset=utf-8", "public, max-age=300"),
        "2024/01/10/story-0/index.html": ("text/html; charset=utf-8", "public, max-age=300"),
        f"static/{style}": ("text/css; charset=utf-8", "public, max-age=31536000, immutable"),
        "feed.xml": ("application/atom+xml; charset=utf-8", "public, max-age=60"),  # the site's own rule
        "sitemap.xml": ("application/xml; charset=utf-8", "public, max-age=300"),
        "robots.txt": ("text/plain; charset=utf-8", "public, max-age=300"),
    }
    for path, (kind, caching) in expected.items():
        head = client.head_object(Bucket=bucket, Key=f"archive/{path}")
        assert (head["ContentType"], head["CacheControl"]) == (kind, caching), path


@pytest.mark.parametrize("destination", ["s3"], indirect=True)
def test_an_aliass_page_redirects_by_itself_on_s3(make_site, run, destination) -> None:
    files = articles(2)
    files["content/articles/2024/01/story-0.md"] = article(
        "Story 0", "2024-01-10", "Body.", aliases='["/2023/12/31/old-story/", "/news/story-0.html"]')
    root = make_deployable(make_site, destination, files)
    rebuild(run, root)
    deploy(run, root)
    client, bucket = destination.extra["server"].client(), destination.extra["bucket"]
    # The site's path on its host comes from base_url (https://example.org/archive/).
    for alias in ("2023/12/31/old-story/index.html", "news/story-0.html"):
        head = client.head_object(Bucket=bucket, Key=f"archive/{alias}")
        assert head["WebsiteRedirectLocation"] == "/archive/2024/01/10/story-0/", alias
    head = client.head_object(Bucket=bucket, Key="archive/2024/01/10/story-0/index.html")
    assert "WebsiteRedirectLocation" not in head
    # The alias moved to another article: its object is sent again with the new location.
    files["content/articles/2024/01/story-0.md"] = article("Story 0", "2024-01-10", "Body.")
    files["content/articles/2024/02/story-1.md"] = article(
        "Story 1", "2024-02-11", "Body.", aliases='["/2023/12/31/old-story/"]')
    write_files(root, files)
    rebuild(run, root)
    deploy(run, root)
    head = client.head_object(Bucket=bucket, Key="archive/2023/12/31/old-story/index.html")
    assert head["WebsiteRedirectLocation"] == "/archive/2024/02/11/story-1/"


@pytest.mark.parametrize("destination", ["s3"], indirect=True)
def test_changed_cache_rules_upload_again_and_the_endpoint_may_come_from_the_environment(
        make_site, run, destination, monkeypatch) -> None:
    table = destination.table.replace(f'endpoint_url = "{destination.extra["server"].endpoint}"', "")
    monkeypatch.setenv("AWS_ENDPOINT_URL", destination.extra["server"].endpoint)
    root = make_site(articles(2), config=f"{SITE_TOML}\n[deploy.production]\n{table}\n")
    site = rebuild(run, root)
    assert deploy(run, root)[0] == len(site)
    (root / "site.toml").write_text((root / "site.toml").read_text() +
                                    "[deploy.production.cache_control]\n'.*\\.html' = \"no-cache\"\n")
    html = [path for path in site if path.endswith(".html")]
    assert deploy(run, root)[:3] == (len(html), 0, len(site) - len(html))
    head = destination.extra["server"].client().head_object(Bucket=destination.extra["bucket"], Key="archive/index.html")
    assert head["CacheControl"] == "no-cache"


@pytest.mark.parametrize("destination", ["folder"], indirect=True)
def test_the_site_in_the_folder_destination_passes_the_link_check(make_site, run, destination, tmp_path,
                                                                  serve_dir) -> None:
    root = make_deployable(make_site, destination, articles(8))
    rebuild(run, root)
    deploy(run, root)
    www = tmp_path / "www"
    assert list(find_broken_links(www)) == []
    served = serve_dir(www)
    home = urllib.request.urlopen(served).read().decode()
    [style] = re.findall(r'href="(static/style\.[0-9a-f]+\.css)"', home)
    assert urllib.request.urlopen(served + style).status == 200
    # Reading the site needs nothing but its files: the manifest is the only addition.
    assert set(folder_files(www)) - set(site_files(root / "output")) == {MANIFEST}


@pytest.mark.parametrize("destination", ["folder"], indirect=True)
def test_only_a_finished_build_for_publishing_is_deployed(make_site, run, destination, tmp_path) -> None:
    root = make_deployable(make_site, destination, articles(2))
    code, _, err = run(root, "deploy")
    assert (code, err) == (1, f"site-builder deploy: {root / 'output'}: no site built here; "
                              "run 'site-builder build' first\n")
    rebuild(run, root)
    broken = root / "content/articles/broken.md"
    broken.write_text(article("Broken", "not a date"))
    assert run(root, "build")[0] == 1
    code, _, err = run(root, "deploy")
    assert (code, err) == (1, "site-builder deploy: the last build failed (1 problem); "
                              "fix it and build again before deploying\n")
    assert run(root, "build", "--keep-going")[0] == 1  # built without it, still a failure
    assert run(root, "deploy")[0] == 1
    broken.unlink()
    build(BuildOptions(root=root, out=root / "output", base_url="http://127.0.0.1:8000/"))  # as serve does
    code, _, err = run(root, "deploy")
    assert code == 1 and "built by 'site-builder serve' for http://127.0.0.1:8000/" in err
    assert not (tmp_path / "www").exists()  # nothing went out
    rebuild(run, root)
    assert deploy(run, root)[3] == 0


@pytest.mark.parametrize("destination", ["folder"], indirect=True)
def test_a_manifest_naming_files_outside_the_destination_is_refused(make_site, run, destination, tmp_path) -> None:
    root = make_deployable(make_site, destination, articles(2))
    rebuild(run, root)
    deploy(run, root)
    outside = tmp_path / "precious.txt"
    outside.write_text("keep me")
    manifest = tmp_path / "www" / MANIFEST
    entries = dict(read_manifest(manifest.read_bytes()))
    entries["../precious.txt"] = ("0" * 32, 7)
    manifest.write_bytes(manifest_bytes(entries))
    code, _, err = run(root, "deploy")
    assert code == 1 and err == ("site-builder deploy: production: its manifest names a file outside the "
                                 "site: '../precious.txt'; nothing was changed\n")
    assert outside.read_text() == "keep me"


def test_which_destination_and_usage_errors(make_site, run, tmp_path) -> None:
    root = make_site(articles(1))
    rebuild(run, root)
    code, _, err = run(root, "deploy")
    assert code == 2 and err.startswith("site-builder deploy: site.toml has no [deploy.NAME] table")
    (root / "site.toml").write_text(f'{SITE_TOML}[deploy.a]\nurl = "file://{tmp_path}/a"\n'
                                    f'[deploy.b]\nurl = "file://{tmp_path}/b"\n')
    assert run(root, "deploy") == (2, "", "site-builder deploy: name the destination: a, b\n")
    assert run(root, "deploy", "c") == (2, "", "site-builder deploy: no destination 'c' in site.toml (known: a, b)\n")
    assert deploy(run, root, "b")[0] > 0 and (tmp_path / "b" / "index.html").is_file()
    (root / "site.toml").write_text(f'{SITE_TOML}[deploy.here]\nurl = "file://{root}"\n')
    code, _, err = run(root, "deploy")
    assert code == 2 and "holds the project or its output/" in err
    # A folder's plain path, as file:// would name it (the walkthrough's url = "/srv/www").
    (root / "site.toml").write_text(f'{SITE_TOML}[deploy.www]\nurl = "{tmp_path}/www"\n')
    assert deploy(run, root)[0] > 0 and (tmp_path / "www" / "index.html").is_file()


def test_deploy_tables_are_checked_with_their_lines(make_site, run) -> None:
    root = make_site(articles(1), config=SITE_TOML + (
        "[deploy.production]\n"
        'url = "s3://"\n'
        "max_deletes = -1\n"
        "[deploy.staging]\n"
        'url = "sftp://me:secret@example.org/srv/www"\n'
        "[deploy.pages]\n"
        'url = "git+git@github.com:me/archive.git"\n'
        "[deploy.token]\n"
        'url = "git+https://ghp_abc123@github.com/me/archive.git#gh-pages"\n'
        "[deploy.mirror]\n"
        'url = "file:///srv/mirror"\n'
        'endpoint_url = "http://127.0.0.1:9000"\n'
        "colour = 1\n"
        "[deploy.mirror2]\n"
        'url = "ftp://example.org/"\n'
        "[deploy.mirror2.cache_control]\n"
        "'(' = \"no-cache\"\n"))
    code, _, err = run(root, "build")
    assert code == 1
    assert err.splitlines()[:-1] == [
        "site.toml:8: 'deploy.production.url': an s3:// url names a bucket: s3://bucket/path/",
        "site.toml:9: 'deploy.production.max_deletes' must be 0 or more",
        "site.toml:11: 'deploy.staging.url': credentials do not belong in site.toml: use the system's own "
        "(AWS configuration or environment, ssh keys and agent, git's credential helper)",
        "site.toml:13: 'deploy.pages.url': a git url names a remote and a branch: git+REMOTE#branch, "
        "e.g. git+git@github.com:me/archive.git#gh-pages",
        "site.toml:15: 'deploy.token.url': credentials do not belong in site.toml: use the system's own "
        "(AWS configuration or environment, ssh keys and agent, git's credential helper)",
        "site.toml:18: 'deploy.mirror.endpoint_url' is for s3:// destinations only",
        "site.toml:19: unknown key 'deploy.mirror.colour' (known: cache_control, endpoint_url, max_deletes, timeout, url)",
        "site.toml:21: 'deploy.mirror2.url': 'ftp://example.org/' is not a destination: use s3://, sftp://, "
        "file://, git+REMOTE#branch or a folder's absolute path",
        "site.toml:22: 'deploy.mirror2.cache_control': '(' is not a regular expression "
        "(missing ), unterminated subpattern at position 0)",
    ]


@pytest.mark.parametrize("destination", ["sftp"], indirect=True)
def test_an_sftp_server_whose_host_key_is_not_known_is_refused(make_site, run, destination) -> None:
    root = make_deployable(make_site, destination, articles(1))
    rebuild(run, root)
    known_hosts = Path(os.environ["HOME"]) / ".ssh" / "known_hosts"
    known_hosts.unlink()  # as on a machine that never connected to it
    code, out, err = run(root, "deploy")
    assert code == 1 and out == "" and len(err.splitlines()) == 1
    assert err.startswith("site-builder deploy: production (sftp://tester@127.0.0.1:") and "not trusted" in err
    assert destination.read() == {}
