"""Two clean datasets → what changed: actions added, removed, renumbered, and each changed field.

Compared: the clean values, so printing noise (a typo that canonicalises to the same team, a lookalike
ID, a wrapped word, another page) is never a change. Lists are compared as sets and dates as dates. A
delivery-period change while start and end stayed put is the year columns moving on, reported as
``delivery_window``, apart from real schedule changes (``delivery_periods``).
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import pyarrow.parquet as pq
from rapidfuzz import fuzz

CHANGE_COLUMNS = ["plan", "action_id", "change", "field", "old", "new"]
SET_FIELDS = ("lead_teams", "partners")
RENUMBER_SCORE = 90.0


@dataclass(frozen=True)
class Change:
    plan: str
    action_id: str
    change: str  # added | removed | changed
    field: str
    old: str
    new: str

    def row(self) -> dict[str, str]:
        return {c: getattr(self, c) for c in CHANGE_COLUMNS}


def load_actions(folder: Path) -> list[dict[str, Any]]:
    return pq.read_table(folder / "actions.parquet").to_pylist()


def shown(value: Any) -> str:
    if isinstance(value, (list, tuple)):
        return "; ".join(str(v) for v in value)
    if isinstance(value, date):
        return value.isoformat()
    return "" if value is None else str(value)


def date_key(action: dict[str, Any], which: str) -> tuple[Any, bool]:
    return action[f"{which}_date"], action[f"{which}_ongoing"]


def field_changes(old: dict[str, Any], new: dict[str, Any]) -> list[Change]:
    plan, action_id = new["plan"], new["action_id"]
    out: list[Change] = []

    def add(field: str, before: Any, after: Any) -> None:
        out.append(Change(plan, action_id, "changed", field, shown(before), shown(after)))

    if (old["theme"] or "") != (new["theme"] or ""):
        add("theme", old["theme"], new["theme"])
    if " ".join(old["action"].split()) != " ".join(new["action"].split()):
        add("action", old["action"], new["action"])
    for field in SET_FIELDS:
        if set(old[field]) != set(new[field]):
            add(field, sorted(old[field]), sorted(new[field]))
    moved = False
    for which in ("start", "end"):
        if date_key(old, which) != date_key(new, which):
            moved = True
            add(f"{which}_date", old[f"{which}_raw"], new[f"{which}_raw"])
    if set(old["delivery_periods"]) != set(new["delivery_periods"]):
        add("delivery_periods" if moved else "delivery_window", old["delivery_periods"], new["delivery_periods"])
    return out


def renumbered(removed: list[dict[str, Any]], added: list[dict[str, Any]]) -> list[tuple[dict, dict, float]]:
    """Pairs (old, new) of one plan whose action text matches closely: the same action under a new ID."""
    pairs = []
    free = list(added)
    for old in removed:
        scored = [(fuzz.ratio(old["action"], new["action"]), new) for new in free if new["plan"] == old["plan"]]
        if scored:
            score, best = max(scored, key=lambda s: s[0])
            if score >= RENUMBER_SCORE:
                pairs.append((old, best, score))
                free.remove(best)
    return pairs


def diff_actions(old_rows: list[dict[str, Any]], new_rows: list[dict[str, Any]]) -> tuple[list[Change], list[str]]:
    """(changes, notes): notes name the renumbered actions, which an analyst should confirm."""
    old_by = {(a["plan"], a["action_id"]): a for a in old_rows}
    new_by = {(a["plan"], a["action_id"]): a for a in new_rows}
    removed = [a for k, a in old_by.items() if k not in new_by]
    added = [a for k, a in new_by.items() if k not in old_by]
    pairs = renumbered(removed, added)
    notes = []
    changes: list[Change] = []
    for old, new, score in pairs:
        removed.remove(old)
        added.remove(new)
        changes.append(Change(new["plan"], new["action_id"], "changed", "action_id", old["action_id"],
                              new["action_id"]))
        changes += field_changes(old, new)
        notes.append(f"renumbered {old['action_id']} → {new['action_id']} (text {score:.0f}% alike): review")
    for key, new in new_by.items():
        if key in old_by:
            changes += field_changes(old_by[key], new)
    changes += [Change(a["plan"], a["action_id"], "removed", "", "", "") for a in removed]
    changes += [Change(a["plan"], a["action_id"], "added", "", "", "") for a in added]
    order = {key: i for i, key in enumerate(list(old_by) + [k for k in new_by if k not in old_by])}
    changes.sort(key=lambda c: (order.get((c.plan, c.action_id), len(order)), c.change, c.field))
    return changes, notes


def summary(changes: list[Change], notes: list[str], old_name: str, new_name: str) -> str:
    counts = {kind: sum(1 for c in changes if c.change == kind) for kind in ("added", "removed", "changed")}
    window = sum(1 for c in changes if c.field == "delivery_window")
    lines = [f"{old_name} → {new_name}: {counts['added']} added, {counts['removed']} removed, "
             f"{counts['changed']} field changes ({window} of them only the year columns moving on)"]
    lines += [f"  {note}" for note in notes]
    for c in changes:
        if c.field == "delivery_window":
            continue
        what = f"{c.field}: {c.old!r} → {c.new!r}" if c.change == "changed" else ""
        lines.append(f"  {c.change:8} {c.action_id:8} {what}".rstrip())
    return "\n".join(lines)
