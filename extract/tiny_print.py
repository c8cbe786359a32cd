"""Pages of tiny print (a wide table shrunk to fit its page) → read again at twice the resolution. At
300 dpi a line of 4.5-point type is 19 pixels tall, its small letters 8: too few for tesseract, which loses
the stop in "1.1", reads "C1" as "cl" and a header's labels in pieces. Which pages are tiny is told by the
first reading's own lines, not by the ink: a coarse scan's letters blur into blobs of any size, and enlarging
a page of ordinary print only magnifies its noise."""
from __future__ import annotations

import logging
import subprocess
from pathlib import Path
from typing import TYPE_CHECKING

import pypdfium2 as pdfium

from .ocr_words import OcrWord, tsv_to_words

if TYPE_CHECKING:
    from .ocr import OcrPages

log = logging.getLogger(__name__)

TINY_LINE = 5.5  # points: a page whose usual line of words is shorter is read again, enlarged
ENLARGE = 2  # times the OCR resolution
MIN_LETTERS = 4  # the words whose lines are measured: real words, not specks or marks read as letters


def print_line_height(words: list[OcrWord]) -> float:
    """The median height of the lines the words of four letters or more stand on (0.0 where none)."""
    heights = sorted(w.bottom - w.top for w in words if sum(ch.isalpha() for ch in w.text) >= MIN_LETTERS)
    return heights[len(heights) // 2] if heights else 0.0


def tiny_pages(words: list[OcrWord], pages: list[int]) -> list[int]:
    """The pages whose print, as first read, stands on lines under TINY_LINE points."""
    return [p for p in pages if 0 < print_line_height([w for w in words if w.page == p]) < TINY_LINE]


def read_tiny_print_enlarged(path: Path, password: str | None, done: OcrPages, binary: str, folder: Path
                             ) -> tuple[list[OcrWord], list[int]]:
    """``done.words`` with the words of each page of tiny print replaced by those read from the page rendered
    at ENLARGE times the resolution (turned, cleaned and straightened as before); and those pages."""
    from .ocr import OCR_DPI, OCR_PSM, OCR_THRESHOLDING, cleaned
    from .scan_image import turn_upright

    tiny = tiny_pages(done.words, list(range(1, len(done.pictures) + 1)))
    if not tiny:
        return done.words, []
    dpi = ENLARGE * OCR_DPI
    pdf = pdfium.PdfDocument(str(path), password=password)
    pictures = []
    try:
        for number in tiny:
            image = pdf[number - 1].render(scale=dpi / 72, grayscale=True).to_pil().convert("L")
            if done.turns.get(number):
                image = turn_upright(image, done.turns[number])
            image = cleaned(image, dpi, number in done.despeckled, done.skews.get(number, 0.0))
            pictures.append(folder / f"enlarged-{number:05d}.png")
            image.save(pictures[-1], dpi=(dpi, dpi))
    finally:
        pdf.close()
    listing = folder / "enlarged.txt"
    listing.write_text("\n".join(str(p) for p in pictures) + "\n")
    stem = folder / "enlarged"
    result = subprocess.run([binary, str(listing), str(stem), "--psm", OCR_PSM, "-c",
                             f"thresholding_method={OCR_THRESHOLDING}", "tsv"],
                            capture_output=True, text=True, timeout=60 * max(5, len(pictures)))
    if result.returncode != 0 or not stem.with_suffix(".tsv").exists():
        log.warning("tiny print could not be read enlarged (tesseract: %s): read at %d dpi",
                    result.stderr.strip().splitlines()[-1:], OCR_DPI)
        return done.words, []
    log.info("pages %s: tiny print, read again at %d dpi", ", ".join(map(str, tiny)), dpi)
    enlarged = tsv_to_words(stem.with_suffix(".tsv"), tiny, dpi)
    return [w for w in done.words if w.page not in tiny] + enlarged, tiny
