"""PDF → Extraction: validate, pick the pages with action-table headers, parse them, record provenance."""
from __future__ import annotations

import hashlib
import logging
from dataclasses import dataclass, field, replace
from functools import cache, partial
from pathlib import Path
from typing import Any

from normalise.ids import clean_id, looks_like_id
from normalise.vocabulary import HeaderVocabulary, load_vocabulary

from .confidence import words_to_cell_confidence
from .document import PageBounds, PageText, check_bytes, is_encrypted, read_pages, save_unlocked
from .errors import InputError
from .fills import Box
from .flow import rows_on_next_page
from .header_labels import header_labels_in, is_header_label, labelled_columns
from .lattice import parse_lattice
from .lines import group_lines
from .model import PageInfo, RawTable
from .ocr import OCR_DPI, needs_ocr, ocr_pdf, require_tesseract, temporary_folder, tesseract
from .ocr_words import OcrWord
from .pages import Pages, enough_header_hits, select_pages
from .parsers import get_parser
from .settings import ExtractSettings
from .titles import assign_titles, footer_label
from .words import parse_words

log = logging.getLogger(__name__)
MIN_HEADER_LABELS = 3  # header labels that make a table an action table's, for the page after it
MIN_ID_LINES = 2  # lines starting with IDs that make a scanned page beside a candidate one too
LIBRARIES = ("pdfplumber", "pdfminer.six", "pypdfium2", "opencv-python-headless", "pyarrow", "rapidfuzz")


@dataclass
class Extraction:
    source_file: str
    sha256: str
    settings: ExtractSettings
    pages: list[PageInfo] = field(default_factory=list)
    tables: list[RawTable] = field(default_factory=list)
    ocr: dict[str, Any] = field(default_factory=dict)  # how the text layer was made, where we OCR'd
    read_from_copy: str = ""  # why the tables were read from a copy pdfium rewrote (encrypted, damaged)

    def manifest(self) -> dict[str, Any]:
        return {
            "source_file": self.source_file,
            "sha256": self.sha256,
            "flavor": self.settings.flavor,
            "engine": self.settings.engine,
            "libraries": dict(library_versions()),
            "ocr": self.ocr or None,
            "read_from_copy": self.read_from_copy or None,
            "pages": len(self.pages),
            "candidate_pages": [p.page for p in self.pages if p.candidate],
            "tables": [
                {"table": t.table, "page": t.page, "order": t.order, "flavor": t.flavor,
                 "shape": [t.n_rows, t.n_cols], "bbox": [t.x0, t.top, t.x1, t.bottom],
                 "parsing_report": {"accuracy": t.accuracy, "whitespace": t.whitespace,
                                    "page": t.page, "order": t.order},
                 "title_above": t.title_above}
                for t in self.tables
            ],
        }


@cache
def library_versions() -> dict[str, str]:
    """The versions of the libraries extraction rests on, for raw/manifest.json (looked up once)."""
    # Imported here: importlib.metadata brings email and zipfile, needed only when raw/ is written.
    from importlib.metadata import PackageNotFoundError, version

    out = {}
    for lib in LIBRARIES:
        try:
            out[lib] = version(lib)
        except PackageNotFoundError:
            out[lib] = "not installed"
    return out


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def header_labels_read(tables: list[RawTable], vocabulary: HeaderVocabulary, rows: int = 3) -> int:
    """The most header labels any one of ``tables`` has in cells of its own, in its first ``rows`` rows."""
    return max((header_labels_in(t, vocabulary, rows) for t in tables), default=0)


def labelled_columns_read(tables: list[RawTable], vocabulary: HeaderVocabulary) -> int:
    """The most columns with a header label any one of ``tables`` has (``labelled_columns``)."""
    return max((labelled_columns(t, vocabulary) for t in tables), default=0)


