"""Words OCR joined with a hyphen whose ink holds no hyphen's bar (a speck between two words) are put in
doubt; a printed compound keeps its reading and its confidence."""
from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from pictures import FONT
from PIL import Image, ImageDraw, ImageFilter, ImageFont

from extract.hyphen_ink import HYPHENATED, has_bar, hyphens_without_bars
from extract.letter_heights import SHAPE_GUESS
from extract.ocr_words import OcrWord
from extract.unsure_words import word_pixels

DPI = 200
SCALE = DPI / 72


def line_picture(path: Path, words: list[str], speck_after: int | None = None, blur: float = 0.6) -> list[float]:
    """A scanned line of 9-point words at DPI, saved to ``path``; a speck (a dot a third of a point across)
    in the space after word ``speck_after``, at a hyphen's height. Returns each word's left and right in
    points."""
    image = Image.new("L", (int(400 * SCALE), int(30 * SCALE)), 235)  # a photocopy's grey paper
    draw = ImageDraw.Draw(image)
    font = ImageFont.truetype(str(FONT), int(9 * SCALE))
    x, edges = 10.0, []
    for k, text in enumerate(words):
        draw.text((x * SCALE, 10 * SCALE), text, fill=20, font=font)
        width = draw.textlength(text, font=font) / SCALE
        edges += [x, x + width]
        if k == speck_after:
            cx, cy = (x + width + 1.2) * SCALE, 15.8 * SCALE
            draw.ellipse((cx - 0.4 * SCALE, cy - 0.4 * SCALE, cx + 0.4 * SCALE, cy + 0.4 * SCALE), fill=40)
        x += width + 2.5
    image.filter(ImageFilter.GaussianBlur(blur)).save(path)
    return edges


def ocr_word(text: str, x0: float, x1: float, confidence: float = 96.0) -> OcrWord:
    return OcrWord(1, x0, 8.0, x1, 22.0, confidence, text)


def test_a_compound_printed_with_its_hyphen_shows_the_bar(tmp_path: Path) -> None:
    edges = line_picture(tmp_path / "p.png", ["on-street", "evidence-led"])
    grey = np.asarray(Image.open(tmp_path / "p.png").convert("L"))
    assert has_bar(word_pixels(grey, ocr_word("on-street", edges[0], edges[1]), SCALE))
    assert has_bar(word_pixels(grey, ocr_word("evidence-led", edges[2], edges[3]), SCALE))


def test_a_speck_read_as_a_hyphen_between_two_words_puts_them_in_doubt(tmp_path: Path) -> None:
    edges = line_picture(tmp_path / "p.png", ["Review", "energy", "on-street"], speck_after=0)
    joined = ocr_word("Review-energy", edges[0], edges[3])  # one word over both, and the speck
    compound = ocr_word("on-street", edges[4], edges[5])
    assert not has_bar(word_pixels(np.asarray(Image.open(tmp_path / "p.png").convert("L")), joined, SCALE))
    words, read = hyphens_without_bars([joined, compound], [tmp_path / "p.png"], DPI)
    assert [(w.text, w.confidence) for w in words] == [("Review-energy", SHAPE_GUESS), ("on-street", 96.0)]
    assert read == [{"page": 1, "x0": round(joined.x0, 1), "top": 8.0, "text": "Review-energy",
                     "before": "Review-energy", "confidence": SHAPE_GUESS, "by": "hyphen's ink"}]


@pytest.mark.parametrize("text, joined", [
    ("Review-energy", True), ("(low-carbon", True), ("last-mile.", True),
    ("2025-26", False), ("Apr-25", False), ("-energy", False), ("a-b", False), ("Review", False),
])
def test_only_two_words_letters_joined_by_a_hyphen_are_looked_at(text: str, joined: bool) -> None:
    assert bool(HYPHENATED.fullmatch(text)) is joined
