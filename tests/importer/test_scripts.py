"""Copy in any script: the importer keeps a Cyrillic, Arabic or Chinese headline as it is and
writes a slug that works as a URL, and the site builds from what it wrote."""

from site_builder.cli import main
from tests.support.importer import posts, run_import
from tests.support.sites import SITE_TOML

RUSSIAN = """\
Парламент принял бюджет на 2026 год

Депутаты Государственной думы приняли бюджет после долгих дебатов, сообщили в парламенте.

Документ предусматривает рост расходов на оборону и субсидии для регионов, заявил председатель комитета.
"""
ARABIC = """\
البرلمان يقر ميزانية العام الجديد

أقر البرلمان ميزانية العام الجديد بعد نقاش طويل استمر حتى الفجر، وفق ما أعلنه رئيس المجلس.

وقال وزير المالية إن الميزانية تركز على الصحة والتعليم وتدعم المشاريع الصغيرة في المحافظات.
"""


def test_headlines_in_any_script_are_kept_and_get_working_slugs(tmp_path) -> None:
    dumps = []
    for name, text in (("ru.txt", RUSSIAN), ("ar.txt", ARABIC)):
        dumps.append(tmp_path / name)
        dumps[-1].write_text(text, encoding="utf-8")
    report = run_import(tmp_path, *dumps)
    assert not report.failures
    russian, arabic = posts(report)
    assert russian["title"] == "Парламент принял бюджет на 2026 год"
    assert russian["slug"] == "parlament-prinyal-byudzhet-na-2026-god"
    assert arabic["title"] == "البرلمان يقر ميزانية العام الجديد"
    assert arabic["slug"] == "lbrlmn-yqr-myznyh-lm-ljdyd"
    # Undated (the importer reads English dates), they are drafts until an editor dates them.
    for article in report.articles:
        text = article.path.read_text(encoding="utf-8").replace("draft: true", "date: 2024-03-05", 1)
        article.path.write_text(text, encoding="utf-8")
    (tmp_path / "site.toml").write_text(SITE_TOML, encoding="utf-8")
    assert main(["--root", str(tmp_path), "build"]) == 0
    for slug, title in ((russian["slug"], russian["title"]), (arabic["slug"], arabic["title"])):
        page = tmp_path / "output" / "2024/03/05" / slug / "index.html"
        assert title in page.read_text(encoding="utf-8")
