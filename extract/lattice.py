"""Ruled tables → RawTables: grids from the page's own vector rules (``grid``), or, on a scan, from the
rules in its rendered image (``raster_rules``), the same grid steps either way."""
from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from .fills import cell_fill, cell_shape, filled_boxes
from .grid import Grid, page_to_grids
from .gutters import split_collisions
from .lines import group_lines, line_text
from .model import RawCell, RawTable
from .pages import Pages
from .rules import covered, rule_segments
from .settings import ExtractSettings
from .spans import cells_to_spans
from .wraps import lines_to_breaks, words_in_box

log = logging.getLogger(__name__)


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


def table_to_raw(table: Grid, index: int, page: Any, words: list[dict[str, Any]]) -> RawTable:
    """One ruled table (a ``grid.Grid``, in PDF coordinates) → a RawTable in top-left coordinates, each
    cell with its text (its words, by position), fill, mark shape, merged span and line breaks."""
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
            lines = group_lines(words_in_box(row_words, box))
            text = "\n".join(line_text(line) for line in lines)
            breaks = lines_to_breaks(lines, box)
            if len(breaks) + 1 != len([ln for ln in text.splitlines() if ln.strip()]):
                breaks = ""  # the lines and the breaks' words disagree: no hint rather than a wrong one
            raw.cells.append(RawCell(raw.page, index, r, c, *box, text=text, fill=cell_fill(box, row_fills),
                                     shape=cell_shape(box, row_fills), span=spans.get((r, c), ""),
                                     breaks=breaks))
    return raw


def parse_lattice(path: Path, pages: list[int], settings: ExtractSettings, objects: Pages) -> list[RawTable]:
    """Ruled tables on ``pages``: with the ``vector`` engine from the rules drawn on each page, with
    ``pixels`` from those in its rendered image (a scan's); their text from the words' positions."""
    grids: list[Grid] = []
    for number in pages:
        page, words = objects[number], objects.words(number)
        segments = objects.raster_rules(number, settings.line_scale) if settings.engine != "vector" else None
        grids += page_to_grids(page, number, words, segments)
    return [table_to_raw(g, i, objects[g.page], objects.words(g.page)) for i, g in enumerate(grids)]
