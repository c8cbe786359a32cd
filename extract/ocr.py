"""Scanned pages → a PDF with a text layer we can trust: render each page, straighten it (the skew is
measured on the table's own rules), OCR it with tesseract. Used for image-only PDFs and for scans that are
skewed; a straight scan with its own OCR layer is read as it is."""
from __future__ import annotations

import logging
import os
import re
import shutil
import subprocess
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pypdfium2 as pdfium
from PIL import Image, ImageFilter

from .errors import InputError
from .leftovers import remove_abandoned
from .scan_image import MIN_SKEW, SPECKLE, picture_skew, speckle_share, straighten, turn_upright

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


def page_turn(image: Image.Image, binary: str, folder: Path, number: int) -> int:
    """Degrees (0, 90, 180, 270) to turn a page clockwise so that its text reads upright, by tesseract's
    orientation detection on a half-size copy; 0 where it cannot tell (too little text, low confidence)."""
    path = folder / f"osd-{number:05d}.png"
    image.reduce(2).save(path, dpi=(OCR_DPI // 2, OCR_DPI // 2))
    try:
        result = subprocess.run([binary, str(path), "stdout", "--psm", "0"], capture_output=True, text=True,
                                timeout=120)
    except subprocess.TimeoutExpired:
        return 0
    finally:
        path.unlink(missing_ok=True)
    turn = re.search(r"Rotate: (\d+)", result.stdout)
    confidence = re.search(r"Orientation confidence: ([\d.]+)", result.stdout)
    if turn and confidence and float(confidence.group(1)) >= MIN_ORIENTATION_CONFIDENCE:
        return int(turn.group(1)) % 360
    return 0


@dataclass
class OcrPages:
    """The OCR'd copy of a PDF and what was done to each page's picture first."""

    pdf: Path
    skews: dict[int, float] = field(default_factory=dict)  # page → degrees straightened by
    turns: dict[int, int] = field(default_factory=dict)  # page → degrees turned clockwise (sideways pages)
    despeckled: list[int] = field(default_factory=list)  # pages read through the median filter


def ocr_pdf(path: Path, password: str | None, skews: dict[int, float], folder: Path) -> OcrPages:
    """Every page rendered, turned upright (tesseract's orientation detection), straightened by its skew
    (measured here where ``skews`` has none for it: every page on its own), and OCR'd into
    ``folder/ocr.pdf`` (same pages, same order, so page numbers stay the PDF's own)."""
    binary = require_tesseract("the PDF needs OCR")
    pdf = pdfium.PdfDocument(str(path), password=password)
    images = []
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
                image = image.filter(ImageFilter.MedianFilter(OCR_MEDIAN))
                done.despeckled.append(number)
            image = image.filter(ImageFilter.GaussianBlur(OCR_BLUR))
            image = straighten(image, angle)
            out = folder / f"page-{number:05d}.png"
            image.save(out, dpi=(OCR_DPI, OCR_DPI))
            images.append(out)
    finally:
        pdf.close()
    listing = folder / "pages.txt"
    listing.write_text("\n".join(str(p) for p in images) + "\n")
    log.info("%s: OCR of %d pages with tesseract", path.name, len(images))
    result = subprocess.run([binary, str(listing), str(folder / "ocr"), "pdf"], capture_output=True, text=True,
                            timeout=60 * max(5, len(images)))
    if result.returncode != 0 or not (folder / "ocr.pdf").exists():
        raise InputError(f"OCR failed (tesseract: {result.stderr.strip().splitlines()[-1:]}): "
                         "check the PDF opens and tesseract works (tesseract --version)")
    return done


def needs_ocr(has_text: list[bool], skews: dict[int, float]) -> bool:
    """OCR when no page has text, or when the scanned pages are skewed enough to defeat table detection."""
    if not any(has_text):
        return True
    return bool(skews) and max(abs(a) for a in skews.values()) >= MIN_SKEW


def temporary_folder() -> tempfile.TemporaryDirectory[str]:
    """A folder for page images and tesseract's output, named with this process's PID; those of killed
    runs (their process gone) are removed first."""
    remove_abandoned(Path(tempfile.gettempdir()), OCR_TEMP)
    return tempfile.TemporaryDirectory(prefix=f"appendix-ocr-{os.getpid()}-")
