"""Extraction ↔ ``raw/``: cells.parquet, a CSV per table for people, pages.csv and manifest.json."""
from __future__ import annotations

import csv
import json
from dataclasses import asdict, fields
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from .model import PageInfo, RawCell, RawTable
from .run import Extraction
from .settings import ExtractSettings

TABLE_FIELDS = [f.name for f in fields(RawTable) if f.name != "cells"]
CELL_SCHEMA = pa.schema([(f.name, {"int": pa.int64(), "float": pa.float64()}.get(str(f.type), pa.string()))
                         for f in fields(RawCell)])


def write_rows(path: Path, header: list[str], rows: list[list[Any]]) -> None:
    with path.open("w", newline="", encoding="utf-8") as f:
        writer = csv.writer(f, lineterminator="\n")
        if header:
            writer.writerow(header)
        writer.writerows(rows)


def read_rows(path: Path) -> list[dict[str, str]]:
    with path.open(newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def typed(kind: Any, value: str) -> Any:
    """A CSV field back to its dataclass field's type (annotations are strings here)."""
    kind = str(kind)
    if kind == "int":
        return int(float(value)) if value else 0
    if kind == "float":
        return float(value) if value else 0.0
    if kind == "bool":
        return value == "True"
    return value


def write_raw(extraction: Extraction, folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    # Written with pyarrow from plain rows and an explicit schema (no pandas metadata to attach), and the
    # CSVs with the csv module: the extract stage needs no pandas (its import alone is a quarter second).
    pq.write_table(pa.Table.from_pylist([asdict(c) for t in extraction.tables for c in t.cells],
                                        schema=CELL_SCHEMA), folder / "cells.parquet")
    write_rows(folder / "tables.csv", TABLE_FIELDS,
               [[getattr(t, k) for k in TABLE_FIELDS] for t in extraction.tables])
    page_fields = [f.name for f in fields(PageInfo)]
    write_rows(folder / "pages.csv", page_fields, [[getattr(p, k) for k in page_fields] for p in extraction.pages])
    tables_dir = folder / "tables"
    tables_dir.mkdir(exist_ok=True)
    for t in extraction.tables:
        grid = [["" for _ in range(t.n_cols)] for _ in range(t.n_rows)]
        for c in t.cells:
            grid[c.row][c.col] = c.text
        write_rows(tables_dir / f"page-{t.page:04d}-table-{t.order}.csv", [], grid)
    manifest = extraction.manifest()
    manifest["settings"] = {k: v for k, v in asdict(extraction.settings).items() if k != "password"}
    (folder / "manifest.json").write_text(json.dumps(manifest, indent=2, ensure_ascii=False) + "\n",
                                          encoding="utf-8")
    return folder


def read_raw(folder: Path) -> Extraction:
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    settings = ExtractSettings(**manifest["settings"])
    extraction = Extraction(manifest["source_file"], manifest["sha256"], settings)
    # How the text layer was made travels with raw/: normalise re-spells only OCR'd text, and the report
    # straightens a page picture by the skew the OCR stage measured.
    extraction.ocr = manifest.get("ocr") or {}
    extraction.read_from_copy = manifest.get("read_from_copy") or ""
    by_table: dict[int, list[RawCell]] = {}
    cell_names = set(RawCell.__dataclass_fields__)
    # ParquetFile, not read_table: the dataset layer read_table goes through imports pandas.
    for row in pq.ParquetFile(folder / "cells.parquet").read().to_pylist():
        by_table.setdefault(int(row["table"]), []).append(RawCell(**{k: v for k, v in row.items() if k in cell_names}))
    table_types = {f.name: f.type for f in fields(RawTable)}
    for row in read_rows(folder / "tables.csv"):
        table = RawTable(**{k: typed(table_types[k], v) for k, v in row.items() if k in TABLE_FIELDS})
        table.cells = by_table.get(table.table, [])
        extraction.tables.append(table)
    page_types = {f.name: f.type for f in fields(PageInfo)}
    extraction.pages = [PageInfo(**{k: typed(page_types[k], v) for k, v in row.items() if k in page_types})
                        for row in read_rows(folder / "pages.csv")]
    return extraction
