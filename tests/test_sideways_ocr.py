"""Year labels set sideways in a scanned header: read again with the picture turned, in the page's frame."""
from __future__ import annotations

from pathlib import Path

import pytest
from pictures import DPI, FONT
from PIL import Image, ImageDraw, ImageFont

from extract.ocr import tesseract
from extract.ocr_words import OcrWord
from extract.sideways_ocr import HeaderWords, label_bands, read_sideways_years, turned_back

GANTT = HeaderWords(frozenset({"delivery"}), frozenset({"theme", "action", "from", "end"}))


def word(text: str, x0: float, top: float, x1: float, bottom: float, confidence: float = 90.0) -> OcrWord:
    return OcrWord(1, x0, top, x1, bottom, confidence, text)


def test_a_word_read_turned_is_boxed_where_it_stands_on_the_page() -> None:
    band = (100.0, 50.0, 300.0, 150.0)  # 200 pt wide, 100 pt tall
    # Turned clockwise, the crop is 100 wide and 200 tall; a word at its top left came from the band's
    # bottom left, running up the page.
    up = turned_back(word("2025-26", 10.0, 20.0, 60.0, 30.0), -90, 200.0, 100.0, band)
    assert (up.x0, up.x1, up.top, up.bottom, up.upright) == (120.0, 130.0, 90.0, 140.0, False)
    down = turned_back(word("2025-26", 10.0, 20.0, 60.0, 30.0), 90, 200.0, 100.0, band)
    assert (down.x0, down.x1, down.top, down.bottom) == (270.0, 280.0, 60.0, 110.0)


def test_bands_lie_under_a_gantt_label_only_where_no_year_was_read() -> None:
    label = word("Delivery", 400.0, 100.0, 440.0, 110.0)
    assert label_bands([label, word("Period", 445.0, 100.0, 480.0, 110.0)], GANTT, 800.0) == [
        (380.0, 110.0, 800.0, 220.0)]
    assert label_bands([label, word("2025-26", 400.0, 120.0, 440.0, 130.0)], GANTT, 800.0) == []
    assert label_bands([word("delivery", 400.0, 100.0, 440.0, 110.0)], GANTT, 800.0) == []


def test_with_no_gantt_label_the_band_runs_along_a_header_line() -> None:
    # Years in narrow columns of their own ("24/25"), no "Delivery Period" over them: along the header.
    header = [word("Theme", 50.0, 100.0, 80.0, 110.0), word("Action", 120.0, 100.0, 150.0, 110.0),
              word("From", 600.0, 101.0, 625.0, 111.0)]
    assert label_bands(header, GANTT, 800.0) == [(0.0, 90.0, 800.0, 210.0)]
    # A Gantt label's word in a row's text far below ("Programme …") does not stand in for the header's band.
    prose = word("Delivery", 140.0, 420.0, 180.0, 430.0)
    assert label_bands(header + [prose], GANTT, 800.0) == [(120.0, 430.0, 800.0, 540.0), (0.0, 90.0, 800.0, 210.0)]
    # A Gantt label on the header's line has the band: the line's is not read again.
    assert label_bands(header + [word("Delivery", 400.0, 100.0, 440.0, 110.0)], GANTT, 800.0) == [
        (380.0, 110.0, 800.0, 220.0)]
    # Two label words on a line are prose, or a table too small to tell.
    assert label_bands(header[:2] + [word("from", 600.0, 101.0, 625.0, 111.0)], GANTT, 800.0) == []


@pytest.mark.skipif(tesseract() is None or not FONT.exists(), reason="needs tesseract and DejaVu Sans")
def test_years_set_sideways_replace_the_specks_ocr_read_for_them(tmp_path: Path) -> None:
    page = Image.new("L", (int(8 * DPI), int(3 * DPI)), 255)
    draw = ImageDraw.Draw(page)
    font = ImageFont.truetype(str(FONT), 36)
    draw.text((600, 150), "Delivery Period", font=font, fill=0)
    for k, year in enumerate(("2024-25", "2025-26", "2026-27")):
        label = Image.new("L", (220, 50), 255)
        ImageDraw.Draw(label).text((5, 5), year, font=font, fill=0)
        page.paste(label.rotate(90, expand=True), (620 + 90 * k, 230))  # reads up the page
    picture = tmp_path / "page-00001.png"
    page.save(picture, dpi=(DPI, DPI))
    scale = 72 / DPI
    specks = word("NANA", 620 * scale, 330 * scale, 900 * scale, 350 * scale, 10.0)  # across the labels
    words = [word("Delivery", 600 * scale, 150 * scale, 760 * scale, 190 * scale), specks]
    read = read_sideways_years(words, [picture], GANTT, DPI, tesseract() or "", tmp_path)
    sideways = sorted((w for w in read if not w.upright), key=lambda w: w.x0)
    assert [w.text for w in sideways] == ["2024-25", "2025-26", "2026-27"]
    assert specks not in read and all(w.bottom - w.top > w.x1 - w.x0 for w in sideways)  # tall and narrow
    assert all(620 * scale - 1 <= w.x0 <= 900 * scale for w in sideways)
