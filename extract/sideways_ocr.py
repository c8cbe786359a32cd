"""Year labels set sideways in a scanned header (turned 90° in narrow Gantt columns) → words, read again
with the picture turned. Tesseract reads a page upright and makes specks of text that runs up the page
(``NANA oooc$cs`` for ``2024-25 2025-26``), so a scan's Gantt would lose every year. Under a Gantt's label
(``Delivery Period``) on a page where no year was read, the band is OCR'd again turned a quarter each way;
the financial years read there with confidence replace the specks."""
from __future__ import annotations

import logging
import subprocess
from dataclasses import dataclass, replace
from pathlib import Path

from PIL import Image

from normalise.headers import year_label

from .ocr_words import OcrWord, boxes_overlap, tsv_to_words

log = logging.getLogger(__name__)

BAND_HEIGHT = 110.0  # points under a Gantt's label searched for its sideways years (a label of ``FY2025/26``)
MIN_CONFIDENCE = 70.0  # a year read sideways with less is no better than the specks it would replace
PSM_SPARSE = "11"  # labels scattered over the band, not lines of text


@dataclass(frozen=True)
class HeaderWords:
    """The first words of a header's labels, casefolded: of a Gantt's (``delivery``), under which years are
    set, and of the other columns' (``action``, ``from``), on whose line a Gantt with no label of its own
    sets them; and every word of every label (``words``), which a header line read again may add."""

    gantt: frozenset[str]
    others: frozenset[str] = frozenset()
    words: frozenset[str] = frozenset()


MAX_BANDS = 2  # Gantt labels' bands on a page: a page prints a table or two
MIN_HEADER_WORDS = 3  # labels on one line that make it a table's header, not prose


def is_label_word(word: OcrWord, labels: frozenset[str]) -> bool:
    # Capitalised, as a header prints its labels: the same word in an action's text ("a programme of
    # works") is no label, and would cost two more OCR runs.
    return word.text[:1].isupper() and word.text.casefold().strip(":") in labels


def label_bands(words: list[OcrWord], labels: HeaderWords, page_width: float
                ) -> list[tuple[float, float, float, float]]:
    """Where a page's sideways years would be: under each word that starts a Gantt label (``delivery``),
    from just left of it to the page's right edge; and along each header line of other labels that no such
    band covers (``Theme``, ``Action``, ``From``: years in narrow columns of their own, "24/25", with no
    label over them), across the page. None on a page that has read a year already."""
    if any(year_label(w.text) for w in words):
        return []
    bands = []
    for w in words:
        if is_label_word(w, labels.gantt):
            height = w.bottom - w.top
            bands.append((max(0.0, w.x0 - 2 * height), w.bottom, page_width, w.bottom + BAND_HEIGHT))
    for line in header_lines(words, labels.others):
        height = max(w.bottom - w.top for w in line)
        top = min(w.top for w in line)
        # A Gantt label on the header's line, or in the band under it, has its band already.
        if not any(b[1] - BAND_HEIGHT / 2 <= top <= b[3] for b in bands[:MAX_BANDS]):
            bands.append((0.0, max(0.0, top - height), page_width, top + BAND_HEIGHT))
    return bands[:MAX_BANDS + 1]  # a page prints a table or two: a word in prose must not cost more


def header_lines(words: list[OcrWord], labels: frozenset[str]) -> list[list[OcrWord]]:
    """The lines of a page holding MIN_HEADER_WORDS label words or more, top first."""
    found = sorted((w for w in words if is_label_word(w, labels)), key=lambda w: w.top)
    lines: list[list[OcrWord]] = []
    for w in found:
        if lines and abs(w.top - lines[-1][0].top) < 0.5 * (w.bottom - w.top):
            lines[-1].append(w)
        else:
            lines.append([w])
    return [line for line in lines if len(line) >= MIN_HEADER_WORDS]


def band_to_years(picture: Path, band: tuple[float, float, float, float], dpi: int, binary: str,
                  folder: Path, page: int) -> list[OcrWord]:
    """The years tesseract reads in ``band`` (points, top-left origin) of the page's picture turned a
    quarter clockwise (text that runs up the page) and anticlockwise (down it), as sideways words in the
    page's own frame."""
    scale = dpi / 72
    with Image.open(picture) as image:
        box = tuple(int(v * scale) for v in band)
        crop = image.crop((box[0], box[1], min(box[2], image.width), min(box[3], image.height)))
    found: list[OcrWord] = []
    for turn in (-90, 90):
        turned = crop.rotate(turn, expand=True)
        stem = folder / f"sideways-{page}-{'cw' if turn < 0 else 'ccw'}"
        turned.save(stem.with_suffix(".png"), dpi=(dpi, dpi))
        result = subprocess.run([binary, str(stem.with_suffix(".png")), str(stem), "--psm", PSM_SPARSE, "tsv"],
                                capture_output=True, text=True, timeout=120)
        if result.returncode != 0 or not stem.with_suffix(".tsv").exists():
            continue
        for w in tsv_to_words(stem.with_suffix(".tsv"), [page], dpi):
            if w.confidence >= MIN_CONFIDENCE and year_label(w.text):
                found.append(turned_back(w, turn, crop.width / scale, crop.height / scale, band))
    return found


def turned_back(word: OcrWord, turn: int, width: float, height: float, band: tuple[float, float, float, float]
                ) -> OcrWord:
    """A word read in the crop turned by ``turn`` degrees (PIL's sense: positive is anticlockwise), in
    points, → its box on the page, marked sideways."""
    if turn < 0:  # turned clockwise: the crop's left edge became the top
        x0, x1 = word.top, word.bottom
        top, bottom = height - word.x1, height - word.x0
    else:  # turned anticlockwise: the crop's right edge became the top
        x0, x1 = width - word.bottom, width - word.top
        top, bottom = word.x0, word.x1
    return replace(word, x0=band[0] + x0, x1=band[0] + x1, top=band[1] + top, bottom=band[1] + bottom,
                   upright=False)


def read_sideways_years(words: list[OcrWord], pictures: list[Path], labels: HeaderWords, dpi: int, binary: str,
                        folder: Path, pages: list[int] | None = None) -> list[OcrWord]:
    """``words`` with the sideways years of each of ``pages`` (all where None) read again (``pictures[i]`` is
    page i + 1 as OCR'd, at ``dpi``), and the upright specks they lie over dropped."""
    out = list(words)
    for page in pages if pages is not None else range(1, len(pictures) + 1):
        picture = pictures[page - 1]
        on_page = [w for w in out if w.page == page]
        years: list[OcrWord] = []
        with Image.open(picture) as image:
            width = image.width * 72 / dpi
        for band in label_bands(on_page, labels, width):
            years += [y for y in band_to_years(picture, band, dpi, binary, folder, page)
                      if not any(boxes_overlap(y, other) for other in years)]
        if years:
            log.info("page %d: %d year labels read sideways", page, len(years))
            out = [w for w in out if not any(boxes_overlap(w, y) for y in years)] + years
    return out
