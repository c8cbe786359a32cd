"""Delivery periods: financial years read from Gantt shading or marks; derived from start/end only
when the page marks none."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from .dates import financial_year


@dataclass(frozen=True)
class YearCell:
    year: str
    fill: str
    text: str
    cell: tuple[int, int, int] = (-1, -1, -1)  # (table, row, col) in raw/
    shape: str = ""  # a small filled shape drawn in the cell: a mark
    page: int = 0  # the page it is printed on


SAME_FILL = 10  # per channel: a scan's median colour of one shading wanders a few levels from cell to cell


def alike(a: str, b: str) -> bool:
    """Two ``#rrggbb`` fills that are one shading (exactly, or within a scan's noise)."""
    if a == b:
        return True
    if len(a) != 7 or len(b) != 7:
        return False
    return all(abs(int(a[i:i + 2], 16) - int(b[i:i + 2], 16)) <= SAME_FILL for i in (1, 3, 5))


def read_marked(cells: list[YearCell], background: set[str],
                marks: frozenset[str]) -> tuple[list[str], str, list[YearCell]]:
    """Years shaded (a fill unlike the row's own background) or marked with a symbol or a small shape.
    Returns (years, source, the cells read as marked) with source ``shading``, ``marks`` or ``""``."""
    shaded = [c for c in cells if c.fill and not any(alike(c.fill, b) for b in background)]
    marked = [c for c in cells if c.text.strip() in marks or c.shape]
    used = [c for c in cells if c in shaded or c in marked]
    years = list(dict.fromkeys(c.year for c in used))
    source = "shading" if shaded else ("marks" if marked else "")
    return years, source, used


def derive_from_dates(years: list[str], start: date | None, start_ongoing: bool,
                      end: date | None, end_ongoing: bool) -> list[str]:
    """The table's years from the start's financial year to the end's (Ongoing: the table's first or last)."""
    if not years or (start is None and not start_ongoing) or (end is None and not end_ongoing):
        return []
    first = years[0] if start_ongoing or start is None else financial_year(start)
    last = years[-1] if end_ongoing or end is None else financial_year(end)
    return [y for y in years if first <= y <= last]
