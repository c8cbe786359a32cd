"""Tables continued over pages: roles carried over, never taken away by a misread repeated header."""
from __future__ import annotations

from dataclasses import replace

import pytest

from extract.model import RawCell, RawTable
from normalise.build import Builder, Built
from normalise.corrections import CorrectionLog
from normalise.records import tables_to_records
from normalise.settings import NormaliseSettings
from normalise.text import trim_unpaired
from normalise.vocabulary import load_vocabulary


def table(index: int, rows: list[list[str]], title: str = "") -> RawTable:
    t = RawTable(index, index + 1, 1, "test", 40.0, 40.0, 800.0, 500.0, len(rows), len(rows[0]), 100.0, 0.0, title)
    t.cells = [RawCell(index + 1, index, r, c, 0.0, 0.0, 0.0, 0.0, text, "")
               for r, row in enumerate(rows) for c, text in enumerate(row)]
    return t


def built_from(tables: list[RawTable], ocr: bool = False) -> tuple[Built, CorrectionLog]:
    """The tables' actions built as a run builds them (their text OCR'd where ``ocr``), and the log."""
    vocab, log = load_vocabulary(), CorrectionLog()
    built = Builder(vocab, NormaliseSettings(), log, "t.pdf", ocr=ocr).build(
        tables_to_records(tables, {}, vocab, log, ocr=ocr))
    return built, log


def actions(tables: list[RawTable]) -> list[tuple[str, str, str]]:
    vocab, log = load_vocabulary(), CorrectionLog()
    built = Builder(vocab, NormaliseSettings(), log, "t.pdf").build(tables_to_records(tables, {}, vocab, log))
    return [(a["plan"], a["action_id"], "; ".join(a["partners"])) for a in built.actions]


def test_misread_repeated_header_keeps_the_id_column() -> None:
    first = table(0, [["Action ID", "Action", "Partners", "Start"], ["T1", "Do a thing.", "Residents", "Apr-25"]],
                  "A Plan")
    # OCR read the repeated header's "Action ID" as "Action / Ip": the first column is still the IDs.
    second = table(1, [["Action\nIp", "Action", "Partners", "Start"], ["T2", "Do another.", "Schools", "Ongoing"]])
    assert actions([first, second]) == [("A Plan", "T1", "Residents"), ("A Plan", "T2", "Schools")]


def test_same_layout_under_a_new_heading_is_a_new_table() -> None:
    first = table(0, [["Action ID", "Action", "Lead team", "Start"], ["T1", "Do a thing.", "Planning", "Apr-25"]],
                  "Plan One")
    second = table(1, [["Action ID", "Action", "Partners", "Start"], ["B1", "Build.", "Residents", "Apr-25"]],
                   "Plan Two")
    assert actions([first, second]) == [("Plan One", "T1", ""), ("Plan Two", "B1", "Residents")]


def test_a_header_over_two_rows_with_its_lower_part_misread_is_read_whole() -> None:
    # A scanned "Action ID" cell read as "Action" over "Ip", in a table with no header before it.
    first = table(0, [["Action", "Action", "Partners", "Timescale", ""], ["Ip", "", "", "Start", "End"],
                      ["T1", "Do a thing.", "Residents", "Apr-25", "Mar-26"]], "A Plan")
    assert actions([first]) == [("A Plan", "T1", "Residents")]


def test_a_table_of_id_rows_under_an_unreadable_header_is_flagged_never_dropped_silently() -> None:
    garbled = table(0, [["A c t i o n", "P a rt n e r s", "S t a r t"], ["T1", "Residents", "Apr-25"],
                        ["T2", "Schools", "Ongoing"]], "A Plan")
    vocab, log = load_vocabulary(), CorrectionLog()
    assert tables_to_records([garbled], {}, vocab, log) == []
    assert [(c.page, c.rule) for c in log.rows] == [(1, "table-unread")]
    # A table that is not an action table (a key, a budget) is no doubt.
    key = table(0, [["Colour", "Meaning"], ["Green", "On track"], ["Red", "Late"]])
    log = CorrectionLog()
    assert tables_to_records([key], {}, vocab, log) == [] and not log.rows


def test_a_budget_table_is_no_unread_action_table() -> None:
    budget = table(0, [["Source", "2025/26 (£k)", "Total (£k)"], ["Capital programme", "450", "1,350"],
                       ["Revenue budget", "120", "360"]])
    log = CorrectionLog()
    assert tables_to_records([budget], {}, load_vocabulary(), log) == [] and not log.rows


def test_a_scanned_row_without_an_id_inside_a_table_is_flagged_not_merged_silently() -> None:
    rows = [["Action ID", "Action", "Partners", "Start"], ["T1", "Do a thing.", "Residents", "Apr-25"],
            ["", "Do another thing.", "Schools", ""], ["T3", "Build", "Residents", "Apr-25"]]
    continued = [["Action ID", "Action", "Partners", "Start"], ["", "and more of it.", "", ""],
                 ["T4", "Plant.", "Residents", "Apr-25"]]
    for ocr, flagged in ((True, {"T1"}), (False, set())):
        vocab, log = load_vocabulary(), CorrectionLog()
        records = tables_to_records([table(0, rows, "A Plan"), table(1, continued)], {}, vocab, log)
        built = Builder(vocab, NormaliseSettings(), log, "t.pdf", ocr=ocr).build(records)
        # T1 took the row below it (T2's, its ID lost); T3 took the first row of the next page: a page break
        assert {a["action_id"] for a in built.actions if a["needs_review"]} == flagged
        assert [c.rule for c in log.rows if c.action_id == "T1" and c.rule.endswith("review")] == \
               (["row-join-review"] if ocr else [])
        assert [(c.rule, c.before) for c in log.rows if c.rule == "ids-missing"] == [("ids-missing", "T2")]


