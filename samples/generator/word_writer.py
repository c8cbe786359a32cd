"""A random appendix's table model → ``.docx`` (python-docx), printed to PDF by LibreOffice Writer, as a
council exports its Word appendix: header rows repeated on each page, rows kept whole, merged cells,
shaded Gantt cells or symbols or small shaded marks, a running header and page numbers."""
from __future__ import annotations

import tempfile
from dataclasses import replace
from pathlib import Path

from docx import Document as new_docx
from docx.enum.section import WD_ORIENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt
from docx.table import _Cell
from reportlab.pdfbase import pdfmetrics

from .canvas_writer import register_fonts
from .convert import docx_to_pdf
from .docx_writer import add_page_field, repeat_as_header, set_borders, set_lines, set_shading
from .random_truth import RandomAppendix
from .table_spec import Print, Row, Table, build_tables
from .wrap_truth import NAME_ROLES, tag_colour

MM = 72 / 25.4  # points per millimetre
CELL_PADDING_MM = 0.8  # left and right cell margins (narrower than Word's 1.9 mm: a Gantt has many columns)
WEIGHTS = {"id": 1.1, "action": 6.0, "leads": 2.6, "partners": 2.8, "start": 1.3, "end": 1.3, "theme": 1.6}
GANTT_WEIGHT = {1: 0.9, 4: 0.42, 12: 0.3}


def set_cell_margins(table: object, mm: float) -> None:
    margins = OxmlElement("w:tblCellMar")
    for side in ("left", "right"):
        el = OxmlElement(f"w:{side}")
        el.set(qn("w:w"), str(round(mm * 56.7)))  # twentieths of a point
        el.set(qn("w:type"), "dxa")
        margins.append(el)
    tbl_pr = table._tbl.tblPr  # type: ignore[attr-defined]
    look = tbl_pr.find(qn("w:tblLook"))
    # The schema's order: tblCellMar comes before tblLook (LibreOffice ignores it after).
    if look is not None:
        look.addprevious(margins)
    else:
        tbl_pr.append(margins)


TBL_PR_ORDER = ["tblStyle", "tblpPr", "tblOverlap", "bidiVisual", "tblStyleRowBandSize", "tblStyleColBandSize",
                "tblW", "jc", "tblCellSpacing", "tblInd", "tblBorders", "shd", "tblLayout", "tblCellMar", "tblLook"]


def schema_order(tbl_pr: object) -> None:
    """Table properties in the order the schema sets (LibreOffice skips those out of order)."""
    children = list(tbl_pr)  # type: ignore[call-overload]
    for child in children:
        tbl_pr.remove(child)  # type: ignore[attr-defined]
    rank = {f"{{{child.nsmap['w']}}}{name}": k for child in children[:1] for k, name in enumerate(TBL_PR_ORDER)}
    for child in sorted(children, key=lambda c: rank.get(c.tag, len(TBL_PR_ORDER))):
        tbl_pr.append(child)  # type: ignore[attr-defined]


def keep_row_whole(row: object) -> None:
    tr_pr = row._tr.get_or_add_trPr()  # type: ignore[attr-defined]
    tr_pr.append(OxmlElement("w:cantSplit"))


def turn_text(cell: _Cell) -> None:
    """Text running bottom to top, as a narrow year column's label is often set."""
    direction = OxmlElement("w:textDirection")
    direction.set(qn("w:val"), "btLr")
    cell._tc.get_or_add_tcPr().append(direction)


def shaded_mark(cell: _Cell, colour: str) -> None:
    """A small shaded mark inside the cell: two spaces with their own shading, not the cell's."""
    cell.text = ""
    # Figure spaces: LibreOffice paints their shading (not that of no-break spaces at a line's end).
    run = cell.paragraphs[0].add_run("\u2007\u2007")
    shd = OxmlElement("w:shd")
    shd.set(qn("w:val"), "clear")
    shd.set(qn("w:color"), "auto")
    shd.set(qn("w:fill"), colour.lstrip("#").upper())
    run._r.get_or_add_rPr().append(shd)


class TooWide(ValueError):
    """The table's words do not fit across the page at this type size."""


def column_widths(table: Table, usable_mm: float, size: float, strict: bool = False) -> list[float]:
    """Millimetres per column: by weight, but never narrower than the longest word it prints (as an
    author widens a column until its words fit), the action and name columns giving way."""
    regular, bold = register_fonts()
    weights = [GANTT_WEIGHT[table.per_year] if role == "gantt" else WEIGHTS.get(role, 1.6) for role in table.columns]
    widths = [usable_mm * w / sum(weights) for w in weights]
    least = [0.0] * len(widths)
    for row in table.header + table.body:
        col = 0
        for cell in row.cells:
            if cell.hidden or cell.colspan != 1:
                pass
            elif cell.rotate:  # a label on its side is a line of type wide
                least[col] = max(least[col], 1.3 * size / MM + 2 * CELL_PADDING_MM + 1.5)
            else:
                words = cell.text.split() or [""]
                font = bold if cell.bold else regular
                longest = max(pdfmetrics.stringWidth(w, font, size) for w in words)
                least[col] = max(least[col], longest / MM + 2 * CELL_PADDING_MM + 1.5)
            col += 1
    if sum(least) > usable_mm and strict:
        raise TooWide(sum(least))
    widths = [max(w, m) for w, m in zip(widths, least)]
    flexible = [k for k, role in enumerate(table.columns) if role in ("action", "leads", "partners")]
    excess = sum(widths) - usable_mm
    slack = sum(widths[k] - least[k] for k in flexible)
    for k in flexible:
        widths[k] -= min(excess, slack) * (widths[k] - least[k]) / slack if slack > 0 else 0
    # Words longer than the page allows wrap inside themselves, as they would in Word.
    return [w * min(1.0, usable_mm / sum(widths)) for w in widths]


