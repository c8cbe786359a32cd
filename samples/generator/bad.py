"""Bad inputs: files an analyst might be sent that are not a usable appendix."""
from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

from docx import Document as new_docx

from .convert import docx_to_pdf, image_only, require

PROSE = [
    "Report of the Director of Corporate Resources",
    "Purpose of the report: to set out the revenue budget for 2025-26 and the medium term financial "
    "strategy, and to seek approval of the capital programme.",
    "The Council continues to face significant financial pressures from demand-led services. The "
    "tables below summarise the budget position by department.",
]
BUDGET = [
    ["Department", "2024-25 £000", "2025-26 £000", "Change £000"],
    ["Adults and Communities", "180,120", "192,450", "12,330"],
    ["Children and Family Services", "110,870", "121,300", "10,430"],
    ["Environment and Transport", "95,640", "98,210", "2,570"],
    ["Corporate Resources", "40,210", "41,050", "840"],
]


def no_action_table(out: Path) -> Path:
    d = new_docx()
    d.add_heading("Medium Term Financial Strategy 2025-29", level=1)
    for para in PROSE:
        d.add_paragraph(para)
    table = d.add_table(rows=0, cols=len(BUDGET[0]))
    table.style = "Table Grid"
    for values in BUDGET:
        for cell, value in zip(table.add_row().cells, values):
            cell.text = value
    d.add_paragraph("Members are asked to note the report.")
    docx = out.with_suffix(".docx")
    d.save(str(docx))
    try:
        return docx_to_pdf(docx, out)
    finally:
        docx.unlink()


def write_bad_inputs(folder: Path, good_pdf: Path) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    data = good_pdf.read_bytes()
    (folder / "not_a_pdf.pdf").write_text("Minutes of the meeting held on 12 March.\nThis is not a PDF.\n")
    (folder / "empty.pdf").write_bytes(b"")
    (folder / "truncated.pdf").write_bytes(data[: len(data) // 3])
    qpdf = require("qpdf", "qpdf")
    encrypted = folder / "encrypted.pdf"
    subprocess.run([qpdf, "--encrypt", "secret", "owner-secret", "256", "--", str(good_pdf), str(encrypted)],
                   check=True)
    no_action_table(folder / "no_action_table.pdf")
    image_only(good_pdf, folder / "image_only.pdf")
    shutil.rmtree(folder / "__pycache__", ignore_errors=True)
    return sorted(folder.glob("*.pdf"))
