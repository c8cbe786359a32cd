"""Tesseract's TSV → the words it read, each with its box in PDF points and its confidence, laid out in
the printed lines they stand on (tesseract's own lines can be pieces of one printed line, or several)."""
from __future__ import annotations

import csv
import statistics
from dataclasses import dataclass, replace
from pathlib import Path

LINE_MERGED = 1.6  # a tesseract line this many times the page's usual line height holds several printed lines
# Two tesseract lines side by side that share this much of the shorter one's height are one printed line:
# tesseract cuts a line where a gap or a change of size breaks it (a bold title's words, a header row's
# labels), and each piece gets its own top, some points apart on a page straightened from a skew.
SAME_LINE = 0.7
# A glyph's ink is at least this share of its line's height wide, but for the thin ones (a "1", an "l", a
# stop): a "3" one point wide beside a 20-point title is a speck tesseract read as a digit.
SLIVER = 0.08
THIN_GLYPHS = frozenset("1lIij!|.,:;'’‘`-–—()[]{}/\\")
# A dash is a stroke: at least this share of its line's height wide (a hyphen in DejaVu is 0.36 of an em),
# and wider than it is tall by DASH_FLAT. A speck of toner or a stamp's dot read as "—" is neither
# (measured on a darkened scan: 0.24-0.48 pt wide on 5.5-pt lines, as tall as wide).
# Tesseract's box of a real hyphen can be as wrong (1 pixel wide, 4 tall, read at 89 on scanned-rough), so only
# a dash it also read unsure (below DASH_SURE; the specks: 0-46) is taken for a speck by its shape.
DASHES = frozenset("-–—")
DASH_WIDTH = 0.15
DASH_FLAT = 2.0
DASH_SURE = 50.0


@dataclass(frozen=True)
class OcrWord:
    """One word tesseract read: its page, box in PDF points (top-left origin) and confidence (0–100)."""

    page: int
    x0: float
    top: float
    x1: float
    bottom: float
    confidence: float
    text: str
    upright: bool = True  # False: read with the picture turned (a label set sideways)
    ink: float = 0.0  # the height of its own box (top and bottom are its line's), 0.0 where not known


