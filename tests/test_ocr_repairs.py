"""OCR-specific repairs: IDs from the sequence and the confusion table, cells read again from the image."""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest
from PIL import Image, ImageDraw

from extract.cell_ocr import doubtful, header_suspect, prepared, read_crops, worth_reading
from extract.cell_sides import cell_pixels, has_print, holds_unread_print, ruled_cell
from extract.model import RawCell
from extract.ocr import OCR_DPI, tesseract
from normalise.ids import (
    dominant_shapes,
    expected_by_reading,
    gap_in_sequence,
    missing_ids,
    next_in_sequence,
    repair_id,
)
from normalise.ocr_spelling import GLUED_STOP, OcrLexicon
from normalise.vocabulary import load_vocabulary

CONFUSIONS = load_vocabulary().ocr_confusions


@pytest.mark.parametrize("seen, previous, shapes, repaired", [
    ("TS", "T4", {"A9"}, ("T5", True)),      # S for 5, and T5 is next
    ("72", "T1", {"A9"}, ("T2", True)),      # 7 for T
    ("13", "T2", {"A9"}, ("T3", True)),      # 1 for T
    ("El", "B6", {"A9"}, ("E1", False)),     # a new section starts: nothing confirms it
    ("Lees", "LCC.4", {"A.9"}, None),        # no reading has the table's shape
])
def test_repair_id(seen: str, previous: str, shapes: set[str], repaired: tuple[str, bool] | None) -> None:
    assert repair_id(seen, previous, shapes, CONFUSIONS) == repaired


def test_the_first_id_of_a_series_is_confirmed_by_the_one_after_it() -> None:
    # "El" after B6 starts a new series: nothing before confirms E1, but the row below reads E2.
    assert repair_id("El", "B6", {"A9"}, CONFUSIONS, following="E2") == ("E1", True)
    assert repair_id("El", "B6", {"A9"}, CONFUSIONS, following="E7") == ("E1", False)
    assert repair_id("El", "B6", {"A9"}, CONFUSIONS, following=None) == ("E1", False)


def test_an_id_of_the_right_shape_one_reading_from_the_next_is_the_next() -> None:
    assert expected_by_reading("I3", "T2", CONFUSIONS) == "T3"
    assert expected_by_reading("T3", "T2", CONFUSIONS) is None      # as printed
    assert expected_by_reading("B1", "T9", CONFUSIONS) is None      # a new section, not a misreading
    assert expected_by_reading("T4", "T2", CONFUSIONS) is None      # a gap in the numbering stays a gap


def test_a_shape_that_is_a_more_used_one_with_its_stops_lost_is_suspect_on_ocrd_text() -> None:
    ids = ["11", "21", "2.2", "2.3", "3.1"]  # tiny print lost two stops
    assert dominant_shapes(ids) == {"9", "9.9"}
    assert dominant_shapes(ids, stops=True) == {"9.9"}
    assert dominant_shapes(["1", "2", "3", "3.1"], stops=True) == {"9", "9.9"}  # the plain numbers are the many


def test_a_stop_ocr_dropped_or_read_as_a_comma_is_put_back_where_the_sequence_expects_it() -> None:
    assert repair_id("14", "1.3", {"9.9"}, CONFUSIONS, "1.5", stops=True) == ("1.4", True)
    assert repair_id("1,1", None, {"9.9"}, CONFUSIONS, "1.2", stops=True) == ("1.1", True)
    assert repair_id("1s", "1.4", {"9.9"}, CONFUSIONS, stops=True) == ("1.5", True)  # and S for 5
    assert repair_id("LCC7", "LCC.6", {"A.9"}, CONFUSIONS, stops=True) == ("LCC.7", True)
    assert repair_id("Lees", "LCC.4", {"A.9"}, CONFUSIONS, stops=True) is None  # unconfirmed: no guess
    # The first of a plan, "11" in tiny print: one place for the stop, taken for review.
    assert repair_id("11", None, {"9.9"}, CONFUSIONS, "21", stops=True) == ("1.1", False)
    assert repair_id("111", None, {"9.9"}, CONFUSIONS, "21", stops=True) is None  # 1.11 or 11.1: no guess
    # Where the table's IDs of both shapes are common, the one the sequence expects next.
    assert expected_by_reading("14", "1.3", CONFUSIONS, stops=True) == "1.4"
    assert expected_by_reading("14", "13", CONFUSIONS, stops=True) is None  # as printed, after 13
    assert expected_by_reading("21", "1.5", CONFUSIONS, stops=True) is None  # no reading of 21 follows 1.5
    # Born-digital text loses no stops: an ID printed "14" stays as printed.
    assert repair_id("14", "1.3", {"9.9"}, CONFUSIONS, "1.5") is None
    assert expected_by_reading("14", "1.3", CONFUSIONS) is None


def test_a_character_too_many_is_left_out_only_where_the_sequence_confirms_it() -> None:
    assert repair_id("Til", "LCC.14", {"A9", "A.9"}, CONFUSIONS, "T2", stops=True) == ("T1", True)  # a serif
    assert repair_id("Lil", None, {"9.9"}, CONFUSIONS, "1.2", stops=True) == ("1.1", True)  # and the stop
    assert repair_id("332", "3.1", {"9.9"}, CONFUSIONS, stops=True) == ("3.2", True)  # the stop read as a 3
    assert repair_id("NZ.1°", None, {"A.9"}, CONFUSIONS, "NZ.2", stops=True) == ("NZ.1", True)
    # Unconfirmed: the one reading that starts a series, for review (the first row of a plan) ...
    assert repair_id("Til", "LCC.14", {"A9"}, CONFUSIONS, None, stops=True) == ("T1", False)
    assert repair_id("Til", None, {"A9"}, CONFUSIONS, None, stops=True) == ("T1", False)
    # ... else nothing left out: a reading of the table's shape for review, or none.
    assert repair_id("Til", "T1", {"A9"}, CONFUSIONS, None, stops=True) == ("TI1", False)
    assert repair_id("332", None, {"9.9"}, CONFUSIONS, "1.2", stops=True) is None
    # Born-digital text: never.
    assert repair_id("NZ.1°", None, {"A.9"}, CONFUSIONS, "NZ.2") is None