def parse_auto(path: Path, pages: list[int], scanned: set[int], settings: ExtractSettings,
               objects: Pages) -> list[RawTable]:
    """Ruled tables from the PDF's vector rules first (fastest); scanned pages where that finds none
    through lattice on the rendered image; then, on every page, action tables without vertical rules
    from the words' positions, outside the areas already read."""
    tables = parse_lattice(path, pages, settings, objects)
    found = {t.page for t in tables}
    images = [p for p in pages if p not in found and p in scanned]
    if images and settings.engine == "vector":
        tables += parse_lattice(path, images, replace(settings, engine="pixels"), objects)
    taken: dict[int, list[Box]] = {}
    for t in tables:
        taken.setdefault(t.page, []).append((t.x0, t.top, t.x1, t.bottom))
    tables += parse_words(path, pages, settings, objects, taken, frozenset(scanned))
    # A scan's action table with horizontal rules only (or none) can still give the lattice a "table": the
    # edges of Gantt shading and a stamp's box stand in for the vertical rules it lacks, and the real header
    # is cut into three or four cells. Where the words alone label more of the header's columns, their
    # tables are the page's.
    headers = load_vocabulary(settings.vocab_path).headers
    for number in sorted({t.page for t in tables if t.flavor == "lattice"} & scanned):
        alone = parse_words(path, [number], settings, objects, scanned=frozenset(scanned))
        lattice = [t for t in tables if t.page == number and t.flavor == "lattice"]
        if labelled_columns_read(alone, headers) > labelled_columns_read(lattice, headers):
            log.info("page %d: read by the words' positions (the lattice's grid misses its header)", number)
            tables = [t for t in tables if t.page != number] + alone
    tables.sort(key=lambda t: (t.page, t.top))
    for index, table in enumerate(tables):
        table.table = index
        table.order = 1 + sum(1 for other in tables[:index] if other.page == table.page)
        table.cells = [replace(cell, table=index) for cell in table.cells]
    return tables


def extract_pdf(path: Path, settings: ExtractSettings | None = None) -> Extraction:
    """An encrypted PDF is read from a copy without its security handler (camelot's pdfminer refuses a
    PDF whose owner forbids copying text, though it opens and prints with no password)."""
    settings = settings or ExtractSettings()
    check_bytes(path)
    if is_encrypted(path, settings.password):
        return extract_rewritten(path, settings, "encrypted")
    try:
        return extract_readable(path, path, settings)
    except InputError:
        raise
    except Exception as exc:  # noqa: BLE001 - a damaged file another reader chokes on, retried once below
        # pdfium opened it (it repairs a broken xref as it loads), camelot's pdfminer did not: read a copy
        # pdfium writes out whole. Where the copy fails too, the first error stands.
        log.info("%s: %s while parsing; reading a copy rewritten by pdfium", path.name, type(exc).__name__)
        try:
            return extract_rewritten(path, settings, f"damaged ({type(exc).__name__})")
        except InputError:
            raise
        except Exception:  # noqa: BLE001
            raise exc from None


def extract_rewritten(path: Path, settings: ExtractSettings, why: str) -> Extraction:
    """Extract from a copy pdfium writes without a security handler and with a rebuilt xref."""
    with temporary_folder() as tmp:
        copy = save_unlocked(path, settings.password, Path(tmp) / "rewritten.pdf")
        extraction = extract_readable(path, copy, replace(settings, password=None))
        extraction.settings = settings
        extraction.read_from_copy = why
        return extraction


