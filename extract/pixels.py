"""Cell shading read from the page image, for scanned pages where the vector fills are gone: each cell's
interior is sampled and its median colour taken (text is a minority of a cell's pixels); a colour within a
few levels of the page's own paper (a photocopy's grey) is no shading. A lone small blob of ink, solid or
drawn in strokes (■ ● ✓ ✗), is a Gantt mark (``shape``), as a small filled shape is on a born-digital page."""
from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import numpy as np
import pypdfium2 as pdfium

from .model import RawTable

DPI = 100  # a Gantt mark of 5 pt is 7 pixels across: enough to tell a filled square from a letter
MARK_SIZE = (2.5, 16.0)  # points: a mark's extent, at least and at most
MARK_SOLIDITY = 0.7  # share of its box a mark's ink fills (■ 1.0, ● 0.79; letters and ✓ far less)
OPEN_MARK_SIZE = 4.0  # points: a mark drawn in strokes (✓, ✗) is at least this large
OPEN_MARK_SOLIDITY = 0.2  # share of its box such a mark's strokes fill
MARK_INSET = 2.0  # points in from the cell's edges, clear of its rules
MARK_ASPECT = 2.0  # longest side over shortest: a mark is squat, a rule or a dash is not
INSET = 0.2  # sample the middle of the cell, clear of its rules
WHITE = 235  # a median this bright on every channel is paper, not shading


PAPER_TOLERANCE = 14  # per channel: a cell this close to the page's own paper is unshaded (grey copier paper)


def paper_colour(pixels: np.ndarray) -> np.ndarray:
    """The page's paper: the median of its brighter half (ink, rules and shading are a minority)."""
    flat = pixels.reshape(-1, pixels.shape[-1]).astype(np.int32)
    light = flat[flat.sum(axis=1) >= np.median(flat.sum(axis=1))]
    return np.median(light, axis=0)


def sampled_fill(pixels: np.ndarray, box: tuple[float, float, float, float], scale: float,
                 paper: np.ndarray | None = None) -> str:
    x0, top, x1, bottom = box
    dx, dy = (x1 - x0) * INSET, (bottom - top) * INSET
    c0, c1 = int((x0 + dx) * scale), int((x1 - dx) * scale)
    r0, r1 = int((top + dy) * scale), int((bottom - dy) * scale)
    patch = pixels[max(r0, 0):max(r1, r0 + 1), max(c0, 0):max(c1, c0 + 1)]
    if patch.size == 0:
        return ""
    median = np.median(patch.reshape(-1, patch.shape[-1]), axis=0)
    if (median >= WHITE).all() or (paper is not None and (np.abs(median - paper) <= PAPER_TOLERANCE).all()):
        return ""
    return "#" + "".join(f"{int(v):02x}" for v in median[:3])


def sampled_shape(pixels: np.ndarray, box: tuple[float, float, float, float], scale: float,
                  paper: np.ndarray) -> str:
    """The colour of one small solid blob of ink alone in the cell's middle (a scanned Gantt mark: a
    filled square or dot), "" where the cell holds anything else (text, nothing, several marks)."""
    import cv2  # only scans need OpenCV: a born-digital run never loads it
    x0, top, x1, bottom = box
    # Clear of the cell's rules, but no further in: a mark sits by the row's first line, at the top of a
    # tall cell, not in its middle.
    dx, dy = min((x1 - x0) * 0.12, MARK_INSET), min((bottom - top) * 0.12, MARK_INSET)
    c0, c1, r0, r1 = int((x0 + dx) * scale), int((x1 - dx) * scale), int((top + dy) * scale), int((bottom - dy) * scale)
    patch = pixels[max(r0, 0):max(r1, r0 + 1), max(c0, 0):max(c1, c0 + 1)]
    if patch.size == 0:
        return ""
    darkness = paper.sum() - patch.astype(np.int32).sum(axis=2)
    ink = (darkness > 3 * 90).astype(np.uint8)
    count, _, stats, _ = cv2.connectedComponentsWithStats(ink, connectivity=8)
    small, least = MARK_SIZE[1] * scale, MARK_SIZE[0] * scale
    # Specks smaller than any mark, and strokes far longer than wide (a piece of the rule under a row of a
    # table whose cells do not reach its rules, a dash), are no mark, nor a reason to refuse one.
    blobs = [s for s in stats[1:] if max(s[cv2.CC_STAT_WIDTH], s[cv2.CC_STAT_HEIGHT]) >= least
             and max(s[cv2.CC_STAT_WIDTH], s[cv2.CC_STAT_HEIGHT]) <= MARK_ASPECT * min(s[cv2.CC_STAT_WIDTH],
                                                                                       s[cv2.CC_STAT_HEIGHT])]
    if len(blobs) != 1:
        return ""
    left, upper, width, height, area = (int(v) for v in blobs[0])
    if max(width, height) > small:
        return ""  # too large for a mark (the least size and the squat shape were asked of every blob)
    # Solid (a square, a dot) or, if as large as a glyph, drawn in strokes (a tick, a cross).
    if area < MARK_SOLIDITY * width * height and not (
            max(width, height) >= OPEN_MARK_SIZE * scale and area >= OPEN_MARK_SOLIDITY * width * height):
        return ""
    median = np.median(patch[upper:upper + height, left:left + width].reshape(-1, patch.shape[-1]), axis=0)
    return "#" + "".join(f"{int(v):02x}" for v in median[:3])


def fills_from_image(path: Path, tables: list[RawTable], pages: set[int], password: str | None) -> None:
    """Set each cell's ``fill`` (and ``shape``: a small solid mark) on ``pages`` from the rendered page, where
no vector fill (or shape) was found."""
    if not pages:
        return
    pdf = pdfium.PdfDocument(str(path), password=password)
    try:
        scale = DPI / 72
        for number in sorted(pages):
            on_page = [t for t in tables if t.page == number]
            if not on_page:
                continue
            image = pdf[number - 1].render(scale=scale).to_pil().convert("RGB")
            pixels = np.asarray(image)
            paper = paper_colour(pixels)
            for table in on_page:
                table.cells = [c if c.fill else replace(c, fill=sampled_fill(pixels, (c.x0, c.top, c.x1, c.bottom),
                                                                               scale, paper))
                               for c in table.cells]
                table.cells = [c if c.shape else replace(c, shape=sampled_shape(pixels, (c.x0, c.top, c.x1, c.bottom),
                                                                                 scale, paper))
                               for c in table.cells]
    finally:
        pdf.close()
