"""Fast text pass → the pages worth parsing: those whose text holds an action table's header words."""
from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pdfplumber
import pypdfium2 as pdfium

from normalise.vocabulary import HeaderVocabulary

from .document import PageText
from .grid import Segment
from .ocr_words import OcrWord
from .page_objects import PdfiumPage, chars_to_words
from .vertical import sideways_chars_to_words

YEAR_RANGE = re.compile(r"\b20\d{2}\s*[-–/]\s*(?:20)?\d{2}\b")
RUN_TOGETHER_YEAR = re.compile(r"20(\d{2})[-–/](?:20)?(\d{2})")  # "2026-272027-28": labels with no breaks
WORD = re.compile(r"[a-z]+")


def names_a_year_range(text: str) -> bool:
    """Whether a page's text holds a financial year (``2025-26``), with word breaks or, where a producer
    wrote a glyph per line, as consecutive years run together."""
    if YEAR_RANGE.search(text):
        return True
    compact = re.sub(r"\s+", "", text)
    return any((int(m.group(1)) + 1) % 100 == int(m.group(2)) for m in RUN_TOGETHER_YEAR.finditer(compact))


def header_hits(text: str, vocabulary: HeaderVocabulary) -> int:
    """How many distinct header roles a page's text names (a year range counts as one)."""
    words = set(WORD.findall(text.casefold()))
    # Some producers' text comes out a glyph per line: the letters run together still hold the wordings.
    compact = "".join(WORD.findall(text.casefold()))
    roles = {role for role, variant_words in vocabulary.word_sets if variant_words <= words}
    roles |= {role for role, letters in vocabulary.compact_variants if letters in compact}
    return len(roles) + (1 if names_a_year_range(text) else 0)


def enough_header_hits(text: str, vocabulary: HeaderVocabulary, min_hits: int) -> bool:
    """Whether a page's text names enough header roles to be a candidate (picklable with ``partial``)."""
    return header_hits(text, vocabulary) >= min_hits


def select_pages(pages: list[PageText], vocabulary: HeaderVocabulary, min_hits: int) -> list[int]:
    """Pages whose text names enough header roles; and a page right after one of them that names some
    (a table's continuation repeats its header, which a text layer written a glyph at a time can hide)."""
    hits = [header_hits(p.text, vocabulary) if p.has_text else 0 for p in pages]
    chosen = [hits[k] >= min_hits for k in range(len(pages))]
    for k in range(1, len(pages)):
        if chosen[k - 1] and not chosen[k] and hits[k] >= 2:
            chosen[k] = True
    return [p.number for p, keep in zip(pages, chosen) if keep]


def ocr_word_to_word(word: OcrWord) -> dict[str, Any]:
    """A tesseract word as a word of the page (the keys pdfplumber's words have)."""
    return {"text": word.text, "x0": word.x0, "x1": word.x1, "top": word.top, "bottom": word.bottom,
            "doctop": word.top, "upright": word.upright, "fontname": "", "size": word.bottom - word.top,
            "ink": word.ink}


