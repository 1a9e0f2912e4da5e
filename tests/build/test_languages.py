"""Archives in any language: headlines and term names in any script get working URLs of their own,
transliterated or kept in their script, and names that would share a page are refused."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import quote

from site_builder.links import find_broken_links
from tests.support.sites import SITE_TOML, article

CYRILLIC = "Москва: новости дня"


def site_files(make_site, config: str = SITE_TOML) -> Path:
    return make_site({
        "content/articles/2024/12/moscow.md": article(CYRILLIC, "2024-12-04", "Текст статьи.",
                                                      tags="[Путин, 习近平, C++, C, C#]"),
        "content/articles/2024/12/beijing.md": article("北京新闻", "2024-12-03", "文章。", tags="[习近平]"),
    }, config)


def test_a_headline_in_any_script_builds_and_is_linked_from_the_home_page(make_site, run) -> None:
    root = site_files(make_site)
    code, _, err = run(root, "build")
    assert code == 0, err
    out = root / "output"
    assert (out / "2024/12/04/moskva-novosti-dnya/index.html").is_file()
    assert (out / "2024/12/03/beijingxinwen/index.html").is_file()
    home = (out / "index.html").read_text(encoding="utf-8")
    assert 'href="2024/12/04/moskva-novosti-dnya/"' in home and CYRILLIC.split(":")[0] in home


def test_names_in_other_scripts_and_with_symbols_get_pages_of_their_own(make_site, run) -> None:
    root = site_files(make_site)
    assert run(root, "build")[0] == 0
    tags = sorted(p.name for p in (root / "output/tags").iterdir() if p.is_dir())
    assert tags == ["c", "c-plus-plus", "c-sharp", "putin", "xijinping"]
    xi = (root / "output/tags/xijinping/index.html").read_text(encoding="utf-8")
    assert "北京新闻" in xi and CYRILLIC in xi  # one name, one page, both articles
    assert not (root / "output/tags/untitled").exists()


def test_unicode_slugs_keep_the_script_in_paths_and_percent_encode_links(make_site, run) -> None:
    root = site_files(make_site, SITE_TOML + 'slugs = "unicode"\n')
    assert run(root, "build")[0] == 0
    out = root / "output"
    assert (out / "2024/12/04/москва-новости-дня/index.html").is_file()
    assert (out / "tags/путин/index.html").is_file() and (out / "tags/习近平/index.html").is_file()
    home = (out / "index.html").read_text(encoding="utf-8")
    assert f'href="{quote("2024/12/04/москва-новости-дня/")}"' in home
    assert list(find_broken_links(out)) == []
    sitemap = (out / "sitemap-2024.xml").read_text(encoding="utf-8")
    assert "https://example.org/archive/2024/12/04/%D0%BC%D0%BE%D1%81%D0%BA%D0%B2%D0%B0" in sitemap
    # From disk, every link ends in index.html and still resolves.
    assert run(root, "build", "--local", "--out", str(root / "local"))[0] == 0
    assert list(find_broken_links(root / "local")) == []


def test_two_names_that_would_share_a_page_are_refused_naming_both_files(make_site, run) -> None:
    root = make_site({
        "content/articles/2024/12/a.md": article("One", "2024-12-04", "Text.", tags="[Путин]"),
        "content/articles/2024/12/b.md": article("Two", "2024-12-03", "Text.", tags="[Putin]"),
    })
    (root / "output").mkdir()
    code, _, err = run(root, "build")
    assert code == 1
    assert ("content/articles/2024/12/b.md: tag 'Putin' and 'Путин' (content/articles/2024/12/a.md) would share "
            "the page /tags/putin/: spell them alike or rename one; set slugs = \"unicode\" to keep each script") in err
    assert list((root / "output").iterdir()) == []


def test_case_and_spacing_are_spellings_of_one_name(make_site, run) -> None:
    root = make_site({
        "content/articles/2024/12/a.md": article("One", "2024-12-04", "Text.", tags="[NATO]"),
        "content/articles/2024/12/b.md": article("Two", "2024-12-03", "Text.", tags="[Nato]"),
        "content/articles/2024/12/c.md": article("Three", "2024-12-02", "Text.", tags="[NATO]"),
    })
    assert run(root, "build")[0] == 0
    page = (root / "output/tags/nato/index.html").read_text(encoding="utf-8")
    assert page.count('class="teaser') >= 2 or "Three" in page  # one page lists them all
    assert all(title in page for title in ("One", "Two"))


def test_new_takes_a_headline_in_any_script(make_site, run) -> None:
    root = make_site()
    for headline, slug in ((CYRILLIC, "moskva-novosti-dnya"), ("Ελλάδα: εκλογές", "ellada-ekloges"),
                           ("الانتخابات في مصر", "lntkhbt-fy-msr")):
        code, out, _ = run(root, "new", headline)
        assert code == 0 and f"/{slug}.md" in out
    text = next((root / "content/articles").rglob("moskva-novosti-dnya.md")).read_text(encoding="utf-8")
    assert f"title: '{CYRILLIC}'" in text or f"title: {CYRILLIC}" in text or f'title: "{CYRILLIC}"' in text
