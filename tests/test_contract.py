"""The contract's output files, columns and Arrow types, on the current sample."""
from __future__ import annotations

import csv
import json
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from extract import ExtractSettings
from normalise.schema import ACTIONS, NAMES, TABLES
from pipeline.run import run_pdf

ROOT = Path(__file__).resolve().parent.parent
CURRENT = ROOT / "samples" / "current" / "current.pdf"
CONTRACT_TYPES = {
    "source_file": pa.string(), "source_pages": pa.list_(pa.int32()), "plan": pa.string(), "theme": pa.string(),
    "action_id": pa.string(), "action": pa.string(), "lead_teams": pa.list_(pa.string()),
    "partners": pa.list_(pa.string()), "start_date": pa.date32(), "start_ongoing": pa.bool_(), "end_date": pa.date32(),
    "end_ongoing": pa.bool_(), "start_raw": pa.string(), "end_raw": pa.string(),
    "delivery_periods": pa.list_(pa.string()), "delivery_source": pa.string(), "needs_review": pa.bool_(),
}


@pytest.fixture(scope="module")
def output(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return run_pdf(CURRENT, tmp_path_factory.mktemp("out"), ExtractSettings())


def test_output_files(output: Path) -> None:
    for name in ["actions.parquet", "actions.csv", "leads.parquet", "leads.csv", "partners.parquet",
                 "partners.csv", "corrections.csv", "unmatched.csv", "extra.parquet", "extra.csv", "appendix.xlsx",
                 "datapackage.json", "raw/cells.parquet",
                 "raw/manifest.json", "raw/pages.csv", "raw/tables.csv"]:
        assert (output / name).is_file(), name
    assert list((output / "raw" / "tables").glob("page-*-table-*.csv"))


def test_actions_arrow_types(output: Path) -> None:
    schema = pq.read_schema(output / "actions.parquet")
    assert {f.name: f.type for f in schema} == CONTRACT_TYPES
    assert [c.name for c in ACTIONS] == list(CONTRACT_TYPES)


def test_names_tables_columns(output: Path) -> None:
    for table in ("leads", "partners"):
        schema = pq.read_schema(output / f"{table}.parquet")
        assert schema.names == ["source_file", "plan", "action_id", "name", "printed", "score", "matched"] \
            == [c.name for c in NAMES]


def test_csv_columns_and_formats(output: Path) -> None:
    with (output / "actions.csv").open(encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    assert len(rows) == 52
    t3 = next(r for r in rows if r["action_id"] == "T3")
    assert t3["lead_teams"].count("; ") == 2 and t3["start_date"] == "" and t3["start_ongoing"] == "true"
    lcc3 = next(r for r in rows if r["action_id"] == "LCC.3")
    assert (lcc3["start_date"], lcc3["end_date"]) == ("2024-04-01", "2025-05-31")
    for table in ("corrections", "unmatched"):
        with (output / f"{table}.csv").open(encoding="utf-8") as f:
            assert next(csv.reader(f)) == [c.name for c in TABLES[table][0]]


def test_datapackage_describes_every_file(output: Path) -> None:
    package = json.loads((output / "datapackage.json").read_text(encoding="utf-8"))
    paths = {r["path"] for r in package["resources"]}
    assert {"actions.parquet", "actions.csv", "leads.csv", "partners.parquet", "corrections.csv",
            "unmatched.csv"} <= paths
    actions = next(r for r in package["resources"] if r["path"] == "actions.csv")
    fields = {f["name"]: f for f in actions["schema"]["fields"]}
    assert fields["start_date"]["type"] == "date" and fields["lead_teams"]["type"] == "string"
    assert all(f["description"] for f in fields.values())


def test_raw_manifest_has_provenance(output: Path) -> None:
    manifest = json.loads((output / "raw" / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["flavor"] == "auto" and manifest["engine"] == "vector"
    assert "pypdfium2" in manifest["libraries"] and "pdfplumber" in manifest["libraries"]
    first = manifest["tables"][0]
    assert first["page"] == 1 and first["order"] == 1 and first["parsing_report"]["accuracy"] > 90


def test_every_id_latin_and_names_canonical(output: Path) -> None:
    with (output / "actions.csv").open(encoding="utf-8") as f:
        assert all(r["action_id"].isascii() for r in csv.DictReader(f))
    with (output / "unmatched.csv").open(encoding="utf-8") as f:
        assert list(csv.DictReader(f)) == []
