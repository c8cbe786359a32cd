"""A scan's tables ruled between rows only: the rules read from its pixels cut its rows, where a row whose ID
OCR lost would otherwise be taken into the row above (extract/pages.py, extract/words.py). The cells its OCR
left empty between those rules are read again where their print is their own (extract/cell_sides.py), and a
row read as nothing (a section's name on a dark band) is read whole (extract/merged_reading.py)."""
from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from types import SimpleNamespace

import numpy as np
import pytest
from pictures import FONT
from PIL import Image, ImageDraw, ImageFilter, ImageFont

from extract.cell_ocr import reread_cells, worth_reading
from extract.cell_sides import between_rules, sides_clear
from extract.merged_reading import unread_rows
from extract.model import RawCell, RawTable
from extract.ocr import OCR_DPI, tesseract
from extract.pages import RuledImage, segments_to_lines
from extract.settings import ExtractSettings
from extract.words import parse_page

HEIGHT = 600.0


def word(text: str, x0: float, top: float) -> dict:
    return {"text": text, "x0": x0, "x1": x0 + 5.0 * len(text), "top": top, "bottom": top + 8, "size": 8.0,
            "fontname": ""}


def tall_rows_page() -> list[dict]:
    """A header, then three rows: A1's action runs over twelve lines, A2's ID was lost by OCR, A3 is short."""
    words = [word(t, x, 70) for t, x in (("Ref", 50), ("Action", 80), ("Lead", 250), ("Partners", 350),
                                         ("Start", 450), ("End", 500))]
    words += [word("A1", 50, 90), word("Team", 250, 90), word("Apr-25", 450, 90), word("Jun-27", 500, 90)]
    words += [word("Reduce", 80, 90 + 10 * k) for k in range(12)]
    words += [word("Planning", 80, 300), word("Team", 250, 300), word("Apr-26", 450, 300), word("Dec-26", 500, 300)]
    words += [word("A3", 50, 420), word("Waste", 80, 420), word("Team", 250, 420), word("Jan-28", 450, 420),
              word("Dec-29", 500, 420)]
    return words


def page_with(lines: list[dict]) -> SimpleNamespace:
    return SimpleNamespace(height=HEIGHT, width=800.0, rects=[], curves=[], lines=lines)


def ids_by_row(table: RawTable) -> list[str]:
    return [c.text for c in sorted(table.cells, key=lambda c: c.row) if c.col == 0 and c.row > 0]


def test_a_scans_rules_between_rows_cut_a_row_whose_id_ocr_lost() -> None:
    # Rules under the header and under each row, in PDF points (y upwards), as raster_rules gives them.
    rules = [(48.0, HEIGHT - y, 560.0, HEIGHT - y) for y in (84.0, 290.0, 410.0, 440.0)]
    image_lines = segments_to_lines(rules, HEIGHT)
    assert [ln["top"] for ln in image_lines] == [84.0, 290.0, 410.0, 440.0]
    ruled = parse_page(RuledImage(page_with([]), image_lines), tall_rows_page(), 1, 0, ExtractSettings())
    assert len(ruled) == 1 and ruled[0].rows_ruled
    # A2's row is a row of its own, its ID cell empty (read again from the image), and A3 is the table's.
    assert ids_by_row(ruled[0]) == ["A1", "", "A3"]
    starts = [c.text for c in ruled[0].cells if c.col == 4 and c.row > 0]
    assert starts == ["Apr-25", "Apr-26", "Jan-28"]
    # Without the image's rules, rows start at IDs only: A2's row, its ID lost, is taken into A1's.
    bare = parse_page(page_with([]), tall_rows_page(), 1, 0, ExtractSettings())
    assert [c.text for c in bare[0].cells if c.col == 4 and c.text][1:] == ["Apr-25\nApr-26", "Jan-28"]


def test_a_ruled_image_adds_its_rules_and_is_the_page_otherwise() -> None:
    page = SimpleNamespace(height=HEIGHT, lines=[{"top": 1.0}], chars=["x"])
    ruled = RuledImage(page, [{"top": 2.0}])
    assert [ln["top"] for ln in ruled.lines] == [1.0, 2.0] and ruled.chars == ["x"] and page.lines == [{"top": 1.0}]


def rows_between_rules() -> tuple[np.ndarray, float]:
    """A page at OCR resolution: rules across at 20 and 60 pt, no column rules; "A2" inside the first column
    (10–40 pt), and a word run over the edge at 100 pt between the second and third."""
    scale = OCR_DPI / 72
    image = Image.new("L", (int(200 * scale), int(80 * scale)), 255)
    draw = ImageDraw.Draw(image)
    px = lambda *v: [int(x * scale) for x in v]  # noqa: E731
    for y in (20, 60):
        draw.line(px(5, y, 195, y), fill=0, width=2)
    draw.text(px(14, 26), "A2", fill=0, font_size=int(9 * scale))
    draw.text(px(85, 26), "Overflow", fill=0, font_size=int(9 * scale))
    return np.asarray(image), scale


def cell(col: int, x0: float, x1: float, text: str = "", row: int = 3) -> RawCell:
    return RawCell(1, 0, row, col, x0, 20.0, x1, 60.0, text, "")


