"""Pages as the parser saw them → pictures for a reviewer: each page rendered sharp enough to zoom,
straightened as the OCR stage straightened it (so a drawn cell sits where the parser found it), and crops
around a few cells with those cells outlined. Pictures are embedded as ``data:`` URIs, so a report is one
file that opens from a shared drive or an e-mail with no network."""
from __future__ import annotations

import base64
import io
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pypdfium2 as pdfium
from PIL import Image, ImageDraw

from extract.model import RawCell
from extract.run import Extraction
from extract.scan_image import straighten, turn_upright

PAGE_DPI = 150  # a reviewer zooms: 150 dpi keeps 7 pt print legible at 200 %
CROP_MARGIN = (36.0, 14.0)  # points around the outlined cells: the row's neighbours and the column's header side
CROP_HEIGHT = 150.0  # points at most: a tall merged or long-text cell is shown from its top, where its text starts
GRID = (30, 90, 220, 255)  # the parser's cells, drawn over the page pictures, and their legend
MARKED = (255, 140, 0, 255)  # cells read as delivery marks: a frame, the same colour over any shading
OUTLINE = (220, 20, 60, 255)  # the cells a crop is about
Cell = tuple[int, int, int]  # (table, row, col) in raw/
KEPT_PAGES = 4  # rendered pages kept for crops (at 150 dpi an A4 page is 6 MB)


def data_uri(image: Image.Image, quality: int = 82, optimize: bool = True) -> str:
    """A picture as a ``data:image/jpeg`` URI (JPEG: a page is 5–10 times smaller than as PNG).
    ``optimize``: a second pass for optimal Huffman tables, about 5 % smaller at twice the encoding time
    (worth it for a small crop, not for a whole page)."""
    buffer = io.BytesIO()
    rgb = image if image.mode == "RGB" else image.convert("RGB")
    rgb.save(buffer, format="JPEG", quality=quality, optimize=optimize)
    return "data:image/jpeg;base64," + base64.b64encode(buffer.getvalue()).decode("ascii")


def skews_of(extraction: Extraction) -> dict[int, float]:
    """Page → the skew the OCR stage straightened it by (none where the text layer is the PDF's own)."""
    return {int(k): float(v) for k, v in (extraction.ocr or {}).get("skew_degrees", {}).items()}


def turns_of(extraction: Extraction) -> dict[int, int]:
    """Page → the degrees the OCR stage turned it clockwise to read upright (a page fed sideways)."""
    return {int(k): int(v) for k, v in (extraction.ocr or {}).get("turned_degrees", {}).items()}


def iter_plain(pdf: Path, password: str | None, pages: Iterable[int], extraction: Extraction,
               dpi: int = PAGE_DPI) -> Iterator[tuple[int, Image.Image]]:
    """(page number, its picture at ``dpi``), one page at a time, in the frame the cell boxes are in: turned
    and straightened as the OCR stage turned and straightened it (a long appendix's pictures are never all
    held at once)."""
    skews, turns = skews_of(extraction), turns_of(extraction)
    doc = pdfium.PdfDocument(str(pdf), password=password)
    try:
        for n in sorted(set(pages)):
            if 1 <= n <= len(doc):
                # pypdfium2 renders in RGB byte order when asked (its default, BGR, costs a conversion).
                image = as_rgb(doc[n - 1].render(scale=dpi / 72, rev_byteorder=True).to_pil())
                yield n, straighten(turn_upright(image, turns.get(n, 0)), skews.get(n, 0.0))
    finally:
        doc.close()


def as_rgb(image: Image.Image) -> Image.Image:
    return image if image.mode == "RGB" else image.convert("RGB")


def box_pixels(cell: RawCell, scale: float) -> list[float]:
    """The cell's box in picture pixels, corners in order (a parser's cell can come out upside down)."""
    x0, x1 = sorted((cell.x0 * scale, cell.x1 * scale))
    top, bottom = sorted((cell.top * scale, cell.bottom * scale))
    return [x0, top, x1, bottom]


def cells_to_svg(cells: Iterable[RawCell], marked: set[Cell], scale: float, size: tuple[int, int]) -> str:
    """The cells the parser found, and those read as delivery marks framed, as an SVG laid over the page's
    picture (``size``: the picture's pixels, the SVG's user units). Drawn apart from the picture, the page
    needs nothing from normalise and is rendered while normalise runs; the lines stay thin at any zoom."""
    grid, marks = [], []
    for c in cells:
        x0, top, x1, bottom = box_pixels(c, scale)
        grid.append(f'<rect x="{x0:.1f}" y="{top:.1f}" width="{x1 - x0:.1f}" height="{bottom - top:.1f}"/>')
        if (c.table, c.row, c.col) in marked and x1 - x0 > 4 and bottom - top > 4:
            marks.append(f'<rect x="{x0 + 2:.1f}" y="{top + 2:.1f}" width="{x1 - x0 - 4:.1f}" '
                         f'height="{bottom - top - 4:.1f}"/>')
    return (f'<svg class="grid" viewBox="0 0 {size[0]} {size[1]}" preserveAspectRatio="none" aria-hidden="true" '
            f'fill="none" stroke="{css_colour(GRID)}" stroke-width="1">{"".join(grid)}'
            f'<g stroke="{css_colour(MARKED)}" stroke-width="2">{"".join(marks)}</g></svg>')


