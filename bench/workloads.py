"""The measured workloads, each run as a whole process: ``python bench/workloads.py NAME PDF [ENGINE]``.

The libraries the pipeline is measured against (camelot, pdfplumber) are run with the interpreter in
``$BENCH_BASELINE_PYTHON`` (``make bench`` builds that venv, .venv-baseline): camelot brings pandas, and
with pandas in the pipeline's own venv pyarrow would import it on every run, a cost no user of ours pays.
This file imports nothing of the project, so any interpreter with those libraries can run it.
"""
from __future__ import annotations

import os
import sys
import warnings
from pathlib import Path


def baseline_command(*args: str) -> list[str]:
    """The command that runs one workload as a whole process, with the baseline libraries' interpreter."""
    return [os.environ.get("BENCH_BASELINE_PYTHON") or sys.executable, str(Path(__file__).resolve()), *args]


def camelot_lattice(pdf: str, engine: str) -> int:
    import camelot

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return len(camelot.read_pdf(pdf, pages="all", flavor="lattice", engine=engine, suppress_stdout=True))


def pdfplumber_tables(pdf: str) -> int:
    import pdfplumber

    with pdfplumber.open(pdf) as doc:
        return sum(len(page.extract_tables()) for page in doc.pages)


def pdfium_text(pdf: str) -> int:
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument(pdf)
    try:
        return sum(len(doc[i].get_textpage().get_text_range()) for i in range(len(doc)))
    finally:
        doc.close()


def main(argv: list[str]) -> int:
    name, pdf, *rest = argv
    if name == "camelot":
        camelot_lattice(pdf, rest[0] if rest else "combined")
    elif name == "pdfplumber":
        pdfplumber_tables(pdf)
    elif name == "text":
        pdfium_text(pdf)
    else:
        raise SystemExit(f"unknown workload {name}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
