"""Open a PDF and read its text layer fast (pypdfium2); every way it can be unusable is an InputError."""
from __future__ import annotations

import logging
import multiprocessing
import os
from collections.abc import Callable
from contextlib import nullcontext
from dataclasses import dataclass
from functools import partial
from pathlib import Path

import pypdfium2 as pdfium

from .errors import InputError

log = logging.getLogger(__name__)
PROGRESS_EVERY = 100  # a PDF this long reports its text pass (shown on a TTY, or with --verbose)
PAGES_PER_TASK = 50  # pages one worker reads at a time (and between progress lines)
MAX_WORKERS = 4  # beyond this the text pass is bound by the disk and the forks, not the cores


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


def is_encrypted(path: Path, password: str | None) -> bool:
    pdf = open_pdf(path, password)
    try:
        return bool(pdfium.raw.FPDF_GetSecurityHandlerRevision(pdf.raw) != -1)
    finally:
        pdf.close()


def save_unlocked(path: Path, password: str | None, dest: Path) -> Path:
    """An encrypted PDF (a user password given, or only an owner password that forbids copying text) →
    the same document without its security handler, which every reader then opens. Permission flags are
    advisory to the document's own user; the user owns these documents and may read them."""
    pdf = open_pdf(path, password)
    try:
        pdf.save(str(dest), flags=pdfium.raw.FPDF_REMOVE_SECURITY)
    finally:
        pdf.close()
    return dest


@dataclass(frozen=True)
class PageBounds:
    """What one page may hold before it is refused as hostile or broken (see ExtractSettings)."""

    max_area: float = float("inf")  # square inches
    max_objects: int = 2**62

    def check(self, page: pdfium.PdfPage, number: int) -> None:
        width, height = page.get_size()
        area = width * height / 72**2
        if area > self.max_area:
            raise InputError(f"page {number} is {width / 72:.0f} × {height / 72:.0f} in, larger than the "
                             f"{self.max_area:g} square inches allowed (--max-page-area raises the limit)")
        objects = pdfium.raw.FPDFPage_CountObjects(page.raw)
        if objects > self.max_objects:
            raise InputError(f"page {number} draws {objects:,} objects, more than the {self.max_objects:,} allowed "
                             "(--max-page-objects raises the limit)")


def read_range(path: Path, password: str | None, images_for: Callable[[str], bool] | None,
               bounds: PageBounds, span: tuple[int, int]) -> list[PageText]:
    """Pages ``span[0]`` to ``span[1] - 1`` (0-based) of the PDF: their text, size, rotation and, where
    asked, whether they hold images."""
    pdf = open_pdf(path, password)
    pages = []
    try:
        for i in range(*span):
            try:
                page = pdf[i]
            except pdfium.PdfiumError:
                raise InputError(f"page {i + 1} cannot be read (the PDF is damaged): download it again, or "
                                 "re-save it from a PDF viewer") from None
            bounds.check(page, i + 1)
            textpage = page.get_textpage()
            text = textpage.get_text_range()
            look = images_for is None or not text.strip() or images_for(text)
            has_images = look and any(obj.type == pdfium.raw.FPDF_PAGEOBJ_IMAGE for obj in page.get_objects())
            width, height = page.get_size()
            pages.append(PageText(i + 1, text, width, height, page.get_rotation(),
                                  bool(text.strip()), has_images))
            textpage.close()
            page.close()
    finally:
        pdf.close()
    return pages


def worker_count(total: int, workers: int) -> int:
    """Processes for the text pass: one unless the PDF is long and the platform can fork (each worker
    inherits the loaded libraries instead of importing them again)."""
    if total <= PAGES_PER_TASK or "fork" not in multiprocessing.get_all_start_methods():
        return 1
    wanted = workers or min(os.cpu_count() or 1, MAX_WORKERS)
    return max(1, min(wanted, -(-total // PAGES_PER_TASK)))


def read_pages(path: Path, password: str | None, images_for: Callable[[str], bool] | None = None,
               workers: int = 0, bounds: PageBounds | None = None) -> list[PageText]:
    """Every page's plain text in one fast pass, the floor every later step is measured against; a
    long PDF is read in spans of pages by one process per core.
    Whether a page holds images (a scan) is looked up only for pages with no text or, given
    ``images_for`` (picklable, as workers receive it), pages whose text it accepts: walking every
    page's objects would double the pass."""
    check_bytes(path)
    pdf = open_pdf(path, password)
    total = len(pdf)
    pdf.close()
    if total == 0:
        raise InputError("the PDF has no pages: download it again")
    spans = [(start, min(start + PAGES_PER_TASK, total)) for start in range(0, total, PAGES_PER_TASK)]
    read = partial(read_range, path, password, images_for, bounds or PageBounds())
    processes = worker_count(total, workers)
    pages: list[PageText] = []
    with (multiprocessing.get_context("fork").Pool(processes) if processes > 1 else nullcontext()) as pool:
        for part in (pool.imap(read, spans) if pool is not None else map(read, spans)):
            pages.extend(part)
            if total >= PROGRESS_EVERY and len(pages) < total:
                log.info("%s: scanned %d of %d pages", path.name, len(pages), total)
    return pages
