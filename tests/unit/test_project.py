"""What the paths a watcher reports mean to a build of the project (project.edits_of)."""

from pathlib import Path

from site_builder.project import Edits, edits_of
from tests.support.sites import REPO


def test_an_edited_article_is_read_again_alone(tmp_path: Path) -> None:
    assert edits_of(tmp_path, [tmp_path / "content/articles/2024/12/story.md"]) == Edits(
        frozenset({"content/articles/2024/12/story.md"}), False)
    # Removed or new: the same (discovery finds out which).
    assert edits_of(tmp_path, [tmp_path / "content/articles/a.md", tmp_path / "content/articles/b.md"]) == Edits(
        frozenset({"content/articles/a.md", "content/articles/b.md"}), False)


def test_a_folder_of_articles_means_looking_at_every_article_again(tmp_path: Path) -> None:
    (tmp_path / "content/articles/2024").mkdir(parents=True)
    for folder in ("content/articles/2024", "content/articles/1999", "content/articles"):  # made, gone, itself
        found = edits_of(tmp_path, [tmp_path / folder, tmp_path / "content/articles/a.md"])
        assert found == Edits(None, False, None), folder
    # A folder named like an article is a folder.
    (tmp_path / "content/articles/odd.md").mkdir()
    assert edits_of(tmp_path, [tmp_path / "content/articles/odd.md"]) == Edits(None, False, None)


def test_a_photo_saved_beside_an_article_is_looked_at_alone(tmp_path: Path) -> None:
    # Not a reason to look at every article again: it costs only the pages that show it.
    photo = "content/articles/2024/06/story/lead.jpg"
    assert edits_of(tmp_path, [tmp_path / photo]) == Edits(frozenset(), False, frozenset({photo}))
    article = "content/articles/2024/06/story/index.md"
    assert edits_of(tmp_path, [tmp_path / photo, tmp_path / article]) == Edits(
        frozenset({article}), False, frozenset({photo}))


def test_static_files_and_notes_are_files_not_theme_edits(tmp_path: Path) -> None:
    for path in ("static/CNAME", "static/img/logo.png", "content/pages/about.md", "content/authors/jane-doe.md",
                 "content/stories/japan-budget.md"):
        assert edits_of(tmp_path, [tmp_path / path]) == Edits(frozenset(), False, frozenset({path})), path
    (tmp_path / "static/img").mkdir(parents=True)
    assert edits_of(tmp_path, [tmp_path / "static/img"]) == Edits(frozenset(), False, None)


def test_a_template_site_toml_or_theme_loads_the_theme_again(tmp_path: Path) -> None:
    for path in ("templates/home.html", "site.toml", "themes/mine/static/style.css"):
        assert edits_of(tmp_path, [tmp_path / path]) == Edits(frozenset(), True), path
    assert edits_of(tmp_path, [tmp_path / "templates/article.html", tmp_path / "content/articles/a.md"]) == Edits(
        frozenset({"content/articles/a.md"}), True)


def test_a_bundled_themes_file_outside_the_root_loads_the_theme_again(tmp_path: Path) -> None:
    assert edits_of(tmp_path, [REPO / "themes/default/templates/base.html"]) == Edits(frozenset(), True)


def test_other_files_under_content_change_nothing(tmp_path: Path) -> None:
    assert edits_of(tmp_path, [tmp_path / "content/raw/dump.txt", tmp_path / "content/vocabulary.toml"]) == Edits(
        frozenset(), False)


def test_edits_add_up() -> None:
    one, two = Edits(frozenset({"content/articles/a.md"}), False), Edits(frozenset({"content/articles/b.md"}), True)
    assert one | two == Edits(frozenset({"content/articles/a.md", "content/articles/b.md"}), True)
    assert one | Edits(None, False) == Edits(None, False) == Edits(None, False) | one
    photos = Edits(frozenset(), False, frozenset({"static/a.png"})) | Edits(frozenset(), False,
                                                                         frozenset({"static/b.png"}))
    assert photos.files == {"static/a.png", "static/b.png"}
    assert (photos | Edits(frozenset(), False, None)).files is None
