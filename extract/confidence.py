"""OCR word confidences → the cells they were read into: each cell of a scanned page carries the lowest
confidence tesseract gave any of its words, kept in raw/ for the analyst and for choosing between two
readings of a cell (cell_ocr.py). Not a review flag: on the scanned samples tesseract scored its misreadings
93–97 and many right cells 50–70."""
from __future__ import annotations

from collections import defaultdict
from dataclasses import replace

from .model import RawTable
from .ocr_words import OcrWord
from .wraps import centre_inside


def words_to_cell_confidence(tables: list[RawTable], words: list[OcrWord]) -> int:
    """Set each cell's ``confidence`` to the lowest of the OCR words whose centre lies in it; returns how
    many cells got one. Cells of pages not OCR'd, and cells with no word, keep -1. Words with no letter
    or digit are left out: a rule read as ``|`` scores near 0, and the normalise stage drops it anyway."""
    by_page: dict[int, list[OcrWord]] = defaultdict(list)
    for word in words:
        if any(ch.isalnum() for ch in word.text):
            by_page[word.page].append(word)
    set_cells = 0
    for table in tables:
        page_words = by_page.get(table.page, [])
        if not page_words:
            continue
        for index, cell in enumerate(table.cells):
            box = (cell.x0, cell.top, cell.x1, cell.bottom)
            inside = [w.confidence for w in page_words if centre_inside(vars(w), box)]
            if inside:
                table.cells[index] = replace(cell, confidence=round(min(inside), 1))
                set_cells += 1
    return set_cells
