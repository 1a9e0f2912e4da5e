from pathlib import Path

import pytest

from site_builder.config import Config, load_config
from site_builder.content.markup import extension_problems
from site_builder.errors import ContentError


def test_missing_site_toml_means_defaults(tmp_path: Path) -> None:
    assert load_config(tmp_path) == Config()


def test_values_are_read_and_base_url_gets_a_trailing_slash(tmp_path: Path) -> None:
    (tmp_path / "site.toml").write_text(
        'title = "Wire"\nbase_url = "https://example.org/news"\ntimezone = "Asia/Tokyo"\n'
        "articles_per_page = 5\nlocal = true\n"
    )
    config = load_config(tmp_path)
    assert (config.title, config.base_url, config.articles_per_page, config.local) == (
        "Wire", "https://example.org/news/", 5, True)
    assert str(config.tz) == "Asia/Tokyo"


def test_unknown_keys_and_bad_values_are_reported_together(tmp_path: Path) -> None:
    (tmp_path / "site.toml").write_text(
        'title = "Wire"\ncolour = "red"\narticles_per_page = "ten"\ntimezone = "Mars/Olympus"\n'
        'base_url = "example.org"\n'
    )
    with pytest.raises(ContentError) as caught:
        load_config(tmp_path)
    messages = [str(p) for p in caught.value.problems]
    assert messages == [
        "site.toml:2: unknown key 'colour' (known: articles_per_page, base_url, build, deploy, description, "
        "language, local, markdown, menu, min_articles_for_tag_page, news_sitemap, search, search_shard_size, slugs, theme, timezone, "
        "title, trust_raw_html)",
        "site.toml:3: 'articles_per_page' must be a int, not str",
        "site.toml:4: unknown timezone 'Mars/Olympus'",
        "site.toml:5: 'base_url' must start with http:// or https:// and a host",
    ]


def test_invalid_toml_names_the_line(tmp_path: Path) -> None:
    (tmp_path / "site.toml").write_text('title = "Wire"\ntheme = \n')
    with pytest.raises(ContentError) as caught:
        load_config(tmp_path)
    (problem,) = caught.value.problems
    assert str(problem).startswith("site.toml:2: invalid TOML")


def test_the_markdown_table_is_read(tmp_path: Path) -> None:
    (tmp_path / "site.toml").write_text(
        '[markdown]\nengine = "python-markdown"\nextensions = ["admonition", "pymdownx.tilde"]\n'
        '[markdown.extension_configs."toc"]\npermalink = true\n')
    settings = load_config(tmp_path).markdown
    assert (settings.engine, settings.extensions, settings.extension_configs) == (
        "python-markdown", ("admonition", "pymdownx.tilde"), {"toc": {"permalink": True}})
    assert Config().markdown.engine == "python-markdown"


def test_markdown_problems_are_reported_together_with_their_lines(tmp_path: Path) -> None:
    (tmp_path / "site.toml").write_text(
        'title = "Wire"\n\n[markdown]\nflavour = "github"\nextensions = ["admonition", "nope_ext"]\n\n'
        "[markdown.extension_configs.abbr]\ncolour = 1\n")
    with pytest.raises(ContentError) as caught:
        load_config(tmp_path, check_extensions=extension_problems)
    assert [str(p) for p in caught.value.problems] == [
        "site.toml:4: unknown key 'markdown.flavour' (known: engine, extension_configs, extensions)",
        "site.toml:5: Markdown extension 'nope_ext' cannot be loaded: no module named 'nope_ext' (is it installed?)",
        "site.toml:7: Markdown extension 'abbr' cannot be loaded with these settings: unknown setting 'colour'",
    ]


@pytest.mark.parametrize("table, expected", [
    ('engine = "pandoc"', "site.toml:2: 'markdown.engine' must be one of python-markdown, commonmark"),
    ('extensions = "admonition"', "site.toml:2: 'markdown.extensions' must be a list of names"),
    ('engine = "commonmark"\nextensions = ["admonition"]',
     "site.toml:3: Markdown extensions apply to the python-markdown engine only"),
])
def test_a_bad_markdown_value_names_its_line(tmp_path: Path, table: str, expected: str) -> None:
    (tmp_path / "site.toml").write_text(f"[markdown]\n{table}\n")
    with pytest.raises(ContentError) as caught:
        load_config(tmp_path)
    assert [str(p) for p in caught.value.problems] == [expected]


def test_the_build_table_names_a_scheduler_and_keys_no_cache(tmp_path: Path) -> None:
    (tmp_path / "site.toml").write_text('title = "Wire"\n[build]\nscheduler = "tcp://10.0.0.5:8786"\n')
    config = load_config(tmp_path)
    assert config.build.scheduler == "tcp://10.0.0.5:8786" and Config().build.scheduler == ""
    # Where a site is built does not change it: the cache, keyed by the config's cache_key, stays.
    assert config.cache_key() == Config(title="Wire").cache_key()
    assert config.cache_key() != Config(title="Wire", search=False).cache_key()
    for scheduler in ("local", "tls://scheduler.example.org:8786", "[::1]:8786", "dask-scheduler"):
        (tmp_path / "site.toml").write_text(f'[build]\nscheduler = "{scheduler}"\n')
        assert load_config(tmp_path).build.scheduler == scheduler


def test_build_table_problems_name_their_lines(tmp_path: Path) -> None:
    (tmp_path / "site.toml").write_text('title = "Wire"\n\n[build]\nworkers = 4\nscheduler = "tcp://a b"\n')
    with pytest.raises(ContentError) as caught:
        load_config(tmp_path)
    assert [str(p) for p in caught.value.problems] == [
        "site.toml:4: unknown key 'build.workers' (known: scheduler)",
        "site.toml:5: 'build.scheduler' must be \"local\" or a Dask scheduler's address, such as tcp://host:8786",
    ]
    (tmp_path / "site.toml").write_text('build = "local"\n')
    with pytest.raises(ContentError) as caught:
        load_config(tmp_path)
    assert [str(p) for p in caught.value.problems] == ["site.toml:1: 'build' must be a table"]