def test_a_gap_between_neighbours_names_the_id() -> None:
    assert gap_in_sequence("LCC.4", "LCC.6") == "LCC.5"
    assert gap_in_sequence("LCC.4", "LCC.7") is None
    assert gap_in_sequence(None, "T2") is None and gap_in_sequence("T9", None) is None


@pytest.mark.parametrize("ids, missing", [
    (["T1", "T2", "T5", "B1", "B2"], [(2, ["T3", "T4"])]),  # two rows lost between T2 and T5
    (["LCC.3", "LCC.4"], [(0, ["LCC.1", "LCC.2"])]),  # the plan's first rows lost
    (["1.1", "1.2", "2.1", "2.3"], [(3, ["2.2"])]),  # each prefix its own sequence
    (["T10", "T20", "T30"], []),  # numbered in tens: a scheme, not lost rows
    (["NZ-03", "NZ-05"], [(0, ["NZ-01", "NZ-02"]), (1, ["NZ-04"])]),  # zero-padded as printed
    (["E1", "E2", "E1", "Ex"], []),  # a repeat, or no number: nothing to say
])
def test_ids_a_sequence_skips_are_named(ids: list[str], missing: list[tuple[int, list[str]]]) -> None:
    assert missing_ids(ids) == missing


def page_with_cells() -> tuple[np.ndarray, float]:
    """A white page at OCR resolution: a row of three ruled cells, "25" in the first, under a merged
    heading over the last two, whose print runs across the split camelot's grid puts in it."""
    scale = OCR_DPI / 72
    image = Image.new("L", (int(300 * scale), int(100 * scale)), 255)
    draw = ImageDraw.Draw(image)
    px = lambda *v: [int(x * scale) for x in v]  # noqa: E731
    for x in (10, 60, 110, 160):
        draw.line(px(x, 30, x, 50) if x == 110 else px(x, 10, x, 50), fill=0, width=2)
    for y in (10, 50):
        draw.line(px(10, y, 160, y), fill=0, width=2)
    draw.line(px(10, 30, 160, 30), fill=0, width=2)
    draw.text(px(30, 36), "25", fill=0, font_size=int(9 * scale))
    draw.text(px(75, 14), "Delivery Period", fill=0, font_size=int(9 * scale))
    return np.asarray(image), scale


def cell(x0: float, top: float, x1: float, bottom: float) -> RawCell:
    return RawCell(1, 0, 0, 0, x0, top, x1, bottom, "", "")


def test_only_ruled_cells_with_print_are_read_again() -> None:
    page, scale = page_with_cells()
    ruled, empty = cell(10, 30, 60, 50), cell(60, 30, 110, 50)
    assert ruled_cell(page, ruled, scale) and ruled_cell(page, empty, scale)
    assert not ruled_cell(page, cell(160, 30, 210, 50), scale)  # beyond the table: no rules
    assert has_print(cell_pixels(page, ruled, scale)) and not has_print(cell_pixels(page, empty, scale))
    # the right half of the merged heading: print, but no rule on its left where the text runs on
    half = cell(110, 10, 160, 30)
    assert has_print(cell_pixels(page, half, scale)) and not ruled_cell(page, half, scale)


def test_a_doubtful_cell_of_a_table_without_rules_is_read_again_though_unruled() -> None:
    page, scale = page_with_cells()
    half = cell(110, 10, 160, 30)  # print, no rule on its left
    doubt = replace(half, text="Per", confidence=30.0)
    assert worth_reading(page, doubt, scale, ruled_table=False)
    assert not worth_reading(page, doubt, scale, ruled_table=True)  # a grid's part of a merged cell
    assert not worth_reading(page, half, scale, ruled_table=False)  # empty: may be a neighbour's overflow
    assert not worth_reading(page, replace(half, text="Period", confidence=95.0), scale, ruled_table=False)
    ruled = cell(10, 30, 60, 50)
    assert worth_reading(page, ruled, scale, ruled_table=True)  # empty, ruled, with print
    # Not read again, an empty cell with print is no blank: it says so (UNREAD_PRINT) for normalise to flag.
    assert holds_unread_print(page, half, scale) and not holds_unread_print(page, cell(60, 30, 110, 50), scale)
    assert not holds_unread_print(page, replace(half, text="Period"), scale)  # read: its words say


def test_a_header_cell_that_reads_as_no_label_is_read_again() -> None:
    from functools import partial

    from extract.header_labels import is_header_label
    is_label = partial(is_header_label, vocabulary=load_vocabulary().headers)
    garbled = replace(cell(10, 30, 60, 50), text="eee", confidence=80.0)  # sure of it, and wrong
    assert header_suspect(garbled, is_label) and not doubtful(garbled)
    assert not header_suspect(replace(garbled, text="Actions"), is_label)
    assert not header_suspect(replace(garbled, row=4), is_label)  # a body row: read as it is
    assert not header_suspect(garbled, None)
    page, scale = page_with_cells()
    assert worth_reading(page, garbled, scale, ruled_table=True, suspect=True)
    assert not worth_reading(page, garbled, scale, ruled_table=True)


