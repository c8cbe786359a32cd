"""Tiny print: told by the first reading's own lines, and read again enlarged."""
from __future__ import annotations

from pathlib import Path

import pytest
from PIL import Image, ImageDraw, ImageFont

from extract.ocr import ocr_pdf, tesseract
from extract.ocr_words import OcrWord
from extract.tiny_print import print_line_height, tiny_pages

FONT = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")


def line(page: int, top: float, height: float, texts: list[str]) -> list[OcrWord]:
    return [OcrWord(page, 40.0 * k, top, 40.0 * k + 30, top + height, 90.0, t) for k, t in enumerate(texts)]


def test_a_page_is_tiny_print_by_the_height_of_its_words_lines() -> None:
    words = line(1, 100, 4.6, ["Planting", "schools", "water", "1.1"]) + line(1, 110, 4.6, ["across", "homes"])
    words += line(2, 100, 6.7, ["Planting", "schools", "water"])  # ordinary small print: read as it is
    words += line(2, 120, 30.0, ["a", "|", "8"])  # marks and specks in tall boxes are no words to measure
    assert abs(print_line_height([w for w in words if w.page == 1]) - 4.6) < 1e-9
    assert tiny_pages(words, [1, 2, 3]) == [1]  # page 3 read nothing: not tiny, nothing to say


@pytest.mark.skipif(tesseract() is None or not FONT.exists(), reason="needs tesseract and DejaVu Sans")
def test_a_scan_of_tiny_print_is_read_again_enlarged(tmp_path: Path) -> None:
    # 4-point type scanned at 300 dpi (lines 17 pixels apart): the page is read again at 600 dpi.
    page = Image.new("L", (2480, 1200), 255)
    draw = ImageDraw.Draw(page)
    font = ImageFont.truetype(str(FONT), 17)
    for k in range(30):
        draw.text((150, 150 + 24 * k), f"{k % 9 + 1}.{k % 4 + 1} Planting schools across the county with water "
                                       "and energy partners", font=font, fill=0)
    pdf = tmp_path / "tiny.pdf"
    page.save(pdf, resolution=300)
    done = ocr_pdf(pdf, None, {}, tmp_path)
    assert done.enlarged == [1]
    read = " ".join(w.text for w in done.words)
    assert read.count("Planting") >= 25 and read.count("partners") >= 25
