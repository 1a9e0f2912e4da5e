"""The interface in the site's language: every word the themes and the built-in templates print
comes from a message catalogue (site_builder/locale/, the theme's locale/, the site's
translations/), dates, months, numbers and counts are written by Babel, right-to-left scripts get
dir="rtl", and `check` names the words a language has no translation for."""

from __future__ import annotations

import re
from pathlib import Path

from tests.support.sites import SITE_TOML, article


def dated_site(make_site, language: str, count: int = 7, extra: dict[str, str] | None = None) -> Path:
    """`count` articles over two months, tagged alike, in a site of `language`."""
    files = {f"content/articles/2026/0{2 + i % 2}/a{i}.md": article(f"Headline {i}", f"2026-0{2 + i % 2}-{8 + i:02d}",
                                                                   "Some text.", tags="[Budget]", topics="[Politics]")
             for i in range(count)}
    return make_site({**files, **(extra or {})}, f'language = "{language}"\n{SITE_TOML}')


def page(root: Path, path: str) -> str:
    return (root / "output" / path).read_text(encoding="utf-8")


def test_a_french_site_speaks_french_in_its_words_dates_and_titles(make_site, run) -> None:
    root = dated_site(make_site, "fr")
    assert run(root, "build")[0] == 0
    home = page(root, "index.html")
    assert '<html lang="fr">' in home and 'dir="rtl"' not in home
    assert ">À la une <" in home and "Aller au contenu" in home and ">Archives</a>" in home
    assert "13 mars 2026" in home  # Babel's long date: the newest article's
    assert "<title>À la une · " in page(root, "page/1/index.html")  # the planner's title, translated
    tag = page(root, "tags/budget/index.html")
    assert "7 articles" in tag and "Articles par mois" in tag and "mars 2026" in tag
    assert ">Mots-clés</a>" in tag  # a taxonomy's title, in the navigation and breadcrumbs
    assert re.search(r"<title>Archives · ", page(root, "archive/index.html"))


def test_counts_take_the_plural_form_their_number_needs(make_site, run) -> None:
    root = dated_site(make_site, "ru", count=5)
    assert run(root, "build")[0] == 0
    assert "5 статей" in page(root, "tags/budget/index.html")
    february = page(root, "archive/2026/02/index.html")  # three of the five
    assert "3 статьи" in february and "февраль 2026" in february.lower()
    root = dated_site(make_site, "ar", count=2)
    assert run(root, "build")[0] == 0
    assert "مقالتان" in page(root, "tags/budget/index.html")  # Arabic's dual


def test_a_right_to_left_language_sets_the_direction(make_site, run) -> None:
    root = dated_site(make_site, "ar")
    assert run(root, "build")[0] == 0
    for path in ("index.html", "tags/budget/index.html", "2026/02/08/headline-0/index.html"):
        assert '<html lang="ar" dir="rtl">' in page(root, path)
    assert "الأرشيف" in page(root, "index.html")


def test_a_site_overrides_a_word_and_the_pages_that_show_it_follow(make_site, run) -> None:
    root = dated_site(make_site, "fr")
    assert run(root, "build")[0] == 0
    (root / "translations").mkdir()
    (root / "translations/fr.po").write_text('msgid "Latest"\nmsgstr "Dernières nouvelles"\n', encoding="utf-8")
    assert run(root, "build")[0] == 0
    assert ">Dernières nouvelles <" in page(root, "index.html")
    assert "Dernières nouvelles</a>" in page(root, "tags/budget/index.html")  # the navigation, everywhere
    assert "Aller au contenu" in page(root, "index.html")  # the words it does not override stay the theme's


def test_a_broken_catalogue_is_one_line_naming_it(make_site, run) -> None:
    root = dated_site(make_site, "fr", extra={"translations/fr.po": 'msgid "Latest"\nÀ la une\n'})
    code, _, err = run(root, "build")
    assert code == 1 and err.startswith("translations/fr.po:2: invalid message catalogue"), err


def test_a_language_without_a_catalogue_falls_back_to_english_and_check_names_each_word(make_site, run) -> None:
    root = dated_site(make_site, "de")
    assert run(root, "build")[0] == 0
    home = page(root, "index.html")
    assert ">Latest <" in home and "13. März 2026" in home  # English words, German dates
    code, _, err = run(root, "check")
    assert code == 0
    missing = [line for line in err.splitlines() if "no 'de' translation" in line]
    assert any("'Skip to content'" in line for line in missing) and any("'Latest'" in line for line in missing)
    assert all(re.match(r"\S+\.po:\d+: warning: ", line) for line in missing)
    assert len(missing) == len(set(missing))


def test_a_shipped_language_misses_no_word(make_site, run) -> None:
    for language in ("fr", "es", "ru", "uk", "ar"):
        root = dated_site(make_site, language)
        code, _, err = run(root, "check")
        assert code == 0 and "translation of" not in err, (language, err)


def test_the_compact_theme_speaks_the_site_language_too(make_site, run) -> None:
    root = dated_site(make_site, "es")
    (root / "site.toml").write_text(f'theme = "compact"\n{(root / "site.toml").read_text()}', encoding="utf-8")
    assert run(root, "build")[0] == 0
    home = page(root, "index.html")
    assert ">Titular<" in home and ">Fecha<" in home  # its own catalogue
    assert "Ir al contenido" in home and ">Lo último <" in home  # the default theme's and site-builder's


def test_a_right_to_left_archive_points_its_arrows_along_its_script(make_site, run) -> None:
    root = dated_site(make_site, "ar", extra={"content/articles/2026/02/cairo.md": article(
        "Cairo", "2026-02-20", "Text.", regions="[Egypt]")})
    assert run(root, "build")[0] == 0
    february = page(root, "archive/2026/02/index.html")
    assert re.search(r'rel="next"[^>]*>مارس 2026 ←</a>', february)  # the later month, to the left
    regions = page(root, "regions/index.html")
    assert "أفريقيا" in regions and "شمال أفريقيا" in regions  # the world's regions, in its words
