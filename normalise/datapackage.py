"""The schema module's tables → a Frictionless Data Package descriptor that ``frictionless validate`` passes.

CSV and Parquet hold list columns differently, so each file is its own resource: in CSV a list is text
joined with ``; `` (declared ``string``, said so in its description), in Parquet a true Arrow list
(declared ``any``, with its Arrow type beside it). Keys follow the contract: an action is
``source_file, plan, action_id``, and every long table that names an action points at it.
"""
from __future__ import annotations

from typing import Any

import pyarrow as pa

from .schema import ACTION_KEY, PARQUET_TABLES, REFERENCING, TABLES, Column, frictionless_type

LIST_NOTE = " In CSV: the items joined with '; '."


def field_descriptor(column: Column, fmt: str) -> dict[str, Any]:
    is_list = pa.types.is_list(column.type)
    kind = frictionless_type(column.type)
    if is_list:
        kind = "string" if fmt == "csv" else "any"
    descriptor: dict[str, Any] = {
        "name": column.name, "type": kind,
        "description": column.description + (LIST_NOTE if is_list and fmt == "csv" else ""),
        "arrowType": str(column.type),
    }
    # An empty text cell is a missing value to Frictionless, so only columns that always hold a value
    # (the file name, flags) are required; keys are required through primaryKey.
    if not column.nullable and (kind == "boolean" or column.name == "source_file"):
        descriptor["constraints"] = {"required": True}
    return descriptor


def resource_name(table: str, fmt: str) -> str:
    return f"{table}-{fmt}" if table in PARQUET_TABLES else table


def resource(table: str, fmt: str, unique_actions: bool) -> dict[str, Any]:
    columns, description = TABLES[table]
    schema: dict[str, Any] = {"fields": [field_descriptor(c, fmt) for c in columns]}
    if table == "actions" and unique_actions:
        schema["primaryKey"] = list(ACTION_KEY)
    if table in REFERENCING:
        schema["foreignKeys"] = [{"fields": list(ACTION_KEY),
                                  "reference": {"resource": resource_name("actions", fmt),
                                                "fields": list(ACTION_KEY)}}]
    out: dict[str, Any] = {
        "name": resource_name(table, fmt),
        "path": f"{table}.{fmt}",
        "format": fmt,
        "mediatype": "application/vnd.apache.parquet" if fmt == "parquet" else "text/csv",
        "description": description,
        "schema": schema,
    }
    if fmt == "csv":
        out["encoding"] = "utf-8"
        out["dialect"] = {"delimiter": ",", "header": True}
    return out


def datapackage(name: str, unique_actions: bool = True) -> dict[str, Any]:
    """The descriptor for one output folder. ``unique_actions`` is false where a plan prints an ID twice
    (flagged for review): then the actions table has no primary key to declare."""
    resources = [resource(table, fmt, unique_actions)
                 for table in TABLES for fmt in (("parquet", "csv") if table in PARQUET_TABLES else ("csv",))]
    slug = "".join(ch if (ch.isascii() and ch.isalnum()) or ch in "-_." else "-" for ch in name.lower())
    slug = slug.strip("-._") or "appendix"
    return {
        "profile": "data-package",
        "name": slug,
        "description": "Action-plan appendix tables extracted and normalised from one PDF.",
        "resources": resources,
    }


BATCH_FIELDS = [
    ("source_file", "string", "The PDF's file name (the partition every table's rows of it sit in)."),
    ("sha256", "string", "The PDF's SHA-256."),
    ("status", "string", "ok, error or skipped (unchanged since the last run)."),
    ("message", "string", "The error line where the status is error."),
    ("seconds", "number", "Time the PDF's task took."),
    ("actions", "integer", "Actions read."),
    ("needs_review", "integer", "Of those, how many need review."),
]


def dataset_package(carried: list[str]) -> dict[str, Any]:
    """The descriptor of a corpus dataset (``appendix batch``): batch.csv as a resource, and each table as
    a Hive-partitioned Parquet folder (``<table>/source_file=<name>/part-0.parquet``). Frictionless has no
    resource type for a partitioned folder, so those are described under ``partitionedTables``."""
    extra = [{"name": c, "type": "string", "description": f"Carried from the manifest's {c} column."}
             for c in carried]
    batch = {"name": "batch", "path": "batch.csv", "format": "csv", "encoding": "utf-8",
             "description": "One row per input PDF.",
             "schema": {"fields": [{"name": n, "type": t, "description": d} for n, t, d in BATCH_FIELDS] + extra,
                        "primaryKey": ["source_file"]}}
    tables = {table: {"path": f"{table}/", "format": "parquet", "partitioning": "hive",
                      "partitionColumn": "source_file", "description": description,
                      "schema": {"fields": [field_descriptor(c, "parquet") for c in columns] + extra}}
              for table, (columns, description) in TABLES.items()}
    return {"profile": "data-package", "name": "appendix-corpus",
            "description": "Action-plan appendix tables of a corpus of PDFs, one partition per PDF.",
            "resources": [batch], "partitionedTables": tables}
