"""Other systems' ways, taken on Linux: workers spawned instead of forked, and the site
swapped without an atomic exchange, give the same site, byte for byte."""

import filecmp
import os
import subprocess
import sys
from pathlib import Path

from site_builder.folders import files_below
from site_builder.output.folder import MARKER
from site_builder.output.staging import EXCHANGE_VARIABLE
from site_builder.pool import START_METHOD_VARIABLE
from tests.support.corpus import write_corpus
from tests.support.sites import REPO


def build_with(root: Path, out: str, **environment: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, **environment}
    return subprocess.run([sys.executable, "-m", "site_builder", "--root", str(root), "build",
                           "--out", str(root / out), "--jobs", "2"],
                          capture_output=True, text=True, cwd=REPO, env=env, check=True)


def site_files(out: Path) -> list[str]:
    # Pagefind names its files by a hash that differs from run to run; the marker holds a build id.
    return sorted(p for p in files_below(out) if not p.startswith("pagefind/") and p != MARKER)


def test_spawned_workers_and_no_exchange_build_the_same_site(tmp_path: Path) -> None:
    write_corpus(tmp_path, 150)  # enough articles and pages that both stages use the pool
    (tmp_path / "site.toml").write_text('title = "Platforms"\nsearch = false\n', encoding="utf-8")
    build_with(tmp_path, "forked", **{START_METHOD_VARIABLE: "fork"})
    spawned = build_with(tmp_path, "spawned", **{START_METHOD_VARIABLE: "spawn", EXCHANGE_VARIABLE: "0"})
    assert "150 articles" in spawned.stdout
    names = site_files(tmp_path / "forked")
    assert len(names) > 300 and names == site_files(tmp_path / "spawned")
    _, mismatch, errors = filecmp.cmpfiles(tmp_path / "forked", tmp_path / "spawned", names, shallow=False)
    assert mismatch == [] and errors == []


def test_a_rebuild_without_exchange_replaces_the_site_and_keeps_no_old_copy(tmp_path: Path) -> None:
    write_corpus(tmp_path, 80)
    (tmp_path / "site.toml").write_text('title = "Platforms"\nsearch = false\n', encoding="utf-8")
    no_exchange = {START_METHOD_VARIABLE: "spawn", EXCHANGE_VARIABLE: "0"}
    build_with(tmp_path, "output", **no_exchange)
    write_corpus(tmp_path, 3, seed=11, first=500)
    again = build_with(tmp_path, "output", **no_exchange)
    assert "83 articles" in again.stdout
    build_with(tmp_path, "fresh", **{START_METHOD_VARIABLE: "fork"})
    names = site_files(tmp_path / "output")
    assert names == site_files(tmp_path / "fresh")
    _, mismatch, _ = filecmp.cmpfiles(tmp_path / "output", tmp_path / "fresh", names, shallow=False)
    assert mismatch == []
    # The old site was moved aside, then removed by a detached process, not left behind.
    leftovers = [p.name for p in tmp_path.iterdir() if p.name.startswith(".output.old")]
    assert leftovers == [] or all(".trash-" in name for name in leftovers)
