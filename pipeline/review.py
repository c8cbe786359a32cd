"""The corrections log → what a reviewer acts on: per flagged value the action, the field, what was printed,
what the pipeline made of it, why in plain words, what to do next, a crop of the page and the exact line
to paste; per action, badges for the doubts it carries; per unmatched name, a mapping line only where the
candidate is plausible."""
from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from typing import Any

from normalise.build import Built, reads_as_data
from normalise.corrections import REVIEW_RULES, Correction, CorrectionLog
from normalise.overrides import printed_value
from normalise.vocabulary import Vocabulary

from .page_images import PagePictures

# The corrections log's field names → the overrides.csv field that sets it (IDs are not overridable).
OVERRIDE_FIELD = {"start": "start_date", "end": "end_date", "start_raw": "start_date", "end_raw": "end_date",
                  "lead_teams": "lead_teams", "partners": "partners", "theme": "theme",
                  "delivery_periods": "delivery_periods", "action": "action"}

# What to do about each kind of doubt, in the analyst's words.
NEXT_STEP = {
    "canonical-name-review": "Look at the crop. If the match is right, add the printed form to the canonical "
                             "list; if not, paste the line below with the right names.",
    "id-ocr-review": "Check the ID in the crop. IDs are not overridable: if it is wrong, ask for a corrected "
                     "appendix or note it in your analysis.",
    "id-unexpected-shape": "Check the ID in the crop: a typo in the appendix, or a plan with its own numbering.",
    "id-sequence-gap": "Check the crop: the ID was not legible and was taken from its neighbours.",
    "column-spill-review": "Check the row against the crop: its table's header lost a column's label, and "
                           "the value was found after a date.",
    "id-text-review": "Read the ID cell in the crop: if the words after the ID begin the action, paste the line "
                      "below with the action text corrected.",
    "id-out-of-sequence": "Check the ID in the crop (the reading is in corrections.csv): the gap its neighbours "
                          "leave was taken; if the plan does number so, note it in your analysis (IDs are "
                          "not overridable).",
    "date-unparsed": "Read the date in the crop and paste the line below with it (an ISO date, or Ongoing); "
                     "a wording used often belongs in date_words.csv.",
    "delivery-disagrees-with-dates": "Compare the shaded years with the start and end in the crop; paste the "
                                     "line below with the years that are right.",
    "theme-rejoin-review": "Check the section heading in the crop; add it to themes.csv if it is a real theme.",
    "theme-ocr-review": "Read the section heading in the crop: if it is misread, paste the line below with the "
                        "printed theme; a theme used often belongs in themes.csv.",
    "id-duplicate": "Two rows print this ID: check both pages, and report the duplicate to the publisher.",
    "name-join-review": "One name or two? Paste the line below with the names as they should be.",
    "lead-missing": "A merged cell above, or a cell left blank? Paste the line below with the lead team.",
    "lead-from-above": "Look at the crop: if the lead cell above is not merged over this row, paste the line "
                       "below with this row's lead team (or none).",
    "merged-cell-review": "Look at the crop: if the names do not belong to every row they were given to, "
                          "paste the line below with this row's own names.",
    "lead-shared-review": "Look at the crop: if this row's lead cell does not run over the rows below, set "
                          "their lead teams (their lines are in this report too).",
    "name-is-data": "Check the crop and the column headings: paste the line below with the names that are "
                    "printed, and set the date that was read here in the date field.",
    "rows-unread": "Look at the page for the IDs named: their rows were not read, so those actions are missing "
                   "from the tables. If the page continues a table from the page before with no header of its "
                   "own, or is a scan, report the file and page so the reader can be taught that layout.",
    "plan-missing": "Look at the page for the plan's title above the table: the action is in the tables under "
                    "an empty plan. If a title is printed, report the file and page so the reader can be taught "
                    "to find it.",
    "theme-carried-review": "Look at the page before this row for a section heading among the rows that were "
                            "not read: if there is one, paste the line below with that theme.",
    "column-unread": "Look at the crop's table for the column: if it is printed, paste the line below with the "
                     "row's value, and report the page so the reader can be taught its header.",
    "plan-review": "Look at the pages between the plan's title and this row: if the heading named starts a "
                   "new plan, the row is in that plan; report the file and page so the reader can be taught "
                   "the table under that heading.",
    "delivery-unread": "Look at the row's Gantt columns in the crop: if years are marked, paste the line "
                       "below with them.",
    "value-unread": "Read the field in the crop: if a value is printed, paste the line below with it.",
    "ocr-low-confidence": "Read the field in the crop: if the value read is not what is printed, paste the line "
                          "below with the printed value.",
    "table-unread": "Look at the page below (What the parser saw): if its header is legible, add the wording "
                    "that was misread to headers.csv in your vocabulary folder and run again.",
    "row-join-review": "Look at the crop: if the row below starts a new action, its ID was lost in reading; "
                       "paste the line below with this action's own text, and report the lost row.",
    "hyphen-review": "Read the word in the crop: if the hyphen only broke the word at the line's end, paste "
                     "the line below with the action text joined up.",
    "ids-missing": "Look for these IDs on this page and the one before (What the parser saw): if they are "
                   "printed, the rows were lost in reading (report it with the page); if not, nothing to do.",
    "ocr-spelling-review": "Read the word in the crop and paste the line below with the action text corrected.",
    "ocr-number-review": "Read the number in the crop; if it is a word, paste the line below with the action "
                         "text corrected.",
}
SCORED_RULES = {"canonical-name-review"}  # rules whose score is a name match's (the others' is a placeholder)
PLAUSIBLE_CANDIDATE = 70.0  # a canonical name scoring below this is not offered as what was meant
BADGES = {  # correction rules → the badge an action carries in the actions table
    "id-lookalike": "ID repaired", "id-cleaned": "ID repaired", "id-ocr-sequence": "ID repaired",
    "id-ocr-review": "OCR doubt", "id-sequence-gap": "ID repaired", "id-unexpected-shape": "ID doubt",
    "id-out-of-sequence": "ID doubt", "id-text-review": "OCR doubt", "column-spill-review": "OCR doubt",
    "id-duplicate": "ID doubt", "ocr-stray": "OCR repaired", "date-unparsed": "date not parsed",
    "canonical-name-review": "name doubt", "name-join-review": "name doubt", "lead-missing": "lead missing",
    "lead-from-above": "lead from above", "lead-shared-review": "lead shared?",
    "merged-cell-review": "merged cell?",
    "delivery-disagrees-with-dates": "Gantt ≠ dates", "theme-rejoin-review": "theme doubt",
    "theme-ocr-review": "theme doubt",
    "ocr-spelling": "OCR repaired", "ocr-spelling-review": "OCR doubt", "ocr-number-review": "OCR doubt",
    "ocr-spacing": "OCR repaired",
    "ocr-cell-spill": "OCR repaired",
    "name-is-data": "name doubt", "row-join-review": "OCR doubt", "hyphen-review": "hyphen doubt",
}