def css_colour(rgba: tuple[int, int, int, int]) -> str:
    """A colour for SVG and CSS: the grid's, and the legend's that names it."""
    return "#{:02x}{:02x}{:02x}".format(*rgba[:3])


def crop_cells(image: Image.Image, cells: list[RawCell], scale: float) -> Image.Image:
    """The part of a page around ``cells`` (all on that page), each outlined."""
    boxes = [box_pixels(c, 1.0) for c in cells]
    x0 = min(b[0] for b in boxes) - CROP_MARGIN[0]
    top = min(b[1] for b in boxes) - CROP_MARGIN[1]
    x1 = max(b[2] for b in boxes) + CROP_MARGIN[0]
    bottom = min(max(b[3] for b in boxes) + CROP_MARGIN[1], top + CROP_HEIGHT)
    box = (max(0, int(x0 * scale)), max(0, int(top * scale)),
           min(image.width, int(x1 * scale)), min(image.height, int(bottom * scale)))
    piece = image.crop(box)
    draw = ImageDraw.Draw(piece)
    for c in cells:
        b = box_pixels(c, scale)
        draw.rectangle([b[0] - box[0], b[1] - box[1], b[2] - box[0], b[3] - box[1]], outline=OUTLINE, width=3)
    return piece


@dataclass
class PagePictures:
    """One document's pages as the parser saw them: whole pages encoded for a report (``pages``, from
    :meth:`for_report`) and crops of its cells on demand, each page rendered once when first needed."""

    pdf: Path
    password: str | None
    extraction: Extraction
    dpi: int = PAGE_DPI
    pages: dict[int, tuple[str, tuple[int, int]]] = field(default_factory=dict)
    cells: dict[Cell, RawCell] = field(default_factory=dict)
    rendered: dict[int, Image.Image | None] = field(default_factory=dict)

    @classmethod
    def of(cls, pdf: Path, password: str | None, extraction: Extraction, dpi: int = PAGE_DPI) -> PagePictures:
        cells = {(c.table, c.row, c.col): c for t in extraction.tables for c in t.cells}
        return cls(pdf, password, extraction, dpi, cells=cells)

    @classmethod
    def for_report(cls, pdf: Path, password: str | None, extraction: Extraction, dpi: int = PAGE_DPI) -> PagePictures:
        """:meth:`of`, every page with a table rendered and encoded whole now, one at a time. Quality 70
        and no second pass: a whole page is large, and is shown shrunk until zoomed."""
        pictures = cls.of(pdf, password, extraction, dpi=dpi)
        pictures.pages = {n: (data_uri(image, quality=70, optimize=False), image.size)
                          for n, image in iter_plain(pdf, password, {t.page for t in extraction.tables},
                                                     extraction, dpi)}
        return pictures

    @property
    def scale(self) -> float:
        return self.dpi / 72

    def grid_svg(self, page: int, marked: set[Cell]) -> str:
        """The page's cells as the SVG laid over its picture (:func:`cells_to_svg`)."""
        cells = [c for t in self.extraction.tables if t.page == page for c in t.cells]
        return cells_to_svg(cells, marked, self.scale, self.pages[page][1])

    def picture(self, page: int) -> Image.Image | None:
        """The page as rendered for the report (None for a page the document does not have). The last few
        are kept: crops are asked for in page order, several to a page."""
        if page not in self.rendered:
            while len(self.rendered) >= KEPT_PAGES:
                del self.rendered[next(iter(self.rendered))]
            self.rendered[page] = dict(iter_plain(self.pdf, self.password, [page], self.extraction, self.dpi)).get(page)
        return self.rendered[page]

    def crop(self, cells: Iterable[Cell]) -> tuple[int, str] | None:
        """(page, picture URI) around the given cells that lie on the first of their pages; None where none
        of them is known (a value with no cell, such as one derived from dates)."""
        known = [self.cells[c] for c in cells if c in self.cells]
        image = self.picture(known[0].page) if known else None
        if image is None:
            return None
        page = known[0].page
        return page, data_uri(crop_cells(image, [c for c in known if c.page == page], self.scale))
