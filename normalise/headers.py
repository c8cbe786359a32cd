"""Header rows → column roles: through the header vocabulary, fuzzy matching, year patterns and, for a
garbled header, the column's position."""
from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from rapidfuzz import fuzz

from .ids import ID_LIKE, looks_like_id, misread_id
from .periods import sub_period, sub_period_years, year_label
from .text import fold_text, strip_strays
from .vocabulary import HeaderVocabulary

GROUP_ROLES = ("timescale", "delivery")
NAME_ROLES = ("leads", "partners")
OTHER_ROLE = "other"  # headers.csv's role for columns that are none of ours (kept in the extra table)
MAX_HEADER_ROWS = 3


@dataclass
class ColumnMap:
    """Which column holds what: ``roles`` maps column → role; years are ``year:2025-26``."""

    roles: dict[int, str] = field(default_factory=dict)
    header_rows: int = 0
    garbled: dict[int, str] = field(default_factory=dict)  # column → header text that matched nothing
    other: set[int] = field(default_factory=set)  # columns whose header names a known role-less column

    def col(self, role: str) -> int | None:
        return next((c for c, r in self.roles.items() if r == role), None)

    @property
    def years(self) -> list[tuple[int, str]]:
        """(column, year) of the Gantt's columns; a year split into quarters or months has several."""
        return sorted((c, r[5:]) for c, r in self.roles.items() if r.startswith("year:"))

    def is_action_table(self) -> bool:
        return self.col("id") is not None and self.col("action") is not None


EDGE_SPECKS = re.compile(r"^[^\w(£$€]+|[^\w)%.]+$")  # not a bracket, currency or stop a label can hold


def header_role(text: str, vocabulary: HeaderVocabulary, threshold: float = 85.0,
                strays: str = "") -> tuple[str | None, float]:
    """The role a printed header names, by the best fuzzy match over the vocabulary's variants, of the label
    as read or without the OCR specks at its ends (``/|Actions”``)."""
    folded = fold_text(strip_strays(text, strays)).casefold()
    if not folded:
        return None, 0.0
    readings = {folded, EDGE_SPECKS.sub("", folded)} - {""}
    best: tuple[str | None, float] = (None, 0.0)
    for role, variants in vocabulary.variants.items():
        for variant in variants:
            score = max(fuzz.ratio(reading, variant.casefold()) for reading in readings)
            if score > best[1]:
                best = (role, score)
    return best if best[1] >= threshold else (None, best[1])


def other_label(text: str, vocabulary: HeaderVocabulary, threshold: float = 85.0) -> str | None:
    """The vocabulary's spelling of a label OCR misread that names a column kept whole in the extra table
    (``indicative cost (£k)``, its capital read small → ``Indicative cost (£k)``); None where none is close."""
    folded = fold_text(text).casefold()
    scored = [(fuzz.ratio(folded, v.casefold()), v) for v in vocabulary.variants.get(OTHER_ROLE, ())]
    best = max(scored, default=(0.0, ""))
    return best[1] if best[0] >= threshold else None


def is_period_row(cells: list[str]) -> bool:
    return sum(1 for t in cells if t.strip() and sub_period(t) is not None) >= 4


def is_header_row(cells: list[str], vocabulary: HeaderVocabulary, strays: str = "") -> bool:
    hits = sum(1 for t in cells if t.strip() and (year_label(t) or header_role(t, vocabulary, strays=strays)[0]))
    return hits >= 2 or is_period_row(cells)


def header_row_count(grid: list[list[str]], vocabulary: HeaderVocabulary, strays: str = "") -> int:
    """Rows down to the last header-like row among the first few, stopping at the first ID row. A garbled
    row between header rows (text broken across cells, overflow from below) is a header row too."""
    count = 0
    for r, row in enumerate(grid[:MAX_HEADER_ROWS]):
        first = next((t.strip() for t in row if t.strip(strays + " \n")), "")
        if ID_LIKE.match(strip_strays(first, strays).replace(" ", "")) and not is_period_row(row):
            break  # an action row (a row of quarters, Q1 Q2 Q3 Q4, reads like IDs but is header)
        if is_header_row(row, vocabulary, strays) \
                or (count and r == count and completes_a_label(grid, r, vocabulary, strays)):
            count = r + 1
    return count


