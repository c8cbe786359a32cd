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
