"""Scanned cells that OCR left empty but that hold print, or read with doubt → read again, each cell on
its own, enlarged.

Page-level OCR loses small labels on shaded cells (a rough scan's year headings, "2025-26"): tesseract's
page layout takes them for shading. It also misreads short print standing alone in a cell (an ID, "E1"
read "Ex" at a confidence of 40). Cut out one cell, scale it up and binarise it, and tesseract reads
it as the single line it is. Only cells with print in them are read (not a solid fill: a Gantt cell's
shading is no print), ruled off on every side or, in a table without rules, doubtful ones; in a table
ruled between rows only, an empty cell whose print crosses neither side too (``cell_sides``), and a row read
as nothing at all is read whole (``merged_reading.unread_rows``); so a blank or shaded cell costs
nothing. Each crop becomes one page of a single tesseract run. A doubtful cell takes the new reading only
where tesseract is surer of it than it was.
"""
from __future__ import annotations

import logging
import subprocess
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import numpy as np
import pypdfium2 as pdfium
from PIL import Image

from .cell_sides import (
    RULE_DARK,
    RULE_SLACK,
    between_rules,
    cell_pixels,
    has_print,
    holds_unread_print,
    ruled_cell,
)
from .lines import words_to_text
from .merged_reading import Target, band_boxes, merged_boxes, reads_more, unread_rows
from .model import UNREAD_PRINT, RawCell, RawTable
from .ocr import OCR_DPI, temporary_folder, tesseract
from .ocr_words import tsv_to_words

log = logging.getLogger(__name__)
ENLARGE = 3  # small print reads best at several times its scanned size
MARGIN = 10 * ENLARGE  # pixels of white around a prepared cut-out
RULE_SHARE = 0.5  # a row of a cut-out's pixels dark along more than this share of it, at its edge, is a rule
DOUBTFUL = 50.0  # a one-line cell read below this OCR confidence is read again
HEADER_ROWS = 2  # a table's first rows, where its header is
DOUBTFUL_LENGTH = 24  # characters: only short one-line cells (IDs, dates, years) are read again


def doubtful(cell: RawCell) -> bool:
    """A short one-line cell that OCR read with low confidence."""
    text = cell.text.strip()
    return 0 <= cell.confidence < DOUBTFUL and "\n" not in text and len(text) <= DOUBTFUL_LENGTH


def worth_reading(page: np.ndarray, cell: RawCell, scale: float, ruled_table: bool, suspect: bool = False,
                  rows_ruled: bool = False) -> bool:
    """Whether a cell is read again: empty, doubtful or ``suspect``, with print in it, and ruled off on every
    side; in a table read without rules (its cells from its columns' gutters), a doubtful or suspect cell,
    which holds its own print only (an empty one could hold a neighbour's overflow), or, where its rows are
    ruled (``rows_ruled``), an empty one between rules whose print crosses neither side."""
    doubt = doubtful(cell) or suspect
    if cell.text.strip() and not doubt:
        return False
    if not has_print(cell_pixels(page, cell, scale)):
        return False
    return (not ruled_table and doubt) or ruled_cell(page, cell, scale) \
        or (not ruled_table and rows_ruled and between_rules(page, cell, scale))


def header_suspect(cell: RawCell, is_label: Callable[[str], bool] | None) -> bool:
    """A short cell in a table's first HEADER_ROWS rows that reads as no header label (OCR's "eee" for
    "Actions" on a dark header band): read again, and taken only where it then reads as a label."""
    text = " ".join(cell.text.split())
    return is_label is not None and cell.row < HEADER_ROWS and 0 < len(text) <= DOUBTFUL_LENGTH \
        and not is_label(text)


def rules_trimmed(pixels: np.ndarray, reach: int) -> np.ndarray:
    """A cell's cut-out with the ruling lines along its sides taken off: the rows (columns) within ``reach``
    pixels of an edge that are dark along most of it. Print set tight under a rule (a header label on a
    dark band) keeps its tops, which a fixed inset would cut off ("Lead" read as nothing)."""
    dark = pixels < RULE_DARK
    rows = [i for i in range(min(reach, len(dark))) if dark[i].mean() > RULE_SHARE]
    low = [i for i in range(max(len(dark) - reach, 0), len(dark)) if dark[i].mean() > RULE_SHARE]
    cols = [j for j in range(min(reach, dark.shape[1])) if dark[:, j].mean() > RULE_SHARE]
    right = [j for j in range(max(dark.shape[1] - reach, 0), dark.shape[1]) if dark[:, j].mean() > RULE_SHARE]
    top, bottom = (max(rows) + 1 if rows else 0), (min(low) if low else len(dark))
    left, end = (max(cols) + 1 if cols else 0), (min(right) if right else dark.shape[1])
    return pixels[top:max(bottom, top), left:max(end, left)]


