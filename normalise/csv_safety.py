"""CSV that a spreadsheet opens without running anything: OWASP's rule for CSV injection.

A cell that starts with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return is a formula to Excel,
LibreOffice and Google Sheets (``=HYPERLINK(…)``, ``+cmd|' /C calc'!A0``). Such a cell is written with a
leading ``'``, which spreadsheets show as text and do not print. Parquet keeps the true value; only CSV,
the format people double-click, is neutralised. Every CSV the project writes goes through here.
"""
from __future__ import annotations

import csv
from collections.abc import Iterable, Sequence
from pathlib import Path

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_safe(text: str) -> str:
    """``=1+1`` → ``'=1+1``; anything else unchanged."""
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def unneutralise(text: str) -> str:
    """The value before :func:`spreadsheet_safe` (for reading back a CSV this project wrote)."""
    return text[1:] if text.startswith("'") and text[1:].startswith(FORMULA_STARTS) else text


def write_safe_csv(path: Path, header: Sequence[str], rows: Iterable[Sequence[str]]) -> None:
    """UTF-8, one header row, ``\\n`` line ends, every cell neutralised for spreadsheets."""
    with path.open("w", newline="", encoding="utf-8") as f:
        writer = csv.writer(f, lineterminator="\n")
        writer.writerow([spreadsheet_safe(h) for h in header])
        for row in rows:
            writer.writerow([spreadsheet_safe(str(v)) for v in row])
