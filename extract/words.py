"""Tables without vertical rules → RawTables: columns from the header labels' positions, rows from the
horizontal rules (or, with no rules at all, from the lines that start with text in the first column)."""
from __future__ import annotations

import logging
from dataclasses import replace
from pathlib import Path
from typing import Any

from normalise.headers import header_role, sub_period, year_label
from normalise.vocabulary import HeaderVocabulary, load_vocabulary

from .columns import regrid_sideways
from .fills import Box, cell_fill, cell_shape, filled_boxes
from .flow import flowing_joins, heading_rows, lines_like_rows
from .gutters import Gutter, lines_to_gutters, snap_to_gutters, split_at_edges, split_collisions
from .header_labels import (
    continues_bold_header,
    header_columns,
    header_start,
    is_header_text,
    labels_continue_header,
    line_to_labels,
    touches,
    unlabelled_first_columns,
)
from .lines import group_lines, words_to_text
from .model import RawCell, RawTable
from .pages import Pages
from .rules import full_width_rules, rule_segments, rules_extent, unruled_joins
from .settings import ExtractSettings
from .spans import merges_to_spans
from .table_rows import id_column_by_content, merge_bounds, row_starts, trailing_bottom, until_gap
from .titles import running_lines, without_footer, without_running
from .wraps import line_breaks_between, measured_rights, outside

Line = list[dict[str, Any]]
FIRST_COLUMNS = 2  # where no header names the action column, the columns the ID column may be among

log = logging.getLogger(__name__)


def header_continued(lines: list[Line], first: int, header_lines: list[Line], gutters: list[Gutter],
                     vocabulary: HeaderVocabulary) -> tuple[int, set[int]]:
    """The lines under a header's first (``lines[first]``) that are more of it, appended to ``header_lines``:
    (the index of the first line that is not, the indices in ``header_lines`` of lines taken in with a label
    that is none: see header_columns). A line of specks alone (a rule's end read "|" between a header's
    lines) neither ends the header nor is part of it."""
    i = first + 1
    loose: set[int] = set()
    while i < len(lines):
        if not any(ch.isalnum() for w in lines[i] for ch in w["text"]):
            i += 1
            continue
        labels = line_to_labels(lines[i], gutters)
        if labels_continue_header(labels, vocabulary) or continues_bold_header(lines[first], lines[i], gutters):
            header_lines.append(lines[i])
        elif touches(header_lines[-1], lines[i]) and labels_continue_header(
                labels, vocabulary, [lb for ln in header_lines for lb in line_to_labels(ln, gutters)]):
            loose.add(len(header_lines))
            header_lines.append(lines[i])
        else:
            break
        i += 1
    return i, loose


