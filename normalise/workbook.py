"""The output tables → ``appendix.xlsx``, one sheet per table, for Excel users.

Written with xlsxwriter: dates as real dates, every text cell with ``write_string`` (so an ID like ``1.1``
stays text and a cell starting ``=`` is never a formula), booleans as booleans, lists joined with ``; ``,
the header row frozen and filters on.
"""
from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import xlsxwriter

from .schema import TABLES

MAX_WIDTH = 60
EXCEL_CELL_LIMIT = 32767  # characters; Excel truncates longer text, so it is cut with a visible mark


def cell_text(value: Any) -> str:
    if isinstance(value, (list, tuple)):
        return "; ".join(str(v) for v in value)
    text = str(value)
    return text if len(text) <= EXCEL_CELL_LIMIT else text[:EXCEL_CELL_LIMIT - 1] + "…"


def write_workbook(path: Path, tables: dict[str, list[dict[str, Any]]]) -> None:
    """One sheet per table, columns in schema order."""
    book = xlsxwriter.Workbook(str(path), {"strings_to_formulas": False, "strings_to_numbers": False,
                                           "strings_to_urls": False})
    bold = book.add_format({"bold": True})
    date_format = book.add_format({"num_format": "yyyy-mm-dd"})
    for table, rows in tables.items():
        columns = [c.name for c in TABLES[table][0]]
        sheet = book.add_worksheet(table)
        widths = [len(c) for c in columns]
        for col, name in enumerate(columns):
            sheet.write_string(0, col, name, bold)
        for r, row in enumerate(rows, start=1):
            for col, name in enumerate(columns):
                value = row.get(name)
                if value is None:
                    continue
                if isinstance(value, bool):
                    sheet.write_boolean(r, col, value)
                elif isinstance(value, date):
                    sheet.write_datetime(r, col, value, date_format)
                    widths[col] = max(widths[col], 10)
                elif isinstance(value, (int, float)):
                    sheet.write_number(r, col, value)
                else:
                    text = cell_text(value)
                    sheet.write_string(r, col, text)
                    widths[col] = max(widths[col], min(len(text), MAX_WIDTH))
        for col, width in enumerate(widths):
            sheet.set_column(col, col, width + 2)
        sheet.freeze_panes(1, 0)
        sheet.autofilter(0, 0, max(len(rows), 1), len(columns) - 1)
    book.close()