@pytest.mark.skipif(not tesseract(), reason="needs tesseract (apt-get install tesseract-ocr)")
def test_a_cell_is_read_on_its_own(tmp_path) -> None:
    page, scale = page_with_cells()
    crops = [prepared(cell_pixels(page, cell(10, 30, 60, 50), scale))]
    [(text, confidence)] = read_crops(str(tesseract()), crops, tmp_path)
    assert text == "25" and confidence > 80


def test_a_solid_fill_is_no_print() -> None:
    fill = np.full((40, 80), 40, dtype=np.uint8)  # a Gantt cell a dark photocopy turned nearly black
    assert not has_print(fill)
    fill[10:20, 10:30] = 255  # even with a light patch (a speck of paper showing through)
    assert not has_print(fill)


def test_short_cells_read_with_doubt_are_read_again() -> None:
    base = cell(10, 30, 60, 50)
    assert doubtful(replace(base, text="Ex", confidence=40.0))
    assert not doubtful(replace(base, text="E1", confidence=92.0))
    assert not doubtful(replace(base, text="E1"))  # -1: not OCR'd (a born-digital page)
    assert not doubtful(replace(base, text="Work with partners\nto deliver", confidence=40.0))  # not one line


LETTERS = load_vocabulary().ocr_letters


@pytest.mark.parametrize("printed, now", [
    ("enviranmental gaals.", "environmental goals."),  # a for o; "gaols" is a word too, but rare
    ("Wark with high mileage", "Work with high mileage"),  # the case of the word printed is kept
    ("thraugh the househalders", "through the householders"),
    ("a new mode! of care", "a new model of care"),  # ! for l at a word's end
    ("strateqy", "strategy"),  # q for g
    ("cormmunities", "communities"),  # rm for m (scan seed 37)
    ("ta the depot", "to the depot"),  # a short misreading, however often it repeats
])
def test_ocr_misreadings_are_respelled(printed: str, now: str) -> None:
    # Printed twice: a short misreading ("ta") repeats, and still is not taken for the document's own word.
    texts = [printed, printed] if printed.startswith("ta ") else [printed]
    result = OcrLexicon.of(texts, [], LETTERS).respell(printed)
    assert result.text == now and result.changes and not result.doubts


@pytest.mark.parametrize("printed", [
    "insetting within the value chain",  # jargon: no reading is a confusion away
    "reprocure the HVO contract",  # a coinage and an acronym
    "Ofgem and DESNZ",
    "the deiver",  # a printed typo: its one reading ("delver") is too rare to be what was meant
    "farm and form",  # real words are never changed
])
def test_words_without_a_clear_reading_are_left_as_printed(printed: str) -> None:
    result = OcrLexicon.of([printed], [], LETTERS).respell(printed)
    assert result.text == printed and not result.changes


def test_a_word_the_document_repeats_is_its_own() -> None:
    text = "Taurism Board; the Taurism Board again"
    assert OcrLexicon.of([text], [], LETTERS).respell(text).text == text
    assert OcrLexicon.of([], ["Taurism Board"], LETTERS).respell(text).text == text  # a vocabulary name


def test_a_number_between_words_where_a_word_reads_as_well_is_flagged_not_changed() -> None:
    result = OcrLexicon.of([], [], LETTERS).respell("difficult 10 transition, across 61 Council buildings")
    assert result.text == "difficult 10 transition, across 61 Council buildings"
    assert result.doubts == [("10", "ocr-number-review")]
    lost = OcrLexicon.of([], [], LETTERS).respell("difficult 0 transition, package 1 which")
    assert lost.text == "difficult 0 transition, package 1 which" and lost.doubts == [("0", "ocr-number-review")]


def test_raw_keeps_how_the_text_layer_was_made(tmp_path: Path) -> None:
    # A reused raw/ must still say the text was OCR'd (re-spelling and the report's straightening use it).
    from extract import ExtractSettings
    from extract.raw_io import read_raw, write_raw
    from extract.run import Extraction
    extraction = Extraction("a.pdf", "0" * 64, ExtractSettings())
    extraction.ocr = {"engine": "tesseract", "dpi": OCR_DPI, "skew_degrees": {"1": 0.93}}
    write_raw(extraction, tmp_path / "raw")
    assert read_raw(tmp_path / "raw").ocr == extraction.ocr


def test_a_single_digit_between_words_is_a_number() -> None:
    result = OcrLexicon.of([], [], LETTERS).respell("work package 1 which will research")
    assert result.text == "work package 1 which will research" and not result.doubts


def test_the_table_that_reads_more_header_labels_is_known() -> None:
    from extract.model import RawTable
    from extract.run import header_labels_read

    def table(texts: list[str]) -> RawTable:
        t = RawTable(0, 1, 1, "lattice", 0, 0, 100, 100, 2, len(texts), 0.0, 0.0, "")
        t.cells = [RawCell(1, 0, 0, c, c * 10.0, 0, c * 10.0 + 10, 10, text, "") for c, text in enumerate(texts)]
        return t

    headers = load_vocabulary().headers
    cut = table(["Ref Actions Key partners", "Lead team From", "To 2024/25"])  # a grid from shading edges
    whole = table(["Ref", "Actions", "Key partners", "Lead team", "From", "To", "2024/25"])
    assert header_labels_read([whole], headers) > header_labels_read([cut], headers)
    assert header_labels_read([], headers) == 0


