"""Words whose ink's height cannot hold their reading: a capital the height of small letters is small, and
figures shorter than figures are the one English word their shapes spell."""
from __future__ import annotations

import pytest

from extract.letter_heights import (
    SHAPE_GUESS,
    figure_word_reading,
    line_heights,
    read_by_heights,
    small_capital_reading,
)
from extract.ocr_words import OcrWord

X, UP = 4.6, 6.4  # a body line's x-height and ascender height in points (scanned-rough, 150 dpi)


def word(text: str, ink: float, x0: float, top: float = 100.0, bottom: float = 108.0, confidence: float = 95.0,
         page: int = 1) -> OcrWord:
    return OcrWord(page, x0, top, x0 + 5 * len(text), bottom, confidence, text, ink=ink)


@pytest.mark.parametrize("text, ink, expected", [
    ("Cars.", 4.8, "cars."),  # a small "c" read as a capital, on a line whose capitals stand 6.4
    ("(Scope", 4.6, None),  # "p" descends: not all small letters, the height tells nothing
    ("Cars.", 6.3, None),  # a capital's height: printed so
    ("Once", 6.4, None),
    ("Sun", 6.4, None),
    ("Owners", 4.7, "owners"),
    ("CO", 4.6, None),  # capitals, not a capital and small letters
    ("Park", 4.6, None),  # "P" has no small twin of its shape
])
def test_a_capital_no_taller_than_small_letters_is_small(text: str, ink: float, expected: str | None) -> None:
    assert small_capital_reading(text, ink, X, UP) == expected


@pytest.mark.parametrize("text, ink, expected", [
    ("10", 5.0, "to"),  # "t" and "o" read as figures, standing short of a figure's height
    ("10", 6.3, None),  # a figure's height: "by 10 per cent"
    ("100", 5.0, None),  # "too", "loo", "ioo"…: no one English word, left as read
    ("2030", 5.0, None),  # figures with no letter of their shape
    ("1", 5.0, None),  # one figure spells nothing sure
])
def test_figures_shorter_than_figures_are_the_word_their_shapes_spell(text: str, ink: float,
                                                                     expected: str | None) -> None:
    assert figure_word_reading(text, ink, X, UP) == expected


def test_a_line_measures_its_heights_or_borrows_them_from_lines_of_its_size() -> None:
    line = [word("on", 4.6, 10), word("the", 6.4, 30), word("use", 4.5, 50), word("Highways", 7.9, 70)]
    assert line_heights(line, [line]) == (4.55, 6.4)  # "Highways" descends: no measure of the ascenders
    bare = [word("difficult", 6.5, 10, top=120, bottom=128), word("10", 5.0, 60, top=120, bottom=128)]
    assert line_heights(bare, [bare]) is None  # no word of small letters alone
    assert line_heights(bare, [line, bare]) == (4.55, 6.5)  # from the page's lines set in its size
    # A running title in small capitals, its line as tall as the body's: its capitals stand 4.6, the body's
    # small letters as tall, so nothing is borrowed from the body ("Zero" stays).
    title = [word("Net", 4.6, 10, top=20, bottom=28), word("Zero", 4.6, 30, top=20, bottom=28),
             word("Action", 4.6, 60, top=20, bottom=28)]
    assert line_heights(title, [title, line]) is None
    assert [w.text for w in read_by_heights(title + line)[0]][:3] == ["Net", "Zero", "Action"]
    assert line_heights([word("on", 4.6, 10), word("the", 5.0, 30)], []) is None  # heights too close to tell


def test_words_read_by_their_heights_are_logged_and_a_shape_guess_is_put_in_doubt() -> None:
    words = [word("on", 4.6, 10), word("the", 6.4, 30), word("reliance", 6.4, 60), word("Cars.", 4.8, 110),
             word("difficult", 6.5, 10, top=120, bottom=128), word("10", 5.0, 60, top=120, bottom=128, confidence=79),
             word("by", 6.4, 80, top=120, bottom=128), word("10", 6.4, 95, top=120, bottom=128),
             word("Cars.", 4.8, 10, page=2)]  # a page with no heights to tell by
    out, read = read_by_heights(words)
    assert [w.text for w in out] == ["on", "the", "reliance", "cars.", "difficult", "to", "by", "10", "Cars."]
    assert out[3].confidence == 95.0  # the letters were read; the height only tells their case
    assert out[5].confidence == SHAPE_GUESS  # a guess from one height: its field is flagged for review
    assert [(r["before"], r["text"], r["by"]) for r in read] == [("Cars.", "cars.", "ink height"),
                                                                   ("10", "to", "ink height")]
    assert read_by_heights(words, pages=[2]) == (words, [])
