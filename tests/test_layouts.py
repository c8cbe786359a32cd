"""The mechanisms the new producers needed, each on a small made-up input: Gantts by quarter and month,
quarter dates, typesetters' hyphens, ligatures, gutters, sideways labels, running lines, rules drawn as
bars, merged cells, small filled marks."""
from __future__ import annotations

from datetime import date
from types import SimpleNamespace

from extract.columns import regrid_sideways
from extract.fills import cell_fill, cell_shape
from extract.gutters import lines_to_gutters, snap_to_gutters, split_at_edges, split_collisions
from extract.header_labels import line_to_labels
from extract.model import RawCell, RawTable
from extract.pages import names_a_year_range
from extract.rules import full_width_rules, unruled_joins
from extract.spans import cells_to_spans, merges_to_spans
from extract.table_rows import trailing_bottom, until_gap
from extract.titles import band_to_furniture, dangling_heading, running_key, title_above
from extract.vertical import sideways_chars_to_words
from extract.wraps import line_breaks_between, measured_rights
from normalise.corrections import CorrectionLog
from normalise.dates import parse_date
from normalise.headers import ColumnMap, sub_period, sub_period_years
from normalise.hyphens import english_words, join_broken_lines, merge_broken_lines, unsure_breaks
from normalise.merged import spread_merged
from normalise.text import expand_ligatures
from normalise.vocabulary import load_vocabulary


def word(text: str, x0: float, top: float = 0.0, width: float | None = None, **extra: object) -> dict:
    w = width if width is not None else 5.0 * len(text)
    return {"text": text, "x0": x0, "x1": x0 + w, "top": top, "bottom": top + 8, "size": 8.0, **extra}


def test_quarters_and_months_map_to_the_year_above_them_wherever_its_label_landed() -> None:
    assert [sub_period(t) for t in ("Q1", "Qtr 3", "Apr", "October", "Mar", "Total")] == [0, 6, 0, 6, 11, None]
    assert [sub_period(t) for t in ("Ql", "QI", "Qi", "Q5", "Quit")] == [0, 0, 0, None, None]  # OCR's 1s
    # the first year's label in its second column (centred), the second year's in its first quarter's cell
    grid = [["ID", "Action", "", "2025/26", "", "", "", "", ""],
            ["", "", "Q1", "Q2", "Q3", "Q4", "2026/27\nQ1", "Q2", "Q3"]]
    years = sub_period_years(grid, 2)
    assert {c: years[c] for c in (2, 5, 6, 8)} == {2: "2025-26", 5: "2025-26", 6: "2026-27", 8: "2026-27"}


def test_quarter_dates_are_the_quarters_first_and_last_days() -> None:
    start = parse_date("Q3 2025/26", False, {}, {})
    end = parse_date("2025/26 Q4", True, {}, {})
    assert (start.value, end.value) == (date(2025, 10, 1), date(2026, 3, 31))
    assert not parse_date("Q32025/26", False, {}, {}).known  # run together: not a date to guess at
    assert parse_date("Ql 2027/28", False, {}, {}).value == date(2027, 4, 1)  # a scan's l for 1


def test_a_typesetters_hyphen_is_rejoined_and_a_compounds_kept() -> None:
    known = english_words()
    text, changes = join_broken_lines(["Support engage-", "ment with evidence-", "led plans"], known)
    assert text == "Support engagement with evidence-led plans"
    assert changes == [("engage-ment", "engagement")]
    # a word the document prints whole elsewhere wins over two words that happen to exist
    text, _ = join_broken_lines(["the re-", "use"], known, frozenset({"reuse"}))
    assert text == "the reuse"
    # both parts words, but the joined word far more common than the rarer part: pro + gramme is programme;
    # reuse is rare beside re, so re-use keeps its hyphen
    assert join_broken_lines(["the pro-", "gramme and re-", "use"], known)[0] == "the programme and re-use"


def test_a_hyphen_in_a_name_at_a_lines_end_is_rejoined_or_kept_whole_never_split() -> None:
    known = english_words()
    lines, _ = merge_broken_lines([("Net Zero Pro-", None), ("gramme Office", True)], known)
    assert [ln for ln, _ in lines] == ["Net Zero Programme Office"]
    lines, _ = merge_broken_lines([("Waste re-", None), ("use Team", True)], known)
    assert [ln for ln, _ in lines] == ["Waste re-use Team"]


