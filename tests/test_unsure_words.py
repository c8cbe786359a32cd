"""Words the page's OCR read unsure: read again alone, enlarged, and taken only where read far surer."""
from __future__ import annotations

from pathlib import Path

import pytest
from pictures import DPI, FONT, SCALE, drawn_page

from extract.ocr import tesseract
from extract.ocr_words import OcrWord
from extract.unsure_words import (
    confirms,
    is_better_reading,
    is_glued,
    is_unsure,
    reread_unsure_words,
    spaced_reading,
    unsure_runs,
)


def word(text: str, confidence: float, x0: float = 10.0, top: float = 10.0, x1: float = 30.0, bottom: float = 20.0,
         page: int = 1) -> OcrWord:
    return OcrWord(page, x0, top, x1, bottom, confidence, text)


def test_a_short_word_read_below_the_bar_is_unsure() -> None:
    assert is_unsure(word("Led:", 59))
    assert not is_unsure(word("1.1", 96))
    assert not is_unsure(word("—", 10))  # a rule's end read as a dash: nothing to read again
    assert not is_unsure(word("x" * 30, 10))  # a long run is prose, read best in its line
    assert not is_unsure(word("", -1))


def test_unsure_words_that_touch_on_their_line_are_one_run() -> None:
    # "1.1" boxed as "1" and "HF", their boxes cut apart where the second starts; "Parks" well apart.
    words = [word("1", 63, 42.5, 94, 43.4, 102), word("HF", 49, 43.4, 94, 54.7, 102),
             word("Parks", 40, 60, 94, 80, 102), word("l", 30, 90, 94, 91, 102), word("LCC", 20, 10, 120, 30, 128)]
    runs = unsure_runs(words, 1)
    assert [(r.text, r.x0, r.x1, r.confidence) for r in runs] == [("1HF", 42.5, 54.7, 49), ("Parks", 60, 80, 40),
                                                                ("l", 90, 91, 30), ("LCC", 10, 30, 20)]
    assert unsure_runs(words, 2) == []


def test_a_new_reading_replaces_the_old_only_where_far_surer() -> None:
    assert is_better_reading(word("Led:", 59), "1.1", 96)
    assert not is_better_reading(word("Led:", 59), "1.1", 75)  # not sure enough
    assert not is_better_reading(word("Paks", 70), "Parks", 85)  # not surer by enough
    assert not is_better_reading(word("Led:", 59), "1.1 Plant", 96)  # one word stays one word
    assert not is_better_reading(word("Led:", 59), "--", 96)
    assert not is_better_reading(word("1.1", 40), "1.1", 96)
    assert not is_better_reading(word("3.1", 60), "Ba", 90)  # a digit lost alone is a misreading
    assert is_better_reading(word("diz", 9), "1.2", 95)  # the line's context had made letters of it
    assert not is_better_reading(word("Complete", 60), "te", 90)  # not the box's print whole
    assert not is_better_reading(word("partners.", 60), "partners", 96)  # the same letters, a stop lost
    assert is_better_reading(word("2", 58), "1.2", 95)  # the line's reading lost glyphs: alone, all read
    assert is_better_reading(word("NEAL", 40), "1.1", 93)  # a number made a word: shorter, with its digits
    assert not is_better_reading(word("jun", 60), "un", 95)  # letters alone: never shorter
    assert not is_better_reading(word("l", 30), "1", 95)  # one mark for another: a rule's, as often as not


def test_a_word_read_again_alone_the_same_and_sure_is_confirmed() -> None:
    assert confirms(word("Plan", 35), "Plan", 92) and confirms(word("|Plan", 35), "Plan", 92)  # a speck aside
    assert not confirms(word("Plan", 35), "Plan", 75)  # not sure enough
    assert not confirms(word("Jun", 35), "Jan", 95)  # another reading: is_better_reading's to judge
    assert not confirms(word("|", 35), "|", 95)  # no letter or digit to confirm


