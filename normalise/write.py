"""The clean tables → files: Parquet and CSV from the schema module, corrections, unmatched, datapackage.json."""
from __future__ import annotations

import json
from dataclasses import asdict
from datetime import date
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from .build import Built
from .corrections import CorrectionLog
from .schema import PARQUET_TABLES, TABLES, Column, arrow_schema, frictionless_type


def csv_value(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (list, tuple)):
        return "; ".join(csv_value(v) for v in value)
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float):
        return f"{value:g}"
    return str(value)


def write_csv(path: Path, columns: list[Column], rows: list[dict[str, Any]]) -> None:
    import csv

    with path.open("w", newline="", encoding="utf-8") as f:
        writer = csv.writer(f, lineterminator="\n")
        writer.writerow([c.name for c in columns])
        for row in rows:
            writer.writerow([csv_value(row.get(c.name)) for c in columns])


def table_rows(built: Built, log: CorrectionLog) -> dict[str, list[dict[str, Any]]]:
    unmatched = [{**u, "action_ids": "; ".join(dict.fromkeys(u["action_ids"]))}
                 for u in built.unmatched.values()]
    return {
        "actions": built.actions,
        "leads": built.names["leads"],
        "partners": built.names["partners"],
        "corrections": [asdict(c) for c in log.rows],
        "unmatched": sorted(unmatched, key=lambda u: (u["field"], u["name"])),
    }


def datapackage(name: str, folder: Path) -> dict[str, Any]:
    resources = []
    for table, (columns, description) in TABLES.items():
        for fmt in ("parquet", "csv") if table in PARQUET_TABLES else ("csv",):
            resources.append({
                "name": f"{table}-{fmt}" if table in PARQUET_TABLES else table,
                "path": f"{table}.{fmt}",
                "format": fmt,
                "mediatype": "application/vnd.apache.parquet" if fmt == "parquet" else "text/csv",
                "encoding": "utf-8",
                "description": description,
                "schema": {"fields": [
                    {"name": c.name, "type": frictionless_type(c.type), "description": c.description,
                     **({"arrowType": str(c.type)} if fmt == "parquet" else {}),
                     **({"constraints": {"required": True}} if not c.nullable else {})}
                    for c in columns]},
                **({"dialect": {"delimiter": ",", "header": True}} if fmt == "csv" else {}),
            })
    return {"profile": "data-package", "name": name.lower().replace(" ", "-"), "resources": resources}


def write_tables(built: Built, log: CorrectionLog, folder: Path, stem: str) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for table, rows in table_rows(built, log).items():
        columns = TABLES[table][0]
        if table in PARQUET_TABLES:
            schema = arrow_schema(columns)
            arrays = {c.name: [r.get(c.name) for r in rows] for c in columns}
            pq.write_table(pa.table(arrays, schema=schema), folder / f"{table}.parquet")
        write_csv(folder / f"{table}.csv", columns, rows)
    (folder / "datapackage.json").write_text(json.dumps(datapackage(stem, folder), indent=2) + "\n",
                                              encoding="utf-8")