def test_an_empty_cell_between_rows_rules_is_read_again_only_where_its_print_is_its_own() -> None:
    page, scale = rows_between_rules()
    own, crossed = cell(0, 10, 40), cell(2, 100, 150)
    assert sides_clear(page, own, scale) and between_rules(page, own, scale)
    assert not sides_clear(page, crossed, scale)  # "Overflow" runs over its left side: a neighbour's
    assert worth_reading(page, own, scale, ruled_table=False, rows_ruled=True)
    assert not worth_reading(page, own, scale, ruled_table=False)  # no rules between rows: may be overflow
    assert not worth_reading(page, crossed, scale, ruled_table=False, rows_ruled=True)
    assert not worth_reading(page, cell(1, 40, 80), scale, ruled_table=False, rows_ruled=True)  # no print
    off_rules = replace(own, top=25.0, bottom=55.0)  # its top and bottom on no rule
    assert not between_rules(page, off_rules, scale)


def test_a_row_read_as_nothing_in_a_table_ruled_between_rows_is_read_whole() -> None:
    cells = [cell(c, 10 + 50 * c, 60 + 50 * c, row=r, text=t) for r, texts in ((0, ["Ref", "Action", "Lead"]),
                                                                         (1, ["A1", "Reduce", "Team"]),
                                                                         (2, ["", "", ""]),
                                                                         (3, ["A2", "", "Team"]))
             for c, t in enumerate(texts)]
    table = RawTable(table=0, page=1, order=1, flavor="words", x0=10, top=0, x1=160, bottom=100, n_rows=4,
                     n_cols=3, accuracy=100.0, whitespace=0.0, title_above="", rows_ruled=True, cells=cells)
    rows = unread_rows(table)
    assert list(rows) == [6]  # row 2's first cell, with the row's box and the other two cells
    whole, rest = rows[6]
    assert (whole.x0, whole.x1, rest) == (10, 160, [7, 8])
    assert unread_rows(replace(table, rows_ruled=False)) == {}  # rows from text: an empty row is no row read
    assert unread_rows(replace(table, flavor="lattice")) == {}  # a grid's merged cells are read as bands



def between_rules_page(path: Path) -> RawTable:
    """A PDF of one scanned page: a table ruled between its rows only. Row 1 "A1 Reduce"; row 2 a shaded band,
    "Adaptation" running over the first column's edge; row 3 "A2 Team". Returned as the page's OCR left it:
    the band read as nothing, and A2's ID lost."""
    scale = OCR_DPI / 72
    px = lambda *v: [int(x * scale) for x in v]  # noqa: E731
    image = Image.new("L", (int(300 * scale), int(120 * scale)), 255)
    draw = ImageDraw.Draw(image)
    draw.rectangle(px(20, 48, 260, 62), fill=185)
    for y in (20, 48, 62, 90):
        draw.line(px(20, y, 260, y), fill=0, width=3)
    font = ImageFont.truetype(str(FONT), int(9 * scale))
    bold = ImageFont.truetype(str(FONT.with_name("DejaVuSans-Bold.ttf")), int(9 * scale))
    for (x, y), text, face in (((24, 28), "A1", font), ((64, 28), "Reduce", font), ((24, 51), "Adaptation", bold),
                               ((24, 70), "A2", font), ((64, 70), "Team", font)):
        draw.text((x * scale, y * scale), text, fill=0, font=face)
    image.filter(ImageFilter.GaussianBlur(1)).save(path, resolution=OCR_DPI)
    texts = {(1, 0): "A1", (1, 1): "Reduce", (3, 1): "Team"}
    edges = [20.0, 60.0, 100.0, 260.0]
    cells = [RawCell(1, 0, r, c, edges[c], top, edges[c + 1], bottom, texts.get((r, c), ""), "",
                     confidence=95.0 if (r, c) in texts else -1.0)
             for r, (top, bottom) in ((1, (20, 48)), (2, (48, 62)), (3, (62, 90))) for c in range(3)]
    cells = [RawCell(1, 0, 0, c, x0, 5, x1, 20, label, "", confidence=95.0)
             for c, (x0, x1, label) in enumerate(((20, 60, "Ref"), (60, 100, "Action"), (100, 260, "Lead")))] + cells
    return RawTable(0, 1, 1, "words", 20, 5, 260, 90, 4, 3, 99.0, 0.0, "", rows_ruled=True, cells=cells)


@pytest.mark.skipif(not tesseract(), reason="needs tesseract (apt-get install tesseract-ocr)")
def test_a_lost_id_and_a_band_read_as_nothing_are_read_from_the_scan(tmp_path: Path) -> None:
    table = between_rules_page(tmp_path / "scan.pdf")
    read = reread_cells(tmp_path / "scan.pdf", [table], {1}, None, None)
    texts = {(c.row, c.col): " ".join(c.text.split()) for c in table.cells}
    assert texts[(3, 0)] == "A2"  # its own print, between the rows' rules
    assert (texts[(2, 0)], texts[(2, 1)], texts[(2, 2)]) == ("Adaptation", "", "")  # the band, in its first cell
    assert {(r["row"], r["col"]) for r in read} == {(2, 0), (3, 0)}
    assert texts[(1, 2)] == "" and texts[(3, 2)] == ""  # no print: nothing read
