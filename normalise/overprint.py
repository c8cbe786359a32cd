"""Overprinted pages: text drawn twice on the same spots reads, through camelot, with every line doubled
(``Action\\nAction\\nID\\nID``). On a page extract marked as overprinted, a cell whose lines all come in
identical pairs is read once; each table's dropped copies are one corrections row (rule ``overprint``)."""
from __future__ import annotations

from dataclasses import replace

from extract.model import PageInfo, RawTable

from .corrections import CorrectionLog
from .text import fold_text


def collapse_doubled(text: str) -> str | None:
    """``a\\na\\nb\\nb`` → ``a\\nb``; None where the lines are not all in identical pairs."""
    lines = [ln for ln in text.splitlines() if ln.strip()]
    if not lines or len(lines) % 2 or any(lines[i] != lines[i + 1] for i in range(0, len(lines), 2)):
        return None
    return "\n".join(lines[::2])


def collapse_overprint(tables: list[RawTable], pages: list[PageInfo], log: CorrectionLog) -> list[RawTable]:
    """The tables with the doubled text of overprinted pages read once, every drop logged."""
    overprinted = {p.page for p in pages if p.overprinted}
    out = []
    for table in tables:
        if table.page not in overprinted:
            out.append(table)
            continue
        cells, dropped = [], []
        for cell in table.cells:
            once = collapse_doubled(cell.text)
            if once is None:
                cells.append(cell)
            else:
                cells.append(replace(cell, text=once))
                dropped.append(fold_text(once))
        if dropped:
            log.add(table.page, "", "page", " | ".join(dropped), "", "overprint")
        out.append(replace(table, cells=cells))
    return out