def test_an_unknown_columns_name_drops_ocr_specks() -> None:
    from normalise.column_maps import ColumnMap, unknown_column_labels
    texts = [["Ref", "Action", "|Status", "Indicative |\ncost (£k)"], ["T1", "Do.", "On track", "25"]]
    mapping = ColumnMap({0: "id", 1: "action"}, 1, {})
    assert unknown_column_labels(texts, mapping, load_vocabulary().strays) == {2: "Status", 3: "Indicative cost (£k)"}


def test_the_last_line_of_a_merged_theme_cell_over_the_next_pages_header_is_no_new_plan() -> None:
    # A spreadsheet prints the rest of a theme cell merged over a page break ("Waste" of "Resources and
    # Waste") above the next page's repeated header: the table goes on under the same plan.
    first = table(0, [["Theme", "Action ID", "Action", "Partners"], ["Resources and\nWaste", "T1", "Do.", "Residents"]],
                  "A Plan")
    second = table(1, [["Theme", "Action ID", "Action", "Partners"], ["", "T2", "Do more.", "Schools"]], "Waste")
    assert actions([first, second]) == [("A Plan", "T1", "Residents"), ("A Plan", "T2", "Schools")]


def test_a_header_cut_off_above_its_rows_with_its_id_label_lost_finds_the_ids_in_the_rows_below() -> None:
    # A scan's section band broke the rules under the header, so the header is a table of its own, and OCR
    # lost its "No." label: the column whose cells below are IDs is the ID column.
    from dataclasses import replace

    header = table(0, [["", "Actions", "Lead officer", "Start"]], "A Plan")
    body = [["R1", "Do a thing.", "Planning", "Apr-25"], ["R2", "Do another.", "Highways Team", "Jun-26"]]
    rows = table(1, body)
    rows = replace(rows, page=1, cells=[replace(c, page=1) for c in rows.cells])
    assert actions([header, rows]) == [("A Plan", "R1", ""), ("A Plan", "R2", "")]
    elsewhere = table(1, body)
    assert actions([header, elsewhere]) == []  # the rows on another page: no header of theirs


def test_a_header_label_with_ocr_specks_at_its_ends_still_names_its_role() -> None:
    from normalise.headers import header_role

    headers = load_vocabulary().headers
    assert header_role("/|Actions”", headers)[0] == "action"
    assert header_role("‘Partners", headers)[0] == "partners"
    assert header_role("Indicative cost (£k)", headers)[0] == "other"
    assert header_role("~~", headers)[0] is None


def test_rows_carried_on_past_a_titled_table_not_read_are_flagged_plan_review() -> None:
    header = ["Action ID", "Action", "Partners", "Start"]
    first = table(0, [header, ["T1", "Do a thing.", "Residents", "Apr-25"]], "Plan One")
    # A new plan's table whose header could not be read, then its continuation with no heading of its own.
    unread = table(1, [["A c t i o n", "P a rt n e r s", "S t a r t", ""], ["N1", "Plant.", "Schools", "Apr-25"]],
                   "Plan Two")
    carried = table(2, [header, ["C1", "Cycle.", "Residents", "Apr-26"]])
    built, log = built_from([first, unread, carried])
    assert [(a["plan"], a["action_id"], a["needs_review"]) for a in built.actions] == [
        ("Plan One", "T1", False), ("Plan One", "C1", True)]
    assert [(c.action_id, c.before) for c in log.rows if c.rule == "plan-review"] == [
        ("C1", "Plan One (or Plan Two?)")]
    # A heading that names a theme over a table not read starts no plan: no doubt.
    themed = table(1, [["Colour", "Meaning"], ["Green", "On track"]], "Transport")
    built, log = built_from([first, themed, carried])
    assert not any(c.rule == "plan-review" for c in log.rows)


def test_a_names_cell_merged_over_a_page_break_with_its_text_split_goes_to_both_rows_flagged() -> None:
    header = ["Action ID", "Action", "Lead team", "Start"]
    foot = table(0, [header, ["A1", "Do a thing.", "Planning", "Apr-25"],
                     ["A2", "Fund it.", "Economic Development, Ecology and", "Apr-25"]], "Plan One")
    top = table(1, [header, ["A3", "Plant.", "Biodiversity Team, Estates and Facilities", "Apr-26"],
                    ["A4", "Cycle.", "Planning", "Apr-26"]])
    built, log = built_from([foot, top])
    whole = ["Economic Development", "Ecology and Biodiversity Team", "Estates and Facilities"]
    assert [(a["action_id"], a["lead_teams"], a["source_pages"], a["needs_review"]) for a in built.actions] == [
        ("A1", ["Planning"], [1], False), ("A2", whole, [1], True), ("A3", whole, [2], True),
        ("A4", ["Planning"], [2], False)]
    assert sorted(c.action_id for c in log.rows if c.rule == "merged-cell-review") == ["A2", "A3"]
    # A cell that ends in a whole name is its own: the row below keeps its own names.
    foot.cells = [replace(c, text="Economic Development") if c.text.endswith("Ecology and") else c for c in foot.cells]
    built, log = built_from([foot, top])
    assert [a["lead_teams"] for a in built.actions][1:3] == [["Economic Development"],
                                                             ["Biodiversity Team", "Estates and Facilities"]]