def uninset_pixels(page: np.ndarray, cell: RawCell, scale: float) -> np.ndarray:
    """A cell's pixels out to its edges and a little over, its ruling lines taken off (rules_trimmed)."""
    reach = int(RULE_SLACK)
    c0, c1 = int(cell.x0 * scale) - reach // 2, int(cell.x1 * scale) + reach // 2
    r0, r1 = int(cell.top * scale) - reach // 2, int(cell.bottom * scale) + reach // 2
    return rules_trimmed(page[max(r0, 0):max(r1, 0), max(c0, 0):max(c1, 0)], reach)


def cutouts(page: np.ndarray, cell: RawCell, scale: float, count: int) -> list[Image.Image]:
    """A cell prepared for reading: inset from its rules; with ``count`` 2, also out to them (rules_trimmed)."""
    return [prepared(cell_pixels(page, cell, scale))] + \
        ([prepared(uninset_pixels(page, cell, scale))] if count == 2 else [])


def prepared(pixels: np.ndarray) -> Image.Image:
    """A cell cut-out as tesseract reads it best: enlarged, black on white, with a margin."""
    import cv2  # only scans need OpenCV: a born-digital run never loads it
    big = cv2.resize(pixels, None, fx=ENLARGE, fy=ENLARGE, interpolation=cv2.INTER_CUBIC)
    _, binary = cv2.threshold(big, 0, 255, cv2.THRESH_BINARY + cv2.THRESH_OTSU)
    return Image.fromarray(cv2.copyMakeBorder(binary, MARGIN, MARGIN, MARGIN, MARGIN,
                                              cv2.BORDER_CONSTANT, value=255))


def read_crops(binary: str, crops: list[Image.Image], folder: Path) -> list[tuple[str, float]]:
    """Each crop's text and lowest word confidence, from one tesseract run over all of them."""
    return [(text, confidence) for text, confidence, _ in read_crops_inked(binary, crops, folder)]


def read_crops_inked(binary: str, crops: list[Image.Image], folder: Path
                     ) -> list[tuple[str, float, tuple[float, float] | None]]:
    """Each crop's text, lowest word confidence, and the left and right of the ink of its words with a
    letter or digit, in pixels of the cut-out before it was prepared (None where none), from one tesseract
    run over all of them (its TSV numbers the crops as pages)."""
    paths = []
    for i, crop in enumerate(crops):
        paths.append(folder / f"cell-{i:05d}.png")
        crop.save(paths[-1], dpi=(OCR_DPI * ENLARGE, OCR_DPI * ENLARGE))
    listing = folder / "cells.list"
    listing.write_text("\n".join(str(p) for p in paths) + "\n")
    result = subprocess.run([binary, str(listing), str(folder / "read"), "--psm", "6", "tsv"],
                            capture_output=True, text=True, timeout=60 + 5 * len(paths))
    out = folder / "read.tsv"
    if result.returncode != 0 or not out.exists():
        log.warning("re-reading cells failed (tesseract: %s); they stay as read",
                    result.stderr.strip().splitlines()[-1:])
        return [("", -1.0, None)] * len(crops)
    words = tsv_to_words(out, list(range(len(crops))), OCR_DPI * ENLARGE)
    to_pixels = OCR_DPI * ENLARGE / 72  # the TSV's points back to the prepared crop's pixels
    read: list[tuple[str, float, tuple[float, float] | None]] = []
    for i in range(len(crops)):
        mine = [w for w in words if w.page == i]
        inked = [w for w in mine if any(ch.isalnum() for ch in w.text)]
        span = ((min(w.x0 for w in inked) * to_pixels - MARGIN) / ENLARGE,
                (max(w.x1 for w in inked) * to_pixels - MARGIN) / ENLARGE) if inked else None
        read.append((words_to_text([{"text": w.text, "x0": w.x0, "top": w.top} for w in mine]),
                     min((w.confidence for w in mine), default=-1.0), span))
    return read