def test_a_grid_cell_holding_a_label_and_speckle_still_labels_its_column() -> None:
    # A grid cell holds whatever ink lies inside it: shading beside "To" ("To Wee"), a rule's end before a
    # year ("|2025/ 26"). The words' own table sets that speckle in rows apart, its header over two rows
    # ("Start" / "date"); counted by column, the grid is not read as missing its header for it.
    from extract.header_labels import labelled_columns
    from extract.model import RawTable
    from extract.run import labelled_columns_read

    def table(rows: list[list[str]]) -> RawTable:
        t = RawTable(0, 1, 1, "lattice", 0, 0, 100, 100, len(rows), len(rows[0]), 0.0, 0.0, "")
        t.cells = [RawCell(1, 0, r, c, c * 10.0, r * 10.0, c * 10.0 + 10, r * 10.0 + 10, text, "")
                   for r, row in enumerate(rows) for c, text in enumerate(row)]
        return t

    headers = load_vocabulary().headers
    grid = table([["No.", "/|Actions”", "|Lead officer", "Start date.", "To Wee", "2024/ p’)-§", "|2025/ 26"],
                  ["N2 .", "Businesses opportunities", "Planning", "Jan-28", "Jun-28", "", "/"]])
    words = table([["No.", "Actions", "Lead officer", "Start", "To", "2024/", "|2025/"],
                   ["", "", "", "date.", "Wee", "p’)-§", "26"], ["N2", "Businesses", "Planning", "Jan-28", "", "", ""]])
    assert labelled_columns(grid, headers) == labelled_columns(words, headers) == 7
    assert not labelled_columns_read([words], headers) > labelled_columns_read([grid], headers)  # the grid stays
    cut = table([["Ref Actions Key partners", "Lead team From", "To 2024/25"]])  # a grid from shading edges
    assert labelled_columns(cut, headers) == 3 < labelled_columns(words, headers)


def test_tesseract_tsv_words_take_their_line_and_stop_at_the_next(tmp_path: Path) -> None:
    from extract.ocr_words import tsv_to_words
    head = "level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext\n"
    rows = [
        "4\t1\t1\t1\t1\t0\t100\t100\t400\t30\t-1\t",
        "5\t1\t1\t1\t1\t1\t100\t102\t300\t26\t96\tNature",  # a box over its neighbours
        "5\t1\t1\t1\t1\t2\t220\t108\t40\t20\t95\tand",
        "5\t1\t1\t1\t1\t3\t270\t112\t10\t4\t90\t-",  # a hyphen: its ink is a sliver mid-line
        "4\t1\t1\t1\t2\t0\t100\t140\t400\t30\t-1\t",
        "5\t1\t1\t1\t2\t1\t100\t141\t80\t28\t93\tLand",
        "4\t1\t2\t1\t1\t0\t100\t200\t400\t90\t-1\t",  # three printed lines tesseract took for one
        "5\t1\t2\t1\t1\t1\t100\t200\t80\t28\t93\tfirst",
        "5\t1\t2\t1\t1\t2\t100\t262\t80\t28\t93\tthird",
    ]
    (tmp_path / "t.tsv").write_text(head + "\n".join(rows) + "\n", encoding="utf-8")
    words = {w.text: w for w in tsv_to_words(tmp_path / "t.tsv", [7], 72)}
    assert words["Nature"].x1 == 220 and words["Nature"].page == 7
    assert words["-"].top == words["and"].top == 100 and words["-"].bottom == 130
    assert words["first"].top == 200 and words["third"].top == 262  # each its own line
    assert words["Nature"].confidence == 96


def test_a_capital_ocr_reads_either_way_among_small_words_is_flagged_not_changed() -> None:
    text = "reduce funding retrofit Opportunities and energy, Support for Council homes"
    result = OcrLexicon.of([text], [], LETTERS).respell(text)
    assert result.text == text and not result.changes
    # O and S are drawn alike in both cases; C is too, but the document capitalises Council twice there.
    council = "the Council agreed; to the Council"
    assert OcrLexicon.of([text, council], [], LETTERS).respell(text).doubts == [
        ("Opportunities", "ocr-case-review"), ("Support", "ocr-case-review")]
    # A capital after a sentence's end, or a letter whose capital differs in shape (R, E, H), is no doubt.
    assert not OcrLexicon.of([], [], LETTERS).respell("Homes retrofit. Support the Highways plan").doubts


@pytest.mark.parametrize("name, doubted", [
    ("OfT", True),  # DfT, which a list knows, with a letter misread
    ("Parks Service", True),  # Parks Services, its last letter lost
    ("Structures and Street", True),  # Structures and Street Lighting, its last line lost
    ("Support Unit", True),  # Commissioning Support Unit, its first line lost
    ("Legal Services", False),  # shares a word with Fleet Services, not its shape: another name
    ("Local businesses", False),  # a known name and more: another name
    ("Chamber of Commerce", False),  # words OCR read as words, near nothing known
    ("Wigstan Parish", True),  # a word in no lexicon
    ("Taurism Board", False),  # the document prints it twice: its own word
    ("DfT", False),  # a known name, read right
])
def test_an_unmatched_ocr_name_is_doubted_in_a_known_ones_shape_or_holding_no_word(name: str, doubted: bool) -> None:
    known = ["DfT", "Parks Services", "Structures and Street Lighting", "Commissioning Support Unit",
             "Fleet Services", "Businesses"]
    lexicon = OcrLexicon.of(["Taurism Board", "Taurism Board"], known, LETTERS, known)
    assert lexicon.doubts_name(name) is doubted


