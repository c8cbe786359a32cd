"""Nothing printed is lost silently: the conservation check holds, and fails when a word is dropped."""
from __future__ import annotations

from pathlib import Path

import pytest
from seed import seed_tables

import normalise.build
from extract import ExtractSettings, InputError
from extract.raw_io import read_raw
from normalise.build import Builder
from normalise.conservation import lost_words, words
from normalise.corrections import CorrectionLog
from normalise.records import tables_to_records
from normalise.run import normalise_extraction
from normalise.settings import NormaliseSettings
from normalise.vocabulary import load_vocabulary
from pipeline.regress import sample_dirs
from pipeline.run import run_pdf


def test_words_ignore_wrapping_but_not_lookalikes() -> None:
    assert words("an evidence-\nled <b>–</b>") == ["an", "evidence", "led", "b", "b"]
    assert words("Τ7") != words("T7")


def test_conservation_holds_on_the_seed() -> None:
    vocab, log, used = load_vocabulary(), CorrectionLog(), []  # type: ignore[var-annotated]
    records = tables_to_records(seed_tables(), {}, vocab, log, used)
    built = Builder(vocab, NormaliseSettings(), log, "seed.pdf").build(records)
    assert lost_words(used, built, log) == {}
    assert len(used) == len(seed_tables())


