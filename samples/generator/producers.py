"""One seed → one printed random appendix, by any producer: reportlab's canvas drawn three ways, or the
table model rendered by Chromium, LibreOffice Writer or Calc, or pdfTeX. The producer of a seed is drawn
from its own stream; the canvas producers keep every seed's drawing as it was before the others came."""
from __future__ import annotations

import random
from pathlib import Path

import pypdfium2 as pdfium

from . import canvas_writer, html_writer, latex_writer, sheet_writer, word_writer
from .canvas_writer import name_endings
from .pages import id_pages
from .random_truth import PRODUCERS as CANVAS_PRODUCERS
from .random_truth import RandomAppendix, draw_appendix
from .scan_profile import draw_profile, scan_pdf
from .table_spec import SPEC_PRODUCERS, Print, with_spec
from .wrap_truth import flag_printed_wraps

WRITERS = {"chromium": html_writer.write_pdf, "writer": word_writer.write_pdf,
           "calc": sheet_writer.write_pdf, "latex": latex_writer.write_pdf}
ALL_PRODUCERS = CANVAS_PRODUCERS + [p for p in SPEC_PRODUCERS if p in WRITERS]
TAGGED = ("chromium", "writer", "calc")  # producers whose names cells are colour-tagged (their wraps read back)


def draw_producer(seed: int, pool: list[str] | None = None) -> str:
    return random.Random(f"{seed}-producer").choice(pool or ALL_PRODUCERS)


def write_variant(seed: int, pdf: Path, producer: str | None = None,
                  scan: bool = False) -> tuple[RandomAppendix, dict[str, str]]:
    """Draw seed ``seed``'s appendix, print it to ``pdf`` (then, with ``scan``, scan the print with the
    seed's scan profile); its truth (with the pages each row is on) and the dimensions to report by."""
    doc, dimensions = print_variant(seed, pdf, producer)
    if not scan:
        return doc, dimensions
    printed = pdf.with_name(pdf.stem + "-print.pdf")
    pdf.replace(printed)
    profile = draw_profile(seed, len(pdfium.PdfDocument(str(printed))))
    scan_pdf(printed, pdf, profile, seed)
    printed.unlink()
    return doc, {**dimensions, **profile.dimensions()}


def print_variant(seed: int, pdf: Path, producer: str | None = None) -> tuple[RandomAppendix, dict[str, str]]:
    producer = producer or draw_producer(seed)
    doc = draw_appendix(seed, producer)
    pdf.parent.mkdir(parents=True, exist_ok=True)
    if producer in CANVAS_PRODUCERS:
        canvas_writer.write_pdf(doc, pdf)
        return doc, doc.layout.dimensions()
    doc, spec = with_spec(doc, seed)
    WRITERS[producer](doc, spec, pdf)
    if producer in TAGGED:
        # Where Chromium or LibreOffice wrapped the names is read back from the print (wrap_truth).
        flag_printed_wraps(doc.actions, pdf, doc.layout.separator, name_endings())
    # These producers never split a row over a page: each row is on the page its ID is printed on.
    for action, page in zip(doc.actions, id_pages(str(pdf), [a.action_id for a in doc.actions])):
        action.pages = [page]
    return doc, {**doc.layout.dimensions(), **spec.dimensions()}


def print_of(seed: int, producer: str) -> Print | None:
    return None if producer in CANVAS_PRODUCERS else with_spec(draw_appendix(seed, producer), seed)[1]