def test_a_scanned_row_under_a_header_whose_gantt_years_were_misread_is_flagged_delivery_unread() -> None:
    # The year labels OCR'd into noise: no Gantt column is read, so the delivery years come from the dates
    # (here none: outside any year read) — a doubt on a scan, where marks were printed; none on a PDF's text.
    header = ["Action ID", "Action", "Partners", "Start", "End", "nm oR © Oo NAN"]
    rows = [header, ["T1", "Do a thing.", "Residents", "Apr-25", "Mar-26", ""]]
    vocab = load_vocabulary()
    for ocr, flagged in ((True, True), (False, False)):
        log = CorrectionLog()
        built = Builder(vocab, NormaliseSettings(), log, "t.pdf", ocr=ocr).build(
            tables_to_records([table(0, rows, "A Plan")], {}, vocab, log))
        assert built.actions[0]["needs_review"] is flagged
        assert [c.rule for c in log.rows if c.rule == "delivery-unread"] == (["delivery-unread"] if flagged else [])


def test_a_scanned_quarter_read_ql_or_month_read_small_is_as_printed_in_the_raw_date_logged() -> None:
    rows = [["Action ID", "Action", "Partners", "Start", "End"],
            ["T1", "Do a thing.", "Residents", "2026/27 Ql", "jan-28"]]
    vocab = load_vocabulary()
    for ocr, raw in ((True, "2026/27 Q1"), (False, "2026/27 Ql")):  # a PDF's own text is never re-spelled
        log = CorrectionLog()
        built = Builder(vocab, NormaliseSettings(), log, "t.pdf", ocr=ocr).build(
            tables_to_records([table(0, rows, "A Plan")], {}, vocab, log))
        assert built.actions[0]["start_raw"] == raw and str(built.actions[0]["start_date"]) == "2026-04-01"
        assert [(c.before, c.after) for c in log.rows if c.field in ("start_raw", "end_raw")] == (
            [("2026/27 Ql", "2026/27 Q1"), ("jan-28", "Jan-28")] if ocr else [])  # J read small too


@pytest.mark.parametrize("read, printed", [
    ("Apr2025", "Apr 2025"), ("september2026", "September 2026"),  # the space OCR lost, and a capital
    ("Apr 2025", "Apr 2025"), ("2025/26", "2025/26"), ("Q1 2026", "Q1 2026"),  # nothing to repair
    ("Plan2025", "Plan2025"),  # no month: left as read
    ("2030/31Q2", "2030/31 Q2"), ("2025/26Ql", "2025/26 Q1"),  # a year and its quarter run together
])
def test_a_month_and_year_run_together_by_ocr_is_spaced_as_printed(read: str, printed: str) -> None:
    from normalise.dates import ocr_date_as_printed

    assert ocr_date_as_printed(read) == printed


def test_a_scanned_table_part_reading_fewer_of_its_plans_gantt_years_is_flagged_delivery_unread() -> None:
    # Page 1's last year label lost in the image, and its column with it (page 2's part reads both): the
    # marks in that column are lost. (A column kept with its label lost takes its role from page 2's.)
    short = table(0, [["Action ID", "Action", "Start", "2025-26"],
                      ["T1", "Do a thing.", "Apr-25", "X"]], "A Plan")
    whole = table(1, [["Action ID", "Action", "Start", "2025-26", "2026-27"],
                      ["T2", "Do another.", "Apr-25", "X", "X"]])
    vocab = load_vocabulary()
    for ocr, flagged in ((True, ["T1"]), (False, [])):
        log = CorrectionLog()
        built = Builder(vocab, NormaliseSettings(), log, "t.pdf", ocr=ocr).build(
            tables_to_records([short, whole], {}, vocab, log))
        assert [a["action_id"] for a in built.actions if a["needs_review"]] == flagged
        assert [c.action_id for c in log.rows if c.rule == "delivery-unread"] == flagged


def test_a_scanned_table_part_reading_none_of_its_plans_gantt_years_is_dated_by_the_plans_years_flagged() -> None:
    # Page 2's year labels merged into one cell under "Delivery Period": no year column read there.
    whole = table(0, [["Action ID", "Action", "Start", "End", "2027-28", "2028-29", "2029-30"],
                      ["T1", "Do a thing.", "Apr-27", "Mar-28", "X", "", ""]], "A Plan")
    none = table(1, [["Action ID", "Action", "Start", "End", "Delivery Period"],
                     ["T2", "Do another.", "Sep-28", "Mar-30", ""]])
    vocab = load_vocabulary()
    for ocr in (True, False):
        log = CorrectionLog()
        built = Builder(vocab, NormaliseSettings(), log, "t.pdf", ocr=ocr).build(
            tables_to_records([whole, none], {}, vocab, log))
        second = built.actions[1]
        if ocr:
            assert (second["delivery_periods"], second["delivery_source"]) == (["2028-29", "2029-30"], "dates")
            assert second["needs_review"] and [c.action_id for c in log.rows if c.rule == "delivery-unread"] == ["T2"]
        else:  # printed with no years: nothing to date against, as printed
            assert second["delivery_periods"] == [] and not second["needs_review"]


