"""A scan's rules → segments for ``grid``: on a scanned page the rules are pixels, not shapes. The steps
are camelot's image lattice (an adaptive threshold of the inverted page, then an opening with a long thin
kernel in each direction, so that only runs of ink at least a fraction of the page long survive, and each
surviving run's box is one rule); the grid is then built from them as from a page's vector rules."""
from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
import pypdfium2 as pdfium

from .grid import Segment, coalesce

RULES_DPI = 200  # the page rendered at this resolution to find its rules: a hairline is still a pixel wide
BLOCK = 15  # pixels: the neighbourhood the threshold is taken over (camelot's default)
OFFSET = -2  # subtracted from the neighbourhood's mean: ink must stand out of it (camelot's default)
# points: runs this close in line are one rule. A Gantt's shading inset a point or two inside its cell has
# an edge the threshold reads as ink, beside the rule (measured: 2.2 pt apart on scanned-rough, a row of
# its own with the row's text in it twice); no table's row is this thin.
RASTER_COALESCE = 4.0
MAX_BAND = 24.0  # points: the tallest section band whose sides a fill can hide
BAND_SLACK = 8.0  # points: how far from the band's edge a side's piece can stop (the threshold's edge)
COALESCE_X = 3.0  # points: pieces of one vertical rule lie this close in x


def ink_mask(gray: np.ndarray) -> np.ndarray:
    """A page's grey pixels → 255 where ink stands darker than its neighbourhood, 0 elsewhere."""
    import cv2  # only a scan needs OpenCV

    inverted = (255 - gray).astype(np.uint8)
    return np.asarray(cv2.adaptiveThreshold(inverted, 255, cv2.ADAPTIVE_THRESH_GAUSSIAN_C, cv2.THRESH_BINARY,
                                            BLOCK, OFFSET))


def mask_to_runs(mask: np.ndarray, horizontal: bool, line_scale: int) -> list[tuple[int, int, int, int]]:
    """Boxes (x, y, w, h in pixels) of the runs of ink at least 1/``line_scale`` of the page long in one
    direction: an opening (erode, then dilate) with a kernel that long and one pixel thick."""
    import cv2

    height, width = mask.shape
    size = max(1, (width if horizontal else height) // line_scale)
    kernel = cv2.getStructuringElement(cv2.MORPH_RECT, (size, 1) if horizontal else (1, size))
    opened = cv2.dilate(cv2.erode(mask, kernel), kernel)
    contours, _ = cv2.findContours(opened.astype(np.uint8), cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_SIMPLE)
    return [tuple(int(v) for v in cv2.boundingRect(c)) for c in contours]  # type: ignore[misc]


def runs_to_segments(runs: list[tuple[int, int, int, int]], horizontal: bool, scale: float,
                     page_height: float) -> list[Segment]:
    """Pixel boxes of runs → rules in PDF points (bottom-left origin), each along its box's middle."""
    out: list[Segment] = []
    for x, y, w, h in runs:
        if horizontal:
            mid = page_height - (y + h / 2) / scale
            out.append((x / scale, mid, (x + w) / scale, mid))
        else:
            mid = (x + w / 2) / scale
            out.append((mid, page_height - (y + h) / scale, mid, page_height - y / scale))
    return out


def bridge_band_sides(horizontal: list[Segment], vertical: list[Segment]) -> list[Segment]:
    """Vertical rules with the gaps a filled band leaves in a table's sides closed: a section row shaded
    dark over the borders shows no rule inside it to the threshold (its inside is one even tone), so the
    table's left and right sides stop at the band's top and start again under it, and the band and the
    rows below would be read as another table. A gap of at most ``MAX_BAND`` points between two pieces of
    one vertical rule, at the end of a horizontal rule above it and of one below it, is the band's side."""
    out: list[Segment] = []
    for seg in sorted(vertical, key=lambda s: (round(s[0] / COALESCE_X), s[1])):
        # PDF coordinates, y upwards: the piece before in this order is the one below.
        below = out[-1] if out else None
        if below and abs(below[0] - seg[0]) <= COALESCE_X and 0 < seg[1] - below[3] <= MAX_BAND \
                and any(band_side(h, seg[0], below[3], seg[1]) for h in horizontal):
            out[-1] = (below[0], below[1], below[2], seg[3])
            continue
        out.append(seg)
    return out


def band_side(h: Segment, x: float, gap_bottom: float, gap_top: float) -> bool:
    """Whether horizontal rule ``h`` ends at ``x`` and lies at the gap's top or bottom (within the slack
    the threshold's edge leaves)."""
    at_end = min(abs(h[0] - x), abs(h[2] - x)) <= COALESCE_X
    return at_end and (abs(h[1] - gap_top) <= BAND_SLACK or abs(h[1] - gap_bottom) <= BAND_SLACK)


def gray_to_segments(gray: np.ndarray, scale: float, page_height: float,
                     line_scale: int) -> tuple[list[Segment], list[Segment]]:
    """A rendered page (grey, ``scale`` pixels per point) → its (horizontal, vertical) rules in points."""
    mask = ink_mask(gray)
    horizontal = coalesce(runs_to_segments(mask_to_runs(mask, True, line_scale), True, scale, page_height),
                          True, RASTER_COALESCE)
    vertical = coalesce(runs_to_segments(mask_to_runs(mask, False, line_scale), False, scale, page_height),
                        False, RASTER_COALESCE)
    return horizontal, bridge_band_sides(horizontal, vertical)


def page_segments(path: Path, number: int, page_height: float, password: str | None, line_scale: int,
                  dpi: int = RULES_DPI) -> tuple[list[Segment], list[Segment]]:
    """The rules printed on page ``number`` (1-based) of a PDF, read from its image rendered unrotated
    (as the page's words are placed); ``page_height`` in points."""
    pdf = pdfium.PdfDocument(str(path), password=password)
    try:
        page = pdf[number - 1]
        scale = dpi / 72.0
        image: Any = page.render(scale=scale, grayscale=True, rotation=(360 - page.get_rotation()) % 360).to_pil()
        gray = np.asarray(image.convert("L"))
    finally:
        pdf.close()
    return gray_to_segments(gray, scale, page_height, line_scale)
