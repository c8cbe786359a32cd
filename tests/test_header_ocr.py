"""A scanned header line's labels the page's reading dropped: read again as a strip, only labels added."""
from __future__ import annotations

from pathlib import Path

import pytest
from pictures import DPI, FONT
from PIL import Image, ImageDraw, ImageFont

from extract.header_ocr import header_strips, is_label, labels_missed, read_header_lines
from extract.ocr import tesseract
from extract.ocr_words import OcrWord
from extract.sideways_ocr import HeaderWords

LABELS = HeaderWords(frozenset({"delivery"}), frozenset({"ref", "action", "lead", "partners", "from", "end", "to",
                                                         "indicative", "status"}),
                     frozenset({"ref", "action", "description", "lead", "partners", "from", "end", "to", "status",
                                "indicative", "cost", "(£k)", "delivery", "period", "what", "we", "will", "do"}))


def word(text: str, x0: float, top: float, x1: float, bottom: float, confidence: float = 90.0) -> OcrWord:
    return OcrWord(1, x0, top, x1, bottom, confidence, text)


def test_a_strip_runs_along_each_header_line_and_the_line_under_it() -> None:
    header = [word("Ref", 50.0, 100.0, 62.0, 110.0), word("Action", 90.0, 100.0, 120.0, 110.0),
              word("End", 300.0, 101.0, 315.0, 111.0)]
    assert header_strips(header, LABELS, [1]) == [(1, 96.0, 126.0)]
    # Two labels on a line are prose, not a header; a page not asked for has none.
    assert header_strips(header[:2], LABELS, [1]) == [] and header_strips(header, LABELS, [2]) == []


def test_only_a_labels_word_or_a_year_is_taken_from_a_strip() -> None:
    assert is_label("Partners", LABELS) and is_label("from", LABELS) and is_label("(£k)", LABELS)
    assert is_label("2025/26", LABELS) and is_label("Status:", LABELS)
    # A label's short word that starts none ("we" of "What we will do") is as likely a speck; quarters, the
    # first row's text and specks are no label.
    assert not is_label("we", LABELS) and not is_label("Q1", LABELS) and not is_label("retrofit", LABELS)
    assert not is_label("ee", LABELS) and not is_label("|", LABELS)


def test_a_label_is_added_only_where_the_page_read_nothing_and_surely() -> None:
    read = [word("Lead", 135.0, 73.0, 150.0, 78.0), word("From", 238.0, 73.0, 252.0, 78.0)]
    found = [word("Lead", 134.5, 73.2, 150.5, 78.2, 96.0), word("Partners", 188.0, 73.2, 212.0, 78.2, 96.0),
             word("Status", 308.0, 73.2, 326.0, 78.2, 40.0), word("Q1", 352.0, 80.0, 360.0, 85.0, 95.0),
             word("From", 238.5, 73.0, 252.0, 78.0, 95.0)]
    assert [w.text for w in labels_missed(found, read, LABELS)] == ["Partners"]


@pytest.mark.skipif(tesseract() is None or not FONT.exists(), reason="needs tesseract and DejaVu Sans")
def test_labels_a_page_reading_lost_in_a_shaded_header_are_read_in_their_line(tmp_path: Path) -> None:
    page = Image.new("L", (int(8 * DPI), int(2 * DPI)), 235)
    draw = ImageDraw.Draw(page)
    draw.rectangle((0, 140, page.width, 260), fill=190)  # the header's shaded band
    font = ImageFont.truetype(str(FONT), 34)
    places = {"Ref": 60, "Action": 260, "Lead": 700, "Partners": 1000, "From": 1400, "End": 1700}
    for text, x in places.items():
        draw.text((x, 170), text, font=font, fill=0)
    draw.text((1000, 300), "Schools", font=font, fill=0)  # the first row's
    picture = tmp_path / "page-00001.png"
    page.save(picture, dpi=(DPI, DPI))
    scale = 72 / DPI
    # The page's reading kept four of the labels and the row's word; "Partners" and "From" it lost.
    words = [word(t, x * scale, 170 * scale, (x + 30 * len(t)) * scale, 205 * scale)
             for t, x in places.items() if t not in ("Partners", "From")]
    words.append(word("Schools", 1000 * scale, 300 * scale, 1140 * scale, 335 * scale))
    read = read_header_lines(words, [picture], LABELS, DPI, tesseract() or "", tmp_path)
    added = read[len(words):]
    assert sorted(w.text for w in added) == ["From", "Partners"]
    assert all(abs(w.x0 - places[w.text] * scale) < 3 and abs(w.top - 170 * scale) < 6 for w in added)