def reread_cells(path: Path, tables: list[RawTable], pages: set[int], password: str | None,
                 is_label: Callable[[str], bool] | None = None) -> list[dict[str, object]]:
    """Read again, on scanned ``pages``, the empty cells with print in them, the doubtful ones, and header
    cells that read as no label (``is_label``); returns what was read where (for the manifest). Without
    tesseract, nothing changes."""
    binary = tesseract()
    targets = [t for t in tables if t.page in pages]
    if not binary or not targets:
        return []
    scale = OCR_DPI / 72
    found: list[Target] = []
    crops: list[Image.Image] = []
    pdf = pdfium.PdfDocument(str(path), password=password)
    try:
        for number in sorted({t.page for t in targets}):
            grey = np.asarray(pdf[number - 1].render(scale=scale, grayscale=True).to_pil().convert("L"))
            for table in (t for t in targets if t.page == number):
                merged, bands = merged_boxes(table), band_boxes(table)
                rows_read: dict[int, bool] = {}  # the cells of rows read whole (True: the first): none alone
                for index, (row, rest) in unread_rows(table).items():
                    if has_print(cell_pixels(grey, table.cells[index], scale)) and between_rules(grey, row, scale):
                        found.append(Target(table, index, False, rest, 2, ""))
                        crops += cutouts(grey, row, scale, 2)
                        rows_read.update({index: True, **{i: False for i in rest}})
                for index, cell in enumerate(table.cells):
                    suspect = header_suspect(cell, is_label)
                    whole, rest = merged.get(index, (cell, []))
                    if index in rows_read:
                        if rows_read[index] or holds_unread_print(grey, cell, scale):
                            # Unless the row's reading takes it, its print stays unread, and says so.
                            table.cells[index] = replace(cell, confidence=UNREAD_PRINT)
                    elif index in bands and table.flavor != "words":
                        whole, rest = bands[index]
                        if has_print(cell_pixels(grey, whole, scale)) and ruled_cell(grey, whole, scale):
                            found.append(Target(table, index, False, rest, 2, whole.text))
                            crops += cutouts(grey, whole, scale, 2)
                    elif worth_reading(grey, whole, scale, table.flavor != "words", suspect, table.rows_ruled):
                        header = is_label is not None and (suspect or (cell.row < HEADER_ROWS
                                                                       and not cell.text.strip()))
                        found.append(Target(table, index, suspect, rest, 2 if header else 1))
                        crops += cutouts(grey, whole, scale, 2 if header else 1)
                    elif holds_unread_print(grey, cell, scale):
                        # Not read again (a table without rules: the print may be a neighbour's overflow):
                        # no value, and no confidence in that either.
                        table.cells[index] = replace(cell, confidence=UNREAD_PRINT)
    finally:
        pdf.close()
    if not crops:
        return []
    with temporary_folder() as tmp:
        readings = read_crops(binary, crops, Path(tmp))
    read = []
    position = 0
    for target in found:
        options = readings[position:position + target.crops]
        position += target.crops
        table, index, rest = target.table, target.index, target.rest
        cell = table.cells[index]
        if target.band is not None:
            # A band read whole is taken only where it reads all the page read of it, and more.
            chosen = next((o for o in options if o[1] >= DOUBTFUL and reads_more(target.band, o[0])), None)
            if chosen is None:
                continue
            text, confidence = chosen
            before = target.band
        else:
            # A header cell takes the first cut-out's reading that is a label, else the first's.
            text, confidence = next((o for o in options if is_label is not None
                                     and is_label(" ".join(o[0].split()))), options[0])
            before = cell.text
            if not any(ch.isalnum() for ch in text):
                if not cell.text.strip():
                    table.cells[index] = replace(cell, confidence=UNREAD_PRINT)  # still nothing read of its print
                continue  # rule fragments and specks read as dashes and quotes
            if target.suspect and is_label is not None:
                if not is_label(" ".join(text.split())):
                    continue  # still no label: the page's reading stands
            elif cell.text.strip() and (confidence <= cell.confidence or text == cell.text):
                continue  # read no better alone than on the page
        table.cells[index] = replace(cell, text=text, breaks="", confidence=round(confidence, 1))
        for part in rest:  # their print, if any, was the merged cell's, read now
            table.cells[part] = replace(table.cells[part], text="", breaks="", confidence=-1.0)
        read.append({"page": cell.page, "table": cell.table, "row": cell.row, "col": cell.col, "text": text,
                     "before": before, "confidence": round(confidence, 1)})
    log.info("%s: %d of %d empty or doubtful cells with print read again", path.name, len(read), len(found))
    return read