def test_an_id_column_under_a_misread_header_is_told_by_ids_as_ocr_misreads_them() -> None:
    from normalise.headers import map_columns

    vocab = load_vocabulary()
    grid = [["Theme", "1D", "Action", "Lead", "Start", "End"],
            ["Communities", "Cl", "Reduce waste", "Waste Team", "Apr 2025", "Mar 2026"],
            ["Communities", "C2", "Plant trees", "Parks", "Apr 2025", "Mar 2026"]]
    # Born-digital: "Cl" is no ID, so one cell of two is not most of the column.
    assert map_columns(grid, vocab.headers, vocab.strays, vocab.confusables).col("id") is None
    ocr = map_columns(grid, vocab.headers, vocab.strays, vocab.confusables, vocab.ocr_confusions)
    assert ocr.col("id") == 1 and ocr.is_action_table()


@pytest.mark.parametrize("start_label, end_label, roles", [
    ("'=", "End", {4: "start", 5: "end"}),  # "From" misread: the date column left of End is the start
    ("From", "Jemd", {4: "start", 5: "end"}),  # "End" misread: the one right of From is the end
    ("'=", "gems", {4: "start", 5: "end"}),  # both misread: two date columns side by side, in order
])
def test_a_date_column_under_a_misread_header_is_told_by_its_dates_on_ocr_text_only(
        start_label: str, end_label: str, roles: dict[int, str]) -> None:
    from functools import partial

    from normalise.dates import reads_as_date
    from normalise.headers import map_columns

    vocab = load_vocabulary()
    dated = partial(reads_as_date, date_words=vocab.date_words, confusables=vocab.confusables)
    grid = [["ID", "Action", "Lead", "Partners", start_label, end_label, "", "2025-26"],
            ["1.1", "Reduce waste", "Waste Team", "Parks", "Apr 2025", "Mar 2026", "Complete", ""],
            ["1.2", "Plant trees", "Parks", "", "Ongoing", "Mar 2027", "", ""],
            ["1.3", "Insulate", "Estates", "", "Jun 2026", "TBC", "Dec 2026", ""]]
    found = map_columns(grid, vocab.headers, vocab.strays, vocab.confusables, vocab.ocr_confusions, dated)
    assert {c: found.roles.get(c) for c in roles} == roles
    assert 6 not in found.roles  # words among its dates: not a date column, kept as printed (extra)
    # Born-digital (no date reader passed): a header printed as meant names a new column, never a date role.
    born = map_columns(grid, vocab.headers, vocab.strays, vocab.confusables)
    assert sum(1 for r in born.roles.values() if r in ("start", "end")) == sum(
        1 for label in (start_label, end_label) if label in ("From", "End"))


def test_a_lone_date_column_under_lost_headers_is_left_unread() -> None:
    from functools import partial

    from normalise.dates import reads_as_date
    from normalise.headers import map_columns

    vocab = load_vocabulary()
    dated = partial(reads_as_date, date_words=vocab.date_words, confusables=vocab.confusables)
    # Start and End both lost, and one date column: which of the two it is, nothing tells. Left unread.
    grid = [["ID", "Action", "Lead", "'=", "Status"],
            ["1.1", "Reduce waste", "Waste Team", "Apr 2025", "Complete"],
            ["1.2", "Plant trees", "Parks", "Jun 2026", "At risk"]]
    found = map_columns(grid, vocab.headers, vocab.strays, vocab.confusables, vocab.ocr_confusions, dated)
    assert found.col("start") is None and found.col("end") is None


def test_rows_under_an_action_header_that_lacks_only_its_id_column_are_never_dropped_silently() -> None:
    from normalise.headers import map_columns
    from normalise.sections import headed_without_ids

    vocab = load_vocabulary()
    grid = [["Theme", "1D", "Action", "Lead", "Start", "End"],
            ["Communities", "Cl", "Reduce waste", "Waste Team", "Apr 2025", "Mar 2026"]]
    found = map_columns(grid, vocab.headers, vocab.strays, vocab.confusables)
    assert headed_without_ids(found, grid)  # flagged table-unread by tables_to_records
    assert not headed_without_ids(found, grid[:1])  # a header alone loses nothing
    budget = [["Item", "Action", "Cost (£k)"], ["Capital programme", "Buy vans", "450"]]
    assert not headed_without_ids(map_columns(budget, vocab.headers, vocab.strays, vocab.confusables), budget)


@pytest.mark.parametrize("printed, now", [
    ("efficiency solar. .", "efficiency solar."),  # a lone stop after a sentence's own
    ("Chamber of'Commerce", "Chamber of Commerce"),  # a quote read for the space between two words
    ("June’2028", "June 2028"),
    ("homes , and more", "homes and more"),
    ("O'Neill Trust", "O'Neill Trust"),  # a name's own quote: one letter before it
    ("the council's plan", "the council's plan"),  # a possessive: a small letter after it
    ("they're planting", "they're planting"),  # a contraction: two small letters after it
    ("emissions'review travel", "emissions review travel"),  # three or more: a word after a speck
    ("tree work\n' engagement", "tree work\nengagement"),  # standing apart at a line's start
    ("Water\n. planting", "Water\nplanting"),
    ("funding. Work starts", "funding. Work starts"),  # a sentence's end
    ("buildings and = support tree", "buildings and support tree"),  # a symbol prose never sets alone
    ("heat solar © tree", "heat solar tree"),  # a copyright sign standing alone among words
    ("carbon | emissions ~ data", "carbon emissions data"),
    ("buildings and =\nsupport tree", "buildings and\nsupport tree"),  # at a line's end
    ("1 tonne = 1000 kg", "1 tonne = 1000 kg"),  # between numbers it may be printed
    ("heat pumps - solar", "heat pumps - solar"),  # a dash is printed so
    ("reporting heat. :", "reporting heat."),  # a colon standing apart after the text's stop
    ("energy data :\nand homes", "energy data\nand homes"),  # ... or at a line's end
    ("including:", "including:"),  # set against its word: printed so
    ("Phase 1 : design", "Phase 1 : design"),
])
def test_punctuation_specks_of_a_scan_are_cleared(printed: str, now: str) -> None:
    assert OcrLexicon.of([], [], LETTERS).unspeckle(printed) == now


