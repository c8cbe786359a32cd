"""Words OCR read with a hyphen between two words' letters, whose ink holds no hyphen → the same words in
doubt. A speck of the scan between two words, at the height of a hyphen, is read as one and the words
joined ("Review-energy" at 96 for "Review energy"); nothing in the reading tells it from a compound
("on-street"). The ink does: a hyphen is a bar, standing alone, several times as wide as it is thick; a
speck is a dot. Where the word's cut-out holds no such bar, its reading is kept (the hyphen's bar can also
have run into a letter beside it in a blurred scan) but its confidence is put below normalise's, so the
field it stands in is flagged for review."""
from __future__ import annotations

import logging
import re
from dataclasses import replace
from pathlib import Path

import numpy as np
from PIL import Image

from .inked_readings import ink_pieces, is_bar
from .letter_heights import SHAPE_GUESS
from .ocr_words import OcrWord, word_read_again
from .unsure_words import word_pixels

log = logging.getLogger(__name__)
HYPHENATED = re.compile(r"[(\"'‘]?[^\W\d_]{2,}-[^\W\d_]{2,}[.,;:)\"'’]?")


def has_bar(pixels: np.ndarray) -> bool:
    """Whether a word's cut-out (grey, its line's height) holds a hyphen's bar: a piece of ink touching no
    other, nor the cut-out's top or bottom, that is a bar (``inked_readings.is_bar``)."""
    if pixels.size == 0:
        return False
    return any(is_bar(p, pixels.shape[0]) for p in ink_pieces(pixels, 1, right_side=True))


def hyphens_without_bars(words: list[OcrWord], pictures: list[Path], dpi: int, pages: list[int] | None = None
                         ) -> tuple[list[OcrWord], list[dict[str, object]]]:
    """``words`` with each upright one on ``pages`` (all where None) that reads two words' letters joined by
    a hyphen, whose cut-out holds no hyphen's bar (``has_bar``), put in doubt (SHAPE_GUESS); and what was put
    in doubt where (for the manifest)."""
    scale = dpi / 72
    numbers = set(pages) if pages is not None else set(range(1, len(pictures) + 1))
    doubted: dict[tuple[int, float, float], OcrWord] = {}
    read: list[dict[str, object]] = []
    for number in sorted(numbers):
        joined = [w for w in words if w.page == number and w.upright and w.confidence > SHAPE_GUESS
                  and HYPHENATED.fullmatch(w.text)]
        if not joined:
            continue
        with Image.open(pictures[number - 1]) as image:
            grey = np.asarray(image.convert("L"))
        for word in joined:
            if not has_bar(word_pixels(grey, word, scale)):
                doubted[(word.page, word.top, word.x0)] = replace(word, confidence=SHAPE_GUESS)
                read.append(word_read_again(word, word.text, SHAPE_GUESS, by="hyphen's ink"))
    if read:
        log.info("%d words read with a hyphen their ink does not hold: in doubt", len(read))
    return [doubted.get((w.page, w.top, w.x0), w) for w in words], read
