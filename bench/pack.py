"""A committee report pack for the benchmark: pages of prose, budget and RAG tables with the current
appendix inside, as analysts receive it. Built, never committed (``bench/.cache/``)."""
from __future__ import annotations

import random
from pathlib import Path

from docx import Document as new_docx
from pypdf import PdfReader, PdfWriter

from samples.generator.convert import docx_to_pdf

ROOT = Path(__file__).resolve().parent.parent
CACHE = ROOT / "bench" / ".cache"
APPENDIX = ROOT / "samples" / "current" / "current.pdf"
WORDS = ("council budget report committee members service delivery capital programme revenue pressure "
         "savings schools highways adult social care children families transport waste planning housing "
         "consultation scrutiny cabinet decision risk performance quarter target forecast").split()


def filler_pdf(pages_wanted: int = 40, seed: int = 7) -> Path:
    """About ``pages_wanted`` pages of reports: paragraphs, a budget table and a RAG table per report."""
    out = CACHE / "filler.pdf"
    if out.exists():
        return out
    rng = random.Random(seed)
    d = new_docx()
    for report in range(pages_wanted // 2):
        d.add_heading(f"Report {report + 1}: {' '.join(rng.sample(WORDS, 4)).title()}", level=1)
        for _ in range(6):
            d.add_paragraph(" ".join(rng.choice(WORDS) for _ in range(90)).capitalize() + ".")
        table = d.add_table(rows=1, cols=4)
        table.style = "Table Grid"
        for cell, text in zip(table.rows[0].cells, ["Department", "2024-25 £000", "2025-26 £000", "Change"]):
            cell.text = text
        for _ in range(8):
            values = [rng.choice(WORDS).title()] + [f"{rng.randint(100, 99999):,}" for _ in range(3)]
            for cell, text in zip(table.add_row().cells, values):
                cell.text = text
        rag = d.add_table(rows=1, cols=3)
        rag.style = "Table Grid"
        for cell, text in zip(rag.rows[0].cells, ["Risk", "Owner", "RAG"]):
            cell.text = text
        for _ in range(5):
            values = [" ".join(rng.sample(WORDS, 5)), rng.choice(WORDS).title(), rng.choice(["Red", "Amber", "Green"])]
            for cell, text in zip(rag.add_row().cells, values):
                cell.text = text
        d.add_page_break()
    CACHE.mkdir(parents=True, exist_ok=True)
    docx = CACHE / "filler.docx"
    d.save(str(docx))
    return docx_to_pdf(docx, out)


def build_pack(total_pages: int, appendix_at: int | None = None) -> Path:
    """A pack of ``total_pages`` pages with the appendix starting at ``appendix_at`` (default: the middle)."""
    out = CACHE / f"pack-{total_pages}.pdf"
    if out.exists():
        return out
    filler = PdfReader(str(filler_pdf()))
    appendix = PdfReader(str(APPENDIX))
    start = appendix_at or max(1, (total_pages - len(appendix.pages)) // 2)
    writer = PdfWriter()
    i = 0
    while len(writer.pages) < start - 1:
        writer.add_page(filler.pages[i % len(filler.pages)])
        i += 1
    for page in appendix.pages:
        writer.add_page(page)
    while len(writer.pages) < total_pages:
        writer.add_page(filler.pages[i % len(filler.pages)])
        i += 1
    with out.open("wb") as f:
        writer.write(f)
    return out
