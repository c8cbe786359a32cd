"""When an action runs: a record's start and end cells → typed dates, and its Gantt cells → the financial
years it is delivered in (read from marks or shading, else derived from the dates), every change logged."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from extract.model import UNREAD_PRINT

from .corrections import CorrectionLog
from .dates import ParsedDate, ocr_date_as_printed, ocr_date_readings, parse_date
from .delivery import YearCell, derive_from_dates, read_marked
from .records import Record
from .text import fold_text, strip_strays
from .vocabulary import Vocabulary


@dataclass
class TimingContext:
    """What building one action's timing reads and adds to: the run's vocabulary and log, whether the
    text was OCR'd, the Gantt years its plan's tables read, and the document's marks read so far."""

    vocab: Vocabulary
    log: CorrectionLog
    ocr: bool
    plan_years: set[str]
    marks_read: list[str]
    marked_cells: list[tuple[int, int, int]]


def word_boundaries(lines: list[str]) -> bool:
    """Whether a wrapped date's lines meet between words (``September`` / ``2024``: letters then digits),
    not inside one (``Apr-`` / ``25``, ``Ongoin`` / ``g``), so the space between them stays."""
    return any(a[-1:].isalpha() != b[:1].isalpha() and a[-1:].isalnum() and b[:1].isalnum()
               for a, b in zip(lines, lines[1:]))


def record_to_date(lines: list[str], role: str, action_id: str, page: int, vocab: Vocabulary, log: CorrectionLog,
                   ocr: bool) -> tuple[ParsedDate, str, bool]:
    """A start or end cell's cleaned lines → (the date, its text as printed, whether it needs review)."""
    end = role == "end"
    raw = " ".join(lines)
    parsed = parse_date(raw, end, vocab.date_words, vocab.confusables)
    if len(lines) > 1 and parsed.known and raw and not word_boundaries(lines):
        joined = "".join(lines)
        if parse_date(joined, end, vocab.date_words, vocab.confusables) == parsed \
                and parse_date(lines[0], end, vocab.date_words, vocab.confusables) != parsed:
            log.add(page, action_id, f"{role}_raw", raw, joined, "wrapped-word")
            raw = joined
    if ocr and not parsed.known:
        for reading in ocr_date_readings(raw):
            again = parse_date(reading, end, vocab.date_words, vocab.confusables)
            if again.value is not None or again.ongoing:
                # Specks after the date, or a rule read as a letter before it: the date as printed.
                log.add(page, action_id, f"{role}_raw", raw, reading, "ocr-stray")
                raw, parsed = reading, again
                break
    if ocr and parsed.known and (repaired := ocr_date_as_printed(raw)) != raw:
        # Read through a quarter's digit OCR took for a letter ("Ql"), or a month's capital read small.
        log.add(page, action_id, f"{role}_raw", raw, repaired, "ocr-spelling")
        raw = repaired
    if not parsed.known:
        log.flag(page, action_id, role, raw, "date-unparsed")
    return parsed, raw, not parsed.known


MAX_MARK_READ = 3  # characters: OCR reads a mark as one to three ("v", "Jf", "wv"); more is words


def reads_as_mark(text: str) -> bool:
    """Whether the text of a scanned Gantt cell can be a mark OCR read as letters: one short token with a
    letter, a digit or a slash (OCR's readings of a tick: "v", "J", "Y", "4", "/")."""
    return 0 < len(text) <= MAX_MARK_READ and " " not in text and any(ch.isalnum() or ch == "/" for ch in text)


