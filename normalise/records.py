"""Raw tables → records: one per printed action row (rows broken over a page break rejoined), with the
plan and section (theme) each sits under. Header rows are consumed here; every dropped text is logged."""
from __future__ import annotations

from dataclasses import dataclass, field, replace
from functools import partial

from extract.model import RawTable

from .column_maps import (
    EXTRA_ROLE,
    UNREAD_LABEL,
    cell_grid,
    continued_map,
    fill_back,
    id_from_rows_below,
    labels_from_layout,
    ocr_labels_read,
    theme_by_place,
    unknown_column_labels,
)
from .corrections import CorrectionLog
from .dates import reads_as_date
from .headers import ColumnMap, map_columns
from .merged import NAME_ROLES, folded, names_run_on, runs_over_break, spread_merged
from .sections import (
    MIN_UNREAD_ROWS,
    headed_without_ids,
    in_seen_theme,
    is_section_between,
    is_section_row,
    names_a_theme,
    reads_as_title,
    same_layout,
    starts_series,
    unread_action_rows,
)
from .text import fold_text, strip_strays, trim_unpaired
from .vocabulary import Vocabulary


@dataclass
class Piece:
    """One cell's text, where it was printed."""

    text: str
    page: int
    fill: str = ""
    breaks: str = ""  # per line break, "w" wrapped or "n" new line (from extract), "" unknown
    cell: tuple[int, int, int] = (-1, -1, -1)  # (table, row, col) in raw/
    shape: str = ""  # colour of a small filled shape in the cell (a Gantt mark)
    ruled: bool = False  # read from a ruled grid, whose rules show which cells are merged
    merged: bool = False  # part of a merged cell no grid shows (its text running on, a gap in a rule): a guess
    rule_over: bool = False  # a rule crosses the cell's top: it is not the lower part of the cell above
    confidence: float = -1.0  # the lowest OCR confidence (0-100) of the cell's words; -1: not OCR'd
    inked: tuple[str, ...] = ()  # its OCR'd words whose reading the ink confirms (extract/inked_readings.py)


@dataclass
class Record:
    plan: str
    theme_parts: list[Piece]  # the section row's cell texts, unrepaired (e.g. "Business a", "and Economy")
    section: int  # which printed section row (0, 1, …; -1 for none): repairs are logged once per section
    fields: dict[str, list[Piece]] = field(default_factory=dict)  # role → pieces, in print order
    years: list[str] = field(default_factory=list)  # the table's delivery years, in column order
    pages: list[int] = field(default_factory=list)
    page_labels: dict[int, str] = field(default_factory=dict)
    joined_inside: list[int] = field(default_factory=list)  # pages where a row below the table's first was
    # merged into this one for want of an ID (on a scan, an ID OCR lost is the likelier reason)
    passed_heading: str = ""  # a heading over a table not read, between this row and its plan's title
    years_lost: bool = False  # no Gantt years read from a header with text that read as nothing
    # Rows were lost since its theme's heading was read (one may have been a heading), or its ID starts a new
    # series under the theme above.
    theme_unsure: bool = False

    def text(self, role: str) -> str:
        return "\n".join(p.text for p in self.fields.get(role, []) if p.text.strip())

    def add(self, role: str, piece: Piece) -> None:
        self.fields.setdefault(role, []).append(piece)
        if piece.page not in self.pages:
            self.pages.append(piece.page)


def table_grid(table: RawTable) -> tuple[list[list[str]], list[list[str]]]:
    return cell_grid(table, "text"), cell_grid(table, "fill")


