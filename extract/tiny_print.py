"""Pages of tiny print (a wide table shrunk to fit its page) → their words read again at twice the resolution.
At 300 dpi a line of 4.5-point type is 19 pixels tall, its small letters 8: too few for tesseract, which loses
the stop in "1.1", reads "C1" as "cl" and a header's labels in pieces. Which pages are tiny is told by the
first reading's own lines, not by the ink: a coarse scan's letters blur into blobs of any size. Enlarging
does not always read better (it magnifies a coarse scan's noise too): the caller keeps whichever reading
parses into more (extract/readings.py)."""
from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING

import pypdfium2 as pdfium

from .ocr_words import OcrWord, usual_line_height

if TYPE_CHECKING:
    from .ocr import OcrPages

log = logging.getLogger(__name__)

TINY_LINE = 5.5  # points: a page whose usual line of words is shorter is read again, enlarged
ENLARGE = 2  # times the OCR resolution
MIN_LETTERS = 4  # the words whose lines are measured: real words, not specks or marks read as letters
# Type this many times the page's usual line (a plan's title, a heading) is read at the first resolution:
# enlarged, its strokes outgrow what tesseract reads best ("Reduction" read "Heduction", a speck a hyphen).
LARGE_TYPE = 1.5
# A tall box is large type only where it reads as a word: letters read this surely. A band shaded dark
# (a header row, a section row) is read as tall blobs ("=", "eee" at 37) that reach over the rows beside
# it; kept as large type, they hid every enlarged word across the table's top (seed 18's header, its
# section row and its first row's first line).
LARGE_LETTERS = 2
LARGE_SURE = 50.0


def print_line_height(words: list[OcrWord]) -> float:
    """The median height of the lines the words of MIN_LETTERS letters or more stand on (0.0 where none)."""
    return usual_line_height(words, MIN_LETTERS)


def tiny_pages(words: list[OcrWord], pages: list[int]) -> list[int]:
    """The pages whose print, as first read, stands on lines under TINY_LINE points."""
    return [p for p in pages if 0 < print_line_height([w for w in words if w.page == p]) < TINY_LINE]


def enlarged_picture(folder: Path, number: int) -> Path:
    """Where page ``number``'s enlarged picture is kept, for the reading that completes it."""
    return folder / f"enlarged-{number:05d}.png"


def read_enlarged(path: Path, password: str | None, done: OcrPages, pages: list[int], binary: str,
                  folder: Path) -> list[OcrWord] | None:
    """The words of ``pages`` read from the PDF rendered at ENLARGE times the OCR resolution (turned,
    cleaned and straightened as the first reading's pictures were); None where tesseract failed."""
    from .ocr import OCR_DPI, OCR_PSM, cleaned, pictures_to_words
    from .scan_image import turn_upright

    dpi = ENLARGE * OCR_DPI
    pdf = pdfium.PdfDocument(str(path), password=password)
    pictures = []
    try:
        for number in pages:
            image = pdf[number - 1].render(scale=dpi / 72, grayscale=True).to_pil().convert("L")
            if done.turns.get(number):
                image = turn_upright(image, done.turns[number])
            image = cleaned(image, dpi, number in done.despeckled, done.skews.get(number, 0.0))
            pictures.append(enlarged_picture(folder, number))
            image.save(pictures[-1], dpi=(dpi, dpi))
    finally:
        pdf.close()
    return pictures_to_words(binary, pictures, folder / "enlarged", OCR_PSM, pages, dpi,
                             f"tiny print could not be read enlarged: read at {OCR_DPI} dpi only")




def is_printed_word(word: OcrWord) -> bool:
    """Whether a word read is print, not a blob: LARGE_LETTERS letters or more, read LARGE_SURE or surer."""
    return sum(ch.isalpha() for ch in word.text) >= LARGE_LETTERS and word.confidence >= LARGE_SURE


FIRST_SURE = 80.0  # a first reading's word this sure, where the enlarged reading read nothing, is kept
FIRST_CHARACTERS = 3  # letters or digits it must hold: a shorter one ("we") is as likely a speck's reading
NEARBY = 6.0  # line heights within which the enlarged reading's same word is the same word


def first_words_kept(first: list[OcrWord], completed: list[OcrWord], pages: list[int], dpi: int) -> list[OcrWord]:
    """The words of ``pages`` the first reading read sure (FIRST_SURE) and whole where the enlarged reading,
    completed, read nothing (a small "Partners" the enlarged layout lost): added to ``completed``."""
    from .unread_ink import is_whole_word

    kept = list(completed)
    for page in pages:
        read = [w for w in completed if w.page == page]
        kept += [w for w in first if w.page == page and w.confidence >= FIRST_SURE and is_whole_word(w, read, dpi)
                 and sum(ch.isalnum() for ch in w.text) >= FIRST_CHARACTERS and not read_nearby(w, read)]
    return kept


def read_nearby(word: OcrWord, read: list[OcrWord]) -> bool:
    """Whether the enlarged reading has ``word``'s text on its line within NEARBY lines' height of it: the
    same word boxed apart by the two readings ("jun 2027 2027"), not a word lost."""
    reach = NEARBY * (word.bottom - word.top)
    return any(w.text.casefold() == word.text.casefold() and w.top < word.bottom and word.top < w.bottom
               and w.x0 < word.x1 + reach and word.x0 < w.x1 + reach for w in read)


def large_type_kept(first: list[OcrWord], enlarged: list[OcrWord], pages: list[int]) -> list[OcrWord]:
    """The words of ``pages`` as read enlarged, but each line the first reading read in large type (over
    LARGE_TYPE times the page's usual line: a plan's title, a heading) as it read it, whole: the enlarged
    words across that line are dropped, so that no line is made of both readings' words, boxed apart."""
    out: list[OcrWord] = []
    for page in pages:
        on_page = [w for w in first if w.page == page]
        line = print_line_height(on_page)
        large = [w for w in on_page if line and w.bottom - w.top > LARGE_TYPE * line and is_printed_word(w)]
        spans = [(k.top, k.bottom, min(o.x0 for o in large if k.top <= (o.top + o.bottom) / 2 <= k.bottom),
                  max(o.x1 for o in large if k.top <= (o.top + o.bottom) / 2 <= k.bottom)) for k in large]
        out += large + [w for w in enlarged if w.page == page and not any(
            top <= (w.top + w.bottom) / 2 <= bottom and w.x0 < x1 and x0 < w.x1 for top, bottom, x0, x1 in spans)]
    return out
