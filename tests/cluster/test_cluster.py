"""Parse and render on a Dask cluster: the same site, byte for byte, as the local process pool
builds, even when a worker is lost mid-build; a build without a scheduler never loads Dask."""

import os
import pickle
import shutil
import signal
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from site_builder.build import BuildReport, build
from site_builder.catalog import index_articles
from site_builder.cluster.bodies import dumps_apart
from site_builder.config import load_config
from site_builder.content import read_content
from site_builder.folders import files_below
from site_builder.options import BuildOptions
from site_builder.output.folder import MARKER
from site_builder.pages.plan import plan_pages
from tests.support.corpus import write_corpus
from tests.support.sites import REPO

distributed = pytest.importorskip("distributed")
import dask  # noqa: E402  (installed with distributed)

from site_builder.cluster.runner import connect  # noqa: E402  (needs distributed)

TOML = 'title = "Cluster"\narticles_per_page = 10\nsearch = false\n'
ARTICLES = 2000


def project(root: Path, source: Path | None = None, count: int = ARTICLES) -> Path:
    """An archive of `count` articles; a copy of `source`'s articles when given, without its
    cache, so that every build here parses and renders everything."""
    root.mkdir(parents=True, exist_ok=True)
    if source is None:
        write_corpus(root, count)
    else:
        shutil.copytree(source / "content", root / "content")
    (root / "site.toml").write_text(TOML, encoding="utf-8")
    return root


def site_files(out: Path) -> dict[str, bytes]:
    # The marker holds each build's id.
    return {path: (out / path).read_bytes() for path in files_below(out) if path != MARKER}


def counts(report: BuildReport) -> tuple[int, ...]:
    return report.articles, report.pages, report.rendered, report.written, report.unchanged, report.removed


@pytest.fixture(scope="module")
def local_build(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, BuildReport, dict[str, bytes]]:
    """The archive, and the site the local process pool builds of it."""
    root = project(tmp_path_factory.mktemp("local"))
    report = build(BuildOptions(root=root, out=root / "output", jobs=2))
    return root, report, site_files(root / "output")


@pytest.fixture
def cluster() -> Iterator[distributed.LocalCluster]:
    """Two worker processes of one thread, as `--scheduler local --jobs 2` starts them."""
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1",
                                  dashboard_address=None) as local:
        yield local


@pytest.mark.slow  # two builds of 2,000 articles
def test_a_build_on_a_local_cluster_is_byte_identical_to_a_local_build(local_build, tmp_path: Path, run) -> None:
    source, local_report, local_files = local_build
    root = project(tmp_path / "site", source)
    code, out, err = run(root, "build", "--scheduler", "local", "--jobs", "2")
    assert code == 0, err
    assert out.startswith("Dask scheduler tcp://127.0.0.1:") and ", 2 workers, dashboard http://127.0.0.1:" in out
    assert (f"Built {local_report.pages:,} pages from {ARTICLES:,} articles" in out
            and f"{local_report.pages_written:,} written, 0 unchanged" in out)
    files = site_files(root / "output")
    assert len(files) > 2 * ARTICLES and sorted(files) == sorted(local_files)
    assert [path for path in files if files[path] != local_files[path]] == []
    # The bodies the workers read from were left in the project's cache for the build only.
    assert (root / ".site-builder-cache").is_dir() and not list((root / ".site-builder-cache").glob("bodies-*"))


@pytest.mark.slow  # a build of 2,000 articles, a worker killed twice
def test_a_worker_killed_mid_build_does_not_change_the_site(local_build, cluster, tmp_path: Path) -> None:
    source, local_report, local_files = local_build
    root = project(tmp_path / "site", source)
    killed: list[tuple[str, int]] = []

    with connect(cluster.scheduler_address, project=root) as on_cluster:
        client = on_cluster.client

        def kill_a_worker(stage: str, done: int, total: int) -> None:
            # Once a third of the stage's results are in, the rest being worked on: the first
            # worker dies (the second time, its successor), mid-task.
            if done >= total // 3 and stage not in {stage for stage, _ in killed}:
                worker, pid = sorted(client.run(os.getpid).items())[0]
                os.kill(pid, signal.SIGKILL)
                killed.append((stage, pid))

        report = build(BuildOptions(root=root, out=root / "output", runner=on_cluster.run,
                                    progress=kill_a_worker))
        lost = client.run_on_scheduler(_tasks_lost_with_their_worker)
    assert [stage for stage, _ in killed] == ["parse", "render"]
    # The killed workers' tasks were run again elsewhere (or by their successors).
    assert any(key.startswith("parse_article_file-") for key in lost)
    assert any(key.startswith("_render_nth-") for key in lost)
    assert counts(report) == counts(local_report)
    files = site_files(root / "output")
    assert sorted(files) == sorted(local_files)
    assert [path for path in files if files[path] != local_files[path]] == []


