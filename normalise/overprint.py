"""Overprinted pages: text drawn twice on the same spots. extract reads each glyph once (its words come
from the page's glyphs with the second copies dropped) and marks the page; text that still comes with
every line doubled (``Action\\nAction\\nID\\nID``, as a parser reading the page's text lines gives it) is
read once here. Either way each table's dropped copies are one corrections row (rule ``overprint``)."""
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
        if not dropped:
            # Read once already from the glyphs: the second copy of the table's text is what was dropped.
            dropped = [fold_text(cell.text) for cell in table.cells if cell.text.strip()]
        if dropped:
            log.add(table.page, "", "page", " | ".join(dropped), "", "overprint")
        out.append(replace(table, cells=cells))
    return out
