"""A random appendix's table model → LaTeX (longtable; booktabs rules or a full grid), typeset by pdfTeX, as a
research team or a council's data unit publishes: no space characters in the text layer, word gaps of
about a third of an em, the header repeated on every page, rows never broken, a running head (fancyhdr),
year labels turned with ``\\rotatebox``, Gantt cells shaded with ``\\cellcolor``."""
from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

from .convert import require
from .random_truth import RandomAppendix
from .table_spec import Cell, Print, Row, Table, build_tables
from .word_writer import column_widths, fit_type_size

SPECIALS = {"\\": r"\textbackslash{}", "&": r"\&", "%": r"\%", "$": r"\$", "#": r"\#", "_": r"\_", "{": r"\{",
            "}": r"\}", "~": r"\textasciitilde{}", "^": r"\textasciicircum{}", "£": r"\pounds{}",
            "✓": r"\checkmark{}", "●": r"$\bullet$", "■": r"$\blacksquare$"}


def escape(text: str) -> str:
    return "".join(SPECIALS.get(ch, ch) for ch in text)


def cell_tex(cell: Cell, width_mm: float, rules: str, header: bool) -> str:
    lines = [escape(line) for line in cell.text.split("\n")] if cell.text else [""]
    body = r"\newline ".join(lines)
    if cell.role == "id" and body:
        body = rf"\mbox{{{body}}}"  # an ID is never broken at its hyphen
    if cell.bold and body:
        body = rf"\textbf{{{body}}}"
    if cell.rotate and body:
        body = rf"\rotatebox{{90}}{{{body}}}"
    if cell.mark == "square":
        body = r"\textcolor{mark}{\rule{1.6mm}{1.6mm}}"
    if cell.fill and cell.mark != "square":
        body = rf"\cellcolor[HTML]{{{cell.fill.lstrip('#').upper()}}}{body}"
    if cell.colspan > 1:
        bar = "|" if rules == "grid" else ""
        return rf"\multicolumn{{{cell.colspan}}}{{{bar}p{{{width_mm:.1f}mm}}{bar}}}{{{body}}}"
    return body


def row_tex(row: Row, widths: list[float], rules: str) -> str:
    r"""One row: a cell spanning columns as ``\multicolumn``; a cell under one merged from above left blank
    (its text is printed once, in the first row, as ``multirow`` would place it near the top)."""
    texts: list[str] = []
    col = 0
    span_end = 0  # columns before this index are covered by a cell spanning from their left
    for cell in row.cells:
        if col < span_end:
            col += 1
            continue
        if cell.hidden:
            texts.append("")
        else:
            texts.append(cell_tex(cell, sum(widths[col:col + cell.colspan]) - 3, rules, row.kind == "header"))
            span_end = col + cell.colspan
        col += 1
    colour = rf"\rowcolor[HTML]{{{row.band.lstrip('#').upper()}}}" if row.band else ""
    return colour + " & ".join(texts) + r" \\"


def table_tex(table: Table, doc: RandomAppendix, spec: Print, widths: list[float]) -> str:
    rules = doc.layout.rules
    bar = "|" if rules == "grid" else ""
    colspec = bar + bar.join(rf">{{\raggedright\arraybackslash}}p{{{w - 3:.1f}mm}}" for w in widths) + bar
    hline = r"\hline" if rules == "grid" else ""
    head = "\n".join(row_tex(r, widths, rules) + (hline if rules == "grid" else "") for r in table.header)
    top = r"\toprule" if rules != "grid" else r"\hline"
    mid = r"\midrule" if rules != "grid" else r"\hline"
    body = []
    for row in table.body:
        line = row_tex(row, widths, rules)
        if row.kind == "section" and rules != "grid":
            line = r"\midrule " + line
        if rules == "grid" or rules == "horizontal":
            line += r"\hline" if rules == "grid" else r"\midrule[0.3pt]"
        body.append(line)
    bottom = r"\bottomrule" if rules != "grid" else ""
    return "\n".join([
        rf"\subsection*{{{escape(table.plan)}}}",
        rf"\begin{{longtable}}{{{colspec}}}",
        top, head, mid, r"\endhead",
        *body, bottom, r"\end{longtable}",
    ] + ([r"\noindent Shaded or marked: the financial years in which the action is delivered.\par"]
         if spec.legend else []))


def document_tex(doc: RandomAppendix, spec: Print) -> str:
    layout = doc.layout
    usable = (297 if layout.landscape else 210) - 30
    size = fit_type_size(doc, spec, usable)
    tables = build_tables(doc, spec)
    fill = layout.fill.lstrip("#").upper()
    parts = [
        r"\documentclass{article}",
        rf"\usepackage[a4paper,{'landscape,' if layout.landscape else ''}margin=15mm]{{geometry}}",
        r"\usepackage[T1]{fontenc}", r"\usepackage{lmodern}", r"\usepackage{longtable,booktabs,array}",
        r"\usepackage[table]{xcolor}", r"\usepackage{graphicx,amssymb,fancyhdr}",
        rf"\definecolor{{mark}}{{HTML}}{{{fill}}}",
        r"\pagestyle{fancy}\fancyhf{}\renewcommand{\headrulewidth}{0pt}",
        rf"\fancyhead[L]{{\small {escape(layout.running_header)}}}" if layout.running_header else "",
        r"\fancyfoot[C]{\thepage}", r"\setlength{\tabcolsep}{1.5mm}",
        r"\begin{document}",
        rf"\fontsize{{{size}}}{{{size * 1.2:.1f}}}\selectfont",
    ]
    if spec.unrelated_table:
        parts += [r"\subsection*{Funding summary}", r"\begin{tabular}{lrr}\toprule",
                  r"Source & 2025/26 (\pounds k) & Total (\pounds k)\\\midrule",
                  r"Capital programme & 450 & 1,350\\ Revenue budget & 120 & 360\\\bottomrule\end{tabular}"]
    for table in tables:
        parts.append(table_tex(table, doc, spec, column_widths(table, usable, size)))
    parts.append(r"\end{document}")
    return "\n".join(p for p in parts if p)


def write_pdf(doc: RandomAppendix, spec: Print, path: Path) -> Path:
    pdflatex = require("pdflatex", "texlive-latex-recommended")
    with tempfile.TemporaryDirectory() as tmp:
        tex = Path(tmp) / "appendix.tex"
        tex.write_text(document_tex(doc, spec), encoding="utf-8")
        for _ in range(2):  # longtable settles its column widths on the second run
            subprocess.run([pdflatex, "-interaction=nonstopmode", "-halt-on-error", tex.name], cwd=tmp,
                           check=True, capture_output=True, timeout=300)
        path.parent.mkdir(parents=True, exist_ok=True)
        shutil.move(str(Path(tmp) / "appendix.pdf"), path)
    return path
