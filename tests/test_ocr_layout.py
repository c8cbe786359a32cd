"""How OCR'd words are laid out into lines, headers and columns: the failures of random scans (a bold
title in pieces, a header's second line with specks, a short "No." label OCR lost, specks starting rows)."""
from __future__ import annotations

from pathlib import Path

from extract.header_labels import (
    Label,
    header_columns,
    header_start,
    labels_continue_header,
    unlabelled_first_columns,
)
from extract.lines import group_lines
from extract.ocr_words import tsv_to_words
from extract.pages import ocr_word_to_word
from extract.table_rows import id_column_by_content, starts_row
from extract.words import header_continued
from normalise.ids import clean_id, looks_like_id
from normalise.vocabulary import load_vocabulary

VOCAB = load_vocabulary(None)
HEAD = "level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext\n"


def word(text: str, x0: float, top: float = 0.0, width: float | None = None) -> dict:
    w = width if width is not None else 5.0 * len(text)
    return {"text": text, "x0": x0, "x1": x0 + w, "top": top, "bottom": top + 8, "size": 8.0}


def label(text: str, x0: float, x1: float) -> Label:
    return Label(x0, x1, 0.0, 8.0, text)


def tsv(tmp_path: Path, rows: list[str]) -> Path:
    path = tmp_path / "t.tsv"
    path.write_text(HEAD + "\n".join(rows) + "\n", encoding="utf-8")
    return path


def body_lines(top: int) -> list[str]:
    """Six tesseract lines of one word each, 40 pixels apart from ``top + 80``: a page's usual lines."""
    return [f"4\t1\t{b}\t1\t1\t0\t100\t{top + 40 * b}\t400\t30\t-1\t" for b in range(2, 8)] + \
           [f"5\t1\t{b}\t1\t1\t1\t100\t{top + 40 * b}\t80\t30\t93\tbody{b}" for b in range(2, 8)]


def printed_lines(path: Path) -> list[str]:
    words = [ocr_word_to_word(w) for w in tsv_to_words(path, [1], 72)]
    return [" ".join(w["text"] for w in line) for line in group_lines(words)]


def test_a_title_in_large_type_is_one_line_though_taller_than_the_pages_lines(tmp_path: Path) -> None:
    body = body_lines(300)
    # Bold words of different heights along one band: tesseract's line is twice the page's usual.
    title = ["4\t1\t1\t1\t1\t0\t100\t100\t500\t64\t-1\t",
             "5\t1\t1\t1\t1\t1\t100\t116\t60\t43\t96\tNet",
             "5\t1\t1\t1\t1\t2\t170\t106\t80\t53\t96\tZero",
             "5\t1\t1\t1\t1\t3\t260\t100\t110\t59\t96\tCouncil",
             "5\t1\t1\t1\t1\t4\t380\t115\t100\t49\t96\tPlan"]
    assert printed_lines(tsv(tmp_path, title + body))[0] == "Net Zero Council Plan"


def test_words_stacked_in_a_tall_line_keep_their_own_lines(tmp_path: Path) -> None:
    # A cell's two lines tesseract read as one, with a rule's "|" down the row: never one line.
    rows = ["4\t1\t1\t1\t1\t0\t100\t100\t900\t160\t-1\t",
            "5\t1\t1\t1\t1\t1\t100\t130\t90\t25\t96\tsupport",
            "5\t1\t1\t1\t1\t2\t200\t130\t40\t25\t96\tthe",
            "5\t1\t1\t1\t1\t3\t880\t100\t10\t160\t80\t|",
            "4\t1\t2\t1\t1\t0\t100\t40\t600\t28\t-1\t",
            "5\t1\t2\t1\t1\t1\t100\t42\t60\t25\t96\tcall",
            "5\t1\t2\t1\t1\t2\t170\t42\t40\t25\t96\tfor",
            "4\t1\t3\t1\t1\t0\t100\t300\t600\t28\t-1\t",
            "5\t1\t3\t1\t1\t1\t100\t300\t60\t25\t96\tlast"]
    lines = printed_lines(tsv(tmp_path, rows))
    assert "support the" in lines and "call for" in lines


