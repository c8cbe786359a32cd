"""Column maps across a document's tables, and the columns no role claims: a table whose header lost labels
takes them from its neighbours of the same layout (or, on a scan, the theme column from where the other
tables print one); a column no vocabulary names keeps its printed label for the extra table."""
from __future__ import annotations

import re

from rapidfuzz import fuzz

from extract.model import RawTable

from .corrections import CorrectionLog
from .headers import GROUP_ROLES, ColumnMap, header_role, other_label, resolve_id_by_content
from .periods import sub_period
from .sections import same_layout
from .text import fold_text, strip_strays
from .vocabulary import HeaderVocabulary, Vocabulary


def cell_grid(table: RawTable, attribute: str) -> list[list[str]]:
    """One attribute of every cell (``text``, ``fill``, ``breaks``) laid out as rows × columns."""
    grid = [["" for _ in range(table.n_cols)] for _ in range(table.n_rows)]
    for c in table.cells:
        grid[c.row][c.col] = getattr(c, attribute) or ""
    return grid


def continued_map(found: ColumnMap, before: ColumnMap) -> ColumnMap:
    """The column map of a table that continues the one before (same columns, no new heading), its own header
    read as ``found``: a header that reads as a whole action header wins and inherits only what it lacks; a
    misread one (OCR: "Action ID" as "Action") must not take roles away, so then the columns keep the roles
    they had (``before``)."""
    trusted, extra = (found.roles, before.roles) if found.is_action_table() else (before.roles, found.roles)
    roles = dict(trusted)
    for c, extra_role in extra.items():
        if c not in roles and extra_role not in roles.values():
            roles[c] = extra_role
    return ColumnMap(roles, found.header_rows, found.garbled)


def fill_back(maps: list[ColumnMap], tables: list[RawTable]) -> list[ColumnMap]:
    """A table whose header lost some labels (OCR) takes those columns' roles from the next table of the
    same layout, as the continuations take them from the one before."""
    for i in range(len(maps) - 2, -1, -1):
        if maps[i].header_rows and same_layout(tables[i], tables[i + 1]):
            taken = set(maps[i].roles.values())
            for c, role in maps[i + 1].roles.items():
                if c not in maps[i].roles and role not in taken:
                    maps[i].roles[c] = role
    return maps


def id_from_rows_below(maps: list[ColumnMap], tables: list[RawTable], vocab: Vocabulary) -> list[ColumnMap]:
    """A header cut off as a table of its own (a scan's section band broke the rules under it) whose ID label
    OCR lost ("No." read as nothing): its ID column is the one whose cells in the part below, on the same
    page and of the same layout, are IDs (as within one table, ``resolve_id_by_content``)."""
    for i in range(len(maps) - 1):
        upper, lower = tables[i], tables[i + 1]
        if maps[i].header_rows and maps[i].col("id") is None and upper.page == lower.page \
                and same_layout(upper, lower) and not maps[i + 1].header_rows:
            grid = cell_grid(upper, "text")[:maps[i].header_rows] + cell_grid(lower, "text")
            resolve_id_by_content(maps[i], grid, vocab.strays, vocab.confusables)
    return maps


def theme_by_place(maps: list[ColumnMap], grids: list[list[list[str]]]) -> list[int]:
    """On a scan, a table whose "Theme" label OCR lost, in a document whose other tables print a Theme
    column: its theme column is the one left of the ID column with no label at all and text below the
    header, where the others' is (their first column). Returns the tables given one."""
    if not any(m.col("theme") is not None for m in maps):
        return []
    places = {c for m in maps if (c := m.col("theme")) is not None}
    given = []
    for k, (mapping, grid) in enumerate(zip(maps, grids)):
        id_col = mapping.col("id")
        if mapping.col("theme") is not None or id_col is None or not mapping.header_rows:
            continue
        for c in sorted(places):
            labelled = any(c < len(row) and row[c].strip() for row in grid[:mapping.header_rows])
            filled = any(c < len(row) and row[c].strip() for row in grid[mapping.header_rows:])
            if c < id_col and c not in mapping.roles and c not in mapping.other and not labelled and filled:
                mapping.roles[c] = "theme"
                given.append(k)
                break
    return given


