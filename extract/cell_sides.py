"""A scanned cell's pixels → whether it holds print of its own, and which of its sides a ruling line closes:
what decides whether a cell is read again (``cell_ocr``)."""
from __future__ import annotations

import numpy as np

from .model import RawCell
from .ocr import OCR_DPI

INSET = 1.5  # points trimmed off each side of a cell: its ruling lines are not print
DARK = 110  # grey level (0-255) below which a pixel is ink, on white or on a light shading
MIN_INK = 12  # ink pixels (at OCR_DPI) that make a cell worth reading; JPEG specks stay below it
RULE_SLACK = 2.0 * OCR_DPI / 72  # pixels either side of a cell's edge searched for its ruling line
RULE_DARK = 150  # a ruling line is at least this dark where it runs (thin lines scan grey)
RULE_COVER = 0.9  # the share of a side a ruling line covers
MAX_INK_SHARE = 0.5  # a cell darker than this over most of it is a fill (a Gantt mark), not print


def cell_pixels(page: np.ndarray, cell: RawCell, scale: float) -> np.ndarray:
    """A cell's pixels on a page rendered at ``scale`` pixels a point, inset from its sides by INSET."""
    c0, c1 = int((cell.x0 + INSET) * scale), int((cell.x1 - INSET) * scale)
    r0, r1 = int((cell.top + INSET) * scale), int((cell.bottom - INSET) * scale)
    return page[max(r0, 0):max(r1, 0), max(c0, 0):max(c1, 0)]


def side_is_ruled(page: np.ndarray, fixed: float, start: float, end: float, vertical: bool) -> bool:
    """Whether a ruling line runs along one side of a cell: within 2 pt of the side, some line of
    pixels (3 wide, for what skew is left) is dark along nearly all of it. Print crossing the side,
    where a merged cell's text runs on, is dark along only part of it."""
    lo, hi = int(start + 0.1 * (end - start)), int(end - 0.1 * (end - start))
    a, b = max(int(fixed - RULE_SLACK), 0), max(int(fixed + RULE_SLACK) + 1, 0)
    band = page[lo:hi, a:b] if vertical else page[a:b, lo:hi].T  # rows run along the side
    if band.shape[0] == 0 or band.shape[1] < 3:
        return False
    dark = band < RULE_DARK
    covered = [float(dark[:, i:i + 3].any(axis=1).mean()) for i in range(band.shape[1] - 2)]
    return max(covered) >= RULE_COVER


def ruled_cell(page: np.ndarray, cell: RawCell, scale: float) -> bool:
    """A cell ruled off on all four sides. The parts of a merged cell are not: their print belongs to
    the merged cell, which the page's OCR read whole ("Delivery Period" over the year columns)."""
    x0, top, x1, bottom = (v * scale for v in (cell.x0, cell.top, cell.x1, cell.bottom))
    return (side_is_ruled(page, x0, top, bottom, True) and side_is_ruled(page, x1, top, bottom, True)
            and side_is_ruled(page, top, x0, x1, False) and side_is_ruled(page, bottom, x0, x1, False))


def has_print(pixels: np.ndarray) -> bool:
    """Whether a cell's interior holds print: enough pixels darker than ink on paper or shading, but not
    most of them (a solid fill, as a dark photocopy turns a shaded Gantt cell)."""
    dark = int((pixels < DARK).sum())
    return pixels.size > 0 and dark >= MIN_INK and dark <= MAX_INK_SHARE * pixels.size


def holds_unread_print(page: np.ndarray, cell: RawCell, scale: float) -> bool:
    """Whether a cell OCR read nothing in holds print (a date in light type, a neighbour's overflow)."""
    return not cell.text.strip() and has_print(cell_pixels(page, cell, scale))


def sides_clear(page: np.ndarray, cell: RawCell, scale: float) -> bool:
    """Whether no print crosses a cell's left or right side: within 2 pt of each, inside its rows, fewer
    than MIN_INK dark pixels (a speck). A neighbour's overflow runs over the side it shares."""
    r0, r1 = max(int((cell.top + INSET) * scale), 0), max(int((cell.bottom - INSET) * scale), 0)
    for x in (cell.x0 * scale, cell.x1 * scale):
        strip = page[r0:r1, max(int(x - RULE_SLACK), 0):max(int(x + RULE_SLACK) + 1, 0)]
        if int((strip < DARK).sum()) >= MIN_INK:
            return False
    return True


def between_rules(page: np.ndarray, cell: RawCell, scale: float) -> bool:
    """A cell of a table ruled between its rows only: a rule over it and under it, and its print clear of
    both sides (``sides_clear``), so what it holds is its own."""
    x0, top, x1, bottom = (v * scale for v in (cell.x0, cell.top, cell.x1, cell.bottom))
    return side_is_ruled(page, top, x0, x1, False) and side_is_ruled(page, bottom, x0, x1, False) \
        and sides_clear(page, cell, scale)