def test_a_word_boxed_taller_than_its_line_stays_on_it(tmp_path: Path) -> None:
    # "Action" boxed with a speck over it: tesseract's line is as tall as that box, and the other words are
    # not, but the word's middle is on their line: one printed line, in its order.
    rows = ["4\t1\t1\t1\t1\t0\t100\t196\t700\t90\t-1\t",
            "5\t1\t1\t1\t1\t1\t100\t221\t120\t50\t96\tNet",
            "5\t1\t1\t1\t1\t2\t240\t221\t140\t50\t96\tCounty",
            "5\t1\t1\t1\t1\t3\t400\t196\t150\t90\t60\tAction",
            "5\t1\t1\t1\t1\t4\t570\t221\t120\t50\t96\tPlan"]
    body = body_lines(400)
    assert printed_lines(tsv(tmp_path, rows + body))[0] == "Net County Action Plan"


def test_pieces_of_one_printed_line_side_by_side_are_joined(tmp_path: Path) -> None:
    # A header row tesseract cut in two blocks, the second's top some pixels lower.
    rows = ["4\t1\t1\t1\t1\t0\t100\t100\t300\t40\t-1\t",
            "5\t1\t1\t1\t1\t1\t100\t100\t100\t40\t95\t2026-",
            "5\t1\t1\t1\t1\t2\t250\t100\t100\t40\t95\t2027-",
            "4\t1\t2\t1\t1\t0\t400\t112\t300\t40\t-1\t",
            "5\t1\t2\t1\t1\t1\t400\t112\t120\t40\t95\tActions",
            "5\t1\t2\t1\t1\t2\t560\t112\t80\t40\t95\tLead",
            "4\t1\t3\t1\t1\t0\t100\t160\t300\t40\t-1\t",  # the next printed line: shares too little
            "5\t1\t3\t1\t1\t1\t100\t160\t60\t40\t95\t27"]
    assert printed_lines(tsv(tmp_path, rows)) == ["2026- 2027- Actions Lead", "27"]


def test_a_headers_second_line_with_specks_and_a_unit_is_more_of_the_header() -> None:
    assert labels_continue_header([label(";", 80, 82), label("27", 100, 110), label("28°", 140, 152)], VOCAB.headers)
    assert labels_continue_header([label("(£k)", 100, 118)], VOCAB.headers)
    assert not labels_continue_header([label("Communities", 10, 60)], VOCAB.headers)
    assert not labels_continue_header([label(";", 10, 12)], VOCAB.headers)


def test_a_line_of_specks_between_a_headers_lines_neither_ends_it_nor_joins_it() -> None:
    # Seed 16's scan: a rule's end read "|" on a line of its own under the labels; the header went on
    # under it ("cost", "(£k)", the years), and the years' columns were lost when it ended there.
    lines = [[word("Ref", 47, 45), word("Actions", 71, 45), word("Indicative", 275, 45), word("Delivery", 356, 45),
              word("Period", 398, 45)],
             [word("|", 410, 48.5, 1)],
             [word("cost", 275, 54)],
             [word("(£k)", 275, 60)],
             [word("2024/25", 356, 64), word("2025/26", 395, 64), word("2026/27", 434, 64)],
             [word("2.1", 47, 78), word("Communities", 71, 78), word("Property", 117, 78)]]
    header = [lines[0]]
    end, loose = header_continued(lines, 0, header, [], VOCAB.headers)
    assert end == 5 and [ln[0]["text"] for ln in header] == ["Ref", "cost", "(£k)", "2024/25"]
    columns, _ = header_columns(header, [], VOCAB.headers, frozenset(loose))
    assert [c.text for c in columns if c.text.startswith("20")] == ["2024/25", "2025/26", "2026/27"]


