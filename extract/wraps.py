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


TIGHT = 0.5  # points: a next word this close to the cell's edge either way may have fitted the producer, or not


def line_breaks(words: list[dict[str, Any]], box: Box) -> str:
    """One letter per break between the cell's lines (``""`` for a one-line or empty cell): ``n`` a new
    line started where the next word had room, ``w`` the text wrapped, ``?`` too close to tell."""
    return lines_to_breaks(group_lines(words_in_box(words, box)), box)


def lines_to_breaks(lines: list[list[dict[str, Any]]], box: Box) -> str:
    """As ``line_breaks``, for the cell's words already grouped into lines."""
    if len(lines) < 2:
        return ""
    # Text is set inside the cell with equal padding either side: measure it on the left.
    padding = max(0.0, min(line[0]["x0"] for line in lines) - box[0])
    right = box[2] - padding
    out = []
    for above, below in zip(lines, lines[1:]):
        first = below[0]
        space = 0.28 * (first["bottom"] - first["top"])
        room = right - (above[-1]["x1"] + space + (first["x1"] - first["x0"]))
        # Within half a point either way the page cannot say: the producer's own metrics (kerning, hinting,
        # a space's width) decide (LibreOffice wrapped "Rural / Community" 0.3 pt over by ours, reportlab
        # "Housing / Strategy" 0.1 pt under).
        out.append("n" if room >= TIGHT else "w" if room < -TIGHT else "?")
    return "".join(out)


def line_breaks_between(words: list[dict[str, Any]], box: Box, wide: Box, right: float | None = None) -> str:
    """As ``line_breaks``, where a cell's right edge is known only to lie between ``box``'s and ``wide``'s
    (a table without rules): ``n`` where the next word fits even the narrower cell, ``w`` where it would
    not fit the wider one, ``?`` where the page cannot tell. ``right``: where the text must wrap, as
    measured (``measured_rights``), known to a point either way."""
    if right is not None and box[2] - 0.5 <= right <= wide[2]:
        box, wide = (box[0], box[1], right - 1.0, box[3]), (box[0], box[1], right + 1.0, box[3])
    narrow, broad = line_breaks(words, box), line_breaks(words, wide)
    return "".join(a if a == b else "?" for a, b in zip(narrow, broad))


def measured_rights(body: list[dict[str, Any]], edges: list[float], text_left: list[float],
                    ends: tuple[float, float] | None, most_pad: float = 12.0) -> list[float | None]:
    """Where each column's text must wrap, in a table with no rules between columns. Cells are padded
    alike on both sides, and the table's rules show the padding: the first column's text starts that far
    inside the rules' left end. A column's text then wraps a padding short of where the next column
    starts, which is a padding before that column's text where its lines start at one x (set left; a
    centred or right-set column says nothing); the last column's, a padding inside the rules' right end.
    None where not known."""
    n = len(edges) - 1
    if ends is None or not 0.5 <= text_left[0] - ends[0] <= most_pad:
        return [None] * n
    pad = text_left[0] - ends[0]
    lines = group_lines(body)
    rights: list[float | None] = []
    for c in range(n):
        if c == n - 1:
            rights.append(ends[1] - pad)
            continue
        starts = [min(w["x0"] for w in ln if edges[c + 1] <= w["x0"] < edges[c + 2]) for ln in lines
                  if any(edges[c + 1] <= w["x0"] < edges[c + 2] for w in ln)]
        aligned = sum(1 for x in starts if abs(x - text_left[c + 1]) <= 0.6)
        rights.append(text_left[c + 1] - 2 * pad if aligned >= max(3, len(starts) // 2) else None)
    return rights