def test_a_name_of_no_letter_read_from_a_scan_is_doubted() -> None:
    lexicon = OcrLexicon.of(["Transport Partners"], ["Businesses"], LETTERS)
    assert lexicon.doubts_name("1") and lexicon.doubts_name("(;)")
    assert not lexicon.doubts_name("Transport Partners")


def test_a_stop_inside_a_sentence_of_ocr_text_is_flagged_not_changed() -> None:
    # A speck read as a stop ("programme. recovery"), dots for one ("flooding... emissions"), a colon for the
    # full stop that ends the text, a comma for it: all doubts, left as read. A sentence's own end is none.
    for text in ("plan adaptation programme. recovery across.", "flooding... emissions", "reduce emissions:",
                 "estate and programme,"):
        result = OcrLexicon.of([], [], LETTERS).respell(text)
        assert result.text == text and [rule for _, rule in result.doubts] == ["ocr-punctuation-review"]
    assert not OcrLexicon.of([], [], LETTERS).respell("Plant trees. Then build homes.").doubts


def test_a_stop_glued_between_two_ocr_words_is_flagged_not_changed() -> None:
    # A speck between two words read as a stop with no space ("deliver.network", "partners,county"); an
    # abbreviation's stops between single letters ("e.g.") and a number's ("2.5") are print.
    for text in ("deliver.network low programme", "support partners,county nature"):
        result = OcrLexicon.of([], [], LETTERS).respell(text)
        assert result.text == text and [rule for _, rule in result.doubts] == ["ocr-punctuation-review"]
    assert not OcrLexicon.of([], [], LETTERS).respell("Plant 2.5 hectares of hedges").doubts
    assert GLUED_STOP.search("e.g") is None and GLUED_STOP.search("i.e") is None


def test_the_next_id_keeps_the_printed_zero_padding() -> None:
    assert next_in_sequence("LCC-08") == "LCC-09" and next_in_sequence("LCC-09") == "LCC-10"
    assert next_in_sequence("T9") == "T10" and next_in_sequence("1.2") == "1.3"
    assert gap_in_sequence("NZ-01", "NZ-03") == "NZ-02"


def test_an_extra_columns_label_is_kept_once_and_as_the_vocabulary_spells_it() -> None:
    from normalise.column_maps import unknown_column_labels
    from normalise.headers import ColumnMap, other_label

    vocab = load_vocabulary()
    assert other_label("indicative cost (£k)", vocab.headers) == "Indicative cost (£k)"  # a capital read small
    assert other_label("Risk owner", vocab.headers) is None  # a new column: as printed
    # One label in a cell over two header rows, which OCR read in both: once. Two labels, one over the
    # other ("Indicative" / "cost (£k)"), are one label in two lines.
    texts = [["ID", "Status", "Indicative"], ["", "Status", "cost (£k)"], ["1.1", "On track", "25"]]
    mapping = ColumnMap({0: "id"}, header_rows=2)
    assert unknown_column_labels(texts, mapping) == {1: "Status", 2: "Indicative cost (£k)"}


def test_a_gantt_mark_is_read_from_the_scan_solid_or_in_strokes_at_the_top_of_a_tall_cell() -> None:
    from extract.pixels import DPI, sampled_shape

    scale = DPI / 72
    paper = np.array([235.0, 235.0, 235.0])

    def cell_image(draw_in: Callable[[ImageDraw.ImageDraw], None]) -> np.ndarray:
        image = Image.new("RGB", (int(60 * scale), int(150 * scale)), (235, 235, 235))
        draw = ImageDraw.Draw(image)
        draw.rectangle([0, 0, image.width - 1, image.height - 1], outline=(0, 0, 0))  # the cell's rules
        draw_in(draw)
        return np.asarray(image)

    box = (0.0, 0.0, 60.0, 150.0)  # a tall row: the mark by its first line, 5 pt under the top rule
    square = cell_image(lambda d: d.rectangle([8, 7, 16, 15], fill=(0, 0, 0)))
    tick = cell_image(lambda d: d.line([(8, 12), (11, 17), (18, 6)], fill=(0, 0, 0), width=2))
    specks = cell_image(lambda d: [d.line([(8, 12), (11, 17), (18, 6)], fill=(0, 0, 0), width=2),
                                   d.point([(40, 60), (30, 100), (50, 150)], fill=(0, 0, 0))])
    speck = cell_image(lambda d: d.rectangle([30, 60, 31, 61], fill=(0, 0, 0)))
    two = cell_image(lambda d: [d.rectangle([8, 7, 16, 15], fill=(0, 0, 0)),
                                d.rectangle([30, 7, 38, 15], fill=(0, 0, 0))])
    assert sampled_shape(square, box, scale, paper) and sampled_shape(tick, box, scale, paper)
    assert sampled_shape(specks, box, scale, paper)  # specks smaller than a mark refuse none
    # Nor does the rule under the row, inside the cell's box where a table's cells do not reach its rules.
    rule = cell_image(lambda d: [d.rectangle([8, 7, 16, 15], fill=(0, 0, 0)),
                                 d.line([(0, 190), (70, 190)], fill=(0, 0, 0), width=1)])
    assert sampled_shape(rule, box, scale, paper)
    assert not sampled_shape(speck, box, scale, paper) and not sampled_shape(two, box, scale, paper)


