"""The regression harness's silent-error count: a wrong field counts only where its row is not flagged."""
from __future__ import annotations

import csv
from pathlib import Path

from pipeline.regress import compare

COLUMNS = ["plan", "action_id", "action", "needs_review"]


def write(folder: Path, rows: list[list[str]], columns: list[str] = COLUMNS) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    with (folder / "actions.csv").open("w", newline="", encoding="utf-8") as f:
        csv.writer(f).writerows([columns, *rows])
    for table in ("leads", "partners"):
        (folder / f"{table}.csv").write_text("plan,action_id,name,printed,matched\n", encoding="utf-8")


def test_silent_errors_are_wrong_fields_in_unflagged_rows(tmp_path: Path) -> None:
    write(tmp_path / "expected", [["P", "A1", "text", "false"], ["P", "A2", "text", "false"],
                                  ["P", "A3", "text", "false"], ["P", "A4", "text", "false"]])
    write(tmp_path / "out", [["P", "A1", "text", "false"],     # right
                             ["P", "A2", "wrong", "false"],    # wrong, not flagged: silent
                             ["P", "A3", "wrong", "true"]])    # wrong, flagged: not silent; A4 missing
    result = compare("t", tmp_path / "expected", tmp_path / "out")
    assert result.silent == 1 + len(COLUMNS)  # A2's action, and every field of the missing A4
    assert result.silent_rate == (1 + len(COLUMNS)) / (4 * len(COLUMNS))


def test_a_missing_row_stood_in_for_by_a_flagged_row_is_not_silent(tmp_path: Path) -> None:
    write(tmp_path / "expected", [["P", "E1", "text", "false"], ["P", "E2", "text", "false"]])
    write(tmp_path / "out", [["P", "Ex", "text", "true"],      # E1's ID misread, and flagged
                             ["P", "Ey", "text", "false"]])    # E2's ID misread, not flagged: silent
    result = compare("t", tmp_path / "expected", tmp_path / "out")
    assert result.silent == len(COLUMNS)


def test_a_missing_row_a_doubt_names_is_not_silent(tmp_path: Path) -> None:
    columns = ["plan", "action_id", "source_pages", "needs_review"]
    expected = tmp_path / "expected"
    expected.mkdir()
    rows = [["P", "T1", "1", "false"], ["P", "T2", "2", "false"], ["P", "T3", "2", "false"],
            ["P", "T4", "3", "false"], ["P", "T5", "4", "false"]]
    with (expected / "actions.csv").open("w", newline="", encoding="utf-8") as f:
        csv.writer(f).writerows([columns, *rows])
    out = tmp_path / "out"
    out.mkdir()
    with (out / "actions.csv").open("w", newline="", encoding="utf-8") as f:
        csv.writer(f).writerows([columns, rows[0]])
    with (out / "corrections.csv").open("w", newline="", encoding="utf-8") as f:
        csv.writer(f).writerows([
            ["source_file", "page", "action_id", "field", "before", "after", "rule", "score"],
            ["x.pdf", "3", "", "action_id", "T2, T3", "", "ids-missing", "0"],  # named by ID, on the page after
            ["x.pdf", "3", "", "table", "Ref | ...", "", "table-unread", "0"],  # T4's page
            ["x.pdf", "4", "", "header", "Ref | Action", "", "header-row", ""],  # no doubt: T5 is silent
        ])
    for table in ("leads", "partners"):
        (expected / f"{table}.csv").write_text("plan,action_id,name,printed,matched\n", encoding="utf-8")
        (out / f"{table}.csv").write_text("plan,action_id,name,printed,matched\n", encoding="utf-8")
    result = compare("t", expected, out)
    assert result.silent == len(columns)  # T5 only


def test_a_flagged_stand_in_shares_the_missing_rows_plan_id_or_page_and_stands_in_once(tmp_path: Path) -> None:
    columns = ["plan", "action_id", "source_pages", "needs_review"]
    expected = [["P", "C1", "2", "false"], ["P", "C2", "2", "false"], ["Q", "B1", "3", "false"],
                ["Q", "B2", "4", "false"]]
    found = [["", "c", "2", "true"],      # C1's ID misread past repair, its plan lost: flagged, on its page
             ["", "B1", "3", "true"],     # B1 under no plan, flagged
             ["", "zz", "4", "false"]]    # B2 misread and not flagged: silent
    write(tmp_path / "expected", expected, columns)
    write(tmp_path / "out", found, columns)
    result = compare("t", tmp_path / "expected", tmp_path / "out")
    assert result.silent == 2 * len(columns)  # C2 (c stands in for C1 alone) and B2


def test_a_row_a_doubt_names_takes_no_stand_in_and_each_stand_in_goes_to_its_closest_match(tmp_path: Path) -> None:
    # Page 2 is doubted (rows under a table's end): L2 needs no stand-in. N5 and N6, misfiled under plan P
    # and flagged, stand in for their own IDs, not for P's missing L2 (same plan, a weaker match).
    columns = ["plan", "action_id", "source_pages", "needs_review"]
    expected = [["P", "L1", "2", "false"], ["P", "L2", "2", "false"], ["Q", "N5", "4", "false"],
                ["Q", "N6", "4", "false"]]
    found = [["P", "L1", "2", "false"], ["P", "N5", "4", "true"], ["P", "N6", "4", "true"]]
    write(tmp_path / "expected", expected, columns)
    write(tmp_path / "out", found, columns)
    with (tmp_path / "out" / "corrections.csv").open("w", newline="", encoding="utf-8") as f:
        csv.writer(f).writerows([["source_file", "page", "action_id", "field", "before", "after", "rule", "score"],
                                 ["x.pdf", "2", "", "page", "2 lines under the table", "", "rows-unread", "0"]])
    assert compare("t", tmp_path / "expected", tmp_path / "out").silent == 0
