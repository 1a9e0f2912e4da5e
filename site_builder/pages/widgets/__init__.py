"""widgets: what the templates draw besides text: charts, the world map, structured data."""

from __future__ import annotations


def svg_number(value: float) -> str:
    """A coordinate to one decimal, without trailing zeros: smaller pages, same picture."""
    text = f"{value:.1f}".rstrip("0").rstrip(".")
    return "0" if text == "-0" else text