def test_workers_get_the_site_without_bodies_and_read_each_from_a_file(tmp_path: Path) -> None:
    root = project(tmp_path / "site", count=60)
    config = load_config(root)
    site = index_articles(read_content(root, config).articles)[0]
    pages = list(plan_pages(site, config))
    bodies = tmp_path / "bodies"
    sent = dumps_apart((site, pages), bodies)
    assert len(site.articles) == 60 and all(article.body not in sent for article in site.articles)
    # Each body once, however many pages (feeds, listings, neighbours) show its article.
    assert bodies.stat().st_size == sum(len(article.body) for article in site.articles)
    # What replaces a body (its place in the file) is a few bytes.
    assert len(sent) < len(pickle.dumps((site, pages))) - 0.9 * bodies.stat().st_size
    got_site, got_pages = pickle.loads(sent)
    assert [a.body_html for a in got_site.articles] == [a.body_html for a in site.articles]
    assert "<p>" in got_site.articles[0].body_html
    # Still one object per article, shared by the pages that show it.
    by_url = {article.url: article for article in got_site.articles}
    shown = [page.context["article"] for page in got_pages if "article" in page.context]
    assert len(shown) == 60 and all(article is by_url[article.url] for article in shown)


def _tasks_lost_with_their_worker(dask_scheduler) -> list[str]:
    """Runs on the scheduler: the tasks that were being worked on by a worker that went away."""
    return [str(key) for key, start, _, _, stimulus, *_ in dask_scheduler.transition_log
            if start == "processing" and stimulus.startswith(("handle-worker-cleanup", "remove-worker"))]


def test_scheduler_named_in_site_toml_without_dask_is_a_usage_error(make_site, run, monkeypatch) -> None:
    root = make_site(config=TOML + '[build]\nscheduler = "tcp://127.0.0.1:8786"\n')
    monkeypatch.delitem(sys.modules, "site_builder.cluster.runner", raising=False)
    monkeypatch.setitem(sys.modules, "distributed", None)  # as if it were not installed
    code, out, err = run(root, "build")
    assert code == 2 and out == ""
    assert err == ("scheduler tcp://127.0.0.1:8786: Dask is not installed; "
                   "pip install 'site-builder[cluster]'\n")



def test_a_scheduler_that_is_no_address_is_a_usage_error(make_site, run, capsys) -> None:
    with pytest.raises(SystemExit) as exit:
        run(make_site(), "build", "--scheduler", "tcp://a b")
    assert exit.value.code == 2
    assert "--scheduler: 'tcp://a b' is neither 'local' nor an address" in capsys.readouterr().err


def test_an_unreachable_scheduler_is_a_usage_error(make_site, run) -> None:
    from tests.support.sites import free_port

    root = make_site()
    address = f"tcp://127.0.0.1:{free_port()}"
    with dask.config.set({"distributed.comm.timeouts.connect": "1s"}):
        code, _, err = run(root, "build", "--scheduler", address)
    assert code == 2 and err.startswith(f"{address}: no Dask scheduler with workers there (")
    assert not (root / "output").exists()


def test_a_build_without_a_scheduler_never_imports_dask(tmp_path: Path) -> None:
    project(tmp_path, count=80)  # enough that parse and render use the pool
    probe = ("import sys; from pathlib import Path; from site_builder.cli import main; "
             f"code = main(['--root', {str(tmp_path)!r}, 'build']); "
             "print(code, sorted(m for m in sys.modules if m.split('.')[0] in ('dask', 'distributed')))")
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, cwd=REPO, check=True)
    assert done.stdout.splitlines()[-1] == "0 []"
