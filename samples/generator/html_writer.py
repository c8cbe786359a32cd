"""A random appendix's table model → HTML/CSS, printed to PDF by headless Chromium, as a council prints a
web page: the browser's own header and footer (title, date, address, page x of y) where the print keeps
them, a running header drawn by the page, header rows repeated on each page, rows never split."""
from __future__ import annotations

import html
import subprocess
import tempfile
from pathlib import Path

from .convert import require
from .random_truth import RandomAppendix
from .table_spec import Cell, Print, Table, build_tables
from .wrap_truth import NAME_ROLES, tag_colour

RULES_CSS = {
    "grid": "td, th { border: 0.6pt solid #000; }",
    "horizontal": "td, th { border-top: 0.6pt solid #000; border-bottom: 0.6pt solid #000; }",
    # booktabs: a rule under the header and between groups, none between rows
    "none": ("thead tr:last-child th { border-bottom: 0.8pt solid #000; } "
             "tr.section td { border-top: 0.5pt solid #000; }"),
}


def cell_html(cell: Cell, tag: str, fill: str, band: str, colour: tuple[int, int, int] | None = None) -> str:
    """``colour``: the names cell's near-black text colour that tells its lines in the print (wrap_truth)."""
    if cell.hidden:
        return ""
    attrs = []
    if cell.rowspan > 1:
        attrs.append(f'rowspan="{cell.rowspan}"')
    if cell.colspan > 1:
        attrs.append(f'colspan="{cell.colspan}"')
    if cell.role == "id":
        attrs.append('class="id"')
    style = []
    if colour_fill := (cell.fill or fill or band):
        style.append(f"background:{colour_fill}")
    if colour:
        style.append("color:rgb({},{},{})".format(*colour))
    if style:
        attrs.append(f'style="{";".join(style)}"')
    text = "<br>".join(html.escape(line) for line in cell.text.split("\n"))
    if cell.mark == "square":
        text = '<span class="square"></span>'
    if cell.rotate and text:
        text = f'<span class="rot">{text}</span>'
    return f"<{tag} {' '.join(attrs)}>{text}</{tag}>"


def table_html(table: Table, spec: Print, index: dict[int, int]) -> str:
    """``index``: each action (by ``id``) → its place in the document, for its names cells' colours."""
    out = [f"<h2>{html.escape(table.plan)}</h2>", "<table>", "<thead>"]
    for row in table.header:
        out.append("<tr>" + "".join(cell_html(c, "th", "", "") for c in row.cells) + "</tr>")
    out.append("</thead><tbody>")
    for row in table.body:
        cls = ' class="section"' if row.kind == "section" else ""
        at = index.get(id(row.action)) if row.action is not None else None
        colours = [tag_colour(at, c.role) if at is not None and c.role in NAME_ROLES else None for c in row.cells]
        out.append(f"<tr{cls}>" + "".join(cell_html(c, "td", "", row.band, colour)
                                          for c, colour in zip(row.cells, colours)) + "</tr>")
    out.append("</tbody></table>")
    if spec.legend:
        out.append('<p class="legend"><span class="key"></span> Shaded or marked: the financial years in which the '
                   "action is delivered.</p>")
    return "\n".join(out)


def unrelated_table() -> str:
    return ("<h3>Funding summary</h3><table class=\"budget\"><thead><tr><th>Source</th><th>2025/26 (£k)</th>"
            "<th>Total (£k)</th></tr></thead><tbody><tr><td>Capital programme</td><td>450</td><td>1,350</td></tr>"
            "<tr><td>Revenue budget</td><td>120</td><td>360</td></tr></tbody></table>")


def document_html(doc: RandomAppendix, spec: Print) -> str:
    layout = doc.layout
    size = layout.font_size
    page = "A4 landscape" if layout.landscape else "A4 portrait"
    # A running header in the page's top margin box, on every page (CSS paged media).
    running = (f'@top-left {{ content: "{layout.running_header}"; font-size: {size - 1}pt; color: #555; }}'
               if layout.running_header else "")
    css = f"""
@page {{ size: {page}; margin: 14mm 12mm; {running} }}
body {{ font-family: 'DejaVu Sans', sans-serif; font-size: {size}pt; }}
h2 {{ font-size: {size + 4}pt; margin: 10pt 0 6pt 0; }}
h3 {{ font-size: {size + 2}pt; }}
table {{ border-collapse: collapse; width: 100%; margin-bottom: 10pt; }}
th, td {{ padding: 2pt 3pt; vertical-align: top; text-align: left; }}
td.id {{ white-space: nowrap; }}
th {{ font-weight: bold; background: #dbe5f1; }}
tr {{ break-inside: avoid; }}
thead {{ display: table-header-group; }}
tr.section td {{ font-weight: bold; }}
.square {{ display: inline-block; width: 6pt; height: 6pt; background: {layout.fill}; }}
.rot {{ writing-mode: vertical-rl; transform: rotate(180deg); white-space: nowrap; }}
.legend .key {{ display: inline-block; width: 10pt; height: 6pt; background: {layout.fill}; }}
table.budget {{ width: 50%; }}
{RULES_CSS[layout.rules]}
"""
    parts = [f"<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Appendix B – action plans"
             f"</title><style>{css}</style></head><body>"]
    tables = build_tables(doc, spec)
    if spec.unrelated_table:
        parts.append(unrelated_table())
    index = {id(a): i for i, a in enumerate(doc.actions)}
    for t in tables:
        parts.append(table_html(t, spec, index))
    parts.append("</body></html>")
    return "\n".join(parts)


def write_pdf(doc: RandomAppendix, spec: Print, path: Path) -> Path:
    chromium = require("chromium", "chromium")
    with tempfile.TemporaryDirectory() as tmp:
        page = Path(tmp, "appendix.html")
        page.write_text(document_html(doc, spec), encoding="utf-8")
        args = [chromium, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                f"--user-data-dir={tmp}/profile", f"--print-to-pdf={path}"]
        if not spec.browser_header:
            args.append("--no-pdf-header-footer")
        path.parent.mkdir(parents=True, exist_ok=True)
        subprocess.run(args + [page.as_uri()], check=True, capture_output=True, timeout=120)
    return path
