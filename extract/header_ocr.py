"""A scanned table's header line → the labels tesseract's page reading dropped, read again as a strip.
In a shaded header band, darkened by a photocopier, the page's layout analysis reads some labels and loses
others ("Ref Action description Lead End" with "Partners", "From" and "Status" printed between): a lost
label merges its column into the one before (partners and start dates read as lead teams). The sparse
reading of unread ink (extract/unread_ink.py) finds text with no layout at all, and loses such a label too.
Each header line, cut from the page as a strip with the line under it (a label's second line, "(£k)"), is
read again as one block of text, where tesseract reads the band's labels as the line they are; a label's
word read there with confidence, where the page's reading has nothing, is added. Only the header
vocabulary's words and financial years: no other word a strip may hold (a Gantt's quarters, the first row's
text) is one the header needs, and a speck of shading can read as any of them."""
from __future__ import annotations

import logging
from pathlib import Path

from PIL import Image

from normalise.headers import year_label

from .ocr import pictures_to_words
from .ocr_words import OcrWord, boxes_overlap, on_page_lines
from .sideways_ocr import HeaderWords, header_lines

log = logging.getLogger(__name__)

PSM_BLOCK = "6"  # one block of text: the strip's labels read as the line they are (PSM 7 loses some)
STRIP_ABOVE = 0.4  # line heights above a header line the strip takes in: its labels' ascenders
# ... and below it: a label's second line ("Indicative cost" over "(£k)"), which the page's reading loses as
# often as a label, since it is as short.
STRIP_BELOW = 1.5
MIN_CONFIDENCE = 60.0  # a label read with less is as likely the band's shading
MIN_LETTERS = 3  # letters or digits of a label's word that does not start a label
EDGE_MARKS = ".,:;|'\"()[]"  # a rule or a speck read at a word's edge: not part of the label


Strip = tuple[int, float, float]  # the page, and the top and bottom (points) of a header line's strip


def header_strips(words: list[OcrWord], labels: HeaderWords, pages: list[int]) -> list[Strip]:
    """The strips around each header line of ``pages`` (lines with several label words on them), with the
    line under it."""
    strips = []
    for page in pages:
        for line in header_lines([w for w in words if w.page == page], labels.gantt | labels.others):
            height = max(w.bottom - w.top for w in line)
            top, bottom = min(w.top for w in line), max(w.bottom for w in line)
            strips.append((page, max(0.0, top - STRIP_ABOVE * height), bottom + STRIP_BELOW * height))
    return strips


def is_label(text: str, labels: HeaderWords) -> bool:
    """Whether a word read in a strip is one a header prints: a word of a label (of two letters only where it
    starts one, "ID", "To": a speck reads as "of" as easily), or a financial year."""
    if text.casefold() in labels.words and not text.isalpha():  # as printed in a label: "(£k)", "No."
        return True
    bare = text.strip(EDGE_MARKS)
    letters = sum(ch.isalnum() for ch in bare)
    if letters >= 2 and year_label(bare):
        return True
    starts = labels.gantt | labels.others
    return bare.casefold() in labels.words and (letters >= MIN_LETTERS or bare.casefold() in starts)


def labels_missed(found: list[OcrWord], read: list[OcrWord], labels: HeaderWords) -> list[OcrWord]:
    """The words of ``found`` (read in a page's strips) that are labels read surely where ``read`` (the page's
    words) has none: none of them overlaps one read before, or another taken."""
    taken: list[OcrWord] = []
    for word in sorted(found, key=lambda w: -w.confidence):
        if word.confidence >= MIN_CONFIDENCE and is_label(word.text, labels) \
                and not any(boxes_overlap(word, other) for other in read + taken):
            taken.append(word)
    return sorted(taken, key=lambda w: (w.top, w.x0))


def read_header_lines(words: list[OcrWord], pictures: list[Path], labels: HeaderWords, dpi: int, binary: str,
                      folder: Path, pages: list[int] | None = None) -> list[OcrWord]:
    """``words`` with the labels each header line of ``pages`` (all where None) holds that the page's reading
    dropped, read from ``pictures`` (page i + 1 at index i, at ``dpi``) strip by strip, in one run."""
    numbers = pages if pages is not None else list(range(1, len(pictures) + 1))
    strips = header_strips(words, labels, numbers)
    if not strips or not labels.words:
        return words
    scale = dpi / 72
    files = []
    for k, (page, top, bottom) in enumerate(strips):
        with Image.open(pictures[page - 1]) as image:
            crop = image.crop((0, int(top * scale), image.width, min(image.height, int(bottom * scale) + 1)))
        out = folder / f"header-{k:05d}.png"
        crop.save(out, dpi=(dpi, dpi))
        files.append(out)
    read = pictures_to_words(binary, files, folder / "header", PSM_BLOCK, list(range(1, len(strips) + 1)), dpi,
                             "the header lines were not read again: labels the page's reading lost stay lost")
    if read is None:
        return words
    added: list[OcrWord] = []
    for k, (page, top, _) in enumerate(strips, start=1):
        # A strip's words in the page's frame: its top is the strip's offset down the page.
        found = [OcrWord(page, w.x0, w.top + int(top * scale) / scale, w.x1, w.bottom + int(top * scale) / scale,
                         w.confidence, w.text, ink=w.ink) for w in read if w.page == k]
        on_page = [w for w in words if w.page == page]
        missed = labels_missed(found, on_page + [w for w in added if w.page == page], labels)
        if missed:
            log.info("page %d: header labels read again in their line: %s", page, " ".join(w.text for w in missed))
        added += on_page_lines(missed, on_page)
    return words + added
