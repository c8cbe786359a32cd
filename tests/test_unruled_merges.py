"""Cells printed once over several rows in tables without a full grid: text that runs on into the row below,
a lead cell left blank under one that prints a lead, a year under its group's heading in one cell."""
from __future__ import annotations

from dataclasses import replace

from extract.flow import flowing_joins, heading_rows, lines_like_rows
from extract.model import RawCell, RawTable
from normalise.build import Builder
from normalise.corrections import REVIEW_RULES, CorrectionLog
from normalise.headers import map_columns
from normalise.records import tables_to_records
from normalise.settings import NormaliseSettings
from normalise.vocabulary import load_vocabulary

PITCH = 10.0  # a cell's lines, points apart
PADDING = 3.0  # added between one row's last line and the next row's first


def word(text: str, x0: float, top: float) -> dict[str, object]:
    return {"text": text, "x0": x0, "x1": x0 + 6.0 * len(text), "top": top, "bottom": top + 8.0}


def rows_of_words(rows: list[list[list[str]]], columns: list[float]) -> tuple[list[dict[str, object]], list[float]]:
    """Rows of cells of lines → words placed as a table without rules prints them, and the rows' edges
    (a row is as tall as its longest cell; a line that runs on is placed by the caller in the next row)."""
    words, bounds, top = [], [], 100.0
    for row in rows:
        bounds.append(top - 1)
        for c, lines in enumerate(row):
            for k, line in enumerate(lines):
                words.append(word(line, columns[c], top + k * PITCH))
        top += max(len(lines) for lines in row) * PITCH + PADDING
    return words, bounds + [top]


EDGES = [0.0, 40.0, 300.0, 450.0]  # ID, action, lead


def test_text_running_on_into_the_row_below_is_a_merge() -> None:
    # Row 1's lead cell has two lines beside an action of two; its third line, one pitch under the second,
    # falls into row 2 (it reaches below where row 2's text starts): the lead cell runs over both rows.
    words, bounds = rows_of_words([[["T1"], ["Do a thing", "and more"], ["Strategic Property", "Leicestershire"]],
                                   [["T2"], ["Another thing", "and more", "and more"], []],
                                   [["T3"], ["A third", "and more"], ["Planning"]]],
                                  [2.0, 42.0, 302.0])
    words.append(word("Traded Services", 302.0, 100.0 + 2 * PITCH))
    assert flowing_joins(words, bounds, EDGES, 0) == {(0, 2)}


def test_two_cells_in_tight_rows_are_not_taken_for_one_run_on() -> None:
    # Rows set with no padding (a browser's table, scanned): row 1's partners end a line pitch over row 2's
    # first line, as run-on text would. Row 2's partners are its own, its tallest cell: with them taken for
    # row 1's run-on, row 2's last line would be its action's, a padding over row 3, and that made-up
    # padding would prove the run-on. It measures nothing, so the two lists stay two (seed 36's scan).
    words = [word("1.1", 2.0, 100.0), word("Do a thing", 42.0, 100.0), word("and more", 42.0, 110.0),
             word("Youth Parliament,", 302.0, 100.0), word("District councils,", 302.0, 110.0),
             word("Community groups", 302.0, 120.0),
             word("1.2", 2.0, 130.0), word("Another thing", 42.0, 130.0), word("and more", 42.0, 140.0),
             word("and more", 42.0, 150.0), word("Leicestershire Local", 302.0, 130.0),
             word("Government Pension", 302.0, 140.0), word("Scheme (LGPS)", 302.0, 150.0),
             word("Committee/Board", 302.0, 160.0),
             word("1.3", 2.0, 172.0), word("A third", 42.0, 172.0), word("and more", 42.0, 182.0)]
    assert flowing_joins(words, [99.0, 129.0, 171.0, 195.0], EDGES, 0) == set()


def test_a_speck_read_under_a_cells_text_is_no_line_that_runs_on() -> None:
    # A scan's speck read as "." under row 1's lead, one pitch over row 2's first line: no line of text,
    # so the lead ends where its words do, a padding over the next row's.
    words, bounds = rows_of_words([[["T1"], ["Do a thing", "and more", "and more"], ["Planning"]],
                                   [["T2"], ["Another thing"], ["Highways"]],
                                   [["T3"], ["A third"], ["Estates"]]], [2.0, 42.0, 302.0])
    speck = word(".", 302.0, bounds[1] + 1 - PITCH)
    assert flowing_joins(words + [speck], bounds, EDGES, 0) == set()
    # The same line with a word on it is text, and runs on.
    assert flowing_joins(words + [dict(speck, text="Estates")], bounds, EDGES, 0) == {(0, 2)}


