"""A small archive in Arabic (right to left), one article with a Russian translation: for the
browser, HTML and quality checks of sites in other languages."""

from __future__ import annotations

from pathlib import Path

from tests.support.sites import article, write_site

ARABIC_TOML = """\
title = "أرشيف الأخبار"
description = "أخبار العالم يومًا بيوم"
base_url = "https://example.org/ar/"
language = "ar"
timezone = "Asia/Riyadh"
articles_per_page = 4
search = false
"""
HEADLINES = (
    "البرلمان يقر ميزانية العام الجديد بعد نقاش طويل", "ارتفاع أسعار النفط مع تراجع المخزونات",
    "محادثات السلام تستأنف في جنيف الأسبوع المقبل", "المنتخب الوطني يتأهل إلى نهائي كأس آسيا",
    "موجة حر تضرب المنطقة وتحذيرات من الجفاف", "افتتاح أكبر محطة للطاقة الشمسية في الشرق الأوسط",
    "البنك المركزي يبقي أسعار الفائدة دون تغيير", "انتخابات بلدية تشهد إقبالًا واسعًا من الناخبين",
)
TAGS = ("اقتصاد", "سياسة", "رياضة", "طاقة", "مناخ")
REGIONS = ("Egypt", "Jordan", "Saudi Arabia", "Qatar")
# The first headline's page, and its Russian translation's.
BUDGET_URL = "2026/01/03/lbrlmn-yqr-myznyh-lm-ljdyd-bd-nqsh-twyl/"
RUSSIAN_URL = "2026/01/03/parlament-utverdil-byudzhet/"


def write_arabic(root: Path, config: str = ARABIC_TOML) -> Path:
    files = {}
    for i, headline in enumerate(HEADLINES):
        body = (f"قال مسؤولون يوم الثلاثاء إن {headline}، في خطوة وصفها المراقبون بأنها مهمة.\n\n"
                "وأضاف المتحدث أن العمل سيستمر خلال الأشهر المقبلة، وأن النتائج الأولى ستظهر قريبًا.")
        extra = {"translation_key": "budget"} if i == 0 else {}
        files[f"content/articles/2026/a{i}.md"] = article(
            headline, f"2026-0{1 + i % 3}-{3 + i * 3:02d}T1{i}:30:00", body,
            tags=f"[{TAGS[i % 5]}, {TAGS[(i + 1) % 5]}]", topics=f"[{TAGS[i % 5]}]",
            regions=f"[{REGIONS[i % 4]}]", source="وكالة الأنباء", **extra)
    files["content/articles/2026/budget-ru.md"] = article(
        "Парламент утвердил бюджет", "2026-01-03T10:30:00", "Парламент утвердил бюджет после долгих дебатов.",
        language="ru", translation_key="budget", tags="[Экономика]")
    return write_site(root, files, config)