def test_ligatures_become_their_letters() -> None:
    assert expand_ligatures("retroﬁt ﬂooding eﬃciency") == "retrofit flooding efficiency"


def test_a_word_running_over_a_column_edge_is_split_only_where_its_glyphs_stand_apart() -> None:
    chars = [{"text": ch, "x0": x, "x1": x + 4} for ch, x in zip("LTP", (10, 14, 18))]
    chars += [{"text": ch, "x0": x, "x1": x + 4} for ch, x in zip("123", (24, 28, 32))]
    glued = {"text": "LTP123", "x0": 10, "x1": 36, "top": 0, "bottom": 8, "chars": chars}
    parts = split_at_edges([glued], [0, 23, 100])
    assert [p["text"] for p in parts] == ["LTP", "123"]
    tight = {**glued, "chars": [{**c, "x0": c["x0"] - (2 if i >= 3 else 0), "x1": c["x1"] - (2 if i >= 3 else 0)}
                                for i, c in enumerate(chars)]}
    assert [p["text"] for p in split_at_edges([tight], [0, 23, 100])] == ["LTP123"]


def test_gutters_are_bands_no_line_crosses_where_a_column_starts_again() -> None:
    lines = [[word("1.1", 10), word("Reduce", 40)], [word("1.2", 10), word("Review", 40)],
             [word("cont", 40)]]
    gutters = lines_to_gutters(lines)
    assert any(abs(g1 - 40) <= 1 for _, g1 in gutters)


def test_sideways_labels_are_read_in_their_direction_and_laid_out_from_the_edge_after_them() -> None:
    upward = (0, 1, -1, 0, 0, 0)
    chars = [{"text": ch, "x0": 100, "x1": 106, "top": top, "bottom": top + 5, "size": 7, "matrix": upward}
             for ch, top in zip("62/52", (10, 15, 20, 25, 30))]
    assert [w["text"] for w in sideways_chars_to_words(chars)] == ["25/26"]
    labels = [SimpleNamespace(x0=x, x1=x + 6, top=0, bottom=30, text="y") for x in (110, 130, 150)]
    action = SimpleNamespace(x0=10, x1=40, top=0, bottom=8, text="Action")
    start = SimpleNamespace(x0=172, x1=190, top=0, bottom=8, text="Start")
    edges = regrid_sideways([action, *labels, start], [7, 107, 127, 147, 169, 200], None)
    assert edges == [7, 109, 129, 149, 169, 200]  # three columns of 20 back from Start's edge


def test_running_lines_ignore_page_numbers_and_a_dangling_heading_is_found_under_the_last_table() -> None:
    assert running_key(20.0, "Page 2 of 5") == running_key(20.4, "Page 3 of 5")
    words = [word("Legend", 10, 500), word("Next", 10, 520, fontname="X-Bold"),
             word("Plan", 40, 520, fontname="X-Bold")]
    assert dangling_heading(words, 480.0) == "Next Plan"
    assert dangling_heading(words[:1], 480.0) == ""
    # A line in larger type that starts in lower case is a cell's overflow (a scan's OCR sizes vary), no heading.
    body = [word("Shaded", 10, 490), word("or", 50, 490), word("marked", 70, 490), word("years", 110, 490)]
    overflow = [*body, word("communities.", 10, 520, size=11.0), word("eal", 80, 520, size=11.0)]
    assert dangling_heading(overflow, 480.0) == ""
    assert dangling_heading([*body, {**overflow[4], "text": "Communities"}], 480.0) == "Communities"


def test_a_group_heading_with_ocr_specks_is_no_title_and_hides_none() -> None:
    # A scan, no bold: the plan's title, then the Gantt's group heading over the year columns with a speck
    # OCR read before it (": Delivery Period"). The heading is the table's, so the title is the line above.
    words = [word("Carbon", 36, 197), word("Reduction", 89, 197), word("Plan", 162, 197), word("|", 196, 197),
             word(":", 602, 225), word("Delivery", 681, 225), word("Period", 721, 225)]
    wordings = frozenset({"delivery period", "indicative cost (£k)"})
    assert title_above(words, 236.0, 30.0, not_titles=wordings, table_x=(35.4, 807.0)) == "Carbon Reduction Plan |"
    unit = [word("Indicative", 600, 225), word("cost", 650, 225), word("(£k)", 680, 225)]
    assert title_above(words[:4] + unit, 236.0, 30.0, not_titles=wordings, table_x=(35.4, 807.0)) \
        == "Carbon Reduction Plan |"


