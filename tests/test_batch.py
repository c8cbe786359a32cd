"""Corpus mode: ``appendix batch`` on dask.distributed writes one Hive-partitioned dataset that equals the
per-file outputs row for row; a bad PDF is its row in batch.csv; a re-run skips what has not changed."""
from __future__ import annotations

import csv
import json
import os
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pyarrow.dataset as ds
import pyarrow.parquet as pq
import pytest

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
BAD = ROOT / "tests" / "data" / "bad"
TABLES = ("actions", "leads", "partners", "corrections", "unmatched", "extra")


def appendix(*args: str, timeout: float = 600) -> subprocess.CompletedProcess[str]:
    env = {**{k: v for k, v in os.environ.items() if not k.startswith("APPENDIX_")}, "PYTHONPATH": str(ROOT)}
    return subprocess.run([sys.executable, "-m", "pipeline", *args], cwd=ROOT, capture_output=True, text=True,
                          env=env, timeout=timeout)


def batch_rows(dataset: Path) -> dict[str, dict[str, str]]:
    with (dataset / "batch.csv").open(newline="", encoding="utf-8") as f:
        return {r["source_file"]: r for r in csv.DictReader(f)}


def partition_rows(dataset: Path, table: str, source_file: str) -> list[dict]:
    """A table's rows of one PDF, read through pyarrow's Hive partitioning, with source_file restored."""
    data = ds.dataset(dataset / table, format="parquet", partitioning="hive").to_table(
        filter=ds.field("source_file") == source_file).to_pylist()
    return [{**r, "source_file": str(r["source_file"])} for r in data]


def per_file_rows(folder: Path, table: str) -> list[dict]:
    return pq.read_table(folder / f"{table}.parquet").to_pylist()


