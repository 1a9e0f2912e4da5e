"""The commands as a user runs them: exit codes, messages, files."""

import re
import subprocess
import sys

import frontmatter
import pytest

from tests.support.sites import REPO, article


def test_python_dash_m_and_version() -> None:
    done = subprocess.run([sys.executable, "-m", "site_builder", "--version"],
                          capture_output=True, text=True, cwd=REPO)
    assert done.returncode == 0 and done.stdout.startswith("site-builder ")


def test_the_command_leaves_with_its_code_and_every_line_printed(make_site) -> None:
    """`site-builder` leaves without tearing the process down (cli.run): what it printed must
    still arrive, through pipes, and its exit code must be the build's."""
    root = make_site({"content/articles/ok.md": article("Fine")})
    command = [sys.executable, "-m", "site_builder", "--root", str(root), "build"]
    done = subprocess.run(command, capture_output=True, text=True, cwd=REPO)
    assert done.returncode == 0, done.stderr
    assert "Built " in done.stdout and "from 1 article" in done.stdout
    (root / "content/articles/bad.md").write_text(article("Bad", tags="42"))
    done = subprocess.run(command, capture_output=True, text=True, cwd=REPO)
    assert done.returncode == 1
    assert "bad.md" in done.stderr and "nothing was written" in done.stderr


def test_output_piped_into_head_is_not_an_error(make_site) -> None:
    """`site-builder build | head -0`: the reader is gone before the command's last lines leave
    its buffer; the command still ends quietly with the build's exit code."""
    root = make_site({"content/articles/ok.md": article("Fine")})
    command = [sys.executable, "-m", "site_builder", "--root", str(root), "build"]
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=REPO)
    assert process.stdout is not None
    process.stdout.close()  # before anything is read: the report is flushed into a closed pipe
    _, err = process.communicate(timeout=120)
    assert process.returncode == 0 and err == b"", err
    assert (root / "output/index.html").is_file()


def test_usage_errors_exit_2(make_site, capsys) -> None:
    from site_builder.cli import main

    with pytest.raises(SystemExit) as stop:
        main(["build", "--no-such-option"])
    assert stop.value.code == 2
    assert "unrecognized arguments: --no-such-option" in capsys.readouterr().err


def test_check_reports_every_problem_and_writes_nothing(make_site, run) -> None:
    root = make_site({"content/articles/ok.md": article("Fine"),
                      "content/articles/bad.md": article("Bad", tags="42")})
    code, _, err = run(root, "check")
    assert code == 1
    assert err.splitlines()[0] == "content/articles/bad.md:4: 'tags' must be a list of text, not a number"
    assert not (root / "output").exists()
    (root / "content/articles/bad.md").unlink()
    code, out, _ = run(root, "check")
    assert code == 0 and out.startswith("1 article and ") and out.endswith("pages checked: no problems.\n")


def test_check_finds_a_broken_link_in_an_override_template(make_site, run) -> None:
    root = make_site({"content/articles/ok.md": article("Fine"),
                      "templates/404.html": '{% extends "default/404.html" %}'
                                            '{% block content %}<a href="nowhere/">x</a>{% endblock %}'})
    code, _, err = run(root, "check")
    assert code == 1
    lines = err.splitlines()
    assert lines[0] == "404.html: broken link -> nowhere/" and lines[1].startswith("1 broken link in ")
    assert len(lines) == 2
    assert not (root / "output").exists()


def test_new_scaffolds_a_draft_that_builds(make_site, run) -> None:
    root = make_site({})
    code, out, _ = run(root, "new", "Talks resume in Muscat")
    assert code == 0
    path = root / out.split()[-1]
    post = frontmatter.load(path)
    assert post["title"] == "Talks resume in Muscat" and post["draft"] is True
    assert path.name == "talks-resume-in-muscat.md" and path.parent.parent.parent.name == "articles"
    code, out, _ = run(root, "new", "Talks resume in Muscat")
    assert out.strip().endswith("talks-resume-in-muscat-2.md")
    assert run(root, "build", "--drafts")[0] == 0


@pytest.mark.parametrize("command", [["build"], ["serve", "--port", "0"], ["new", "A story"], ["check"],
                                     ["deploy"], ["theme", "list"], ["import", "dump.txt"], ["list", "drafts"]])
def test_outside_a_project_every_command_but_init_refuses(tmp_path, run, command) -> None:
    """The walkthrough's `build` in an empty folder (and in content/) made output/ and a cache
    there and said "Built 12 pages from 0 articles"; `new` made content/ wherever it ran."""
    folder = tmp_path / "not-an-archive"
    folder.mkdir()
    code, out, err = run(folder, *command)
    assert (code, out) == (2, "")
    assert err == (f"site-builder: no site.toml in {folder} or its parents; "
                   "run 'site-builder init' to start an archive\n")
    assert list(folder.iterdir()) == []


