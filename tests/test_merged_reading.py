"""Merged cells of a scan read again whole: a header label over two rows, its print tight under the rule
on a dark band, and a section's name across the table whose first word the page's OCR lost."""
from __future__ import annotations

from dataclasses import replace
from functools import partial
from pathlib import Path

import numpy as np
import pytest
from pictures import FONT
from PIL import Image, ImageDraw, ImageFilter, ImageFont

from extract.cell_ocr import prepared, read_crops, reread_cells, rules_trimmed, uninset_pixels
from extract.cell_sides import cell_pixels
from extract.header_labels import is_header_label
from extract.merged_reading import band_boxes, merged_boxes, reads_more
from extract.model import RawCell, RawTable
from extract.ocr import OCR_DPI, tesseract
from extract.ocr_words import OcrWord
from extract.tiny_print import large_type_kept
from normalise.vocabulary import load_vocabulary


@pytest.mark.parametrize("before, after, more", [
    ("and raining", "Skills and Training", True),  # each word of the page's reading is in the fuller one
    ("and Land Use", "Nature and Land Use", True),
    ("Nature and Land Use", "Nature and Land Use", False),  # the same: nothing more
    ("and Land Use", "Transport", False),  # another reading, not a fuller one
    ("Land and", "Nature and Land", False),  # out of order
    ("", "Nature", True),
])
def test_a_fuller_reading_holds_every_word_read_before_in_order(before: str, after: str, more: bool) -> None:
    assert reads_more(before, after) is more


def grid(rows: list[list[tuple[str, str]]]) -> RawTable:
    """A table of (text, span) cells, each 40 by 10 points."""
    cells = [RawCell(1, 0, r, c, 40.0 * c, 10.0 * r, 40.0 * c + 40, 10.0 * r + 10, text, "", span=span,
                     confidence=90.0 if text else -1.0)
             for r, row in enumerate(rows) for c, (text, span) in enumerate(row)]
    return RawTable(0, 1, 1, "lattice", 0, 0, 120, 10.0 * len(rows), len(rows), 3, 99.0, 0.0, "", cells=cells)


def test_a_merged_cell_is_read_in_its_whole_box_where_only_its_first_part_holds_text() -> None:
    table = grid([[("Ban", "0:0:1:0"), ("Delivery", "0:1:0:2"), ("", "0:1:0:2")],
                  [("", "0:0:1:0"), ("Q1", ""), ("Q2", "")],
                  [("and", "2:0:2:2"), ("Land Use", "2:0:2:2"), ("", "2:0:2:2")]])
    merged = merged_boxes(table)
    whole, rest = merged[0]
    assert (whole.top, whole.bottom, whole.text) == (0.0, 20.0, "Ban") and rest == [3]
    assert 1 in merged and merged[1][0].x1 == 120.0  # a label merged across columns, its parts empty
    assert 6 not in merged  # the band's second part holds text: read whole as a band, not as a label
    band, others = band_boxes(table)[6]
    assert (band.text, band.x0, band.x1, others) == ("and Land Use", 0.0, 120.0, [7, 8])
    assert 0 not in band_boxes(table)  # merged down rows: no band


def test_a_cut_out_loses_its_rules_not_the_print_under_them() -> None:
    pixels = np.full((40, 60), 200, dtype=np.uint8)  # a grey band
    pixels[0:2, :] = 20  # the rule over it
    pixels[2:10, 5:30] = np.where(np.arange(25) % 3 == 0, 30, 200)  # letters' tops right under the rule
    pixels[:, 58:] = 20  # the rule on its right
    trimmed = rules_trimmed(pixels, 8)
    assert trimmed.shape == (38, 58)
    assert (trimmed[0, 5:30] < 100).any()  # the letters' tops kept


@pytest.mark.skipif(not tesseract(), reason="needs tesseract (apt-get install tesseract-ocr)")
def test_labels_set_tight_under_the_rule_of_a_dark_band_are_read_out_to_the_rules(tmp_path: Path) -> None:
    # A random scan's header band (seed 18 of the scan corpus, 300 dpi, as OCR'd): "Lead" and "Status"
    # touch the rule above them; a fixed inset cut their tops off and tesseract read nothing.
    page = np.asarray(Image.open(Path(__file__).parent / "data" / "dark-band-header.png").convert("L"))
    scale = OCR_DPI / 72
    lead, status = (RawCell(1, 0, 0, c, x0, 5.22, x1, 20.16, "", "") for c, (x0, x1) in
                    enumerate([(7.06, 56.65), (96.7, 136.93)]))
    crops = [prepared(cut(page, cell, scale)) for cell in (lead, status) for cut in (cell_pixels, uninset_pixels)]
    texts = [text for text, _ in read_crops(str(tesseract()), crops, tmp_path)]
    assert texts[1::2] == ["Lead", "Status"]
    assert "Lead" not in texts[0] and "Status" not in texts[2]  # what the inset cut-out read


