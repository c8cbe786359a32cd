"""Words the page's OCR read unsure → read again, each on its own, enlarged. On the page, tesseract reads a
word in the context of its line and its layout, and a crisp "1.1" beside a row's text can come out "Led:"
(confidence 59), a "1.2" as "diz" (9): the row's ID is lost before any table is parsed, and the row with
it. Cut out alone, enlarged and binarised (as cell_ocr does for a table's doubtful cells, after parsing),
the same print reads "1.1" at 97. A word takes the new reading only where tesseract is far surer of it;
where the new reading is the same word, read sure, the page's reading is confirmed (its confidence the new
one's): a field built from it is no longer in doubt for it. A word of letters that cuts into common words
("Linkedtothe") is read again so too, however sure: where alone it reads as those words, sure, the spaces
the page's reading lost are print, and it becomes them."""
from __future__ import annotations

import logging
from dataclasses import replace
from pathlib import Path

import numpy as np
from PIL import Image

from normalise.glued_words import glued_splits
from normalise.hyphens import english_counts

from .cell_ocr import prepared, read_crops_inked
from .cell_sides import has_print
from .ocr_words import OcrWord, word_read_again

log = logging.getLogger(__name__)
UNSURE = 70.0  # a word read below this confidence is read again
MAX_LENGTH = 24  # characters: long runs are prose, which its line's context reads best
TOUCH = 0.3  # points: words whose boxes meet this close on one line are one run of ink
SURE = 80.0  # the confidence a new reading needs to replace the page's
GAIN = 20.0  # and the points of confidence it must gain over the page's reading
# points: a side of a word's box that lies this far or more beyond the ink of its letters read alone was
# stretched over a speck ("efficiency" boxed from 102.7 to 157.9 over a speck on its left, its letters from
# 115): the box is drawn in to the letters, or the word is put in the column to its left.
STRETCHED = 2.0


def is_unsure(word: OcrWord) -> bool:
    """A short word with a letter or digit, read below UNSURE confidence."""
    return 0 <= word.confidence < UNSURE and len(word.text) <= MAX_LENGTH and any(ch.isalnum() for ch in word.text)


def is_glued(word: OcrWord) -> bool:
    """A word of letters no English list knows that cuts into common words ("Linkedtothe", "solarheat"): its
    spaces may be print the page's reading ran together, tight-set or small; read alone, enlarged, they show."""
    letters = word.text.rstrip(".,;:")
    return letters.isalpha() and letters.casefold() not in english_counts() and bool(glued_splits(letters))


def unsure_runs(words: list[OcrWord], page: int) -> list[OcrWord]:
    """The unsure words of a page, those that touch on their line as one (tesseract boxed one run of ink as two
    words, "1" and "HF" for "1.1": their boxes overlapped, and were cut apart where the second starts) read as
    one word."""
    runs: list[list[OcrWord]] = []
    for word in (w for w in words if w.page == page):
        last = runs[-1][-1] if runs else None
        if is_unsure(word) and last is not None and is_unsure(last) and abs(word.top - last.top) < TOUCH \
                and abs(word.bottom - last.bottom) < TOUCH and 0 <= word.x0 - last.x1 < TOUCH:
            runs[-1].append(word)
        else:
            runs.append([word])
    return [replace(run[0], x1=run[-1].x1, confidence=min(w.confidence for w in run),
                    text="".join(w.text for w in run)) for run in runs if is_unsure(run[0]) or is_glued(run[0])]


def word_pixels(page: np.ndarray, word: OcrWord, scale: float) -> np.ndarray:
    """The picture of a word's box (``scale``: pixels per point): its line's height, its own ink's width,
    nothing either side (a ruling line beside a word, cut out with it, reads as a letter: "lon track")."""
    r0, r1 = int(word.top * scale), int(word.bottom * scale) + 1
    c0, c1 = int(word.x0 * scale), int(word.x1 * scale) + 1
    return page[max(r0, 0):max(r1, 0), max(c0, 0):max(c1, 0)]


def letters_and_digits(text: str) -> str:
    return "".join(ch for ch in text if ch.isalnum())


def digits(text: str) -> int:
    return sum(ch.isdigit() for ch in text)