def test_a_dropped_word_fails_the_run(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    sample = next(s for s in sample_dirs() if s.name == "current")
    folder = run_pdf(sample / "current.pdf", tmp_path, ExtractSettings())
    extraction = read_raw(folder / "raw")
    original = normalise.build.join_broken_lines

    def drop_a_word(lines: list[str], known: frozenset[str],
                    seen: frozenset[str] = frozenset()) -> tuple[str, list[tuple[str, str]]]:
        text, changes = original(lines, known, seen)
        return text.replace("reprocure ", "", 1), changes  # a bug that silently loses one word of LCC.1

    monkeypatch.setattr(normalise.build, "join_broken_lines", drop_a_word)
    with pytest.raises(InputError, match=r"page 1: 'reprocure'"):
        normalise_extraction(extraction)


def test_a_page_with_rows_no_table_was_read_from_is_a_doubt_not_silence(tmp_path: Path) -> None:
    # A table continued on a page with no header of its own (its header broken over the page before) is not
    # read; the page's lines that start with action IDs are kept, and the page is flagged for review.
    from dataclasses import replace

    from extract.run import id_lines, id_words

    line = [{"text": "NZ1", "x0": 10.0, "x1": 30.0, "top": 100.0, "bottom": 108.0},
            {"text": "County", "x0": 40.0, "x1": 70.0, "top": 100.0, "bottom": 108.0}]
    rows = [[{**w, "text": t if k == 0 else w["text"], "top": w["top"] + 20 * i, "bottom": w["bottom"] + 20 * i}
             for k, w in enumerate(line)] for i, t in enumerate(("NZ1", "NZ2", "Ν3"))]
    footer = [{"text": "6", "x0": 300.0, "x1": 305.0, "top": 800.0, "bottom": 808.0}]
    assert id_lines([w for r in rows for w in r] + footer, {"Ν": "N"}) == 4  # the page number reads as one too
    assert id_words([w for r in rows for w in r] + footer, {"Ν": "N"}) == ["NZ1", "NZ2", "N3", "6"]
    assert id_lines(rows[0] + footer, {}) == 2
    sample = next(s for s in sample_dirs() if s.name == "current")
    extraction = read_raw(run_pdf(sample / "current.pdf", tmp_path, ExtractSettings(), corpus=True) / "raw")
    # Year labels (26 27 28), page numbers (206) and a wrapped line starting with a number are on its pages.
    assert any(p.id_words for p in extraction.pages)
    _, log = normalise_extraction(extraction)
    assert not [c for c in log.rows if c.rule == "rows-unread"]
    # Page 2 read from nothing: its IDs (not its page number) are the doubt.
    extraction.tables = [t for t in extraction.tables if t.page != 2]
    extraction.pages = [replace(p, id_words="LCC.14;T1;T2;206") if p.page == 2 else p for p in extraction.pages]
    _, log = normalise_extraction(extraction)
    assert [(c.page, c.rule) for c in log.rows if c.rule == "rows-unread"] == [(2, "rows-unread")]
    assert "LCC.14, T1, T2" in next(c.before for c in log.rows if c.rule == "rows-unread")
    # Page 3 read, but two of its printed IDs (of the read ones' shape) not: a doubt; one alone is not.
    pages = extraction.pages
    for extra, flagged in (("T98", False), ("T98;T99", True), ("98;99", False)):
        extraction.pages = [replace(p, id_words=f"{p.id_words};{extra}") if p.page == 3 else p for p in pages]
        _, log = normalise_extraction(extraction)
        assert ((3, "rows-unread") in [(c.page, c.rule) for c in log.rows]) == flagged, extra



def test_an_ocr_field_read_from_an_unsure_word_is_flagged_with_its_confidence(tmp_path: Path) -> None:
    # Tesseract's confidence travels with each cell (raw/cells.parquet); a field built from a cell whose
    # least sure word is under NormaliseSettings.ocr_confidence is flagged, the others are not.
    from dataclasses import replace

    sample = next(s for s in sample_dirs() if s.name == "current")
    extraction = read_raw(run_pdf(sample / "current.pdf", tmp_path, ExtractSettings(), corpus=True) / "raw")
    built, _ = normalise_extraction(extraction)
    target = next(a for a in built.actions if not a["needs_review"])
    table = next(t for t in extraction.tables if any(c.text.strip() == target["action_id"] for c in t.cells))
    id_cell = next(c for c in table.cells if c.text.strip() == target["action_id"])
    for t in extraction.tables:
        t.cells = [replace(c, confidence=95.0 if c.text.strip() else -1.0) for c in t.cells]
    # The cell right of the ID (its action text) read with one unsure word.
    table.cells = [replace(c, confidence=31.0) if (c.row, c.col) == (id_cell.row, id_cell.col + 1) else c
                   for c in table.cells]
    built, log = normalise_extraction(extraction)
    flags = [c for c in log.rows if c.rule == "ocr-low-confidence"]
    assert [(c.action_id, c.score) for c in flags] == [(target["action_id"], 31.0)]
    assert next(a for a in built.actions if a["action_id"] == target["action_id"])["needs_review"]
    _, log = normalise_extraction(extraction, NormaliseSettings(ocr_confidence=30.0))
    assert not [c for c in log.rows if c.rule == "ocr-low-confidence"]


def test_a_scanned_row_with_no_gantt_mark_read_takes_its_years_from_its_dates_flagged(tmp_path: Path) -> None:
    # On a scan a mark can be lost in the image: the years the dates give are then a guess, and flagged;
    # on a born-digital page a row with no marks is taken as printed.
    from dataclasses import replace

    sample = next(s for s in sample_dirs() if s.name == "current")
    extraction = read_raw(run_pdf(sample / "current.pdf", tmp_path, ExtractSettings(), corpus=True) / "raw")
    table = extraction.tables[0]
    id_cell = next(c for c in table.cells if c.text.strip() == "LCC.1")
    table.cells = [replace(c, fill="", shape="") if c.row == id_cell.row and c.col > id_cell.col + 1 else c
                   for c in table.cells]
    built, log = normalise_extraction(extraction)
    row = next(a for a in built.actions if a["action_id"] == "LCC.1")
    assert row["delivery_source"] == "dates" and not [c for c in log.rows if c.rule == "delivery-unread"]
    extraction.ocr = {"engine": "tesseract"}
    built, log = normalise_extraction(extraction)
    row = next(a for a in built.actions if a["action_id"] == "LCC.1")
    assert row["delivery_source"] == "dates" and row["needs_review"]
    assert [c.action_id for c in log.rows if c.rule == "delivery-unread"] == ["LCC.1"]


def test_scanned_gantt_cells_with_unread_print_in_the_dates_years_are_the_marks(tmp_path: Path) -> None:
    # A tick OCR dropped leaves its cell empty with print in it (UNREAD_PRINT): where those cells fall in
    # exactly the years the dates give, they are the row's marks; where not, the years stay a flagged guess.
    from dataclasses import replace

    from extract.model import UNREAD_PRINT

    sample = next(s for s in sample_dirs() if s.name == "current")
    extraction = read_raw(run_pdf(sample / "current.pdf", tmp_path, ExtractSettings(), corpus=True) / "raw")
    extraction.ocr = {"engine": "tesseract"}
    built, _ = normalise_extraction(extraction)
    want = next(a for a in built.actions if a["action_id"] == "LCC.1")["delivery_periods"]
    table = extraction.tables[0]
    id_cell = next(c for c in table.cells if c.text.strip() == "LCC.1")
    gantt = sorted({c.col for c in table.cells if c.row == id_cell.row and (c.fill or c.shape)})
    assert gantt and len(want) == len(gantt)
    for inked, source, flagged in ((gantt, "marks", False), (gantt[:-1], "dates", True)):
        table.cells = [replace(c, fill="", shape="", text="",
                               confidence=UNREAD_PRINT if c.col in inked else -1.0)
                       if c.row == id_cell.row and c.col > id_cell.col + 1 and (c.fill or c.shape or c.col in gantt)
                       else c for c in table.cells]
        built, log = normalise_extraction(extraction)
        row = next(a for a in built.actions if a["action_id"] == "LCC.1")
        assert (row["delivery_periods"], row["delivery_source"]) == (want, source)
        assert [c.action_id for c in log.rows if c.rule == "ocr-mark-unread"] == ([] if flagged else ["LCC.1"])
        assert [c.action_id for c in log.rows if c.rule == "delivery-unread"] == (["LCC.1"] if flagged else [])


def test_a_candidate_page_that_gave_no_action_is_a_doubt_whatever_its_lines_start_with(tmp_path: Path) -> None:
    # On a scan the IDs may be misread past recognition ("81" for B1), and on any page they may stand in a
    # column after a theme's, where no line starts with them: no ID count can be trusted.
    from dataclasses import replace

    sample = next(s for s in sample_dirs() if s.name == "current")
    extraction = read_raw(run_pdf(sample / "current.pdf", tmp_path, ExtractSettings(), corpus=True) / "raw")
    _, log = normalise_extraction(extraction)
    assert not [c for c in log.rows if c.rule == "rows-unread"]  # every candidate page gave its rows
    extraction.tables = [t for t in extraction.tables if t.page != 2]
    extraction.pages = [replace(p, id_words="") for p in extraction.pages]
    _, log = normalise_extraction(extraction)
    assert [c.page for c in log.rows if c.rule == "rows-unread"] == [2]


def test_lines_under_an_action_table_laid_out_as_its_rows_are_a_doubt_about_the_page(tmp_path: Path) -> None:
    # The words parser ends a table without rules at the first line that is not table text; lines under it
    # still set in its columns (rows whose IDs a scan misread past recognition) are counted in raw/ and
    # flagged, never lost without a word.
    from dataclasses import replace

    sample = next(s for s in sample_dirs() if s.name == "borderless")
    extraction = read_raw(run_pdf(sample / "borderless.pdf", tmp_path, ExtractSettings(), corpus=True) / "raw")
    assert all(t.rows_after == 0 for t in extraction.tables)  # its legend is a sentence, not rows
    _, log = normalise_extraction(extraction)
    assert not [c for c in log.rows if c.rule == "rows-unread"]
    page = extraction.tables[0].page
    extraction.tables = [replace(t, rows_after=2) if t is extraction.tables[0] else t for t in extraction.tables]
    _, log = normalise_extraction(extraction)
    assert [c.page for c in log.rows if c.rule == "rows-unread"] == [page]


def test_a_scanned_page_passed_over_before_a_tables_page_is_a_doubt_when_a_line_starts_with_an_id() -> None:
    # Page 1's header OCR'd past recognition: it was never parsed, but it was loaded as the page before
    # page 2's table, and a line on it starts with an ID of the document's shape ("1.2"; "13" is 1.3 misread).
    from dataclasses import replace

    from extract.model import PageInfo
    from normalise.run import unread_ids

    pages = [PageInfo(1, "", 0, True, False, id_lines=2, id_words="1.2;13"),
             PageInfo(2, "2", 0, True, True, id_lines=1, id_words="2.1")]
    actions = [{"action_id": "2.1", "source_pages": [2]}]
    assert unread_ids(pages, actions, ocr=True) == {1: ["1.2"]}
    # On a PDF's own text one such line is not enough (a numbered paragraph before an appendix); two are.
    two = [replace(pages[0], id_words="1.2;1.3"), pages[1]]
    assert unread_ids(two, actions, ocr=False) == {1: ["1.2", "1.3"]}
    assert unread_ids(pages, actions, ocr=False) == {}
    # Nor on a scan where its numbers are of no shape the actions have.
    assert unread_ids([replace(pages[0], id_words="12;2024")], actions, ocr=True) == {}
    # On a scanned page a table was read from, one line is enough too (its other IDs OCR'd away: B4 lost,
    # B5's line read but not its row); a quarter's label from a Gantt header ("Q3") is no ID.
    parsed = [PageInfo(7, "7", 0, True, True, id_lines=3, id_words="B3;B5;Q3")]
    read = [{"action_id": "B3", "source_pages": [7]}]
    assert unread_ids(parsed, read, ocr=True) == {7: ["B5"]}
    assert unread_ids(parsed, read, ocr=False) == {}


def test_a_page_whose_rows_ran_together_into_one_is_a_doubt_about_its_printed_ids() -> None:
    # Page 2's rows read as one ("LCC.7LCC.8LCC.9", no ID of the document's shape): its lines' IDs count.
    from extract.model import PageInfo
    from normalise.run import unread_ids

    pages = [PageInfo(1, "1", 0, True, True, id_lines=2, id_words="LCC.1;LCC.2"),
             PageInfo(2, "2", 0, True, True, id_lines=3, id_words="LCC.7;LCC.8;LCC.9;2")]
    actions = [{"action_id": "LCC.1", "source_pages": [1]}, {"action_id": "LCC.2", "source_pages": [1]},
               {"action_id": "LCC.7LCC.8LCC.9", "source_pages": [2]}]
    assert unread_ids(pages, actions) == {2: ["LCC.7", "LCC.8", "LCC.9"]}  # not the page number
