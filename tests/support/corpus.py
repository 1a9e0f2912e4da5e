"""corpus: a synthetic news archive of N articles for the scale tests and the benchmarks.

Deterministic for a given seed: realistic length (~5 KB), a Zipf-like spread of topics, tags
and regions, dates over ten years. Usage: python -m benchmarks.corpus DIR N [--seed S] (or
python -m tests.support.corpus, the same).
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
from pathlib import Path

TOPICS = ["Elections", "Conscription", "Diplomacy", "Military", "Economy", "Politics", "Security",
          "Nuclear", "Human Rights", "Immigration", "Health", "Environment", "Technology",
          "Terrorism", "Scandals", "Trade", "Energy", "Courts", "Press Freedom", "Education"]
REGIONS = ["Russia", "Ukraine", "United States", "China", "Japan", "Iran", "Israel", "India",
           "Germany", "France", "United Kingdom", "Brazil", "Turkey", "Poland", "South Korea",
           "North Korea", "Nigeria", "Egypt", "Mexico", "Indonesia", "Pakistan", "Kenya",
           "Argentina", "Canada", "Australia", "Syria", "Iraq", "Saudi Arabia", "Ethiopia",
           "South Africa", "Italy", "Spain", "Vietnam", "Philippines", "Colombia", "Yemen"]
SOURCES = ["The Associated Press", "Reuters", "AFP", "Voice of America", "BBC", "Al Jazeera"]
WORDS = ("government minister officials said talks agreement security forces parliament vote "
         "election president capital border troops sanctions economy inflation budget court "
         "ruling protest police statement report region spokesman military deal alliance energy "
         "prices oil gas trade exports ceasefire negotiations humanitarian aid refugees camp "
         "opposition coalition leader campaign candidate results ballots turnout analysts "
         "investors markets currency central bank interest rates growth forecast").split()


def zipf_pick(rng: random.Random, items: list[str], count: int) -> list[str]:
    """`count` distinct items, the first ones far more often than the last."""
    weights = [1 / (rank + 1) for rank in range(len(items))]
    chosen: list[str] = []
    while len(chosen) < min(count, len(items)):
        item = rng.choices(items, weights)[0]
        if item not in chosen:
            chosen.append(item)
    return chosen


START, DAYS = dt.date(2015, 1, 1), 3650  # the archive's ten years


def paragraph(rng: random.Random, sentences: int) -> str:
    out = []
    for _ in range(sentences):
        words = rng.choices(WORDS, k=rng.randint(12, 24))
        out.append(" ".join(words).capitalize() + ".")
    return " ".join(out)


def article_text(rng: random.Random, n: int, start: dt.date = START, days: int = DAYS) -> tuple[str, str]:
    """(relative path, file text) of article number n, dated within `days` from `start`."""
    day = start + dt.timedelta(days=rng.randrange(days))
    title = f"{' '.join(rng.choices(WORDS, k=rng.randint(5, 9))).capitalize()} {n}"
    slug = f"story-{n}"
    tags = zipf_pick(rng, [f"Tag {i}" for i in range(400)], rng.randint(1, 4))
    front = [
        "---", f"title: \"{title}\"", f"date: {day.isoformat()}", f"slug: {slug}",
        f"topics: [{', '.join(zipf_pick(rng, TOPICS, rng.randint(1, 3)))}]",
        f"tags: [{', '.join(tags)}]",
        f"regions: [{', '.join(zipf_pick(rng, REGIONS, rng.randint(1, 2)))}]",
        f"source: {rng.choice(SOURCES)}", "---", "",
    ]
    body = []
    for i in range(rng.randint(7, 10)):
        if i == 4:
            body.append("## " + " ".join(rng.choices(WORDS, k=3)).capitalize())
        body.append(paragraph(rng, rng.randint(2, 4)))
    return f"{day:%Y/%m}/{slug}.md", "\n".join(front) + "\n\n".join(body) + "\n"


def write_corpus(root: Path, count: int, seed: int = 7, first: int = 0, day: dt.date | None = None) -> list[Path]:
    """Write articles number `first` .. `first + count - 1` under root/content/articles, dated
    over ten years, or all on `day` (a day's news)."""
    rng = random.Random(seed * 1_000_003 + first)
    written = []
    for n in range(first, first + count):
        relpath, text = article_text(rng, n) if day is None else article_text(rng, n, day, 1)
        path = root / "content" / "articles" / relpath
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        written.append(path)
    return written


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("root", type=Path)
    parser.add_argument("count", type=int)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    write_corpus(args.root, args.count, args.seed)
    (args.root / "site.toml").write_text('title = "Benchmark Archive"\nbase_url = "https://example.org/"\n')
    print(f"wrote {args.count} articles under {args.root / 'content/articles'}")


if __name__ == "__main__":
    main()
