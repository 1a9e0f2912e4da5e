"""Press releases and agency copy in the two raw formats: every field of every article in
tests/importer/dumps/releases/ against what an editor wrote down for it (expected.toml), as one score."""

from __future__ import annotations

import tomllib
from pathlib import Path

import frontmatter
from tests.support.importer import DUMPS, run_import

RELEASES = DUMPS / "releases"
# The share of checks the importer must get right; the misses are printed whatever the score.
MIN_SCORE = 0.97


def _expected() -> list[dict]:
    return tomllib.loads((RELEASES / "expected.toml").read_text(encoding="utf-8"))["article"]


def _checks(expected: dict, post: frontmatter.Post) -> list[tuple[str, bool, object]]:
    """(field, right?, what the importer wrote) for every field the editor wrote down."""
    image = post.get("image") or {}
    got = {
        "title": post.get("title", ""), "date": str(post.get("date") or ""), "source": post.get("source", ""),
        "regions": sorted(post.get("regions", [])), "authors": post.get("authors", []),
        "caption": image.get("caption", ""), "credit": image.get("credit", ""),
        "headings": [line[3:] for line in post.content.splitlines() if line.startswith("## ")],
        "body_starts": post.content[:80],
        "absent": [text for text in expected.get("absent", []) if text in post.content],
        "present": [text for text in expected.get("present", []) if text not in post.content],
    }
    checks = []
    for field, value in expected.items():
        if field in ("file", "n") or field == "title" and value == "":
            continue
        if field == "regions":
            right = got[field] == sorted(value)
        elif field == "body_starts":
            right = post.content.startswith(value)
        elif field in ("absent", "present"):
            right = not got[field]  # the strings that should not be there, or are missing
        else:
            right = got[field] == value
        checks.append((field, right, got[field]))
    return checks


def test_release_corpus_score(tmp_path):
    expected = _expected()
    files = sorted({entry["file"] for entry in expected})
    report = run_import(tmp_path, *(RELEASES / name for name in files))
    assert [(f.dump.name, f.message) for f in report.failures] == []
    by_file: dict[str, list[Path]] = {}
    for article in report.articles:
        by_file.setdefault(article.dump.name, []).append(article.path)
    results = []
    for entry in expected:
        post = frontmatter.load(str(by_file[entry["file"]][entry.get("n", 1) - 1]))
        results += [(entry["file"], entry.get("n", 1), *check) for check in _checks(entry, post)]
    misses = [f"{name} #{n} {field}: got {got!r}" for name, n, field, right, got in results if not right]
    score = 1 - len(misses) / len(results)
    print(f"release corpus: {len(results) - len(misses)}/{len(results)} checks right ({score:.3f})")
    print("\n".join(misses))
    assert score >= MIN_SCORE, "\n".join(misses)


def test_every_expected_article_is_found(tmp_path):
    expected = _expected()
    counts: dict[str, int] = {}
    for entry in expected:
        counts[entry["file"]] = max(counts.get(entry["file"], 0), entry.get("n", 1))
    report = run_import(tmp_path, *(RELEASES / name for name in sorted(counts)))
    found: dict[str, int] = {}
    for article in report.articles:
        found[article.dump.name] = found.get(article.dump.name, 0) + 1
    assert found == counts