def test_a_heading_heads_the_table_under_it_not_one_further_down() -> None:
    from types import SimpleNamespace

    from extract.titles import assign_titles

    # Two tables on a scanned page (no bold), the first plan's title in larger type than the second's: the
    # second table takes the heading between the two, not the page's largest line above the first.
    words = [word("Net", 40, 55, size=13.0), word("Zero", 74, 55, size=13.0), word("Plan", 110, 55, size=13.0),
             word("Cell", 50, 100), word("Shaded:", 40, 412), word("delivery", 80, 412), word("years", 120, 412),
             word("Carbon", 40, 445, size=11.0), word("Plan", 90, 445, size=11.0),
             word("Cell", 50, 480)]
    page = SimpleNamespace(height=595.0)
    objects = type("Objects", (), {"by_number": {1: page}, "words": lambda self, n: words,
                                   "__getitem__": lambda self, n: page})()
    tables = [SimpleNamespace(page=1, x0=39.0, x1=700.0, top=69.0, bottom=410.0, title_above=""),
              SimpleNamespace(page=1, x0=39.0, x1=700.0, top=461.0, bottom=500.0, title_above="")]
    assign_titles(tables, objects, 30.0)
    assert [t.title_above for t in tables] == ["Net Zero Plan", "Carbon Plan"]


def test_rules_drawn_as_bars_per_cell_count_and_a_column_they_skip_is_merged() -> None:
    bars = [{"x0": x, "x1": x + 50, "top": 99.7, "bottom": 100.3, "fill": True} for x in (50, 100, 150)]
    page = SimpleNamespace(lines=[], rects=bars + [{"x0": 0, "x1": 50, "top": 49.7, "bottom": 50.3, "fill": True},
                                                   {"x0": 50, "x1": 200, "top": 49.7, "bottom": 50.3, "fill": True}])
    assert full_width_rules(page, 0, 200) == [50.0, 100.0]
    joins = unruled_joins(page, [40, 100, 150], [50.0, 100.0], [0, 50, 100, 150, 200])
    assert joins == {(0, 0)}  # under the first column, the row rule at 100 is missing
    assert merges_to_spans(3, 2, {(0, 0), (1, 0)}, set()) == {(0, 0): "0:0:2:0", (1, 0): "0:0:2:0", (2, 0): "0:0:2:0"}


def test_a_cell_the_tables_closing_rule_leaves_open_runs_on_past_its_foot() -> None:
    rule = [{"x0": 0, "x1": 200, "top": y - 0.3, "bottom": y + 0.3, "fill": True} for y in (50, 100)]
    foot = [{"x0": x, "x1": x + 50, "top": 149.7, "bottom": 150.3, "fill": True} for x in (50, 100, 150)]
    page = SimpleNamespace(lines=[], rects=rule + foot)
    edges = [0, 50, 100, 150, 200]
    assert unruled_joins(page, [50, 100, 150], [50.0, 100.0, 150.0], edges, foot=True) == {(1, 0)}
    assert unruled_joins(page, [50, 100, 150], [50.0, 100.0, 150.0], edges) == set()  # the foot unasked
    # A last edge where no rule runs (a row broken by the page's end) says nothing.
    assert unruled_joins(page, [50, 100, 162], [50.0, 100.0, 150.0], edges, foot=True) == set()


def test_a_merged_cell_is_given_to_each_row_it_covers_and_carried_over_a_page_break() -> None:
    table = RawTable(0, 1, 1, "lattice", 0, 0, 100, 100, 4, 2, 100.0, 0.0, "")
    texts = [["ID", "Lead"], ["1.1", "Parks"], ["1.2", ""], ["1.3", ""]]
    table.cells = [RawCell(1, 0, r, c, 0, 0, 0, 0, texts[r][c], "", span="1:1:3:1" if c == 1 and r else "")
                   for r in range(4) for c in range(2)]
    mapping = ColumnMap({0: "id", 1: "leads"}, header_rows=1)
    log = CorrectionLog()
    carried = spread_merged(table, texts, mapping, log)
    assert [row[1] for row in texts[1:]] == ["Parks"] * 3 and [c.rule for c in log.rows] == ["merged-cell"]
    assert carried == {1: ("Parks", False)}  # reached the foot, closed there by the table's border
    nxt = RawTable(1, 2, 1, "lattice", 0, 0, 100, 100, 3, 2, 100.0, 0.0, "")
    texts2 = [["ID", "Lead"], ["1.4", ""], ["1.5", ""]]
    nxt.cells = [RawCell(2, 1, r, c, 0, 0, 0, 0, texts2[r][c], "", span="1:1:2:1" if c == 1 and r else "")
                 for r in range(3) for c in range(2)]
    spread_merged(nxt, texts2, mapping, log, carried)
    assert [row[1] for row in texts2[1:]] == ["Parks", "Parks"]


