"""Both Markdown engines in whole builds: the bundled archive builds the same with either, the
site's extensions and their settings reach the pages, and changing either renders the articles
again. The engines' HTML on its own: tests/unit/test_markdown_engines.py."""

import re
import shutil
from pathlib import Path

from site_builder.build import build
from site_builder.options import BuildOptions
from tests.support.markup import ENGINES, normalised
from tests.support.sites import REPO, article


def test_the_bundled_archive_builds_the_same_with_both_engines(tmp_path: Path) -> None:
    pages = {}
    for engine in ENGINES:
        root = tmp_path / engine
        shutil.copytree(REPO / "content" / "articles", root / "content" / "articles")
        shutil.copytree(REPO / "themes", root / "themes")
        config = (REPO / "site.toml").read_text() + f'search = false\n[markdown]\nengine = "{engine}"\n'
        (root / "site.toml").write_text(config)
        build(BuildOptions(root=root, out=root / "output"))
        pages[engine] = {p.relative_to(root / "output").as_posix(): p.read_bytes()
                         for p in (root / "output").rglob("*")
                         if p.is_file() and p.name != ".site-builder-output"}  # a build's own id
    assert len(pages["commonmark"]) > 100
    assert pages["python-markdown"] == pages["commonmark"]


def test_a_configured_extension_and_its_settings_change_the_output(make_site, run) -> None:
    body = '## Turnout\n\n!!! note "Figures are provisional"\n    Counting continues in two districts.'
    root = make_site({"content/articles/a.md": article("Vote", "2024-05-01", body)},
                     config='title = "T"\n[markdown]\nextensions = ["admonition"]\n'
                            '[markdown.extension_configs."toc"]\npermalink = true\n')
    assert run(root, "build")[0] == 0
    html = (root / "output/2024/05/01/vote/index.html").read_text()
    assert ('<div class="admonition note"><p class="admonition-title">Figures are provisional</p>'
            in normalised(html).replace("'", '"'))
    assert '<a class="headerlink" href="#turnout"' in html


def test_without_the_extension_the_block_is_plain_text(make_site, run) -> None:
    root = make_site({"content/articles/a.md": article("Vote", "2024-05-01", '!!! note "Careful"\n    Text.')})
    run(root, "build")
    assert "admonition" not in (root / "output/2024/05/01/vote/index.html").read_text()


def test_a_missing_extension_is_an_error_with_its_line(make_site, run) -> None:
    root = make_site({"content/articles/a.md": article()},
                     config='title = "T"\n\n[markdown]\nextensions = [\n  "admonition",\n  "no_such_ext",\n]\n')
    code, _, err = run(root, "build")
    assert code == 1
    assert err.splitlines()[0] == ("site.toml:6: Markdown extension 'no_such_ext' cannot be loaded: "
                                   "no module named 'no_such_ext' (is it installed?)")


def test_changing_the_engine_or_an_extension_setting_renders_the_articles_again(make_site, run) -> None:
    base = 'title = "T"\n'
    root = make_site({"content/articles/a.md": article("Vote", "2024-05-01", "## Turnout\n\nThe ~~old~~ figure.")},
                     config=base)
    page = root / "output/2024/05/01/vote/index.html"
    run(root, "build")
    assert "<del>old</del>" in page.read_text()
    (root / "site.toml").write_text(base + '[markdown]\nengine = "commonmark"\n')
    run(root, "build")
    assert "<s>old</s>" in page.read_text()
    (root / "site.toml").write_text(base + '[markdown.extension_configs."toc"]\npermalink = true\n')
    run(root, "build")
    assert 'class="headerlink"' in page.read_text()
    (root / "site.toml").write_text(base + '[markdown.extension_configs."toc"]\npermalink = "#"\n')
    run(root, "build")
    assert re.search(r'class="headerlink"[^>]*>#</a>', page.read_text())