def test_a_theme_carried_past_rows_that_were_lost_is_flagged_until_a_heading_is_read() -> None:
    header = ["Action ID", "Action", "Partners", "Start"]
    cut = table(0, [header, ["Transport", "", "", ""], ["T1", "Do a thing.", "Residents", "Apr-25"]], "A Plan")
    cut.rows_after = 2  # two lines under the table laid out as rows: a section heading may be among them
    after = table(1, [header, ["T4", "Cycle.", "Residents", "Apr-26"], ["Adaptation", "", "", ""],
                      ["A1", "Plant.", "Schools", "Apr-26"]])
    built, log = built_from([cut, after])
    assert [(a["action_id"], a["theme"], a["needs_review"]) for a in built.actions] == [
        ("T1", "Transport", False), ("T4", "Transport", True), ("A1", "Adaptation", False)]
    assert [c.action_id for c in log.rows if c.rule == "theme-carried-review"] == ["T4"]


def test_a_column_the_plans_other_tables_have_missing_from_a_rows_table_is_flagged_column_unread() -> None:
    # Page 1's "Start" header merged into its neighbour: the column was never read there.
    first = table(0, [["Action ID", "Action", "Partners"], ["T1", "Do a thing.", "Residents"]], "A Plan")
    second = table(1, [["Action ID", "Action", "Partners", "Start"], ["T2", "Do another.", "Schools", "Apr-26"]])
    built, log = built_from([first, second])
    assert [(a["action_id"], a["needs_review"]) for a in built.actions] == [("T1", True), ("T2", False)]
    assert [(c.action_id, c.field) for c in log.rows if c.rule == "column-unread"] == [("T1", "start")]


def test_scanned_ids_read_small_are_read_again_as_capitals_and_logged() -> None:
    # Every ID OCR'd small: the table's shape is learned from their capitals, and each is read again.
    rows = [["Ref", "Action", "Partners", "Start"], ["c3", "Do a thing.", "Residents", "Apr-25"],
            ["c4", "Do another.", "Schools", "Apr-25"], ["c5", "Build.", "Residents", "Apr-25"]]
    vocab, log = load_vocabulary(), CorrectionLog()
    records = tables_to_records([table(0, rows, "A Plan")], {}, vocab, log, ocr=True)
    built = Builder(vocab, NormaliseSettings(), log, "t.pdf", ocr=True).build(records)
    assert [a["action_id"] for a in built.actions] == ["C3", "C4", "C5"]
    assert {(c.before, c.after, c.rule) for c in log.rows if c.rule.startswith("id-ocr")} == {
        ("c3", "C3", "id-ocr-sequence"), ("c4", "C4", "id-ocr-sequence"), ("c5", "C5", "id-ocr-sequence")}
    assert not any(a["needs_review"] for a in built.actions)  # each confirmed by its neighbour in sequence


def test_a_theme_cells_next_line_read_as_a_row_of_its_own_goes_on_with_the_theme() -> None:
    # A scan's table without rules: each row's lines read as rows, the theme cell's "Actions" among them.
    rows = [["Theme", "Action ID", "Action", "Partners"], ["Enabling", "1.1", "Do a thing", "Residents"],
            ["Actions", "", "well.", ""], ["Enabling", "1.2", "Build.", "Schools"], ["Actions", "", "", ""],
            ["", "1.3", "Plant.", "Schools"]]
    vocab, log = load_vocabulary(), CorrectionLog()
    records = tables_to_records([table(0, rows, "A Plan")], {}, vocab, log, ocr=True)
    built = Builder(vocab, NormaliseSettings(), log, "t.pdf", ocr=True).build(records)
    assert [(a["action_id"], a["theme"], a["action"]) for a in built.actions] == [
        ("1.1", "Enabling Actions", "Do a thing well."), ("1.2", "Enabling Actions", "Build."),
        ("1.3", "Enabling Actions", "Plant.")]
    assert not [c for c in log.rows if c.rule == "stray-text"]


@pytest.mark.parametrize("ocr", [True, False])
def test_cells_under_an_ocr_label_that_reads_as_none_are_flagged_not_a_column(ocr: bool) -> None:
    vocab, log = load_vocabulary(), CorrectionLog()
    # A scan's Gantt quarter and a sideways year OCR read as "Q4" and "a": marks under them ("a" for ■).
    rows = [["Action ID", "Action", "Lead", "Partners", "Status", "Q4", "a"],
            ["T1", "Do a thing.", "Parks", "Residents", "On track", "a", ""],
            ["T2", "Do another.", "Parks", "Schools", "Complete", "", ""]]
    records = tables_to_records([table(0, rows, "A Plan")], {}, vocab, log, ocr=ocr)
    built = Builder(vocab, NormaliseSettings(), log, "t.pdf", ocr=ocr).build(records)
    columns = {(e["action_id"], e["column"]) for e in built.extra}
    flagged = [c for c in log.rows if c.rule == "column-label-unread"]
    if ocr:
        assert columns == {("T1", "Status"), ("T2", "Status")}  # a word is a label, kept as a column
        assert [(c.action_id, c.before) for c in flagged] == [("T1", "Q4: a")]
        assert built.actions[0]["needs_review"]
    else:  # born-digital: printed as meant, a column of its own
        assert ("T1", "Q4") in columns and not flagged


def test_a_scans_gantt_whose_years_ocr_did_not_split_is_flagged_not_an_extra_column() -> None:
    vocab, log = load_vocabulary(), CorrectionLog()
    # The grid found one column under "Delivery Period", its year labels all in its one header cell.
    rows = [["Action ID", "Action", "Lead", "Partners", "Delivery Period :"],
            ["", "", "", "", "FY2024/25 FY2025/26 FY2026/27"],
            ["T1", "Do a thing.", "Parks", "Residents", "@ @"]]
    records = tables_to_records([table(0, rows, "A Plan")], {}, vocab, log, ocr=True)
    built = Builder(vocab, NormaliseSettings(), log, "t.pdf", ocr=True).build(records)
    assert not built.extra
    assert built.actions[0]["needs_review"]


