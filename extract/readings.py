"""A scan's OCR readings → the words the tables are parsed from. The first reading (every page at 300 dpi)
is completed: its unsure words read again alone (extract/unsure_words.py), words whose ink's height
cannot hold their reading read as it can (extract/letter_heights.py), words joined by a hyphen their ink
does not hold put in doubt (extract/hyphen_ink.py), a second, sparse reading of the
ink it left unread (extract/unread_ink.py), the years set sideways under a Gantt's label
(extract/sideways_ocr.py), the labels a header line lost (extract/header_ocr.py). Pages of tiny print are
read once more, enlarged (extract/tiny_print.py), into a second reading: both are parsed, and the one whose
tables hold more is kept (``best_reading``), since enlarging reads some scans better and others worse, and
nothing in the words alone tells which."""
from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TypeVar

from normalise.ids import clean_id, looks_like_id
from normalise.vocabulary import Vocabulary

from .header_labels import header_labels_in
from .header_ocr import read_header_lines
from .hyphen_ink import hyphens_without_bars
from .letter_heights import read_by_heights
from .model import RawTable
from .ocr import OcrPages
from .ocr_words import OcrWord
from .sideways_ocr import HeaderWords, read_sideways_years
from .tiny_print import ENLARGE, enlarged_picture, first_words_kept, large_type_kept, read_enlarged, tiny_pages
from .unread_ink import read_unread_ink
from .unsure_words import reread_unsure_words

log = logging.getLogger(__name__)
T = TypeVar("T")
HEADER_ROWS = 3  # a table's rows searched for its header labels
LABELS_KEPT = 0.8  # the share of another reading's header labels a reading must hold to win on confidence


@dataclass
class Reading:
    """One reading of a scan's pages."""

    enlarged: list[int]  # the pages read at a higher resolution (tiny print)
    words: list[OcrWord]  # every page's words
    reread: list[dict[str, object]] = field(default_factory=list)  # unsure words read again, where replaced


def completed(reading: Reading, pictures: list[Path], labels: HeaderWords, dpi: int, binary: str, folder: Path,
              pages: list[int] | None = None) -> Reading:
    """``reading`` with its unsure words read again alone, and what the sparse reading, the sideways years
    and the header lines read again add, on ``pages`` (all where None), from ``pictures`` (page i + 1 at
    index i, at ``dpi``)."""
    words, reread = reread_unsure_words(reading.words, pictures, dpi, binary, folder, pages)
    words, by_height = read_by_heights(words, pages)
    words, barless = hyphens_without_bars(words, pictures, dpi, pages)
    words = read_unread_ink(words, pictures, dpi, binary, folder, pages)
    words = read_sideways_years(words, pictures, labels, dpi, binary, folder, pages)
    words = read_header_lines(words, pictures, labels, dpi, binary, folder, pages)
    return Reading(reading.enlarged, words, reading.reread + reread + by_height + barless)


def ocr_readings(path: Path, password: str | None, done: OcrPages, labels: HeaderWords, dpi: int, binary: str,
                 folder: Path) -> list[Reading]:
    """The readings of a scan: the first, completed; and, where some pages are tiny print, one with those
    pages' words read enlarged."""
    first = completed(Reading([], done.words), done.pictures, labels, dpi, binary, folder)
    tiny = tiny_pages(done.words, list(range(1, len(done.pictures) + 1)))
    if not tiny:
        return [first]
    enlarged = read_enlarged(path, password, done, tiny, binary, folder)
    if enlarged is None:
        return [first]
    log.info("pages %s: tiny print, read again enlarged", ", ".join(map(str, tiny)))
    others = Reading(tiny, [w for w in first.words if w.page not in tiny] + large_type_kept(done.words, enlarged, tiny),
                     [r for r in first.reread if r["page"] not in tiny])
    # Completed from the enlarged pictures: tiny print the layout lost, or read unsure, is as hard to read
    # again at the first resolution (a line read at 18 sparse there, at 94 enlarged).
    pictures = list(done.pictures)
    for number in tiny:
        pictures[number - 1] = enlarged_picture(folder, number)
    second = completed(others, pictures, labels, ENLARGE * dpi, binary, folder, tiny)
    return [first, replace(second, words=first_words_kept(first.words, second.words, tiny, dpi))]


@dataclass(frozen=True)
class Held:
    """What a reading's tables hold."""

    ids: int  # distinct action IDs in their cells
    labels: int  # header labels in their first HEADER_ROWS rows
    confidence: float  # the mean of their OCR'd cells' confidences (each its least sure word's)
    pieces: int = 0  # tables that hold no action ID: a header or a row cut off its table


def tables_held(tables: list[RawTable], vocabulary: Vocabulary) -> Held:
    """What ``tables`` hold: their distinct action IDs, header labels and how sure their cells were read."""
    ids = {clean_id(c.text, vocabulary.confusables) for t in tables for c in t.cells
           if looks_like_id(c.text, vocabulary.confusables)}
    labels = sum(header_labels_in(t, vocabulary.headers, HEADER_ROWS) for t in tables)
    sure = [c.confidence for t in tables for c in t.cells if c.confidence >= 0]
    pieces = sum(1 for t in tables if not any(looks_like_id(c.text, vocabulary.confusables) for c in t.cells))
    return Held(len(ids), labels, sum(sure) / len(sure) if sure else 0.0, pieces)


def holds_more(other: Held, than: Held) -> bool:
    """Whether a reading that holds ``other`` read more than one that holds ``than``: more action IDs; or
    as many in fewer pieces (tables that hold none: a header cut off its table, its labels counted twice);
    or as many in as many pieces, with nearly as many header labels (fewer than LABELS_KEPT of them: a
    header read in pieces, its table's columns lost) and its cells read surer. (Surer cells alone decide
    little: read enlarged, every cell reads surer.)"""
    if other.ids != than.ids:
        return other.ids > than.ids
    if other.pieces != than.pieces:
        return other.pieces < than.pieces
    return other.labels >= LABELS_KEPT * than.labels and other.confidence > than.confidence


def best_reading(name: str, readings: list[Reading], parse: Callable[[Reading], tuple[list[RawTable], T]],
                 vocabulary: Vocabulary) -> T:
    """What ``parse`` makes of the reading whose tables hold most: the first, unless another holds more."""
    chosen: tuple[Held, T] | None = None
    for reading in readings:
        tables, result = parse(reading)
        held = tables_held(tables, vocabulary)
        log.info("%s: read with pages %s enlarged, the tables hold %d IDs (%d tables none) and %d header labels, "
                 "cells %.1f sure", name, reading.enlarged or "none", held.ids, held.pieces, held.labels,
                 held.confidence)
        if chosen is None or holds_more(held, chosen[0]):
            chosen = (held, result)
    if chosen is None:
        raise ValueError("no reading to parse")
    return chosen[1]
