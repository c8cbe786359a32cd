"""pypdfium2's page objects stand in for pdfplumber's: the same words, rules and fills on every sample page."""
from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pdfplumber
import pypdfium2 as pdfium
import pytest

from extract.page_objects import SPACELESS_GAP, PdfiumPage, is_rectangle, subpath_to_shape
from extract.pages import Pages

SAMPLES = Path(__file__).resolve().parent.parent / "samples"
# The fixed samples made through LibreOffice from .docx. Those the random generator prints (random-*, and
# the browser, spreadsheet and LaTeX ones: document.json names a random_seed) embed fonts whose descriptor
# gives a descent, which pdfminer adds under the baseline and pdfium's char boxes here do not: their tops
# differ by the descent (2-4 pt), a known difference; those samples are read end to end by test_samples.
PDFS = sorted(p for p in SAMPLES.glob("*/*.pdf") if "random_seed" not in json.loads(
    (p.parent / "source" / "document.json").read_text(encoding="utf-8")))


def same(ours: list[dict[str, Any]], theirs: list[dict[str, Any]], keys: tuple[str, ...]) -> bool:
    """The same objects, in reading order, positions within 0.35 pt: pdfium computes in float32, and a
    glyph that overhangs its advance (a final "f") ends where its ink does."""
    def order(objects: list[dict[str, Any]]) -> list[dict[str, Any]]:
        return sorted(objects, key=lambda o: (round(o["top"]), o["x0"], o.get("text", "")))

    if len(ours) != len(theirs):
        return False
    for a, b in zip(order(ours), order(theirs)):
        for k in keys:
            x, y = a[k], b[k]
            if isinstance(y, float) or isinstance(x, float):
                if abs(float(x) - float(y)) > 0.35:
                    return False
            elif k == "non_stroking_color":
                if [round(v * 255) for v in x or ()] != [round(v * 255) for v in y or ()]:
                    return False
            elif x != y:
                return False
    return True


@pytest.mark.parametrize("pdf", PDFS, ids=[p.stem for p in PDFS])
def test_pdfium_reads_what_pdfplumber_reads(pdf: Path) -> None:
    document = pdfium.PdfDocument(str(pdf))
    compared = 0
    with pdfplumber.open(str(pdf)) as plumber:
        for index, theirs in enumerate(plumber.pages):
            page = document[index]
            ours = PdfiumPage(page) if page.get_rotation() == 0 else None
            if ours is None or ours.tilted:
                continue  # those pages are read with pdfplumber itself
            compared += 1
            box = ("x0", "top", "x1", "bottom")
            # Words end at gaps as well as at spaces (page_objects.chars_to_words): compared like for like.
            words = theirs.extract_words(extra_attrs=["fontname", "size"], x_tolerance_ratio=SPACELESS_GAP)
            assert same(ours.words(), words, ("text", *box, "size")), f"page {index + 1}: words differ"
            assert same(ours.lines, theirs.lines, box), f"page {index + 1}: rules differ"
            filled = [s for s in theirs.rects + theirs.curves if s["fill"]]
            assert same([s for s in ours.rects + ours.curves if s["fill"]], filled, (*box, "non_stroking_color"))
    if pdf.parent.name not in {"rotated", "scanned-rough"}:
        assert compared == len(document)


def test_rotated_and_tilted_pages_are_read_with_pdfplumber() -> None:
    rotated = SAMPLES / "rotated" / "rotated.pdf"
    with Pages(rotated, [1]) as pages:
        assert not isinstance(pages[1], PdfiumPage)
        assert pages.words(1)
    rough = SAMPLES / "scanned-rough" / "scanned-rough.pdf"  # its text layer follows the 1° skew
    with Pages(rough, [1]) as pages:
        assert not isinstance(pages[1], PdfiumPage)
    with Pages(SAMPLES / "current" / "current.pdf", [1, 2]) as pages:
        assert all(isinstance(pages[n], PdfiumPage) for n in (1, 2))


def test_paths_are_classified_as_pdfminer_does() -> None:
    square = [(0.0, 0.0), (10.0, 0.0), (10.0, 5.0), (0.0, 5.0), (0.0, 0.0)]
    assert is_rectangle(square)
    assert not is_rectangle([(0.0, 0.0), (10.0, 1.0), (10.0, 5.0), (0.0, 5.0)])
    kind, shape = subpath_to_shape(square, 100.0, True, False, (1.0, 0.0, 0.0))
    assert kind == "rect" and (shape["top"], shape["bottom"]) == (95.0, 100.0)
    assert subpath_to_shape([(0.0, 50.0), (80.0, 50.0)], 100.0, False, True, None)[0] == "line"
    assert subpath_to_shape([(0.0, 0.0), (5.0, 9.0), (10.0, 0.0), (0.0, 0.0)], 100.0, True, False, None)[0] == "curve"
