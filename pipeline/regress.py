"""Compare the pipeline's output for each sample with its ``expected/`` datasets.

Fields are compared as strings, list fields as sets; the expected file's header says which columns count
(``score`` is the matcher's measure, not a fact of the PDF, so expected name tables leave it out).
"""
from __future__ import annotations

import csv
import json
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from normalise.corrections import REVIEW_RULES
from normalise.schema import ACTIONS

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
LIST_FIELDS = {c.name for c in ACTIONS if str(c.type).startswith("list")}
NAME_TABLES = ("leads", "partners")


@dataclass
class SampleResult:
    name: str
    expected_rows: int
    found_rows: int
    field_hits: dict[str, int] = field(default_factory=dict)
    name_scores: dict[str, float] = field(default_factory=dict)
    diffs: list[str] = field(default_factory=list)
    new_names: int = 0  # names the truth says are in no canonical list
    false_matches: int = 0  # of those, how many the pipeline matched to a canonical name anyway
    silent: int = 0  # fields wrong in a row not flagged for review (a missing row: all its fields)

    @property
    def silent_rate(self) -> float:
        cells = self.expected_rows * len(self.field_hits)
        return self.silent / cells if cells else 0.0

    def accuracy(self, name: str) -> float:
        return self.field_hits.get(name, 0) / self.expected_rows if self.expected_rows else 1.0

    @property
    def overall(self) -> float:
        cells = self.expected_rows * len(self.field_hits)
        score = sum(self.field_hits.values()) / cells if cells else 1.0
        parts = [score] + list(self.name_scores.values())
        return sum(parts) / len(parts)

    def diff_text(self, limit: int = 60) -> str:
        more = f"\n… and {len(self.diffs) - limit} more" if len(self.diffs) > limit else ""
        return f"{self.name}: {len(self.diffs)} differences\n" + "\n".join(self.diffs[:limit]) + more


def sample_dirs() -> list[Path]:
    return sorted(p for p in SAMPLES.iterdir()
                  if p.is_dir() and (p / f"{p.name}.pdf").exists() and (p / "expected" / "actions.csv").exists())


def sample_settings(sample: Path) -> dict:
    doc = sample / "source" / "document.json"
    return json.loads(doc.read_text(encoding="utf-8")) if doc.exists() else {}


def read_csv(path: Path) -> tuple[list[str], list[dict[str, str]]]:
    with path.open(newline="", encoding="utf-8") as f:
        reader = csv.DictReader(f)
        return list(reader.fieldnames or []), list(reader)


def same(column: str, expected: str, found: str) -> bool:
    if column in LIST_FIELDS:
        return {v.strip() for v in expected.split(";") if v.strip()} == \
               {v.strip() for v in found.split(";") if v.strip()}
    return expected == found


def page_doubts(output_dir: Path) -> tuple[set[int], set[str]]:
    """What the output says may be missing: pages named by a doubt about the page (a table that could not
    be read), and the IDs a plan's sequence skips (rule ``ids-missing``)."""
    pages: set[int] = set()
    ids: set[str] = set()
    path = output_dir / "corrections.csv"
    if not path.exists():
        return pages, ids
    for row in read_csv(path)[1]:
        if row.get("action_id") or row.get("rule") not in REVIEW_RULES:
            continue
        if row["rule"] == "ids-missing":
            ids.update(i.strip() for i in row.get("before", "").split(","))
        elif row.get("page", "").isdigit():
            pages.add(int(row["page"]))
    return pages, ids


def missing_is_flagged(expected: dict[str, str], doubts: tuple[set[int], set[str]]) -> bool:
    """Whether a row the output lacks was owned up to: a doubt names its page, or its ID."""
    pages, ids = doubts
    printed = [int(p) for p in expected.get("source_pages", "").split(";") if p.strip().isdigit()]
    return expected["action_id"] in ids or any(p in pages for p in printed)


STAND_IN_KEYS = ("plan", "action_id", "source_pages")  # in that order: what a flagged stand-in shares


