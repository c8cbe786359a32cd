"""Each row's action ID as the clean tables carry it: cleaned, checked against its table's ID shapes and its
neighbours, read again through OCR's confusions where it does not fit, flagged where nothing confirms it; and
each plan's IDs checked as a whole (repeated, or skipped)."""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from .corrections import CorrectionLog
from .ids import (
    ID_LIKE,
    clean_id,
    expected_by_reading,
    fits_sequence,
    gap_in_sequence,
    id_and_trailing,
    id_shape,
    missing_ids,
    repair_id,
)
from .ocr_spelling import OcrLexicon
from .text import fold_confusables
from .vocabulary import Vocabulary

WORD_LETTERS = re.compile(r"(?<![^\W\d_])[^\W\d_]{3,}(?![^\W\d_])")  # a run of three letters or more


@dataclass
class IdReader:
    """Reads rows' IDs, logging every change; ``ocr``: the text is the pipeline's OCR (its specks and
    misread characters may be repaired); ``lexicon``: the document's words, where OCR'd."""

    vocab: Vocabulary
    log: CorrectionLog
    ocr: bool = False
    lexicon: OcrLexicon | None = None

    def shaped(self, printed_id: str) -> str:
        """An ID as its table's ID shapes are learned from: cleaned, without specks after it on a scan, and
        with OCR's small capitals ("c4" for C4) raised (each ID itself is read again, and logged, by ``read``)."""
        split = id_and_trailing(printed_id, self.vocab.confusables, self.vocab.data_strays) if self.ocr else None
        cleaned = clean_id(split[0] if split else printed_id, self.vocab.confusables, self.vocab.data_strays)
        if self.ocr and not ID_LIKE.match(cleaned) and ID_LIKE.match(cleaned.upper()):
            return cleaned.upper()
        return cleaned

    def read(self, printed_id: str, page: int, shapes: set[str], previous: str | None,
             following: str | None = None) -> tuple[str, bool]:
        """The cleaned ID and whether it needs review: lookalikes folded; an ID of a shape the table does
        not use, or one OCR reading away from the next in sequence, read again through the OCR
        confusions, confirmed by the sequence or flagged; one that reads as no ID at all, taken from the
        gap its neighbours leave, and flagged."""
        # On a scan, tokens of no digit after the ID are specks (a shading's "EEE eee") or words set over
        # the column's edge: cut off, logged; where one is a word, the row is flagged (the action's?).
        split = id_and_trailing(printed_id, self.vocab.confusables, self.vocab.data_strays) if self.ocr else None
        action_id = clean_id(split[0] if split else printed_id, self.vocab.confusables, self.vocab.data_strays)
        if action_id != printed_id:
            lookalike = fold_confusables(printed_id, self.vocab.confusables) != printed_id
            self.log.add(page, action_id, "action_id", printed_id, action_id,
                         "id-lookalike" if lookalike else "id-cleaned")
        # A word's letters, without the rule's bar or the speck beside them ("_|the").
        worded = split is not None and self.lexicon is not None and any(
            self.lexicon.knows(w.casefold()) for w in WORD_LETTERS.findall(split[1]))
        if worded:
            self.log.flag(page, action_id, "action", split[1] if split else "", "id-text-review")
        action_id, review = self.in_sequence(action_id, page, shapes, previous, following)
        return action_id, review or worded

    def in_sequence(self, action_id: str, page: int, shapes: set[str], previous: str | None,
                    following: str | None) -> tuple[str, bool]:
        """A cleaned ID checked against its table's shapes and its neighbours (``read``)."""
        if ID_LIKE.match(action_id) and id_shape(action_id) in shapes:
            expected = expected_by_reading(action_id, previous, self.vocab.ocr_confusions, self.ocr)
            if expected is None:
                # An OCR'd ID where its neighbours leave room for one other ("2.3" between "1.2" and "1.4"):
                # a digit misread for another no confusion covers. The gap is taken, the reading logged
                # beside it, and the row flagged: a plan that numbers so is the analyst's call.
                gap = gap_in_sequence(previous, following) if self.ocr else None
                if gap is not None and gap != action_id:
                    self.log.add(page, gap, "action_id", action_id, gap, "id-out-of-sequence", 50.0)
                    return gap, True
                # One that fits neither neighbour, where one reading fits the next row's ("B81" between E1
                # and B2: B1, its "1" read twice): that reading, for review, as the ID read was of the
                # table's shape. Without one, a numbering of its own (T10, T20) stands as printed.
                if self.ocr and not fits_sequence(action_id, previous, following):
                    repaired = repair_id(action_id, previous, shapes, self.vocab.ocr_confusions, following, True)
                    if repaired is not None and repaired[1] and repaired[0] != action_id:
                        self.log.add(page, repaired[0], "action_id", action_id, repaired[0], "id-ocr-review", 50.0)
                        return repaired[0], True
                return action_id, False
            self.log.add(page, expected, "action_id", action_id, expected, "id-ocr-sequence", 100.0)
            return expected, False
        repaired = repair_id(action_id, previous, shapes, self.vocab.ocr_confusions, following, self.ocr)
        if repaired is None:
            gap = gap_in_sequence(previous, following)
            if gap is not None:
                self.log.add(page, gap, "action_id", action_id, gap, "id-sequence-gap", 50.0)
                return gap, True
            self.log.flag(page, action_id, "action_id", action_id, "id-unexpected-shape")
            return action_id, True
        new_id, confirmed = repaired
        self.log.add(page, new_id, "action_id", action_id, new_id,
                     "id-ocr-sequence" if confirmed else "id-ocr-review", 100.0 if confirmed else 50.0)
        return new_id, not confirmed


def flag_missing_ids(actions: list[dict[str, Any]], log: CorrectionLog) -> None:
    """IDs a plan's sequence skips (``T3``, ``T4`` between ``T2`` and ``T5``): rows the reading may have
    lost, never passed over silently. A doubt about the page the sequence resumes on, not about a row."""
    by_plan: dict[str, list[dict[str, Any]]] = {}
    for a in actions:
        by_plan.setdefault(a["plan"], []).append(a)
    for in_plan in by_plan.values():
        for position, missing in missing_ids([a["action_id"] for a in in_plan]):
            pages = in_plan[position]["source_pages"]
            log.flag(pages[0] if pages else 0, "", "action_id", ", ".join(missing), "ids-missing")


def flag_duplicate_ids(actions: list[dict[str, Any]], log: CorrectionLog) -> None:
    """An ID printed more than once in a plan (a repeated page, an overprinted or pasted-twice table, a
    typo) is never passed on silently: every copy is flagged for review."""
    count: dict[tuple[str, str], int] = {}
    for a in actions:
        key = (a["plan"], a["action_id"])
        count[key] = count.get(key, 0) + 1
    for a in actions:
        if count[(a["plan"], a["action_id"])] > 1 and a["action_id"]:
            a["needs_review"] = True
            log.flag(a["source_pages"][0] if a["source_pages"] else 0, a["action_id"], "action_id",
                     a["action_id"], "id-duplicate")
