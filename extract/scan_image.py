"""A scanned page's picture: how far it is skewed (and turned back straight), which way up it lies, and
how speckled it is. Used by the OCR stage before tesseract reads the page, and by the report to show the
page in the frame the parser read it in."""
from __future__ import annotations

from pathlib import Path

import numpy as np
import pypdfium2 as pdfium
from PIL import Image

SKEW_DPI = 100
MAX_SKEW = 5.0  # degrees; beyond this the page is probably not a skewed table
MIN_SKEW = 0.2  # degrees; less than this is left alone
SPECKLE = 1e-4  # isolated dark pixels per pixel: 0 on a clean scan, 4e-5 on a 150-dpi JPEG, 3e-4+ speckled


def skew_angle(gray: np.ndarray) -> float:
    """The page's skew in degrees (anticlockwise positive): where the rows of ink are sharpest, searched
    from the long near-horizontal lines on the page (a table's rules are the straightest thing on it) and
    over the whole range in quarter degrees, whichever is sharper, then refined. 0.0 on a page with no
    ink. (The lines alone can mislead: on a page where a short table's rules and a Gantt's marks make as
    many lines as the long table's, their median was 0.0 or -1.2 for a page skewed 1.0.)"""
    import cv2  # only scans need OpenCV: a born-digital run never loads it
    ink = (gray < 128).astype(np.uint8)
    if not ink.any():
        return 0.0
    starts = [float(a) for a in np.arange(-MAX_SKEW, MAX_SKEW + 0.125, 0.25)]
    edges = cv2.Canny(gray, 50, 150)
    width = gray.shape[1]
    # A half-degree angle step finds the lines; their own end points give the angle to a fraction of that.
    lines = cv2.HoughLinesP(edges, 1, np.pi / 360, threshold=100, minLineLength=width // 4, maxLineGap=10)
    if lines is not None:
        ends = np.asarray(lines).reshape(-1, 4)
        angles = [float(np.degrees(np.arctan2(y1 - y2, x2 - x1))) for x1, y1, x2, y2 in ends]
        angles = [a for a in angles if abs(a) <= MAX_SKEW]
        if angles:
            starts.append(float(np.median(angles)))
    return refine_skew(gray, max(starts, key=lambda a: projection_score(ink, a)))


def projection_score(ink: np.ndarray, angle: float) -> float:
    """How sharply the page's ink falls into rows when turned back by ``angle``: straight rules and text
    lines make tall, narrow peaks in the row sums, a skew smears them."""
    import cv2  # only scans need OpenCV: a born-digital run never loads it
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
    import cv2  # only scans need OpenCV: a born-digital run never loads it
    ink = (gray < np.median(gray) - 60).astype(np.uint8)
    neighbours = cv2.filter2D(ink, -1, np.ones((3, 3), np.float32), borderType=cv2.BORDER_CONSTANT)
    return float(((ink == 1) & (neighbours <= 2)).sum()) / max(ink.size, 1)


def picture_skew(image: Image.Image, dpi: int) -> float:
    """The skew of a page picture rendered at ``dpi``, measured on a SKEW_DPI copy."""
    small = image.resize((image.width * SKEW_DPI // dpi, image.height * SKEW_DPI // dpi))
    return skew_angle(np.asarray(small.convert("L")))
