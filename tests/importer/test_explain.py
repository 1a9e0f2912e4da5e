"""`import --explain`: every field's provenance (dump line and rule) as the importer decided it; nothing written."""

from site_builder.importer import explain_dumps
from tests.support.importer import DUMPS, SEEDS


def _records(article, field):
    return [(record.line, record.value) for record in article.provenance if record.field == field]


def test_wire_fields_point_at_their_lines():
    japan = explain_dumps([SEEDS / "002_4f3b0adaa9813eb7.txt"]).articles[2]
    assert _records(japan, "title") == [(133, japan.headline)]
    assert _records(japan, "caption")[0][0] == 135
    assert [line for line, _ in _records(japan, "subheadings")] == [162, 174, 190]
    assert [value for _, value in _records(japan, "subheadings")] == ["Popular leader", "Takaichi's policies",
                                                                       "Divisive policies"]


def test_briefing_analysis_and_body_start_are_explained():
    (article,) = explain_dumps([DUMPS / "briefing_single_sentence_body.txt"]).articles
    analysis = [record for record in article.provenance if record.field == "analysis"]
    assert [record.line for record in analysis] == [1, 2, 3, 4]
    assert analysis[-1].value == "(the body starts here)" and "a date" in analysis[-1].rule
    assert _records(article, "date") == [(4, "2024-10-28")]
    assert _records(article, "title")[0][0] == 4


def test_headline_source_and_dropped_labels_are_explained():
    voa = explain_dumps([DUMPS / "wire_publisher_in_headline.txt"]).articles[0]
    (source,) = [record for record in voa.provenance if record.field == "source"]
    assert (source.value, source.line) == ("Voice of America", 1) and "'VOA Interview:'" in source.rule
    labels = explain_dumps([DUMPS / "wire_media_labels.txt"]).articles[0]
    dropped = [(r.line, r.rule) for r in labels.provenance if r.field == "body"]
    assert dropped == [(14, "dropped: media or link label"), (18, "dropped: media or link label"),
                       (26, "dropped: media or link label")]


def test_cli_explain_prints_and_writes_nothing(tmp_path, run):
    code, out, err = run(tmp_path, "import", "--explain", str(DUMPS / "wire_media_labels.txt"))
    assert code == 0 and err == ""
    assert out.splitlines()[0].endswith("wire_media_labels.txt #1: "
                                        "Ukraine's Foreign Minister Urges Allies to Speed Up Air Defense Deliveries")
    assert "  source       line 12   The Associated Press" in out
    assert not (tmp_path / "content").exists()


def test_cli_explain_reports_an_unreadable_dump(tmp_path, run):
    code, _, err = run(tmp_path, "import", "--explain", str(DUMPS / "binary.txt"))
    assert code == 1 and err == f"{DUMPS / 'binary.txt'}: cannot be read: binary file\n"
