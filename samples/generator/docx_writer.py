"""Truth → ``.docx``: an action-plan appendix laid out as a council would in Word."""
from __future__ import annotations

from itertools import groupby
from pathlib import Path
from typing import Any

from docx import Document as new_docx
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor
from docx.table import Table, _Cell

from .source import Action, Document

GANTT_FILL = "70AD47"
SECTION_FILL = "D9E2F3"
HEADER_FILL = "BDD7EE"


def set_shading(cell: _Cell, fill: str) -> None:
    tc_pr = cell._tc.get_or_add_tcPr()
    shd = OxmlElement("w:shd")
    shd.set(qn("w:val"), "clear")
    shd.set(qn("w:color"), "auto")
    shd.set(qn("w:fill"), fill)
    tc_pr.append(shd)


def set_lines(cell: _Cell, lines: list[str], bold: bool = False, center: bool = False,
              colour: tuple[int, int, int] | None = None) -> None:
    """One paragraph per printed line, as a person types names one per line in a Word cell (``colour``: the
    text's RGB, a names cell's near-black tag read back from the print by wrap_truth)."""
    cell.text = ""
    for i, line in enumerate(lines or [""]):
        para = cell.paragraphs[0] if i == 0 else cell.add_paragraph()
        run = para.add_run(line)
        run.bold = bold
        if colour is not None:
            run.font.color.rgb = RGBColor(*colour)
        if center:
            para.alignment = WD_ALIGN_PARAGRAPH.CENTER


def repeat_as_header(row: Any) -> None:
    tr_pr = row._tr.get_or_add_trPr()
    el = OxmlElement("w:tblHeader")
    el.set(qn("w:val"), "true")
    tr_pr.append(el)


def set_borders(table: Table, rules: str) -> None:
    """``grid``: every rule; ``horizontal``: row rules only, no vertical lines; ``none``: no rules."""
    tbl_pr = table._tbl.tblPr
    borders = OxmlElement("w:tblBorders")
    edges = ["top", "left", "bottom", "right", "insideH", "insideV"]
    for edge in edges:
        el = OxmlElement(f"w:{edge}")
        ruled = rules == "grid" or (rules == "horizontal" and edge in ("top", "bottom", "insideH"))
        el.set(qn("w:val"), "single" if ruled else "nil")
        if ruled:
            el.set(qn("w:sz"), "4")
            el.set(qn("w:color"), "000000")
        borders.append(el)
    tbl_pr.append(borders)


def column_widths(doc: Document, partners: bool) -> list[float]:
    """Millimetres per column on landscape A4 with 15 mm margins (267 mm of table)."""
    years = len(doc.settings["years"])
    fixed = [16.0, 0.0, 40.0] + ([44.0] if partners else []) + [15.0, 15.0] + [12.0] * years
    fixed[1] = 267.0 - sum(fixed)
    return fixed


def add_header_rows(table: Table, doc: Document, partners: bool) -> None:
    h = doc.settings["headers"]
    years = doc.settings["years"]
    top, bottom = table.add_row(), table.add_row()
    labels = [h["id"], h["action"], h["leads"]] + ([h["partners"]] if partners else [])
    for i, label in enumerate(labels):
        merged = top.cells[i].merge(bottom.cells[i])
        set_lines(merged, [label], bold=True)
    n = len(labels)
    timescale = top.cells[n].merge(top.cells[n + 1])
    set_lines(timescale, [h["timescale"]], bold=True, center=True)
    set_lines(bottom.cells[n], [h["start"]], bold=True)
    set_lines(bottom.cells[n + 1], [h["end"]], bold=True)
    delivery = top.cells[n + 2].merge(top.cells[n + 1 + len(years)])
    set_lines(delivery, [h["delivery"]], bold=True, center=True)
    fmt = doc.settings.get("year_format", "{start}-{end2}")
    for j, year in enumerate(years):
        label = fmt.format(start=year[:4], end2=year[5:7])
        set_lines(bottom.cells[n + 2 + j], [label], bold=True, center=True)
    for row in (top, bottom):
        repeat_as_header(row)
        for cell in row.cells:
            set_shading(cell, HEADER_FILL)


