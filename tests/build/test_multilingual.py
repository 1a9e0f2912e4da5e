"""An archive in several languages: an article's `language`, translations linked by their
`translation_key` (hreflang links and a visible switch), and each other language's listing and
feed under /<language>/, in that language's interface."""

from __future__ import annotations

from pathlib import Path

from site_builder.build import build
from site_builder.options import BuildOptions
from tests.support.sites import article

EN_URL = "2026/02/08/parliament-passes-the-budget/"
RU_URL = "2026/02/08/parlament-prinyal-byudzhet/"


def bilingual(make_site, extra: dict[str, str] | None = None) -> Path:
    return make_site({
        "content/articles/2026/budget-en.md": article("Parliament passes the budget", "2026-02-08", "Text.",
                                                      translation_key="budget"),
        "content/articles/2026/budget-ru.md": article("Парламент принял бюджет", "2026-02-08", "Текст.",
                                                      language="ru", translation_key="budget"),
        "content/articles/2026/frost-ru.md": article("Морозы в Сибири", "2026-02-09", "Текст.", language="ru"),
        **(extra or {}),
    })


def pages(out: Path) -> dict[Path, bytes]:
    """The site's files, less the build's own records (a dot-file naming the build)."""
    return {p.relative_to(out): p.read_bytes() for p in out.rglob("*") if p.is_file() and not p.name.startswith(".")}


def read(root: Path, path: str) -> str:
    return (root / "output" / path / ("index.html" if path.endswith("/") or not path else "")).read_text("utf-8")


def test_translations_link_each_other_with_hreflang_and_a_visible_switch(make_site, run) -> None:
    root = bilingual(make_site)
    assert run(root, "build")[0] == 0
    english, russian = read(root, EN_URL), read(root, RU_URL)
    for page in (english, russian):
        assert f'<link rel="alternate" hreflang="ru" href="https://example.org/archive/{RU_URL}">' in page
        assert f'<link rel="alternate" hreflang="en" href="https://example.org/archive/{EN_URL}">' in page
        assert f'<link rel="alternate" hreflang="x-default" href="https://example.org/archive/{EN_URL}">' in page
    assert 'hreflang="ru" lang="ru" rel="alternate">Русский</a>' in english
    assert 'hreflang="en" lang="en" rel="alternate">English</a>' in russian
    assert '<html lang="ru">' in russian and "Свежее" in russian  # drawn in its own language
    assert "hreflang" not in read(root, "2026/02/09/morozy-v-sibiri/").split("<body>")[0]  # no translation


def test_another_language_gets_its_listing_feed_and_search_page_in_its_interface(make_site, run) -> None:
    root = bilingual(make_site)
    assert run(root, "build")[0] == 0
    listing = read(root, "ru/")
    assert '<html lang="ru">' in listing and ">Свежее <" in listing
    assert "Морозы в Сибири" in listing and "Парламент принял бюджет" in listing
    assert "Parliament passes the budget" not in listing
    assert "9 февраля 2026" in listing
    feed = (root / "output/ru/feed.xml").read_text("utf-8")
    assert 'xml:lang="ru"' in feed and "Морозы в Сибири" in feed and "Parliament" not in feed
    assert '<html lang="ru">' in read(root, "ru/search/")
    home = read(root, "")
    assert '<h2 class="teaser-title" lang="ru">' in home  # the site's own listing shows every article


def test_an_unknown_language_is_one_line_naming_the_file(make_site, run) -> None:
    root = bilingual(make_site, {"content/articles/2026/bad.md": article("Bad", "2026-02-10", "Text.",
                                                                          language="klingon")})
    code, _, err = run(root, "build")
    assert code == 1
    assert err.splitlines()[0].startswith("content/articles/2026/bad.md:4: 'language' must be a language tag")


def test_a_translation_added_later_equals_a_fresh_build(make_site, tmp_path) -> None:
    root = bilingual(make_site)
    build(BuildOptions(root=root, out=root / "output"))
    (root / "content/articles/2026/budget-uk.md").write_text(
        article("Парламент ухвалив бюджет", "2026-02-08", "Текст.", language="uk", translation_key="budget"))
    build(BuildOptions(root=root, out=root / "output"))
    build(BuildOptions(root=root, out=tmp_path / "fresh"))  # a folder of its own: a build of its own
    assert pages(root / "output") == pages(tmp_path / "fresh")
    assert 'hreflang="uk"' in read(root, EN_URL) and (root / "output/uk/index.html").is_file()
