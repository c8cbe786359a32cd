"""Extraction ↔ ``raw/``: cells.parquet, a CSV per table for people, pages.csv and manifest.json."""
from __future__ import annotations

import json
from dataclasses import asdict, fields
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from .model import PageInfo, RawCell, RawTable
from .run import Extraction
from .settings import ExtractSettings

TABLE_FIELDS = [f.name for f in fields(RawTable) if f.name != "cells"]
CELL_SCHEMA = pa.schema([(f.name, {"int": pa.int64(), "float": pa.float64()}.get(str(f.type), pa.string()))
                         for f in fields(RawCell)])


def write_raw(extraction: Extraction, folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    # Written with pyarrow from plain rows and an explicit schema (no pandas metadata to attach): after
    # some damaged PDFs, pandas' metadata step has been seen to fail in the same process.
    pq.write_table(pa.Table.from_pylist([asdict(c) for t in extraction.tables for c in t.cells],
                                        schema=CELL_SCHEMA), folder / "cells.parquet")
    pd.DataFrame([{k: getattr(t, k) for k in TABLE_FIELDS} for t in extraction.tables],
                 columns=TABLE_FIELDS).to_csv(folder / "tables.csv", index=False)
    pd.DataFrame([asdict(p) for p in extraction.pages],
                 columns=[f.name for f in fields(PageInfo)]).to_csv(folder / "pages.csv", index=False)
    tables_dir = folder / "tables"
    tables_dir.mkdir(exist_ok=True)
    for t in extraction.tables:
        grid = [["" for _ in range(t.n_cols)] for _ in range(t.n_rows)]
        for c in t.cells:
            grid[c.row][c.col] = c.text
        pd.DataFrame(grid).to_csv(tables_dir / f"page-{t.page:04d}-table-{t.order}.csv", index=False, header=False)
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
    cells = pd.read_parquet(folder / "cells.parquet")
    tables = pd.read_csv(folder / "tables.csv", keep_default_na=False)
    by_table = {int(str(k)): g for k, g in cells.groupby("table")} if len(cells) else {}
    for row in tables.to_dict("records"):
        table = RawTable(**{k: row[k] for k in TABLE_FIELDS if k in row})
        table.rows_ruled = str(table.rows_ruled) == "True"
        table.title_above = str(table.title_above)
        group = by_table.get(table.table)
        if group is not None:
            table.cells = [RawCell(**{k: r[k] for k in RawCell.__dataclass_fields__ if k in r})
                           for r in group.to_dict("records")]
        extraction.tables.append(table)
    pages = pd.read_csv(folder / "pages.csv", keep_default_na=False, dtype={"label": str})
    extraction.pages = [PageInfo(**{str(k): v for k, v in r.items()}) for r in pages.to_dict("records")]
    return extraction