def best_variant(text: str, vocabulary: HeaderVocabulary, threshold: float = 85.0) -> str | None:
    """The vocabulary's label ``text`` reads as (any role's), or None where none is close."""
    folded = " ".join(fold_text(text).split()).casefold()
    scored = [(fuzz.ratio(folded, v.casefold()), v) for variants in vocabulary.variants.values() for v in variants]
    best = max(scored, default=(0.0, ""))
    return best[1] if best[0] >= threshold else None


def completes_a_label(grid: list[list[str]], r: int, vocabulary: HeaderVocabulary, strays: str = "") -> bool:
    """Whether row ``r``, under the header, holds the second line of a label the vocabulary knows whole and
    not by its first line ("Indicative" or "Indicative cost" over "(£k)", where the header's other cells, a
    merged Gantt heading, read as nothing header-like): a header row, not a data row."""
    for c, text in enumerate(grid[r]):
        below = strip_strays(text, strays).strip()
        above = strip_strays(grid[r - 1][c] if c < len(grid[r - 1]) else "", strays).strip()
        whole = best_variant(f"{above} {below}", vocabulary) if below and above else None
        if whole is not None and whole != best_variant(above, vocabulary):
            return True
    return False


def grouped_year(text: str, vocabulary: HeaderVocabulary) -> str | None:
    """A year column's label with its group's heading in the same cell, above it ("Delivery Period" over
    "FY2024/25": a two-line header whose heading was set in the first year's cell) → the year."""
    lines = [ln.strip() for ln in text.split("\n") if ln.strip()]
    if len(lines) < 2 or not (label := year_label(lines[-1])):
        return None
    return label if header_role(" ".join(lines[:-1]), vocabulary)[0] in GROUP_ROLES else None


def stacked_role(grid: list[list[str]], c: int, n_header: int, vocabulary: HeaderVocabulary,
                 strays: str) -> str | None:
    """The role of a column's header rows read as one label, where its lowest non-empty row reads as no
    role on its own (a misread) and the whole reads as a different role from its upper rows."""
    texts = [strip_strays(grid[r][c] if c < len(grid[r]) else "", strays).strip() for r in range(n_header)]
    texts = [t for t in texts if t]
    if len(texts) < 2 or year_label(texts[-1]) or header_role(texts[-1], vocabulary)[0] is not None:
        return None
    whole = header_role(" ".join(texts), vocabulary)[0]
    upper = header_role(" ".join(texts[:-1]), vocabulary)[0]
    return whole if whole and whole != upper and whole not in GROUP_ROLES and whole != OTHER_ROLE else None


