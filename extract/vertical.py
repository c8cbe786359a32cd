"""Text set sideways (a year label turned 90° in a narrow header cell): its glyphs → words that read in
the direction the text runs, bottom to top or top to bottom, as a person turning the page reads them."""
from __future__ import annotations

from typing import Any

Char = dict[str, Any]


def runs_upward(char: Char) -> bool:
    """A glyph turned a quarter anticlockwise (its baseline runs up the page)."""
    matrix = char.get("matrix") or (1, 0, 0, 1, 0, 0)
    return float(matrix[1]) > 0


def sideways_chars_to_words(chars: list[Char], gap_ratio: float = 0.3) -> list[dict[str, Any]]:
    """Sideways glyphs → words: glyphs in one column (the same x) that follow each other along it with
    no gap wider than ``gap_ratio`` of the type size, read upward or downward as their matrix says."""
    # Glyphs a point apart across are one column of text (x0 rounds either way: a label's glyphs and
    # another table's label under it can interleave in x), then each column is read down the page.
    stacks: list[list[Char]] = []
    for c in sorted(chars, key=lambda c: c["x0"]):
        if stacks and c["x0"] - stacks[-1][-1]["x0"] <= 1.0:
            stacks[-1].append(c)
        else:
            stacks.append([c])
    columns: list[list[Char]] = []
    for stack in stacks:
        runs: list[list[Char]] = []
        for c in sorted(stack, key=lambda c: c["top"]):
            if runs and c["top"] - runs[-1][-1]["bottom"] <= gap_ratio * float(c.get("size", 0.0) or 0.0) + 0.5:
                runs[-1].append(c)
            else:
                runs.append([c])
        columns += runs
    words = []
    for group in columns:
        glyphs = [c for c in group if c["text"].strip()]
        if not glyphs:
            continue
        ordered = list(reversed(glyphs)) if runs_upward(glyphs[0]) else glyphs
        words.append({"text": "".join(c["text"] for c in ordered),
                      "x0": min(c["x0"] for c in glyphs), "x1": max(c["x1"] for c in glyphs),
                      "top": min(c["top"] for c in glyphs), "bottom": max(c["bottom"] for c in glyphs),
                      "upright": False, "direction": "btt" if runs_upward(glyphs[0]) else "ttb",
                      "fontname": glyphs[0].get("fontname", ""), "size": glyphs[0].get("size", 0.0)})
    return words