def test_rows_as_close_as_lines_are_never_joined_by_the_gap() -> None:
    words, bounds = rows_of_words([[["T1"], ["Do a thing", "and more"], ["Planning", "Estates"]],
                                   [["T2"], ["Another thing"], ["Highways"]]], [2.0, 42.0, 302.0])
    # Row 2 moved up by the padding: its first line one pitch under row 1's last, like a cell's next line.
    tight = [dict(w, top=w["top"] - PADDING, bottom=w["bottom"] - PADDING) if w["top"] > 100 + PITCH else w
             for w in words]
    assert flowing_joins(tight, [bounds[0], bounds[1] - PADDING, bounds[2] - PADDING], EDGES, 0) == set()
    # With padding, the same rows are apart: nothing runs on.
    assert flowing_joins(words, bounds, EDGES, 0) == set()


def test_a_line_in_lower_case_runs_on_from_the_cell_above() -> None:
    words, bounds = rows_of_words([[["T1"], ["Do a thing", "and more"], ["Special Projects", "Transport Projects"]],
                                   [["T2"], ["Another thing"], ["and Programmes"]]], [2.0, 42.0, 302.0])
    assert flowing_joins(words, bounds, EDGES, 0) == {(0, 2)}
    # Not where the cell above ends before its row does (a legend's "or marked: …" under a short cell).
    words, bounds = rows_of_words([[["T1"], ["Do a thing", "and more"], ["Transport Projects"]],
                                   [["T2"], ["Another thing"], ["and Programmes"]]], [2.0, 42.0, 302.0])
    assert flowing_joins(words, bounds, EDGES, 0) == set()


def test_a_sections_heading_set_over_the_id_columns_edge_takes_no_run_on_text() -> None:
    # The action cell above fills its row to the last line, and the next row's text in that column starts
    # in lower case; but that row is "Waste and Energy", one run of words from the ID column over its
    # edge (a word space apart, where a row's ID and action are a padding apart): a section's heading.
    rows = [[["T1"], ["Do a thing", "and more", "and more"], ["Planning", "Estates", "Fleet"]],
            [["Waste"], ["and Energy"], []],
            [["T2"], ["Another"], ["Highways", "Roads", "Parks", "Libraries"]]]
    words, bounds = rows_of_words(rows, [2.0, 42.0, 302.0])
    assert flowing_joins(words, bounds, EDGES, 0) == {(0, 1)}  # "and Energy" a padding from the edge
    heading = [dict(w, x0=8.0, x1=38.0) if w["text"] == "Waste" else
               dict(w, x0=41.0, x1=41.0 + 6.0 * 10) if w["text"] == "and Energy" else w for w in words]
    assert flowing_joins(heading, bounds, EDGES, 0) == set()


def test_a_sections_heading_printed_across_the_columns_is_one_cell_over_them() -> None:
    # "Nature and Land Use" as one run of words a word space apart from the ID column over both edges
    # (a browser's colspan cell): one cell across the three columns. The rows' IDs are another shape.
    rows = [[["1.1"], ["Do a thing"], ["Planning"]], [["Nature"], [], []], [["1.2"], ["Another"], ["Highways"]]]
    words, bounds = rows_of_words(rows, [2.0, 42.0, 302.0])
    top = bounds[1] + 1
    heading = [w for w in words if w["text"] != "Nature"]
    x = 8.0
    for text in ("Nature", "and", "Land", "and", "Water", "in", "the", "county", "and", "its", "towns", "and", "Use"):
        heading.append(word(text, x, top))
        x += 6.0 * len(text) + 3.0
    assert max(w["x1"] for w in heading if w["top"] == top) > EDGES[2]  # the run reaches the lead column
    assert heading_rows(heading, bounds, EDGES, 0) == {(1, 0), (1, 1)}
    # The same words a padding apart at each column edge are a row's cells, not one heading.
    apart = [dict(w, x0=w["x0"] + 4.0, x1=w["x1"] + 4.0) if w["top"] == top and w["x0"] > 40.0 else w
             for w in heading]
    apart = [dict(w, x0=w["x0"] + 4.0, x1=w["x1"] + 4.0) if w["top"] == top and w["x0"] > 300.0 else w
             for w in apart]
    assert heading_rows(apart, bounds, EDGES, 0) == set()
    # An ID of the rows' own shape starts a row, whatever its line runs over.
    ided = [dict(w, text="1.5") if w["text"] == "Nature" else w for w in heading]
    assert heading_rows(ided, bounds, EDGES, 0) == set()


