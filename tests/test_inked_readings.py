"""What a scan's ink confirms of OCR's readings (extract/inked_readings.py): a mid-sentence capital that is
its small letter enlarged, a lone dash, a semicolon; and normalise's doubts, dropped for those alone."""
from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from PIL import Image, ImageDraw, ImageFilter, ImageFont

from extract.inked_readings import (
    ends_in_semicolon,
    first_letter_is_capital,
    ink_pieces,
    inked_token,
    is_dash,
    space_around,
    word_cutout,
)
from normalise.ocr_spelling import OcrLexicon

FONTS = Path("/usr/share/fonts/truetype/dejavu")
FACES = ["DejaVuSans.ttf", "DejaVuSans-Bold.ttf", "DejaVuSerif.ttf", "DejaVuSansMono.ttf"]
RENDERED = 300  # the pipeline renders a scanned page at this resolution (inked_readings.DPI)
SCALE = RENDERED / 72
# Words a plan capitalises mid-sentence, and the same words in prose: each starts with a letter whose capital
# is its small letter enlarged.
WORDS = ["Cycling", "Walking", "Sustainable", "Zones", "Visit", "Council", "Operations", "Support", "Volunteers",
         "Charging", "Community", "Schools", "Use", "Warm", "Street", "Oxford", "Centre", "Strategy"]


def scanned_line(texts: list[str], face: str, dpi: int, size: float = 9.0, blur: float = 0.5,
                 gap: float = 2.5) -> tuple[np.ndarray, list[dict[str, float | str]]]:
    """A line of ``texts`` in ``face`` at ``size`` points, scanned at ``dpi`` (grey paper, blurred) and
    rendered at RENDERED as the pipeline renders a page; and each text as a word (box in points, as OCR
    gives its line's top and bottom)."""
    scale = dpi / 72
    image = Image.new("L", (int((sum(len(t) for t in texts) * size * 0.75 + 20) * scale), int(30 * scale)), 235)
    draw = ImageDraw.Draw(image)
    font = ImageFont.truetype(str(FONTS / face), round(size * scale))
    x, words = 10.0, []
    for text in texts:
        draw.text((x * scale, 10 * scale), text, fill=25, font=font)
        left, top, right, bottom = draw.textbbox((x * scale, 10 * scale), text, font=font)
        words.append({"text": text, "x0": left / scale, "x1": right / scale, "top": 10 + size * 0.1,
                      "bottom": 10 + size * 1.15})
        x = right / scale + gap
    image = image.filter(ImageFilter.GaussianBlur(blur * scale / 4))
    rendered = image.resize((int(image.width * RENDERED / dpi), int(image.height * RENDERED / dpi)),
                            Image.Resampling.BILINEAR)
    return np.asarray(rendered), words


def capital_confirmed(grey: np.ndarray, word: dict[str, float | str], reading: str) -> bool:
    return first_letter_is_capital(word_cutout(grey, word, SCALE), reading)


@pytest.mark.parametrize("dpi", [150, 200, 300])
@pytest.mark.parametrize("face", FACES)
def test_a_capital_is_confirmed_and_a_small_letter_read_as_one_never(face: str, dpi: int) -> None:
    grey, words = scanned_line(["the", *WORDS], face, dpi)
    confirmed = [capital_confirmed(grey, w, str(w["text"])) for w in words[1:]]
    assert sum(confirmed) >= 0.85 * len(WORDS), [w for w, c in zip(WORDS, confirmed) if not c]
    small = [w.lower() for w in WORDS]
    grey, words = scanned_line(["the", *small], face, dpi)
    # OCR read each printed small letter as its capital: the ink must never confirm one.
    wrong = [w for w in words[1:] if capital_confirmed(grey, w, str(w["text"]).capitalize())]
    assert not wrong, wrong


@pytest.mark.parametrize("face", FACES)
def test_a_small_letter_run_into_the_next_is_not_measured_as_a_capital(face: str) -> None:
    # "ch" touching (a darkened copy): one piece as tall as the "h", too wide for one letter.
    grey, (c, rest) = scanned_line(["c", "harging"], face, 200, gap=-1.2)
    word = dict(c, x1=rest["x1"])
    first = min(ink_pieces(word_cutout(grey, word, SCALE), 4))
    assert first[0] + first[2] > (rest["x0"] - c["x0"]) * SCALE + 3  # "c" and "h" are one piece of ink
    assert not capital_confirmed(grey, word, "Charging")
    grey, (c, rest) = scanned_line(["C", "harging"], face, 200, gap=0.1)
    assert capital_confirmed(grey, dict(c, x1=rest["x1"]), "Charging")


def test_a_stop_or_a_comma_after_the_word_is_no_letter() -> None:
    grey, words = scanned_line(["cases.", "working,", "Cases.", "Working,"], "DejaVuSans.ttf", 200)
    assert [capital_confirmed(grey, w, str(w["text"]).capitalize()) for w in words] == [False, False, True, True]


def test_a_dash_between_words_is_a_bar_and_a_speck_is_not(tmp_path: Path) -> None:
    grey, words = scanned_line(["trial", "-", "complete", "trial", ".", "complete"], "DejaVuSans.ttf", 200)
    line = [dict(w) for w in words]
    dash, speck = line[1], dict(line[4], text="-")  # OCR read the speck as a dash
    assert is_dash(word_cutout(grey, dash, SCALE, space_around(dash, line[:1] + line[2:])), "-")
    assert not is_dash(word_cutout(grey, speck, SCALE, space_around(speck, line[3:4] + line[5:])), "-")


def test_a_semicolon_is_a_dot_over_a_comma() -> None:
    grey, words = scanned_line(["education;", "and", "education,", "and", "education:", "and"],
                               "DejaVuSans.ttf", 200)
    readings = [inked_token(dict(w, text="education;"), grey, SCALE, space_around(w, [o for o in words if o is not w]))
                for w in words[::2]]
    assert readings == ["education;", "", ""]  # a comma, a colon read as a semicolon: not confirmed
    assert not ends_in_semicolon(word_cutout(grey, words[2], SCALE), "education;")


def test_normalise_drops_the_doubts_the_ink_answers_and_only_those() -> None:
    lexicon = OcrLexicon.of(["the plan"], [], {})
    text = "Continue the Cycling and Walking Strategy trial - complete the review; and report"
    doubted = {w for w, rule in lexicon.respell(text).doubts}
    assert {"Cycling", "Walking"} <= doubted
    assert any(rule == "ocr-punctuation-review" and "review;" in w for w, rule in lexicon.respell(text).doubts)
    inked = lexicon.respell(text, inked=["Cycling", "-", "review;"])
    assert [w for w, rule in inked.doubts if rule == "ocr-case-review"] == ["Walking", "Strategy"]
    assert not [w for w, rule in inked.doubts if rule == "ocr-punctuation-review"]
    # Once per printing: a second "Cycling" the ink did not confirm stays in doubt.
    twice = lexicon.respell("the Cycling and Cycling plan", inked=["Cycling"])
    assert twice.doubts == [("Cycling", "ocr-case-review")]