def test_a_line_of_wordings_wrapped_under_the_header_is_more_of_it() -> None:
    # "LCC" / "team" / "leads" and "Start" / "date": alone, "team" and "date" name no column; under the
    # labels they stand below they are the rest of "LCC team leads" and "Start date".
    above = [label("LCC", 362, 380), label("‘Key partners", 413, 480), label("Start", 716, 741)]
    line = [label("team", 362, 383), label("‘date", 714, 735)]
    assert not labels_continue_header(line, VOCAB.headers)
    assert labels_continue_header(line, VOCAB.headers, above)
    assert labels_continue_header([label("leads", 362, 388)], VOCAB.headers, above + line)
    # A body line under the same labels makes no wording with them.
    assert not labels_continue_header([label("Planning", 362, 400), label("09/2029", 716, 750)], VOCAB.headers,
                                      above)


def test_one_odd_label_in_three_continues_a_close_header_only_under_a_label_above() -> None:
    above = [label("2029-", 100, 125), label("2030-", 135, 160), label("From", 170, 190)]
    line = [label("29", 100, 110), label("30", 135, 145), label("SB ie", 150, 166)]  # a dark cell read
    assert not labels_continue_header(line, VOCAB.headers)
    assert labels_continue_header(line, VOCAB.headers, above)
    apart = [label("29", 100, 110), label("30", 135, 145), label("pare", 20, 40)]  # under no label
    assert not labels_continue_header(apart, VOCAB.headers, above)


def test_an_odd_label_on_a_loose_header_line_is_no_column_and_spoils_none() -> None:
    lines = [[word("2030-", 135, 0, 25), word("From", 170, 0, 20)],
             [word("30", 135, 10, 10), word("SB", 148, 10, 8), word("ie", 166, 10, 2)]]
    columns, groups = header_columns(lines, vocabulary=VOCAB.headers, loose=frozenset({1}))
    # "SB" under 2030- joins it; "ie" beside From, under none, is kept over the header, not in From's label.
    assert [c.text for c in columns] == ["2030-\n30 SB", "From"] and [g.text for g in groups] == ["ie"]
    columns, _ = header_columns(lines, vocabulary=VOCAB.headers)
    assert len(columns) == 3  # taken as printed: "ie" its own column


def test_a_column_left_of_the_first_label_is_found_where_ocr_lost_its_label() -> None:
    columns = [label("Actions", 82, 120), label("Lead", 320, 340)]
    body = [[word("T1", 38, 100), word("Retrofit", 82, 100)],
            [word("the", 82, 110)],
            [word("B2", 38, 130), word("Plant", 82, 130)]]
    [found] = unlabelled_first_columns(columns, body, [])
    assert found.text == "" and found.x0 == 38
    # A heading running on across the first column's edge makes no column.
    prose = [[word("Buildings", 38, 100, 40), word("and", 80, 100), word("Energy", 100, 100)],
             [word("T1", 38, 130), word("Retrofit", 82, 130)]]
    assert unlabelled_first_columns(columns, prose, []) == []
    # Two lost labels ("Theme", "No."): the body's gutter parts them.
    both = [[word("Communities", 10, 100, 50), word("NZ-01", 62, 100), word("Plant", 100, 100)],
            [word("NZ-02", 62, 120), word("Build", 100, 120)]]
    columns = [label("Actions", 100, 140), label("Lead", 320, 340)]
    assert [(c.x0, c.x1) for c in unlabelled_first_columns(columns, both, [(60.5, 62.0)])] == [(10, 59.0), (62.0, 87)]


def test_rows_start_in_the_column_of_ids_where_ocr_lost_the_no_label() -> None:
    # "Theme" and "No." both lost: the theme column comes first but only its first row prints in it; the
    # rows start where the IDs are (else three actions would be read as one row).
    edges = [10.0, 60.0, 100.0, 300.0, 400.0]
    body = [word("Communities", 10, 100, 45), word("NZ-01", 62, 100), word("Plant", 100, 100),
            word("NZ-02", 62, 120), word("Build", 100, 120),
            word("and", 100, 130),
            word("NZ-03", 62, 140), word("Retrofit", 100, 140)]
    assert id_column_by_content(body, edges, before=2) == 1
    # Where no column left of the actions starts lines with IDs, the first column, as before: numbers right
    # of the action column (a cost column's) do not count.
    assert id_column_by_content([w for w in body if not w["text"].startswith("NZ")], edges, before=2) == 0
    costs = [word("Plant", 10, 100), word("150", 310, 100), word("Build", 10, 120), word("25", 310, 120)]
    assert id_column_by_content(costs, edges, before=2) == 0
    assert id_column_by_content(costs, edges, before=4) == 3  # why only columns left of the actions count


