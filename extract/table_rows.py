"""Where the rows of a table without vertical rules start and where the table ends: rows start with text
in the ID column; the table ends at the first line that is not table text (after a gap wider than its own
spacing, prose across its columns, a heading in larger type), except a line that starts with an ID of
the shape its rows' do."""
from __future__ import annotations

import statistics
from typing import Any

from normalise.ids import ID_LIKE, id_shape

from .flow import edge_crossings
from .lines import group_lines, is_bold

LARGER = 1.15  # times the body's type size: a heading's (a row's first line reaches as wide as one)


def trailing_bottom(body: list[dict[str, Any]], last_rule: float, edges: list[float], max_gap: float = 6.0,
                    id_col: int = 0) -> float:
    """The bottom of the table text that runs on under its last rule (a row the page end broke, or every
    row of a table ruled only under its header); text after a gap (a heading, the next table's prose)
    is not part of the table, nor is a sentence that starts where no row's ID does."""
    lines = group_lines([w for w in body if (w["top"] + w["bottom"]) / 2 > last_rule])
    if not lines or min(w["top"] for w in lines[0]) - last_rule > max_gap:
        return last_rule
    if not_table_text(lines[0], edges, type_size(body)):
        return last_rule  # a legend or note right under the table
    above = group_lines([w for w in body if (w["top"] + w["bottom"]) / 2 < last_rule])
    shapes = {line_id_shape(ln, edges, id_col) for ln in above if starts_row(ln, edges, id_col)} - {""}
    if is_sentence(lines[0], edges, id_col, shapes):
        return last_rule
    # The rows above tell what their IDs look like: a row under the last rule that starts with one is
    # the table's however tight its cells are set.
    kept = until_gap([w for ln in lines for w in ln], edges, id_col=id_col, seen=shapes)
    return max(w["bottom"] for w in kept) + 0.5


def row_starts(body: list[dict[str, Any]], edges: list[float], header_bottom: float, id_col: int = 0) -> list[float]:
    """Tops of the lines that start a row: text in the ID column (the first, unless a theme column or
    another comes before it)."""
    return sorted({round(ln[0]["top"], 1) for ln in group_lines(body)
                   if starts_row(ln, edges, id_col) and (ln[0]["top"] + ln[0]["bottom"]) / 2 > header_bottom})


MIN_ID_STARTS = 2  # lines starting with an ID that make a column, whose header names none, the ID column


def id_column_by_content(body: list[dict[str, Any]], edges: list[float], before: int) -> int:
    """The ID column of a table whose header names none (OCR lost its short label, "No."): of the columns
    left of ``before`` (the action column), the one in which the most lines print an ID as their first
    word there, at least two; else the first column. A theme column comes first but starts few lines, each
    with a word."""
    counts = [0] * max(0, min(before, len(edges) - 1))
    for line in group_lines(body):
        for c in range(len(counts)):
            first = next((w for w in line if edges[c] <= w["x0"] < edges[c + 1]), None)
            if first is not None and ID_LIKE.match(str(first["text"]).strip(".,;:")):
                counts[c] += 1
    best = max(range(len(counts)), key=lambda c: (counts[c], -c), default=0)
    return best if counts and counts[best] >= MIN_ID_STARTS else 0


def starts_row(line: list[dict[str, Any]], edges: list[float], id_col: int) -> bool:
    """Whether a line starts a row: it prints a letter or digit in the ID column (a speck there, OCR's "-"
    or "." by a cell's edge, starts none)."""
    if id_col == 0:
        first = [w for w in line if w["x0"] < edges[1]]
        return bool(first) and first[0] is line[0] and any(ch.isalnum() for w in first for ch in w["text"])
    return any(edges[id_col] <= w["x0"] < edges[id_col + 1] and any(ch.isalnum() for ch in w["text"]) for w in line)


def is_sentence(line: list[dict[str, Any]], edges: list[float], id_col: int, shapes: set[str]) -> bool:
    """A line set as close as a row's under a table (a legend) that no row's ID starts: nothing with a
    digit, or of no ID shape seen above, in the ID column, and a run of six words or more, not bold, over
    a column edge (a row's ID and text are a cell's padding apart, more than a word space)."""
    in_id = id_cell_words(line, edges, id_col)
    text = " ".join(w["text"] for w in in_id)
    if not in_id or not shapes or any(ch.isdigit() for ch in text) or id_shape(text) in shapes or is_bold(line):
        return False
    # The run that starts in the ID column itself reaches over its edge: tight cells further right can
    # run into each other, but an ID cell never holds six words.
    start = min(w["x0"] for w in in_id)
    return any(n and words >= 6 and x0 <= start for x0, n, words in edge_crossings(line, edges))


def id_cell_words(line: list[dict[str, Any]], edges: list[float], id_col: int) -> list[dict[str, Any]]:
    """The words a line prints in the ID column."""
    return [w for w in line if edges[id_col] <= w["x0"] < edges[id_col + 1]]


def line_id_shape(line: list[dict[str, Any]], edges: list[float], id_col: int) -> str:
    """The shape (``A.9``) of what a line prints in the ID column."""
    return id_shape(" ".join(w["text"] for w in id_cell_words(line, edges, id_col)))


