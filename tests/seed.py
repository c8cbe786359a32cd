"""The seed (a previous tool's extraction of the current appendix) as raw tables, for unit tests.

Each block of tab-separated lines between blank lines is one table fragment; a line without tabs above a
block is the heading printed above it. Every block is padded to the widest row, as a table
continued over pages keeps its columns (the seed's rows differ only in trailing empty cells).
"""
from __future__ import annotations

from pathlib import Path

from extract.model import RawCell, RawTable

SEED = Path(__file__).resolve().parent / "data" / "seed" / "appendix_b_extracted.txt"


def seed_blocks() -> list[tuple[str, list[list[str]]]]:
    blocks: list[tuple[str, list[list[str]]]] = []
    title, rows = "", []
    for line in SEED.read_text(encoding="utf-8").splitlines() + [""]:
        if "\t" in line:
            rows.append(line.split("\t"))
            continue
        if rows:
            blocks.append((title, rows))
            title, rows = "", []
        text = line.lstrip("#").strip()
        if text and "Action Plan" in text:
            title = text
    return blocks


def seed_tables() -> list[RawTable]:
    blocks = seed_blocks()
    tables: list[RawTable] = []
    width = max(len(r) for _, rows in blocks for r in rows)
    for index, (title, rows) in enumerate(blocks):
        table = RawTable(table=index, page=index + 1, order=1, flavor="seed", x0=0.0, top=0.0, x1=800.0,
                         bottom=500.0, n_rows=len(rows), n_cols=width, accuracy=100.0, whitespace=0.0,
                         title_above=title)
        for r, row in enumerate(rows):
            for c in range(width):
                text = row[c] if c < len(row) else ""
                table.cells.append(RawCell(table.page, index, r, c, 0.0, 0.0, 0.0, 0.0, text, ""))
        tables.append(table)
    return tables