def test_an_ocr_action_that_breaks_the_documents_habits_gets_its_capital_and_stop_back() -> None:
    from normalise.prose_habits import ProseHabits

    printed = ["Plant trees.", "Retrofit homes.", "Insulate schools.", "Review the plan.", "Fund solar."]
    habits = ProseHabits.of(printed + ["infrastructure guidance for homes"])
    assert habits.restore("infrastructure guidance for homes") == (
        "Infrastructure guidance for homes.",
        [("infrastructure", "Infrastructure"), ("homes", "homes.")])
    assert habits.restore("eBikes for staff.") == ("eBikes for staff.", [])  # a word set so, left
    # A document whose actions end with no stop, or too few to tell: nothing is changed.
    assert ProseHabits.of([t.rstrip(".") for t in printed]).restore("Plant trees") == ("Plant trees", [])
    assert ProseHabits.of(printed[:3]).restore("plant trees") == ("plant trees", [])


def test_a_theme_column_of_ids_is_the_id_column_whose_label_was_lost() -> None:
    from normalise.headers import map_columns

    vocab = load_vocabulary()
    # "No." lost between "Theme" and "Action": the IDs were read under the theme's label.
    grid = [["Theme", "Action", "Lead", "From"],
            ["", "Waste from retrofit", "Parks", "Q1 2028/29"],
            ["1.2", "Reporting", "Estates", "Ongoing"],
            ["1.3", "Adaptation", "Digital", "Q4 2030/31"]]
    found = map_columns(grid, vocab.headers, vocab.strays, vocab.confusables, vocab.ocr_confusions)
    assert found.col("id") == 0 and found.col("theme") is None and found.is_action_table()
    # A theme column of themes stays one.
    themes = [row[:] for row in grid]
    themes[2][0], themes[3][0] = "Communities", "Nature"
    assert map_columns(themes, vocab.headers, vocab.strays, vocab.confusables, vocab.ocr_confusions).col("theme") == 0


@pytest.mark.parametrize("printed, now", [
    ("flooding .|opportunities partners", "flooding opportunities partners"),  # a rule beside a cell's word
    ("°|Transport flooding", "Transport flooding"),
    ("the j}adaptation develop", "the adaptation develop"),
    ("review —.|Waste", "review Waste"),
    ("the x|qzvv plan", "the x|qzvv plan"),  # no known word after the bar: left as read (and doubted)
    ("Linked to the\nLTP\n—_—————————7", "Linked to the\nLTP\n"),  # a rule under the value, on a line of its own
    ("Linked to\nthe LTP /", "Linked to\nthe LTP"),  # a lone slash ending a line
    ("heat and / or power", "heat and / or power"),  # between words: printed so
    ("Review – annual", "Review – annual"),
    ("cost 1|2 of", "cost 1|2 of"),
])
def test_a_rules_bar_before_a_known_word_is_an_ocr_speck(printed: str, now: str) -> None:
    assert OcrLexicon.of([], [], LETTERS).unspeckle(printed) == now


@pytest.mark.parametrize("printed, now", [
    ("[Youth Parliament", "Youth Parliament"),  # a rule's end read as a bracket
    ("Adaptation]", "Adaptation"),
    ("Reports [annual] to Cabinet", "Reports [annual] to Cabinet"),  # a pair is printed so
])
def test_a_square_bracket_with_no_partner_is_an_ocr_speck(printed: str, now: str) -> None:
    assert OcrLexicon.of([], [], LETTERS).unspeckle(printed) == now


@pytest.mark.parametrize("printed, now", [
    ("county jtraining deliver", "county training deliver"),
    ("Natural jEngland", "Natural England"),
    ("a lover of trees", "a lover of trees"),  # a word as it stands: never re-spelled
    ("Ibstock parish", "Ibstock parish"),  # a name whose tail is no English word: left
    ("lengagement with lengagement", "engagement with engagement"),  # the same rule, repeated
    ("programme ithe review", "programme the review"),  # a short word only where among the commonest
    ("INew action", "New action"),
    ("the lsea wall", "the lsea wall"),  # "sea" is no word that common: as read
])
def test_a_rule_read_as_a_letter_glued_to_a_word_is_taken_off(printed: str, now: str) -> None:
    assert OcrLexicon.of([printed, printed], [], LETTERS).respell(printed).text == now


@pytest.mark.parametrize("printed, field, now", [
    ("Ongoing :", "data", "Ongoing"),  # a speck after a date
    ("Local businesses»", "text", "Local businesses"),  # a guillemet English prose never sets
    ("Reports: annual", "text", "Reports: annual"),  # a colon in text is prose
])
def test_ocr_specks_after_a_date_or_in_names_are_no_print(printed: str, field: str, now: str) -> None:
    from normalise.text import strip_strays

    vocab = load_vocabulary()
    assert strip_strays(printed, vocab.data_strays if field == "data" else vocab.strays) == now


