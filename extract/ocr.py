"""Scanned pages → a PDF with a text layer we can trust: render each page, straighten it (the skew is
measured on the table's own rules), OCR it with tesseract. Used for image-only PDFs and for scans that are
skewed; a straight scan with its own OCR layer is read as it is.

Tesseract writes the PDF and, in the same run, its words with their boxes and confidences (TSV): the
parsers take the words from there, and each cell keeps the lowest confidence of its words (raw/)."""
from __future__ import annotations

import logging
import os
import re
import shutil
import subprocess
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import pypdfium2 as pdfium

from .errors import InputError
from .leftovers import remove_abandoned
from .ocr_words import OcrWord, tsv_to_words

if TYPE_CHECKING:
    from PIL import Image

log = logging.getLogger(__name__)
OCR_DPI = 300
# Gaussian blur (pixels at OCR_DPI) before OCR. A scan saved through JPEG and rendered up to OCR_DPI has
# block edges and stair-stepped strokes that tesseract reads as other letters ("o" as "a": "thraugh",
# "gaals"); a pixel of blur smooths them away and leaves a clean scan's reading as it was (measured on the
# scanned samples: words read right 1373 → 1384 of 1393 on the rough one, 1392 → 1392 on the clean ones).
OCR_BLUR = 1.0
# A 3-pixel median filter first on a speckled page: speckle (single dark pixels, a photocopier's toner
# dust) breaks letters apart ("A c t i o n") and joins words; the median removes it (a noisy, darkened
# header read "Action ID … Partners … End date" after it, "CLile -meel Teemimionn" before). On a clean
# or merely coarse scan it thins small print instead (scanned-rough: "Transport" read "Hiraneport"), so
# it is used only where isolated dark pixels are more than SPECKLE of the page.
OCR_MEDIAN = 3
# Tesseract's page segmentation: its default, automatic (3). Sparse text (11) was tried: it read a short
# ID beside a rule right on one random scan ("1.1", which 3 read "g Bi"), but on the scanned samples it
# misread more IDs ("T1" as "BEY", "C1" as "Cl") and lost no fewer words, so 3 stays; a doubtful short
# cell is read again on its own instead (cell_ocr.py).
OCR_PSM = "3"
# Tesseract binarises the page before reading it; by default with one threshold for the whole page (Otsu),
# which turns a header row on grey shading, darkened by a photocopier, into a black band ("Ref cpecctsat
# NMED Key partners"). Sauvola's method (2) thresholds each part of the page by its own neighbourhood and
# read the same header "Ref Actions Key partners Lead team From To Delivery Period 2024/25 …".
OCR_THRESHOLDING = "2"
MIN_ORIENTATION_CONFIDENCE = 2.0  # tesseract's OSD confidence below which a page is left as it lies
OCR_TEMP = re.compile(r"^appendix-ocr-(\d+)-")


def tesseract() -> str | None:
    """The tesseract binary, or None. ``APPENDIX_TESSERACT`` names another (empty: OCR unavailable)."""
    override = os.environ.get("APPENDIX_TESSERACT")
    if override is not None:
        return shutil.which(override) if override else None
    return shutil.which("tesseract")


def require_tesseract(why: str) -> str:
    found = tesseract()
    if not found:
        raise InputError(f"{why} and no OCR is available: install tesseract (apt-get install tesseract-ocr) "
                         "and run again, or OCR the PDF first (e.g. ocrmypdf)")
    return found


def osd_turn(image: Image.Image, dpi: int, binary: str, path: Path) -> tuple[int, float]:
    """Tesseract's orientation detection on ``image``: (degrees to turn clockwise, its confidence)."""
    image.save(path, dpi=(dpi, dpi))
    try:
        result = subprocess.run([binary, str(path), "stdout", "--psm", "0"], capture_output=True, text=True,
                                timeout=120)
    except subprocess.TimeoutExpired:
        return 0, 0.0
    finally:
        path.unlink(missing_ok=True)
    turn = re.search(r"Rotate: (\d+)", result.stdout)
    confidence = re.search(r"Orientation confidence: ([\d.]+)", result.stdout)
    if not (turn and confidence):
        return 0, 0.0
    return int(turn.group(1)) % 360, float(confidence.group(1))