def compare(name: str, expected_dir: Path, output_dir: Path) -> SampleResult:
    columns, expected = read_csv(expected_dir / "actions.csv")
    _, found = read_csv(output_dir / "actions.csv")
    by_key: dict[tuple[str, str], list[dict[str, str]]] = {}
    for row in found:
        by_key.setdefault((row.get("plan", ""), row.get("action_id", "")), []).append(row)
    result = SampleResult(name, len(expected), len(found), {c: 0 for c in columns})
    missing: list[dict[str, str]] = []  # expected rows not found under their ID
    for exp in expected:
        key = (exp["plan"], exp["action_id"])
        got = by_key.get(key, []).pop(0) if by_key.get(key) else None
        if got is None:
            result.diffs.append(f"missing action {key[1]!r} ({key[0]})")
            missing.append(exp)
            continue
        for c in columns:
            if same(c, exp[c], got.get(c, "")):
                result.field_hits[c] += 1
            else:
                result.diffs.append(f"{key[1]} {c}: expected {exp[c]!r}, got {got.get(c, '')!r}")
                result.silent += c != "needs_review" and got.get("needs_review") != "true"
    stand_ins: list[dict[str, str]] = []  # rows the truth does not know, flagged for review
    for rows in by_key.values():
        for extra in rows:
            result.diffs.append(f"unexpected action {extra.get('action_id')!r} ({extra.get('plan')})")
            if extra.get("needs_review") == "true":
                stand_ins.append(extra)
    # A row missing under its ID is silent unless a flagged row the truth does not know stands in its
    # place (each stands in for one): of its plan (an ID misread and flagged: "Ex" for E1), or with its ID
    # under another plan (a plan's title not read), or on its page (its ID misread past repair and its plan
    # lost); or a doubt names its page or its ID (a table that could not be read, a gap in the sequence):
    # then the analyst is told.
    # A row a doubt names needs no stand-in; the others take stand-ins by the closest key first, over all of
    # them (a row of another plan on the same page is a weaker match than its own ID misfiled).
    doubts = page_doubts(output_dir)
    unowned = [exp for exp in missing if not missing_is_flagged(exp, doubts)]
    for shared in STAND_IN_KEYS:
        for exp in list(unowned):
            stand_in = next((x for x in stand_ins if exp.get(shared) and x.get(shared) == exp[shared]), None)
            if stand_in is not None:
                stand_ins.remove(stand_in)
                unowned.remove(exp)
    result.silent += len(unowned) * len(columns)
    for table in NAME_TABLES:
        cols, exp_rows = read_csv(expected_dir / f"{table}.csv")
        _, out_rows = read_csv(output_dir / f"{table}.csv")
        matched_out = {(r.get("plan"), r.get("action_id"), r.get("printed")) for r in out_rows
                       if r.get("matched") == "true"}
        for r in exp_rows:
            if r.get("matched") == "false":
                result.new_names += 1
                result.false_matches += (r["plan"], r["action_id"], r.get("printed")) in matched_out
        want = Counter(tuple(r[c] for c in cols) for r in exp_rows)
        have = Counter(tuple(r.get(c, "") for c in cols) for r in out_rows)
        hits = sum((want & have).values())
        total = max(sum(want.values()), sum(have.values()))
        result.name_scores[table] = hits / total if total else 1.0
        for values in (want - have).elements():
            result.diffs.append(f"{table}: missing {dict(zip(cols, values))}")
        for values in (have - want).elements():
            result.diffs.append(f"{table}: unexpected {dict(zip(cols, values))}")
    if (expected_dir / "extra.csv").exists():
        # Columns with no known role, kept per action: compared as a multiset of rows.
        cols, exp_rows = read_csv(expected_dir / "extra.csv")
        _, out_rows = read_csv(output_dir / "extra.csv")
        want = Counter(tuple(r[c] for c in cols) for r in exp_rows)
        have = Counter(tuple(r.get(c, "") for c in cols) for r in out_rows)
        total = max(sum(want.values()), sum(have.values()))
        result.name_scores["extra"] = sum((want & have).values()) / total if total else 1.0
        result.diffs += [f"extra: missing {dict(zip(cols, v))}" for v in (want - have).elements()]
        result.diffs += [f"extra: unexpected {dict(zip(cols, v))}" for v in (have - want).elements()]
    return result