def is_better_reading(word: OcrWord, text: str, confidence: float) -> bool:
    """Whether a word read again alone as ``text`` replaces the page's reading: one word with a letter or
    digit, read at SURE confidence or more and GAIN points surer than before. In its line's context
    tesseract turns digits into a word's letters ("1.2" into "diz", "1.1" into "NEAL"), never the other
    way: the new reading keeps every digit the page read, and only one that reads more digits may be
    shorter (by a third at most); one of letters alone is no shorter (cut out alone, a thin letter at a
    word's edge can be lost: "jun" read "un", "Complete" "te"), nor one mark for one mark (a rule's, alone,
    reads "1" as surely as "l"). The same letters and digits, a stop or a quote more or less, are no
    better reading (cut out alone, a word's last stop is read as often as not)."""
    old, new = word.text, text
    shortest = len(old) - max(1, len(old) // 3) if digits(new) > digits(old) else len(old)
    return (len(new.split()) == 1 and letters_and_digits(new) not in ("", letters_and_digits(old))
            and len(new) >= shortest and (len(old) > 1 or len(new) > 1) and digits(new) >= digits(old)
            and confidence >= max(SURE, word.confidence + GAIN))


def spaced_reading(word: OcrWord, text: str, confidence: float) -> list[OcrWord]:
    """A glued word (``is_glued``) read again alone as several English words with the same letters ("Linked to
    the" for "Linkedtothe"), read SURE: those words, the box shared out by their characters; else none. A
    word that is one (an unsure "Nature" read alone as "Natu re") stays whole."""
    parts = text.split()
    if len(parts) < 2 or confidence < SURE or "".join(parts) != word.text or not is_glued(word) \
            or not all(part.rstrip(".,;:").casefold() in english_counts() for part in parts):
        return []
    out, start, width = [], 0, (word.x1 - word.x0) / len(text)
    for part in parts:
        at = text.index(part, start)
        out.append(replace(word, x0=word.x0 + at * width, x1=word.x0 + (at + len(part)) * width, text=part,
                           confidence=round(confidence, 1)))
        start = at + len(part)
    return out


def confirms(word: OcrWord, text: str, confidence: float) -> bool:
    """Whether a word read again alone as ``text`` confirms the page's reading: the same letters and digits
    (a speck beside them aside: "|Plan" and "Plan"), read at SURE confidence or more."""
    return letters_and_digits(text) == letters_and_digits(word.text) != "" and confidence >= SURE


def inked_box(word: OcrWord, ink: tuple[float, float] | None, scale: float) -> OcrWord:
    """A word with each side of its box drawn in to its letters' ink as read alone (``ink``: their left
    and right in pixels of its cut-out, ``scale`` pixels per point) where the box reaches STRETCHED or
    more beyond it."""
    if ink is None:
        return word
    start = int(word.x0 * scale) / scale  # where word_pixels cut it out
    left, right = start + ink[0] / scale, start + ink[1] / scale
    x0 = left if left - word.x0 >= STRETCHED else word.x0
    x1 = right if word.x1 - right >= STRETCHED else word.x1
    return replace(word, x0=x0, x1=x1) if x0 < x1 else word


def reread_unsure_words(words: list[OcrWord], pictures: list[Path], dpi: int, binary: str, folder: Path,
                        pages: list[int] | None = None) -> tuple[list[OcrWord], list[dict[str, object]]]:
    """``words`` (of the pages in ``pictures``, page i + 1 at index i, as OCR'd at ``dpi``), each unsure one
    on ``pages`` (all where None) read again alone and replaced where that reads it far surer, or confirmed;
    and what was replaced or confirmed where (for the manifest: a confirmation's ``text`` is its ``before``)."""
    numbers = set(pages) if pages is not None else set(range(1, len(pictures) + 1))
    scale = dpi / 72
    found: list[OcrWord] = []
    crops: list[Image.Image] = []
    for number in sorted(numbers):
        runs = unsure_runs(words, number)
        if not runs:
            continue
        with Image.open(pictures[number - 1]) as image:
            grey = np.asarray(image.convert("L"))
        for run in runs:
            pixels = word_pixels(grey, run, scale)
            if pixels.size and has_print(pixels):
                found.append(run)
                crops.append(prepared(pixels))
    if not crops:
        return words, []
    replaced: dict[tuple[int, float, float], OcrWord] = {}  # a run's first word's place → its new reading
    spaced: dict[tuple[int, float, float], list[OcrWord]] = {}  # a glued word's place → its words
    single = {(w.page, w.top, w.x0, w.x1) for w in words}  # a run of one word has a word's box
    read: list[dict[str, object]] = []
    for run, (text, confidence, ink) in zip(found, read_crops_inked(binary, crops, folder)):
        text = " ".join(text.split())
        box = inked_box(run, ink, scale) if (run.page, run.top, run.x0, run.x1) in single else run
        if (parts := spaced_reading(run, text, confidence)) and (run.page, run.top, run.x0, run.x1) in single:
            spaced[(run.page, run.top, run.x0)] = parts
            read.append(word_read_again(run, text, confidence))
        elif is_unsure(run) and is_better_reading(run, text, confidence):
            replaced[(run.page, run.top, run.x0)] = replace(box, text=text, confidence=round(confidence, 1))
            read.append(word_read_again(run, text, confidence))
        elif is_unsure(run) and confirms(run, text, confidence) and (run.page, run.top, run.x0, run.x1) in single:
            # Two readings agree, the second sure: the page's reading stands, no longer in doubt. (A run of
            # words read as one stays as the page read it: its words may be two columns' or two labels'.)
            replaced[(run.page, run.top, run.x0)] = replace(box, confidence=round(confidence, 1))
            read.append(word_read_again(run, run.text, confidence))
    out: list[OcrWord] = []
    for word in words:
        new = replaced.get((word.page, word.top, word.x0))
        if (word.page, word.top, word.x0) in spaced:
            out += spaced[(word.page, word.top, word.x0)]
        elif new is not None:
            out.append(new)
        elif not any(r.page == word.page and r.top == word.top and r.x0 < word.x0 < r.x1 for r in replaced.values()):
            out.append(word)  # not a later piece of a run read again whole
    log.info("%d of %d unsure words read again alone, and read surer or confirmed", len(read), len(crops))
    return out, read