def test_specks_on_a_header_line_do_not_outnumber_its_labels() -> None:
    vocab = load_vocabulary().headers
    # A scanned header line with OCR's specks between its labels and sideways year labels misread ("a",
    # "ry"): the specks are no labels, so the labels that name columns are still most of the line's.
    line = [word("Theme", 54, 96), word("—", 91, 96, 2), word("Action", 112, 96), word("ID", 140, 96),
            word("Action", 160, 96, 30), word(".", 240, 96, 1), word(";", 307, 96, 1), word("'", 363, 96, 1),
            word("LCC", 368, 96), word("team", 384, 96), word("leads", 407, 96), word("Key", 461, 96),
            word("partners", 478, 96), word("a", 585, 96), word("ry", 617, 96), word("a", 650, 96),
            word("8", 682, 96), word("From", 691, 96), word("End", 738, 96)]
    assert header_start([line], vocab, 0) == 0


def test_a_speck_in_the_id_column_starts_no_row() -> None:
    edges = [30.0, 79.0, 317.0]
    assert starts_row([word("B1", 38), word("Develop", 83)], edges, 0)
    assert not starts_row([word("-", 76, width=3), word("nature.", 83)], edges, 0)
    assert not starts_row([word("’", 75, width=2), word("funding", 82)], edges, 0)


def test_specks_standing_apart_from_an_id_are_not_part_of_it() -> None:
    assert clean_id("B2\n’\n.", VOCAB.confusables) == "B2"
    assert clean_id("Bl\n-", VOCAB.confusables) == "Bl"
    assert clean_id("NZ - 01", VOCAB.confusables) == "NZ-01"  # a dash between its parts is the ID's
    assert looks_like_id("B3 .", VOCAB.confusables)


def test_a_unit_beside_a_label_is_that_labels_and_a_quarters_line_ocr_misread_is_header() -> None:
    from extract.header_labels import line_to_labels
    labels = line_to_labels([word("cost", 277, width=14), word("(£k)", 293, width=14), word("Start", 320)],
                            vocabulary=VOCAB.headers)
    assert [lb.text for lb in labels] == ["cost (£k)", "Start"]
    quarters = [label(t, 389 + 17 * k, 399 + 17 * k) for k, t in enumerate(["Qi", "Q2", "Qs", "Q4", "QI", "QZ"])]
    assert labels_continue_header(quarters, VOCAB.headers)


def test_a_wording_ocr_boxed_wider_apart_than_the_lines_word_space_stays_one_label() -> None:
    from extract.header_labels import line_to_labels
    # Letters 3.7 pt wide (a word space under 3.4 pt), "Key" and "partners" 3.6 pt apart as OCR boxed their
    # ink, and a chance gutter between them: one wording. Two labels no wording joins stay two.
    line = [word("Key", 240.7, width=11.1), word("partners", 255.4, width=29.6), word("From", 293.0, width=14.8)]
    gutter = [(253.0, 255.0)]
    assert [lb.text for lb in line_to_labels(line, gutter, VOCAB.headers)] == ["Key partners", "From"]
    apart = [word("Status", 100.0, width=22.2), word("Notes", 125.8, width=18.5)]
    assert [lb.text for lb in line_to_labels(apart, [], VOCAB.headers)] == ["Status", "Notes"]


def test_a_quarter_ocr_misread_takes_its_place_between_the_quarters_read() -> None:
    from normalise.periods import sub_period_years
    grid = [["2026-27", "", "", "", "2027-28", "", "", ""], ["Qi", "Q2", "Qs", "Q4", "QI", "Q2", "Q3", "QA"]]
    assert sub_period_years(grid, 2) == {c: "2026-27" if c < 4 else "2027-28" for c in range(8)}
    # Two misread side by side between Q1 and Q4: each place still says which.
    assert sub_period_years([grid[0], ["Q1", "QZ", "Qs", "Q4", "Q1", "Q2", "Q3", "Q4"]], 2) == \
        sub_period_years(grid, 2)
    from normalise.periods import periods_by_place
    # With no quarter read beside it, a "Q" and a character is left alone.
    assert periods_by_place([["", "", ""], ["QZ", "Status", "Q1"]], 2, {2: 0}) == {}