def merge_bounds(bounds: list[float], within: float = 4.0) -> list[float]:
    """Sorted row boundaries, those closer than ``within`` points (a rule just above a row's text) as one."""
    out: list[float] = []
    for b in sorted(bounds):
        if not out or b - out[-1] > within:
            out.append(b)
    return out


def until_gap(body: list[dict[str, Any]], edges: list[float], factor: float = 3.0, floor: float = 8.0,
              id_col: int = 0, seen: frozenset[str] | set[str] = frozenset()) -> list[dict[str, Any]]:
    """A table with no rules ends before the first line that is not table text: one after a vertical gap
    well beyond the table's own spacing (the blank line before a closing paragraph or the next heading;
    padded rows and section bands are wider apart than lines within a cell, so the spacing between rows
    sets the bar), or one whose words run across the column edges (prose, a heading in larger type).
    ``seen``: the shapes of IDs that start rows above ``body`` (``A.9``)."""
    lines = group_lines(body)
    gaps = [min(w["top"] for w in b) - max(w["bottom"] for w in a) for a, b in zip(lines, lines[1:])]
    if not gaps:
        return body
    typical = sorted(gaps)[len(gaps) // 2]
    row_gaps = sorted(g for g, line in zip(gaps, lines[1:]) if starts_row(line, edges, id_col))
    row_typical = row_gaps[len(row_gaps) // 2] if row_gaps else typical
    limit = max(floor, factor * typical, 2.5 * row_typical)
    body_size = type_size(body)
    shapes: set[str] = set(seen)  # the shapes of the IDs that start the rows so far (LCC-01: A-9)
    for k, line in enumerate(lines):
        prose = k > 0 and not_table_text(line, edges, body_size)
        shape = line_id_shape(line, edges, id_col) if starts_row(line, edges, id_col) else ""
        # A row that starts with an ID like the rows' before it is still the table's, past a wide gap (a
        # spreadsheet's rows of fixed height leave such gaps under short rows) or set as tight as prose.
        prose = prose or (k > 0 and is_sentence(line, edges, id_col, shapes))
        if k and (prose or gaps[k - 1] > limit) and not (shape and shape in shapes):
            return [w for ln in lines[:k] for w in ln]
        if shape:
            shapes.add(shape)
    return body


def not_table_text(line: list[dict[str, Any]], edges: list[float], body_size: tuple[float, float],
                   slack: float = 2.0) -> bool:
    """A line whose words run over the column edges and that is either in larger type (a heading), or has
    one run of words over two edges and is not bold (prose). A section row's name also runs over an edge,
    but is short, or bold."""
    crossings = [n for _, n, _ in edge_crossings(line, edges, slack)]
    if not any(crossings):
        return False
    if max(crossings) >= 2 and not is_bold(line):
        # One run of words across two column edges: a sentence (a legend, a note). Cells set tight can
        # run into their neighbour's text, but only ever across the one edge between them.
        return True
    # A heading in larger type; a row's first line reaches as wide, so width alone says nothing.
    return in_larger_type(line, body_size)


def inked(words: list[dict[str, Any]]) -> list[float]:
    """The heights of the OCR'd words' own ink, of words of three letters or more and no digit: a short
    word can be a Gantt fill read as letters ("es", its box the fill's), and a date's slash reaches past
    its digits ("03/2030" 9.6 pt tall among words of 7)."""
    return [float(w["ink"]) for w in words if w.get("ink") and sum(ch.isalpha() for ch in w["text"]) >= 3
            and not any(ch.isdigit() for ch in w["text"])]


def median(values: list[float]) -> float:
    """The upper median (a value of ``values``, as the gaps' and sizes' above are), 0.0 of none."""
    return statistics.median_high(values) if values else 0.0


def type_size(words: list[dict[str, Any]]) -> tuple[float, float]:
    """The median type size of ``words``, and of OCR'd words the median of their lines' ink (``line_ink``;
    0.0 where not OCR'd): a body line's own words' height, as a heading's every word is taller."""
    sizes = median([float(w.get("size", 0.0) or 0.0) for w in words])
    return sizes, median([s for s in (line_ink(line) for line in group_lines(words)) if s])


def in_larger_type(line: list[dict[str, Any]], body: tuple[float, float]) -> bool:
    """Whether a line is set in larger type than the body (``type_size``): its largest word's size is; and
    on an OCR'd page its tallest ink too, where a word of three letters or more tells. An OCR'd word's
    size is its line's box, which a shaded Gantt cell read as letters on the line ("Sa") stretches to the
    cell's height; the words' own ink stays the body's."""
    if max(float(w.get("size", 0.0) or 0.0) for w in line) <= LARGER * body[0]:
        return False
    return not (body[1] and any(w.get("ink") for w in line)) or line_ink(line) > LARGER * body[1]


def line_ink(line: list[dict[str, Any]]) -> float:
    """How tall an OCR'd line's print stands: the ink two of its words reach (one, where it has only one).
    A heading's words are all in its larger type; one word of a body line can take in a speck or a band's
    edge beside it ("Environment" 8.9 pt tall among words of 6), and that line is no heading."""
    heights = sorted(inked(line), reverse=True)
    return heights[1] if len(heights) > 1 else (heights[0] if heights else 0.0)
