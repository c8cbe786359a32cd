"""Scans read page by page: a page fed sideways is turned upright and a skewed image-only page is
straightened before OCR, each on its own (needs tesseract; one page, about 15 s)."""
from __future__ import annotations

from pathlib import Path

import pypdfium2 as pdfium
import pytest
from PIL import Image

from extract import ExtractSettings, extract_pdf
from extract.ocr import tesseract
from normalise.run import normalise_extraction

ROOT = Path(__file__).resolve().parent.parent
pytestmark = pytest.mark.skipif(tesseract() is None, reason="needs tesseract: apt-get install tesseract-ocr")


def scanned_page(tmp_path: Path, turn: int, skew: float) -> Path:
    """next-version's first page as a 200 dpi image-only PDF, skewed and turned anticlockwise by ``turn``."""
    doc = pdfium.PdfDocument(str(ROOT / "samples" / "next-version" / "next-version.pdf"))
    image = doc[0].render(scale=200 / 72, grayscale=True).to_pil().convert("L")
    doc.close()
    image = image.rotate(skew, resample=Image.Resampling.BICUBIC, fillcolor=255).rotate(turn, expand=True)
    out = tmp_path / "scan.pdf"
    image.save(out, "PDF", resolution=200)
    return out


def test_a_sideways_skewed_image_only_page_is_turned_and_straightened(tmp_path: Path) -> None:
    extraction = extract_pdf(scanned_page(tmp_path, 90, 1.2), ExtractSettings(workers=1))
    assert extraction.ocr["turned_degrees"] == {"1": 90}
    assert abs(extraction.ocr["skew_degrees"]["1"] - 1.2) < 0.4
    extraction.source_file = "scan.pdf"
    built, _ = normalise_extraction(extraction)
    first, *rest = built.actions
    assert [a["action_id"] for a in rest][:3] == ["LCC.2", "LCC.4", "LCC.5"]
    assert first["action_id"] == "LCC.1" or first["needs_review"]  # an ID OCR misread is flagged, never silent


@pytest.mark.parametrize("skew", [-1.7, -0.6, 0.9, 1.3])
def test_a_pages_skew_is_where_its_rows_of_ink_are_sharpest_whatever_else_is_on_it(skew: float) -> None:
    # A long table's rules and lines of text, with a short table above it and a column of Gantt dots: the
    # dots and the short table's rules are as many lines as the long table's, and misled the lines' median.
    import numpy as np
    from PIL import ImageDraw

    from extract.scan_image import skew_angle

    page = Image.new("L", (1169, 827), 255)
    draw = ImageDraw.Draw(page)
    for y in range(60, 140, 20):  # the short table
        draw.line([(60, y), (560, y)], fill=0, width=2)
    for k in range(12):  # the long table, its rows of text and a dot in each row
        y = 200 + 48 * k
        draw.line([(60, y), (1100, y)], fill=0, width=2)
        for x in range(80, 700, 60):
            draw.rectangle([(x, y + 12), (x + 40, y + 20)], fill=0)
        draw.ellipse([(800 + 20 * (k % 5), y + 14), (810 + 20 * (k % 5), y + 24)], fill=0)
    turned = page.rotate(skew, resample=Image.Resampling.BICUBIC, fillcolor=255)
    assert abs(skew_angle(np.asarray(turned.reduce(2))) - skew) < 0.15
    assert skew_angle(np.full((400, 300), 255, dtype=np.uint8)) == 0.0  # a blank page


def test_a_scanned_page_with_a_funding_table_above_a_gantt_is_straightened_the_right_way() -> None:
    # Random scan seed 4's first page at 100 dpi (scanned at -1.19°: a browser-printed funding table above
    # a quarterly Gantt of dots): the lines' median read it as +1.01, and the OCR turned it further askew.
    import numpy as np

    from extract.scan_image import skew_angle

    page = Image.open(ROOT / "tests" / "data" / "skewed-scan-page.jpg").convert("L")
    assert abs(skew_angle(np.asarray(page)) - (-1.19)) < 0.15
