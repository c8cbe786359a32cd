"""OCR'd words whose reading their ink confirms → the cells they stand in (``RawCell.inked``). Some readings are
doubts in normalise, since OCR makes them as readily from a misreading as from print, and the text alone
cannot tell which; the scan's ink can:

- a capital whose small letter has its shape, mid-sentence ("the Cycling and Walking Strategy"): a "C" is a
  "c" enlarged, so tesseract reads either. A capital stands as tall as the line's ascenders ("l", "h"), a
  small letter no taller than its x-height ("e", "n"), and the word's own letters give both heights;
- a dash standing between two words ("trial - complete"), which a speck can be read as: a dash is a bar;
- a semicolon before a small word ("education; and"), which a comma or a speck can be read as: its ink is
  a dot over a comma.

Each is measured on the word's cut-out from the page's picture; where it cannot be measured (letters run
together, a word cut off, too small), nothing is confirmed and normalise's doubt stands. Nothing is re-read
or re-spelled here."""
from __future__ import annotations

import logging
import re
import statistics
from dataclasses import replace
from pathlib import Path
from typing import Any, NamedTuple

import numpy as np

from normalise.ocr_spelling import CASE_ALIKE

from .model import RawTable
from .ocr_words import DASHES
from .wraps import centre_inside

log = logging.getLogger(__name__)
DPI = 300  # the page is rendered at this resolution: a 9-point line's x-height is 18 pixels
# A word with such a capital first, then small letters (a quote or bracket before it, a mark after it).
CAPITAL_FIRST = re.compile(r"[\"'‘(]?([" + "".join(sorted(CASE_ALIKE)).upper() + r"])([a-z]{2,})[.,;:)\"'’]?")
SEMICOLON_LAST = re.compile(r"[^\W\d_]{2,};")
X_LETTERS = frozenset("acemnorsuvwxzijgpqy")  # letters that start at the x-height (an i's or a j's stem)
ASCENDERS = frozenset("bdfhklt")
MARGIN = 0.3  # share of the word's box height cut out above and below it: its tallest letters, whole
MIN_AREA = 4  # pixels: smaller pieces of ink are specks
MIN_X_HEIGHT = 6  # pixels: below this, a pixel's error is too large a share of the heights
ASCENDING = 0.15  # a piece starting this share of the x-height above the x-height is an ascender's
ENDS_TOGETHER = 0.1  # letters whose bottoms differ by no more than this share of their height stand on one line
MARK = 0.6  # a stop or a comma crosses the x-height band's lower rows too: letters are at least this share as tall
# The first letter's top, as a share of the way from the x-height up to the ascenders: a capital's stands near
# the ascenders' (0.8-1.0), a small letter's near the x-height (0-0.2).
CAPITAL = 0.55
# With no ascender in the word to measure against: the first letter's height as a share of the x-height
# (capitals stand 1.3-1.5 times it in the common faces, small letters 1.0-1.1).
CAPITAL_RATIO = 1.22
# Widest a single capital stands, as a share of its own height (an O, a W): wider is two letters run together,
# whose top may be the next letter's ascender ("ch").
WIDEST = {"W": 1.5}
WIDE = 1.1
DESCENDS = 0.1  # a comma's tail reaches at least this share of the x-height below the baseline (a stop's does not)
BAR_RATIO = 1.8  # a hyphen's or a dash's bar is at least this many times as wide as it is thick
BAR_WIDTH = 0.12  # and at least this share of its line's height wide (a speck, an i's dot: far less)
BAR_THICKNESS = 0.2  # and at most this share of its line's height thick

Piece = tuple[int, int, int, int]  # x, y, width, height in pixels


def ink_pieces(pixels: np.ndarray, min_area: int, right_side: bool = False) -> list[Piece]:
    """The pieces of ink in a cut-out (grey) of at least ``min_area`` pixels, but those its top or bottom cuts
    (another line's letters) and, unless ``right_side``, its right side (the word's own, cut short); never at
    its left, where a word's first letter starts."""
    import cv2  # only a scan's words need OpenCV

    _, ink = cv2.threshold(pixels.astype(np.uint8), 0, 255, cv2.THRESH_BINARY_INV + cv2.THRESH_OTSU)
    count, _, stats, _ = cv2.connectedComponentsWithStats(ink, connectivity=8)
    height, width = pixels.shape
    return [(x, y, w, h) for x, y, w, h, area in stats[1:count]
            if area >= min_area and y > 0 and y + h < height and (right_side or x + w < width)]