def map_columns(grid: list[list[str]], vocabulary: HeaderVocabulary, strays: str = "",
                confusables: dict[str, str] | None = None,
                ocr_confusions: dict[str, tuple[str, ...]] | None = None,
                reads_as_date: Callable[[str], bool] | None = None) -> ColumnMap:
    """Header rows at the top of ``grid`` → a ColumnMap (``header_rows`` = 0 where there are none).
    ``strays``: OCR specks to ignore in header text; ``confusables``: lookalikes, to read IDs by;
    ``ocr_confusions`` (OCR'd text only): characters OCR mistakes for others, to read IDs by too;
    ``reads_as_date``: whether a cell reads as a start or end date, to find date columns by."""
    n_header = header_row_count(grid, vocabulary, strays)
    mapping = ColumnMap(header_rows=n_header)
    if n_header == 0:
        return mapping
    n_cols = max(len(r) for r in grid)
    periods = sub_period_years(grid, n_header, strays)
    mapping.roles.update({c: f"year:{y}" for c, y in periods.items()})
    for c in range(n_cols):
        if c in periods:
            continue
        # A label set over two rows whose lower part OCR misread ("Action" / "Ip"): read whole ("Action Ip"
        # is "Action ID"), before its upper part alone claims another column's role ("Action").
        stacked = stacked_role(grid, c, n_header, vocabulary, strays)
        if stacked and stacked not in mapping.roles.values():
            mapping.roles[c] = stacked
            continue
        # The lowest header row is the most specific: "Start" under "Timescale", a year under "Delivery".
        for r in reversed(range(n_header)):
            text = strip_strays(grid[r][c] if c < len(grid[r]) else "", strays)
            if not text.strip():
                continue
            label = year_label(text) or grouped_year(text, vocabulary)
            role = f"year:{label}" if label else header_role(text, vocabulary)[0] or line_role(text, vocabulary)
            if role == OTHER_ROLE:
                # A column the vocabulary knows carries none of our fields (Status, Comments, Cost): kept
                # whole in the extra table, never taken for a names column by its position.
                mapping.other.add(c)
                break
            if role and role not in GROUP_ROLES and role not in mapping.roles.values():
                mapping.roles[c] = role
                break
            if role is None and c not in mapping.garbled:
                mapping.garbled[c] = text
    resolve_action_by_content(mapping, grid, vocabulary, strays, confusables or {}, ocr_confusions)
    resolve_id_by_content(mapping, grid, strays, confusables or {}, ocr_confusions)
    if reads_as_date is not None:
        resolve_dates_by_content(mapping, grid, reads_as_date)
    resolve_garbled(mapping, n_cols)
    return mapping


def mostly_ids(grid: list[list[str]], c: int, header_rows: int, strays: str, confusables: dict[str, str],
               ocr_confusions: dict[str, tuple[str, ...]] | None) -> bool:
    """Whether most of a column's cells below the header read as IDs (or, on OCR'd text, as IDs misread)."""
    cells = [r[c] for r in grid[header_rows:] if c < len(r) and r[c].strip()]
    ids = sum(looks_like_id(t, confusables, strays) or misread_id(t, confusables, strays, ocr_confusions)
              for t in cells)
    return bool(cells) and ids * 2 > len(cells)


def line_role(text: str, vocabulary: HeaderVocabulary) -> str | None:
    """The role one line of a header cell names where the cell read whole names none: a label with OCR's
    reading of the cell below it caught in the same crop ("From" over "O04")."""
    lines = [ln for ln in text.splitlines() if ln.strip()]
    roles = [r for ln in lines if (r := header_role(ln, vocabulary, threshold=95.0)[0])] if len(lines) > 1 else []
    return roles[0] if len(roles) == 1 else None


def resolve_action_by_content(mapping: ColumnMap, grid: list[list[str]], vocabulary: HeaderVocabulary, strays: str,
                              confusables: dict[str, str], ocr_confusions: dict[str, tuple[str, ...]] | None) -> None:
    """An action column whose cells are IDs, where no column is the ID column: its header was the ID's, cut
    short ("Action" over "ID" OCR lost), and the action column is the next one whose header reads as the
    action's too ("Action description"), which lost that role to it."""
    action = mapping.col("action")
    if action is None or mapping.col("id") is not None \
            or not mostly_ids(grid, action, mapping.header_rows, strays, confusables, ocr_confusions):
        return
    for c in range(action + 1, max(len(r) for r in grid)):
        if c in mapping.roles:
            break
        header = " ".join(grid[r][c] for r in range(mapping.header_rows) if c < len(grid[r]))
        if header_role(strip_strays(header, strays), vocabulary)[0] == "action":
            mapping.roles[action], mapping.roles[c] = "id", "action"
            mapping.garbled.pop(c, None)
            return