@pytest.mark.skipif(tesseract() is None or not FONT.exists(), reason="needs tesseract and DejaVu Sans")
def test_an_unsure_word_is_read_again_from_its_box(tmp_path: Path) -> None:
    picture = drawn_page(tmp_path / "page-00001.png", (1200, 400), [((100, 100), "1.1"), ((400, 100), "Parks")])
    box = (95 * SCALE, 95 * SCALE, 165 * SCALE, 150 * SCALE)
    words = [word("Le", 59, box[0], box[1], box[0] + 6, box[3]),  # the ID, misread on the page in two words
             word("d:", 50, box[0] + 6, box[1], box[2], box[3]),
             word("Parks", 40, 395 * SCALE, 95 * SCALE, 520 * SCALE, 150 * SCALE),  # read right, unsure
             word("ee", 20, 700 * SCALE, 95 * SCALE, 800 * SCALE, 150 * SCALE)]  # over blank paper: no print
    out, read = reread_unsure_words(words, [picture], DPI, tesseract() or "", tmp_path)
    assert [w.text for w in out] == ["1.1", "Parks", "ee"]
    assert out[0].confidence >= 80 and (out[0].x0, out[0].top) == (words[0].x0, words[0].top)
    assert [(r["page"], r["before"], r["text"]) for r in read] == [(1, "Led:", "1.1"), (1, "Parks", "Parks")]
    assert out[1].confidence >= 80  # read the same alone, sure: confirmed
    assert (out[0].x0, out[0].x1) == (words[0].x0, words[1].x1)  # one word over the run's box
    assert reread_unsure_words(words, [picture], DPI, tesseract() or "", tmp_path, pages=[]) == (words, [])


def test_a_box_stretched_over_a_speck_is_drawn_in_to_its_letters() -> None:
    from extract.unsure_words import inked_box

    stretched = word("efficiency", 2, x0=102.7, x1=157.9)
    scale = DPI / 72
    start = int(102.7 * scale) / scale
    drawn = inked_box(stretched, ((115.4 - start) * scale, (150.0 - start) * scale), scale)
    assert (round(drawn.x0, 1), round(drawn.x1, 1)) == (115.4, 150.0)
    near = inked_box(stretched, ((103.5 - start) * scale, (157.0 - start) * scale), scale)
    assert (near.x0, near.x1) == (102.7, 157.9)  # within STRETCHED of the ink: the box stands
    assert inked_box(stretched, None, scale) == stretched


@pytest.mark.skipif(tesseract() is None or not FONT.exists(), reason="needs tesseract and DejaVu Sans")
def test_an_unsure_words_box_over_a_speck_is_drawn_in_when_read_again(tmp_path: Path) -> None:
    picture = drawn_page(tmp_path / "page-00001.png", (1200, 400), [((400, 100), "efficiency"), ((300, 118), ".")])
    words = [word("efficiency", 2, 295 * SCALE, 95 * SCALE, 640 * SCALE, 150 * SCALE)]
    out, read = reread_unsure_words(words, [picture], DPI, tesseract() or "", tmp_path)
    assert [w.text for w in out] == ["efficiency"] and out[0].confidence >= 80
    assert abs(out[0].x0 - 400 * SCALE) < 2.0 and out[0].x1 <= words[0].x1


def test_a_word_that_cuts_into_common_words_is_read_again_and_its_spaces_taken_only_as_the_same_letters() -> None:
    # "Linkedtothe": the spaces of tight-set print, lost on the page; read alone, they show.
    assert is_glued(word("Linkedtothe", 88.0)) and is_glued(word("solarheat.", 95.0))
    assert not is_glued(word("retrofit", 60.0)) and not is_glued(word("Leicestershire", 90.0))
    assert not is_glued(word("LTP", 90.0)) and not is_glued(word("2025-26", 90.0))
    glued = word("Linkedtothe", 88.0, x0=100.0, x1=155.0)
    parts = spaced_reading(glued, "Linked to the", 96.0)
    assert [p.text for p in parts] == ["Linked", "to", "the"]
    assert parts[0].x0 == 100.0 and parts[-1].x1 == 155.0 and parts[0].x1 < parts[1].x0 < parts[2].x0
    # Other letters, one word, or unsure: the page's reading stands.
    assert spaced_reading(glued, "Linked to he", 96.0) == [] and spaced_reading(glued, "Linkedtothe", 96.0) == []
    assert spaced_reading(glued, "Linked to the", 60.0) == []
    # A word of its own, read unsure and again alone in pieces, stays whole; so do pieces that are no words.
    assert spaced_reading(word("Nature", 60.0), "Natu re", 96.8) == []
    assert spaced_reading(word("|FY2025/26", 60.0), "| FY2025/26", 96.0) == []
    assert spaced_reading(word("Solarheat", 90.0), "Sol arheat", 96.0) == []
