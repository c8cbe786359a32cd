"""Words whose reading their ink's height cannot hold → the reading it can. Letters stand at three heights:
the x-height ("a", "c", "o", "s"), a "t" a little above it, and the ascenders, capitals and figures above
that. Some capitals are their small letters enlarged ("C" and "c", "S" and "s"), and a "1" and an "0" are
a "t" or an "l" and an "o" made taller, so in its line's context tesseract reads them either way: a
printed "cars." came out "Cars." (read at 96), "to" came out "10" (79), and read alone the same (cut out,
"Cars." at 94). The heights of the line's other words tell which: a word of small letters and one such
capital, whose ink is no taller than the line's small letters, starts with the small letter; a word of
figures whose ink falls short of the line's capitals and ascenders is not figures, and is the one English
word its figures' letter shapes spell ("to"), or left as read. A figure printed as a figure ("by 10 per
cent") stands as tall as a capital and is never touched."""
from __future__ import annotations

import logging
import statistics
from collections import defaultdict
from dataclasses import replace

from normalise.hyphens import english_words

from .ocr_words import OcrWord, word_read_again

log = logging.getLogger(__name__)
SMALL = frozenset("acemnorsuvwxz")  # letters no taller than the x-height
TALL = frozenset("bdfhklABDEFGHIKLMNPRT")  # letters that reach the ascender line, none of them descending
DESCENDING = frozenset("gjpqyQJ")
MARKS = frozenset(".,;:'’‘\"")  # marks within the x-height or above it, never above the ascender line
SMALL_TWINS = {"C": "c", "O": "o", "S": "s", "V": "v", "W": "w", "X": "x", "Z": "z"}  # capital → small
FIGURE_LETTERS = {"0": "o", "1": "ilt", "5": "s"}  # a figure → the letters of its shape, shorter
SAME_SIZE = 0.08  # lines whose ascenders' heights differ by no more than this share are set in one size
DISTINCT = 1.2  # the line's ascenders must stand this many times its x-height for heights to tell anything
SMALL_SHARE = 0.35  # ink within this share of the gap above the x-height is a small letter's
FIGURE_SHARE = 0.5  # ink below this share of the gap above the x-height is no figure's
# A word read from figures' shapes is a guess from one height: its confidence is put below normalise's
# ocr_confidence (50), so the field it stands in is flagged for review.
SHAPE_GUESS = 40.0


def bare(text: str) -> str:
    return text.strip("".join(MARKS) + "()")


def is_small_word(text: str) -> bool:
    letters = bare(text)
    return len(letters) >= 2 and set(letters) <= SMALL


def is_tall_word(text: str) -> bool:
    letters = bare(text)
    return bool(letters) and bool(set(letters) & TALL) and not set(letters) & DESCENDING


def measured(line: list[OcrWord]) -> tuple[list[float], list[float]]:
    """The ink heights of a line's words of small letters alone, and of those that reach up without reaching
    down."""
    return ([w.ink for w in line if w.ink > 0 and is_small_word(w.text)],
            [w.ink for w in line if w.ink > 0 and is_tall_word(w.text)])


def line_heights(line: list[OcrWord], page: list[list[OcrWord]]) -> tuple[float, float] | None:
    """A line's x-height and ascender height in points: the medians of its words of small letters alone and of
    its words that reach up without reaching down; where it has none of small letters, those of the lines of
    ``page`` set in its size (their ascenders as tall as its, within SAME_SIZE: a line's height says
    nothing of its type's, a running title's small capitals stand in lines as tall as the body's). None where
    it has no word that reaches up, or the two heights barely differ."""
    small, tall = measured(line)
    if not tall:
        return None
    up = statistics.median(tall)
    if not small:
        for other in page:
            other_small, other_tall = measured(other)
            if other_tall and abs(statistics.median(other_tall) - up) <= SAME_SIZE * up:
                small += other_small
    if not small:
        return None
    x = statistics.median(small)
    return (x, up) if up >= DISTINCT * x else None


def small_capital_reading(text: str, ink: float, x: float, up: float) -> str | None:
    """``text`` with its first letter small, where it is a capital that is its small letter enlarged, the
    rest small letters, and the ink no taller than small letters ("Cars." → "cars."); else None."""
    lead = len(text) - len(text.lstrip("(\"'‘"))
    word = text[lead:]
    if len(bare(word)) < 2 or word[0] not in SMALL_TWINS or not set(bare(word)[1:]) <= SMALL:
        return None
    if ink > x + SMALL_SHARE * (up - x):
        return None
    return text[:lead] + SMALL_TWINS[word[0]] + word[1:]


def figure_word_reading(text: str, ink: float, x: float, up: float) -> str | None:
    """The one English word the letter shapes of ``text``'s figures spell, where ``text`` is figures whose ink
    falls short of a figure's height ("10" 5.0 points tall on a line of 4.6-point small letters and
    6.5-point capitals → "to"); else None."""
    word = bare(text)
    if len(word) < 2 or not set(word) <= set(FIGURE_LETTERS) or ink >= x + FIGURE_SHARE * (up - x):
        return None
    spellings = [""]
    for figure in word:
        spellings = [s + letter for s in spellings for letter in FIGURE_LETTERS[figure]]
    words = [s for s in spellings if s in english_words()]
    return text.replace(word, words[0]) if len(words) == 1 else None


Changes = list[dict[str, object]]


def read_by_heights(words: list[OcrWord], pages: list[int] | None = None) -> tuple[list[OcrWord], Changes]:
    """``words`` with each on ``pages`` (all where None) whose reading its ink's height cannot hold read as the
    one it can, and what was changed where (for the manifest). A capital made small keeps its confidence (the
    letters were read, the height tells their case); a word read from figures' shapes is put in doubt
    (SHAPE_GUESS)."""
    lines: dict[tuple[int, float, float], list[OcrWord]] = defaultdict(list)
    for word in words:
        if word.upright and (pages is None or word.page in pages):
            lines[(word.page, word.top, word.bottom)].append(word)
    by_page: dict[int, list[list[OcrWord]]] = defaultdict(list)
    for (page, _, _), line in lines.items():
        by_page[page].append(line)
    changed: dict[tuple[int, float, float], OcrWord] = {}
    read: Changes = []
    for line in lines.values():
        heights = line_heights(line, by_page[line[0].page])
        if heights is None:
            continue
        for word in line:
            if word.ink <= 0:
                continue
            confidence = word.confidence
            text = small_capital_reading(word.text, word.ink, *heights)
            if text is None and (text := figure_word_reading(word.text, word.ink, *heights)) is not None:
                confidence = min(confidence, SHAPE_GUESS)
            if text is not None:
                changed[(word.page, word.top, word.x0)] = replace(word, text=text, confidence=confidence)
                read.append(word_read_again(word, text, confidence, by="ink height"))
    if read:
        log.info("%d words read as their ink's height holds them", len(read))
    return [changed.get((w.page, w.top, w.x0), w) for w in words], read