def is_bar(piece: Piece, height: int) -> bool:
    """Whether a piece of ink on a line ``height`` pixels tall is a hyphen's or a dash's bar: BAR_RATIO times
    as wide as thick, BAR_WIDTH of the line's height wide, at most BAR_THICKNESS of it thick."""
    _, _, w, h = piece
    return w >= BAR_RATIO * h and w >= BAR_WIDTH * height and h <= BAR_THICKNESS * height


class WordLines(NamedTuple):
    """A word's letters, left to right, and the rows (from the cut-out's top) its lines stand at."""

    letters: list[Piece]
    base: float
    x_line: float
    ascenders: float | None  # where its letters that reach above the x-height start; None where none do


def letters_and_lines(pieces: list[Piece]) -> WordLines | None:
    """A word's letters (pieces crossing the row most pieces cross, and about as tall as most: not a stop or
    a comma) and its lines, measured on the letters after the first; None where fewer than two letters, or
    none but the first stands on the baseline."""
    if len(pieces) < 2:
        return None
    crossing = np.zeros(max(y + h for _, y, _, h in pieces), dtype=int)
    for _, y, _, h in pieces:
        crossing[y:y + h] += 1
    core = int(np.argmax(crossing))  # a row inside the x-height band
    across = [p for p in pieces if p[1] <= core < p[1] + p[3]]
    usual = statistics.median(h for _, _, _, h in across)
    letters = sorted((p for p in across if p[3] >= MARK * usual), key=lambda p: p[0])
    if len(letters) < 2:
        return None
    # The baseline: where the letters that end highest end (a descender ends lower, and so does a piece of
    # letters run together with one: "dy").
    highest = min(y + h for _, y, _, h in letters[1:])
    base = statistics.median(y + h for _, y, _, h in letters[1:] if y + h <= highest + ENDS_TOGETHER * usual)
    standing = [y for _, y, _, h in letters[1:] if abs(y + h - base) <= 0.2 * (base - y)]  # on the baseline
    if not standing:
        return None
    # The lower of the two heights they start at (ascenders' above): the x-height's.
    x_line = statistics.median([y for y in standing if y >= (min(standing) + max(standing)) / 2])
    tall = [y for y in standing if y < x_line - ASCENDING * (base - x_line)]
    return WordLines(letters, base, x_line, statistics.median(tall) if tall else None)


def first_letter_is_capital(pixels: np.ndarray, text: str) -> bool:
    """Whether a word's cut-out (grey; its box and MARGIN above and below) shows its first letter at a
    capital's height, measured against its other letters (``text``: what OCR read, a CAPITAL_FIRST word)."""
    m = CAPITAL_FIRST.fullmatch(text)
    if m is None or not set(m.group(2)) & X_LETTERS or pixels.size == 0:
        return False
    lines = letters_and_lines(ink_pieces(pixels, MIN_AREA))
    if lines is None:
        return False
    x_height = lines.base - lines.x_line
    _, top, w, h = lines.letters[0]
    if x_height < MIN_X_HEIGHT or w > WIDEST.get(m.group(1), WIDE) * h or abs(top + h - lines.base) > 0.2 * x_height:
        return False  # too small to measure, two letters run together, or not standing on the baseline
    if lines.ascenders is not None and set(m.group(2)) & ASCENDERS:
        return (lines.x_line - top) / (lines.x_line - lines.ascenders) >= CAPITAL
    return (lines.base - top) / x_height >= CAPITAL_RATIO


def ends_in_semicolon(pixels: np.ndarray, text: str) -> bool:
    """Whether a word's cut-out shows, after its last letter, a semicolon's ink: two pieces one over the other,
    a dot above the baseline and a comma under it, reaching DESCENDS below it (``text``: a SEMICOLON_LAST
    word). A comma, a colon or a speck read as one shows no such pair."""
    if not SEMICOLON_LAST.fullmatch(text) or pixels.size == 0:
        return False
    pieces = ink_pieces(pixels, 1)
    lines = letters_and_lines(pieces)
    if lines is None:
        return False
    base, x_height = lines.base, lines.base - lines.x_line
    end = lines.letters[-1][0] + lines.letters[-1][2]
    marks = sorted((p for p in pieces if p[0] >= end - 1), key=lambda p: p[1])
    if x_height < MIN_X_HEIGHT or len(marks) != 2:
        return False
    (x0, y0, w0, h0), (x1, y1, w1, h1) = marks
    side_by_side = x0 < x1 + w1 and x1 < x0 + w0
    return side_by_side and y0 + h0 <= y1 and y0 + h0 <= base - 0.3 * x_height and y1 + h1 >= base + DESCENDS * x_height


