"""A random appendix's truth → a printable table model that any producer renders (HTML for Chromium, .docx
for LibreOffice Writer, .xlsx for Calc, LaTeX): header rows with spanning cells, section rows or a merged
theme column, action rows with their Gantt cells (years, quarters or months; fills, symbols or small
shapes) and merged name cells. The print dimensions these producers add are drawn from their own random
stream, so a seed's reportlab drawing never changes when one is added here.
"""
from __future__ import annotations

import calendar
import random
from dataclasses import dataclass, field, replace
from datetime import date

from .canvas_writer import names_text
from .random_truth import MARKS, RandomAppendix, TruthAction, TruthDate, canonical_years, fy_of, month_end

SPEC_PRODUCERS = ["chromium", "writer", "calc", "latex"]
GANTTS = ["years", "years", "quarters", "months"]
THEME_STYLES = ["rows", "rows", "column", "column-merged"]
SPEC_MARKS = MARKS + ["square"]
QUARTER_DATES = ["2025/26 Q3", "Q3 2025/26"]
MONTH_LABELS = [calendar.month_abbr[m] for m in (4, 5, 6, 7, 8, 9, 10, 11, 12, 1, 2, 3)]


@dataclass(frozen=True)
class Print:
    """The dimensions only the table-model producers draw."""

    gantt: str
    theme_style: str
    merge_names: bool
    rotate_years: bool
    quarter_dates: str  # "" or one of QUARTER_DATES
    unrelated_table: bool
    legend: bool
    browser_header: bool
    zebra: bool

    def dimensions(self) -> dict[str, str]:
        return {"gantt": self.gantt, "theme": self.theme_style, "merged names": str(self.merge_names).lower(),
                "year labels": "rotated" if self.rotate_years else "horizontal",
                "quarter dates": self.quarter_dates or "no", "unrelated table": str(self.unrelated_table).lower()}


def draw_print(seed: int, producer: str) -> Print:
    rng = random.Random(f"{seed}-print")
    spec = Print(gantt=rng.choice(GANTTS), theme_style=rng.choice(THEME_STYLES), merge_names=rng.random() < 0.3,
                 rotate_years=producer in ("chromium", "calc") and rng.random() < 0.3,
                 quarter_dates=rng.choice(QUARTER_DATES) if rng.random() < 0.2 else "",
                 unrelated_table=rng.random() < 0.3, legend=rng.random() < 0.4,
                 browser_header=producer == "chromium" and rng.random() < 0.5, zebra=rng.random() < 0.4)
    if producer == "latex":
        # Core LaTeX merges no cells down (that takes multirow): a repeated name or theme is printed once,
        # the cells under it left blank, which is a blank, not a merge; so the LaTeX print merges nothing.
        spec = replace(spec, merge_names=False,
                       theme_style="column" if spec.theme_style == "column-merged" else spec.theme_style)
    return spec


def dates_years(a: TruthAction, years: list[str]) -> list[str]:
    """The table's years from the action's start to its end (Ongoing: to the table's edge)."""
    lo = years[0] if a.start.ongoing or not a.start.value else f"{fy_of(a.start.value)}"
    hi = years[-1] if a.end.ongoing or not a.end.value else f"{fy_of(a.end.value)}"
    return [y for y in years if lo[:4] <= y[:4] <= hi[:4]]


def quarter_of(d: date) -> int:
    return ((d.month - 4) % 12) // 3 + 1


def quarter_date(d: date, end: bool, style: str) -> TruthDate:
    """A date printed as its financial quarter; its value the quarter's first or last day."""
    fy, q = fy_of(d), quarter_of(d)
    first_month = (3 + 3 * (q - 1)) % 12 + 1
    first = date(fy + (first_month < 4), first_month, 1)
    value = month_end(date(first.year + (first.month + 2 > 12), (first.month + 1) % 12 + 1, 1)) if end else first
    label = f"{fy}/{(fy + 1) % 100:02d}"
    printed = f"{label} Q{q}" if style.startswith("2025") else f"Q{q} {label}"
    return TruthDate(printed, value, False)