def test_a_scans_theme_column_whose_label_ocr_lost_is_found_where_the_other_tables_print_it() -> None:
    vocab, log = load_vocabulary(), CorrectionLog()
    first = table(0, [["Theme", "No.", "Action", "Lead"], ["Homes", "T1", "Retrofit homes.", "Parks"]], "A Plan")
    # The next plan's table: "Theme" and "No." lost in OCR, the IDs found by their content.
    second = table(1, [["", "", "Action", "Lead"], ["Nature and Land Use", "N1", "Plant trees.", "Parks"]], "B Plan")
    for ocr, theme in ((True, "Nature and Land Use"), (False, None)):
        records = tables_to_records([first, replace(second)], {}, vocab, log, ocr=ocr)
        built = Builder(vocab, NormaliseSettings(), log, "t.pdf", ocr=ocr).build(records)
        assert [(a["action_id"], a["theme"]) for a in built.actions][1:] == [("N1", theme)]


@pytest.mark.parametrize("label, reads", [("Status", True), ("Indicative cost (£k)", True), ("a", False),
                                          ("ry", False), ("Q4", False), ("8", False), ("jan", False),
                                          ("Aug", False)])
def test_an_ocr_label_reads_as_a_columns_own_only_in_a_word_that_is_no_gantt_period(label: str, reads: bool) -> None:
    from normalise.column_maps import reads_as_label

    assert reads_as_label(label) is reads  # a month or quarter whose year was not read is a Gantt column's


def test_a_section_row_no_action_took_is_logged_when_a_theme_column_prints_the_next_theme() -> None:
    from normalise.conservation import lost_words

    vocab, log = load_vocabulary(), CorrectionLog()
    # A scan's row (a stamp over it) read as a section row, then a row whose Theme cell prints a new theme:
    # the section row's words are logged as an empty section, never lost.
    rows = [["Theme", "No.", "Action", "Lead"],
            ["Skills and", "1.1", "Efficiency buildings plan.", "Planning"],
            ["Training", "efficiency", "efficiency carbon for to.", "."],
            ["-", "1.2", "Planting for heat.", "Finance Team"]]
    tables = [table(0, rows, "A Plan")]
    built = Builder(vocab, NormaliseSettings(), log, "t.pdf", ocr=True).build(
        tables_to_records(tables, {}, vocab, log, ocr=True))
    assert lost_words(tables, built, log) == {}
    assert any(c.rule == "empty-section" and "carbon" in c.before for c in log.rows)


@pytest.mark.parametrize("ocr", [True, False])
def test_an_ocr_date_with_specks_after_it_or_a_rule_before_it_reads_as_printed(ocr: bool) -> None:
    vocab, log = load_vocabulary(), CorrectionLog()
    rows = [["Action ID", "Action", "Lead", "Start", "End"],
            ["T1", "Do a thing.", "Parks", "Sep-27 =", "Jjun-29"],
            ["T2", "Do another.", "Parks", "Ongoing aa", "Jun-29 On track"],
            ["T3", "Do a third.", "Parks", "June =2027", "Dec-27-"]]
    built = Builder(vocab, NormaliseSettings(), log, "t.pdf", ocr=ocr).build(
        tables_to_records([table(0, rows, "A Plan")], {}, vocab, log))
    got = [(str(a["start_date"]), a["start_ongoing"], str(a["end_date"]), a["needs_review"]) for a in built.actions]
    if ocr:
        # Words after a date are no specks (a Status cell run into it): left unparsed and flagged.
        assert got == [("2027-09-01", False, "2029-06-30", False), ("None", True, "None", True),
                       ("2027-06-01", False, "2027-12-31", False)]  # a mark glued to it is a speck
    else:  # born-digital text is printed as meant: not parsed, flagged
        assert all(review for *_, review in got) and got[0][0] == "None"


def test_an_ocrd_id_where_its_neighbours_leave_room_for_one_other_takes_the_gap_flagged() -> None:
    # "1.3" read "2.3" between 1.2 and 1.4: no confusion covers 1 for 2, but the sequence names the gap.
    rows = [["Ref", "Action", "Partners"], ["1.2", "Do.", "Residents"], ["2.3", "Plant.", "Schools"],
            ["1.4", "Build.", "Residents"]]
    for ocr in (True, False):
        vocab, log = load_vocabulary(), CorrectionLog()
        built = Builder(vocab, NormaliseSettings(), log, "t.pdf", ocr=ocr).build(
            tables_to_records([table(0, rows, "A Plan")], {}, vocab, log))
        # Printed so on a born-digital page, the ID is the plan's own numbering: kept as printed.
        assert [a["action_id"] for a in built.actions] == ["1.2", "1.3" if ocr else "2.3", "1.4"]
        assert {a["action_id"] for a in built.actions if a["needs_review"]} == ({"1.3"} if ocr else set())
        # The reading is logged beside the ID taken.
        assert [(c.before, c.after) for c in log.rows if c.rule == "id-out-of-sequence"] == \
            ([("2.3", "1.3")] if ocr else [])


