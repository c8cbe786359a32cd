"""What the extract stage finds: raw cells, the tables they belong to, and the pages."""
from __future__ import annotations

from dataclasses import dataclass, field

UNREAD_PRINT = 0.0  # the confidence of an empty cell of a scanned page with print in it that OCR read nothing of


@dataclass(frozen=True)
class RawCell:
    page: int
    table: int
    row: int
    col: int
    x0: float
    top: float
    x1: float
    bottom: float
    text: str
    fill: str  # "#rrggbb" of the shading under the cell, "" where none
    breaks: str = ""  # per line break: "w" the text wrapped, "n" a new line was started (extract/wraps.py)
    shape: str = ""  # "#rrggbb" of a small filled shape inside the cell (a Gantt mark), "" where none
    span: str = ""  # "r0:c0:r1:c1": the merged cell (first and last row and column) this cell is part of
    confidence: float = -1.0  # the lowest OCR confidence (0-100) of the cell's words; -1: not OCR'd, or empty
    # (UNREAD_PRINT where the empty cell holds print)
    inked: str = ""  # its OCR'd words whose reading the ink confirms (a capital, a dash, a semicolon), " "-joined


@dataclass
class RawTable:
    """One table on one page, with its provenance and camelot-style parsing report."""

    table: int  # 0-based, in reading order over the document
    page: int
    order: int  # 1-based order on its page
    flavor: str
    x0: float
    top: float
    x1: float
    bottom: float
    n_rows: int
    n_cols: int
    accuracy: float
    whitespace: float
    title_above: str  # the nearest heading-like line printed above the table on its page, "" if none
    rows_ruled: bool = False  # a rule between every two rows (a grid, or rules across the table): a cell
    # the rule over it crosses is not the lower part of a merged cell
    rows_after: int = 0  # lines under the table, before the next, laid out as its rows are (the words
    # parser's end of the table may have cut rows off)
    cells: list[RawCell] = field(default_factory=list)


@dataclass(frozen=True)
class PageInfo:
    page: int
    label: str  # the page number printed in the footer ("205"), "" if none
    rotation: int
    has_text: bool
    candidate: bool  # selected for table parsing by the fast text pass
    overprinted: bool = False  # most of its text drawn twice on the same spots (deduplicated in normalise)
    id_lines: int = 0  # a candidate page's (or the page before one's) lines that start with an action ID
    id_words: str = ""  # those lines' first words, cleaned as IDs are, ";"-joined in reading order
    rows_unparsed: int = 0  # a scanned page no table was read from: its lines laid out as the rows of the
    # table on the page before (that table going on, its header OCR'd past recognition or none printed)