def test_a_cell_left_open_at_the_foot_of_a_page_runs_on_to_the_top_of_the_next() -> None:
    # The rule under the last row is drawn in every column but the lead's: that cell runs on over the
    # page break (a browser breaking a rowspan), though camelot draws the table's border whole.
    cells = [[SimpleNamespace(top=True, bottom=True, left=True, right=True) for _ in range(3)] for _ in range(2)]
    spans = cells_to_spans(cells, [True, False, True])
    assert spans == {(1, 1): "1:1:2:1"}  # ends one past the last row
    assert cells_to_spans(cells, [False, False, True]) == {}  # most of the foot open: a row broken, not a cell
    table = RawTable(0, 1, 1, "lattice", 0, 0, 100, 100, 2, 2, 100.0, 0.0, "")
    texts = [["ID", "Lead"], ["1.1", "Parks"]]
    table.cells = [RawCell(1, 0, r, c, 0, 0, 0, 0, texts[r][c], "", span="1:1:2:1" if (r, c) == (1, 1) else "")
                   for r in range(2) for c in range(2)]
    mapping = ColumnMap({0: "id", 1: "leads"}, header_rows=1)
    log = CorrectionLog()
    carried = spread_merged(table, texts, mapping, log)
    assert carried == {1: ("Parks", True)}
    # On the next page the cell is closed under its one row and blank: the rest of the merged cell.
    nxt = RawTable(1, 2, 1, "lattice", 0, 0, 100, 100, 2, 2, 100.0, 0.0, "")
    texts2 = [["ID", "Lead"], ["1.2", ""]]
    nxt.cells = [RawCell(2, 1, r, c, 0, 0, 0, 0, texts2[r][c], "") for r in range(2) for c in range(2)]
    assert spread_merged(nxt, texts2, mapping, log, carried) == {}
    assert texts2[1][1] == "Parks" and log.rows[-1].rule == "merged-cell"
    # Closed at the foot, the blank below is left blank (a cell merged down needs a merged cell below).
    texts3 = [["ID", "Lead"], ["1.2", ""]]
    spread_merged(nxt, texts3, mapping, log, {1: ("Parks", False)})
    assert texts3[1][1] == ""


def test_a_small_filled_shape_inside_a_cell_is_a_mark_and_a_rule_is_not() -> None:
    cell = (0.0, 0.0, 20.0, 12.0)
    assert cell_shape(cell, [((6.0, 3.0, 12.0, 9.0), "#4472c4")]) == "#4472c4"
    assert cell_shape(cell, [((0.0, 11.7, 20.0, 12.0), "#000000")]) == ""


def test_a_hyphen_kept_without_knowing_is_named_for_review() -> None:
    known = english_words()
    lines = ["the re-", "use and evidence-", "led plans to decarbon-", "isation, engage-", "ment"]
    # re-use: both parts words, and reuse too (if rare); decarbon-isation: no word either side of the break
    assert unsure_breaks(lines, known) == ["re-use", "decarbon-isation"]
    assert unsure_breaks(["the re-", "use"], known, frozenset({"reuse"})) == []  # printed whole elsewhere


def test_sideways_labels_of_two_tables_one_above_the_other_stay_apart() -> None:
    # The same year label over two tables on one page, its glyphs a fraction of a point apart across:
    # once read as one word from the first header to the second, which swallowed the first table's rows.
    upward = (0, 1, -1, 0, 0, 0)
    chars = [{"text": ch, "x0": x0, "x1": x0 + 6, "top": top + k * 5, "bottom": top + k * 5 + 5, "size": 7,
              "matrix": upward}
             for top, x0 in ((10, 100.6), (400, 100.4)) for k, ch in enumerate("52/42")]
    words = sideways_chars_to_words(chars)
    assert [(w["text"], w["top"]) for w in words] == [("24/25", 10), ("24/25", 400)]