def page_turn(image: Image.Image, binary: str, folder: Path, number: int) -> int:
    """Degrees (0, 90, 180, 270) to turn a page clockwise so that its text reads upright, by tesseract's
    orientation detection on a half-size copy, checked on the page itself where the copy leaves it unsure
    (small print on a coarse scan, sideways: the half-size copy read it as Tamil, the page as Latin) or
    says to turn it (a sparse, darkened page the copy took for upside down at a confidence of 4, the page
    itself upright at 10); the surer reading wins. 0 where it cannot tell (too little text)."""
    path = folder / f"osd-{number:05d}.png"
    turn, confidence = osd_turn(image.reduce(2), OCR_DPI // 2, binary, path)
    if confidence < MIN_ORIENTATION_CONFIDENCE or turn:
        full_turn, full_confidence = osd_turn(image, OCR_DPI, binary, path)
        if full_confidence >= confidence or confidence < MIN_ORIENTATION_CONFIDENCE:
            turn, confidence = full_turn, full_confidence
    return turn if confidence >= MIN_ORIENTATION_CONFIDENCE else 0


@dataclass
class OcrPages:
    """The OCR'd copy of a PDF and what was done to each page's picture first."""

    pdf: Path
    skews: dict[int, float] = field(default_factory=dict)  # page → degrees straightened by
    turns: dict[int, int] = field(default_factory=dict)  # page → degrees turned clockwise (sideways pages)
    despeckled: list[int] = field(default_factory=list)  # pages read through the median filter
    words: list[OcrWord] = field(default_factory=list)  # every word read, with its confidence
    pictures: list[Path] = field(default_factory=list)  # each page as OCR'd (turned, straightened), in order


def ocr_pdf(path: Path, password: str | None, skews: dict[int, float], folder: Path) -> OcrPages:
    """Every page rendered, turned upright (tesseract's orientation detection), straightened by its skew
    (measured here where ``skews`` has none for it: every page on its own), and OCR'd into
    ``folder/ocr.pdf`` (same pages, same order, so page numbers stay the PDF's own)."""
    # Imported here, as the other picture work of scans is: a born-digital run never loads numpy or Pillow.
    import numpy as np

    from .scan_image import SPECKLE, picture_skew, speckle_share, turn_upright

    binary = require_tesseract("the PDF needs OCR")
    pdf = pdfium.PdfDocument(str(path), password=password)
    pictures = []
    done = OcrPages(folder / "ocr.pdf")
    try:
        for i in range(len(pdf)):
            number = i + 1
            image = pdf[i].render(scale=OCR_DPI / 72, grayscale=True).to_pil().convert("L")
            turn = page_turn(image, binary, folder, number)
            if turn:
                image = turn_upright(image, turn)
                done.turns[number] = turn
            if number in skews and not turn:
                angle = skews[number]
            else:
                angle = picture_skew(image, OCR_DPI)
            done.skews[number] = angle
            if speckle_share(np.asarray(image)) > SPECKLE:
                done.despeckled.append(number)
            image = cleaned(image, OCR_DPI, number in done.despeckled, angle)
            pictures.append(folder / f"page-{number:05d}.png")
            image.save(pictures[-1], dpi=(OCR_DPI, OCR_DPI))
    finally:
        pdf.close()
    log.info("%s: OCR of %d pages with tesseract", path.name, len(pictures))
    failed = pictures_to_tsv(binary, pictures, folder / "ocr", OCR_PSM, also_pdf=True)
    if failed is not None or not done.pdf.exists():
        raise InputError(f"OCR failed (tesseract: {failed}): check the PDF opens and tesseract works "
                         "(tesseract --version)")
    done.words = tsv_to_words(folder / "ocr.tsv", list(range(1, len(pictures) + 1)), OCR_DPI)
    done.pictures = pictures
    return done


def pictures_to_tsv(binary: str, pictures: list[Path], stem: Path, psm: str, also_pdf: bool = False) -> str | None:
    """One tesseract run over ``pictures`` (each a page, in order; binarised by OCR_THRESHOLDING) into
    ``stem``.tsv (and ``stem``.pdf with ``also_pdf``); None where it was written, else what went wrong."""
    listing = stem.with_suffix(".txt")
    listing.write_text("\n".join(str(p) for p in pictures) + "\n")
    result = subprocess.run([binary, str(listing), str(stem), "--psm", psm, "-c",
                             f"thresholding_method={OCR_THRESHOLDING}", *(["pdf"] if also_pdf else []), "tsv"],
                            capture_output=True, text=True, timeout=60 * max(5, len(pictures)))
    if result.returncode != 0 or not stem.with_suffix(".tsv").exists():
        return " ".join(result.stderr.strip().splitlines()[-1:]) or f"exit status {result.returncode}"
    return None


def pictures_to_words(binary: str, pictures: list[Path], stem: Path, psm: str, pages: list[int], dpi: int,
                      lost: str) -> list[OcrWord] | None:
    """The words one tesseract run reads in ``pictures`` (picture i on page ``pages[i]``, at ``dpi``); None
    where it failed, logged with what is ``lost`` for want of it."""
    failed = pictures_to_tsv(binary, pictures, stem, psm)
    if failed is not None:
        log.warning("%s (tesseract: %s)", lost, failed)
        return None
    return tsv_to_words(stem.with_suffix(".tsv"), pages, dpi)


def cleaned(image: Image.Image, dpi: int, despeckle: bool, angle: float) -> Image.Image:
    """A page's picture, turned upright, made ready for tesseract: speckle taken out (``despeckle``), JPEG's
    block edges blurred away, straightened by ``angle``; the filters sized for ``dpi``."""
    from PIL import ImageFilter

    from .scan_image import straighten

    scale = dpi / OCR_DPI
    if despeckle:
        image = image.filter(ImageFilter.MedianFilter(2 * round(scale * (OCR_MEDIAN // 2)) + 1))
    return straighten(image.filter(ImageFilter.GaussianBlur(OCR_BLUR * scale)), angle)


def needs_ocr(has_text: list[bool], skews: dict[int, float]) -> bool:
    """OCR when no page has text, or when the scanned pages are skewed enough to defeat table detection."""
    if not any(has_text):
        return True
    if not skews:
        return False
    from .scan_image import MIN_SKEW  # skews are measured on scanned pages only: picture work is loaded

    return max(abs(a) for a in skews.values()) >= MIN_SKEW


def temporary_folder() -> tempfile.TemporaryDirectory[str]:
    """A folder for page images and tesseract's output, named with this process's PID; those of killed
    runs (their process gone) are removed first."""
    remove_abandoned(Path(tempfile.gettempdir()), OCR_TEMP)
    return tempfile.TemporaryDirectory(prefix=f"appendix-ocr-{os.getpid()}-")
