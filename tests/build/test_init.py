"""Starting an archive: `init`, the bundled themes by name or copied, `--version`."""

import dataclasses
import tomllib
from importlib import metadata
from pathlib import Path

import frontmatter

from site_builder.config import Config, load_config
from site_builder.config.deploy import MAX_DELETES, read_destinations
from site_builder.config.menu import menu_table


def test_init_makes_an_archive_that_builds(tmp_path: Path, run) -> None:
    folder = tmp_path / "new-archive"
    code, out, _ = run(tmp_path, "init", str(folder))
    assert code == 0
    assert (folder / "content" / "raw").is_dir()
    assert "/output/" in (folder / ".gitignore").read_text()
    [example] = (folder / "content" / "articles").rglob("*.md")
    post = frontmatter.load(example)
    assert post["title"] == "Welcome to your news archive" and "## Adding articles" in post.content
    lines = out.splitlines()
    assert [line.split()[:2] for line in lines[-3:]] == [
        ["site-builder", "import"], ["site-builder", "build"], ["site-builder", "serve"]]
    assert load_config(folder) == Config()  # the file states the defaults
    # The newsroom's folders, each saying what goes in it.
    assert "/about/" in (folder / "content/pages/about.md").read_text()
    assert "jane-doe.md" in (folder / "content/authors/README.txt").read_text()
    assert "story: Japan budget" in (folder / "content/stories/README.txt").read_text()
    assert (folder / "static").is_dir()
    code, out, _ = run(folder, "build")
    assert code == 0 and "from 1 article into" in out
    date = post["date"]
    page = folder / "output" / f"{date:%Y/%m/%d}" / "welcome-to-your-news-archive" / "index.html"
    assert "Welcome to your news archive" in page.read_text()
    assert "content/pages/about.md" in (folder / "output/about/index.html").read_text()
    assert not (folder / "output/.gitkeep").exists()


def test_the_new_site_toml_explains_every_key(tmp_path: Path, run) -> None:
    run(tmp_path, "init", str(tmp_path / "a"))
    text = (tmp_path / "a" / "site.toml").read_text()
    lines = text.splitlines()
    for field in dataclasses.fields(Config):
        shown = f"[{field.name}]" if dataclasses.is_dataclass(field.default) else f"{field.name} ="
        shown = "[[menu]]" if field.name == "menu" else shown
        at = next(i for i, line in enumerate(lines) if line.lstrip("# ").startswith(shown))
        assert lines[at - 1].startswith("# ") and not lines[at - 1].lstrip("# ").startswith(field.name)
    # Shown uncommented, the file sets every key to its default.
    uncommented = tomllib.loads("\n".join(line.lstrip("# ") if line.startswith("# ") and
                                          (" = " in line or line.startswith("# [")) else line
                                          for line in lines))
    defaults = dataclasses.asdict(Config())
    assert {key: value for key, value in uncommented.items() if key not in ("markdown", "deploy", "menu")} == \
        {key: value for key, value in defaults.items() if key not in ("markdown", "menu")}
    # The example menu is one the build takes.
    menu, problems = menu_table(uncommented["menu"], text)
    assert problems == [] and [item.url for item in menu] == ["", "about/"]
    assert uncommented["markdown"]["engine"] == Config().markdown.engine
    # The example destination is one `deploy` takes, with the default max_deletes.
    destinations, problems = read_destinations(uncommented["deploy"], text)
    assert problems == [] and destinations["production"].max_deletes == MAX_DELETES


def test_init_refuses_a_folder_in_use_and_force_never_overwrites(tmp_path: Path, run) -> None:
    folder = tmp_path / "mine"
    folder.mkdir()
    (folder / "site.toml").write_text('title = "Mine"\n')
    code, _, err = run(tmp_path, "init", str(folder))
    assert code == 2 and err.strip() == f"{folder}: not empty; use --force to add an archive's files to it"
    assert sorted(p.name for p in folder.iterdir()) == ["site.toml"]
    code, out, _ = run(tmp_path, "init", str(folder), "--force")
    assert code == 0 and "site.toml" not in out
    assert (folder / "site.toml").read_text() == 'title = "Mine"\n'
    assert (folder / ".gitignore").exists() and (folder / "content" / "raw").is_dir()


def test_a_copied_theme_is_the_one_used_and_can_be_edited(make_site, run) -> None:
    root = make_site({"content/articles/a.md": "---\ntitle: One\ndate: 2024-05-01\n---\nText.\n"},
                     config='title = "T"\ntheme = "mine"\nsearch = false\n')
    code, _, err = run(root, "build")
    assert code == 1 and "theme 'mine' not found" in err
    code, out, _ = run(root, "theme", "copy", "compact", "mine")
    assert code == 0 and 'theme = "mine"' in out
    assert (root / "themes" / "mine" / "theme.toml").exists()
    base = root / "themes" / "mine" / "templates" / "base.html"
    base.write_text(base.read_text().replace("{{ super() }}", "{{ super() }}<!-- my own theme -->"))
    code, _, _ = run(root, "build")
    assert code == 0 and "<!-- my own theme -->" in (root / "output" / "index.html").read_text()
    code, _, err = run(root, "theme", "copy", "default", "mine")
    assert code == 2 and err.strip() == "themes/mine: already exists; choose another name"
    code, out, _ = run(root, "theme", "list")
    assert out.splitlines() == ["mine  (themes/mine, in use)", "compact  (bundled)", "default  (bundled)"]


