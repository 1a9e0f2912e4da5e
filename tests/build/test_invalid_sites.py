"""One tiny site per kind of bad input (tests/sites/invalid/<case>/): the exact error lines,
exit 1, no traceback, and the previous output left byte for byte as it was."""

import shutil
from pathlib import Path

import pytest

from tests.support.sites import REPO, article

INVALID = REPO / "tests" / "sites" / "invalid"
CASES = sorted(p for p in INVALID.iterdir() if p.is_dir())


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


def previous_output(root: Path) -> Path:
    """A site built earlier, as a failed build must leave it."""
    out = root / "output"
    (out / "2024/01/01/old").mkdir(parents=True)
    (out / "2024/01/01/old/index.html").write_text("<!doctype html><title>old</title>")
    (out / ".site-builder-output").write_text("")
    return out


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_bad_input_is_one_line_per_problem(case: Path, tmp_path: Path, run) -> None:
    root = tmp_path / case.name
    shutil.copytree(case, root, ignore=shutil.ignore_patterns("expected.txt"))
    out = previous_output(root)
    before = snapshot(out)
    code, stdout, stderr = run(root, "build")
    expected = (case / "expected.txt").read_text().splitlines()
    assert code == 1
    assert stderr.splitlines()[:-1] == expected
    assert stderr.splitlines()[-1].endswith("found; nothing was written.")
    assert "Traceback" not in stderr and stdout == ""
    assert snapshot(out) == before
    left = {p.name for p in root.iterdir()}
    assert left == {p.name for p in case.iterdir() if p.name != "expected.txt"} | {"output", ".site-builder-cache"}
    # Of the cache, only the lock a build holds while it runs (one build at a time).
    assert [p.name for p in (root / ".site-builder-cache").iterdir()] == ["lock"]


def test_keep_going_builds_the_rest_and_still_fails(tmp_path: Path, run) -> None:
    root = tmp_path / "site"
    shutil.copytree(INVALID / "many-files", root)
    (root / "site.toml").write_text("search = false\n")  # Pagefind is tests/browser/test_search.py's
    code, stdout, stderr = run(root, "build", "--keep-going")
    assert code == 1
    assert "Built" in stdout and "from 1 article into" in stdout
    assert (root / "output/2024/05/01/fine/index.html").is_file()
    assert "content/articles/d.md:5: 'draft' must be true or false" in stderr


def test_a_huge_file_is_refused_not_read(tmp_path: Path, make_site, run) -> None:
    root = make_site({"content/articles/ok.md": "---\ntitle: Ok\ndate: 2024-01-01\n---\nText.\n"})
    (root / "content/articles/huge.md").write_bytes(b"---\ntitle: Huge\ndate: 2024-01-01\n---\n" + b"x" * 6_000_000)
    code, _, stderr = run(root, "build")
    assert code == 1
    assert stderr.splitlines()[0] == "content/articles/huge.md:1: file too large (6.0 MB; the limit is 5 MB)"


def test_an_internal_error_is_one_line_unless_debug(tmp_path: Path, make_site, run) -> None:
    root = make_site({"content/articles/ok.md": "---\ntitle: Ok\ndate: 2024-01-01\n---\nText.\n",
                      # A template that fails at render time with a Python error, not a Jinja one.
                      "templates/article.html": "{{ article.date.strftime(42) }}"})
    code, _, stderr = run(root, "build")
    assert code == 1 and "Traceback" not in stderr
    assert stderr.startswith("site-builder: internal error: TypeError") and "--debug" in stderr
    with pytest.raises(TypeError):
        run(root, "--debug", "build")


def test_a_file_gone_between_discovery_and_parsing_is_a_problem_not_a_crash(make_site) -> None:
    from site_builder.build import read_config
    from site_builder.content import read_content
    from site_builder.content.discover import discover
    from site_builder.options import BuildOptions

    root = make_site({"content/articles/a.md": article("Kept", "2024-01-01"),
                      "content/articles/b.md": article("Gone", "2024-01-02")})
    files, unreadable, _ = discover(root)
    files = [f.without_text() for f in files]  # as a build keeps them
    (root / "content/articles/b.md").unlink()
    content = read_content(root, read_config(BuildOptions(root=root, out=root / "output")),
                           found=(files, unreadable))
    assert [a.title for a in content.articles] == ["Kept"]
    assert [str(p) for p in content.problems] == ["content/articles/b.md: cannot be read: No such file or directory"]
