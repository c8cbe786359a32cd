"""Scanned cells that OCR left empty but that hold print → read again, each cell on its own, enlarged.

Page-level OCR loses small labels on shaded cells (a rough scan's year headings, "2025-26"): tesseract's
page layout takes them for shading. Cut out one cell, scale it up and binarise it, and tesseract reads
it as the single line it is. Only cells with dark marks in them are read, so a shaded Gantt cell or a
blank one costs nothing; each crop becomes one page of a single tesseract run.
"""
from __future__ import annotations

import logging
import subprocess
from dataclasses import replace
from pathlib import Path

import cv2
import numpy as np
import pypdfium2 as pdfium
from PIL import Image

from .model import RawCell, RawTable
from .ocr import OCR_DPI, temporary_folder, tesseract

log = logging.getLogger(__name__)
INSET = 1.5  # points trimmed off each side of a cell: its ruling lines are not print
ENLARGE = 3  # small print reads best at several times its scanned size
DARK = 110  # grey level (0-255) below which a pixel is ink, on white or on a light shading
MIN_INK = 12  # ink pixels (at OCR_DPI) that make a cell worth reading; JPEG specks stay below it
RULE_SLACK = 2.0 * OCR_DPI / 72  # pixels either side of a cell's edge searched for its ruling line
RULE_DARK = 150  # a ruling line is at least this dark where it runs (thin lines scan grey)
RULE_COVER = 0.9  # the share of a side a ruling line covers


def cell_pixels(page: np.ndarray, cell: RawCell, scale: float) -> np.ndarray:
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
    """Whether a cell's interior holds print: enough pixels darker than ink on paper or shading."""
    return pixels.size > 0 and int((pixels < DARK).sum()) >= MIN_INK


def prepared(pixels: np.ndarray) -> Image.Image:
    """A cell cut-out as tesseract reads it best: enlarged, black on white, with a margin."""
    big = cv2.resize(pixels, None, fx=ENLARGE, fy=ENLARGE, interpolation=cv2.INTER_CUBIC)
    _, binary = cv2.threshold(big, 0, 255, cv2.THRESH_BINARY + cv2.THRESH_OTSU)
    margin = 10 * ENLARGE
    return Image.fromarray(cv2.copyMakeBorder(binary, margin, margin, margin, margin,
                                              cv2.BORDER_CONSTANT, value=255))


def read_crops(binary: str, crops: list[Image.Image], folder: Path) -> list[str]:
    """Each crop's text, from one tesseract run over all of them (its text output separates pages by \\f)."""
    paths = []
    for i, crop in enumerate(crops):
        paths.append(folder / f"cell-{i:05d}.png")
        crop.save(paths[-1], dpi=(OCR_DPI * ENLARGE, OCR_DPI * ENLARGE))
    listing = folder / "cells.list"
    listing.write_text("\n".join(str(p) for p in paths) + "\n")
    result = subprocess.run([binary, str(listing), str(folder / "read"), "--psm", "6", "txt"],
                            capture_output=True, text=True, timeout=60 + 5 * len(paths))
    out = folder / "read.txt"
    if result.returncode != 0 or not out.exists():
        log.warning("re-reading empty cells failed (tesseract: %s); they stay empty",
                    result.stderr.strip().splitlines()[-1:])
        return [""] * len(crops)
    texts = out.read_text(encoding="utf-8").split("\f")
    return [(texts[i] if i < len(texts) else "").strip() for i in range(len(crops))]


def reread_empty_cells(path: Path, tables: list[RawTable], pages: set[int],
                       password: str | None) -> list[dict[str, object]]:
    """Fill the text of empty cells with print in them on scanned ``pages``; returns what was read
    where (for the manifest). Without tesseract, nothing changes."""
    binary = tesseract()
    targets = [t for t in tables if t.page in pages]
    if not binary or not targets:
        return []
    scale = OCR_DPI / 72
    found: list[tuple[RawTable, int]] = []
    crops: list[Image.Image] = []
    pdf = pdfium.PdfDocument(str(path), password=password)
    try:
        for number in sorted({t.page for t in targets}):
            grey = np.asarray(pdf[number - 1].render(scale=scale, grayscale=True).to_pil().convert("L"))
            for table in (t for t in targets if t.page == number):
                for index, cell in enumerate(table.cells):
                    if cell.text.strip():
                        continue
                    pixels = cell_pixels(grey, cell, scale)
                    if has_print(pixels) and ruled_cell(grey, cell, scale):
                        found.append((table, index))
                        crops.append(prepared(pixels))
    finally:
        pdf.close()
    if not crops:
        return []
    with temporary_folder() as tmp:
        texts = read_crops(binary, crops, Path(tmp))
    read = []
    for (table, index), text in zip(found, texts):
        if not any(ch.isalnum() for ch in text):
            continue  # rule fragments and specks read as dashes and quotes
        cell = table.cells[index]
        table.cells[index] = replace(cell, text=text, breaks="")
        read.append({"page": cell.page, "table": cell.table, "row": cell.row, "col": cell.col, "text": text})
    log.info("%s: %d of %d empty cells with print read again", path.name, len(read), len(crops))
    return read