def test_a_merged_cell_stops_at_a_section_row_under_it() -> None:
    # On a scan the rule over a dark section band can read as none: the lead cell above looks merged down
    # into the band. A section row takes no merged cell, and the rows under it keep the new theme.
    rows = [["ID", "Action", "Lead officer", "Start"], ["Resources", "and Waste", "", ""],
            ["R5", "Deliver.", "Waste Branch", "Apr-26"], ["Nature", "and Land Use", "", ""],
            ["N1", "Develop.", "Forestry Team", "Apr-26"]]
    t = table(0, rows, "A Plan")
    t.cells = [replace(c, span="2:2:3:2") if c.col == 2 and c.row in (2, 3) else c for c in t.cells]
    vocab, log = load_vocabulary(), CorrectionLog()
    built = Builder(vocab, NormaliseSettings(), log, "t.pdf", ocr=True).build(tables_to_records([t], {}, vocab, log))
    assert [(a["action_id"], a["theme"]) for a in built.actions] == [("R5", "Resources and Waste"),
                                                                     ("N1", "Nature and Land Use")]


@pytest.mark.parametrize("printed, ocr, theme, flagged", [
    ("and Land Use", True, "Nature and Land Use", True),  # its first word lost in a dark band: taken, for review
    ("and Land Use", False, "and Land Use", False),  # printed so: the document's own words
    ("Skills and Training", True, "Skills and Training", False),  # no list knows it, every word read: trusted
    ("[Skills and Trainlng", True, "[Skills and Trainlng", True),  # a speck, a word no lexicon knows
    ("Adaptation ; Be", True, "Adaptation ; Be", True),  # a speck standing alone, every word known
    ("Energy & Waste", True, "Energy & Waste", False),  # a joiner is print
])
def test_an_ocrd_section_name_no_list_knows_is_trusted_only_when_read_whole(printed: str, ocr: bool, theme: str,
                                                                           flagged: bool) -> None:
    rows = [["ID", "Action", "Partners"], [printed, "", ""], ["N1", "Plant trees.", "Residents"],
            ["N2", "Build homes.", "Residents"]]
    vocab, log = load_vocabulary(), CorrectionLog()
    built = Builder(vocab, NormaliseSettings(), log, "t.pdf", ocr=ocr).build(
        tables_to_records([table(0, rows, "A Plan")], {}, vocab, log))
    assert [a["theme"] for a in built.actions] == [theme, theme]
    assert [a["needs_review"] for a in built.actions] == [flagged, flagged]
    assert bool([c for c in log.rows if c.rule == "theme-ocr-review"]) == flagged


def test_an_ocrd_cell_with_print_read_as_nothing_is_a_value_unread_not_a_blank() -> None:
    from extract.model import UNREAD_PRINT

    rows = [["ID", "Action", "Start", "End"], ["T1", "Plant trees.", "Apr-25", "Mar-26"],
            ["T2", "Build homes.", "", "Mar-27"], ["T3", "Insulate.", "", "Mar-28"]]
    t = table(0, rows, "A Plan")
    # T2's start cell holds print OCR read nothing of; T3's is blank paper.
    t.cells = [replace(c, confidence=UNREAD_PRINT if (c.row, c.col) == (2, 2) else 95.0 if c.text else -1.0)
               for c in t.cells]
    vocab, log = load_vocabulary(), CorrectionLog()
    built = Builder(vocab, NormaliseSettings(), log, "t.pdf", ocr=True).build(tables_to_records([t], {}, vocab, log))
    assert [(a["action_id"], a["needs_review"]) for a in built.actions] == [("T1", False), ("T2", True), ("T3", False)]
    assert [(c.action_id, c.field, c.rule) for c in log.rows if c.rule == "value-unread"] == [("T2", "start_date",
                                                                                              "value-unread")]


def test_a_speck_in_a_section_row_read_as_running_on_is_no_merged_cell() -> None:
    # A table without rules: a speck in the section row's lead column ("rh") runs on into the lead of the
    # row below by position; given to both rows, it would make the section row an action of its own.
    rows = [["ID", "Action", "Lead officer", "Start"], ["B1", "Deliver.", "Waste Branch", "Apr-26"],
            ["Communities", "", "rh", ""], ["C1", "Plan.", "Estates and\nFacilities", "Apr-26"]]
    t = table(0, rows, "A Plan")
    t.cells = [replace(c, span="2:2:3:2") if c.col == 2 and c.row in (2, 3) else c for c in t.cells]
    vocab, log = load_vocabulary(), CorrectionLog()
    built = Builder(vocab, NormaliseSettings(), log, "t.pdf", ocr=True).build(tables_to_records([t], {}, vocab, log))
    assert [(a["action_id"], a["theme"]) for a in built.actions] == [("B1", None), ("C1", "Communities")]


def test_a_tick_ocr_read_as_letters_is_a_mark_on_a_scan_only() -> None:
    rows = [["ID", "Action", "Start", "End", "2025/26", "2026/27", "2027/28"],
            ["T1", "Plant trees.", "Apr-25", "Mar-27", "v", "J", ""],
            ["T2", "Build homes.", "Apr-26", "Mar-27", "", "Jf", ""]]
    for ocr, years, rule in ((True, [["2025-26", "2026-27"], ["2026-27"]], "ocr-mark"),
                             (False, [["2025-26", "2026-27"], ["2026-27"]], "stray-text")):
        vocab, log = load_vocabulary(), CorrectionLog()
        built = Builder(vocab, NormaliseSettings(), log, "t.pdf", ocr=ocr).build(
            tables_to_records([table(0, rows, "A Plan")], {}, vocab, log))
        assert [a["delivery_periods"] for a in built.actions] == years
        # Read as marks on a scan; printed so, letters in a Gantt cell are no mark: the years from the dates.
        assert [a["delivery_source"] for a in built.actions] == (["marks"] * 2 if ocr else ["dates"] * 2)
        assert {c.rule for c in log.rows if c.field == "delivery_periods"} >= {rule}


