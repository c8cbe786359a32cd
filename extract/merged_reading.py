"""A scanned table's merged cells → the boxes they are read again in, whole (cell_ocr.py). A merged cell's
print stands over the rules its parts' boxes end at: a header label set over two rows ("ID" beside
"Q1 Q2"), a section's name across the table on a dark band, whose first word the page's OCR lost with the
band's edge ("and Land Use" for "Nature and Land Use")."""
from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from .model import RawCell, RawTable

WORD = re.compile(r"[^\W_]+")


@dataclass
class Target:
    """A cell to read again: its table and index, whether it is a header cell read as no label, the other
    parts of the merged cell it is read as, how many cut-outs of it are read, and, for a band read whole,
    the text the page's OCR read of all its parts (None for any other cell)."""

    table: RawTable
    index: int
    suspect: bool
    rest: list[int] = field(default_factory=list)
    crops: int = 1
    band: str | None = None


def spans_to_parts(table: RawTable) -> dict[str, list[int]]:
    """Each merged cell's label ("r0:c0:r1:c1") → the indexes of its parts, in the table's order."""
    parts: dict[str, list[int]] = {}
    for index, cell in enumerate(table.cells):
        if cell.span:
            parts.setdefault(cell.span, []).append(index)
    return parts


def whole_cell(table: RawTable, first: int, indexes: list[int]) -> RawCell:
    """The first part of a merged cell with the box of all its parts."""
    parts = [table.cells[i] for i in indexes]
    return replace(table.cells[first], x0=min(c.x0 for c in parts), top=min(c.top for c in parts),
                   x1=max(c.x1 for c in parts), bottom=max(c.bottom for c in parts))


def first_part(table: RawTable, label: str, indexes: list[int]) -> int | None:
    """The index of a merged cell's top-left part, None where the parts have no such one."""
    r0, c0 = (int(v) for v in label.split(":")[:2])
    first = [i for i in indexes if (table.cells[i].row, table.cells[i].col) == (r0, c0)]
    return first[0] if len(first) == 1 else None


def merged_boxes(table: RawTable) -> dict[int, tuple[RawCell, list[int]]]:
    """The merged cells whose parts other than the first hold no text → first part's index: (the first part
    with the merged cell's box, the other parts' indexes). Such a cell is read whole, as one."""
    out: dict[int, tuple[RawCell, list[int]]] = {}
    for label, indexes in spans_to_parts(table).items():
        first = first_part(table, label, indexes)
        rest = [i for i in indexes if i != first]
        if first is None or not rest or any(table.cells[i].text.strip() for i in rest):
            continue
        out[first] = (whole_cell(table, first, indexes), rest)
    return out


def band_boxes(table: RawTable) -> dict[int, tuple[RawCell, list[int]]]:
    """The merged cells of one row across columns with text in them (a section row) → first part's index:
    (the first part with the band's box, and as its text and confidence all the parts' text, in order, and
    the lowest of theirs), the other parts' indexes)."""
    out: dict[int, tuple[RawCell, list[int]]] = {}
    for label, indexes in spans_to_parts(table).items():
        r0, c0, r1, c1 = (int(v) for v in label.split(":"))
        first = first_part(table, label, indexes)
        if first is None or r0 != r1 or c0 == c1 or len(indexes) < 2:
            continue
        parts = sorted((table.cells[i] for i in indexes), key=lambda c: c.col)
        text = " ".join(" ".join(c.text.split()) for c in parts if c.text.strip())
        if not text:
            continue
        confidence = min((c.confidence for c in parts if c.text.strip()), default=-1.0)
        box = replace(whole_cell(table, first, indexes), text=text, confidence=confidence)
        out[first] = (box, [i for i in indexes if i != first])
    return out


def unread_rows(table: RawTable) -> dict[int, tuple[RawCell, list[int]]]:
    """In a table ruled between its rows (the words parser's, on a scan), the body rows the page's OCR read
    nothing of → first cell's index: (the first cell with the row's box, the other cells' indexes). A section's
    name on a dark band across such a table has no cell of its own: read whole, it is the row's."""
    if table.flavor != "words" or not table.rows_ruled:
        return {}
    rows: dict[int, list[int]] = {}
    for index, cell in enumerate(table.cells):
        rows.setdefault(cell.row, []).append(index)
    out: dict[int, tuple[RawCell, list[int]]] = {}
    for row, indexes in rows.items():
        first = min(indexes, key=lambda i: table.cells[i].col)
        if row == 0 or any(table.cells[i].text.strip() for i in indexes) or table.cells[first].col != 0:
            continue
        out[first] = (whole_cell(table, first, indexes), [i for i in indexes if i != first])
    return out


def reads_more(before: str, after: str) -> bool:
    """Whether ``after`` holds every word of ``before`` (each within a word of it, in order: "raining" in
    "Training") and more letters: a fuller reading of the same print, not another."""
    old = [w.lower() for w in WORD.findall(before)]
    new = [w.lower() for w in WORD.findall(after)]
    at = 0
    for word in old:
        while at < len(new) and word not in new[at]:
            at += 1
        if at == len(new):
            return False
        at += 1
    return sum(map(len, new)) > sum(map(len, old))