@pytest.fixture(scope="module")
def inputs(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("corpus")
    for name in ("current", "numbered"):
        shutil.copy(SAMPLES / name / f"{name}.pdf", folder)
    shutil.copy(BAD / "truncated.pdf", folder)
    return folder


@pytest.fixture(scope="module")
def batch(inputs: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    dataset = tmp_path_factory.mktemp("dataset")
    result = appendix("batch", str(inputs), "--out", str(dataset), "--workers", "2")
    assert result.returncode == 2, result.stderr  # one PDF failed: the batch says so, and went on
    return dataset


def test_batch_csv_has_a_row_per_input(batch: Path) -> None:
    rows = batch_rows(batch)
    assert {k: r["status"] for k, r in rows.items()} == {"current.pdf": "ok", "numbered.pdf": "ok",
                                                         "truncated.pdf": "error"}
    assert rows["current.pdf"]["actions"] == "52" and len(rows["current.pdf"]["sha256"]) == 64
    assert rows["truncated.pdf"]["message"].startswith("error: truncated.pdf: ")
    assert not (batch / "actions" / "source_file=truncated.pdf").exists()
    package = json.loads((batch / "datapackage.json").read_text(encoding="utf-8"))
    assert package["resources"][0]["path"] == "batch.csv" and set(package["partitionedTables"]) == set(TABLES)


def test_dataset_equals_per_file_outputs_row_for_row(batch: Path, inputs: Path, tmp_path: Path) -> None:
    for name in ("current", "numbered"):
        result = appendix("run", str(inputs / f"{name}.pdf"), "--out", str(tmp_path))
        assert result.returncode == 0, result.stderr
        for table in TABLES:
            expected = per_file_rows(tmp_path / name, table)
            got = partition_rows(batch, table, f"{name}.pdf")
            ordered = [{k: r[k] for k in expected[0]} for r in got] if expected else got
            assert ordered == expected, (name, table)


def test_duckdb_reads_the_whole_dataset(batch: Path) -> None:
    duckdb = pytest.importorskip("duckdb")
    counts = dict(duckdb.sql(f"SELECT source_file, count(*) FROM '{batch}/actions/**/*.parquet' "
                             "GROUP BY source_file").fetchall())
    assert counts == {"current.pdf": 52, "numbered.pdf": 13}
    # The dataset is the tables: no per-PDF report (its page pictures cost a third of a task).
    assert not list((batch / ".work").glob("*/report.html"))


def test_rerun_skips_unchanged_and_a_new_vocabulary_reruns_normalise_only(batch: Path, inputs: Path,
                                                                          tmp_path: Path) -> None:
    manifest = batch / ".work" / "current" / "raw" / "manifest.json"
    before = manifest.stat().st_mtime_ns
    again = appendix("batch", str(inputs), "--out", str(batch), "--workers", "1")
    rows = batch_rows(batch)
    assert again.returncode == 2 and rows["current.pdf"]["status"] == rows["numbered.pdf"]["status"] == "skipped"
    assert all(float(rows[n]["seconds"]) < 1.0 for n in ("current.pdf", "numbered.pdf"))
    vocab = tmp_path / "vocab"
    vocab.mkdir()
    teams = (ROOT / "normalise" / "canonical" / "teams.csv").read_text(encoding="utf-8")
    (vocab / "teams.csv").write_text(teams + "A New Team,\n", encoding="utf-8")
    changed = appendix("batch", str(inputs), "--out", str(batch), "--workers", "1", "--vocab", str(vocab))
    assert changed.returncode == 2 and batch_rows(batch)["current.pdf"]["status"] == "ok"
    assert manifest.stat().st_mtime_ns == before  # raw/ was reused: only normalise ran again


def test_manifest_carries_council_and_published(inputs: Path, tmp_path: Path) -> None:
    manifest = tmp_path / "manifest.csv"
    manifest.write_text(f"path,council,published\n{inputs / 'numbered.pdf'},Elsewhere,2025-07-01\n"
                        f"{tmp_path / 'missing.pdf'},Nowhere,2025-01-01\n", encoding="utf-8")
    result = appendix("batch", str(manifest), "--out", str(tmp_path / "ds"), "--workers", "1")
    rows = batch_rows(tmp_path / "ds")
    assert result.returncode == 2 and rows["numbered.pdf"]["council"] == "Elsewhere"
    assert rows["missing.pdf"]["status"] == "error"
    actions = partition_rows(tmp_path / "ds", "actions", "numbered.pdf")
    assert {(a["council"], a["published"]) for a in actions} == {("Elsewhere", "2025-07-01")}


@pytest.fixture
def cluster(tmp_path: Path) -> Iterator[str]:
    """A real dask scheduler and two workers on 127.0.0.1, as on a cluster (dask's own commands)."""
    env = {**os.environ, "PYTHONPATH": str(ROOT), "DASK_DISTRIBUTED__SCHEDULER__ALLOWED_FAILURES": "1"}
    bindir = Path(sys.executable).parent
    scheduler_file = tmp_path / "scheduler.json"
    procs = [subprocess.Popen([str(bindir / "dask"), "scheduler", "--host", "127.0.0.1", "--port", "0",
                               "--no-dashboard", "--scheduler-file", str(scheduler_file)], env=env,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)]
    deadline = time.monotonic() + 60
    while not scheduler_file.exists():
        assert time.monotonic() < deadline, "the scheduler did not start"
        time.sleep(0.2)
    address = json.loads(scheduler_file.read_text(encoding="utf-8"))["address"]
    for _ in range(2):
        procs.append(subprocess.Popen([str(bindir / "dask"), "worker", address, "--nthreads", "1", "--no-dashboard",
                                       "--host", "127.0.0.1"], env=env, cwd=ROOT, stdout=subprocess.DEVNULL,
                                      stderr=subprocess.DEVNULL))
    try:
        yield address
    finally:
        for p in procs:
            p.send_signal(signal.SIGTERM)
        for p in procs:
            try:
                p.wait(timeout=30)
            except subprocess.TimeoutExpired:
                p.kill()


def test_batch_on_an_existing_cluster(cluster: str, inputs: Path, batch: Path, tmp_path: Path) -> None:
    result = appendix("batch", str(inputs / "current.pdf"), str(inputs / "numbered.pdf"), "--out",
                      str(tmp_path / "ds"), "--scheduler", cluster, timeout=300)
    assert result.returncode == 0, result.stderr
    for table in TABLES:
        for name in ("current.pdf", "numbered.pdf"):
            assert partition_rows(tmp_path / "ds", table, name) == partition_rows(batch, table, name)


def tesseract_under(root_pid: int) -> list:
    import psutil

    try:
        children = psutil.Process(root_pid).children(recursive=True)
    except psutil.NoSuchProcess:
        return []
    found = []
    for p in children:
        try:
            if p.name() == "tesseract":
                found.append(p)
        except psutil.NoSuchProcess:  # a short OCR run that ended since the children were listed
            continue
    return found


@pytest.mark.skipif(shutil.which("tesseract") is None, reason="needs tesseract (the OCR task is the one killed)")
def test_a_killed_worker_loses_nothing_finished_and_is_retried_once(inputs: Path, tmp_path: Path) -> None:
    import psutil

    shutil.copy(SAMPLES / "image-only" / "image-only.pdf", tmp_path / "image-only.pdf")
    env = {**{k: v for k, v in os.environ.items() if not k.startswith("APPENDIX_")}, "PYTHONPATH": str(ROOT)}
    dataset = tmp_path / "ds"
    proc = subprocess.Popen([sys.executable, "-m", "pipeline", "batch", str(tmp_path / "image-only.pdf"),
                             str(inputs / "current.pdf"), str(inputs / "numbered.pdf"), "--out", str(dataset),
                             "--workers", "2"], cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True)
    finished = [dataset / "actions" / f"source_file={n}.pdf" / "part-0.parquet" for n in ("current", "numbered")]
    kills = 0
    deadline = time.monotonic() + 240
    while kills < 2 and proc.poll() is None:
        assert time.monotonic() < deadline, "the OCR task never started"
        found = tesseract_under(proc.pid)
        if found and all(p.exists() for p in finished):
            before = [p.read_bytes() for p in finished]
            worker = found[0].parent()
            for p in (worker, *found):
                try:
                    p.kill()
                except psutil.NoSuchProcess:
                    pass
            kills += 1
            gone = time.monotonic() + 60
            while tesseract_under(proc.pid) and time.monotonic() < gone:
                time.sleep(0.2)
        time.sleep(0.2)
    proc.communicate(timeout=300)
    rows = batch_rows(dataset)
    assert rows["current.pdf"]["status"] == rows["numbered.pdf"]["status"] == "ok"
    assert [p.read_bytes() for p in finished] == before
    assert rows["image-only.pdf"]["status"] == "error" and "died" in rows["image-only.pdf"]["message"]
    assert not (dataset / "actions" / "source_file=image-only.pdf").exists()


def test_the_largest_pdfs_are_given_the_highest_priority() -> None:
    # Dask runs higher priorities first: a scan (large) is started before the born-digital files, so the
    # other workers are not left idle at the end while it is OCR'd.
    from pipeline.batch import Job
    from pipeline.batch_cli import size_priority

    scan, small = SAMPLES / "scanned" / "scanned.pdf", SAMPLES / "current" / "current.pdf"
    assert scan.stat().st_size > small.stat().st_size
    assert size_priority(Job(str(scan))) > size_priority(Job(str(small))) >= 0
    assert size_priority(Job(str(SAMPLES / "no-such.pdf"))) == 0


def test_a_task_runs_tesseract_and_opencv_on_one_thread_unless_the_administrator_said_otherwise(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # The cluster's processes are the parallelism: tesseract's and OpenCV's own threads would contend with theirs.
    from extract import ExtractSettings
    from pipeline.batch import Job, process

    for name in ("OMP_THREAD_LIMIT", "OPENCV_FOR_THREADS_NUM"):
        monkeypatch.delenv(name, raising=False)
    row = process(Job(str(tmp_path / "missing.pdf")), str(tmp_path / "dataset"), ExtractSettings(workers=1))
    assert row["status"] == "error"
    assert os.environ["OMP_THREAD_LIMIT"] == os.environ["OPENCV_FOR_THREADS_NUM"] == "1"
    monkeypatch.setenv("OMP_THREAD_LIMIT", "4")
    process(Job(str(tmp_path / "missing.pdf")), str(tmp_path / "dataset"), ExtractSettings(workers=1))
    assert os.environ["OMP_THREAD_LIMIT"] == "4"
    # OpenCV reads the setting when it is loaded: a worker's first scan then runs it on one thread.
    script = "import os; os.environ['OPENCV_FOR_THREADS_NUM'] = '1'; import cv2; print(cv2.getNumThreads())"
    assert subprocess.run([sys.executable, "-c", script], capture_output=True, text=True).stdout.strip() == "1"