def test_lines_under_a_table_set_in_its_columns_are_counted_as_rows_it_may_have_lost() -> None:
    # Two rows whose IDs OCR misread ("81", "82"), set in the ID, action and lead columns; a legend under
    # them runs across the columns as one sentence, and a note starts outside the ID column.
    lost, _ = rows_of_words([[["81"], ["Carbon and", "estate"], ["Planning"]],
                             [["82"], ["Investment"], ["Highways"]]], [2.0, 42.0, 302.0])
    legend = []
    x = 2.0
    for text in "Shaded or marked: the financial years in which each of the actions is delivered".split():
        legend.append(word(text, x, 200.0))
        x += 6.0 * len(text) + 3.0
    note = [word("Note", 60.0, 220.0), word("one", 120.0, 220.0), word("two", 320.0, 220.0)]
    assert lines_like_rows(lost + legend + note, EDGES, 0) == 2
    assert lines_like_rows(legend + note, EDGES, 0) == 0


def raw_table(rows: list[list[str]], flavor: str = "words", rows_ruled: bool = False,
              spans: dict[tuple[int, int], str] | None = None) -> RawTable:
    t = RawTable(0, 1, 1, flavor, 40.0, 40.0, 800.0, 500.0, len(rows), len(rows[0]), 100.0, 0.0, "A Plan",
                 rows_ruled=rows_ruled)
    t.cells = [RawCell(1, 0, r, c, 0.0, 0.0, 0.0, 0.0, text, "", span=(spans or {}).get((r, c), ""))
               for r, row in enumerate(rows) for c, text in enumerate(row)]
    return t


def build(t: RawTable) -> tuple[list[dict[str, object]], CorrectionLog]:
    vocab, log = load_vocabulary(), CorrectionLog()
    built = Builder(vocab, NormaliseSettings(), log, "t.pdf").build(tables_to_records([t], {}, vocab, log))
    return built.actions, log


HEADER = ["Action ID", "Action", "Lead team", "Start"]


def test_a_blank_lead_under_a_lead_with_no_rule_between_takes_it_flagged() -> None:
    actions, log = build(raw_table([HEADER, ["T1", "Do a thing.", "Planning", "Apr-25"],
                                    ["T2", "Do another.", "", "Apr-25"], ["T3", "A third.", "", "Apr-25"]]))
    assert [a["lead_teams"] for a in actions] == [["Planning"]] * 3
    assert all(a["needs_review"] for a in actions)
    rules = {(c.action_id, c.rule) for c in log.rows if c.rule in REVIEW_RULES}
    assert rules == {("T1", "lead-shared-review"), ("T2", "lead-from-above"), ("T3", "lead-from-above")}


def test_a_blank_lead_under_a_rule_stays_blank_and_flagged() -> None:
    # A rule crosses the cell: it is not part of the cell above (a lead left blank, as printed).
    actions, log = build(raw_table([HEADER, ["T1", "Do a thing.", "Planning", "Apr-25"],
                                    ["T2", "Do another.", "", "Apr-25"]], rows_ruled=True))
    assert [a["lead_teams"] for a in actions] == [["Planning"], []]
    assert [a["needs_review"] for a in actions] == [False, True]
    assert [c.rule for c in log.rows if c.rule in REVIEW_RULES] == ["lead-missing"]


def test_a_merged_cell_read_without_a_grid_gives_each_row_its_names_flagged() -> None:
    rows = [HEADER, ["T1", "Do a thing.", "Strategic Property Team;\nLeicestershire Traded", "Apr-25"],
            ["T2", "Do another.", "Services", "Apr-25"]]
    merged = raw_table(rows, spans={(1, 2): "1:2:2:2", (2, 2): "1:2:2:2"})
    actions, log = build(merged)
    assert [a["lead_teams"] for a in actions] == [["Strategic Property Team", "Leicestershire Traded Services"]] * 2
    assert all(a["needs_review"] for a in actions)
    # The same merge in a ruled grid is shown by its rules: nothing to doubt.
    actions, _ = build(replace(merged, flavor="lattice", rows_ruled=True))
    assert not any(a["needs_review"] for a in actions)