class Pages:
    """The candidate pages by their 1-based number, each with its words, lines, rects and curves.

    Read with pypdfium2 (``page_objects``); a page with a /Rotate or tilted text is read with pdfplumber,
    opened on those pages only, so a 500-page pack's other pages are never parsed."""

    def __init__(self, path: Path, numbers: list[int], password: str | None = None, ocr_layer: bool = False,
                 ocr_words: list[OcrWord] | None = None):
        self.document = pdfium.PdfDocument(str(path), password=password)
        self.path, self.password = path, password
        # The text layer is tesseract's, made by the OCR stage: its lines run across a table's columns
        # (one scanned line, "S1 Energy support …"), so cells take their text from the words' positions.
        self.ocr_layer = ocr_layer or bool(ocr_words)
        # Tesseract's own words where the OCR stage kept them: its PDF gives each word its own baseline and
        # size, so neighbouring words' letters interleave when read back as characters ("Busiannd eEsconsom
        # y" for "Business and Economy" on one line).
        self.ocr_words: dict[int, list[dict[str, Any]]] = {}
        for word in ocr_words or []:
            self.ocr_words.setdefault(word.page, []).append(ocr_word_to_word(word))
        self.by_number: dict[int, Any] = {}
        fallback = []
        for number in numbers:
            page = self.document[number - 1]
            read = PdfiumPage(page) if page.get_rotation() == 0 else None
            if read is None or read.tilted:
                fallback.append(number)
            else:
                self.by_number[number] = read
            page.close()
        self.plumber = pdfplumber.open(str(path), password=password or "", pages=fallback) if fallback else None
        if self.plumber is not None:
            self.by_number.update({int(p.page_number): p for p in self.plumber.pages})
        self.cached_words: dict[int, list[dict[str, Any]]] = {}
        self.cached_rules: dict[tuple[int, int], tuple[list[Segment], list[Segment]]] = {}

    def __getitem__(self, number: int) -> Any:
        return self.by_number[number]

    def words(self, number: int) -> list[dict[str, Any]]:
        """The page's words (with font name and size), extracted once: every step reads the same words."""
        if number not in self.cached_words and number in self.ocr_words:
            self.cached_words[number] = self.ocr_words[number]
        if number not in self.cached_words:
            page = self.by_number[number]
            # Tesseract writes a space between every two words and spreads a word's letters over its
            # box, so in its text layer a gap inside a word is no word's end: words end at spaces only.
            if isinstance(page, PdfiumPage):
                self.cached_words[number] = chars_to_words(page.chars) if self.ocr_layer else page.words()
            else:
                # A rotated page's glyph sizes carry float noise (8.0 and 7.99999…): a change of size that
                # small is no change of font, and would end a word inside it.
                chars = [dict(c, size=round(float(c["size"]), 2)) for c in page.chars if c.get("upright", True)]
                upright = chars_to_words(chars, spaceless=not self.ocr_layer)
                sideways = sideways_chars_to_words([c for c in page.chars if not c.get("upright", True)])
                self.cached_words[number] = upright + sideways
        return self.cached_words[number]

    def raster_rules(self, number: int, line_scale: int) -> tuple[list[Segment], list[Segment]]:
        """The (horizontal, vertical) rules in page ``number``'s rendered image (``raster_rules``), found
        once: the lattice and the words parser both look for a scan's rules."""
        if (number, line_scale) not in self.cached_rules:
            from .raster_rules import page_segments  # a scan's picture work: loaded only for one

            self.cached_rules[(number, line_scale)] = page_segments(
                self.path, number, float(self.by_number[number].height), self.password, line_scale)
        return self.cached_rules[(number, line_scale)]

    def with_image_rules(self, number: int, line_scale: int) -> RuledImage:
        """Page ``number`` with the horizontal rules of its image among its lines: a scan's rules are
        pixels, and the words parser cuts rows and ends tables at rules."""
        horizontal, _ = self.raster_rules(number, line_scale)
        return RuledImage(self.by_number[number], segments_to_lines(horizontal, float(self.by_number[number].height)))

    def overprinted(self, number: int) -> bool:
        """Whether most of the page's text is drawn twice on the same spots (its cells' text then comes
        from camelot with every line doubled; normalise collapses it, logged)."""
        page = self.by_number[number]
        dropped = getattr(page, "overprinted_chars", 0)
        return dropped > 0 and dropped >= 0.3 * (len(page.chars) + dropped)

    def close(self) -> None:
        if self.plumber is not None:
            self.plumber.close()
        self.document.close()

    def __enter__(self) -> Pages:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def segments_to_lines(horizontal: list[Segment], page_height: float) -> list[dict[str, Any]]:
    """Horizontal rules (PDF points, y upwards) → lines as a page's drawn lines are listed (top-left origin)."""
    return [{"x0": min(x0, x1), "x1": max(x0, x1), "top": page_height - y0, "bottom": page_height - y0}
            for x0, y0, x1, _ in horizontal]


class RuledImage:
    """A scanned page as its drawn lines are read: the page's own, and ``image_lines``, the rules read from
    its pixels; everything else is the page's."""

    def __init__(self, page: Any, image_lines: list[dict[str, Any]]):
        self.page = page
        self.lines = list(page.lines) + image_lines

    def __getattr__(self, name: str) -> Any:
        return getattr(self.page, name)


def page_label(text_lines: list[str]) -> str:
    """The printed page number from footer lines: ``205`` or ``Page 5`` → ``5``."""
    for line in reversed(text_lines):
        m = re.fullmatch(r"(?:page\s+)?(\d{1,4})(?:\s+of\s+\d+)?", line.strip(), flags=re.IGNORECASE)
        if m:
            return m.group(1)
    return ""
