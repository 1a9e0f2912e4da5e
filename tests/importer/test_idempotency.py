"""Re-import writes nothing new; hand edits are kept unless forced, and then backed up."""

from tests.support.importer import DUMPS, SEEDS, run_import


def _snapshot(root):
    return {p: (p.read_bytes(), p.stat().st_mtime_ns) for p in root.rglob("*") if p.is_file()}


def test_second_import_writes_nothing(tmp_path):
    run_import(tmp_path, SEEDS / "002_4f3b0adaa9813eb7.txt", DUMPS / "two_articles_no_tt.txt")
    before = _snapshot(tmp_path / "content" / "articles")
    report = run_import(tmp_path, SEEDS / "002_4f3b0adaa9813eb7.txt", DUMPS / "two_articles_no_tt.txt")
    assert {a.status for a in report.articles} == {"unchanged"}
    assert _snapshot(tmp_path / "content" / "articles") == before


def test_hand_edit_is_kept_then_forced_with_backup(tmp_path):
    first = run_import(tmp_path, DUMPS / "getty_afp_dateline.txt").articles[0]
    edited = first.path.read_text().replace("Greek Wildfire", "Greek Wildfires")
    first.path.write_text(edited)
    again = run_import(tmp_path, DUMPS / "getty_afp_dateline.txt").articles[0]
    assert again.status == "kept (edited by hand)" and first.path.read_text() == edited
    forced = run_import(tmp_path, DUMPS / "getty_afp_dateline.txt", force=True).articles[0]
    backup = first.path.with_name(first.path.name + ".bak")
    assert forced.status == f"overwritten (backup: {backup})"
    assert backup.read_text() == edited and "Greek Wildfires" not in first.path.read_text()


def test_changed_dump_updates_unedited_article(tmp_path):
    dump = tmp_path / "content" / "raw" / "getty_afp_dateline.txt"
    run_import(tmp_path, DUMPS / "getty_afp_dateline.txt")
    dump.write_text(dump.read_text().replace("400 firefighters", "500 firefighters"))
    report = run_import(tmp_path, dump)
    assert report.articles[0].status == "written"
    assert "500 firefighters" in report.articles[0].path.read_text()


def test_slugs_are_unique_against_existing_files(tmp_path):
    run_import(tmp_path, DUMPS / "getty_afp_dateline.txt")
    copy = tmp_path / "content" / "raw" / "copy.txt"
    copy.write_bytes((DUMPS / "getty_afp_dateline.txt").read_bytes())
    report = run_import(tmp_path, copy)
    assert report.articles[0].path.stem == "greek-wildfire-forces-evacuations-near-athens-2"
