"""Gutters: the vertical bands of white space a table's body leaves between its columns. A header label's
words are split where the next word starts at the left edge of a column of body text beyond a gutter
("From End" over two date columns), however close a tight layout sets them."""
from __future__ import annotations

from collections.abc import Callable
from itertools import accumulate
from typing import Any

from .lines import is_bold

Word = dict[str, Any]
Gutter = tuple[float, float]  # x0, x1
STEP = 0.5  # points per bin
TEXT_SLACK = 4.0  # points: how far before a column's text its left edge stands, inside a gutter


def lines_to_gutters(lines: list[list[Word]], min_width: float = 3.0, crossing_share: float = 0.03) -> list[Gutter]:
    """Bands crossed by (almost) no line of body text: each line counts once over the span of each of its
    words; bold lines (section rows, headings) are left out, and a few lines may cross a gutter
    (one, or ``crossing_share`` of them: prose under the table, a long word)."""
    rows = [ln for ln in lines if ln and not is_bold(ln)]
    if len(rows) < 2:
        return []
    lo = min(w["x0"] for ln in rows for w in ln)
    hi = max(w["x1"] for ln in rows for w in ln)
    bins = int((hi - lo) / STEP) + 2
    # Lines crossing each bin, as differences: +1 where each stretch a line covers starts, -1 past its end.
    steps = [0] * (bins + 1)
    for ln in rows:
        for first, past in covered_bins(ln, lo):
            steps[first] += 1
            steps[past] -= 1
    count = list(accumulate(steps[:bins]))
    allowed = int(crossing_share * len(rows))
    gutters: list[Gutter] = []
    start = None
    for k, n in enumerate(count + [allowed + 1]):
        if n <= allowed and start is None:
            start = k
        elif n > allowed and start is not None:
            if (k - start) * STEP >= min_width:
                gutters.append((lo + start * STEP, lo + k * STEP))
            start = None
    # A column's text starts at one x line after line (cells are left-aligned): a band that no two lines
    # start a word right after is a chance gap between words, not a gutter.
    starts = [w["x0"] for ln in rows for w in ln]
    return [(g0, g1) for g0, g1 in gutters if sum(1 for x in starts if abs(x - g1) <= 1.5) >= 2]


def covered_bins(line: list[Word], lo: float) -> list[tuple[int, int]]:
    """The bins (``STEP`` wide from ``lo``) a line's words cover, as [first, past) stretches, words that
    touch or overlap merged: a line counts once in each bin, however many of its words reach into it."""
    stretches: list[tuple[int, int]] = []
    for first, past in sorted((int((w["x0"] - lo) / STEP), int((w["x1"] - lo) / STEP) + 1) for w in line):
        if past <= first:
            continue
        if stretches and first <= stretches[-1][1]:
            stretches[-1] = (stretches[-1][0], max(stretches[-1][1], past))
        else:
            stretches.append((first, past))
    return stretches


def starts_column(previous_x1: float, word: Word, gutters: list[Gutter], slack: float = 3.0) -> bool:
    """Whether ``word`` starts a column of its own: a gutter lies between it and the word before, and the
    body text beyond that gutter starts where the word does (labels align with their column's text)."""
    return any(g1 > previous_x1 and abs(word["x0"] - g1) <= slack for _, g1 in gutters)


def snap_to_gutters(edges: list[float], gutters: list[Gutter], reach: float = 6.0) -> list[float]:
    """Column edges set from the header labels (just left of each) moved back to just before the body's
    text where they cut into it: a label set further right than its column's text (centred, or turned on
    its side) would otherwise give that text to the column before. Only a few points (``reach``) back:
    further, the gutter is another column's."""
    out = list(edges)
    for k in range(1, len(out) - 1):
        e = out[k]
        inside = [(g0, g1) for g0, g1 in gutters if g0 - 1.0 <= e <= g1 + 1.0]
        if inside:
            # At least TEXT_SLACK before the text beyond the gutter, where the gutter parts two columns only
            # (a Gantt's empty columns share one wide gutter, where the labels place the edges): OCR boxes a
            # word's first letter up to 3.2 pt left of its column's print ("Team" at 316.8 under text at 320).
            g0, g1 = inside[0]
            if sum(1 for x in edges[1:-1] if g0 - 1.0 <= x <= g1 + 1.0) == 1:
                out[k] = max(min(e, g1 - TEXT_SLACK), g0, out[k - 1] + 1.0)
            continue
        left = [(g0, g1) for g0, g1 in gutters if out[k - 1] < g1 <= e and e - g1 <= reach]
        if left:
            out[k] = max(left, key=lambda g: g[1])[1] - 1.5
    return out


def split_words_where(words: list[Word], edges: list[float], crosses: Callable[[Word, float], bool],
                      breaks: Callable[[Word, Word, list[float]], bool]) -> list[Word]:
    """Words that run across column edges (``crosses(word, edge)``), split by their glyphs before each glyph
    where ``breaks(previous glyph, glyph, the edges the word crosses)``; other words as they are."""
    out: list[Word] = []
    for w in words:
        inner = [e for e in edges[1:-1] if crosses(w, e)]
        chars = w.get("chars") or []
        if not inner or not chars or not w.get("upright", True):
            out.append(w)
            continue
        parts: list[list[Word]] = [[]]
        for ch in chars:
            if parts[-1] and breaks(parts[-1][-1], ch, inner):
                parts.append([])
            parts[-1].append(ch)
        out += [{**w, "text": "".join(c["text"] for c in part), "x0": min(c["x0"] for c in part),
                 "x1": max(c["x1"] for c in part), "chars": part} for part in parts]
    return out


def split_at_edges(words: list[Word], edges: list[float], slack: float = 2.0, min_gap: float = 0.5) -> list[Word]:
    """Words that run across a column edge, split there by their glyphs: a spreadsheet sets one cell's
    text so close to the next cell's that the two read as one word ("LTP" + "1,200")."""
    def apart_at_edge(last: Word, ch: Word, inner: list[float]) -> bool:
        # Only where the glyphs stand apart: a word's own letters touch, and a section name set across
        # the columns is one cell's text, not two.
        return ch["x0"] - last["x1"] >= min_gap \
            and any((last["x0"] + last["x1"]) / 2 < e <= (ch["x0"] + ch["x1"]) / 2 for e in inner)

    return split_words_where(words, edges, lambda w, e: w["x0"] < e - slack and w["x1"] > e + slack, apart_at_edge)


def split_collisions(words: list[Word], edges: list[float], overlap: float = 0.8) -> list[Word]:
    """Words that run across a column rule, split beyond the rule where a glyph starts well before the one
    before it ends (more than kerning's ``overlap`` points), or a capital follows a small letter: an
    overfull cell's last word printed into the next cell, against the first word of that cell's own
    text ("Infrastructure" + "Schools", "Neighbouring" + "Carbon")."""
    def collides(last: Word, ch: Word, inner: list[float]) -> bool:
        return (last["x1"] - ch["x0"] > overlap or (last["text"].islower() and ch["text"].isupper())) \
            and any(e < ch["x0"] for e in inner)

    return split_words_where(words, edges, lambda w, e: w["x0"] < e < w["x1"], collides)