def test_a_row_with_an_id_like_the_rows_above_is_table_text_past_a_gap_or_set_tight() -> None:
    edges = [0.0, 30.0, 200.0, 300.0]
    # 1.6 after a wide gap (rows of fixed height), then a legend as far under it.
    rows = [("1.1", 100), ("1.2", 134), ("1.3", 168), ("1.4", 202), ("1.5", 236), ("1.6", 320)]
    body = [w for rid, top in rows for w in (word(rid, 2, top), word("Reduce", 32, top), word("Planning", 202, top),
                                              word("energy", 32, top + 10), word("use.", 32, top + 20))]
    legend = [word("Shaded", 2, 400), word("or", 40, 400), word("marked", 55, 400)]
    kept = until_gap(body + legend, edges)
    assert [w["text"] for w in kept if w["x0"] < 30] == ["1.1", "1.2", "1.3", "1.4", "1.5", "1.6"]
    assert not any(w["text"] == "Shaded" for w in kept)


def test_a_legend_set_as_close_as_a_row_is_not_one() -> None:
    # The line right under the last row, no gap: no ID in the ID column and a sentence running over the
    # column edge (a row's ID and text are a padding apart); a new row with an ID like those above is kept.
    edges = [0.0, 30.0, 200.0, 300.0]
    body = [w for rid, top in (("1.1", 100), ("1.2", 120)) for w in (word(rid, 2, top), word("Reduce", 32, top))]
    sentence = "Shaded or marked: the years in which the action is delivered."
    legend, x = [], 2.0
    for text in sentence.split():  # over the first column's edge only, ending before the second's
        legend.append(word(text, x, 140, width=3.0 * len(text)))
        x += 3.0 * len(text) + 2.0
    kept = until_gap(body + legend, edges)
    assert [w["text"] for w in kept] == ["1.1", "Reduce", "1.2", "Reduce"]
    row = [word("1.3", 2, 140), word("Reduce", 32, 140)]
    assert len(until_gap(body + row, edges)) == 6
    assert trailing_bottom(body + legend, 135.0, edges) == 135.0  # cut at the last rule
    # A row's next line, its action text set tight against the partners' (a word space over the edge at
    # 200), starts in no ID cell: still the row's.
    tight, x = [], 32.0
    for text in "waste engagement the council estate Natural England".split():
        tight.append(word(text, x, 130, width=4.0 * len(text)))
        x += 4.0 * len(text) + 2.0
    assert len(until_gap(body + tight, edges)) == len(body) + len(tight)


def test_header_wordings_set_tight_split_even_where_the_whole_passes_a_fuzzy_match() -> None:
    # "Action description" and "Lead" a word space apart: close enough to "Action description" as a whole,
    # but exactly two wordings, so the lead column is no part of the actions'.
    line = [word("Action", 0), word("description", 33), word("Lead", 92)]
    labels = line_to_labels(line, [], load_vocabulary().headers)
    assert [lb.text for lb in labels] == ["Action description", "Lead"]


def test_a_glyph_per_line_text_layer_still_shows_its_year_labels() -> None:
    assert names_a_year_range("Lead team 2026-27 2027-28")
    assert names_a_year_range("2\r\n0\r\n2\r\n6\r\n-\r\n2\r\n7\r\n2\r\n0\r\n2\r\n7\r\n-\r\n2\r\n8")
    assert not names_a_year_range("1\r\n2\r\n0\r\n2\r\n6\r\n-\r\n3\r\n0")  # 2026-30: not a financial year


def test_a_column_without_rules_wraps_a_padding_short_of_the_next_columns_text() -> None:
    # Rules from x=10 to 310, the first column's text at 14: cells padded 4 pt a side. The lead column's
    # neighbour sets its lines at x=204, so lead text wraps at 204 - 8 = 196; the last column 4 pt inside.
    edges = [10.0, 100.0, 200.0, 310.0]
    body = [w for top in (0, 20, 40) for w in (word("1.1", 14, top), word("Housing", 104, top),
                                                word("Status", 204, top))]
    rights = measured_rights(body, edges, [14.0, 104.0, 204.0], (10.0, 310.0))
    assert rights == [96.0, 196.0, 306.0]
    # "Housing Strategy" / "Economic": the line above ends at 160, "Economic" is 30 wide and fits by 196,
    # though not inside the column's own widest line (170): a new line, where unmeasured it was unknown.
    cell = [word("Housing", 104, 0, width=30), word("Strategy", 137, 0, width=23),
            word("Economic", 104, 10, width=30), word("Development", 104, 20, width=66)]
    narrow, wide = (104.0, 0.0, 170.5, 30.0), (100.0, 0.0, 200.0, 30.0)
    assert line_breaks_between(cell, narrow, wide) == "?w"
    assert line_breaks_between(cell, narrow, wide, 196.0) == "nw"
    # A centred neighbour (no two lines start at one x) says nothing; nor do rules that are not there.
    centred = [w for top, x in ((0, 214), (20, 230), (40, 221)) for w in (word("1.1", 14, top), word("X", x, top))]
    assert measured_rights(centred, edges, [14.0, 104.0, 214.0], (10.0, 310.0))[1] is None
    assert measured_rights(body, edges, [14.0, 104.0, 204.0], None) == [None, None, None]