def extract_readable(original: Path, path: Path, settings: ExtractSettings) -> Extraction:
    """``path`` (the PDF, or its unlocked copy) → the extraction of ``original``."""
    headers = load_vocabulary(settings.vocab_path).headers
    bounds = PageBounds(settings.max_page_area, settings.max_page_objects)
    texts = read_pages(path, settings.password, partial(enough_header_hits, vocabulary=headers,
                                                        min_hits=settings.min_header_hits), settings.workers, bounds)
    extraction = Extraction(original.name, file_sha256(original), settings)
    scanned = [p.number for p in texts if p.has_images]
    skews: dict[int, float] = {}
    if any(p.has_text for p in texts) and scanned and tesseract():
        # The picture work of scans (numpy, Pillow, OpenCV) is imported only where a page is scanned.
        from .scan_image import page_skews

        candidates = select_pages(texts, headers, settings.min_header_hits)
        skews = page_skews(path, [p for p in candidates if p in scanned], settings.password)
    if not needs_ocr([p.has_text for p in texts], skews):
        return parse_document(original, path, texts, settings, extraction)
    if not any(p.has_text for p in texts):
        require_tesseract("no page has a text layer (a scanned, image-only PDF)")
    if len(texts) > settings.max_ocr_pages:
        raise InputError(f"{len(texts)} pages need OCR, more than the {settings.max_ocr_pages} allowed in one run "
                         "(--max-ocr-pages raises the limit)")
    from .readings import Reading, best_reading, ocr_readings
    from .sideways_ocr import HeaderWords

    with temporary_folder() as tmp:
        done = ocr_pdf(path, settings.password, skews, Path(tmp))
        # The first word of each Gantt label ("Delivery Period"): under it, years set sideways; and of the other
        # labels, on whose line a Gantt with no label sets them.
        firsts = {role: frozenset(v.split()[0].casefold() for v in variants if v.split())
                  for role, variants in headers.variants.items()}
        labels = HeaderWords(firsts.get("delivery", frozenset()),
                             frozenset().union(*(f for role, f in firsts.items() if role != "delivery")),
                             frozenset(w.casefold() for variants in headers.variants.values() for v in variants
                                       for w in v.split()))
        readings = ocr_readings(path, settings.password, done, labels, OCR_DPI, tesseract() or "tesseract", Path(tmp))
        texts = read_pages(done.pdf, None, workers=settings.workers)
        unlocked = replace(settings, password=None)

        def parsed(reading: Reading) -> tuple[list[RawTable], Extraction]:
            trial = replace(extraction, pages=[], tables=[])
            trial.ocr = {"engine": "tesseract", "dpi": OCR_DPI,
                         "skew_degrees": {str(k): round(v, 2) for k, v in done.skews.items()},
                         "turned_degrees": {str(k): v for k, v in done.turns.items()},
                         "despeckled_pages": done.despeckled, "enlarged_pages": reading.enlarged,
                         "words_read_again": reading.reread}
            trial = parse_document(original, done.pdf, texts, unlocked, trial, reading.words)
            return trial.tables, trial

        return best_reading(original.name, readings, parsed, load_vocabulary(settings.vocab_path))


def id_words(words: list[dict[str, Any]], confusables: dict[str, str]) -> list[str]:
    """The first words, cleaned as IDs are, of a page's lines that start with one (``NZ1``, ``1.2``): its
    rows, counted apart from the tables, so that rows no table gave are never lost without a word."""
    return [clean_id(line[0]["text"], confusables) for line in group_lines(words)
            if line and looks_like_id(line[0]["text"], confusables)]


def id_lines(words: list[dict[str, Any]], confusables: dict[str, str]) -> int:
    """How many of a page's lines start with an action ID."""
    return len(id_words(words, confusables))