def add_section_row(table: Table, theme: str) -> None:
    row = table.add_row()
    merged = row.cells[0].merge(row.cells[-1])
    set_lines(merged, [theme], bold=True)
    set_shading(merged, SECTION_FILL)


def add_action_row(table: Table, doc: Document, action: Action, plan: dict[str, Any]) -> None:
    cells = table.add_row().cells
    partners = bool(plan["partners"])
    set_lines(cells[0], [action.id_printed])
    set_lines(cells[1], [action.action])
    set_lines(cells[2], action.leads_lines if action.leads else [line for line in action.leads_lines if line])
    n = 3
    if partners:
        set_lines(cells[3], action.partners_lines)
        n = 4
    set_lines(cells[n], [action.start])
    set_lines(cells[n + 1], [action.end])
    marks = plan.get("marks", doc.settings["marks"])
    symbol = plan.get("mark_symbol", doc.settings.get("mark_symbol", "●"))
    for j, year in enumerate(doc.settings["years"]):
        cell = cells[n + 2 + j]
        if action.marked and year in action.delivery:
            if marks in ("shading", "both"):
                set_shading(cell, GANTT_FILL)
            if marks in ("symbol", "both"):
                set_lines(cell, [symbol], center=True)


def add_page_field(para: Any) -> None:
    """A PAGE field (the page's number, as Word and LibreOffice print it) at the paragraph's end."""
    run = para.add_run()
    for kind, text in (("begin", None), (None, "PAGE"), ("end", None)):
        if kind:
            el = OxmlElement("w:fldChar")
            el.set(qn("w:fldCharType"), kind)
        else:
            el = OxmlElement("w:instrText")
            el.set(qn("xml:space"), "preserve")
            el.text = text
        run._r.append(el)


def add_page_number_footer(section: Any, doc: Document) -> None:
    para = section.footer.paragraphs[0]
    para.alignment = WD_ALIGN_PARAGRAPH.CENTER
    before, _, after = doc.settings.get("footer", "{page}").partition("{page}")
    if before:
        para.add_run(before)
    add_page_field(para)
    if after:
        para.add_run(after)
    pg = OxmlElement("w:pgNumType")
    pg.set(qn("w:start"), str(doc.settings.get("page_start", 1)))
    section._sectPr.append(pg)


def build_docx(doc: Document, out: Path) -> Path:
    d = new_docx()
    normal = d.styles["Normal"]
    normal.font.name = doc.settings["font"]
    normal.element.rPr.rFonts.set(qn("w:eastAsia"), doc.settings["font"])
    normal.font.size = Pt(doc.settings.get("font_size", 8))
    normal.paragraph_format.space_after = Pt(0)
    section = d.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Mm(297), Mm(210)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Mm(15))
    add_page_number_footer(section, doc)
    if doc.settings.get("heading"):
        d.add_heading(doc.settings["heading"], level=1)
    for para in doc.settings.get("prose_before", []):
        d.add_paragraph(para).runs[0].font.size = Pt(11)
    for plan in doc.settings["plans"]:
        d.add_heading(plan["title"], level=2)
        for para in plan.get("prose_before", []):
            d.add_paragraph(para).runs[0].font.size = Pt(11)
        partners = bool(plan["partners"])
        widths = column_widths(doc, partners)
        table = d.add_table(rows=0, cols=len(widths))
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        table.autofit = False
        set_borders(table, plan.get("rules", doc.settings.get("rules", "grid")))
        add_header_rows(table, doc, partners)
        actions = [a for a in doc.actions if a.plan == plan["title"]]
        for theme, group in groupby(actions, key=lambda a: a.theme):
            if theme:
                add_section_row(table, theme)
            for action in group:
                add_action_row(table, doc, action, plan)
        # LibreOffice lays out from tblGrid, Word from each cell's tcW: set both.
        for column, width in zip(table.columns, widths):
            column.width = Mm(width)
        for row in table.rows:
            for cell, width in zip(row.cells, widths):
                cell.width = Mm(width)
        d.add_paragraph("")
        for para in plan.get("prose_after", []):
            d.add_paragraph(para).runs[0].font.size = Pt(11)
    out.parent.mkdir(parents=True, exist_ok=True)
    d.save(str(out))
    return out