def parse_page(page: Any, page_words: list[dict[str, Any]], number: int, first_index: int,
               settings: ExtractSettings, taken: list[Box] | None = None) -> list[RawTable]:
    vocabulary = load_vocabulary(settings.vocab_path).headers
    height = float(page.height)
    all_words = without_footer(page_words, height, settings.footer_band)
    words = outside(all_words, taken or [])
    lines = group_lines(words)
    fills = filled_boxes(page.rects + page.curves)
    tables: list[RawTable] = []
    begin = 0
    while (start := header_start(lines, vocabulary, begin)) is not None:
        header_lines = [lines[start]]
        # Year labels turned on their side stand taller than the header line they belong to: their tops
        # make a line of their own just above it.
        while start > begin and touches(lines[start - 1], lines[start]) \
                and all(year_label(w["text"]) or sub_period(w["text"]) is not None for w in lines[start - 1]):
            start -= 1
            header_lines.insert(0, lines[start])
        # The body's gutters (bold lines, the header's among them, do not count) tell tight labels apart.
        first = start + len(header_lines) - 1
        gutters = lines_to_gutters(lines[first + 1:header_start(lines, vocabulary, first + 1)])
        i, loose = header_continued(lines, first, header_lines, gutters, vocabulary)
        next_header = header_start(lines, vocabulary, i)
        # Header words set tight against the next column's ("partnersComments") split where its text starts.
        starts = [-1e9] + [g1 - 0.5 for _, g1 in gutters] + [1e9]
        header_lines = [split_at_edges(line, starts, slack=0.5) for line in header_lines]
        columns, groups = header_columns(header_lines, gutters, vocabulary, frozenset(loose))
        under = [ln for ln in lines[i:next_header] if ln[0]["top"] > max(w["bottom"] for w in header_lines[-1])]
        # Their words would fall outside the table's first edge.
        columns = unlabelled_first_columns(columns, under, gutters) + columns
        edges = snap_to_gutters([c.x0 - 3 for c in columns] + [max(w["x1"] for w in words) + 1], gutters)
        top = min(w["top"] for w in lines[start]) - 2
        header_end = max(w["bottom"] for ln in header_lines for w in ln)
        drawn = [r["x1"] for r in page.rects + page.lines if r["top"] <= header_end and r["bottom"] >= top]
        edges = regrid_sideways(columns, edges, max(drawn) if drawn else None)
        rules = [r for r in full_width_rules(page, edges[0], edges[-1]) if top + 1 < r]
        limit = min(w["top"] for w in lines[next_header]) - 1 if next_header is not None else height
        # A table another parser read further down the page ends this one too.
        limit = min([limit] + [b[1] - 1 for b in (taken or []) if b[1] > top])
        # Cells set tight run into the next column's text with a gap, an overfull one (LaTeX's overfull
        # box: "Opportunities" into "Flood") with none: both split where the next column's text starts.
        body = split_collisions(split_at_edges([w for ln in lines[i:] for w in ln if w["top"] < limit], edges),
                                edges)
        whole = body  # before the table's end is found: what lies under it is checked for rows it lost
        header_bottom = max(w["bottom"] for ln in header_lines for w in ln) + 1
        # A rule just over the next header (its table's top rule) is not this table's.
        rules = [r for r in rules if r < limit - 6]
        # By the middle of a word: a tall font box reaches above the rule under the header.
        first_body = min(((w["top"] + w["bottom"]) / 2 for w in body), default=header_bottom)
        # Rules above the first body line underline the header; only those below it separate rows.
        body_rules = [r for r in rules if r > max(header_bottom + 1, first_body)]
        roles = [header_role(" ".join(col.text.split()), vocabulary)[0] for col in columns]
        id_col = roles.index("id") if "id" in roles else id_column_by_content(
            body, edges, roles.index("action") if "action" in roles else FIRST_COLUMNS)
        ruled_rows = bool(body_rules) and len(body_rules) >= len(row_starts(body, edges, header_bottom, id_col))
        if body_rules:
            # Text well under the last rule (a legend under a table's bottom rule) is not the table's.
            last = body_rules[-1]
            bottom = trailing_bottom(body, last, edges, id_col=id_col)
            body = [w for w in body if w["top"] < max(bottom, last)]
        if ruled_rows:
            bounds = [top, header_bottom] + body_rules
            if bottom > bounds[-1]:
                bounds.append(bottom)  # a row broken by the page's end has no rule under it
        else:
            # No rules, or rules only under the header and between groups (booktabs): the table ends at
            # the first line that is not table text, and rows start where text starts in the first column.
            body = until_gap(body, edges, id_col=id_col)
            starts = row_starts(body, edges, header_bottom, id_col)
            bottom = max((w["bottom"] for w in body), default=header_bottom) + 1
            inner = [r for r in body_rules if r < bottom]
            bounds = merge_bounds([top, header_bottom] + inner + [s - 1 for s in starts]) + [bottom]
        # No word of the table may fall outside its rows: one whose middle is below the last edge (a tall
        # font box over the last rule) makes a row of its own rather than vanish.
        below = [w for w in body if (w["top"] + w["bottom"]) / 2 >= bounds[-1]]
        if below:
            bottom = max(w["bottom"] for w in below) + 1
            bounds.append(bottom)
        index = first_index + len(tables)
        table = RawTable(table=index, page=number, order=len(tables) + 1, flavor="words", x0=edges[0],
                         top=top, x1=edges[-1], bottom=bottom, n_rows=len(bounds) - 1, n_cols=len(columns),
                         accuracy=0.0, whitespace=0.0, title_above="", rows_ruled=ruled_rows,
                         rows_after=lines_like_rows([w for w in whole if (w["top"] + w["bottom"]) / 2 > bottom],
                                                    edges, id_col))
        straddling, empty = 0, 0
        header_words = [w for ln in header_lines for w in ln]
        # Row 0 holds the group headings in the first column each spans (as camelot places a merged
        # cell's text), row 1 the column labels; both share the header's band on the page.
        header_rows: list[list[str]] = []
        if groups:
            group_row = ["" for _ in columns]
            for g in groups:
                first = next((c for c, col in enumerate(columns) if g.x0 < col.x1 and col.x0 < g.x1),
                             min(range(len(columns)), key=lambda c: abs(columns[c].x0 - g.x0)))
                group_row[first] = f"{group_row[first]} {g.text}".strip()
            header_rows.append(group_row)
        header_rows.append([col.text for col in columns])
        table.n_rows += len(header_rows) - 1
        for r, texts in enumerate(header_rows):
            for c, text in enumerate(texts):
                box = (edges[c], bounds[0], edges[c + 1], bounds[1])
                table.cells.append(RawCell(number, index, r, c, *box, text=text, fill=cell_fill(box, fills),
                                           shape=cell_shape(box, fills)))
        # Where a column's text reaches, not where the next label starts: with no rules, that is as wide
        # as its lines can be, and what tells a wrapped line from a new one.
        text_left = [min([w["x0"] for w in body if edges[c] <= w["x0"] < edges[c + 1]], default=edges[c])
                     for c in range(len(columns))]
        text_right = [max([w["x1"] for w in body if edges[c] <= w["x0"] < edges[c + 1]], default=edges[c + 1]) + 0.5
                      for c in range(len(columns))]
        rights = measured_rights(body, edges, text_left, rules_extent(rule_segments(page), rules))
        for r in range(1, len(bounds) - 1):
            # By the middle of the word: a font box can reach above the rule over its row.
            in_row = [w for w in body if bounds[r] <= (w["top"] + w["bottom"]) / 2 < bounds[r + 1]]
            for c in range(len(columns)):
                in_cell = [w for w in in_row if edges[c] <= w["x0"] < edges[c + 1]]
                straddling += sum(1 for w in in_cell if w["x1"] > edges[c + 1] + 2)
                box = (edges[c], bounds[r], edges[c + 1], bounds[r + 1])
                text = words_to_text(in_cell)
                empty += 0 if text else 1
                row = r + len(header_rows) - 1
                table.cells.append(RawCell(number, index, row, c, *box, text=text, fill=cell_fill(box, fills),
                                           shape=cell_shape(box, fills),
                                           breaks=line_breaks_between(
                                               in_cell, (text_left[c], box[1], text_right[c], box[3]), box,
                                               rights[c])))
        # A cell the rule under a row does not cross is merged with the one below (a lead team printed once
        # for several actions); with no rules between rows, one whose text runs on into the row below is.
        # bounds[0] is the header's top, so body row k is table row k. Where rows are ruled, a cell the
        # table's closing rule leaves open runs on over the page break, its span one row past the table.
        joins = unruled_joins(page, bounds[1:], body_rules, edges, foot=ruled_rows) if body_rules else set()
        if not ruled_rows:
            joins |= flowing_joins(body, bounds[1:], edges, id_col)
        # A section's heading set over several columns as one run of words: one cell across them.
        across = heading_rows(body, bounds[1:], edges, id_col)
        if joins or across:
            rows = len(bounds) - 2 + len(header_rows)
            offset = len(header_rows)
            spans = merges_to_spans(rows + 1, len(columns), {(r + offset, c) for r, c in joins},
                                    {(r + offset, c) for r, c in across})
            table.cells = [replace(cell, span=spans.get((cell.row, cell.col), "")) for cell in table.cells]
        n_cells = max(1, len(table.cells))
        table.accuracy = round(100.0 * (1 - straddling / max(1, len(body) + len(header_words))), 2)
        table.whitespace = round(100.0 * empty / n_cells, 2)
        tables.append(table)
        begin = next_header if next_header is not None else len(lines)
    return tables


def parse_words(path: Path, pages: list[int], settings: ExtractSettings, objects: Pages,
                taken: dict[int, list[Box]] | None = None, scanned: frozenset[int] = frozenset()) -> list[RawTable]:
    """``taken``: per page, areas already read as tables (by lattice) to leave alone; ``scanned``: pages
    that are images, whose rules are read from their pixels where their words are OCR's."""
    tables: list[RawTable] = []
    vocabulary = load_vocabulary(settings.vocab_path).headers
    # A browser's date and address, a document title on every page; not the header row each page repeats.
    running = running_lines(objects, lambda text: is_header_text(text, vocabulary))
    for number in pages:
        words = without_running(objects.words(number), float(objects[number].height), running)
        # A scan's rules are in its image only: without them, rows of a table ruled between rows and no more
        # would start where IDs start, and a row whose ID OCR lost would be taken into the row above.
        page = objects.with_image_rules(number, settings.line_scale) if objects.ocr_layer and number in scanned \
            else objects[number]
        tables.extend(parse_page(page, words, number, len(tables), settings, (taken or {}).get(number)))
    return tables