def fill_row(table_rows: list[object], r: int, row: Row, band: str, at: int | None = None) -> None:
    """``at``: the row's action's place in the document, for its names cells' colours (wrap_truth)."""
    cells = table_rows[r].cells  # type: ignore[attr-defined]
    for c, spec in enumerate(row.cells):
        if spec.hidden:
            continue
        cell = cells[c]
        if spec.rowspan > 1 or spec.colspan > 1:
            cell = cell.merge(table_rows[r + spec.rowspan - 1].cells[c + spec.colspan - 1])  # type: ignore[attr-defined]
        if spec.mark == "square":
            shaded_mark(cell, spec.fill or "#4472c4")
        else:
            set_lines(cell, spec.text.split("\n") if spec.text else [""], bold=spec.bold,
                      colour=tag_colour(at, spec.role) if at is not None and spec.role in NAME_ROLES else None)
        colour = (spec.fill if spec.mark != "square" else "") or band
        if colour:
            set_shading(cell, colour.lstrip("#"))
        if spec.rotate:
            turn_text(cell)


def add_table(d: object, table: Table, spec: Print, doc: RandomAppendix, usable_mm: float) -> None:
    n_cols = len(table.header[0].cells)
    rows = table.header + table.body
    t = d.add_table(rows=len(rows), cols=n_cols)  # type: ignore[attr-defined]
    t.autofit = False
    set_borders(t, doc.layout.rules)
    set_cell_margins(t, CELL_PADDING_MM)
    for r, row in enumerate(rows):
        at = next((i for i, a in enumerate(doc.actions) if a is row.action), None) if row.action is not None else None
        fill_row(t.rows, r, row, "dbe5f1" if row.kind == "header" else row.band, at)
        keep_row_whole(t.rows[r])
        if row.kind == "header":
            repeat_as_header(t.rows[r])
    widths = column_widths(table, usable_mm, doc.layout.font_size)
    tbl_w = t._tbl.tblPr.find(qn("w:tblW"))
    tbl_w.set(qn("w:type"), "dxa")
    tbl_w.set(qn("w:w"), str(round(sum(widths) * 56.7)))
    schema_order(t._tbl.tblPr)
    for column, width in zip(t.columns, widths):
        column.width = Mm(width)
    for row in t.rows:
        for cell, width in zip(row.cells, widths):
            cell.width = Mm(width)


def page_footer(section: object, running: str) -> None:
    if running:
        section.header.paragraphs[0].text = running  # type: ignore[attr-defined]
    add_page_field(section.footer.paragraphs[0])  # type: ignore[attr-defined]


def fit_type_size(doc: RandomAppendix, spec: Print, usable_mm: float) -> float:
    """The layout's type size, or smaller until every table fits across the page, as an author would."""
    tables = build_tables(doc, spec)
    for size in dict.fromkeys([doc.layout.font_size, 7.0, 6.0, 5.5, 5.0]):
        try:
            for table in tables:
                column_widths(table, usable_mm, size, strict=True)
            return size
        except TooWide:
            continue
    return 5.0


def build_docx(doc: RandomAppendix, spec: Print, out: Path) -> Path:
    width = 297 if doc.layout.landscape else 210
    doc.layout = replace(doc.layout, font_size=fit_type_size(doc, spec, width - 30))
    d = new_docx()
    normal = d.styles["Normal"]
    normal.font.name = "DejaVu Sans"
    normal.font.size = Pt(doc.layout.font_size)
    normal.paragraph_format.space_after = Pt(0)
    section = d.sections[0]
    height = 210 if doc.layout.landscape else 297
    section.orientation = WD_ORIENT.LANDSCAPE if doc.layout.landscape else WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Mm(width), Mm(height)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Mm(15))
    page_footer(section, doc.layout.running_header)
    if spec.unrelated_table:
        d.add_heading("Funding summary", level=3)
        budget = d.add_table(rows=3, cols=3)
        budget.style = "Table Grid"
        for r, values in enumerate([("Source", "2025/26 (£k)", "Total (£k)"), ("Capital programme", "450", "1,350"),
                                    ("Revenue budget", "120", "360")]):
            for c, value in enumerate(values):
                budget.rows[r].cells[c].text = value
        d.add_paragraph("")
    for table in build_tables(doc, spec):
        d.add_heading(table.plan, level=2)
        add_table(d, table, spec, doc, width - 30)
        if spec.legend:
            d.add_paragraph("Shaded or marked: the financial years in which the action is delivered.")
        d.add_paragraph("")
    out.parent.mkdir(parents=True, exist_ok=True)
    d.save(str(out))
    return out


def write_pdf(doc: RandomAppendix, spec: Print, path: Path) -> Path:
    with tempfile.TemporaryDirectory() as tmp:
        docx = build_docx(doc, spec, Path(tmp) / f"{path.stem}.docx")
        docx_to_pdf(docx, path)
    return path