def resolve_id_by_content(mapping: ColumnMap, grid: list[list[str]], strays: str, confusables: dict[str, str],
                          ocr_confusions: dict[str, tuple[str, ...]] | None = None) -> None:
    """No header names the ID column (OCR read "Action ID" as "Action Ip", or lost "Theme" and "No." both):
    the first column, left of the action column, that no header names and most of whose cells below the
    header are IDs (else a "Theme" column whose cells are IDs); on OCR'd text (``ocr_confusions``), IDs as
    OCR can misread them too (``Cl`` for ``C1``: the builder reads them again, logged)."""
    if mapping.col("id") is not None:
        return
    action = mapping.col("action")
    for c in range(max(len(r) for r in grid) if action is None else action):
        if c in mapping.roles or c in mapping.other:
            continue
        if mostly_ids(grid, c, mapping.header_rows, strays, confusables, ocr_confusions):
            mapping.roles[c] = "id"
            return
        if action is None:
            return  # with no action column, only the first column no header names
    theme = mapping.col("theme")
    if theme is not None and (action is None or theme < action) \
            and mostly_ids(grid, theme, mapping.header_rows, strays, confusables, ocr_confusions):
        # A "Theme" label over a column of IDs: the ID column's own label ("No.") was lost, its IDs read
        # under the theme's (the themes, if any, are printed as section rows).
        mapping.roles[theme] = "id"


DATE_ROLES = ("start", "end")


def is_date_column(grid: list[list[str]], c: int, header_rows: int, reads_as_date: Callable[[str], bool]) -> bool:
    """Whether every filled cell of a column below the header reads as a date (or a date's word: Ongoing,
    TBC), and at least two hold a printed date (with its year's digits)."""
    cells = [r[c].strip() for r in grid[header_rows:] if c < len(r) and r[c].strip()]
    return sum(any(ch.isdigit() for ch in t) for t in cells) >= 2 and all(reads_as_date(t) for t in cells)


def resolve_dates_by_content(mapping: ColumnMap, grid: list[list[str]], reads_as_date: Callable[[str], bool]) -> None:
    """The start or end column whose header OCR misread ("=" for "From", or lost): a column right of the
    action that no header names and whose every cell is a date, beside the date column whose header was read
    (start before end, as printed); where both were misread, two such columns side by side. Any other date
    column (a lone one, or one apart) stays unread, in the extra table; the header stays logged as garbled."""
    action = mapping.col("action")
    missing = [r for r in DATE_ROLES if mapping.col(r) is None]
    if action is None or not missing:
        return
    n_cols = max(len(r) for r in grid)
    found = [c for c in range(action + 1, n_cols) if c not in mapping.roles and c not in mapping.other
             and is_date_column(grid, c, mapping.header_rows, reads_as_date)]
    if len(missing) == 2:
        if len(found) == 2 and found[1] == found[0] + 1:
            mapping.roles[found[0]], mapping.roles[found[1]] = DATE_ROLES
    else:
        known = mapping.col(DATE_ROLES[1 - DATE_ROLES.index(missing[0])])
        assert known is not None
        beside = known - 1 if missing[0] == "start" else known + 1
        if beside in found:
            mapping.roles[beside] = missing[0]


def resolve_garbled(mapping: ColumnMap, n_cols: int) -> None:
    """Columns whose header matched nothing, between the action and the dates, hold names: the first
    is the leads column, the next the partners column (how every appendix orders them)."""
    action = mapping.col("action")
    first_date = min((c for c, r in mapping.roles.items() if r in ("start", "end") or r.startswith("year:")),
                     default=n_cols)
    if action is None:
        return
    for c in range(action + 1, first_date):
        if c in mapping.roles or c in mapping.other:
            continue
        missing = [r for r in NAME_ROLES if r not in mapping.roles.values()]
        if not missing:
            break
        mapping.roles[c] = missing[0]