def test_a_command_run_inside_a_project_works_on_the_whole_project(make_site, run) -> None:
    root = make_site({"content/articles/a.md": article("Fine")})
    code, out, _ = run(root / "content" / "articles", "build")
    assert code == 0 and (root / "output/index.html").is_file()
    assert not (root / "content/articles/output").exists() and not (root / "content/articles/.site-builder-cache").exists()
    code, out, _ = run(root / "content", "new", "From inside")
    assert code == 0 and list((root / "content/articles").rglob("from-inside.md"))


def test_list_drafts_names_each_with_its_date_or_undated(make_site, run) -> None:
    root = make_site({"content/articles/2024/12/ready.md": article("Ready"),
                      "content/articles/2024/12/later.md": article("Not yet", "2024-12-05", draft="true"),
                      "content/articles/undated/found.md": article("Found in a dump", None, draft="true")})
    code, out, _ = run(root, "list", "drafts")
    assert code == 0
    assert out.splitlines() == [
        "content/articles/2024/12/later.md  2024-12-05  Not yet",
        "content/articles/undated/found.md  undated     Found in a dump",
        "2 drafts; `site-builder build --drafts` builds them, removing `draft: true` publishes one."]
    (root / "content/articles/2024/12/later.md").unlink()
    (root / "content/articles/undated/found.md").unlink()
    assert run(root, "list", "drafts")[1] == "No drafts.\n"


def test_check_reuses_what_the_last_check_built_and_read(make_site, run) -> None:
    """The walkthrough's `check` took 18 s every time on 1,005 articles: a full build into a
    temporary folder. It now keeps its own folder in the cache: a check after no change
    rewrites nothing, and a check after an edit finds what the edit broke."""
    root = make_site({f"content/articles/{n}.md": article(f"Story {n}", f"2024-12-0{n}") for n in range(1, 6)})
    assert run(root, "check")[0] == 0
    folder = root / ".site-builder-cache" / "check"
    stamps = {p: p.stat().st_mtime_ns for p in folder.rglob("*") if p.is_file()}
    assert len(stamps) > 20 and not (root / "output").exists()
    code, out, _ = run(root, "check")
    assert code == 0 and out == "5 articles and 32 pages checked: no problems.\n"
    assert {p: p.stat().st_mtime_ns for p in folder.rglob("*") if p.is_file()} == stamps  # nothing rewritten
    (root / "templates").mkdir()
    (root / "templates/404.html").write_text('{% extends "default/404.html" %}'
                                             '{% block content %}<a href="nowhere/">x</a>{% endblock %}')
    for _ in range(2):  # found, and found again from what the last check kept
        code, _, err = run(root, "check")
        assert code == 1 and err.splitlines()[0] == "404.html: broken link -> nowhere/"
    (root / "templates/404.html").unlink()
    assert run(root, "check")[0] == 0


def test_the_build_counts_pages_and_files_apart_and_says_when_nothing_changed(make_site, run) -> None:
    """The walkthrough: "1 articles", "Built 77 pages ... 96 written" mixing pages and files,
    and a build with nothing to do still saying "Built"."""
    root = make_site({"content/articles/a.md": article("One")})
    code, out, _ = run(root, "build")
    first = re.fullmatch(r"Built (\d+) pages from 1 article into (.+)/ in [\d.]+ s: (\d+) written, 0 unchanged; "
                         r"(\d+) other files written \(static files, search index\)\n", out)
    assert code == 0 and first and first[1] == first[3]
    code, out, _ = run(root, "build")
    assert re.fullmatch(rf"Nothing changed: {first[1]} pages from 1 article in .+/ \([\d.]+ s\)\n", out)
    (root / "content/articles/a.md").write_text(article("One", body="Some text, corrected."))
    out = run(root, "build")[1]
    written = re.fullmatch(r"Built (\d+) pages from 1 article into .+/ in [\d.]+ s: (\d+) written, (\d+) unchanged\n", out)
    assert written and int(written[2]) + int(written[3]) == int(written[1]) and int(written[3]) > 0


def test_each_commands_help_says_what_it_does(capsys) -> None:
    from site_builder.cli import main

    def help_of(*command: str) -> str:
        with pytest.raises(SystemExit):
            main([*command, "--help"])
        return " ".join(capsys.readouterr().out.split())

    serve = help_of("serve")
    assert "--local" not in serve and "destination" not in serve and "s3://" not in serve
    assert "follow every internal link" in help_of("check") and "--drafts" in help_of("check")
    assert "a draft dated today" in help_of("new") and "content/articles/YYYY/MM/<slug>.md" in help_of("new")
    top = help_of()
    assert "--debug" in top and "the traceback of an internal error" in top and "examples:" in top
    assert "--base-url" in help_of("init")
