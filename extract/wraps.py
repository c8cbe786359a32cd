"""How a cell's lines meet: ``w`` where the text wrapped (the next line's first word did not fit on the
line above), ``n`` where the author started a new line. Names are printed one per line, so this tells a
long name that wrapped from two names."""
from __future__ import annotations

from typing import Any

from .fills import Box
from .lines import group_lines


def centre_inside(word: dict[str, Any], box: Box, slack: float = 0.0) -> bool:
    """Whether a word's centre lies in ``box`` grown by ``slack`` points: a word belongs where its middle is."""
    x, y = (word["x0"] + word["x1"]) / 2, (word["top"] + word["bottom"]) / 2
    return box[0] - slack <= x <= box[2] + slack and box[1] - slack <= y <= box[3] + slack


def words_in_box(words: list[dict[str, Any]], box: Box) -> list[dict[str, Any]]:
    return [w for w in words if centre_inside(w, box)]


def outside(words: list[dict[str, Any]], boxes: list[Box]) -> list[dict[str, Any]]:
    """Words not inside any of ``boxes`` (tables already read), by the word's centre with 2 pt to spare:
    OCR'd word boxes can stick out of the table that holds them."""
    return [w for w in words if not any(centre_inside(w, b, slack=2.0) for b in boxes)]


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


def line_breaks_between(words: list[dict[str, Any]], box: Box, wide: Box) -> str:
    """As ``line_breaks``, where a cell's right edge is known only to lie between ``box``'s and ``wide``'s
    (a table without rules): ``n`` where the next word fits even the narrower cell, ``w`` where it would
    not fit the wider one, ``?`` where the page cannot tell."""
    narrow, broad = line_breaks(words, box), line_breaks(words, wide)
    return "".join(a if a == b else "?" for a, b in zip(narrow, broad))
