"""How a cell's lines meet: ``w`` where the text wrapped (the next line's first word did not fit on the
line above), ``n`` where the author started a new line. Names are printed one per line, so this tells a
long name that wrapped from two names."""
from __future__ import annotations

from typing import Any

from .lines import group_lines

Box = tuple[float, float, float, float]


def words_in_box(words: list[dict[str, Any]], box: Box) -> list[dict[str, Any]]:
    x0, top, x1, bottom = box
    return [w for w in words
            if x0 <= (w["x0"] + w["x1"]) / 2 <= x1 and top <= (w["top"] + w["bottom"]) / 2 <= bottom]


def line_breaks(words: list[dict[str, Any]], box: Box) -> str:
    """One letter per break between the cell's lines (``""`` for a one-line or empty cell)."""
    lines = group_lines(words_in_box(words, box))
    if len(lines) < 2:
        return ""
    # Text is set inside the cell with equal padding either side: measure it on the left.
    padding = max(0.0, min(line[0]["x0"] for line in lines) - box[0])
    right = box[2] - padding
    out = []
    for above, below in zip(lines, lines[1:]):
        first = below[0]
        space = 0.28 * (first["bottom"] - first["top"])
        fits = above[-1]["x1"] + space + (first["x1"] - first["x0"]) <= right + 0.5
        out.append("n" if fits else "w")
    return "".join(out)