def parse_document(original: Path, path: Path, texts: list[PageText], settings: ExtractSettings,
                   extraction: Extraction, ocr_words: list[OcrWord] | None = None) -> Extraction:
    """Select the pages with action-table headers in ``path`` (the PDF, or its OCR'd copy) and parse them."""
    vocabulary = load_vocabulary(settings.vocab_path)
    candidates = select_pages(texts, vocabulary.headers, settings.min_header_hits)
    log.info("%s: %d pages, %d with action-table headers", original.name, len(texts), len(candidates))
    if not candidates:
        raise InputError(f"no action table found on any of its {len(texts)} pages "
                         "(no page has an action table's header words): is this the action-plan appendix?")
    # Only the candidate pages are loaded (a 500-page pack's other pages are never parsed), and the page
    # before each, which can hold the heading of a table the page break moved on, and the page after each,
    # which can continue a table with no header of its own (or one OCR'd past recognition).
    context = sorted(set(candidates) | {n - 1 for n in candidates if n > 1 and texts[n - 2].has_text}
                     | {n + 1 for n in candidates if n < len(texts) and texts[n].has_text})
    with Pages(path, context, settings.password, ocr_layer=bool(extraction.ocr), ocr_words=ocr_words) as pages:
        if extraction.ocr:
            # A scanned page beside a candidate whose header OCR could not read (small print on a dark
            # band), its rows read: lines that start with IDs. Parsed as a candidate; its header cells are
            # read again one by one (cell_ocr), and a table still not read is flagged (table-unread).
            rows_read = [n for n in context if n not in candidates
                         and id_lines(pages.words(n), vocabulary.confusables) >= MIN_ID_LINES]
            if rows_read:
                log.info("%s: pages %s read as candidates: rows start with IDs under a header OCR lost",
                         original.name, rows_read)
                candidates = sorted(candidates + rows_read)
        if settings.flavor == "auto":
            scanned = {p.number for p in texts if p.has_images}
            extraction.tables = parse_auto(path, candidates, scanned, settings, pages)
        else:
            extraction.tables = get_parser(settings.flavor)(path, candidates, settings, pages)
        header_wordings = frozenset(" ".join(v.split()).casefold()
                                    for vs in vocabulary.headers.variants.values() for v in vs)
        assign_titles(extraction.tables, pages, settings.header_band, header_wordings, settings.footer_band)
        scanned_words = {t.page: pages.words(t.page) for t in extraction.tables if texts[t.page - 1].has_images}
        # A scanned page after a table's, no table read from it: its lines laid out as that table's rows.
        parsed = {t.page for t in extraction.tables}
        lasts = {t.page: t for t in extraction.tables}  # each page's last table (tables are in page order)
        for p in texts:
            label = ""
            if p.number in candidates:
                page = pages[p.number]
                label = footer_label(pages.words(p.number), float(page.height), settings.footer_band)
            candidate = p.number in candidates
            # Also the pages either side of a table's (loaded for their headings and continuations): a page
            # can be passed over for a header OCR'd past recognition, or none printed, its rows with it.
            ids = id_words(pages.words(p.number), vocabulary.confusables) if p.number in context else []
            previous = lasts.get(p.number - 1)
            unparsed = rows_on_next_page(previous, pages.words(p.number),
                                         lambda t: looks_like_id(t, vocabulary.confusables),
                                         header_labels_read([previous], vocabulary.headers) >= MIN_HEADER_LABELS) \
                if extraction.ocr and previous is not None and p.number in context and p.number not in parsed else 0
            extraction.pages.append(PageInfo(p.number, label, p.rotation, p.has_text, candidate,
                                             candidate and pages.overprinted(p.number), len(ids), ";".join(ids),
                                             unparsed))
    # A scanned page carries its shading only in the image, and small print OCR missed may be read there.
    scanned_pages = {p.number for p in texts if p.has_images}
    if scanned_pages:
        from .inked_readings import inked_readings
        from .pixels import fills_from_image

        fills_from_image(path, extraction.tables, scanned_pages, settings.password)
        inked_readings(path, extraction.tables, scanned_words, settings.password)
    if ocr_words:
        words_to_cell_confidence(extraction.tables, ocr_words)
    if scanned_pages:
        from .cell_ocr import reread_cells

        reread = reread_cells(path, extraction.tables, scanned_pages, settings.password,
                              partial(is_header_label, vocabulary=vocabulary.headers))
        if reread:
            extraction.ocr["cells_read_again"] = reread
    log.info("%s: %d tables parsed", original.name, len(extraction.tables))
    return extraction
