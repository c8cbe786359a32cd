"""OCR'd values of the extra columns, a label's second line under the header, and glued words."""
from __future__ import annotations

from collections import Counter

from normalise.corrections import CorrectionLog
from normalise.extra_values import settle_extra_values, spaced_twin
from normalise.glued_words import glued_splits
from normalise.headers import header_row_count
from normalise.ocr_spelling import OcrLexicon
from normalise.vocabulary import load_vocabulary


def row(action_id: str, column: str, value: str) -> dict[str, str]:
    return {"source_file": "t.pdf", "plan": "P", "action_id": action_id, "column": column, "value": value}


def test_a_value_whose_spaces_ocr_lost_takes_its_columns_spaced_twin() -> None:
    values = Counter({"On track": 3, "Ontrack": 1, "At risk": 1, "Not started": 1})
    assert spaced_twin("Ontrack", values) == "On track"
    assert spaced_twin("On track", values) is None  # the spaced one stays
    assert spaced_twin("Atrisk", values - Counter({"At risk": 1})) is None  # no twin in the column: as read
    assert spaced_twin("Ontrack", Counter({"Ontrack": 1, "On track": 1, "Ont rack": 1})) is None  # two: no guess


def test_with_no_twin_in_its_column_a_common_value_vouches_for_the_spaces() -> None:
    # values.csv: a Status's common wordings. The spaces go in where the known value has them; the capitals
    # stay as printed. A column's own twin comes first; a value the list knows two ways is left as read.
    known = load_vocabulary().values
    assert {"On track", "Not started"} <= known
    assert spaced_twin("Ontrack", Counter({"Ontrack": 1}), known) == "On track"
    assert spaced_twin("NotStarted", Counter(), known) == "Not Started"
    assert spaced_twin("Linkedtothe LTP", Counter(), known) is None
    assert spaced_twin("Ontrack", Counter({"On Track": 1}), known) == "On Track"
    assert spaced_twin("Ontrack", Counter(), frozenset({"On track", "Ont rack"})) is None


def test_extra_values_are_respelled_spaced_and_logged_and_doubts_flag_the_row() -> None:
    vocab = load_vocabulary()
    lexicon = OcrLexicon.of([], [], vocab.ocr_letters)
    rows = [row("1.1", "Status", "On track"), row("1.2", "Status", "Ontrack"), row("1.3", "Status", "Compiete"),
            row("1.4", "Comments", "Linkedtothe LTP")]
    log = CorrectionLog()
    doubted = settle_extra_values(rows, lexicon, log, {("P", "1.2"): 3})
    assert [r["value"] for r in rows] == ["On track", "On track", "Complete", "Linkedtothe LTP"]
    changes = [(c.page, c.action_id, c.field, c.before, c.after, c.rule) for c in log.rows
               if c.rule != "ocr-spelling-review"]
    assert changes == [(3, "1.2", "Status", "Ontrack", "On track", "ocr-spacing"),
                       (0, "1.3", "Status", "Compiete", "Complete", "ocr-spelling")]
    # Glued words with no twin: kept as read, the row flagged (jargon splits too: "insetting").
    assert doubted == {("P", "1.4")}


def test_a_word_is_cut_into_common_words_only() -> None:
    assert ("linked", "to", "the") in glued_splits("Linkedtothe")
    assert ("on", "track") in glued_splits("Ontrack") and ("ont", "rack") not in glued_splits("Ontrack")  # rare
    assert glued_splits("Wansbeck") == []  # a name: no common words
    assert glued_splits("LTP") == [] and glued_splits("to") == []  # an acronym, a short word


