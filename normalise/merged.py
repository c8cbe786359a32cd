"""Merged cells: a cell printed once over several action rows (a lead team, a theme) belongs to each of
those rows. Read from the spans extract recorded (the rules, or text running on in a table without them),
and, in a table without rules between rows, from the names: a list that ends in half a listed name."""
from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace

from extract.model import RawTable

from .corrections import CorrectionLog
from .headers import ColumnMap
from .names import CONNECTOR_WORDS
from .text import fold_text


def spread_merged(table: RawTable, texts: list[list[str]], mapping: ColumnMap, log: CorrectionLog,
                  carried: dict[int, tuple[str, bool]] | None = None,
                  is_section: Callable[[list[str]], bool] | None = None) -> dict[int, tuple[str, bool]]:
    """Give the text of each cell merged down over body rows to every row it covers (in ``texts``, the
    table's grid of cell texts), in its first column, logged once per merged cell; a cell merged across
    a body row keeps its text in its first column. ``carried``: column → (text, open) of a merged cell
    that ran to the foot of the table's part on the page before, ``open`` where no rule closed it there.
    An empty merged cell at the top of this part in that column is its continuation; so is an empty
    cell at the top where the cell above was left open. ``is_section``: whether a row, as printed, is a
    section row; no merged cell runs into one (on a scan, the rule over a dark section band can read as
    none, and the cell above it as merged down into the band). Returns the same for this part's foot."""
    carried = carried or {}
    last_row = table.n_rows - 1
    top = mapping.header_rows
    sections = [r for r in range(top, last_row + 1) if is_section is not None and is_section(texts[r])]
    running_on: dict[int, tuple[str, bool]] = {}
    regions: dict[str, list[tuple[int, int, str]]] = {}
    for cell in table.cells:
        if cell.span:
            regions.setdefault(cell.span, []).append((cell.row, cell.col, cell.text))
    continued: set[int] = set()
    for label, members in regions.items():
        r0, c0, r1, c1 = (int(v) for v in label.split(":"))
        open_foot = r1 > last_row  # runs on past the foot, over the page break: no rule closes it
        r1 = min(r1, last_row)
        if r1 == r0 and r0 >= top and not open_foot:
            # A cell merged across columns (a section row): its text, wherever the parser placed it, is
            # the first column's, where a section's name is looked for.
            text = "\n".join(t for _, _, t in sorted(members) if t.strip())
            for c in range(c0, c1 + 1):
                texts[r0][c] = text if c == c0 else ""
            continue
        if r0 < top or c0 == mapping.col("id") or r0 in sections:
            continue  # a section row's speck read as running on into the row below is no merged cell
        r1 = min([r1] + [r - 1 for r in sections if r0 < r <= r1])
        text = "\n".join(t for _, _, t in sorted(members) if t.strip())
        if not text.strip() and r0 == top and c0 in carried:
            text = carried[c0][0]  # the merged cell of the page before, continued over the page break
            continued.add(c0)
        if r1 == last_row and text.strip():
            running_on[c0] = (text, open_foot)
        if not text.strip() or (r1 == r0 and c0 not in continued):
            continue
        for r in range(r0, r1 + 1):
            for c in range(c0, c1 + 1):
                texts[r][c] = text if c == c0 else ""
        log.add(table.page, "", mapping.roles.get(c0, "merged"), fold_text(text),
                f"one merged cell over {r1 - r0 + 1} rows: given to each", "merged-cell")
    for c0, (text, was_open) in carried.items():
        # The cell above ran off the foot of the page before with no rule under it: the empty cell at the
        # top of this part is the rest of it.
        if was_open and c0 not in continued and top <= last_row and c0 < len(texts[top]) \
                and not texts[top][c0].strip() and c0 != mapping.col("id"):
            texts[top][c0] = text
            log.add(table.page, "", mapping.roles.get(c0, "merged"), fold_text(text),
                    "one merged cell over a page break: given to the row below", "merged-cell")
    return running_on


NAME_ROLES = ("leads", "partners")
LIST_BREAK = re.compile(r"[;,\n]")


def folded(text: str) -> str:
    return " ".join(text.split()).casefold()


def runs_over_break(above: str, below: str, listed: frozenset[str]) -> bool:
    """Whether a names cell at the foot of a page runs on into the cell at the top of the next page, in a
    row of its own (one cell merged over both rows, its text split by the page break): it ends in a word
    or mark no name ends with ("Economic Development, Ecology and"), or its last name and the next cell's
    first are no listed names and together they are one."""
    above, below = above.strip(), below.strip()
    if not above or not below or below.startswith(above):
        return False
    last = above.split()[-1].casefold()
    if last in CONNECTOR_WORDS or above[-1] in ",;/&":
        return True
    tail, head = folded(LIST_BREAK.split(above)[-1]), folded(LIST_BREAK.split(below)[0])
    return bool(tail and head and tail not in listed and head not in listed and f"{tail} {head}" in listed)


def names_run_on(table: RawTable, texts: list[list[str]], mapping: ColumnMap, listed: frozenset[str]) -> RawTable:
    """``table`` with the name cells that run on into the row below marked as one merged cell, where no
    rule between the rows can show it: the cell's last name and the next row's first are no listed names
    (``listed``: the canonical names and their variants, folded), and together they are one ("Pensions
    Team; Waste" over "Management": Waste Management). The rows then share the names, flagged (a guess)."""
    if table.rows_ruled:
        return table
    joins: dict[int, list[int]] = {}  # column → rows whose cell runs on into the next row
    for c, role in mapping.roles.items():
        if role not in NAME_ROLES:
            continue
        for r in range(mapping.header_rows, table.n_rows - 1):
            above, below = texts[r][c].strip(), texts[r + 1][c].strip()
            if not above or not below:
                continue
            tail, head = folded(LIST_BREAK.split(above)[-1]), folded(LIST_BREAK.split(below)[0])
            if tail and head and tail not in listed and head not in listed and f"{tail} {head}" in listed:
                joins.setdefault(c, []).append(r)
    spans: dict[tuple[int, int], str] = {}
    for c, rows in joins.items():
        runs: list[list[int]] = []
        for r in rows:  # consecutive joins make one cell over all their rows
            if runs and runs[-1][-1] == r - 1:
                runs[-1].append(r)
            else:
                runs.append([r])
        for run in runs:
            r0, r1 = run[0], run[-1] + 1
            spans.update({(r, c): f"{r0}:{c}:{r1}:{c}" for r in range(r0, r1 + 1)})
    if not spans:
        return table
    cells = [replace(cell, span=spans[(cell.row, cell.col)]) if (cell.row, cell.col) in spans and not cell.span
             else cell for cell in table.cells]
    return replace(table, cells=cells)