def apply_print(doc: RandomAppendix, spec: Print, seed: int) -> RandomAppendix:
    """The truth as these producers print it: quarter dates, and names repeated on consecutive actions
    (so that a merged cell can hold them) where the print merges names."""
    rng = random.Random(f"{seed}-merge")
    previous: TruthAction | None = None
    for a in doc.actions:
        if spec.quarter_dates:
            if a.start.value and not a.start.ongoing:
                a.start = quarter_date(a.start.value, False, spec.quarter_dates)
            if a.end.value and not a.end.ongoing:
                a.end = quarter_date(a.end.value, True, spec.quarter_dates)
        if spec.merge_names and previous and previous.plan == a.plan and previous.theme == a.theme \
                and rng.random() < 0.4:
            a.leads = list(previous.leads)
        previous = a
    return doc


@dataclass
class Cell:
    text: str = ""
    fill: str = ""
    mark: str = ""  # "square": a small filled square inside the cell
    rowspan: int = 1
    colspan: int = 1
    bold: bool = False
    rotate: bool = False
    hidden: bool = False  # covered by a span from another cell
    role: str = ""


@dataclass
class Row:
    kind: str  # header, section, action
    cells: list[Cell]
    action: TruthAction | None = None
    band: str = ""


@dataclass
class Table:
    plan: str
    header: list[Row]
    body: list[Row]
    columns: list[str] = field(default_factory=list)  # each column's role, "gantt" for a Gantt column
    per_year: int = 1  # Gantt columns under each year: 1, 4 (quarters) or 12 (months)


def periods(doc: RandomAppendix, spec: Print) -> list[tuple[str, str, int]]:
    """(printed year label, canonical year, sub-period index) per Gantt column."""
    n = {"years": 1, "quarters": 4, "months": 12}[spec.gantt]
    return [(label, canon, k) for label, canon in zip(doc.years, canonical_years(doc)) for k in range(n)]


