"""The clean tables → files: Parquet and CSV from the schema module, the workbook, datapackage.json."""
from __future__ import annotations

import json
from collections import Counter
from dataclasses import asdict
from datetime import date
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from .build import Built
from .corrections import CorrectionLog
from .csv_safety import write_safe_csv
from .datapackage import datapackage
from .schema import TABLES, Column, arrow_schema
from .workbook import write_workbook


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
    write_safe_csv(path, [c.name for c in columns], ([csv_value(row.get(c.name)) for c in columns] for row in rows))


def table_rows(built: Built, log: CorrectionLog, source_file: str) -> dict[str, list[dict[str, Any]]]:
    unmatched = [{**u, "action_ids": "; ".join(dict.fromkeys(u["action_ids"]))}
                 for u in built.unmatched.values()]
    return {
        "actions": built.actions,
        "leads": built.names["leads"],
        "partners": built.names["partners"],
        "corrections": [{"source_file": source_file, **asdict(c)} for c in log.rows],
        "unmatched": sorted(unmatched, key=lambda u: (u["field"], u["name"])),
        "extra": built.extra,
    }


def actions_unique(actions: list[dict[str, Any]]) -> bool:
    keys = Counter((a["plan"], a["action_id"]) for a in actions)
    return all(n == 1 for n in keys.values())


def rows_to_arrow(table: str, rows: list[dict[str, Any]]) -> pa.Table:
    """One output table's rows as Arrow, in its schema."""
    columns = TABLES[table][0]
    return pa.table({c.name: [r.get(c.name) for r in rows] for c in columns}, schema=arrow_schema(columns))


def arrow_tables(built: Built, log: CorrectionLog, source_file: str) -> dict[str, pa.Table]:
    """Every output table as Arrow (what the Parquet files hold; corpus mode writes them to its dataset)."""
    return {table: rows_to_arrow(table, rows) for table, rows in table_rows(built, log, source_file).items()}


def write_tables(built: Built, log: CorrectionLog, folder: Path, stem: str, source_file: str = "") -> None:
    """Every output table as Parquet and CSV, ``appendix.xlsx`` with a sheet each, and ``datapackage.json``."""
    folder.mkdir(parents=True, exist_ok=True)
    tables = table_rows(built, log, source_file or f"{stem}.pdf")
    for table, rows in tables.items():
        pq.write_table(rows_to_arrow(table, rows), folder / f"{table}.parquet")
        write_csv(folder / f"{table}.csv", TABLES[table][0], rows)
    write_workbook(folder / "appendix.xlsx", tables)
    package = datapackage(stem, actions_unique(built.actions))
    (folder / "datapackage.json").write_text(json.dumps(package, indent=2, ensure_ascii=False) + "\n",
                                             encoding="utf-8")
