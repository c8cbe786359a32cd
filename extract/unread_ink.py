"""Print tesseract's page reading passed over → words, read again where nothing was read. Tesseract's
automatic layout analysis can drop whole blocks of a clean page (a header's "Action ID" and "End date", the
ID beside a row: taken for a picture, or merged into a neighbouring block and lost), and with them the
column roles or the rows they name. Each page is read a second time with every word already read blanked
out, as sparse text (no layout to lose words in); what is read there with confidence, whole words apart
from the first reading's, is added to it."""
from __future__ import annotations

import logging
from pathlib import Path

from PIL import Image, ImageDraw

from .ocr import pictures_to_words
from .ocr_words import OcrWord, on_page_lines, usual_line_height

log = logging.getLogger(__name__)

PSM_SPARSE = "11"  # find as much text as possible, in no particular order: the blocks the layout lost
MASK_PAD = 3  # pixels blanked around each word read: its ink's edge, so no sliver is read again
MIN_CONFIDENCE = 60.0  # a second reading with less is as likely a Gantt mark's or shading's speckle
MIN_CHARACTERS = 2  # letters or digits: a lone one is a mark ("a" for ■) or a letter's sliver
APART = 2.0  # points beyond the blanked margin a word on the same line must stand from a word read before
# A word's ink is as tall as its letters (a digit or capital reaches 0.7 of a line, a small letter's body
# half of it); a reading much shorter than the page's lines is of a stroke: a rule's end, a stamp's line
# ("2k" 3.4 pt tall among 9 pt lines).
MIN_HEIGHT = 0.5
RULE_LENGTH = 20.0  # points: a run of ink this long is a rule; no letter is as tall or a stroke as long
RULE_PAD = 2  # pixels blanked around a rule: its anti-aliased edge


def words_blanked(picture: Image.Image, words: list[OcrWord], dpi: int) -> Image.Image:
    """The page's picture with every word's box (points) painted white, a margin around it, and every rule:
    read alone, a rule beside an ID is a letter of it ("INZ.2")."""
    import numpy as np  # a scan's picture work only

    from .raster_rules import ink_mask, mask_to_runs

    scale = dpi / 72
    out = picture.convert("L")
    draw = ImageDraw.Draw(out)
    mask = ink_mask(np.asarray(out))
    length = RULE_LENGTH * scale
    for horizontal, extent in ((True, out.width), (False, out.height)):
        for x, y, width, height in mask_to_runs(mask, horizontal, max(1, int(extent / length))):
            draw.rectangle((x - RULE_PAD, y - RULE_PAD, x + width + RULE_PAD, y + height + RULE_PAD), fill=255)
    for word in words:
        draw.rectangle((word.x0 * scale - MASK_PAD, word.top * scale - MASK_PAD,
                        word.x1 * scale + MASK_PAD, word.bottom * scale + MASK_PAD), fill=255)
    return out


def is_whole_word(word: OcrWord, read: list[OcrWord], dpi: int, line: float | None = None) -> bool:
    """Whether a second reading is a word of its own: read with confidence, two letters or digits or more,
    as tall as print on the page's lines (``read``: the first reading's words on the page, boxed by their
    lines; ``line``: their usual height, where already measured), and not beside one of them on its line
    (a letter the first reading's box cut off)."""
    line = usual_line_height(read) if line is None else line
    if word.confidence < MIN_CONFIDENCE or sum(ch.isalnum() for ch in word.text) < MIN_CHARACTERS \
            or word.bottom - word.top < MIN_HEIGHT * line:
        return False
    margin = MASK_PAD * 72 / dpi + APART
    for other in read:
        same_line = min(word.bottom, other.bottom) - max(word.top, other.top) > 0.5 * (word.bottom - word.top)
        if same_line and word.x0 < other.x1 + margin and other.x0 < word.x1 + margin:
            return False
    return True


def read_unread_ink(words: list[OcrWord], pictures: list[Path], dpi: int, binary: str, folder: Path,
                    pages: list[int] | None = None) -> list[OcrWord]:
    """``words`` (the first reading of the pages in ``pictures``, page i + 1 at index i) with the words a
    second, sparse reading of ``pages`` (all where None) finds where the first read none."""
    by_page: dict[int, list[OcrWord]] = {}
    for word in words:
        by_page.setdefault(word.page, []).append(word)
    numbers = pages if pages is not None else list(range(1, len(pictures) + 1))
    if not numbers:
        return words
    blanked = []
    for number in numbers:
        with Image.open(pictures[number - 1]) as image:
            out = folder / f"unread-{number:05d}.png"
            words_blanked(image, by_page.get(number, []), dpi).save(out, dpi=(dpi, dpi))
        blanked.append(out)
    second = pictures_to_words(binary, blanked, folder / "unread", PSM_SPARSE, numbers, dpi,
                               "the second OCR reading failed: words its layout lost stay lost")
    if second is None:
        return words
    lines = {page: usual_line_height(on_page) for page, on_page in by_page.items()}
    found = [w for w in second if is_whole_word(w, by_page.get(w.page, []), dpi, lines.get(w.page, 0.0))]
    for page in sorted({w.page for w in found}):
        log.info("page %d: %d words read where the first OCR reading read none", page,
                 sum(w.page == page for w in found))
    return words + [w for page in sorted({w.page for w in found})
                    for w in on_page_lines([w for w in found if w.page == page], by_page.get(page, []))]