def tables_to_records(tables: list[RawTable], labels: dict[int, str], vocab: Vocabulary,
                      log: CorrectionLog, used: list[RawTable] | None = None, ocr: bool = False) -> list[Record]:
    """``used`` collects the tables read as action tables (whose every word must be accounted for);
    ``ocr``: the text is tesseract's, so an ID column may be told by IDs as OCR misreads them."""
    records: list[Record] = []
    listed = frozenset(folded(v) for names in (vocab.teams, vocab.partners) for _, v in names.pairs())
    plan, section = "", -1
    theme_parts: list[Piece] = []
    mapping: ColumnMap | None = None
    previous: RawTable | None = None
    extra_labels: dict[int, str] = {}  # column → printed header of a column with no known role
    carried: dict[int, tuple[str, bool]] = {}  # column → a merged cell running on over the page break
    seen_themes: set[str] = set()  # the themes printed so far (folded): a heading that repeats one is no plan
    passed_heading = ""  # a heading over a table not read since the plan's title
    rows_lost = False  # rows lost (under a table's end, or in a table not read) since the last section heading
    confusions = vocab.ocr_confusions if ocr else None
    # On OCR'd text only, a date column's misread header is found by its content: a born-digital header that
    # names no role is printed as meant (a new column, kept in the extra table), never misread.
    dated = partial(reads_as_date, date_words=vocab.date_words, confusables=vocab.confusables) if ocr else None
    grids = [cell_grid(t, "text") for t in tables]
    maps = fill_back(id_from_rows_below([map_columns(grid, vocab.headers, vocab.strays, vocab.confusables,
                                                     confusions, dated) for grid in grids],
                                        tables, vocab), tables)
    for k in theme_by_place(maps, grids) if ocr else ():
        log.add(tables[k].page, "", "header", "", "theme", "column-by-place")
    for index, table in enumerate(tables):
        texts, fills = table_grid(table)
        breaks, shapes, spans = cell_grid(table, "breaks"), cell_grid(table, "shape"), cell_grid(table, "span")
        inked = cell_grid(table, "inked")
        confidences = [[-1.0] * table.n_cols for _ in range(table.n_rows)]
        for cell in table.cells:
            confidences[cell.row][cell.col] = cell.confidence
        found = maps[index]
        heading = fold_text(table.title_above)
        cleared = trim_unpaired(fold_text(strip_strays(heading, vocab.strays)), vocab.data_strays) if ocr else heading
        if cleared != heading:
            # OCR's speck before or after a title ("_ Climate Adaptation Plan"): logged once per table.
            log.add(table.page, "", "plan", heading, cleared, "ocr-stray")
            heading = cleared
        if mapping and previous and heading and heading != plan and same_layout(previous, table) \
                and (names_a_theme(heading, vocab) or in_seen_theme(heading, seen_themes)) \
                and mapping.col("theme") is not None:
            # A theme's name over a continued table with a Theme column: the merged theme cell's text
            # printed above the repeated header, not a plan's title.
            log.add(table.page, "", "theme", heading, "", "stray-text")
            heading = plan
        if mapping and previous and heading and heading != plan and (
                is_section_between(previous, table, found)
                or (same_layout(previous, table) and (names_a_theme(heading, vocab)
                                                      or in_seen_theme(heading, seen_themes)))):
            # A section row drawn without the table's vertical rules splits the grid in two, and its
            # text reads as a heading over the lower part: it is the next section, not a new plan.
            log_unused_section(theme_parts, records, plan, section, log)
            section += 1
            theme_parts = [Piece(table.title_above, table.page)]
            after_heading_section = True
            heading = plan
            rows_lost = False
        else:
            after_heading_section = False
        continues = mapping and previous and same_layout(previous, table) and (not heading or heading == plan)
        if mapping and continues:
            mapping = continued_map(found, mapping)  # the table continues the one before
        elif found.is_action_table():
            mapping = found
        else:
            if heading and heading != plan and not names_a_theme(heading, vocab) \
                    and not in_seen_theme(heading, seen_themes):
                # A heading over a table we could not read: it may have started a plan the rows after
                # it belong to, so rows that carry the plan on over it are a doubt.
                passed_heading = heading
            rows_lost = rows_lost or unread_action_rows(texts, vocab) > 0
            if unread_action_rows(texts, vocab) >= MIN_UNREAD_ROWS or headed_without_ids(found, texts):
                # Rows that start with IDs under a header we cannot read, or rows under an action table's
                # header that lacks only its ID column: actions we would lose without a word. Never
                # silent: a flag naming the page (and the run's warning).
                log.flag(table.page, "", "table", " | ".join(t for t in texts[0] if t.strip())[:200], "table-unread")
            continue  # not an action table (a budget, a RAG key): ignored, not ours to account for
        id_col = mapping.col("id")
        if id_col is None:
            continue  # no column reads as IDs: nothing here can be an action row
        table = names_run_on(table, texts, mapping, listed)
        spans = cell_grid(table, "span")
        carried = spread_merged(table, texts, mapping, log, carried if continues else None,
                                partial(is_section_row, mapping=mapping, vocab=vocab))
        if used is not None:
            used.append(table)
        title = plan if after_heading_section else heading
        if title and title != plan:
            log_unused_section(theme_parts, records, plan, section, log)
            plan, theme_parts, section = title, [], -1
            rows_lost = False
        if title:
            passed_heading = ""
        for r in range(mapping.header_rows):
            header = " | ".join(fold_text(t) for t in texts[r] if t.strip())
            log.add(table.page, "", "header", header, "", "header-row")
        for c, text in found.garbled.items():
            log.add(table.page, "", "header", fold_text(text), mapping.roles.get(c, ""), "garbled-header")
        if mapping.header_rows or not continues:
            earlier = extra_labels if previous is not None and same_layout(previous, table) else {}
            extra_labels = unknown_column_labels(texts, mapping, vocab.strays)
            if ocr:
                extra_labels = labels_from_layout(ocr_labels_read(extra_labels, vocab.headers, log, table.page),
                                                  earlier, vocab.headers, log, table.page)
        years = list(dict.fromkeys(y for _, y in mapping.years))
        # A row with no ID continues the row above it: across a page break (the usual case) or where a
        # rule inside one printed row split it. Never right after a section row.
        after_section = after_heading_section
        first_row = True  # the table's first body row: where a row the page break split runs on
        for r in range(mapping.header_rows, table.n_rows):
            row = texts[r]
            if not any(t.strip() for t in row):
                continue
            if is_section_row(row, mapping, vocab):
                log_unused_section(theme_parts, records, plan, section, log)
                section += 1
                theme_parts = [Piece(row[c], table.page) for c in sorted(mapping.roles)
                               if mapping.roles[c] in ("id", "action") and row[c].strip()]
                for c, t in enumerate(row):
                    if t.strip() and mapping.roles.get(c) not in ("id", "action"):
                        log.add(table.page, "", "theme", fold_text(t), "", "stray-text")
                heading_text = fold_text(" ".join(p.text for p in theme_parts))
                if reads_as_title(heading_text, vocab) and heading_text != plan:
                    passed_heading = heading_text  # rows under it, still under the plan before: a doubt
                after_section = True
                rows_lost = False
                continue
            has_id = bool(strip_strays(row[id_col], vocab.data_strays).strip())
            theme_col = mapping.col("theme")
            if theme_col is not None and has_id:
                # A Theme column: each action's theme printed beside it, or once for several (a merged
                # or blank-below cell), carried down to the next theme printed.
                printed = strip_strays(row[theme_col], vocab.strays).strip()
                if printed and (not theme_parts or fold_text(printed) != fold_text(theme_parts[0].text)):
                    log_unused_section(theme_parts, records, plan, section, log)  # a section row no row took
                    section += 1
                    theme_parts = [Piece(row[theme_col], table.page)]
                elif printed:
                    theme_parts = [Piece(row[theme_col], table.page)]  # printed again: its lines start again
                if printed:
                    rows_lost = False  # the theme is printed beside the row itself
            seen_themes.update(fold_text(p.text) for p in theme_parts)
            if has_id or not records or after_section or records[-1].plan != plan:
                # A new series of IDs under the theme carried from above flags this row and those after it,
                # until a theme is read.
                same_theme = has_id and theme_col is None and bool(theme_parts) and not after_section \
                    and bool(records) and records[-1].plan == plan and records[-1].section == section
                rows_lost = rows_lost or (same_theme and starts_series(row[id_col], records[-1].text("id"), vocab))
                record = Record(plan, list(theme_parts), section, years=years, passed_heading=passed_heading,
                                years_lost=not years and bool(found.garbled or mapping.garbled),
                                theme_unsure=rows_lost)
                records.append(record)
            else:
                record = records[-1]
                log.add(table.page, "", "row", f"continued on page {table.page}", "merged into the row above",
                        "row-continuation")
                if not first_row:
                    record.joined_inside.append(table.page)
            record.page_labels[table.page] = labels.get(table.page, "")
            # The row above, at the foot of the page before, whose names cells may run on into this one.
            above_break = records[-2] if continues and first_row and has_id and len(records) > 1 else None
            within_table = not has_id and not first_row  # a row's own lower lines, read as a row of their own
            after_section = first_row = False
            for c, text in enumerate(row):
                role = mapping.roles.get(c)
                if role == "theme" and (has_id or not text.strip()):
                    continue  # read above, as the row's section
                if role == "theme" and within_table and theme_parts and record.theme_parts == theme_parts:
                    # The theme cell's next line ("Enabling" / "Actions"), where the row's lines were read
                    # as rows (a scan's table without rules): the theme goes on, for the rows after too.
                    theme_parts.append(Piece(text, table.page))
                    record.theme_parts.append(theme_parts[-1])
                    continue
                if role == "theme":
                    log.add(table.page, "", "theme", fold_text(text), "", "stray-text")
                    continue
                if role is None and c in extra_labels:
                    label = extra_labels[c]
                    role = label if label.startswith(UNREAD_LABEL) else f"{EXTRA_ROLE}{label}"
                if role is None:
                    if text.strip():
                        log.add(table.page, "", "unknown-column", fold_text(text), "", "stray-text")
                    continue
                # Ruled: the rules show this cell is its own (a merged one may continue from the page before).
                # (A blank at the top of a continued part may be a merged cell running on from the page
                # before, which no rule on this page shows.)
                own = not spans[r][c] and not (continues and r == mapping.header_rows)
                piece = Piece(text, table.page, fills[r][c], breaks[r][c], (table.table, r, c), shapes[r][c],
                              table.flavor == "lattice" and own, bool(spans[r][c]) and table.flavor != "lattice",
                              table.rows_ruled and own, confidences[r][c],
                              tuple(inked[r][c].split()))
                if above_break and role in NAME_ROLES and runs_over_break(above_break.text(role), text, listed):
                    # One names cell merged over the row above the page break and this one: both rows get
                    # all of it, flagged (a guess from the text alone); each row is still printed on its page.
                    before = [replace(p, merged=True) for p in above_break.fields.get(role, [])]
                    above_break.fields[role] = before + [replace(piece, merged=True)]
                    record.fields[role] = before + record.fields.get(role, [])
                    piece = replace(piece, merged=True)
                    log.add(table.page, "", role, fold_text(above_break.text(role)),
                            "one merged cell over a page break: given to both rows", "merged-cell")
                record.add(role, piece)
        previous = table
        rows_lost = rows_lost or table.rows_after > 0
    log_unused_section(theme_parts, records, plan, section, log)
    return records


def log_unused_section(parts: list[Piece], records: list[Record], plan: str, section: int,
                       log: CorrectionLog) -> None:
    """A section row no action sits under (two in a row, or one at the end): its text is logged."""
    if parts and not any(r.plan == plan and r.section == section for r in records):
        log.add(parts[0].page, "", "theme", " | ".join(fold_text(p.text) for p in parts), "", "empty-section")