def test_a_mark_painted_over_a_zebra_band_shows_though_the_cell_as_measured_sticks_out() -> None:
    # The cell's edges come from text (a little above the row and short of the mark's right side): the
    # band covers 90 % of it, the blue mark painted after it 88 %; the mark is what shows.
    cell = (761.3, 59.3, 794.0, 102.0)
    band = ((36.0, 63.6, 805.9, 102.0), "#f2f2f2")
    mark = ((761.8, 63.6, 805.9, 102.0), "#4472c4")
    assert cell_fill(cell, [band, mark]) == "#4472c4"
    assert cell_fill(cell, [mark, band]) == "#f2f2f2"  # painted over, the band hides the mark
    # A small fill over half the cell does not outweigh a band covering all of it.
    assert cell_fill(cell, [band, ((761.3, 59.3, 778.0, 102.0), "#4472c4")]) == "#f2f2f2"


def glyphs(text: str, x0: float, width: float = 3.0, overlap_at: int = -1, overlap: float = 0.0) -> list[dict]:
    out, x = [], x0
    for k, ch in enumerate(text):
        x -= overlap if k == overlap_at else 0.0
        out.append({"text": ch, "x0": x, "x1": x + width, "top": 0.0, "bottom": 8.0})
        x += width
    return out


def test_an_overfull_word_printed_over_a_rule_into_the_next_cells_first_word_is_split() -> None:
    # "Infrastructure" runs 6 pt past the rule at 150, and "Schools" starts 1.2 pt before it ends.
    chars = glyphs("Infrastructureschools", 114.0, overlap_at=14, overlap=1.2)
    word = {"text": "Infrastructureschools", "x0": 114.0, "x1": chars[-1]["x1"], "chars": chars}
    assert [w["text"] for w in split_collisions([word], [0.0, 150.0, 300.0])] == ["Infrastructure", "schools"]
    # Touching, but a capital after a small letter beyond the rule: "Neighbouring" + "Carbon".
    chars = glyphs("NeighbouringCarbon", 120.0)
    word = {"text": "NeighbouringCarbon", "x0": 120.0, "x1": chars[-1]["x1"], "chars": chars}
    assert [w["text"] for w in split_collisions([word], [0.0, 150.0, 300.0])] == ["Neighbouring", "Carbon"]
    # A word over no rule, or whose capital is before the rule, is left whole.
    assert [w["text"] for w in split_collisions([word], [0.0, 100.0, 300.0])] == ["NeighbouringCarbon"]
    assert [w["text"] for w in split_collisions([word], [0.0, 160.0, 300.0])] == ["NeighbouringCarbon"]


def test_a_names_cell_ending_in_half_a_listed_name_runs_on_into_the_row_below_where_no_rule_shows_it() -> None:
    # No rules between rows (a Writer table without borders): "Pensions Team; Waste" over "Management"
    # is one merged cell (Waste Management is listed, Waste and Management are not); "Planning" over
    # "Highways Team" is two cells (both listed, or each half no name's end).
    from normalise.merged import names_run_on

    texts = [["ID", "Lead"], ["1.1", "Pensions Team; Waste"], ["1.2", "Management"], ["1.3", "Planning"],
             ["1.4", "Highways Team"]]
    table = RawTable(0, 1, 1, "words", 0, 0, 100, 100, 5, 2, 100.0, 0.0, "")
    table.cells = [RawCell(1, 0, r, c, 0, 0, 0, 0, texts[r][c], "") for r in range(5) for c in range(2)]
    mapping = ColumnMap({0: "id", 1: "leads"}, header_rows=1)
    listed = frozenset({"waste management", "pensions team", "planning", "highways team"})
    joined = names_run_on(table, texts, mapping, listed)
    assert {(c.row, c.col): c.span for c in joined.cells if c.span} == {(1, 1): "1:1:2:1", (2, 1): "1:1:2:1"}
    log = CorrectionLog()
    spread_merged(joined, texts, mapping, log)
    assert [row[1] for row in texts[1:3]] == ["Pensions Team; Waste\nManagement"] * 2
    assert texts[3][1] == "Planning"
    table.rows_ruled = True  # a rule between the rows says they are two cells, whatever the names
    assert names_run_on(table, texts, mapping, listed) is table


