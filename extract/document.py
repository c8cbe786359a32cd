"""Open a PDF and read its text layer fast (pypdfium2); every way it can be unusable is an InputError."""
from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path

import pypdfium2 as pdfium

from .errors import InputError

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class PageText:
    number: int  # 1-based
    text: str
    width: float
    height: float
    rotation: int
    has_text: bool
    has_images: bool


def check_bytes(path: Path) -> None:
    """Cheap checks before any parser sees the file: exists, not empty, a PDF, not cut short."""
    if not path.exists():
        raise InputError("file not found: check the path")
    size = path.stat().st_size
    if size == 0:
        raise InputError("the file is empty: download the appendix again")
    with path.open("rb") as f:
        head = f.read(1024)
        f.seek(max(0, size - 2048))
        tail = f.read()
    if b"%PDF-" not in head:
        raise InputError("not a PDF (no %PDF header): check you were sent the appendix PDF itself")
    if b"%%EOF" not in tail:
        raise InputError("the PDF is truncated or corrupt (no end-of-file marker): download it again")


def open_pdf(path: Path, password: str | None) -> pdfium.PdfDocument:
    try:
        return pdfium.PdfDocument(str(path), password=password)
    except pdfium.PdfiumError as exc:
        text = str(exc).lower()
        if "password" in text:
            if password:
                raise InputError("the password does not open this PDF: check PASSWORD=") from None
            raise InputError("the PDF is encrypted: run again with PASSWORD=<password>") from None
        raise InputError(f"the PDF is corrupt and cannot be read ({exc}): download it again") from None


def check_openable(path: Path, password: str | None) -> None:
    """Everything ``read_pages`` checks about the file itself, without reading any page."""
    check_bytes(path)
    open_pdf(path, password).close()


def read_pages(path: Path, password: str | None) -> list[PageText]:
    """Every page's plain text in one fast pass, the floor every later step is measured against."""
    check_bytes(path)
    pdf = open_pdf(path, password)
    pages = []
    try:
        if len(pdf) == 0:
            raise InputError("the PDF has no pages: download it again")
        for i in range(len(pdf)):
            page = pdf[i]
            textpage = page.get_textpage()
            text = textpage.get_text_range()
            has_images = any(obj.type == pdfium.raw.FPDF_PAGEOBJ_IMAGE for obj in page.get_objects())
            width, height = page.get_size()
            pages.append(PageText(i + 1, text, width, height, page.get_rotation(),
                                  bool(text.strip()), has_images))
            textpage.close()
            page.close()
    finally:
        pdf.close()
    return pages