def csv_line(values: list[str]) -> str:
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="").writerow(values)
    return buffer.getvalue()


def shown(value: Any) -> str:
    return "; ".join(value) if isinstance(value, list) else ("" if value is None else str(value))


def override_line(built: Built, action: dict[str, Any], field: str, note: str) -> str:
    """The overrides.csv line that sets ``field`` of ``action`` to what the pipeline made of it (for the
    analyst to correct), with ``printed`` so that the line goes stale if the printing changes."""
    value = shown(action[field])
    if field.endswith("_date") and action[field] is None and action[field.replace("_date", "_ongoing")]:
        value = "Ongoing"
    return csv_line([action["plan"], action["action_id"], field, value, note, printed_value(built, action, field)])


def action_index(built: Built, correction: Correction) -> int | None:
    """The action a correction is about: its ID, on the correction's page where two rows share the ID."""
    found = [i for i, a in enumerate(built.actions) if a["action_id"] == correction.action_id]
    on_page = [i for i in found if correction.page in built.actions[i]["source_pages"]]
    chosen = on_page or found
    return chosen[0] if chosen else None


@dataclass(frozen=True)
class ReviewItem:
    index: int  # the action's row in the actions table
    plan: str
    action_id: str
    action: str
    page: int
    field: str
    printed: str
    made: str
    reason: str
    next_step: str
    line: str  # to paste into overrides.csv, "" where the field cannot be overridden
    crop: str  # data: URI of the page around the cell, "" where the value has no cell


