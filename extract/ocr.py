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

import cv2
import numpy as np
import pypdfium2 as pdfium
from PIL import Image, ImageFilter

from .errors import InputError
from .leftovers import remove_abandoned

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
SPECKLE = 1e-4  # isolated dark pixels per pixel: 0 on a clean scan, 4e-5 on a 150-dpi JPEG, 3e-4+ speckled
SKEW_DPI = 100
MAX_SKEW = 5.0  # degrees; beyond this the page is probably not a skewed table
MIN_ORIENTATION_CONFIDENCE = 2.0  # tesseract's OSD confidence below which a page is left as it lies
MIN_SKEW = 0.2  # degrees; less than this is left alone
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


def skew_angle(gray: np.ndarray) -> float:
    """The page's skew in degrees (anticlockwise positive), from the long near-horizontal lines on it:
    a table's rules are the straightest thing on the page. 0.0 where none are found."""
    edges = cv2.Canny(gray, 50, 150)
    width = gray.shape[1]
    # A half-degree angle step finds the lines; their own end points give the angle to a fraction of that.
    lines = cv2.HoughLinesP(edges, 1, np.pi / 360, threshold=100, minLineLength=width // 4, maxLineGap=10)
    if lines is None:
        return 0.0
    angles = []
    for x1, y1, x2, y2 in np.asarray(lines).reshape(-1, 4):
        angle = float(np.degrees(np.arctan2(y1 - y2, x2 - x1)))
        if abs(angle) <= MAX_SKEW:
            angles.append(angle)
    return refine_skew(gray, float(np.median(angles))) if angles else 0.0


def projection_score(ink: np.ndarray, angle: float) -> float:
    """How sharply the page's ink falls into rows when turned back by ``angle``: straight rules and text
    lines make tall, narrow peaks in the row sums, a skew smears them."""
    h, w = ink.shape
    turn = cv2.getRotationMatrix2D((w / 2, h / 2), -angle, 1.0)
    rows = cv2.warpAffine(ink, turn, (w, h), flags=cv2.INTER_NEAREST).sum(axis=1, dtype=np.float64)
    return float(np.square(np.diff(rows)).sum())


def refine_skew(gray: np.ndarray, around: float) -> float:
    """The Hough lines' angle refined by the projection profile: their end points are a pixel apart at
    best, which at 100 dpi is half a degree; the rows of ink are sharpest at the true angle."""
    ink = (gray < 128).astype(np.uint8)
    best = around
    for step, reach in ((0.1, 0.8), (0.02, 0.1)):
        angles = np.arange(best - reach, best + reach + step / 2, step)
        best = float(max(angles, key=lambda a: projection_score(ink, float(a))))
    return round(best, 2)


def page_skews(path: Path, pages: list[int], password: str | None) -> dict[int, float]:
    pdf = pdfium.PdfDocument(str(path), password=password)
    try:
        out = {}
        for number in pages:
            image = pdf[number - 1].render(scale=SKEW_DPI / 72, grayscale=True).to_pil().convert("L")
            out[number] = skew_angle(np.asarray(image))
        return out
    finally:
        pdf.close()


def turn_upright(image: Image.Image, turn: int) -> Image.Image:
    """A page picture turned ``turn`` degrees clockwise (its size swapped for 90 and 270)."""
    return image.rotate(-turn, expand=True) if turn else image


def straighten(image: Image.Image, angle: float) -> Image.Image:
    """A page image turned back by its measured skew (about its centre, same size), where the skew is
    large enough to matter: the frame the OCR'd text layer, and so every cell box, is in."""
    if abs(angle) < MIN_SKEW:
        return image
    fill = 255 if image.mode == "L" else (255,) * len(image.getbands())
    return image.rotate(-angle, resample=Image.Resampling.BICUBIC, expand=False, fillcolor=fill)


def speckle_share(gray: np.ndarray) -> float:
    """Dark pixels with at most one dark neighbour, as a share of the page: a scan's speckle (print's
    strokes are never one pixel alone at OCR_DPI)."""
    ink = (gray < np.median(gray) - 60).astype(np.uint8)
    neighbours = cv2.filter2D(ink, -1, np.ones((3, 3), np.float32), borderType=cv2.BORDER_CONSTANT)
    return float(((ink == 1) & (neighbours <= 2)).sum()) / max(ink.size, 1)


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
                small = image.resize((image.width * SKEW_DPI // OCR_DPI, image.height * SKEW_DPI // OCR_DPI))
                angle = skew_angle(np.asarray(small))
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
