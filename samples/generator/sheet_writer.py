"""A random appendix's table model → ``.xlsx`` (openpyxl), printed to PDF by LibreOffice Calc, as a council
exports a spreadsheet: a sheet per plan with its title in the first row, print titles repeating the header
rows, fit to the page's width, a page header and footer, wrapped and merged cells, sideways labels."""
from __future__ import annotations

import tempfile
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet
from reportlab.lib.utils import simpleSplit
from reportlab.pdfbase import pdfmetrics

from .canvas_writer import register_fonts
from .convert import office_to_pdf
from .random_truth import RandomAppendix
from .table_spec import Print, Row, Table, build_tables
from .word_writer import column_widths, fit_type_size
from .wrap_truth import NAME_ROLES, tag_colour

THIN = Side(style="thin", color="000000")
MM_PER_CHAR = 1.9  # a column's width unit (one "0" of the default font) in millimetres, near enough


def cell_border(rules: str, row: Row, is_last_header: bool) -> Border:
    if rules == "grid":
        return Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
    if rules == "horizontal":
        return Border(top=THIN, bottom=THIN)
    if is_last_header:
        return Border(bottom=THIN)  # booktabs: a rule under the header, and over each section
    return Border(top=THIN) if row.kind == "section" else Border()


def write_table(ws: Worksheet, table: Table, doc: RandomAppendix, first_row: int, size: float) -> int:
    """The table from ``first_row`` down; the row after it."""
    rows = table.header + table.body
    index = {id(a): i for i, a in enumerate(doc.actions)}
    for r, row in enumerate(rows):
        excel_row = first_row + r
        at = index.get(id(row.action)) if row.action is not None else None
        c = 0
        for spec in row.cells:
            c += 1
            if spec.hidden:
                continue
            cell = ws.cell(row=excel_row, column=c)
            text = "■" if spec.mark == "square" else spec.text
            cell.value = text or None
            # Each names cell in its own near-black colour: where Calc wrapped it is read back from the print.
            tag = tag_colour(at, spec.role) if at is not None and spec.role in NAME_ROLES else None
            cell.font = Font(name="DejaVu Sans", size=size, bold=spec.bold,
                             color="{:02X}{:02X}{:02X}".format(*tag) if tag else None)
            cell.alignment = Alignment(wrap_text=True, vertical="top", text_rotation=90 if spec.rotate else 0)
            colour = spec.fill if spec.mark != "square" else ""
            colour = colour or ("#dbe5f1" if row.kind == "header" else row.band)
            if colour:
                cell.fill = PatternFill("solid", fgColor=colour.lstrip("#").upper())
            if spec.rowspan > 1 or spec.colspan > 1:
                ws.merge_cells(start_row=excel_row, start_column=c, end_row=excel_row + spec.rowspan - 1,
                               end_column=c + spec.colspan - 1)
        is_last_header = row.kind == "header" and (r + 1 == len(rows) or rows[r + 1].kind != "header")
        for k in range(1, len(table.columns) + 1):
            ws.cell(row=excel_row, column=k).border = cell_border(doc.layout.rules, row, is_last_header)
    return first_row + len(rows)


def fit_row_heights(ws: Worksheet, table: Table, first_row: int, widths_mm: list[float], size: float) -> None:
    """Each row as tall as its tallest wrapped cell (Calc keeps an imported row's height: text that does
    not fit would be cut off in print)."""
    regular, bold = register_fonts()
    for r, row in enumerate(table.header + table.body):
        tallest = 1
        for c, spec in enumerate(row.cells):
            if spec.hidden or spec.rowspan > 1 or not spec.text:
                continue
            if spec.rotate:
                tallest = max(tallest, int(pdfmetrics.stringWidth(spec.text, bold, size) / (size * 1.3)) + 2)
                continue
            width_pt = sum(widths_mm[c:c + spec.colspan]) * 72 / 25.4 - 4
            lines = sum(len(simpleSplit(part, bold if spec.bold else regular, size, width_pt)) or 1
                        for part in spec.text.split("\n"))
            tallest = max(tallest, lines)
        ws.row_dimensions[first_row + r].height = tallest * size * 1.3 + 3


def plan_sheet(wb: Workbook, table: Table, doc: RandomAppendix, spec: Print, size: float, usable_mm: float) -> None:
    ws = wb.create_sheet(title=f"Plan {len(wb.sheetnames)}")
    ws.cell(row=1, column=1, value=table.plan).font = Font(name="DejaVu Sans", size=size + 4, bold=True)
    header_top = 3
    end = write_table(ws, table, doc, header_top, size)
    if spec.legend:
        ws.cell(row=end + 1, column=1, value="Shaded or marked: the financial years in which the action is delivered.")
    widths = column_widths(table, usable_mm, size)
    for k, width in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(k)].width = width / MM_PER_CHAR
    fit_row_heights(ws, table, header_top, widths, size)
    ws.print_title_rows = f"{header_top}:{header_top + len(table.header) - 1}"
    ws.page_setup.orientation = "landscape" if doc.layout.landscape else "portrait"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    if doc.layout.running_header:
        ws.oddHeader.center.text = doc.layout.running_header
    ws.oddFooter.center.text = "Page &P of &N"


def build_xlsx(doc: RandomAppendix, spec: Print, out: Path) -> Path:
    usable = (297 if doc.layout.landscape else 210) - 40
    size = fit_type_size(doc, spec, usable)
    wb = Workbook()
    assert wb.active is not None
    wb.remove(wb.active)
    if spec.unrelated_table:
        ws = wb.create_sheet(title="Funding")
        for r, values in enumerate([("Source", "2025/26 (£k)", "Total (£k)"), ("Capital programme", 450, 1350),
                                    ("Revenue budget", 120, 360)], start=1):
            for c, value in enumerate(values, start=1):
                ws.cell(row=r, column=c, value=value).border = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
    for table in build_tables(doc, spec):
        plan_sheet(wb, table, doc, spec, size, usable)
    out.parent.mkdir(parents=True, exist_ok=True)
    wb.save(out)
    return out


def write_pdf(doc: RandomAppendix, spec: Print, path: Path) -> Path:
    with tempfile.TemporaryDirectory() as tmp:
        office_to_pdf(build_xlsx(doc, spec, Path(tmp) / f"{path.stem}.xlsx"), path)
    return path