def test_letters_ocr_reads_in_a_blank_cell_of_a_shaded_gantt_are_no_mark() -> None:
    rows = [["ID", "Action", "Start", "End", "2025/26", "2026/27", "2027/28"],
            ["T1", "Plant trees.", "Apr-25", "Mar-26", "", "", "us"]]
    t = table(0, rows, "A Plan")
    t.cells = [replace(c, fill="#808080") if (c.row, c.col) == (1, 4) else c for c in t.cells]
    vocab, log = load_vocabulary(), CorrectionLog()
    built = Builder(vocab, NormaliseSettings(), log, "t.pdf", ocr=True).build(tables_to_records([t], {}, vocab, log))
    assert [(a["delivery_periods"], a["delivery_source"]) for a in built.actions] == [(["2025-26"], "shading")]
    assert [(c.before, c.rule) for c in log.rows if c.field == "delivery_periods"] == [("us", "stray-text")]


def test_a_plan_title_read_as_a_section_row_puts_the_rows_under_it_in_doubt() -> None:
    # A plan's title the table parser took in as a row (its larger type not told): the rows under it may
    # be that plan's, not the one above's. They are flagged, never passed on under the plan above silently.
    rows = [["ID", "Action", "Lead officer"], ["Transport", "", ""], ["LCC-14", "Plant trees.", "Planning"],
            ["Climate Adaptation Plan", "", ""], ["NZ-01", "Build homes.", "Planning"]]
    built, log = built_from([table(0, rows, "Net Zero Plan")])
    assert [(a["action_id"], a["plan"], a["needs_review"]) for a in built.actions] == [
        ("LCC-14", "Net Zero Plan", False), ("NZ-01", "Net Zero Plan", True)]
    assert [(c.action_id, c.rule) for c in log.rows if c.rule == "plan-review"] == [("NZ-01", "plan-review")]


def test_an_ocrd_titles_unpaired_speck_is_trimmed_and_logged() -> None:
    # OCR read a speck before the title as an opening quote: the plan would be a second plan of its own.
    rows = [["Ref", "Action", "Partners"], ["1.1", "Do.", "Residents"]]
    for ocr, title in ((True, "Net Zero Plan"), (False, "‘Net Zero Plan")):
        built, log = built_from([table(0, rows, "‘Net Zero Plan")], ocr=ocr)
        assert [a["plan"] for a in built.actions] == [title]
        assert [(c.before, c.after) for c in log.rows if c.field == "plan"] == \
            ([("‘Net Zero Plan", "Net Zero Plan")] if ocr else [])
    # A pair the title opens and closes is print.
    assert trim_unpaired("Net Zero Plan (2024-2030).", load_vocabulary().data_strays) == "Net Zero Plan (2024-2030)"


def test_an_actions_first_word_read_in_the_id_cell_is_moved_back_on_a_scan() -> None:
    rows = [["Ref", "Action", "Partners"], ["C1", "Plan.", "Residents"], ["C2 .Waste", "efficiency travel.", "Schools"],
            ["C3 Note", "Build.", "Residents"]]
    for ocr in (True, False):
        built, log = built_from([table(0, rows, "A Plan")], ocr=ocr)
        got = [(a["action_id"], a["action"]) for a in built.actions]
        if ocr:
            # Moved where the action starts small; "C3 Note" before "Build." is left as read, and flagged.
            assert got[:2] == [("C1", "Plan."), ("C2", "Waste efficiency travel.")]
            assert [(c.before, c.after) for c in log.rows if c.rule == "ocr-cell-spill"] == [("C2 .Waste", "Waste")]
            assert got[2][1] == "Build." and built.actions[2]["needs_review"]
        else:
            assert not [c for c in log.rows if c.rule == "ocr-cell-spill"]


def test_specks_after_an_ocrd_id_are_cut_off_and_a_word_there_flags_the_row() -> None:
    rows = [["Ref", "Action", "Partners"], ["E1", "Plan.", "Residents"], ["E2 EEE eee", "Build.", "Schools"],
            ["E3 Waste", "Plant.", "Residents"], ["E4 _|the", "Go.", "Schools"], ["LCC 5", "Do.", "Schools"]]
    for ocr in (True, False):
        built, log = built_from([table(0, rows, "A Plan")], ocr=ocr)
        ids = [a["action_id"] for a in built.actions]
        if ocr:
            assert ids[:4] == ["E1", "E2", "E3", "E4"]
            assert [(c.before, c.after) for c in log.rows if c.field == "action_id" and c.rule == "id-cleaned"][:3] \
                == [("E2 EEE eee", "E2"), ("E3 Waste", "E3"), ("E4 _|the", "E4")]
            # Specks: the ID is sure. A word, a rule's bar before it or not: was it the action's?
            assert [a["needs_review"] for a in built.actions][:4] == [False, False, True, True]
            assert [(c.action_id, c.before) for c in log.rows if c.rule == "id-text-review"] \
                == [("E3", "Waste"), ("E4", "_|the")]
        else:  # born-digital: no speck is cut off; an ID of no shape the table uses, flagged
            assert ids[1] != "E2" and built.actions[1]["needs_review"]