def test_version_comes_from_the_package_metadata(run, tmp_path: Path, capsys) -> None:
    from site_builder.cli import main

    try:
        main(["--version"])
    except SystemExit as stop:
        assert stop.code == 0
    assert capsys.readouterr().out == f"site-builder {metadata.version('site-builder')}\n"


def test_init_takes_the_title_address_and_time_zone(tmp_path: Path, run) -> None:
    folder = tmp_path / "wire"
    code, _, _ = run(tmp_path, "init", str(folder), "--title", 'The "Wire" \\ Desk',
                     "--base-url", "https://news.example.org/wire", "--timezone", "Europe/Berlin")
    assert code == 0
    config = load_config(folder)
    assert (config.title, config.base_url, config.timezone) == (
        'The "Wire" \\ Desk', "https://news.example.org/wire/", "Europe/Berlin")
    code, _, err = run(tmp_path, "init", str(tmp_path / "bad"), "--base-url", "news.example.org")
    assert code == 2 and "--base-url news.example.org: 'base_url' must start with http://" in err
    code, _, err = run(tmp_path, "init", str(tmp_path / "bad"), "--timezone", "Mars/Olympus")
    assert code == 2 and "unknown timezone 'Mars/Olympus'" in err
    assert not (tmp_path / "bad").exists()


def test_init_asks_on_a_terminal_with_the_defaults_in_brackets(tmp_path: Path) -> None:
    import os
    import pty
    import subprocess
    import sys

    from tests.support.sites import REPO

    folder = tmp_path / "asked"
    main, terminal = pty.openpty()
    process = subprocess.Popen([sys.executable, "-m", "site_builder", "init", str(folder), "--timezone", "Asia/Tokyo"],
                               stdin=terminal, stdout=terminal, stderr=terminal, cwd=REPO)
    os.close(terminal)
    said = b""
    answers = [b"Tokyo Desk\n", b"example.org\n", b"https://tokyo.example.org/\n"]
    while process.poll() is None or said.endswith(b": "):
        try:
            chunk = os.read(main, 4096)
        except OSError:  # the command closed its side
            break
        said += chunk
        if said.endswith(b"]: ") and answers:
            os.write(main, answers.pop(0))
    process.wait(timeout=60)
    os.close(main)
    text = said.decode()
    assert process.returncode == 0, text
    assert "Title of the archive [News Archive]: " in text
    assert "The site's address, where it will be published [http://localhost:8000/]: " in text
    assert "must start with http:// or https://" in text  # asked again
    assert "Time zone" not in text  # given as a flag
    config = load_config(folder)
    assert (config.title, config.base_url, config.timezone) == (
        "Tokyo Desk", "https://tokyo.example.org/", "Asia/Tokyo")


def test_init_on_an_existing_archive_says_what_it_added(tmp_path: Path, run) -> None:
    folder = tmp_path / "mine"
    assert run(tmp_path, "init", str(folder))[0] == 0
    (folder / ".gitignore").unlink()
    code, out, _ = run(tmp_path, "init", str(folder), "--force", "--title", "Other")
    assert code == 0 and "A new archive" not in out
    assert out.splitlines() == [f"Created {folder / '.gitignore'}",
                                f"Added 1 missing file to the archive in {folder}/; its site.toml is kept "
                                "as it is (--title not applied)."]
    code, out, _ = run(tmp_path, "init", str(folder), "--force")
    assert out == f"Nothing to add to the archive in {folder}/.\n"


def test_a_build_for_publishing_warns_while_base_url_is_localhost(tmp_path: Path, run) -> None:
    """The walkthrough deployed a site whose canonical links, feeds and sitemaps all pointed
    at http://localhost:8000/, and nothing said so."""
    folder = tmp_path / "archive"
    run(tmp_path, "init", str(folder))
    code, _, err = run(folder, "build")
    assert code == 0 and err.count("warning: base_url is http://localhost:8000/") == 1
    assert run(folder, "build", "--local")[2] == ""  # made for opening from disk
    (folder / "site.toml").write_text((folder / "site.toml").read_text() + '\n[deploy.mirror]\nurl = '
                                      f'"file://{tmp_path / "www"}"\n')
    run(folder, "build")
    code, _, err = run(folder, "deploy")
    assert code == 0 and err.count("warning: base_url is http://localhost:8000/") == 1
    text = (folder / "site.toml").read_text().replace("http://localhost:8000/", "https://news.example.org/")
    (folder / "site.toml").write_text(text)
    assert run(folder, "build")[2] == ""
