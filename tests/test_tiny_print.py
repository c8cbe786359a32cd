"""Tiny print: told by the first reading's own lines, read again enlarged, and kept only where it parses
into more."""
from __future__ import annotations

from pathlib import Path

import pytest
from PIL import Image, ImageDraw, ImageFont

from extract.model import RawCell, RawTable
from extract.ocr import ocr_pdf, tesseract
from extract.ocr_words import OcrWord
from extract.readings import Held, Reading, best_reading, holds_more, ocr_readings, tables_held
from extract.sideways_ocr import HeaderWords
from extract.tiny_print import first_words_kept, large_type_kept, print_line_height, tiny_pages
from normalise.vocabulary import load_vocabulary

FONT = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")


def line(page: int, top: float, height: float, texts: list[str]) -> list[OcrWord]:
    return [OcrWord(page, 40.0 * k, top, 40.0 * k + 30, top + height, 90.0, t) for k, t in enumerate(texts)]


def test_a_page_is_tiny_print_by_the_height_of_its_words_lines() -> None:
    words = line(1, 100, 4.6, ["Planting", "schools", "water", "1.1"]) + line(1, 110, 4.6, ["across", "homes"])
    words += line(2, 100, 6.7, ["Planting", "schools", "water"])  # ordinary small print: read as it is
    words += line(2, 120, 30.0, ["a", "|", "8"])  # marks and specks in tall boxes are no words to measure
    assert abs(print_line_height([w for w in words if w.page == 1]) - 4.6) < 1e-9
    assert tiny_pages(words, [1, 2, 3]) == [1]  # page 3 read nothing: not tiny, nothing to say


def test_a_line_of_large_type_is_kept_as_first_read_whole() -> None:
    # The plan's title, in type twice the table's, read well at 300 dpi and worse enlarged ("Heduction").
    first = line(1, 40, 9.0, ["Carbon", "Reduction", "Plan"]) + line(1, 100, 4.6, ["1", "Plantng", "trees"])
    first += line(1, 110, 4.6, ["Lead", "Parks", "team"])
    enlarged = [OcrWord(1, 0, 36, 30, 54, 96.0, "Carbon"), OcrWord(1, 40, 38, 70, 52, 24.0, "Heduction")]
    enlarged += line(1, 100, 4.8, ["1.1", "Planting", "trees"]) + line(1, 110, 4.6, ["Lead", "Parks", "team"])
    kept = large_type_kept(first, enlarged, [1])
    assert [w.text for w in kept] == ["Carbon", "Reduction", "Plan", "1.1", "Planting", "trees", "Lead", "Parks",
                                      "team"]
    assert kept[:3] == first[:3]  # boxed as first read: one line, not two readings' boxes apart
    assert large_type_kept(first, enlarged, [2]) == []


def table(texts: list[list[str]], confidence: float = -1.0) -> RawTable:
    cells = [RawCell(1, 0, r, c, 10.0 * c, 10.0 * r, 10.0 * c + 9, 10.0 * r + 9, text, "",
                     confidence=confidence if text else -1.0)
             for r, row in enumerate(texts) for c, text in enumerate(row)]
    return RawTable(0, 1, 1, "lattice", 0, 0, 100, 100, len(texts), len(texts[0]), 99.0, 0.0, "", cells=cells)


def test_a_reading_holds_its_distinct_ids_its_header_labels_and_how_sure_its_cells_were() -> None:
    vocabulary = load_vocabulary(None)
    read = table([["Action ID", "Action", "Lead"], ["1.1", "Plant trees", "Parks"], ["1.2", "Cycle lanes", ""],
                  ["1.2", "(continued)", ""]], confidence=90.0)
    assert tables_held([read], vocabulary) == Held(2, 3, 90.0)
    # Two rows run together (their IDs in one cell): fewer IDs, whatever its confidence.
    merged = table([["Action ID", "Action", "Lead"], ["1.1 1.2", "Plant trees Cycle lanes", "Parks"]], 95.0)
    assert tables_held([merged], vocabulary) == Held(1, 3, 95.0)
    assert holds_more(tables_held([read], vocabulary), tables_held([merged], vocabulary))
    assert not holds_more(tables_held([merged], vocabulary), tables_held([read], vocabulary))
    assert tables_held([], vocabulary) == Held(0, 0, 0.0)