def test_a_dark_bands_blobs_are_no_large_type_to_keep() -> None:
    # The first reading of a header band shaded dark: tall blobs across the table's top ("=", "eee" at 37).
    first = [OcrWord(1, 54, 94, 71, 123, 52.0, "="), OcrWord(1, 80, 94, 100, 123, 37.0, "eee"),
             OcrWord(1, 749, 94, 782, 123, 44.0, "=")]
    first += [OcrWord(1, 40.0 * k, 130, 40.0 * k + 30, 134.6, 90.0, t) for k, t in enumerate(["1.1", "Plant"])]
    enlarged = [OcrWord(1, 82, 96, 100, 100, 90.0, "Actions"), OcrWord(1, 83, 119, 98, 123, 80.0, "Explore")]
    enlarged += [OcrWord(1, 40.0 * k, 130, 40.0 * k + 30, 134.6, 90.0, t) for k, t in enumerate(["1.1", "Plant"])]
    kept = large_type_kept(first, enlarged, [1])
    assert [w.text for w in kept] == ["Actions", "Explore", "1.1", "Plant"]


def band_page(path: Path) -> tuple[RawTable, float]:
    """A PDF of one scanned page: a ruled table whose header band is shaded dark, "Lead" set tight under
    its top rule in a cell merged over the header's two rows, and a section row, shaded too, across all
    three columns. Returns the table as the page's OCR left it: the label garbled, the band's first word
    lost and the rest in two parts."""
    scale = OCR_DPI / 72
    px = lambda *v: [int(x * scale) for x in v]  # noqa: E731
    image = Image.new("L", (int(300 * scale), int(120 * scale)), 255)
    draw = ImageDraw.Draw(image)
    draw.rectangle(px(20, 20, 260, 48), fill=185)  # header band
    draw.rectangle(px(20, 48, 260, 62), fill=185)  # section band
    for y in (20, 48, 62, 90):
        draw.line(px(20, y, 260, y), fill=0, width=3)
    draw.line(px(100, 34, 260, 34), fill=0, width=3)  # the header's second row, beside "Lead"
    for x in (20, 100, 180, 260):
        draw.line(px(x, 20, x, 48), fill=0, width=3)
        draw.line(px(x, 62, x, 90), fill=0, width=3)
    draw.line(px(20, 48, 20, 62), fill=0, width=3)
    draw.line(px(260, 48, 260, 62), fill=0, width=3)
    font = ImageFont.truetype(str(FONT), int(9 * scale))
    bold = ImageFont.truetype(str(FONT.with_name("DejaVuSans-Bold.ttf")), int(9 * scale))
    draw.text((24 * scale, 21 * scale), "Lead", fill=0, font=bold, anchor="lt")
    draw.text((24 * scale, 51 * scale), "Nature and Land Use", fill=0, font=font)
    image = image.filter(ImageFilter.GaussianBlur(2))  # a scan's soft strokes
    image.save(path, resolution=OCR_DPI)

    def box(r: int, c: int, top: float, bottom: float, text: str, span: str) -> RawCell:
        return RawCell(1, 0, r, c, 20.0 + 80 * c, top, 100.0 + 80 * c, bottom, text, "#b9b9b9", span=span,
                       confidence=95.0 if text else -1.0)

    cells = [box(0, 0, 20, 34, "fo", "0:0:1:0"), box(0, 1, 20, 34, "Q1", ""), box(0, 2, 20, 34, "Q2", ""),
             box(1, 0, 34, 48, "", "0:0:1:0"), box(1, 1, 34, 48, "", ""), box(1, 2, 34, 48, "", ""),
             box(2, 0, 48, 62, "and", "2:0:2:2"), box(2, 1, 48, 62, "Land Use", "2:0:2:2"),
             box(2, 2, 48, 62, "", "2:0:2:2")]
    return RawTable(0, 1, 1, "lattice", 20, 20, 260, 90, 3, 3, 99.0, 0.0, "", cells=cells), scale


@pytest.mark.skipif(not tesseract(), reason="needs tesseract (apt-get install tesseract-ocr)")
def test_a_scans_merged_label_and_section_band_are_read_again_whole(tmp_path: Path) -> None:
    table, _ = band_page(tmp_path / "scan.pdf")
    is_label = partial(is_header_label, vocabulary=load_vocabulary().headers)
    read = reread_cells(tmp_path / "scan.pdf", [table], {1}, None, is_label)
    texts = {(c.row, c.col): " ".join(c.text.split()) for c in table.cells}
    assert texts[(0, 0)] == "Lead"
    assert texts[(2, 0)] == "Nature and Land Use" and texts[(2, 1)] == ""  # one text, in the first part
    assert {"before": "and Land Use", "text": "Nature and Land Use"}.items() <= next(
        r for r in read if r["row"] == 2).items()


@pytest.mark.skipif(not tesseract(), reason="needs tesseract (apt-get install tesseract-ocr)")
def test_a_band_read_whole_as_something_else_keeps_the_pages_reading(tmp_path: Path) -> None:
    table, _ = band_page(tmp_path / "scan.pdf")
    table.cells[6] = replace(table.cells[6], text="Transport")  # not what the band's print reads
    reread_cells(tmp_path / "scan.pdf", [table], {1}, None, None)
    assert [c.text for c in table.cells[6:9]] == ["Transport", "Land Use", ""]
