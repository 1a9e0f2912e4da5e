"""The importer's defects from the reliability review (S4, S6, M5, M12), each with its reproduction."""

from __future__ import annotations

import hashlib
import json
import os
import threading
import time
from pathlib import Path

import pytest
from tests.support.importer import DUMPS, SEEDS, run_import

from site_builder.importer import import_dumps

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


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")
def test_s6_a_fifo_is_reported_unreadable_and_never_opened(tmp_path):
    raw = tmp_path / "content" / "raw"
    raw.mkdir(parents=True)
    fifo = raw / "pipe.txt"
    os.mkfifo(fifo)
    good = raw / "good.txt"
    good.write_bytes((DUMPS / "getty_afp_dateline.txt").read_bytes())
    result: dict[str, object] = {}
    worker = threading.Thread(target=lambda: result.update(
        report=import_dumps([fifo, good], tmp_path / "content" / "articles")), daemon=True)
    worker.start()
    worker.join(20)
    if worker.is_alive():  # the import hangs in open(): let it go by opening the other end
        with open(fifo, "wb"):
            pass
        worker.join(5)
        pytest.fail("import hung on a FIFO")
    report = result["report"]
    assert [(f.dump, f.message) for f in report.failures] == [
        (fifo, "cannot be read: not a regular file (a pipe, device or socket)")]
    assert len(report.articles) == 1


def test_s6_a_device_is_reported_unreadable(tmp_path):
    # /dev/null, not /dev/zero: on the code as it was, /dev/zero filled the memory.
    report = import_dumps([Path("/dev/null")], tmp_path / "content" / "articles")
    assert [f.message for f in report.failures] == ["cannot be read: not a regular file (a pipe, device or socket)"]


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


def test_m12_a_dump_over_the_size_limit_is_refused_and_the_others_imported(tmp_path, run):
    dump, _ = _project(tmp_path, '{"version": 1, "articles": {}}')
    huge = dump.parent / "huge.txt"
    article = (SEEDS / "002_4f3b0adaa9813eb7.txt").read_bytes()
    huge.write_bytes(article * (MAX_DUMP_BYTES // len(article) + 1))
    code, out, err = run(tmp_path, "import", str(huge), str(dump))
    assert code == 1
    assert err == f"{huge}: cannot be read: too large ({huge.stat().st_size / 1024 / 1024:.1f} MB; the limit is 20 MB)\n"
    assert out.splitlines()[-1] == "4 articles from 1 file; 1 file could not be read."


def _numbered_dump(path: Path, count: int) -> Path:
    """The wire seed's first article `count` times, each with a headline of its own."""
    lines = (SEEDS / "002_4f3b0adaa9813eb7.txt").read_text(encoding="utf-8").split("\n")
    end = next(i for i, line in enumerate(lines) if line.startswith("Israel"))
    article, headline = "\n".join(lines[:end]), lines[0]
    path.write_text("\n\n".join(article.replace(headline, f"{headline} {n}") for n in range(count)), encoding="utf-8")
    return path


@pytest.mark.slow
def test_m12_a_thousand_article_dump_imports_in_linear_time(tmp_path, monkeypatch):
    hashed = []
    real_sha256 = hashlib.sha256
    monkeypatch.setattr(hashlib, "sha256", lambda data=b"": hashed.append(len(data)) or real_sha256(data))
    timings = {}
    for count in (100, 1000):
        dump = _numbered_dump(tmp_path / f"dump{count}.txt", count)
        hashed.clear()
        start = time.process_time()
        report = import_dumps([dump], tmp_path / f"articles{count}")
        timings[count] = time.process_time() - start
        assert len(report.articles) == count and not report.failures
    written = sum(article.path.stat().st_size for article in report.articles)
    # Each byte hashed once (the dump for the articles' origin, each article as written), not
    # the whole dump once per article; and ten times the articles, about ten times the work.
    assert sum(hashed) <= dump.stat().st_size + written
    assert timings[1000] < 15 * timings[100], timings