def test_a_dash_standing_alone_in_ocr_text_is_flagged_not_changed() -> None:
    # A rule's fragment or a stamp's stroke read as a dash at a line's end or between words: kept, in doubt.
    for text in ("adaptation work —\nheat solar", "adaptation work – heat", "work -"):
        result = OcrLexicon.of([], [], LETTERS).respell(text)
        assert result.text == text and [rule for _, rule in result.doubts] == ["ocr-punctuation-review"]
    assert not OcrLexicon.of([], [], LETTERS).respell("a low-carbon, well-insulated estate").doubts


def test_a_rules_fragment_left_in_ocr_text_or_a_name_is_a_doubt() -> None:
    lexicon = OcrLexicon.of([], ["Sustainability Team"], LETTERS, ["Sustainability Team"])
    assert lexicon.doubts_name("Sustainability -|Team") and not lexicon.doubts_name("Sustainability Team")
    result = lexicon.respell("guidance from buildings for ‘|data resilience")
    assert [rule for _, rule in result.doubts] == ["ocr-punctuation-review"]


def test_an_opening_quote_nothing_closes_is_an_ocr_speck() -> None:
    lexicon = OcrLexicon.of([], [], LETTERS)
    assert lexicon.unspeckle("heat emissions ‘with explore ‘infrastructure") == \
        "heat emissions with explore infrastructure"
    assert lexicon.unspeckle("the ‘net zero’ pathway") == "the ‘net zero’ pathway"  # a quotation, closed


@pytest.mark.parametrize("text, width, height, confidence, speck", [
    ("—", 0.4, 0.4, 37.0, True),  # a toner speck read as a dash: a dot, as tall as wide, read unsure
    ("-", 0.3, 0.12, 24.0, True),  # flat, but far too short for a hyphen on a 5.5-pt line
    ("-", 1.0, 1.0, 14.0, True),  # a square blob
    ("-", 0.24, 0.96, 89.0, False),  # a real hyphen tesseract boxed 1 pixel wide, read sure (scanned-rough)
    ("-", 1.6, 0.5, 30.0, False),  # a hyphen of 4.5-pt type
    ("–", 2.4, 0.5, 30.0, False),  # an en dash
    ("—", 4.5, 0.5, 30.0, False),  # an em dash
    ("l.", 0.4, 4.0, 10.0, False),  # thin glyphs: left to the width rule's exceptions
])
def test_a_dash_read_from_a_speck_is_told_by_its_shape_and_doubt(text: str, width: float, height: float,
                                                                 confidence: float, speck: bool) -> None:
    from extract.ocr_words import is_sliver

    assert is_sliver(text, width, 5.5, height, confidence) is speck


def test_a_stop_on_a_known_word_before_a_small_word_is_a_speck_but_an_abbreviations_is_print() -> None:
    vocab = load_vocabulary()
    lexicon = OcrLexicon.of([], [], LETTERS, (), vocab.abbreviations)
    assert lexicon.unspeckle("Resilience plan plan. work recovery") == "Resilience plan plan work recovery"
    assert lexicon.unspeckle("partners from with.\ndata buildings.") == "partners from with\ndata buildings."
    assert lexicon.unspeckle("reports etc.\nand more") == "reports etc.\nand more"
    assert [rule for _, rule in lexicon.respell("zzqx.\nthe").doubts] == ["ocr-punctuation-review"]
    for printed in ("reports etc. and more", "e.g. the plan", "Dept. of Transport", "Plant trees. Then build",
                    "in 2025. the plan", "flooding... emissions", "zzqx. the"):
        assert lexicon.unspeckle(printed) == printed
    # An abbreviation's stop is no doubt; an unknown word's is.
    assert not lexicon.respell("reports etc. and more").doubts
    assert [rule for _, rule in lexicon.respell("zzqx. the").doubts] == ["ocr-punctuation-review"]


def test_a_capital_inside_a_small_word_is_ocrs_where_its_cases_look_alike() -> None:
    lexicon = OcrLexicon.of([], [], LETTERS)
    result = lexicon.respell("partners businesses sUpport network")
    assert result.text == "partners businesses support network" and result.changes == [("sUpport", "support")]
    # A capital whose small letter looks otherwise ("T", "t") is no such misreading: flagged, not changed.
    result = lexicon.respell("the sTrategy now")
    assert result.text == "the sTrategy now" and result.doubts == [("sTrategy", "ocr-case-review")]
    assert not lexicon.respell("McDonald said").doubts  # begun with a capital: a name's


def test_an_ocrd_word_a_letter_from_a_common_word_is_doubted_and_a_coinage_is_not() -> None:
    from normalise.near_words import near_common_word, one_edit

    assert {"reduce", "redie", "rdice"} <= one_edit("redice") and "redice" not in one_edit("redice")
    assert near_common_word("redice") == "reduce"
    # Short words, names and acronyms, and words near nothing common, are left alone.
    assert near_common_word("redi") is None  # four letters: near too much ("red", "reds", "redo")
    assert near_common_word("Ofgem") is None and near_common_word("NZCAP") is None
    assert near_common_word("qxzvwy") is None
    result = OcrLexicon.of([], [], LETTERS).respell("reduce carbon and redice waste")
    assert result.text == "reduce carbon and redice waste"
    assert result.doubts == [("redice", "ocr-spelling-review")]
    # A word the document prints twice is its own (jargon), not a misread.
    own = OcrLexicon.of(["insetting plans", "carbon insetting"], [], LETTERS)
    assert not own.respell("carbon insetting").doubts
