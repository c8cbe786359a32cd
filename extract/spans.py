"""Merged cells: which of a table's cells form one printed cell, read from the rules around each (no rule
between two cells: they are one). Recorded in raw/, never acted on here."""
from __future__ import annotations

from typing import Any

Pair = tuple[int, int]


def merges_to_spans(n_rows: int, n_cols: int, down: set[Pair], right: set[Pair]) -> dict[Pair, str]:
    """Cells joined to the one below (``down``) or to the right (``right``) → (row, col) →
    ``"r0:c0:r1:c1"``, the merged cell each is part of; cells on their own are left out."""
    parent = {(r, c): (r, c) for r in range(n_rows) for c in range(n_cols)}

    def find(k: Pair) -> Pair:
        while parent[k] != k:
            parent[k] = parent[parent[k]]
            k = parent[k]
        return k

    for r, c in down:
        if r + 1 < n_rows:
            parent[find((r + 1, c))] = find((r, c))
    for r, c in right:
        if c + 1 < n_cols:
            parent[find((r, c + 1))] = find((r, c))
    regions: dict[Pair, list[Pair]] = {}
    for k in parent:
        regions.setdefault(find(k), []).append(k)
    spans = {}
    for members in regions.values():
        if len(members) < 2:
            continue
        rows, cols = [r for r, _ in members], [c for _, c in members]
        label = f"{min(rows)}:{min(cols)}:{max(rows)}:{max(cols)}"
        spans.update({k: label for k in members})
    return spans


def cells_to_spans(cells: list[list[Any]], foot: list[bool] | None = None) -> dict[Pair, str]:
    """camelot's cell grid (each cell knows whether a rule runs along each side) → merged cells.
    ``foot``: per column, whether a rule closes the last row (camelot draws the table's border whole, so
    the page's own rules tell). A last-row cell left open where the rule under most of the row is drawn
    runs on past the foot (a merged cell broken over a page): its span ends at row ``n_rows``."""
    n_rows, n_cols = len(cells), len(cells[0]) if cells else 0
    down = {(r, c) for r in range(n_rows - 1) for c in range(n_cols)
            if not cells[r][c].bottom and not cells[r + 1][c].top}
    if n_rows and foot and len(foot) == n_cols and sum(foot) * 2 >= n_cols:
        down |= {(n_rows - 1, c) for c in range(n_cols) if not foot[c]}
    right = {(r, c) for r in range(n_rows) for c in range(n_cols - 1)
             if not cells[r][c].right and not cells[r][c + 1].left}
    spans = merges_to_spans(n_rows + 1, n_cols, down, right)
    return {k: v for k, v in spans.items() if k[0] < n_rows}