def test_a_year_under_its_groups_heading_in_one_cell_is_a_year_column() -> None:
    grid = [["ID", "Action", "Lead team", "Delivery Period\nFY2024/25", "FY2025/26"],
            ["T1", "Do.", "Planning", "X", ""]]
    mapping = map_columns(grid, load_vocabulary().headers)
    assert mapping.years == [(3, "2024-25"), (4, "2025-26")]
    assert not mapping.garbled


def test_run_on_text_that_reaches_into_the_next_rows_band_does_not_hide_the_padding() -> None:
    # A lead cell merged over three rows: its text runs from T1 through T2's band to just above T3. T2's own
    # height is its action's: measured from the lead's last line, T2 and T3 would look unpadded.
    words = [word("T1", 2, 100), word("Do a thing", 42, 100), word("and more", 42, 110),
             word("Fleet Services,", 302, 100), word("Environment", 302, 110),
             word("Branch,", 302, 120), word("Structures and", 302, 130), word("Street Lighting", 302, 140),
             word("T2", 2, 123), word("Another thing", 42, 123),
             word("T3", 2, 146), word("A third", 42, 146), word("and more", 42, 156), word("and more", 42, 166),
             word("Planning", 302, 146),
             word("T4", 2, 179), word("A fourth", 42, 179), word("and more", 42, 189), word("Estates", 302, 179)]
    bounds = [99.0, 122.0, 145.0, 178.0, 200.0]
    assert flowing_joins(words, bounds, EDGES, 0) == {(0, 2)}


def test_a_page_after_a_table_with_lines_set_in_its_columns_counts_them_as_rows_unread() -> None:
    from extract.flow import rows_on_next_page, table_to_edges
    from normalise.ids import looks_like_id

    table = RawTable(0, 2, 1, "words", 0.0, 50.0, 450.0, 300.0, 3, 3, 100.0, 0.0, "")
    boxes = [(0.0, 40.0), (40.0, 300.0), (300.0, 450.0)]
    table.cells = [RawCell(2, 0, r, c, x0, 50.0 + 80 * r, x1, 130.0 + 80 * r, text, "")
                   for r, row in enumerate([["ID", "Action", "Lead"], ["1.1", "Plant", "Parks"],
                                            ["1.2", "Build", "Estates"]])
                   for c, ((x0, x1), text) in enumerate(zip(boxes, row))]
    assert table_to_edges(table) == [0.0, 40.0, 300.0, 450.0]
    # The next page's rows, their IDs OCR'd past recognition ("l.S") but set in the ID column all the same.
    rows, _ = rows_of_words([[["l.S"], ["Carbon and", "estate"], ["Planning"]],
                             [["1.6"], ["Investment"], ["Highways"]]], [2.0, 42.0, 302.0])
    is_id = lambda t: looks_like_id(t, {})  # noqa: E731
    assert rows_on_next_page(table, rows, is_id) == 2
    assert rows_on_next_page(table, [word("Shaded", 2.0, 20.0), word("marks", 60.0, 20.0)], is_id) == 0
    no_ids = RawTable(1, 2, 1, "words", 0.0, 50.0, 450.0, 300.0, 3, 3, 100.0, 0.0, "")
    no_ids.cells = [replace(c, text="Budget") for c in table.cells]
    assert rows_on_next_page(no_ids, rows, is_id) == 0  # no column of IDs: no rows to be like
    # ... unless it has an action table's header (its IDs all lost in OCR): rows start in its first column.
    assert rows_on_next_page(no_ids, rows, is_id, headed=True) == 2


def test_a_row_whose_id_was_not_read_is_counted_by_its_first_line_only() -> None:
    # ID, action, lead, from, end. The lost row's first line fills four columns from the action's on; its
    # wrapped lines under it fill two, and count for nothing, as does a line begun in the lead column.
    edges = [0.0, 40.0, 300.0, 450.0, 550.0, 650.0]
    lost, _ = rows_of_words([[[], ["Buildings council", "support low"], ["Structures", "Lighting"], ["Apr-26"],
                              ["Dec-26"]]], [2.0, 42.0, 302.0, 452.0, 552.0])
    assert lines_like_rows(lost, edges, 0) == 1
    late = [word("Team", 310.0, 400.0), word("Apr-26", 455.0, 400.0), word("Dec-26", 555.0, 400.0)]
    assert lines_like_rows(late, edges, 0) == 0
