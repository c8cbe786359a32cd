"""The corrections log: one row per change the pipeline made, so nothing changes or vanishes silently."""
from __future__ import annotations

from dataclasses import dataclass, field

# The rules that set ``needs_review``: a value kept or changed below the auto-accept confidence.
REVIEW_RULES = {
    "canonical-name-review": "low-confidence name match",
    "id-ocr-review": "ID read through OCR confusions, not confirmed by the sequence",
    "id-unexpected-shape": "ID of an unexpected shape",
    "id-out-of-sequence": "an OCR'd ID where its neighbours leave room for one other ID only (2.3 between 1.2 "
                          "and 1.4), taken as that one: a misread digit, or does the plan number so?",
    "column-spill-review": "a value of a column whose label its table lost, read after a date and moved there: "
                           "the table's header was misread",
    "id-text-review": "an OCR'd ID cell with words after the ID, cut off: the action's first, set over the "
                      "column's edge?",
    "id-sequence-gap": "ID read as no ID, taken from the gap between its neighbours",
    "date-unparsed": "date not understood",
    "delivery-disagrees-with-dates": "row whose delivery shading is unlike its dates",
    "theme-ocr-review": "an OCR'd section name no list knows, starting with a small letter (its first word "
                        "lost?) or holding a speck or a word no lexicon knows: is it the name printed?",
    "theme-rejoin-review": "section name rejoined by a guess",
    "id-duplicate": "ID printed more than once in the same plan",
    "name-join-review": "where one name ends and the next starts is unclear (an unknown name beside it, "
                        "a line break with no separator): one name or two?",
    "name-is-data": "a date or Gantt mark read where a name belongs, or a date run into a name (Transport "
                    "Jan-26): is the column's heading misread?",
    "ocr-value-review": "an OCR'd value of a column kept whole, printed once and holding no known word, taken as "
                        "the one value the column repeats or values.csv holds that it is close to (IX risk for At "
                        "risk): the letters misread could be others",
    "ocr-spelling-review": "an OCR'd word that is no word, with several readings alike, splitting into common "
                           "words (a space lost, or jargon), or a letter from a common word (redice): which was "
                           "printed?",
    "ocr-case-review": "an OCR'd capital among small words, on a letter OCR reads either way (Opportunities for "
                       "opportunities): a name's capital, or a misreading?",
    "ocr-punctuation-review": "an OCR'd stop or colon inside a sentence (before a small word), or a colon ending "
                              "it: a speck or a misread full stop?",
    "ocr-name-review": "an OCR'd name no list knows, close to one that is or holding no known word: a misreading?",
    "ocr-number-review": "an OCR'd number between two words, where a short word reads as well (10 for to)",
    "ocr-low-confidence": "a field OCR'd from a word tesseract was unsure of (its confidence in score): a "
                          "misreading no repair can tell (Jun for Jan, 8 for 3)?",
    "value-unread": "a scanned cell with print in it that OCR read nothing from (light type, a speck-covered "
                    "date): the row's value is missing, or the print is a neighbour's overflow",
    "plan-missing": "no plan title was read above the table (a heading OCR lost, or none printed): which "
                    "plan is this action in?",
    "theme-carried-review": "rows were lost above this one since its theme's heading was read (rows under a "
                            "table's end, or a table not read), or its ID starts a new series under that theme "
                            "(R1 after C5, no section row between): a section heading lost would give it "
                            "another theme",
    "column-unread": "a column the plan's other tables have was not read in this row's table (its header "
                     "lost?): the row's value for it is missing",
    "column-label-unread": "cells of the row under a scanned header label that reads as none (a Gantt "
                           "quarter, a sideways year or a mark OCR misread): which column are they?",
    "plan-review": "a heading over a table that could not be read lies between the row and its plan's "
                   "title: is the row in the plan that heading starts?",
    "delivery-unread": "a scanned row whose Gantt columns show no mark read (a mark lost in the image?), or "
                       "whose Gantt's years could not be read from its header: its delivery years taken from "
                       "its dates",
    "rows-unread": "a page with more lines that start with action IDs than actions read from it (a table "
                   "continued with no header, one the parser could not see, or rows it lost): actions are missing",
    "table-unread": "a table whose rows start with action IDs, under a header that could not be read: its "
                    "actions are missing",
    "row-join-review": "a scanned row with no ID read as part of the row above: one action, or two with "
                       "an ID the OCR lost?",
    "hyphen-review": "a hyphen at a line's end kept as printed, where a typesetter's break reads as well "
                     "(re-use: reuse?)",
    "ids-missing": "IDs the plan's sequence skips: rows lost in reading, or numbers the plan does not use?",
    "lead-missing": "no lead team printed in the row (a merged cell above, or a cell left blank?)",
    "lead-from-above": "no lead team printed in the row, in a table without rules: taken from the row above "
                       "(a merged cell, or a cell left blank?)",
    "merged-cell-review": "names printed once over several rows, in a table without a full grid (their text "
                          "runs on into the row below, or a rule stops short): given to each row it covers",
    "lead-shared-review": "the rows below print no lead team, in a table without rules: is this row's lead "
                          "cell merged over them?",
}


@dataclass(frozen=True)
class Correction:
    page: int
    action_id: str
    field: str
    before: str
    after: str
    rule: str
    score: float | None = None


@dataclass
class CorrectionLog:
    rows: list[Correction] = field(default_factory=list)

    def add(self, page: int, action_id: str, field_name: str, before: str, after: str, rule: str,
            score: float | None = None) -> None:
        if before != after:
            self.rows.append(Correction(page, action_id, field_name, before, after, rule, score))

    def flag(self, page: int, action_id: str, field_name: str, text: str, rule: str, score: float = 0.0) -> None:
        """A value kept as it is but not trusted: logged so the analyst sees why the row needs review."""
        self.rows.append(Correction(page, action_id, field_name, text, text, rule, score))

    def rules(self) -> dict[str, int]:
        counts: dict[str, int] = {}
        for row in self.rows:
            counts[row.rule] = counts.get(row.rule, 0) + 1
        return counts