def tsv_to_words(path: Path, pages: list[int], dpi: int) -> list[OcrWord]:
    """Tesseract's TSV (one row per layout element: level 4 a line, 5 a word; boxes in pixels at ``dpi``)
    → the words, each on the PDF page ``pages[page_num - 1]``. A word takes its line's top and bottom:
    its own box is its ink's, so a hyphen or a full stop would stand on a line of its own. Not where
    tesseract's "line" is several printed lines (taller than LINE_MERGED times the page's usual line):
    there each word keeps its own box, or two lines' words would be read as one, interleaved. A word's box
    ends where the next word of its line starts: tesseract sometimes gives a line's first word a box over
    its neighbours ("Nature" across "Nature and Land Use"), which would put its centre, and so the word,
    in another cell."""
    scale = 72 / dpi
    with path.open(newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE))
    lines: dict[tuple[str, ...], tuple[int, int]] = {}
    heights: dict[str, list[int]] = {}
    for row in rows:
        if row.get("level") == "4":
            top, height = int(row["top"]), int(row["height"])
            lines[line_key(row)] = (top, top + height)
            heights.setdefault(row["page_num"], []).append(height)
    usual = {page: sorted(h)[len(h) // 2] for page, h in heights.items()}
    stacked = {key: stacked_bands(boxes) for key, boxes in line_words(rows).items()
               if words_stacked(boxes, lines[key][1] - lines[key][0], usual.get(key[0], 0))}
    words: list[OcrWord] = []
    keys: list[tuple[str, ...]] = []
    for row in rows:
        if row.get("level") != "5" or not (row.get("text") or "").strip():
            continue
        left, top, width, height = (int(row[k]) for k in ("left", "top", "width", "height"))
        line_top, line_bottom = lines.get(line_key(row), (top, top + height))
        if line_key(row) in stacked:
            line_top, line_bottom = stacked[line_key(row)].get((top, top + height), (top, top + height))
        if is_sliver(row["text"].strip(), width, line_bottom - line_top, height, float(row["conf"])):
            continue
        words.append(OcrWord(pages[int(row["page_num"]) - 1], left * scale, line_top * scale,
                             (left + width) * scale, line_bottom * scale, float(row["conf"]), row["text"].strip(),
                             ink=height * scale))
        keys.append(line_key(row))
    words, keys = pieces_to_printed_lines(words, keys)
    return clip_to_neighbours(words, keys)


def usual_line_height(words: list[OcrWord], min_letters: int = 0) -> float:
    """The median height of the lines ``words`` stand on (the upper one of an even count; 0.0 where none),
    of the words of ``min_letters`` letters or more only (real words, not specks or marks read as letters)."""
    heights = [w.bottom - w.top for w in words if sum(ch.isalpha() for ch in w.text) >= min_letters]
    return statistics.median_high(heights) if heights else 0.0


def word_read_again(word: OcrWord, text: str, confidence: float, **how: str) -> dict[str, object]:
    """The manifest's entry (``words_read_again``) for a word whose reading was replaced by ``text`` or
    confirmed, where it stands and how sure the new reading is (``how``: by what means, where not read again
    alone)."""
    return {"page": word.page, "x0": round(word.x0, 1), "top": round(word.top, 1), "text": text,
            "before": word.text, "confidence": round(confidence, 1), **how}


def on_page_lines(found: list[OcrWord], read: list[OcrWord]) -> list[OcrWord]:
    """Words a later reading found (the sparse reading of unread ink, a header strip's), each given the top
    and bottom of the line it stands on: that of the nearest word of ``read`` (the page's words), or of one
    found before it, whose line holds SAME_LINE of its height. Every word of the page's reading takes its
    line's top and bottom, so a found word is parsed on that line: a later reading boxes its words its own
    way ("Ref" and "To" 2.3 points under the labels they stand between, a line of their own, where the
    header ended). A word boxed over two lines stands on neither and keeps its box (seed 18: "Team" boxed
    over "Lighting" and its own line, put on the first, was no longer seen as the same "Team" read below)."""
    out: list[OcrWord] = []
    for word in found:
        beside = [w for w in read + out if w.page == word.page
                  and min(w.bottom, word.bottom) - max(w.top, word.top) >= SAME_LINE * (word.bottom - word.top)]
        near = min(beside, key=lambda w: max(w.x0 - word.x1, word.x0 - w.x1, 0.0), default=None)
        out.append(word if near is None else replace(word, top=near.top, bottom=near.bottom))
    return out


def boxes_overlap(a: OcrWord, b: OcrWord) -> bool:
    """Whether two words' boxes share some of a page."""
    return a.page == b.page and a.x0 < b.x1 and b.x0 < a.x1 and a.top < b.bottom and b.top < a.bottom


def is_sliver(text: str, width: float, line_height: float, height: float = 0.0, confidence: float = 0.0) -> bool:
    """Whether a word read is a speck by its width: a glyph or two, none of them thin, in ink far narrower
    than such glyphs are on a line this tall; or dashes alone, read below DASH_SURE, in ink (``height`` tall)
    no dash's shape."""
    if text and set(text) <= DASHES:
        return confidence < DASH_SURE and (width < DASH_WIDTH * line_height or width < DASH_FLAT * height)
    wide = [ch for ch in text if ch not in THIN_GLYPHS]
    return 0 < len(text) <= 2 and bool(wide) and width < SLIVER * line_height * len(wide)


def pieces_to_printed_lines(words: list[OcrWord], keys: list[tuple[str, ...]]
                            ) -> tuple[list[OcrWord], list[tuple[str, ...]]]:
    """Tesseract lines that are pieces of one printed line → one line: pieces whose words lie side by side
    (no word of one over a word of another: "Net … Action Plan" around "Zero Council") and that share
    SAME_LINE of the shorter's height (and are of a height alike: a line of specks is none) take the top and
    bottom of them all, and the first piece's key. Each
    piece is matched against a line's first piece, so lines never chain down the page. (Words of a line
    taller than usual keep their own boxes, and are left as they are.)"""
    boxes: dict[tuple[str, ...], tuple[int, float, float]] = {}
    spans: dict[tuple[str, ...], list[tuple[float, float]]] = {}
    loose: set[tuple[str, ...]] = set()
    # A word's box can reach over its neighbours (see tsv_to_words): it is taken no wider than its letters
    # can be, at the page's usual letter width.
    widths = sorted((w.x1 - w.x0) / len(w.text) for w in words if len(w.text) >= 3)
    letter = 1.3 * widths[len(widths) // 2] if widths else float("inf")
    for word, key in zip(words, keys):
        box = boxes.setdefault(key, (word.page, word.top, word.bottom))
        if (word.top, word.bottom) != box[1:]:
            loose.add(key)  # its words keep their own boxes: not a line piece
        spans.setdefault(key, []).append((word.x0, min(word.x1, word.x0 + letter * len(word.text))))
    printed: list[list[tuple[str, ...]]] = []
    reach: list[list[tuple[str, ...]]] = []  # the lines whose first piece reaches down to the current top
    for key in sorted(set(boxes) - loose, key=lambda k: boxes[k]):
        page, top, bottom = boxes[key]
        reach = [g for g in reach if boxes[g[0]][0] == page and boxes[g[0]][2] > top]
        for group in reach:
            _, first_top, first_bottom = boxes[group[0]]
            shared = min(bottom, first_bottom) - max(top, first_top)
            heights = sorted((bottom - top, first_bottom - first_top))
            # A line of specks ("— ; '") far shorter than the words beside it is no piece of their line.
            if not is_speck(heights[0], heights[1]) and shared >= SAME_LINE * heights[0] and not any(
                    a0 + 1 < b1 and b0 + 1 < a1 for k in group for b0, b1 in spans[k] for a0, a1 in spans[key]):
                group.append(key)
                break
        else:
            printed.append([key])
            reach.append(printed[-1])
    joined: dict[tuple[str, ...], tuple[tuple[str, ...], float, float]] = {}
    for group in printed:
        if len(group) > 1:
            top, bottom = min(boxes[k][1] for k in group), max(boxes[k][2] for k in group)
            joined.update({k: (group[0], top, bottom) for k in group})
    if not joined:
        return words, keys
    out_words, out_keys = [], []
    for word, key in zip(words, keys):
        if key in joined:
            first, top, bottom = joined[key]
            word, key = replace(word, top=top, bottom=bottom), first
        out_words.append(word)
        out_keys.append(key)
    return out_words, out_keys


def line_words(rows: list[dict[str, str]]) -> dict[tuple[str, ...], list[tuple[int, int]]]:
    """Each tesseract line's words as (top, bottom) in pixels."""
    out: dict[tuple[str, ...], list[tuple[int, int]]] = {}
    for row in rows:
        if row.get("level") == "5" and (row.get("text") or "").strip():
            out.setdefault(line_key(row), []).append((int(row["top"]), int(row["top"]) + int(row["height"])))
    return out


def words_stacked(boxes: list[tuple[int, int]], line_height: int, usual: int) -> bool:
    """Whether a line taller than LINE_MERGED times the page's ``usual`` line holds several printed lines:
    not where its own words are about as tall (a title in large type), only where they are not (lines of
    a cell read as one; a rule's "|" down the row)."""
    heights = sorted(b - t for t, b in boxes)
    return line_height > LINE_MERGED * max(usual, heights[len(heights) // 2])


NORMAL_WORD = 1.3  # a word up to this many times its line's median word height is of the line's type


def is_speck(height: float, line: float) -> bool:
    """Whether a box this tall is a speck (a dash, a stop) beside words of a ``line`` this tall: far shorter
    than a letter of the line's type can be."""
    return height < line / NORMAL_WORD ** 2


def stacked_bands(boxes: list[tuple[int, int]]) -> dict[tuple[int, int], tuple[int, int]]:
    """The words of a tesseract line that holds several printed lines → each word's (top, bottom) → the
    printed line it sits on: words of the line's usual height that share SAME_LINE of their height make
    one printed line, spanning them all; a taller word (a letter OCR boxed with a speck over it, a rule's
    "|" down the row) joins the printed line its middle falls in, or keeps its own box; a speck (a dash, a
    stop, far shorter than the line's words) keeps its own box, as before."""
    heights = sorted(b - t for t, b in boxes)
    median = heights[len(heights) // 2]
    bands: list[list[int]] = []
    for t, b in sorted(box for box in boxes if not is_speck(box[1] - box[0], median)
                       and box[1] - box[0] <= NORMAL_WORD * median):
        for band in bands:
            if min(b, band[1]) - max(t, band[0]) >= SAME_LINE * min(b - t, band[1] - band[0]):
                band[0], band[1] = min(band[0], t), max(band[1], b)
                break
        else:
            bands.append([t, b])
    out: dict[tuple[int, int], tuple[int, int]] = {}
    for t, b in boxes:
        if is_speck(b - t, median):
            out[(t, b)] = (t, b)
            continue
        overlaps = [(min(b, band[1]) - max(t, band[0]), band) for band in bands if band[0] <= (t + b) / 2 <= band[1]]
        best = max(overlaps, key=lambda o: o[0], default=None)
        out[(t, b)] = (best[1][0], best[1][1]) if best else (t, b)
    return out


def line_key(row: dict[str, str]) -> tuple[str, ...]:
    return tuple(row[k] for k in ("page_num", "block_num", "par_num", "line_num"))


def clip_to_neighbours(words: list[OcrWord], lines: list[tuple[str, ...]]) -> list[OcrWord]:
    """Each word's right edge moved back to the next word's left edge where it runs over it, the words of
    each line (``lines``, one key per word) taken from left to right."""
    by_line: dict[tuple[str, ...], list[int]] = {}
    for index, key in enumerate(lines):
        by_line.setdefault(key, []).append(index)
    out = list(words)
    for indices in by_line.values():
        ordered = sorted(indices, key=lambda i: words[i].x0)
        for this, following in zip(ordered, ordered[1:]):
            if words[this].x1 > words[following].x0 > words[this].x0:
                out[this] = replace(words[this], x1=words[following].x0)
    return out