def test_a_header_labels_second_line_repeated_on_every_page_is_no_running_header() -> None:
    # Pages whose tables start at the top: "Action de-" / "scription" repeats at the same height on each,
    # under the header's first line; only lines above a table's header line can be page furniture.
    lines = [(7.0, 16.0, "Appendix B – Plans"), (46.3, 52.3, "Theme No. Action de- LCC team From End"),
             (53.5, 59.5, "scription leads"), (580.0, 590.0, "Page 2 of 5")]
    furniture = band_to_furniture(lines, 600.0, lambda text: "Theme" in text)
    assert furniture == {(7.0, "Appendix B – Plans"), (580.0, "Page 2 of 5")}
    assert band_to_furniture(lines, 600.0, lambda text: False) == {(t, x) for t, _, x in lines}


def test_a_row_under_the_last_rule_whose_cells_run_together_is_kept_by_its_id() -> None:
    # A spreadsheet's section band ruled above and below, then a row whose partners, start and end are set
    # tight enough to read as one run over two column edges: its ID is of the rows' shape above the rule.
    edges = [0.0, 30.0, 200.0, 260.0, 300.0, 340.0]
    above = [w for rid, top in (("NZ.1", 100), ("NZ.2", 120)) for w in (word(rid, 2, top), word("Plant", 32, top))]
    section = [word("Waste", 2, 142)]
    x, tight = 202.0, [word("NZ.5", 2, 155), word("Reduce", 32, 155)]
    for text in "Alliance; September 2026 March 2027".split():  # over the edges at 260 and 300
        tight.append(word(text, x, 155, width=4.0 * len(text)))
        x += 4.0 * len(text) + 1.5
    assert trailing_bottom(above + section + tight, 140.0, edges) == 163.5


def test_a_section_heading_at_the_same_height_on_two_pages_under_the_header_is_no_running_line() -> None:
    # Titles are read with running lines set aside; a table's header line (two or more header wordings)
    # is no running line, and a section heading under it on two continued pages is the table's, not one.
    from extract.titles import holds_wording

    wordings = frozenset({"no.", "action description", "lead team", "delivery partners", "from", "end", "action"})
    assert holds_wording("No. Action description Lead team Delivery partners 24/25 From End", wordings)
    assert not holds_wording("Appendix B – Net Zero Action Plans (June 2025 refresh)", wordings)  # one only
    lines = [(7.0, 16.0, "Appendix B – Net Zero Action Plans (June 2025 refresh)"),
             (56.0, 64.0, "No. Action description Lead team Delivery partners 24/25 From End"),
             (71.6, 79.6, "Nature and Land Use")]
    furniture = band_to_furniture(lines, 595.0, lambda text: holds_wording(text, wordings))
    assert furniture == {(7.0, "Appendix B – Net Zero Action Plans (June 2025 refresh)")}


def test_an_ocr_line_stretched_by_a_gantt_fill_read_as_letters_is_no_heading() -> None:
    # OCR boxes a line's words to the line: a shaded Gantt cell read as "Sa" stretches it to 12 pt, but the
    # words' own ink is the body's. A heading in larger type has larger ink, and a larger box.
    edges = [0.0, 30.0, 200.0, 300.0, 400.0]
    body = [w for rid, top in (("1.1", 40), ("1.2", 70), ("1.3", 100), ("1.4", 130)) for w in (
        word(rid, 2, top, size=8.9, ink=6.0), word("Reduce", 32, top, size=8.9, ink=6.2),
        word("energy", 32, top + 10, size=8.9, ink=6.1))]
    stretched = [word("Energy", 202, 150, size=12.0, ink=6.1), word("Saving", 232, 150, size=12.0, ink=6.2),
                 word("Sa", 280, 146, width=40, size=12.0, ink=12.0)]  # over an edge, as a fill's reading runs
    kept = until_gap(body + stretched, edges)
    assert [w["text"] for w in kept][-3:] == ["Energy", "Saving", "Sa"]
    heading = [word("Carbon", 2, 170, width=40, size=12.0, ink=9.0),
               word("Reduction", 46, 170, width=60, size=12.0, ink=9.1), word("Plan", 110, 170, size=12.0, ink=9.0)]
    assert not any(w["text"] == "Carbon" for w in until_gap(body + stretched + heading, edges))


