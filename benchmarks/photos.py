"""Benchmark: photos. An archive whose every article is a folder with its photo (2000x1300 px,
generated: a scene with some grain, so that it compresses like a photograph), built first with
no cache (each photo made into its six variants) and then again with nothing changed; beside
it, the same archive without photos, to tell the photos' share. Each build runs in a fresh
process; medians of --runs. Usage:

    python -m benchmarks.photos                    # 1,000 photos, 3 runs
    python -m benchmarks.photos --size 200 --runs 1
"""

from __future__ import annotations

import argparse
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from tests.support.corpus import write_corpus

SITE = 'title = "Photos"\nbase_url = "https://example.org/"\nsearch = false\n'


def scene(path: Path, seed: int, width: int = 2000, height: int = 1300) -> None:
    """A photo-like JPEG: sky, sun, buildings, and grain."""
    from PIL import Image, ImageDraw

    rng = random.Random(seed)
    sky = Image.linear_gradient("L").resize((width, height))
    picture = Image.merge("RGB", [sky.point(lambda v, k=k: int(40 + k * 60 + v * (0.5 + k * 0.2))) for k in range(3)])
    draw = ImageDraw.Draw(picture)
    draw.ellipse([width * .7, height * .12, width * .8, height * .12 + width * .1], fill=(255, 228, 150))
    for _ in range(14):
        x, w, h = rng.randrange(width), rng.randint(width // 25, width // 8), rng.randint(height // 5, height // 2)
        shade = rng.randint(30, 110)
        draw.rectangle([x, height - h, x + w, height], fill=(shade, shade + 8, shade + 20))
    grain = Image.effect_noise((width, height), 24).convert("RGB")
    Image.blend(picture, grain, 0.12).save(path, quality=88)


def make_archive(root: Path, size: int, photos: bool) -> None:
    articles = write_corpus(root, size)
    for number, article in enumerate(articles):
        folder = article.with_suffix("")  # story-7.md -> story-7/index.md, its photo beside it
        folder.mkdir()
        text = article.read_text()
        if photos:
            image = "image: {src: photo.jpg, caption: The city at dusk., credit: Benchmarks}"
            text = text.replace("\n---\n", f"\n{image}\n---\n", 1)
            scene(folder / "photo.jpg", number)
        (folder / "index.md").write_text(text)
        article.unlink()
    (root / "site.toml").write_text(SITE)


def timed_build(root: Path) -> float:
    subprocess.run(["sync"], check=False)
    started = time.perf_counter()
    subprocess.run([sys.executable, "-m", "site_builder", "--root", str(root), "build"], check=True,
                   stdout=subprocess.DEVNULL)
    return time.perf_counter() - started


def measure(template: Path, runs: int) -> tuple[list[float], list[float]]:
    first, again = [], []
    for _ in range(runs):
        for made in (".site-builder-cache", "output", ".output.staging"):
            shutil.rmtree(template / made, ignore_errors=True)
        first.append(timed_build(template))
        again.append(timed_build(template))
    return first, again


def _spread(times: list[float]) -> str:
    return f"{statistics.median(times):.2f} s (min {min(times):.2f}, max {max(times):.2f})"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="photos-bench-") as scratch:
        with_photos, without = Path(scratch) / "photos", Path(scratch) / "plain"
        started = time.perf_counter()
        make_archive(with_photos, args.size, True)
        make_archive(without, args.size, False)
        print(f"{args.size} articles with a 2000x1300 photo each, made in {time.perf_counter() - started:.0f} s "
              f"({sum(p.stat().st_size for p in with_photos.rglob('photo.jpg')) / 1e6:.0f} MB of JPEG)")
        for label, root in (("with photos", with_photos), ("without photos", without)):
            first, again = measure(root, args.runs)
            media = sum(p.stat().st_size for p in (root / "output").glob("media/*"))
            print(f"{label:15} first build {_spread(first)}, no change {_spread(again)}; variants {media / 1e6:.0f} MB")


if __name__ == "__main__":
    main()
