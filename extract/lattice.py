"""Ruled tables → RawTables: grids from the page's own vector rules (``grid``), or, on a scan, from
camelot's lattice over the rendered image."""
from __future__ import annotations

import logging
import warnings
from pathlib import Path
from typing import Any

from .fills import cell_fill, cell_shape, filled_boxes
from .grid import Grid, page_to_grids
from .gutters import split_collisions
from .lines import words_to_text
from .model import RawCell, RawTable
from .pages import Pages
from .rules import covered, rule_segments
from .settings import ExtractSettings
from .spans import cells_to_spans
from .wraps import line_breaks, words_in_box

log = logging.getLogger(__name__)


def camelot_tables(path: Path, pages: list[int], settings: ExtractSettings) -> list[Any]:
    """camelot's lattice over the pages' rendered images (a scan's rules are pixels, not shapes)."""
    import camelot  # only a scan needs it (it brings pandas and OpenCV)

    # split_text: a text line pdfminer ran across several cells ("Comments Status", a row of year labels)
    # is cut at the cell edges, each part to its own cell, instead of landing whole in one of them.
    kwargs: dict[str, Any] = {"flavor": "lattice", "engine": settings.engine, "suppress_stdout": True,
                              "split_text": True}
    if settings.engine != "vector":
        kwargs["line_scale"] = settings.line_scale
    if settings.password:
        kwargs["password"] = settings.password
    tables: list[Any] = []
    with warnings.catch_warnings():
        # camelot warns for every page without a table; the manifest records that instead.
        warnings.simplefilter("ignore")
        for number in pages:
            try:
                tables += camelot.read_pdf(str(path), pages=str(number), **kwargs)
            except (IndexError, ValueError, ZeroDivisionError) as exc:
                # camelot's own failure on one page's lines (seen: an IndexError splitting a text line
                # over a scan's broken grid): the page is read by the words' positions, or counted as
                # unread, and the other pages go on.
                log.warning("page %d: camelot's lattice failed (%s: %s)", number, type(exc).__name__, exc)
    return tables


def foot_closed(cells: list[list[Any]], page: Any, height: float) -> list[bool]:
    """Per column, whether a rule on the page runs under the table's last row (over half the cell's width,
    within 2 pt): stroked lines, thin filled bars, and the edges of stroked rectangles."""
    if not cells:
        return []
    segments = rule_segments(page)
    segments += [(y, r["x0"], r["x1"]) for r in page.rects if r.get("stroke") for y in (r["top"], r["bottom"])]
    closed = []
    for cell in cells[-1]:
        y, x0, x1 = height - float(cell.y1), float(cell.x1), float(cell.x2)
        under = [(a, b) for sy, a, b in segments if abs(sy - y) <= 2.0]
        closed.append(covered(under, x0, x1) >= 0.5 * (x1 - x0))
    return closed


def table_to_raw(table: Any, index: int, page: Any, words: list[dict[str, Any]],
                 settings: ExtractSettings, words_first: bool = False) -> RawTable:
    """One ruled table (a ``grid.Grid``, or camelot's, in PDF coordinates) → a RawTable in top-left
    coordinates, each cell with its text, fill, mark shape, merged span and line breaks."""
    height = float(page.height)
    fills = filled_boxes(page.rects + page.curves)
    x0, y0, x1, y1 = table._bbox
    report = table.parsing_report
    top = height - y1
    raw = RawTable(
        table=index, page=int(table.page), order=int(report.get("order", 1)), flavor="lattice",
        x0=float(x0), top=float(top), x1=float(x1), bottom=float(height - y0),
        n_rows=len(table.cells), n_cols=len(table.cells[0]) if table.cells else 0,
        accuracy=float(report.get("accuracy", 0.0)), whitespace=float(report.get("whitespace", 0.0)),
        title_above="", rows_ruled=True,
    )
    spans = cells_to_spans(table.cells, foot_closed(table.cells, page, height))
    if table.cells and table.cells[0]:
        # An overfull cell's word printed over the rule into the next cell's first word reads as one word.
        words = split_collisions(words, [float(c.x1) for c in table.cells[0]] + [float(table.cells[0][-1].x2)])
    for r, row in enumerate(table.cells):
        # Only the words and fills of the row's band are looked at for its cells (fills in paint order).
        band_top = min((height - float(cell.y2) for cell in row), default=0.0)
        band_bottom = max((height - float(cell.y1) for cell in row), default=0.0)
        row_words = [w for w in words if band_top <= (w["top"] + w["bottom"]) / 2 <= band_bottom]
        row_fills = [f for f in fills if f[0][1] < band_bottom and f[0][3] > band_top]
        for c, cell in enumerate(row):
            box = (float(cell.x1), height - float(cell.y2), float(cell.x2), height - float(cell.y1))
            # Split text keeps the spaces either side of the cut: padding, not print. A page whose text
            # layer has no spaces reads glued together through pdfminer, and an OCR'd page's lines run
            # across the columns: their words, placed by position, give the cell's text instead.
            if words_first or getattr(page, "spaceless", False):
                text = words_to_text(words_in_box(row_words, box))
            else:
                text = "\n".join(line.strip(" ") for line in cell.text.split("\n"))
            breaks = line_breaks(row_words, box)
            lines = text if isinstance(table, Grid) else cell.text
            if len(breaks) + 1 != len([ln for ln in lines.splitlines() if ln.strip()]):
                breaks = ""  # camelot's lines and the words' disagree: no hint rather than a wrong one
            raw.cells.append(RawCell(raw.page, index, r, c, *box, text=text, fill=cell_fill(box, row_fills),
                                     shape=cell_shape(box, row_fills), span=spans.get((r, c), ""),
                                     breaks=breaks))
    return raw


def parse_lattice(path: Path, pages: list[int], settings: ExtractSettings, objects: Pages) -> list[RawTable]:
    """Ruled tables on ``pages``: with the ``vector`` engine from the rules drawn on each page (their text
    from the words' positions), else with camelot's lattice over the rendered page."""
    if settings.engine == "vector":
        grids = [g for number in pages for g in page_to_grids(objects[number], number, objects.words(number))]
        return [table_to_raw(g, i, objects[g.page], objects.words(g.page), settings, True)
                for i, g in enumerate(grids)]
    tables = camelot_tables(path, pages, settings)
    tables.sort(key=lambda t: (int(t.page), int(t.parsing_report.get("order", 1))))
    return [table_to_raw(t, i, objects[int(t.page)], objects.words(int(t.page)), settings, objects.ocr_layer)
            for i, t in enumerate(tables)]
