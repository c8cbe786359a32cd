"""Text that runs on over a row's edge: in a table without rules, a cell merged over several rows prints its
text from the top of the first, and where that text is longer than the row it runs on into the next
("Leicestershire Traded" / "Services"). Rows start where the ID column's text starts, so the run-on lines
fall into the row below. What tells them apart from that row's own text is the gap: lines of one cell sit
one line pitch apart, while consecutive rows are further apart by the cells' padding; and a cell's text
never starts in lower case ("and Programmes"), where a name or a sentence runs on. Recorded as merges
in raw/ (the cell joined to the one below), as the rules' gaps are in a ruled table; never acted on here."""
from __future__ import annotations

import statistics
from collections import Counter
from collections.abc import Callable
from typing import Any

from normalise.ids import id_shape

from .header_labels import word_space
from .lines import group_lines
from .model import RawTable

Word = dict[str, Any]
MIN_PADDING = 1.5  # points: rows closer than a line pitch plus this cannot be told from a cell's lines


def cell_lines(body: list[Word], bounds: list[float], edges: list[float]) -> list[list[list[list[Word]]]]:
    """Per body row (between consecutive ``bounds``) and column (between ``edges``), its lines."""
    grid: list[list[list[list[Word]]]] = []
    for r in range(len(bounds) - 1):
        in_row = [w for w in body if bounds[r] <= (w["top"] + w["bottom"]) / 2 < bounds[r + 1]]
        grid.append([group_lines([w for w in in_row if edges[c] <= w["x0"] < edges[c + 1]])
                     for c in range(len(edges) - 1)])
    return grid


def runs_on(line: list[Word]) -> bool:
    """Whether a line reads as the rest of a text begun above: its first word starts in lower case."""
    first = str(line[0]["text"]) if line else ""
    return first[:1].islower()


def heading_over_edge(row: list[list[list[Word]]], row_column: int) -> bool:
    """Whether a row's first line runs from the ID column into the next a word space apart: a section's
    heading ("Resources" / "and Waste"), set as one run of words, not a row whose ID and text are a
    cell's padding apart. Nothing runs on into such a row."""
    if row_column + 1 >= len(row) or not row[row_column] or not row[row_column + 1]:
        return False
    left, right = row[row_column][0], row[row_column + 1][0]
    if abs(left[0]["top"] - right[0]["top"]) > 1.0:
        return False
    return right[0]["x0"] - left[-1]["x1"] < word_space(left + right)


def line_pitch(grid: list[list[list[float]]]) -> float | None:
    """The median distance between consecutive lines of one cell."""
    steps = [b - a for row in grid for tops in row for a, b in zip(tops, tops[1:])]
    return statistics.median(steps) if steps else None


def flowing_joins(body: list[Word], bounds: list[float], edges: list[float], row_column: int) -> set[tuple[int, int]]:
    """(row, col) of the cells whose text runs on into the row below: the next row's first line in that
    column sits one line pitch under this row's last (or starts in lower case), where every row break
    without such a column is further apart than that. ``bounds``: the body rows' edges; ``row_column``: the
    column whose text starts each row (the IDs'), which never runs on."""
    lines = cell_lines(body, bounds, edges)
    # A line of no letter or digit (a scan's speck read as "." under a name) is no line of text: it would
    # stand a line pitch over the next row's first and make the cell seem to run on into it.
    grid = [[[ln[0]["top"] for ln in cell if any(ch.isalnum() for w in ln for ch in w["text"])] for cell in row]
            for row in lines]
    pitch = line_pitch(grid)
    # The column with the most lines (the actions') holds each row's own text: it never runs on.
    busiest = max(range(len(edges) - 1), key=lambda c: sum(len(row[c]) for row in grid), default=row_column)
    candidates: dict[int, list[int]] = {}
    padded = []  # the gaps at row breaks no column's text runs over
    for r, (row, nxt) in enumerate(zip(grid, grid[1:])):
        # A row's own last line: not that of text run on from the row above, which keeps its own spacing.
        own = [cell for c, cell in enumerate(row) if cell and c not in candidates.get(r - 1, [])]
        if not own or not any(nxt) or heading_over_edge(lines[r + 1], row_column):
            continue
        cols = [c for c in range(len(edges) - 1) if c not in (row_column, busiest) and row[c] and nxt[c]
                and pitch is not None and abs(nxt[c][0] - row[c][-1] - pitch) <= max(0.75, 0.08 * pitch)]
        if cols:
            candidates[r] = cols
        elif max(cell[-1] for cell in row if cell) <= max(cell[-1] for cell in own) + 0.5:
            padded.append(min(cell[0] for cell in nxt if cell) - max(cell[-1] for cell in own))
        # A row whose last line is that of a column taken as run on from above measures no padding: were
        # that column's lines the row's own, the gap would be theirs (two partner lists in tight rows, the
        # second a line pitch under the first, each taken for the other's run-on would prove it).
    # Rows some break sets no further apart than a cell's lines (rows of fixed height, no padding) cannot
    # be told from run-on text by the gap.
    by_gap = pitch is not None and bool(padded) and min(padded) - pitch >= max(MIN_PADDING, 0.15 * pitch)
    joins = {(r, c) for r, cols in candidates.items() for c in cols} if by_gap else set()
    for r, (row, nxt) in enumerate(zip(grid, grid[1:])):
        if not any(row) or heading_over_edge(lines[r + 1], row_column):
            continue
        # Text that runs on fills its cell to the row's last line (a legend's "or marked: …" under a
        # short cell does not).
        last = max(cell[-1] for cell in row if cell)
        joins |= {(r, c) for c in range(len(edges) - 1)
                  if c not in (row_column, busiest) and row[c] and nxt[c] and row[c][-1] >= last - 1.0
                  and runs_on(lines[r + 1][c][0])}
    return joins


