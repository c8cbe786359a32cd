"""Merged cells: a cell printed once over several action rows (a lead team, a theme) belongs to each of
those rows. Read from the spans extract recorded (ruled tables only: without rules nothing shows a merge)."""
from __future__ import annotations

from extract.model import RawTable

from .corrections import CorrectionLog
from .headers import ColumnMap
from .text import fold_text


def spread_merged(table: RawTable, texts: list[list[str]], mapping: ColumnMap, log: CorrectionLog,
                  carried: dict[int, str] | None = None) -> dict[int, str]:
    """Give the text of each cell merged down over body rows to every row it covers (in ``texts``, the
    table's grid of cell texts), in its first column, logged once per merged cell; a cell merged across
    a body row keeps its text in its first column. ``carried``: column → the text of a merged cell that
    ran to the foot of the table's part on the page before; an empty merged cell at the top of this part
    in that column is its continuation. Returns the same for this part's foot."""
    carried = carried or {}
    last_row = table.n_rows - 1
    running_on: dict[int, str] = {}
    regions: dict[str, list[tuple[int, int, str]]] = {}
    for cell in table.cells:
        if cell.span:
            regions.setdefault(cell.span, []).append((cell.row, cell.col, cell.text))
    for label, members in regions.items():
        r0, c0, r1, c1 = (int(v) for v in label.split(":"))
        if r1 == r0 and r0 >= mapping.header_rows:
            # A cell merged across columns (a section row): its text, wherever the parser placed it, is
            # the first column's, where a section's name is looked for.
            text = "\n".join(t for _, _, t in sorted(members) if t.strip())
            for c in range(c0, c1 + 1):
                texts[r0][c] = text if c == c0 else ""
            continue
        if r1 == r0 or r0 < mapping.header_rows or c0 == mapping.col("id"):
            continue
        text = "\n".join(t for _, _, t in sorted(members) if t.strip())
        if not text.strip() and r0 == mapping.header_rows and carried.get(c0):
            text = carried[c0]  # the merged cell of the page before, continued over the page break
        if r1 == last_row and text.strip():
            running_on[c0] = text
        if not text.strip():
            continue
        for r in range(r0, r1 + 1):
            for c in range(c0, c1 + 1):
                texts[r][c] = text if c == c0 else ""
        log.add(table.page, "", mapping.roles.get(c0, "merged"), fold_text(text),
                f"one merged cell over {r1 - r0 + 1} rows: given to each", "merged-cell")
    return running_on