def marked_periods(a: TruthAction, year: str, n: int) -> set[int]:
    """Which of a year's ``n`` sub-periods the action's Gantt marks: from its start to its end month."""
    if year not in a.delivery:
        return set()
    if n == 1:
        return {0}
    fy = int(year[:4])
    first = a.start.value if a.start.value and fy_of(a.start.value) == fy else date(fy, 4, 1)
    last = a.end.value if a.end.value and fy_of(a.end.value) == fy else date(fy + 1, 3, 31)
    per = 12 // n
    months = {(d_month - 4) % 12 for d_month in month_range(first, last)}
    return {m // per for m in months}


def month_range(first: date, last: date) -> list[int]:
    out, y, m = [], first.year, first.month
    while (y, m) <= (last.year, last.month):
        out.append(m)
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return out


def build_tables(doc: RandomAppendix, spec: Print) -> list[Table]:
    layout = doc.layout
    cols = periods(doc, spec)
    per_year = len(cols) // len(doc.years)
    theme_col = spec.theme_style != "rows" and any(a.theme for a in doc.actions)
    tables = []
    for plan in doc.plans:
        roles = (["theme"] if theme_col else []) + [r for r in layout.order if r != "years"]
        years_at = list(layout.order).index("years") + (1 if theme_col else 0)
        header = header_rows(doc, spec, roles, years_at, per_year)
        body: list[Row] = []
        rows = [a for a in doc.actions if a.plan == plan]
        theme = None
        n_cols = len(roles) + len(cols)
        for i, a in enumerate(rows):
            if a.theme and a.theme != theme and not theme_col:
                body.append(Row("section", [Cell(a.theme, bold=True, colspan=n_cols, fill="#d9e2f3")]))
            theme = a.theme
            cells: list[Cell] = []
            for role in roles:
                if role == "theme":
                    cells.append(Cell(a.theme, role="theme"))
                else:
                    cells.append(Cell({"id": a.action_id, "action": a.action,
                                       "leads": names_text(a.leads, layout.separator),
                                       "partners": names_text(a.partners, layout.separator),
                                       "start": a.start.printed, "end": a.end.printed}.get(role,
                                                                                          a.extras.get(role, "")),
                                      role=role))
            gantt: list[Cell] = []
            for _, canon, k in cols:
                on = k in marked_periods(a, canon, per_year)
                if not on:
                    gantt.append(Cell())
                elif layout.marks == "fill":
                    gantt.append(Cell(fill=layout.fill))
                elif layout.marks == "square":
                    gantt.append(Cell(mark="square", fill=""))
                else:
                    gantt.append(Cell(layout.marks))
            cells = cells[:years_at] + gantt + cells[years_at:]
            body.append(Row("action", cells, a, band="#f2f2f2" if spec.zebra and i % 2 else ""))
        merge_down(body, roles.index("theme") if theme_col and spec.theme_style == "column-merged" else None,
                   years_at, len(cols))
        if spec.merge_names and "leads" in roles:
            merged = merge_down(body, roles.index("leads"), years_at, len(cols))
            if layout.rules != "grid":
                # No vertical rules: nothing shows the lead cell spans rows (its text lands in one of them,
                # or split over two), so a reader flags every row it covers.
                for row in merged:
                    if row.action is not None:
                        row.action.needs_review = True
        columns = roles[:years_at] + ["gantt"] * len(cols) + roles[years_at:]
        tables.append(Table(plan, header, body, columns, per_year))
    return tables


def header_rows(doc: RandomAppendix, spec: Print, roles: list[str], years_at: int, per_year: int) -> list[Row]:
    """The header: one row, or two where the Gantt has a group heading or sub-periods under each year
    (the other columns' labels then span both rows)."""
    layout = doc.layout
    two_rows = per_year > 1 or layout.group_header
    n = len(doc.years) * per_year
    top: list[Cell] = []
    sub: list[Cell] = []
    labels = [f"Q{j + 1}" for j in range(4)] if per_year == 4 else MONTH_LABELS
    for k, role in enumerate(roles + ["<end>"]):
        if k == years_at:
            if per_year == 1 and two_rows:
                top += [Cell("Delivery Period", bold=True, colspan=n)] + [Cell(hidden=True)] * (n - 1)
            for label in doc.years:
                if per_year == 1:
                    (sub if two_rows else top).append(Cell(label, bold=True, rotate=spec.rotate_years))
                else:
                    top += [Cell(label, bold=True, colspan=per_year)] + [Cell(hidden=True)] * (per_year - 1)
                    sub += [Cell(t, bold=True, rotate=spec.rotate_years and per_year == 12) for t in labels]
        if role == "<end>":
            break
        label = "Theme" if role == "theme" else layout.headers.get(role, role)
        top.append(Cell(label, bold=True, rowspan=2 if two_rows else 1))
        if two_rows:
            sub.append(Cell(hidden=True))
    return [Row("header", top)] + ([Row("header", sub)] if two_rows else [])


def merge_down(body: list[Row], role_index: int | None, years_at: int, n_years: int) -> list[Row]:
    """Merge a column's equal cells on consecutive action rows into one cell spanning them; the rows that
    share a merged cell."""
    if role_index is None:
        return []
    col = role_index if role_index < years_at else role_index + n_years
    anchor: Cell | None = None
    anchor_row: Row | None = None
    merged: list[Row] = []
    for row in body:
        if row.kind != "action":
            anchor = None
            continue
        cell = row.cells[col]
        if anchor is not None and anchor_row is not None and cell.text == anchor.text and cell.text:
            anchor.rowspan += 1
            row.cells[col] = Cell(hidden=True)
            merged += [r for r in (anchor_row, row) if r not in merged]
        else:
            anchor, anchor_row = cell, row
    return merged


def with_spec(doc: RandomAppendix, seed: int) -> tuple[RandomAppendix, Print]:
    spec = draw_print(seed, doc.layout.producer)
    layout = doc.layout
    if layout.marks != "fill" and random.Random(f"{seed}-square").random() < 0.25:
        layout = replace(layout, marks="square")
    if spec.gantt != "years":
        layout = replace(layout, landscape=True)  # a Gantt by quarter or month is printed landscape
    doc.layout = layout
    if spec.gantt == "months":
        # Twelve columns a year: a monthly Gantt covers two years, as printed ones do.
        shown = canonical_years(doc)[:2]
        doc.years = doc.years[:2]
        for a in doc.actions:
            phased = a.delivery != dates_years(a, canonical_years(doc))
            a.delivery = [y for y in a.delivery if y in shown]
            a.needs_review = phased and a.delivery != dates_years(a, shown)
    return apply_print(doc, spec, seed), spec