def edge_crossings(line: list[dict[str, Any]], edges: list[float], slack: float = 2.0) -> list[tuple[float, int, int]]:
    """Per run of words a word-space apart: (where it starts, column edges it reaches across, words in
    it). Cells keep their text a padding's width from their edges, so only prose runs over one."""
    inner = edges[1:-1]
    runs: list[list[float]] = []
    space = word_space(line)
    for w in sorted(line, key=lambda w: w["x0"]):
        if runs and w["x0"] - runs[-1][1] < space:
            runs[-1][1] = max(runs[-1][1], w["x1"])
            runs[-1][2] += 1
        else:
            runs.append([w["x0"], w["x1"], 1])
    return [(x0, sum(1 for e in inner if x0 < e - slack and x1 > e + slack), int(n)) for x0, x1, n in runs]


def heading_rows(body: list[Word], bounds: list[float], edges: list[float], id_col: int) -> set[tuple[int, int]]:
    """(row, col) of the cells joined to the one on their right: a row of one line that is one run of
    words from the ID column over column edges ("Nature" / "and Land" / "Use"), the ID column holding
    nothing of the shape most rows' IDs have, is a section's heading printed across the columns (one
    merged cell), not a row whose ID and cells are a padding apart."""
    lines = cell_lines(body, bounds, edges)

    def id_text(row: list[list[list[Word]]]) -> str:
        return " ".join(str(w["text"]) for w in row[id_col][0]) if row[id_col] else ""

    shapes = Counter(id_shape(id_text(row)) for row in lines if row[id_col])
    usual = shapes.most_common(1)[0][0] if shapes else ""
    joins: set[tuple[int, int]] = set()
    for r, row in enumerate(lines):
        words = [w for cell in row for ln in cell for w in ln]
        if not row[id_col] or id_shape(id_text(row)) == usual or len(group_lines(words)) != 1:
            continue
        runs = edge_crossings(words, edges)
        filled = [c for c in range(len(edges) - 1) if row[c]]
        if len(runs) == 1 and runs[0][1] and filled[0] <= id_col:
            joins |= {(r, c) for c in range(filled[0], filled[-1])}
    return joins


MIN_ROW_COLUMNS = 3  # columns a line's runs of words must start in to be laid out as a table's row


def lines_like_rows(words: list[Word], edges: list[float], id_col: int) -> int:
    """How many lines of ``words`` (those under a table) are laid out as its rows are: the first word in
    the ID column, and runs of words starting in three columns or more, none running over two column
    edges. A legend or a note is a sentence across the columns; a row lost past the table's end (an ID
    misread past recognition, "81" for B1, after which the parser took the text for something else) is
    set in the table's columns. A line whose ID was not read at all starts in the column after the IDs',
    in one column more."""
    count = 0
    for line in group_lines(words):
        runs = edge_crossings(line, edges)
        starts = {next((c for c in range(len(edges) - 1) if edges[c] <= x0 < edges[c + 1]), -1) for x0, _, _ in runs}
        starts.discard(-1)
        # A row whose ID the reading lost starts in the column after the IDs': only as wide as a row's
        # first line is (a cell's wrapped lines under it fill fewer columns) does it count.
        needed = MIN_ROW_COLUMNS if id_col in starts else MIN_ROW_COLUMNS + 1 if id_col + 1 in starts else None
        if needed is not None and min(starts) >= id_col and len(starts) >= needed \
                and not any(n >= 2 for _, n, _ in runs):
            count += 1
    return count


def table_to_edges(table: RawTable) -> list[float]:
    """A table's column edges: each column's left side, and the last column's right side."""
    lefts: dict[int, float] = {}
    right = table.x1
    for cell in table.cells:
        lefts[cell.col] = min(lefts.get(cell.col, cell.x0), cell.x0)
        if cell.col == table.n_cols - 1:
            right = max(right, cell.x1)
    return [lefts[c] for c in sorted(lefts)] + [right] if lefts else []


def id_column(table: RawTable, is_id: Callable[[str], bool]) -> int | None:
    """The column whose cells most often read as IDs (at least two of them), or None."""
    counts: dict[int, int] = {}
    for cell in table.cells:
        first = cell.text.strip().split("\n")[0] if cell.text.strip() else ""
        if first and is_id(first):
            counts[cell.col] = counts.get(cell.col, 0) + 1
    best = max(counts, key=lambda c: counts[c], default=None)
    return best if best is not None and counts[best] >= 2 else None


def rows_on_next_page(previous: RawTable, words: list[Word], is_id: Callable[[str], bool],
                      headed: bool = False) -> int:
    """Lines of the page after ``previous``'s (a page no table was read from) laid out as its rows are:
    the table going on over the page break, with a header OCR'd past recognition or none printed.
    ``headed``: ``previous`` has an action table's header, so even where none of its columns reads as IDs
    (OCR lost them all) its rows are lines that start in its first column, or in its second (the IDs lost
    on this page too, a row starts with its action)."""
    edges = table_to_edges(previous)
    col = id_column(previous, is_id)
    if len(edges) < MIN_ROW_COLUMNS + 1 or (col is None and not headed):
        return 0
    if col is None:
        return max(lines_like_rows(words, edges, c) for c in (0, 1))
    return lines_like_rows(words, edges, col)