def test_a_labels_second_line_under_the_header_is_header_not_data() -> None:
    headers = load_vocabulary().headers
    top = ["Ref", "Actions", "Partners", "Start", "To", "Indicative", "Delivery Period"]
    first = ["2.1", "Plant trees.", "Schools", "Jun-27", "Ongoing", "25", ""]
    # "cost (£k)" completes "Indicative" to a label the vocabulary knows: a second header row.
    assert header_row_count([top, ["", "", "", "", "", "cost\n(£k)", "2024/25 2025/26 20"], first], headers) == 2
    # ... and "(£k)" completes "Indicative cost", a label of its own, to a longer one.
    top[5] = "Indicative cost"
    assert header_row_count([top, ["", "", "", "", "", "(£k)", "2024/25 2025/26 20"], first], headers) == 2
    # A row continued from the page before is data, though it has no ID.
    assert header_row_count([top, ["", "and schools.", "", "", "", "", ""], first], headers) == 1


def test_a_label_read_in_part_takes_the_earlier_tables_label_of_the_same_layout() -> None:
    from normalise.column_maps import UNREAD_LABEL, labels_from_layout

    headers = load_vocabulary().headers
    earlier = {4: "Indicative cost (£k)", 5: "Status"}
    log = CorrectionLog()
    got = labels_from_layout({4: "(£k)", 5: UNREAD_LABEL + "a"}, earlier, headers, log, 3)
    assert got == {4: "Indicative cost (£k)", 5: UNREAD_LABEL + "a"}  # a mark's reading is no part of "Status"
    assert [(c.before, c.after, c.rule) for c in log.rows] == [("(£k)", "Indicative cost (£k)", "label-from-layout")]
    assert labels_from_layout({4: "nd cost (€k)"}, earlier, headers, log, 4) == {4: "Indicative cost (£k)"}
    # A label read whole, or one the earlier table does not have, stays as read.
    assert labels_from_layout({4: "Comments"}, earlier, headers, log, 4) == {4: "Comments"}
    assert labels_from_layout({6: "Risk owner"}, earlier, headers, log, 4) == {6: "Risk owner"}


def test_a_word_splitting_into_common_words_is_a_doubt_in_a_columns_value_not_in_prose() -> None:
    lexicon = OcrLexicon.of([], [], load_vocabulary().ocr_letters)
    # Prose's jargon splits as well, into a prefix or a particle: "reprocure", "rollout" are printed so.
    # Two words of four letters or more run together are a space lost. ("insetting", printed once, is a
    # doubt all the same: a letter from "inserting", as a misread "redice" is from "reduce".)
    assert not lexicon.respell("reprocure the rollout").doubts
    assert lexicon.respell("reprocure the insetting rollout").doubts == [("insetting", "ocr-spelling-review")]
    assert lexicon.respell("across solarheat businesses").doubts == [("solarheat", "ocr-spelling-review")]
    assert lexicon.respell("Linkedtothe LTP", short_value=True).doubts == [("Linkedtothe", "ocr-spelling-review")]


def test_a_categorical_value_misread_takes_the_one_value_it_is_close_to_flagged() -> None:
    from normalise.extra_values import misread_value

    lexicon = OcrLexicon.of([], [], load_vocabulary().ocr_letters)
    known = frozenset({"At risk", "On track", "Not started", "Delayed"})
    assert misread_value("IX risk", known, lexicon) == "At risk"
    # Known words (a comment of its own), a number, a known value itself, or no close one: as read.
    assert misread_value("At risk", known, lexicon) is None
    assert misread_value("Not funded", known, lexicon) is None
    assert misread_value("1,250", frozenset({"1,200"}), lexicon) is None
    assert misread_value("Qzxv", known, lexicon) is None
    rows = [row("1.1", "Status", "IX risk"), row("1.2", "Status", "On track")]
    log = CorrectionLog()
    doubted = settle_extra_values(rows, lexicon, log, {}, known)
    assert rows[0]["value"] == "At risk" and doubted == {("P", "1.1")}
    assert [(c.before, c.after, c.rule) for c in log.rows if c.rule == "ocr-value-review"] == [
        ("IX risk", "At risk", "ocr-value-review")]
