"""One PDF of a corpus → its partitions of the dataset: the task each dask worker runs.

The dataset is ``DATASET/<table>/source_file=<name>/part-0.parquet`` (Hive style: the partition column is
in the folder name, not in the file), readable at once by DuckDB, pandas and pyarrow. Each PDF's own
output folder (with ``raw/``) is kept under ``DATASET/.work/`` so that a changed vocabulary reruns only
normalise. A task writes its partitions into a staging folder and swaps them in, so a killed worker
leaves no half-written partition, and a finished PDF's partitions are never touched by another task.
"""
from __future__ import annotations

import json
import os
import shutil
import time
import traceback
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from extract import ExtractSettings, InputError
from extract.run import file_sha256
from normalise.schema import TABLES
from normalise.vocabulary import vocabulary_fingerprint
from normalise.write import arrow_tables

from .publish import publish, staging
from .run import ROOT, code_fingerprint, files_fingerprint, run_pdf_result

WORK = ".work"
STATE = "batch-state.json"
SINGLE_THREADED = ("OMP_THREAD_LIMIT", "OPENCV_FOR_THREADS_NUM")  # tesseract's OpenMP, OpenCV's parallel_for
BATCH_COLUMNS = ["source_file", "sha256", "status", "message", "seconds", "actions", "needs_review"]


@dataclass(frozen=True)
class Job:
    """One PDF and what to carry into its rows (from a manifest's ``council`` and ``published``)."""

    path: str
    carried: tuple[tuple[str, str], ...] = ()


def normalise_fingerprint() -> str:
    """A hash of the normalise and pipeline code: a change reruns every PDF's normalise stage."""
    return files_fingerprint(sorted([*(ROOT / "normalise").glob("*.py"), *(ROOT / "pipeline").glob("*.py")]))


def fingerprint(pdf: Path, settings: ExtractSettings) -> dict[str, str]:
    return {"sha256": file_sha256(pdf), "extract": code_fingerprint(settings), "normalise": normalise_fingerprint(),
            "vocab": vocabulary_fingerprint(settings.vocab_path)}


def partition(dataset: Path, table: str, source_file: str) -> Path:
    return dataset / table / f"source_file={source_file}"


def write_partitions(tables: dict[str, pa.Table], dataset: Path, source_file: str, carried: dict[str, str]) -> None:
    """Each output table (less ``source_file``, which the folder name carries) → its partition."""
    for table in TABLES:
        data = tables[table].drop_columns(["source_file"])
        for name, value in carried.items():
            data = data.append_column(name, pa.array([value] * data.num_rows, pa.string()))
        final = partition(dataset, table, source_file)
        final.parent.mkdir(parents=True, exist_ok=True)
        with staging(final.parent, final.name) as tmp:
            pq.write_table(data, tmp / "part-0.parquet")
            publish(tmp, final)


def remove_partitions(dataset: Path, source_file: str) -> None:
    for table in TABLES:
        shutil.rmtree(partition(dataset, table, source_file), ignore_errors=True)


def process(job: Job, dataset: str, settings: ExtractSettings, batch_id: str = "") -> dict[str, Any]:
    """Run one PDF into the dataset; the batch.csv row for it. Never raises for a bad PDF. Dask runs a
    task again when the worker holding its result dies before the result is fetched: a PDF already done
    in this batch (``batch_id``) then returns its first row instead of reading as skipped."""
    pdf, root = Path(job.path), Path(dataset)
    # One task is one PDF and the cluster's processes are the parallelism: tesseract's and OpenCV's own
    # threads would only contend with the other workers' (tesseract's documentation's advice for parallel
    # runs; OpenCV's pool took 0.15 of a core more on a scan for no gain in time). Set before either is
    # loaded by a scan; an administrator's own setting wins.
    for threads in SINGLE_THREADED:
        os.environ.setdefault(threads, "1")
    t0 = time.perf_counter()
    row: dict[str, Any] = {"source_file": pdf.name, "sha256": "", "status": "error", "message": "",
                           "seconds": 0.0, "actions": 0, "needs_review": 0, **dict(job.carried)}
    work = root / WORK
    try:
        row["sha256"] = file_sha256(pdf)
        state_path = work / pdf.stem / STATE
        now = fingerprint(pdf, settings)
        previous = json.loads(state_path.read_text(encoding="utf-8")) if state_path.exists() else None
        if previous and previous.get("fingerprint") == now and previous.get("carried") == dict(job.carried) \
                and all(partition(root, t, pdf.name).is_dir() for t in TABLES):
            if batch_id and previous.get("batch_id") == batch_id and "row" in previous:
                return dict(previous["row"])
            row.update(status="skipped", message="unchanged since the last run",
                       actions=previous["actions"], needs_review=previous["needs_review"])
            return row
        # raw/ kept under .work/ (a new vocabulary reruns normalise only); the tables go to the dataset.
        result = run_pdf_result(pdf, work, settings, corpus=True)
        actions = [bool(a["needs_review"]) for a in result.built.actions]
        write_partitions(arrow_tables(result.built, result.corrections, pdf.name), root, pdf.name,
                         dict(job.carried))
        row.update(status="ok", actions=len(actions), needs_review=sum(actions),
                   seconds=round(time.perf_counter() - t0, 3))
        state_path.write_text(json.dumps({"fingerprint": now, "carried": dict(job.carried), "actions": len(actions),
                                          "needs_review": sum(actions), "batch_id": batch_id, "row": row}) + "\n",
                              encoding="utf-8")
    except InputError as exc:
        remove_partitions(root, pdf.name)
        row["message"] = f"error: {pdf.name}: {exc}"
    except Exception as exc:  # noqa: BLE001 - one PDF's failure is its row in batch.csv, never the batch's
        remove_partitions(root, pdf.name)
        where = traceback.extract_tb(exc.__traceback__)[-1]
        row["message"] = (f"error: {pdf.name}: internal error ({type(exc).__name__}: {exc} at "
                          f"{Path(where.filename).name}:{where.lineno})")
    finally:
        if row["status"] != "ok":
            row["seconds"] = round(time.perf_counter() - t0, 3)
    return row


def settings_for_workers(settings: ExtractSettings) -> ExtractSettings:
    """Inside a dask worker the text pass runs serially: one task is one PDF, and the cluster's processes
    are the parallelism (a worker's daemon process may not fork a pool of its own)."""
    return ExtractSettings(**{**asdict(settings), "workers": 1})