def is_dash(pixels: np.ndarray, text: str) -> bool:
    """Whether a word read as a lone dash, cut out with the space around it, has a dash's ink: one bar
    (``is_bar``), not a speck. Pieces the cut-out's sides cut are a neighbour's letters (a "t"'s arm
    can be bar-shaped); whole ones may be too, where a text layer's box stops short of its word's ink."""
    if text not in DASHES or pixels.size == 0:
        return False
    height, width = pixels.shape
    return sum(is_bar(p, height) for p in ink_pieces(pixels, MIN_AREA) if p[0] > 0 and p[0] + p[2] < width) == 1


def word_cutout(grey: np.ndarray, word: dict[str, Any], scale: float,
                span: tuple[float, float] | None = None) -> np.ndarray:
    """A word's picture: its box (from ``span[0]`` to ``span[1]`` where given), a pixel either side and MARGIN
    of its height above and below."""
    margin = MARGIN * (word["bottom"] - word["top"])
    left, right = span or (word["x0"], word["x1"])
    r0, r1 = int((word["top"] - margin) * scale), int((word["bottom"] + margin) * scale) + 1
    c0, c1 = int(left * scale) - 1, int(right * scale) + 2
    return grey[max(r0, 0):max(r1, 0), max(c0, 0):max(c1, 0)]


def space_around(word: dict[str, Any], line: list[dict[str, Any]]) -> tuple[float, float]:
    """Where the word before a word on its line ends and the next starts (a box's height off where none): a
    text layer's box can stop short of the word's ink, or stand beside a dash's (a glyphless font's letters
    spread evenly over the word), and what the ink confirms of a word is at its end, or is the word."""
    height = word["bottom"] - word["top"]
    before = max((w["x1"] for w in line if w["x0"] < word["x0"]), default=word["x0"] - height)
    after = min((w["x0"] for w in line if w["x0"] > word["x0"]), default=word["x1"] + height)
    return before + 0.5, after - 0.5


def inked_token(word: dict[str, Any], grey: np.ndarray, scale: float, space: tuple[float, float]) -> str:
    """What of a word its ink confirms, as normalise's doubts name it: a capital's word bare ("Cycling"), a
    dash, a word and its semicolon ("education;"); "" where nothing. ``space``: the line's space it stands in
    (``space_around``)."""
    text = word["text"]
    if (m := CAPITAL_FIRST.fullmatch(text)) and first_letter_is_capital(word_cutout(grey, word, scale), text):
        return m.group(1) + m.group(2)
    if text in DASHES and is_dash(word_cutout(grey, word, scale, space), text):
        return text
    if SEMICOLON_LAST.fullmatch(text) \
            and ends_in_semicolon(word_cutout(grey, word, scale, (word["x0"], space[1])), text):
        return text
    return ""


def same_line(word: dict[str, Any], other: dict[str, Any]) -> bool:
    middle = (other["top"] + other["bottom"]) / 2
    return word["top"] <= middle <= word["bottom"]


def worth_measuring(word: dict[str, Any]) -> bool:
    text = word["text"]
    return word.get("upright", True) and (text in DASHES or bool(CAPITAL_FIRST.fullmatch(text))
                                          or bool(SEMICOLON_LAST.fullmatch(text)))


def inked_readings(path: Path, tables: list[RawTable], words: dict[int, list[dict[str, Any]]],
                   password: str | None) -> int:
    """Set each cell's ``inked`` to what the page's ink confirms of its words (of ``words``, by page: the
    scanned pages'), " "-joined as read (``inked_token``); returns how many words it confirmed."""
    import pypdfium2 as pdfium

    candidates = {n: [w for w in ws if worth_measuring(w)] for n, ws in words.items()}
    pages = sorted(n for n, ws in candidates.items() if ws and any(t.page == n for t in tables))
    if not pages:
        return 0
    confirmed = 0
    scale = DPI / 72
    pdf = pdfium.PdfDocument(str(path), password=password)
    try:
        for number in pages:
            grey = np.asarray(pdf[number - 1].render(scale=scale, grayscale=True).to_pil().convert("L"))
            tokens = [(w, t) for w in candidates[number]
                      if (t := inked_token(w, grey, scale, space_around(w, [o for o in words[number]
                                                                            if same_line(w, o) and o is not w])))]
            confirmed += len(tokens)
            for table in (t for t in tables if t.page == number):
                for index, cell in enumerate(table.cells):
                    box = (cell.x0, cell.top, cell.x1, cell.bottom)
                    inside = [t for w, t in tokens if centre_inside(w, box)]
                    if inside:
                        table.cells[index] = replace(cell, inked=" ".join(inside))
    finally:
        pdf.close()
    log.info("%d readings confirmed by their ink (capitals, dashes, semicolons)", confirmed)
    return confirmed