def record_to_delivery(rec: Record, action_id: str, start: Any, end: Any, ctx: TimingContext
                       ) -> tuple[list[str], str, bool]:
    """A record's Gantt cells → (financial years, ``shading``/``marks``/``dates``, whether it needs review)."""
    vocab, log = ctx.vocab, ctx.log
    background = {p.fill for role in ("id", "action") for p in rec.fields.get(role, []) if p.fill}
    cells = []
    read_as_marks: set[str] = set()  # OCR's readings of marks, on this row
    inked: list[str] = []  # the years whose scanned Gantt cell holds print OCR read nothing of
    # The years of each part of the row: a row continued over a page break can have a year column on one
    # page whose label the other page's header lost (its Gantt cells are read, or logged, all the same).
    years = list(dict.fromkeys([*rec.years, *(r[5:] for r in rec.fields if r.startswith("year:"))]))
    for year in years:
        for piece in rec.fields.get(f"year:{year}", []):
            text = fold_text(piece.text)
            despeckled = fold_text(strip_strays(text, vocab.data_strays))
            if despeckled != text:
                log.add(piece.page, action_id, "delivery_periods", text, despeckled, "ocr-stray")
                text = despeckled
            if text and text not in vocab.marks and ctx.ocr and reads_as_mark(text) \
                    and text != rec.page_labels.get(piece.page):
                read_as_marks.add(text)  # a mark OCR read as letters (a tick as "v", "J" or "/")?
            elif text and text not in vocab.marks:
                rule = "page-number" if text == rec.page_labels.get(piece.page) else "stray-text"
                log.add(piece.page, action_id, "delivery_periods", text, "", rule)
                text = ""
            cells.append(YearCell(year, piece.fill, text, piece.cell, piece.shape, piece.page))
            if not text and piece.confidence == UNREAD_PRINT and year not in inked:
                inked.append(year)
    periods, source, used = read_marked(cells, background, vocab.marks)
    if read_as_marks and source != "shading":
        # Only where the row shows no shading: on a shaded Gantt, letters OCR reads in a blank cell are the
        # scan's speckle or the shading's edge ("us", "Ss"), not a mark. Should one be no mark (a stamp's
        # fragment), the row's dates disagree with its years and flag it.
        periods, source, used = read_marked(cells, background, vocab.marks | read_as_marks)
    for c in cells:
        if c.text in read_as_marks:
            marked = c in used
            log.add(c.page, action_id, "delivery_periods", c.text, f"{c.year} marked" if marked else "",
                    "ocr-mark" if marked else "stray-text")
        if c.text and (c.text in vocab.marks or c in used):
            ctx.marks_read.append(c.text)
    ctx.marked_cells += [c.cell for c in used]
    # A scanned table part that read none of its plan's Gantt years (their labels lost in one merged cell)
    # is dated against the years its plan's other parts read.
    lost = ctx.ocr and not rec.years and bool(ctx.plan_years)
    years = sorted(ctx.plan_years) if lost else rec.years
    derived = derive_from_dates(years, start.value, start.ongoing, end.value, end.ongoing)
    if not source and ctx.ocr and inked and inked == derived and not lost:
        # Print OCR read nothing of (a tick it dropped) in exactly the years the dates give: the marks,
        # confirmed by the dates. Where the two disagree, neither is trusted (below).
        log.add(rec.pages[0] if rec.pages else 0, action_id, "delivery_periods", "",
                f"{'; '.join(inked)} marked", "ocr-mark-unread")
        return derived, "marks", False
    if not source:
        # The page marks none: derived from the dates (empty where they fall outside the years). On a scan
        # a mark (an X, a dot, faint shading) can be lost in the image: the years are then a guess. So
        # are they where no year of the Gantt was read, its header text misread past recognition.
        unread = ctx.ocr and (bool(rec.years) or rec.years_lost or lost)
        if unread:
            log.flag(rec.pages[0] if rec.pages else 0, action_id, "delivery_periods", "; ".join(derived),
                     "delivery-unread")
        return derived, "dates", unread
    short = sorted(ctx.plan_years - set(rec.years)) if ctx.ocr and rec.years else []
    if short:
        # A scanned table part reads fewer of its plan's Gantt years than another part: a year label lost
        # in the image, and that column's marks with it.
        log.flag(rec.pages[0] if rec.pages else 0, action_id, "delivery_periods",
                 f"{'; '.join(periods)} (no column read for {', '.join(short)})", "delivery-unread")
        return periods, source, True
    disagree = bool(derived) and derived != periods and not (start.ongoing and end.ongoing)
    if disagree:
        log.add(rec.pages[0], action_id, "delivery_periods", "; ".join(derived), "; ".join(periods),
                "delivery-disagrees-with-dates", 0.0)
    return periods, source, disagree
