"""A random appendix's truth → ``expected/`` in the contract's columns (the same files the regression
harness compares for the fixed samples), plus ``extra.csv`` and ``dimensions.json``."""
from __future__ import annotations

import json
from pathlib import Path

from .expected import ACTION_COLUMNS, NAME_COLUMNS, flag, write_csv
from .random_truth import RandomAppendix, TruthAction

EXTRA_COLUMNS = ["plan", "action_id", "column", "value"]


def action_row(doc: RandomAppendix, pdf_name: str, a: TruthAction) -> dict[str, str]:
    marks = "shading" if doc.layout.marks == "fill" else "marks"
    return {
        "source_file": pdf_name,
        "source_pages": "; ".join(map(str, a.pages)),
        "plan": a.plan,
        "theme": a.theme,
        "action_id": a.action_id,
        "action": a.action,
        "lead_teams": "; ".join(n.clean for n in a.leads),
        "partners": "; ".join(n.clean for n in a.partners),
        "start_date": a.start.value.isoformat() if a.start.value else "",
        "start_ongoing": flag(a.start.ongoing),
        "end_date": a.end.value.isoformat() if a.end.value else "",
        "end_ongoing": flag(a.end.ongoing),
        "start_raw": a.start.printed,
        "end_raw": a.end.printed,
        "delivery_periods": "; ".join(a.delivery),
        "delivery_source": marks if a.delivery else "dates",
        "needs_review": flag(a.needs_review),
    }


def write_random_expected(doc: RandomAppendix, pdf_name: str, folder: Path,
                          dimensions: dict[str, str] | None = None, compare_printed: bool = True) -> Path:
    """The truth as expected files. ``compare_printed`` False (a scan): names are compared without the
    ``printed`` column, since what a scan prints is what OCR read."""
    folder.mkdir(parents=True, exist_ok=True)
    columns = [c for c in NAME_COLUMNS if c != "printed" or compare_printed]
    write_csv(folder / "actions.csv", ACTION_COLUMNS, [action_row(doc, pdf_name, a) for a in doc.actions])
    for table, attr in (("leads", "leads"), ("partners", "partners")):
        rows = [{"plan": a.plan, "action_id": a.action_id, "name": n.clean, "printed": n.printed,
                 "matched": flag(n.canonical)} for a in doc.actions for n in getattr(a, attr)]
        write_csv(folder / f"{table}.csv", columns, [{k: r[k] for k in columns} for r in rows])
    write_csv(folder / "extra.csv", EXTRA_COLUMNS, [{"plan": a.plan, "action_id": a.action_id, "column": c,
                                                    "value": v} for a in doc.actions for c, v in a.extras.items()])
    (folder / "dimensions.json").write_text(json.dumps(dimensions or doc.layout.dimensions(), indent=2) + "\n",
                                            encoding="utf-8")
    return folder
