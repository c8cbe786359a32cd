"""Truth → ``expected/actions.csv``, ``leads.csv``, ``partners.csv`` in the contract's columns."""
from __future__ import annotations

import calendar
import csv
from datetime import date
from pathlib import Path

from .pages import locate_pages
from .source import Action, Document

MONTHS = {m: i for i, m in enumerate(calendar.month_abbr) if m}
ACTION_COLUMNS = [
    "source_file", "source_pages", "plan", "theme", "action_id", "action", "lead_teams", "partners",
    "start_date", "start_ongoing", "end_date", "end_ongoing", "start_raw", "end_raw",
    "delivery_periods", "delivery_source", "needs_review",
]
NAME_COLUMNS = ["plan", "action_id", "name", "printed", "matched"]


def month_date(printed: str, last_day: bool) -> str:
    """``Apr-25`` → ``2025-04-01`` (or the month's last day); anything else → blank (null)."""
    month, _, year = printed.partition("-")
    if month not in MONTHS or not year.isdigit():
        return ""
    y, m = 2000 + int(year), MONTHS[month]
    return date(y, m, calendar.monthrange(y, m)[1] if last_day else 1).isoformat()


def flag(value: bool) -> str:
    return "true" if value else "false"


def action_row(doc: Document, action: Action, pages: list[int]) -> dict[str, str]:
    plan = next(p for p in doc.settings["plans"] if p["title"] == action.plan)
    style = plan.get("marks", doc.settings["marks"])
    marks = "shading" if style in ("shading", "both") else "marks"
    return {
        "source_file": doc.pdf.name,
        "source_pages": "; ".join(str(p) for p in pages),
        "plan": action.plan,
        "theme": action.theme,
        "action_id": action.action_id,
        "action": " ".join(action.action.split()),
        "lead_teams": "; ".join(n.clean for n in action.leads),
        "partners": "; ".join(n.clean for n in action.partners),
        "start_date": month_date(action.start, last_day=False),
        "start_ongoing": flag(action.start == "Ongoing"),
        "end_date": month_date(action.end, last_day=True),
        "end_ongoing": flag(action.end == "Ongoing"),
        "start_raw": action.start,
        "end_raw": action.end,
        "delivery_periods": "; ".join(action.delivery),
        # The page marks nothing where the action's years all fall outside the table's: "dates" then.
        "delivery_source": marks if action.marked and action.delivery else "dates",
        # Without vertical rules nothing shows whether a blank lead cell is blank or merged with the one
        # above: a reader cannot tell, so the row is expected flagged.
        "needs_review": flag(action.needs_review
                             or (not action.leads and doc.settings.get("rules") in ("horizontal", "none"))),
    }


def write_csv(path: Path, columns: list[str], rows: list[dict[str, str]]) -> None:
    with path.open("w", newline="", encoding="utf-8") as f:
        writer = csv.DictWriter(f, fieldnames=columns, lineterminator="\n", extrasaction="ignore")
        writer.writeheader()
        writer.writerows(rows)


def write_expected(doc: Document, layout: Document | None = None) -> Path:
    """Write ``expected/`` for ``doc``; pages are located in ``layout``'s PDF (a scan keeps its original's)."""
    pages = locate_pages(layout or doc)
    out = doc.folder / "expected"
    out.mkdir(parents=True, exist_ok=True)
    actions: list[dict[str, str]] = []
    leads: list[dict[str, str]] = []
    partners: list[dict[str, str]] = []
    for action in doc.actions:
        row = action_row(doc, action, pages[(action.plan, action.action_id)])
        actions.append(row)
        for names, sink in ((action.leads, leads), (action.partners, partners)):
            for n in names:
                sink.append({"plan": action.plan, "action_id": action.action_id, "name": n.clean,
                             "printed": n.printed, "matched": flag(n.canonical)})
    write_csv(out / "actions.csv", ACTION_COLUMNS, actions)
    # A scan's printed names are whatever OCR read: such a sample compares names without them.
    columns = [c for c in NAME_COLUMNS if c != "printed" or doc.settings.get("compare_printed", True)]
    write_csv(out / "leads.csv", columns, leads)
    write_csv(out / "partners.csv", columns, partners)
    return out