PART_OF_LABEL = 80.0  # how much of an earlier table's label a part read here must match (rapidfuzz partial)
MIN_PART = 3  # characters a part must hold


def labels_from_layout(labels: dict[int, str], earlier: dict[int, str], vocabulary: HeaderVocabulary,
                       log: CorrectionLog, page: int) -> dict[int, str]:
    """OCR'd labels a table of the same layout as the one before read only in part ("(£k)", "nd cost (€k)"
    under "Indicative cost (£k)"): the earlier table's label for that column, where the vocabulary knows it
    and what was read here is part of it; logged. A label read whole, or unlike the earlier one, stays."""
    out = dict(labels)
    for c, label in labels.items():
        read = label.removeprefix(UNREAD_LABEL)
        before = earlier.get(c, "")
        if not before or before == read or other_label(before, vocabulary) != before \
                or other_label(read, vocabulary) is not None:
            continue
        # Three characters at least: a mark read as "a" or "Q4" is part of any label.
        if len("".join(read.split())) >= MIN_PART \
                and fuzz.partial_ratio(read.casefold(), before.casefold()) >= PART_OF_LABEL:
            log.add(page, "", "header", read, before, "label-from-layout")
            out[c] = before
    return out


EXTRA_ROLE = "extra:"  # the role of a column no vocabulary names, before its printed label: kept in extra.*
UNREAD_LABEL = "unread:"  # the role of a column whose OCR'd label reads as no label: its cells are flagged
LABEL_WORD = re.compile(r"[^\W\d_]{3,}")  # a label names its column in a word (Status, RAG, Cost), not a letter


def reads_as_label(label: str) -> bool:
    """Whether an OCR'd header label reads as a column's own label: a word of three letters or more in it,
    not a letter or two, a digit or a quarter OCR read off a sideways year or a Gantt mark ("a", "ry", "Q4"),
    nor a Gantt's month or quarter whose year was not read ("Aug", "jan")."""
    words = label.split()
    return bool(LABEL_WORD.search(label)) and not (len(words) == 1 and sub_period(
        words[0].capitalize()) is not None)


def unknown_column_labels(texts: list[list[str]], mapping: ColumnMap, strays: str = "") -> dict[int, str]:
    """Column → its printed header, for columns the header vocabulary gives no role (``Status``,
    ``Indicative cost (£k)``): their cells are kept per action in the extra table, not dropped. OCR specks
    (a rule read as ``|``) are no part of the name; the header row as read is in corrections.csv."""
    labels = {}
    for c in range(len(texts[0]) if texts else 0):
        if c in mapping.roles:
            continue
        printed = [fold_text(strip_strays(texts[r][c], strays)) for r in range(mapping.header_rows)]
        # A label printed once in a cell over two header rows that OCR read in both ("Status" / "Status").
        label = " ".join(t for r, t in enumerate(printed) if t and (r == 0 or t != printed[r - 1]))
        if label:
            labels[c] = label
    return labels


def ocr_labels_read(labels: dict[int, str], vocabulary: HeaderVocabulary, log: CorrectionLog, page: int
                    ) -> dict[int, str]:
    """OCR'd labels of the columns no role claims → as the extra table names them: a label the vocabulary
    knows but read with a letter wrong, as the vocabulary spells it (logged); a label that reads as none
    (OCR's reading of a mark or a sideways year: "a", "J", "Q4"), or a Gantt's own, marked ``UNREAD_LABEL``,
    its cells no column of their own but doubts on their rows (the builder flags them)."""
    out = dict(labels)
    for c, label in labels.items():
        known = other_label(label, vocabulary)
        if known and known != label:
            log.add(page, "", "header", label, known, "ocr-spelling")
            out[c] = known
        elif not known and (not reads_as_label(label) or header_role(label, vocabulary)[0] in GROUP_ROLES):
            # A Gantt's label over a column whose years OCR did not split ("Delivery Period" over one cell
            # of "FY2024/25 FY2025/26 …"): its cells are the Gantt's, unread, not a column of the appendix's.
            out[c] = UNREAD_LABEL + label
    return out
