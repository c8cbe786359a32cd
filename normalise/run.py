"""Extraction → clean tables on disk: the normalise stage as one function from files to files."""
from __future__ import annotations

import logging
from pathlib import Path

from extract.errors import InputError
from extract.model import RawTable
from extract.run import Extraction

from .build import Builder, Built
from .conservation import describe, lost_words
from .corrections import CorrectionLog
from .overprint import collapse_overprint
from .overrides import apply_overrides, load_overrides
from .records import tables_to_records
from .settings import NormaliseSettings
from .vocabulary import load_vocabulary
from .write import write_tables

log = logging.getLogger(__name__)


UNREAD_ID_LINES = 3  # a page number and a stray line are not rows


def normalise_extraction(extraction: Extraction, settings: NormaliseSettings | None = None
                         ) -> tuple[Built, CorrectionLog]:
    settings = settings or NormaliseSettings()
    vocab = load_vocabulary(settings.vocab_path)
    overrides = load_overrides(settings.vocab_path)
    corrections = CorrectionLog()
    labels = {p.page: p.label for p in extraction.pages}
    used: list[RawTable] = []
    tables = collapse_overprint(extraction.tables, extraction.pages, corrections)
    records = tables_to_records(tables, labels, vocab, corrections, used)
    if not records:
        raise InputError(f"no action table found ({len(extraction.tables)} tables on the candidate pages, "
                         "none with an action ID and action column): is this the action-plan appendix?")
    built = Builder(vocab, settings, corrections, extraction.source_file, ocr=bool(extraction.ocr)).build(records)
    for page in extraction.pages:
        if page.id_lines >= UNREAD_ID_LINES:
            # A page the table search passed over, or could not read, with rows on it: never silently lost.
            corrections.flag(page.page, "", "page", f"{page.id_lines} lines start with an action ID", "rows-unread")
    lost = lost_words(used, built, corrections)
    if lost:
        raise InputError(describe(lost))
    canonical = {"lead_teams": set(vocab.teams.entries), "partners": set(vocab.partners.entries)}
    built.stale_overrides = apply_overrides(built, corrections, overrides, canonical)
    return built, corrections


def normalise_to(extraction: Extraction, folder: Path, stem: str,
                 settings: NormaliseSettings | None = None) -> tuple[Built, CorrectionLog]:
    built, corrections = normalise_extraction(extraction, settings)
    write_tables(built, corrections, folder, stem, extraction.source_file)
    review = sum(1 for a in built.actions if a["needs_review"])
    log.info("%s: %d actions, %d corrections, %d rows need review, %d names unmatched", stem,
             len(built.actions), len(corrections.rows), review, len(built.unmatched))
    return built, corrections
