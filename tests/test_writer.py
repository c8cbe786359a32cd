"""The run's files are written by a forked writer process (pipeline/writer.py): the same files as written in
the run's own process, whatever becomes of the writer; the process that reads the PDF never loads the
writing libraries; and a run that stops leaves no writer behind."""
from __future__ import annotations

import filecmp
import multiprocessing
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import openpyxl
import pytest

import pipeline.writer as writer
from extract import ExtractSettings, InputError
from pipeline.run import run_pdf

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "samples" / "next-version" / "next-version.pdf"
WRITING_LIBRARIES = ("pyarrow", "numpy", "PIL", "jinja2", "xlsxwriter")


def differing(a: Path, b: Path) -> list[str]:
    """Files that differ between two output folders (the workbook by its cells: a zip stamps its time)."""
    def walk(cmp: filecmp.dircmp[str], prefix: str = "") -> list[str]:
        found = [prefix + name for name in cmp.diff_files + cmp.left_only + cmp.right_only]
        return found + [f for name, sub in cmp.subdirs.items() for f in walk(sub, f"{prefix}{name}/")]

    found = [f for f in walk(filecmp.dircmp(a, b)) if f != "appendix.xlsx"]
    books = [openpyxl.load_workbook(folder / "appendix.xlsx", read_only=True) for folder in (a, b)]
    cells = [{s.title: [list(r) for r in s.iter_rows(values_only=True)] for s in book.worksheets} for book in books]
    return found + (["appendix.xlsx"] if cells[0] != cells[1] else [])


@pytest.fixture(scope="module")
def forked(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return run_pdf(SAMPLE, tmp_path_factory.mktemp("forked"), ExtractSettings())


def dies_at_once(inbox: Any, outbox: Any, job: Any) -> None:
    os._exit(3)


def dies_after_raw(inbox: Any, outbox: Any, job: writer.WriteJob) -> None:
    writer.get_ready()
    writer.write_raw_folder(job, inbox.recv())
    (job.folder / "actions.csv").write_text("half-written", encoding="utf-8")
    os._exit(3)


def raises(inbox: Any, outbox: Any, job: Any) -> None:
    raise RuntimeError("a bug in the writer")


@pytest.mark.parametrize("serve", [dies_at_once, dies_after_raw, raises])
def test_a_writer_that_fails_leaves_the_files_to_the_run(forked: Path, tmp_path: Path, serve: Any,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(writer, "serve", serve)
    folder = run_pdf(SAMPLE, tmp_path, ExtractSettings())
    assert differing(forked, folder) == []
    assert not multiprocessing.active_children()


def test_without_fork_the_run_writes_the_same_files(forked: Path, tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(writer, "can_fork", lambda: False)
    assert differing(forked, run_pdf(SAMPLE, tmp_path, ExtractSettings())) == []
    # Corpus mode writes raw/ only, in its own process: the dataset is written from the run's tables.
    folder = run_pdf(SAMPLE, tmp_path / "corpus", ExtractSettings(), corpus=True)
    assert [p.name for p in folder.iterdir()] == ["raw"]
    assert filecmp.dircmp(forked / "raw", folder / "raw").diff_files == []


def test_a_run_that_stops_leaves_no_writer(tmp_path: Path) -> None:
    # The writer is started before the PDF is read; the PDF then turns out to hold no action table.
    with pytest.raises(InputError):
        run_pdf(ROOT / "tests" / "data" / "bad" / "no_action_table.pdf", tmp_path, ExtractSettings())
    assert not multiprocessing.active_children()
    assert not [p for p in tmp_path.iterdir() if not p.name.startswith(".")]


def test_the_process_that_reads_the_pdf_never_loads_the_writing_libraries(tmp_path: Path) -> None:
    script = ("import sys; from pipeline.cli import main; "
              f"status = main(['run', {str(SAMPLE)!r}, '--out', {str(tmp_path)!r}]); "
              f"print(status, sorted(m for m in {WRITING_LIBRARIES!r} if m in sys.modules))")
    result = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, timeout=300,
                            env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert result.stdout.split() == ["0", "[]"], result.stderr
    assert (tmp_path / SAMPLE.stem / "report.html").exists() and (tmp_path / SAMPLE.stem / "appendix.xlsx").exists()


def hold(megabytes: int, ready: Any, done: Any) -> None:
    block = bytearray(megabytes * 2**20)
    for i in range(0, len(block), 4096):
        block[i] = 1  # touched: the child's own pages, not the parent's shared ones
    ready.set()
    done.wait(30)


@pytest.mark.skipif(not Path("/proc/self/smaps_rollup").exists(), reason="Linux's per-process memory accounts")
def test_the_memory_limit_counts_what_the_writer_holds_of_its_own() -> None:
    from pipeline.limits import resident_mb

    context = multiprocessing.get_context("fork")
    found = {}
    for megabytes in (0, 150):
        ready, done = context.Event(), context.Event()
        child = context.Process(target=hold, args=(megabytes, ready, done))
        before = resident_mb()
        child.start()
        try:
            assert ready.wait(30)
            found[megabytes] = resident_mb() - before
        finally:
            done.set()
            child.join()
    # A forked child's shared pages are counted once (with this process); its own 150 MB are added.
    assert found[0] < 40 and 130 < found[150] - found[0] < 170, found