def test_a_month_ocr_misread_takes_its_place_only_between_two_months_read() -> None:
    from normalise.periods import sub_period_years
    months = ["Apr", "May", "Jun", "jut", "Aug", "sep", "Oct", "Nov", "Dec", "jan", "Feb", "Mar"]
    grid = [["2025/26"] + [""] * 11 + ["2026/27"] + [""] * 11, months + ["Apr", "un", "Jun"] + months[3:]]
    years = sub_period_years(grid, 2)
    assert years[3] == "2025-26" and years[13] == "2026-27"  # "jut" is July, "un" May, by place
    assert len(years) == 24
    # Two in a row between two read: as many months as those two leave between them.
    grid = [["2025/26"] + [""] * 11 + ["2026/27"] + [""] * 11,
            ["Apr", "May", "pun", "ful"] + months[4:] + ["Apr", "May", "pun", "jut"] + months[4:]]
    years = sub_period_years(grid, 2)
    assert len(years) == 24 and years[2] == years[3] == "2025-26" and years[14] == years[15] == "2026-27"
    grid[1][4] = "Sep"  # May, ?, ?, Sep: two labels cannot be three months
    assert 2 not in sub_period_years(grid, 2) and 3 not in sub_period_years(grid, 2)
    # A word of a few letters beside a month Gantt is no month: "RAG" after March.
    grid = [["2025/26"] + [""] * 12, months + ["RAG"]]
    assert 12 not in sub_period_years(grid, 2)


def test_an_action_column_of_ids_is_the_id_column_cut_short_and_the_next_action_header_is_the_actions() -> None:
    from normalise.headers import map_columns
    grid = [["Theme", "Action", "Action description", "Lead", "From", "End"],
            ["", "bse", "", "", "", ""],  # "ID" under "Action", misread
            ["Transport", "Lil", "Plant trees in the county", "Forestry Team", "Apr-25", "Mar-27"],
            ["", "1.2", "Retrofit council homes", "Estates", "Apr-25", "Mar-26"],
            ["", "1.3", "Expand the cycle network", "Highways", "Apr-26", "Mar-28"]]
    roles = map_columns(grid, VOCAB.headers, VOCAB.strays, VOCAB.confusables, VOCAB.ocr_confusions).roles
    assert roles[1] == "id" and roles[2] == "action"
    # Where the column under "Action" holds actions, it stays the action column.
    words = [grid[0], grid[1]] + [[r[0], r[2], r[2], *r[3:]] for r in grid[2:]]
    roles = map_columns(words, VOCAB.headers, VOCAB.strays, VOCAB.confusables, VOCAB.ocr_confusions).roles
    assert roles[1] == "action" and roles.get(2) != "action"


def test_the_id_column_is_the_first_unnamed_column_of_ids_left_of_the_actions() -> None:
    from normalise.headers import map_columns
    grid = [["", "", "Action", "Lead", "From", "End"],  # "Theme" and "No." both lost
            ["Communities", "NZ-01", "Plant trees", "Forestry Team", "Apr-25", "Mar-27"],
            ["", "NZ-02", "Retrofit homes", "Estates", "Apr-25", "Mar-26"],
            ["Nature and Land Use", "NZ-03", "Expand cycling", "Highways", "Apr-26", "Mar-28"]]
    roles = map_columns(grid, VOCAB.headers, VOCAB.strays, VOCAB.confusables, VOCAB.ocr_confusions).roles
    assert roles[1] == "id" and roles[2] == "action" and 0 not in roles


