"""Words tesseract's page layout passed over: read again on the page with every word read blanked out."""
from __future__ import annotations

from pathlib import Path

import pytest
from pictures import DPI, FONT, SCALE, drawn_page
from PIL import Image, ImageDraw

from extract.ocr import tesseract
from extract.ocr_words import OcrWord, on_page_lines
from extract.unread_ink import is_whole_word, read_unread_ink, words_blanked


def word(text: str, x0: float, top: float, x1: float, bottom: float, confidence: float = 90.0) -> OcrWord:
    return OcrWord(1, x0, top, x1, bottom, confidence, text)


def test_words_found_later_take_the_top_and_bottom_of_the_line_they_stand_on() -> None:
    # Seed 16's scan: the sparse reading boxed "Ref" and "To" 2.3 points under the labels they stand between,
    # and the header line was parsed as two. Each takes its nearest neighbour's line on the page; one found
    # beside another found before takes its line; one on no line keeps its box.
    read = [word("Actions", 70, 45.6, 95, 53.3), word("Start", 211, 45.6, 227, 53.3), word("2.1", 47, 78, 54, 83)]
    found = [word("Ref", 47, 46.1, 59, 50.8), word("To", 243, 46.1, 252, 50.8),
             word("Lead", 600, 44.6, 615, 54.0), word("officer", 620, 46.0, 640, 51.0), word("Note", 47, 120, 60, 128),
             word("Team", 213.8, 41.5, 226.3, 52.3)]  # over two lines (seed 18): on neither
    read += [word("Lighting", 184.0, 41.8, 200.4, 45.8)]
    assert [(w.text, w.top, w.bottom) for w in on_page_lines(found, read)] == [
        ("Ref", 45.6, 53.3), ("To", 45.6, 53.3), ("Lead", 45.6, 53.3), ("officer", 45.6, 53.3), ("Note", 120, 128),
        ("Team", 41.5, 52.3)]


def test_a_word_already_read_is_blanked_with_a_margin_and_nothing_else() -> None:
    page = Image.new("L", (300, 100), 0)
    blanked = words_blanked(page, [word("ID", 10 * SCALE, 10 * SCALE, 40 * SCALE, 30 * SCALE)], DPI)
    assert blanked.getpixel((8, 8)) == 255 and blanked.getpixel((42, 32)) == 255  # the margin
    assert blanked.getpixel((50, 50)) == 0 and blanked.getpixel((5, 5)) == 0


def test_rules_are_blanked_and_letters_kept() -> None:
    # Read alone, a rule beside an ID is a letter of it ("|NZ.2" as "INZ.2"): a run of ink 20 pt long or
    # more goes; a letter's stem (10 pt) stays.
    page = Image.new("L", (600, 400), 255)
    draw = ImageDraw.Draw(page)
    draw.line((100, 20, 100, 380), fill=0, width=3)  # 86 pt: a rule
    draw.line((20, 200, 580, 200), fill=0, width=3)
    draw.line((300, 50, 300, 92), fill=0, width=4)  # 10 pt: a letter's stem
    blanked = words_blanked(page, [], DPI)
    assert blanked.getpixel((100, 100)) == 255 and blanked.getpixel((400, 200)) == 255
    assert blanked.getpixel((300, 70)) < 128


def test_only_a_confident_word_of_its_own_is_taken_from_the_second_reading() -> None:
    read = [word("description", 100, 50, 150, 58)]
    assert is_whole_word(word("End", 200, 50, 215, 58), read, DPI)
    assert is_whole_word(word("11", 100, 62, 108, 70), read, DPI)  # the line below: not a sliver of it
    assert not is_whole_word(word("End", 200, 50, 215, 58, confidence=40.0), read, DPI)
    assert not is_whole_word(word("a", 200, 50, 204, 58), read, DPI)  # a mark's reading, or a sliver
    assert not is_whole_word(word("|", 200, 50, 201, 58), read, DPI)
    assert not is_whole_word(word("2k", 200, 50, 210, 53.4), read, DPI)  # a stroke: 3.4 pt among 8 pt lines
    # Right beside a word read before, on its line: a letter its box cut off ("description" + "n").
    assert not is_whole_word(word("ns", 151, 50, 156, 58), read, DPI)


@pytest.mark.skipif(tesseract() is None or not FONT.exists(), reason="needs tesseract and DejaVu Sans")
def test_words_the_first_reading_lost_are_read_where_nothing_was(tmp_path: Path) -> None:
    picture = drawn_page(tmp_path / "page-00001.png", (6 * DPI, 2 * DPI),
                         [((100, 200), "Action description"), ((900, 200), "End date")])
    # The first reading found the action's label only (its layout analysis lost the other block).
    first = [word("Action", 100 * SCALE, 205 * SCALE, 220 * SCALE, 245 * SCALE),
             word("description", 235 * SCALE, 205 * SCALE, 460 * SCALE, 245 * SCALE)]
    out = read_unread_ink(first, [picture], DPI, tesseract() or "", tmp_path)
    assert out[:2] == first
    assert [w.text for w in out[2:]] == ["End", "date"]
    assert all(w.x0 > 880 * SCALE for w in out[2:])


@pytest.mark.skipif(tesseract() is None or not FONT.exists(), reason="needs tesseract and DejaVu Sans")
def test_only_the_pages_asked_for_are_read_again(tmp_path: Path) -> None:
    pictures = [drawn_page(tmp_path / f"page-{number:05d}.png", (6 * DPI, 2 * DPI), [((100, 200), "Partners")])
                for number in (1, 2)]
    out = read_unread_ink([], pictures, DPI, tesseract() or "", tmp_path, pages=[2])
    assert [(w.page, w.text) for w in out] == [(2, "Partners")]
    assert read_unread_ink([], pictures, DPI, tesseract() or "", tmp_path, pages=[]) == []
