"""The single source of truth for every output table: columns, Arrow types, descriptions."""
from __future__ import annotations

from dataclasses import dataclass

import pyarrow as pa


@dataclass(frozen=True)
class Column:
    name: str
    type: pa.DataType
    description: str
    nullable: bool = False


ACTIONS = [
    Column("source_file", pa.string(), "The PDF's file name."),
    Column("source_pages", pa.list_(pa.int32()), "1-based pages the row was printed on (two where a row "
           "is split over a page break)."),
    Column("plan", pa.string(), "The plan the table belongs to, from the heading printed above it."),
    Column("theme", pa.string(), "The section row the action sits under, repaired; null where none is printed.",
           nullable=True),
    Column("action_id", pa.string(), "The action's ID in Latin letters and digits, as printed once cleaned."),
    Column("action", pa.string(), "The action text: whitespace folded, wrapped lines rejoined, never re-spelled."),
    Column("lead_teams", pa.list_(pa.string()), "Canonical lead team names (the printed name, cleaned, where "
           "no canonical name matches)."),
    Column("partners", pa.list_(pa.string()), "Canonical partner names, likewise; empty where the plan has "
           "no partners column."),
    Column("start_date", pa.date32(), "First day of the start month; null when Ongoing, blank or TBC.", nullable=True),
    Column("start_ongoing", pa.bool_(), "The start was printed as Ongoing."),
    Column("end_date", pa.date32(), "Last day of the end month; null when Ongoing, blank or TBC.", nullable=True),
    Column("end_ongoing", pa.bool_(), "The end was printed as Ongoing."),
    Column("start_raw", pa.string(), "The start as printed."),
    Column("end_raw", pa.string(), "The end as printed."),
    Column("delivery_periods", pa.list_(pa.string()), "Financial years marked in the Delivery Period columns."),
    Column("delivery_source", pa.string(), "shading or marks when read from the page; dates when derived "
           "from start/end because the page marks none (an empty list where they fall outside the years)."),
    Column("needs_review", pa.bool_(), "Some correction on this row was below the auto-accept confidence."),
]

NAMES = [
    Column("source_file", pa.string(), "The PDF's file name."),
    Column("plan", pa.string(), "The plan the action belongs to."),
    Column("action_id", pa.string(), "The action's cleaned ID."),
    Column("name", pa.string(), "The canonical name, or the printed name (cleaned) where none matched."),
    Column("printed", pa.string(), "The name as extracted from the cell."),
    Column("score", pa.float64(), "The match score, 0-100 (rapidfuzz ratio on folded text)."),
    Column("matched", pa.bool_(), "False where the name was kept as printed."),
]

CORRECTIONS = [
    Column("source_file", pa.string(), "The PDF's file name."),
    Column("page", pa.int32(), "1-based page the text was printed on."),
    Column("action_id", pa.string(), "The action the change belongs to; empty for table-level text."),
    Column("field", pa.string(), "The field changed (or the kind of text dropped)."),
    Column("before", pa.string(), "The text as extracted."),
    Column("after", pa.string(), "The text written out; empty where it was dropped."),
    Column("rule", pa.string(), "The repair that made the change."),
    Column("score", pa.float64(), "Confidence 0-100 where the rule is a fuzzy match.", nullable=True),
]

UNMATCHED = [
    Column("source_file", pa.string(), "The PDF's file name."),
    Column("field", pa.string(), "lead_teams or partners."),
    Column("name", pa.string(), "The name as printed (cleaned)."),
    Column("action_ids", pa.string(), "The actions it appears in, joined with '; '."),
    Column("best_candidate", pa.string(), "The closest canonical name."),
    Column("score", pa.float64(), "Its score, 0-100."),
]

EXTRA = [
    Column("source_file", pa.string(), "The PDF's file name."),
    Column("plan", pa.string(), "The plan the action belongs to."),
    Column("action_id", pa.string(), "The action's cleaned ID."),
    Column("column", pa.string(), "The column's header as printed (e.g. Status, Indicative cost (£k))."),
    Column("value", pa.string(), "The cell's text: whitespace folded, wrapped lines rejoined."),
]

TABLES = {
    "actions": (ACTIONS, "One row per action, in the order printed."),
    "leads": (NAMES, "One row per (action, lead team)."),
    "partners": (NAMES, "One row per (action, partner)."),
    "corrections": (CORRECTIONS, "One row per change the pipeline made."),
    "unmatched": (UNMATCHED, "Names not matched to a canonical list, for an analyst to review."),
    "extra": (EXTRA, "Every printed column with no known role, kept per action."),
}
PARQUET_TABLES = tuple(TABLES)  # every table is written as Parquet and as CSV
# The key of an action, and the long tables that point at it (Frictionless primary and foreign keys).
ACTION_KEY = ["source_file", "plan", "action_id"]
REFERENCING = ("leads", "partners", "extra")


def arrow_schema(columns: list[Column]) -> pa.Schema:
    return pa.schema([pa.field(c.name, c.type, nullable=c.nullable) for c in columns])


def frictionless_type(t: pa.DataType) -> str:
    if pa.types.is_list(t):
        return "array"
    if pa.types.is_boolean(t):
        return "boolean"
    if pa.types.is_integer(t):
        return "integer"
    if pa.types.is_floating(t):
        return "number"
    if pa.types.is_date(t):
        return "date"
    return "string"
