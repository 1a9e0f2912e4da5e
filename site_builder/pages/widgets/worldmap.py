"""worldmap: the regions taxonomy -> an inline SVG world map, each country shaded by its
article count and linked to its region page, as escaped, safe markup."""

from __future__ import annotations

import functools
import json
import math
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import NamedTuple

from markupsafe import Markup, escape

from site_builder.model import Taxonomy, Term
from site_builder.pages.language import ENGLISH, Language
from site_builder.pages.widgets import svg_number
from site_builder.pages.widgets.countries import country_code, latlng
from site_builder.pages.words import counted
from site_builder.regular import read_regular

# Equirectangular, cropped to the inhabited latitudes (Antarctica is not in the data).
WIDTH, NORTH, SOUTH = 1000, 84.0, -57.0
SCALE = WIDTH / 360
HEIGHT = round((NORTH - SOUTH) * SCALE)
MIN_STEP = 1.0  # user units; closer points add bytes, not shape
MIN_AREA = 1.5  # square units; smaller islands vanish, except a country's largest ring
LEVELS = 5


class Shape(NamedTuple):
    name: str
    d: str  # SVG path data, already projected and simplified
    small: bool  # too small to click: it gets a marker as well


MAP_LABEL = "World map: countries shaded by number of articles, each linked to its page"


def world_map(taxonomy: Taxonomy, geometry: Path, link: Callable[[str], str],
              language: Language = ENGLISH) -> Markup:
    """`geometry` is a GeoJSON FeatureCollection of countries (ISO alpha-3 ids); `link` turns a
    site-relative URL into the href this page needs."""
    shapes = load_shapes(geometry)
    shaded = _shaded_terms(taxonomy.terms, shapes)
    peak = max((len(t.articles) for _, t in shaded), default=1)
    linked = {code for code, _ in shaded}
    plain = "".join(s.d for code, s in shapes.items() if code not in linked)
    parts = [
        f'<svg class="world-map" viewBox="0 0 {WIDTH} {HEIGHT}" '
        f'aria-label="{escape(language.gettext(MAP_LABEL))}">',
        f'<path class="land" d="{plain}"/>',
        *(_country(code, term, shapes.get(code), _level(len(term.articles), peak), link, language)
          for code, term in shaded),
        _legend(peak),
        "</svg>",
    ]
    return Markup("".join(parts))


def _shaded_terms(terms: Iterable[Term], shapes: dict[str, Shape]) -> list[tuple[str, Term]]:
    """(alpha-3 code, term) for each term that is a country we can place, by name."""
    found: dict[str, Term] = {}
    for term in terms:
        code = country_code(term.name)
        if code and (code in shapes or latlng(code)) and code not in found:
            found[code] = term
    return sorted(found.items(), key=lambda item: item[1].name)


def _country(code: str, term: Term, shape: Shape | None, level: int,
             link: Callable[[str], str], language: Language) -> str:
    count = len(term.articles)
    label = escape(f"{term.name}: {counted(count, 'article', language=language)}")
    body = f'<path class="m{level}" d="{shape.d}"/>' if shape else ""
    if shape is None or shape.small:
        lat, lng = latlng(code) or (0.0, 0.0)
        x, y = _project(lng, lat)
        body += f'<circle class="m{level} marker" cx="{svg_number(x)}" cy="{svg_number(y)}" r="4"/>'
    return (f'<a href="{escape(link(term.url))}" aria-label="{label}">'
            f"<title>{label}</title>{body}</a>")


def _legend(peak: int) -> str:
    """Five swatches from fewest to most articles; the per-country numbers are in the links."""
    x, y, size = 14, HEIGHT - 34, 16
    swatches = "".join(f'<rect class="m{i}" x="{x + (i - 1) * size}" y="{y}" width="{size}" '
                       f'height="10"/>' for i in range(1, LEVELS + 1))
    return (f'<g class="legend" aria-hidden="true">{swatches}'
            f'<text class="label" x="{x}" y="{y + 24}">1</text>'
            f'<text class="label" x="{x + LEVELS * size}" y="{y + 24}" text-anchor="end">'
            f"{peak}</text></g>")


def _level(count: int, peak: int) -> int:
    """1..LEVELS on a log scale: news coverage is skewed, a linear scale shows only the top."""
    if peak <= 1:
        return LEVELS
    return max(1, min(LEVELS, 1 + round((LEVELS - 1) * math.log(count) / math.log(peak))))


@functools.cache
def load_shapes(geometry: Path) -> dict[str, Shape]:
    """alpha-3 code -> projected, simplified outline; read once per process."""
    collection = json.loads(read_regular(geometry).decode("utf-8"))
    shapes = {}
    for feature in collection["features"]:
        geom = feature["geometry"]
        polygons = geom["coordinates"] if geom["type"] == "MultiPolygon" else [geom["coordinates"]]
        rings = [_simplify([_project(lng, lat) for lng, lat in ring])
                 for polygon in polygons for ring in polygon]
        rings = [r for r in rings if len(r) >= 3]
        if not rings:
            continue
        largest = max(rings, key=lambda r: abs(_area(r)))
        kept = [r for r in rings if r is largest or abs(_area(r)) >= MIN_AREA]
        small = abs(_area(largest)) < 12  # about a 3x4 px target on a desktop screen
        shapes[feature["id"]] = Shape(feature["properties"]["name"], "".join(map(_path, kept)), small)
    return shapes


def _project(lng: float, lat: float) -> tuple[float, float]:
    return (lng + 180) * SCALE, (NORTH - lat) * SCALE


def _simplify(ring: list[tuple[float, float]]) -> list[tuple[float, float]]:
    kept = [ring[0]]
    for point in ring[1:]:
        if math.dist(point, kept[-1]) >= MIN_STEP:
            kept.append(point)
    return kept


def _area(ring: list[tuple[float, float]]) -> float:
    return sum(x1 * y2 - x2 * y1 for (x1, y1), (x2, y2) in zip(ring, ring[1:] + ring[:1])) / 2


def _path(ring: list[tuple[float, float]]) -> str:
    """Relative moves between rounded points: short, and rounding errors do not add up."""
    points = [(round(x, 1), round(y, 1)) for x, y in ring]
    steps = [(x2 - x1, y2 - y1) for (x1, y1), (x2, y2) in zip(points, points[1:])]
    return f"M{_numbers(points[0])}l{_numbers(v for step in steps for v in step)}z"


def _numbers(values: Iterable[float]) -> str:
    """SVG path numbers, tersely: '.5' for '0.5', and no space before a minus sign."""
    out = ""
    for value in values:
        text = svg_number(value).replace("0.", ".", 1) if abs(value) < 1 else svg_number(value)
        out += text if not out or text.startswith("-") else " " + text
    return out