def test_an_ocr_line_with_one_word_inked_tall_by_a_speck_beside_it_is_no_heading() -> None:
    # One word of a row's first line takes in a band's edge or a speck ("Environment" 8.9 pt tall among
    # words of 6): the line's box and that word's ink stand larger, its other words' do not. A heading's
    # words are all larger, and a one-word heading is judged by its one word.
    edges = [0.0, 30.0, 200.0, 300.0, 400.0]
    body = [w for rid, top in (("NZ.3", 40), ("NZ.4", 70), ("NZ.5", 100)) for w in (
        word(rid, 2, top, size=7.2, ink=5.8), word("Reduce", 32, top, size=7.2, ink=7.2),
        word("energy", 32, top + 10, size=7.2, ink=6.1))]
    specked = [word("NZ.6", 2, 130, size=8.9, ink=5.8), word("_.", 24, 130, width=8, size=8.9, ink=8.9),
               word("Homes", 34, 130, size=8.9, ink=6.0),
               word("across", 70, 130, size=8.9, ink=4.8), word("Environment", 202, 130, width=44, size=8.9, ink=8.9)]
    assert [w["text"] for w in until_gap(body + specked, edges)][-5:] == ["NZ.6", "_.", "Homes", "across",
                                                                          "Environment"]
    heading = [word("Communities", 2, 160, width=50, size=10.0, ink=9.5)]
    assert not any(w["text"] == "Communities" for w in until_gap(body + specked + heading, edges))


def test_a_word_boxed_a_little_left_of_its_columns_text_is_that_columns() -> None:
    # The lead column's text starts at 320 (its label too: the edge at 317); OCR boxed one word at 316.8,
    # on a line whose action text ends at 295: one line in 41 crosses the gutter. An edge in a gutter
    # stands far enough before the column's text to give the word to it.
    lines = [[word("deliver", 82, 12.0 * k, width=200), word("Carbon", 320, 12.0 * k)] for k in range(40)]
    lines.append([word("planting", 262, 480, width=33), word("Team", 316.8, 480, width=18)])
    edges = snap_to_gutters([79.0, 317.0, 400.0], lines_to_gutters(lines))
    assert 295.0 < edges[1] < 316.8
    assert snap_to_gutters([79.0, 317.0, 400.0], []) == [79.0, 317.0, 400.0]  # no gutter: as the labels say
    # A Gantt's empty columns share one gutter: their edges stay where their labels put them.
    gantt = [[word("deliver", 82, 12.0 * k, width=200), word("Mar-26", 500, 12.0 * k)] for k in range(40)]
    assert snap_to_gutters([79.0, 317.0, 350.0, 380.0, 497.0, 560.0], lines_to_gutters(gantt))[1:4] == \
        [317.0, 350.0, 380.0]


def test_a_heading_under_a_short_table_part_whose_dates_ink_tall_is_still_a_heading() -> None:
    # A table's last rows at the top of a page, then the next plan's title. Each row's dates read 9.6 pt
    # tall (a slash reaches past the digits) among words of 6-7: the body's lines are as tall as their
    # words, not their dates, and the title (ink 10.1-12.5) is larger type.
    edges = [0.0, 40.0, 300.0, 400.0, 500.0]
    body = [w for rid, top in (("LCC-14", 40), ("LCC-15", 70)) for w in (
        word(rid, 2, top, size=9.6, ink=5.8), word("Adaptation", 42, top, width=40, size=9.6, ink=7.0),
        word("schools", 90, top, size=9.6, ink=5.8), word("06/2028", 402, top, size=9.6, ink=9.6),
        word("03/2030", 452, top, size=9.6, ink=9.6))]
    title = [word("Climate", 2, 100, width=40, size=12.7, ink=10.3),
             word("Adaptation", 46, 100, width=60, size=12.7, ink=12.5), word("Plan", 110, 100, size=12.7, ink=10.1)]
    assert not any(w["text"] == "Climate" for w in until_gap(body + title, edges))
