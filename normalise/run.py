"""Extraction → clean tables on disk: the normalise stage as one function from files to files."""
from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from extract.errors import InputError
from extract.model import PageInfo, RawTable
from extract.run import Extraction

from .build import Builder, Built
from .conservation import describe, lost_words
from .corrections import CorrectionLog
from .headers import sub_period
from .ids import dominant_shapes, id_shape
from .overprint import collapse_overprint
from .overrides import apply_overrides, load_overrides
from .records import tables_to_records
from .settings import NormaliseSettings
from .vocabulary import load_vocabulary

log = logging.getLogger(__name__)


UNREAD_IDS = 2  # printed IDs no action was read for: one can be a stray line's first word


def unread_ids(pages: list[PageInfo], actions: list[dict[str, Any]], ocr: bool = False) -> dict[int, list[str]]:
    """Per page, the IDs that start its lines with no action read for them: of the shapes of the IDs read
    from the page (``T5`` beside ``T1``…``T4``; year labels and page numbers are of another shape), or,
    from a page nothing was read from, of any shape but a bare number. Two or more, or none: a stray line
    can start with an ID-shaped word (a quarter's label, "Q3", never counts). On a page not selected for
    parsing (one either side of a table's page: a continuation with no header, or a header OCR'd past
    recognition) only IDs of the shapes the document's actions have count. On a scan one is enough: the
    others may be OCR'd away."""
    read: dict[int, set[str]] = {}
    for a in actions:
        for page in a["source_pages"]:
            read.setdefault(page, set()).add(a["action_id"])
    everywhere = {id_shape(a["action_id"]) for a in actions}
    usual = dominant_shapes([a["action_id"] for a in actions]) - {"9", ""}
    out = {}
    for info in pages:
        printed = [w for w in info.id_words.split(";") if w]
        here = read.get(info.page, set())
        # The page's own IDs' shapes, and the document's usual ones: a page whose rows ran together into one
        # ("LCC.7LCC.8LCC.9") reads no ID of the shape its lines start with.
        shapes = ({id_shape(i) for i in here} | usual) if here else {id_shape(w) for w in printed} - {"9"}
        if not info.candidate:
            shapes &= everywhere
        # A quarter's label at a line's start ("Q3" of a Gantt header OCR split) is no ID.
        unread = [w for w in printed if id_shape(w) in shapes and w not in here and sub_period(w) is None]
        # One is enough on a scan: the page's other IDs (and, passed over, its header) may be OCR'd away.
        if len(unread) >= (1 if ocr else UNREAD_IDS):
            out[info.page] = unread
    return out


def page_doubts(extraction: Extraction, built: Built, used: list[RawTable]) -> list[tuple[int, str]]:
    """(page, why) for every page where rows may have been lost, the most telling reason first."""
    doubts = [(page, f"lines start with IDs no action was read for: {', '.join(ids)}")
              for page, ids in unread_ids(extraction.pages, built.actions, bool(extraction.ocr)).items()]
    # Lines under an action table set in its columns: rows its end was found above (an ID misread past
    # recognition, after which the rest read as something else).
    doubts += [(t.page, f"{t.rows_after} lines under the table are laid out as its rows, and were not read as rows")
               for t in used if t.rows_after >= UNREAD_IDS]
    # A scanned page after a table's, nothing read from it, with lines set in that table's columns.
    doubts += [(p.page, f"{p.rows_unparsed} lines are laid out as the rows of the table on the page before, and "
                "were not read as rows") for p in extraction.pages if p.rows_unparsed >= UNREAD_IDS]
    # A page with an action table's header words that gave no action is a doubt whatever its lines start
    # with: on a scan the IDs may be misread past recognition ("81" for B1), and on any page they may stand
    # in a column after a theme's, where no line starts with them.
    read = {page for a in built.actions for page in a["source_pages"]}
    doubts += [(p.page, "a page with an action table's header words: no action was read from it")
               for p in extraction.pages if p.candidate and p.page not in read]
    return doubts


def flag_unread_pages(extraction: Extraction, built: Built, used: list[RawTable], corrections: CorrectionLog) -> None:
    """A page the table search passed over, or read only in part, with rows on it: never silently lost.
    One flag a page, for its most telling reason."""
    flagged: set[int] = set()
    for page, why in page_doubts(extraction, built, used):
        if page not in flagged:
            corrections.flag(page, "", "page", why, "rows-unread")
            flagged.add(page)


def normalise_extraction(extraction: Extraction, settings: NormaliseSettings | None = None
                         ) -> tuple[Built, CorrectionLog]:
    settings = settings or NormaliseSettings()
    vocab = load_vocabulary(settings.vocab_path)
    overrides = load_overrides(settings.vocab_path)
    corrections = CorrectionLog()
    labels = {p.page: p.label for p in extraction.pages}
    used: list[RawTable] = []
    tables = collapse_overprint(extraction.tables, extraction.pages, corrections)
    records = tables_to_records(tables, labels, vocab, corrections, used, ocr=bool(extraction.ocr))
    if not records:
        raise InputError(f"no action table found ({len(extraction.tables)} tables on the candidate pages, "
                         "none with an action ID and action column): is this the action-plan appendix?")
    built = Builder(vocab, settings, corrections, extraction.source_file, ocr=bool(extraction.ocr)).build(records)
    flag_unread_pages(extraction, built, used, corrections)
    lost = lost_words(used, built, corrections)
    if lost:
        raise InputError(describe(lost))
    canonical = {"lead_teams": set(vocab.teams.entries), "partners": set(vocab.partners.entries)}
    built.stale_overrides = apply_overrides(built, corrections, overrides, canonical)
    return built, corrections


def normalise_to(extraction: Extraction, folder: Path, stem: str,
                 settings: NormaliseSettings | None = None) -> tuple[Built, CorrectionLog]:
    from .write import write_tables  # pyarrow and xlsxwriter: a run hands the writing to pipeline.writer

    built, corrections = normalise_extraction(extraction, settings)
    write_tables(built, corrections, folder, stem, extraction.source_file)
    log_summary(stem, built, corrections)
    return built, corrections


def log_summary(stem: str, built: Built, corrections: CorrectionLog) -> None:
    review = sum(1 for a in built.actions if a["needs_review"])
    log.info("%s: %d actions, %d corrections, %d rows need review, %d names unmatched", stem,
             len(built.actions), len(corrections.rows), review, len(built.unmatched))
