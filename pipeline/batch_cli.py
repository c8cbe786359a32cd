"""``appendix batch INPUTS… --out DATASET``: a corpus of PDFs on dask.distributed, one queryable dataset.

Examples:
    appendix batch corpus/ --out dataset                      # a LocalCluster, one process per core
    appendix batch manifest.csv --out dataset --workers 2 --memory-limit 3GB
    appendix batch corpus/ --out dataset --scheduler tcp://10.0.0.5:8786
    duckdb -c "SELECT plan, count(*) FROM 'dataset/actions/**/*.parquet' GROUP BY plan"
"""
from __future__ import annotations

import argparse
import csv
import json
import logging
import os
import sys
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from extract import ExtractSettings, InputError
from normalise.csv_safety import write_safe_csv

from .inputs import check_distinct_stems, expand_one
from .passwords import password_from

# Corpus mode's own modules (pyarrow, the dataset's schema) are imported where a batch runs: this module is
# imported to build the command's parser on every run of any command.
if TYPE_CHECKING:
    from .batch import Job

log = logging.getLogger(__name__)
CARRIED = ("council", "published")


def add_parser(sub: argparse._SubParsersAction, add_common: Callable[[argparse.ArgumentParser], None]) -> None:
    p = sub.add_parser("batch", help="a corpus of PDFs on dask → one Parquet dataset", description=__doc__,
                       formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("inputs", nargs="+", metavar="INPUT",
                   help="PDFs, folders, glob patterns, or a CSV manifest with a path column (and optional "
                        "council, published columns carried into every row)")
    p.add_argument("--out", type=Path, required=True, help="the dataset folder")
    p.add_argument("--scheduler", metavar="ADDRESS",
                   help="an existing dask scheduler (tcp://host:8786); default: a LocalCluster on this machine")
    p.add_argument("--workers", type=int, default=0,
                   help="worker processes of the LocalCluster (default: one per core)")
    p.add_argument("--memory-limit", default="auto",
                   help="memory per LocalCluster worker, e.g. 3GB (default auto: the machine's memory shared)")
    add_common(p)


def read_manifest(path: Path) -> list[Job]:
    """A CSV with a ``path`` column (relative paths are relative to the manifest)."""
    from .batch import Job

    with path.open(newline="", encoding="utf-8-sig") as f:
        reader = csv.DictReader(f)
        if "path" not in (reader.fieldnames or []):
            raise InputError("a manifest needs a 'path' column (and may have council, published)", source=path.name)
        jobs = []
        for row in reader:
            if not (row.get("path") or "").strip():
                continue
            pdf = Path(row["path"].strip())
            pdf = pdf if pdf.is_absolute() else path.parent / pdf
            carried = tuple((k, (row.get(k) or "").strip()) for k in CARRIED if k in (reader.fieldnames or []))
            jobs.append(Job(str(pdf), carried))
    return jobs


def jobs_from(inputs: list[str]) -> list[Job]:
    """PDFs, folders and globs as ``appendix run`` takes them; ``.csv`` files as manifests. A manifest's
    missing PDF is not refused here: it becomes that PDF's error row, and the batch goes on."""
    from .batch import Job

    jobs: dict[str, Job] = {}
    for arg in inputs:
        if arg.casefold().endswith(".csv") and Path(arg).is_file():
            found = read_manifest(Path(arg))
        else:
            found = [Job(str(p)) for p in expand_one(arg)]
        for job in found:
            jobs.setdefault(str(Path(job.path).resolve()), job)
    if not jobs:
        raise InputError("no input PDF given", source="batch")
    check_distinct_names([Path(j.path) for j in jobs.values()])
    return list(jobs.values())


def check_distinct_names(pdfs: list[Path]) -> None:
    """The dataset is partitioned by file name, so two PDFs of one name cannot share it."""
    check_distinct_stems(pdfs)
    names: dict[str, Path] = {}
    for p in pdfs:
        if names.setdefault(p.name, p) != p:
            raise InputError(f"it and {names[p.name]} share a file name, which partitions the dataset: rename one",
                             source=str(p))


def make_client(args: argparse.Namespace) -> Any:
    import dask
    from distributed import Client, LocalCluster

    # A task whose worker dies is retried once on another worker, then recorded as an error.
    dask.config.set({"distributed.scheduler.allowed-failures": 1})
    if args.scheduler:
        return Client(args.scheduler)
    workers = args.workers or min(os.cpu_count() or 1, 8)
    cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                           memory_limit=args.memory_limit, dashboard_address=None)
    return Client(cluster)


def size_priority(job: Job) -> int:
    """A task's priority: its PDF's size in KB, a cheap stand-in for its cost (scans are large)."""
    try:
        return Path(job.path).stat().st_size // 1024
    except OSError:
        return 0


def gather(client: Any, jobs: list[Job], dataset: Path, settings: ExtractSettings) -> list[dict[str, Any]]:
    from distributed import as_completed
    from distributed.client import FutureCancelledError

    from .batch import process
    from .progress import progress

    batch_id = uuid.uuid4().hex
    # Largest PDFs first (dask runs higher priorities first): a scan's OCR started last would leave the
    # other workers idle while it finishes; started first, the small ones fill in around it.
    futures = {client.submit(process, job, str(dataset), settings, batch_id, key=f"appendix-{batch_id}-{i}",
                             pure=False, priority=size_priority(job)): job for i, job in enumerate(jobs)}
    rows = []
    for future in progress(as_completed(futures), "PDFs", total=len(futures)):
        job = futures[future]
        try:
            rows.append(future.result())
        except (FutureCancelledError, Exception) as exc:  # noqa: BLE001 - a killed worker, twice
            rows.append({"source_file": Path(job.path).name, "sha256": "", "status": "error",
                         "message": f"error: {Path(job.path).name}: its worker died twice ({type(exc).__name__}); "
                                    "try it alone with appendix run", "seconds": 0.0, "actions": 0,
                         "needs_review": 0, **dict(job.carried)})
    order = {Path(j.path).name: i for i, j in enumerate(jobs)}
    return sorted(rows, key=lambda r: order.get(r["source_file"], len(order)))


def run_batch(args: argparse.Namespace) -> int:
    from normalise.datapackage import dataset_package

    from .batch import BATCH_COLUMNS, settings_for_workers

    jobs = jobs_from(args.inputs)
    dataset: Path = args.out
    dataset.mkdir(parents=True, exist_ok=True)
    from .cli import check_vocab

    check_vocab(args.vocab)
    settings = settings_for_workers(ExtractSettings(password=password_from(args), vocab_dir=args.vocab))
    client = make_client(args)
    try:
        if client.dashboard_link and sys.stderr.isatty():
            print(f"dask dashboard: {client.dashboard_link}", file=sys.stderr)
        rows = gather(client, jobs, dataset, settings)
    finally:
        client.close()
    carried = [k for k in CARRIED if any(k in dict(j.carried) for j in jobs)]
    columns = BATCH_COLUMNS + carried
    write_safe_csv(dataset / "batch.csv", columns, ([str(r.get(c, "")) for c in columns] for r in rows))
    (dataset / "datapackage.json").write_text(json.dumps(dataset_package(carried), indent=2) + "\n",
                                              encoding="utf-8")
    counts = {s: sum(1 for r in rows if r["status"] == s) for s in ("ok", "skipped", "error")}
    print(f"{len(rows)} PDFs: {counts['ok']} ok, {counts['skipped']} skipped, {counts['error']} errors; "
          f"see {dataset / 'batch.csv'}", file=sys.stderr)
    return 0 if not counts["error"] else 2