def test_a_gantt_cell_of_a_year_only_the_rows_second_page_reads_is_read_or_logged() -> None:
    from types import SimpleNamespace

    from normalise.corrections import CorrectionLog
    from normalise.records import Piece, Record
    from normalise.timing import TimingContext, record_to_delivery
    log = CorrectionLog()
    rec = Record("Plan", [], -1, years=["2024-25"])  # page 1's header lost its 2025-26 label
    rec.add("year:2024-25", Piece("X", 1))
    rec.add("year:2025-26", Piece("Apr May Jup", 2))  # page 2's: months OCR'd past recognition
    undated = SimpleNamespace(value=None, ongoing=False)
    ctx = TimingContext(VOCAB, log, True, {"2024-25", "2025-26"}, [], [])
    periods, source, _ = record_to_delivery(rec, "1.2", undated, undated, ctx)
    assert periods == ["2024-25"] and source == "marks"
    assert ("Apr May Jup", "stray-text") in [(r.before, r.rule) for r in log.rows]


def test_a_turn_the_half_size_copy_suggests_is_checked_on_the_page_itself(monkeypatch, tmp_path: Path) -> None:
    from PIL import Image

    import extract.ocr as ocr
    page = Image.new("L", (40, 40), 255)

    def turn_with(half: tuple[int, float], full: tuple[int, float]) -> tuple[int, int]:
        calls = []

        def osd(image: Image.Image, dpi: int, binary: str, path: Path) -> tuple[int, float]:
            calls.append(dpi)
            return half if dpi < ocr.OCR_DPI else full
        monkeypatch.setattr(ocr, "osd_turn", osd)
        return ocr.page_turn(page, "tesseract", tmp_path, 1), len(calls)

    assert turn_with((180, 3.96), (0, 10.52)) == (0, 2)  # a sparse page the copy took for upside down
    assert turn_with((90, 5.0), (90, 9.0)) == (90, 2)  # fed sideways: both agree
    assert turn_with((0, 0.5), (270, 6.0)) == (270, 2)  # the copy unsure
    assert turn_with((0, 8.0), (180, 9.0)) == (0, 1)  # upright and sure: the page is not read again
    assert turn_with((90, 6.0), (0, 1.0)) == (90, 2)  # the page itself unsure: the copy's reading stands


def test_a_header_cell_read_with_the_cell_below_it_takes_the_role_of_its_one_label_line() -> None:
    from normalise.headers import line_role
    assert line_role("From\nO04", VOCAB.headers) == "start"  # a re-read crop caught a quarter's "Q4" too
    assert line_role("Status\nEnd", VOCAB.headers) is None  # two labels: no guess
    assert line_role("eee", VOCAB.headers) is None


def test_quarter_runs_take_the_year_printed_over_them_when_runs_and_labels_do_not_pair() -> None:
    from normalise.periods import sub_period_years
    # A quarter read under the column before the Gantt's (its "Q4" of a date): six runs, five labels.
    grid = [["", "27/28", "", "", "", "28/29", "", "", ""], ["Q4", "Ql", "Q2", "Q3", "Q4", "Ql", "Q2", "Q3", "Q4"]]
    assert sub_period_years(grid, 2) == {**{c: "2027-28" for c in range(1, 5)}, **{c: "2028-29" for c in range(5, 9)}}


def test_a_glyph_far_narrower_than_its_kind_is_a_speck_not_a_word(tmp_path: Path) -> None:
    # A "3" one point wide (4 px at 300 dpi) before an 86 px tall title line: a speck read as a digit. A thin
    # glyph as narrow ("1", "l") is kept, and so is a "3" as wide as a digit is.
    rows = ["4\t1\t1\t1\t1\t0\t130\t518\t800\t86\t-1\t",
            "5\t1\t1\t1\t1\t1\t130\t518\t4\t86\t37\t3",
            "5\t1\t1\t1\t1\t2\t166\t518\t230\t86\t96\tClimate",
            "4\t1\t2\t1\t1\t0\t130\t700\t800\t40\t-1\t",
            "5\t1\t2\t1\t1\t1\t130\t700\t4\t40\t90\t1",
            "5\t1\t2\t1\t1\t2\t150\t700\t20\t40\t90\t3"]
    assert [w.text for w in tsv_to_words(tsv(tmp_path, rows), [1], 300)] == ["Climate", "1", "3"]