def test_as_many_ids_the_surer_reading_wins_unless_its_header_fell_apart() -> None:
    first = Held(ids=7, labels=29, confidence=77.1)
    assert holds_more(Held(7, 26, 82.4), first)  # a label or two fewer: the surer reading
    assert not holds_more(Held(7, 12, 82.4), first)  # the header read in pieces: its table's columns lost
    assert not holds_more(Held(7, 29, 76.0), first)
    assert not holds_more(first, first)  # a tie keeps the reading already held
    # As many IDs, with a header cut off its table into a table of its own: the reading whole wins,
    # however many more labels the pieces count and however surer its cells.
    assert not holds_more(Held(7, 46, 90.0, pieces=1), first)
    assert holds_more(first, Held(7, 46, 90.0, pieces=1))


def test_the_reading_kept_is_the_one_whose_tables_hold_more() -> None:
    vocabulary = load_vocabulary(None)
    lost = table([["Action ID", "Action"], ["11", "Plant trees"], ["11", "Cycle lanes"]], 70.0)  # stops lost
    read = table([["Action ID", "Action"], ["1.1", "Plant trees"], ["1.2", "Cycle lanes"]], 90.0)
    first, enlarged = Reading([], []), Reading([1], [])
    by_reading = {id(first): lost, id(enlarged): read}
    assert best_reading("a.pdf", [first, enlarged], lambda r: ([by_reading[id(r)]], r), vocabulary) is enlarged
    by_reading = {id(first): read, id(enlarged): lost}
    assert best_reading("a.pdf", [first, enlarged], lambda r: ([by_reading[id(r)]], r), vocabulary) is first


@pytest.mark.skipif(tesseract() is None or not FONT.exists(), reason="needs tesseract and DejaVu Sans")
def test_a_scan_of_tiny_print_is_read_again_enlarged(tmp_path: Path) -> None:
    # 4-point type scanned at 300 dpi (lines 17 pixels apart): a second reading has the page at 600 dpi.
    page = Image.new("L", (2480, 1200), 255)
    draw = ImageDraw.Draw(page)
    font = ImageFont.truetype(str(FONT), 17)
    for k in range(30):
        draw.text((150, 150 + 24 * k), f"{k % 9 + 1}.{k % 4 + 1} Planting schools across the county with water "
                                       "and energy partners", font=font, fill=0)
    pdf = tmp_path / "tiny.pdf"
    page.save(pdf, resolution=300)
    done = ocr_pdf(pdf, None, {}, tmp_path)
    readings = ocr_readings(pdf, None, done, HeaderWords(frozenset({"delivery"})), 300, tesseract() or "", tmp_path)
    assert [reading.enlarged for reading in readings] == [[], [1]]
    read = " ".join(w.text for w in readings[1].words)
    assert read.count("Planting") >= 25 and read.count("partners") >= 25


def test_the_first_readings_sure_words_are_kept_where_the_enlarged_reading_read_nothing() -> None:
    # "Partners" read at 97 at 300 dpi, lost by the enlarged reading's layout: kept. A word beside one the
    # enlarged reading has, or read unsure, or of another page, is not.
    enlarged = [OcrWord(1, 70.0, 71.0, 95.0, 78.7, 96.0, "Actions"), OcrWord(1, 164.0, 71.0, 180.0, 78.7, 96.0, "Lead")]
    partners = OcrWord(1, 117.4, 72.0, 145.4, 76.3, 96.8, "Partners")
    first = [partners, OcrWord(1, 70.5, 71.0, 95.0, 78.7, 95.0, "Actions"),
             OcrWord(1, 200.0, 71.0, 230.0, 78.7, 45.0, "Start"), OcrWord(2, 117.4, 72.0, 145.4, 76.3, 96.8, "Ref"),
             OcrWord(1, 300.0, 71.0, 310.0, 78.7, 92.0, "we"),  # too short to tell from a speck
             OcrWord(1, 190.0, 71.0, 200.0, 78.7, 92.0, "Lead")]  # the enlarged "Lead", boxed apart
    assert first_words_kept(first, enlarged, [1], 300) == enlarged + [partners]
