"""The importer's defects from the reliability review (S4, M5), each with its reproduction."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from importer_helpers import SEEDS, run_import



MAX_DUMP_BYTES = 20 * 1024 * 1024
_RUSSIA_KEY = "content/raw/evil.txt#new-russian-campaign-tries-to-entice-men-to-fight-in-ukraine#1"


def _project(tmp_path: Path, record: object) -> tuple[Path, Path]:
    """A project with the wire seed as content/raw/evil.txt and the given import record; (dump, record path)."""
    (tmp_path / "site.toml").write_text('title = "T"\nbase_url = "https://example.org/"\n')
    raw = tmp_path / "content" / "raw"
    raw.mkdir(parents=True)
    dump = raw / "evil.txt"
    dump.write_bytes((SEEDS / "002_4f3b0adaa9813eb7.txt").read_bytes())
    articles = tmp_path / "content" / "articles"
    articles.mkdir()
    record_path = articles / ".imported.json"
    record_path.write_text(record if isinstance(record, str) else json.dumps(record))
    return dump, record_path


@pytest.mark.parametrize("rel", ["../../../escaped-by-import.md", "/tmp/escaped-by-import.md",
                                 "2024/01/../../../../escaped-by-import.md", "2024/01/x.md/../../../../y.md",
                                 "../site.toml"])
def test_s4_import_record_cannot_write_outside_articles(tmp_path, run, rel):
    dump, record_path = _project(tmp_path, {"version": 1, "articles": {rel: {"key": _RUSSIA_KEY, "sha256": "0" * 64}}})
    before = {p: p.read_bytes() for p in tmp_path.rglob("*") if p.is_file()}
    code, out, err = run(tmp_path, "import", str(dump))
    assert code == 1
    assert err == (f"{record_path}: entry {json.dumps(rel)}: not a path the importer writes "
                   "(YYYY/MM/<slug>.md or undated/<slug>.md inside content/articles/); nothing imported\n")
    assert not (tmp_path.parent.parent / "escaped-by-import.md").exists()
    assert {p: p.read_bytes() for p in tmp_path.rglob("*") if p.is_file()} == before


def test_s4_a_symlinked_folder_in_articles_is_not_followed_out(tmp_path):
    outside = tmp_path / "outside"
    outside.mkdir()
    articles = tmp_path / "content" / "articles"
    (articles / "2023").mkdir(parents=True)
    (articles / "2023" / "03").symlink_to(outside, target_is_directory=True)
    report = run_import(tmp_path, SEEDS / "002_4f3b0adaa9813eb7.txt")
    assert list(outside.iterdir()) == []
    (failure,) = report.failures
    assert failure.message.endswith(f"refusing to write outside {articles}")


@pytest.mark.parametrize(("text", "message"), [
    ('{"version": 1, "articles": []}', 'the import record must be an object with an "articles" object mapping '
                                        'article paths to {"key", "sha256"}'),
    ("[1, 2]", 'the import record must be an object with an "articles" object mapping article paths to '
               '{"key", "sha256"}'),
    ('{"version": 1, "articles": {"2024/01/a.md": "x"}}', 'entry "2024/01/a.md": must be an object with a string '
                                                          '"key"; nothing imported'),
    ('{"version": 1, "articles": {"2024/01/a.md": {"key": "k", "sha256": 5}}}',
     'entry "2024/01/a.md": its "sha256" must be 64 hex digits; nothing imported'),
    ('{"version": 1, "articles": {', "the import record is not valid JSON: Expecting property name enclosed in "
                                     "double quotes: line 1 column 29 (char 28)"),
])
def test_m5_import_record_of_the_wrong_shape_is_one_line(tmp_path, run, text, message):
    dump, record_path = _project(tmp_path, text)
    code, out, err = run(tmp_path, "import", str(dump))
    assert (code, err) == (1, f"{record_path}: {message}\n")
    assert "internal error" not in out + err
    assert record_path.read_text() == text