def reason_text(c: Correction) -> str:
    """The rule in plain words, with the score where there is one."""
    text = REVIEW_RULES[c.rule]
    if c.score and c.rule in SCORED_RULES:
        text += f" (match score {c.score:.0f} of 100)"
    return text[0].upper() + text[1:]


def review_items(built: Built, log: CorrectionLog, pictures: PagePictures | None) -> list[ReviewItem]:
    """One item per flagged (action, field, rule) on a row that still needs review."""
    items, seen = [], set()
    for c in log.rows:
        if c.rule in REVIEW_RULES and not c.action_id:
            # A doubt about a page, not an action (a table that could not be read): named by its page.
            items.append(ReviewItem(index=-1, plan="", action_id="", action="", page=c.page, field=c.field,
                                    printed=c.before, made="(nothing read)", reason=reason_text(c),
                                    next_step=NEXT_STEP.get(c.rule, "Check the page."), line="", crop=""))
            continue
        index = action_index(built, c) if c.rule in REVIEW_RULES else None
        if index is None or not built.actions[index]["needs_review"] or (index, c.field, c.rule) in seen:
            continue
        seen.add((index, c.field, c.rule))
        action = built.actions[index]
        field = OVERRIDE_FIELD.get(c.field)
        cells = built.cells[index].get(c.field.removesuffix("_raw"), []) if index < len(built.cells) else []
        crop = pictures.crop(cells) if pictures else None
        items.append(ReviewItem(
            index=index, plan=action["plan"], action_id=action["action_id"], action=action["action"],
            page=crop[0] if crop else c.page, field=c.field, printed=c.before,
            made=c.after if c.after != c.before else "(kept as printed)", reason=reason_text(c),
            next_step=NEXT_STEP.get(c.rule, "Check the crop against the value."),
            line=override_line(built, action, field, REVIEW_RULES[c.rule]) if field else "",
            crop=crop[1] if crop else ""))
    return items


def action_badges(built: Built, log: CorrectionLog) -> list[list[str]]:
    """Per action (in order), the doubts and repairs it carries, each named once."""
    out: list[list[str]] = [[] for _ in built.actions]
    for c in log.rows:
        badge = BADGES.get(c.rule)
        index = action_index(built, c) if badge else None
        if badge and index is not None and badge not in out[index]:
            out[index].append(badge)
    return out


@dataclass(frozen=True)
class UnmatchedItem:
    field: str
    name: str
    action_ids: str
    candidate: str  # "" where no plausible canonical name
    score: float
    advice: str
    line: str


def unmatched_items(built: Built, vocab: Vocabulary) -> list[UnmatchedItem]:
    out = []
    for u in sorted(built.unmatched.values(), key=lambda u: (u["field"], u["name"])):
        listing = "teams.csv" if u["field"] == "lead_teams" else "partners.csv"
        ids = "; ".join(dict.fromkeys(u["action_ids"]))
        if reads_as_data(u["name"], vocab):
            out.append(UnmatchedItem(u["field"], u["name"], ids, "", u["score"],
                                     "Not a name: a date or mark read into this column. Check the crop of "
                                     "these actions and set the field in overrides.csv.", ""))
        elif u["best_candidate"] and u["score"] >= PLAUSIBLE_CANDIDATE:
            out.append(UnmatchedItem(u["field"], u["name"], ids, u["best_candidate"], u["score"],
                                     f"If it is {u['best_candidate']}, add this line to {listing}:",
                                     csv_line([u["best_candidate"], u["name"]])))
        else:
            out.append(UnmatchedItem(u["field"], u["name"], ids, "", u["score"],
                                     f"A name in no list. To keep it as a canonical name, add to {listing}:",
                                     csv_line([u["name"], ""])))
    return out


def gantt_notes(built: Built, log: CorrectionLog) -> dict[int, str]:
    """Action index → where its marked years and its dates disagree, in words (from the corrections log)."""
    out = {}
    for c in log.rows:
        index = action_index(built, c) if c.rule == "delivery-disagrees-with-dates" else None
        if index is not None:
            derived = c.before.split("; ")
            out[index] = f"the page marks {c.after or 'no year'}; the dates span {derived[0]} to {derived[-1]}"
    return out