def test_an_ocrd_name_no_list_knows_is_respelled_and_a_rules_dash_and_bar_are_no_print() -> None:
    rows = [["Ref", "Action", "Lead team", "Partners"], ["1.1", "Do.", "Digitat Services", "Residents"],
            ["1.2", "Plan.", "Sustainability -|Team", "Schools"]]
    for ocr in (True, False):
        built, log = built_from([table(0, rows, "A Plan")], ocr=ocr)
        leads = [a["lead_teams"] for a in built.actions]
        if ocr:
            assert leads == [["Digital Services"], ["Sustainability Team"]]
            assert ("Digitat", "Digital", "ocr-spelling") in [(c.before, c.after, c.rule) for c in log.rows]
            assert [n["name"] for n in built.names["leads"]] == ["Digital Services", "Sustainability Team"]
        else:  # born-digital names are printed as meant
            assert leads[0] == ["Digitat Services"]


def test_an_ocrd_speck_standing_as_a_name_is_dropped_and_logged() -> None:
    rows = [["Ref", "Action", "Lead team", "Partners"],
            ["1.1", "Do.", "Finance Team\n—__-\nEnvironment Branch", "Schools\ngst"],
            ["1.2", "Plan.", "Planning\n1", "LCC"]]
    for ocr in (True, False):
        built, log = built_from([table(0, rows, "A Plan")], ocr=ocr)
        got = [(a["lead_teams"], a["partners"]) for a in built.actions]
        if ocr:
            assert got == [(["Finance Team", "Environment Branch"], ["Schools"]), (["Planning"], ["LCC"])]
            assert sorted(c.before for c in log.rows if c.rule == "ocr-stray" and c.after == "") == ["1", "gst"]
            # A line of rule strokes is no print at all: taken out of the cell's text, logged.
            assert [(c.before, c.after) for c in log.rows if c.rule == "ocr-stray" and "—__-" in c.before] == [
                ("Finance Team —__-Environment Branch", "Finance Team Environment Branch")]
        else:  # born-digital: printed so, kept
            assert "gst" in got[0][1]


def test_a_value_of_a_column_whose_label_was_lost_is_moved_out_of_the_date_and_the_row_flagged() -> None:
    # Page 2's Status label merged into a neighbour's: its values read after the End dates.
    first = table(0, [["Action ID", "Action", "End", "Status"], ["T1", "Do a thing.", "Mar-28", "On track"]],
                  "A Plan")
    lost = table(1, [["Action ID", "Action", "End"], ["T2", "Do another.", "Jun-30 On track"],
                     ["T3", "Do a third.", "Jun-30 Going"]])
    vocab = load_vocabulary()
    for ocr in (True, False):
        log = CorrectionLog()
        built = Builder(vocab, NormaliseSettings(), log, "t.pdf", ocr=ocr).build(
            tables_to_records([first, lost], {}, vocab, log))
        ends = [str(a["end_date"]) for a in built.actions]
        status = [(e["action_id"], e["value"]) for e in built.extra if e["column"] == "Status"]
        if ocr:
            # A value the column holds elsewhere is moved, the row flagged; another is left, the date unparsed.
            assert ends == ["2028-03-31", "2030-06-30", "None"]
            assert status == [("T1", "On track"), ("T2", "On track")]
            assert [a["needs_review"] for a in built.actions] == [False, True, True]
            assert [c.action_id for c in log.rows if c.rule == "column-spill-review"] == ["T2"]
        else:  # born-digital: printed so
            assert ends[1] == "None" and status == [("T1", "On track")]


def test_a_new_series_of_ids_under_a_carried_theme_flags_its_rows() -> None:
    # "R1" after "C2" with no section row between: the Resources section row may have been lost, so R1 and
    # the rows after it are flagged until a theme is read again; the C rows and the N rows under their own
    # section row are not.
    rows = [["Ref", "Action", "Partners"], ["Communities", "", ""], ["C1", "Plan.", "Residents"],
            ["C2", "Build.", "Schools"], ["R1", "Plant.", "Residents"], ["R2", "Do.", "Schools"],
            ["Nature", "", ""], ["N1", "Go.", "Schools"]]
    built, log = built_from([table(0, rows, "A Plan")])
    assert [(a["action_id"], a["theme"], a["needs_review"]) for a in built.actions] == [
        ("C1", "Communities", False), ("C2", "Communities", False), ("R1", "Communities", True),
        ("R2", "Communities", True), ("N1", "Nature", False)]
    assert [c.action_id for c in log.rows if c.rule == "theme-carried-review"] == ["R1", "R2"]


def test_an_ocrd_id_that_fits_neither_neighbour_takes_the_reading_the_next_confirms() -> None:
    # "B81" between E1 and B2: its "1" read twice. B1 is taken, for review; "T20" between T10 and T30 is a
    # numbering of its own, and stands.
    for ids, want, flagged in ((["E1", "B81", "B2"], ["E1", "B1", "B2"], [False, True, False]),
                               (["T10", "T20", "T30"], ["T10", "T20", "T30"], [False, False, False])):
        rows = [["Ref", "Action", "Partners"]] + [[i, "Plan.", "Residents"] for i in ids]
        built, log = built_from([table(0, rows, "A Plan")], ocr=True)
        assert [a["action_id"] for a in built.actions] == want
        assert [a["needs_review"] for a in built.actions] == flagged


def test_a_name_holding_a_date_in_figures_is_flagged_and_a_year_in_a_name_is_not() -> None:
    # "Transport Jan-26": the next column's date run into the lead. "Net Zero 2030 Board" is a name.
    rows = [["Ref", "Action", "Lead"], ["T1", "Plan.", "Transport Jan-26"], ["T2", "Build.", "Net Zero 2030 Board"]]
    built, log = built_from([table(0, rows, "A Plan")])
    assert [a["needs_review"] for a in built.actions] == [True, False]
    assert [(c.action_id, c.before) for c in log.rows if c.rule == "name-is-data"] == [("T1", "Transport Jan-26")]
