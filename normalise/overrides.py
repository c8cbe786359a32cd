"""The analyst's fixes, replayed on every run: ``overrides.csv`` in the vocabulary folder.

Columns ``plan, action_id, field, value, note`` and, optionally, ``printed``: what the pipeline read for
that field when the fix was written (the report's suggested lines fill it in; blank: not checked). An
override whose action is gone, or whose field now reads differently from ``printed``, is stale: reported
and not applied, so a fix never lands on something it was not written for. An applied one is a corrections row with rule
``override`` (OpenRefine's idea: every edit replayable, kept outside the output the next run rewrites).
"""
from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from .build import Built
from .corrections import REVIEW_RULES, Correction, CorrectionLog
from .vocabulary import OVERRIDES, VocabularyError, read_rows

log = logging.getLogger(__name__)
LIST_FIELDS = ("lead_teams", "partners", "delivery_periods")
DATE_FIELDS = ("start_date", "end_date")
FIELDS = ("theme", "action", *LIST_FIELDS, *DATE_FIELDS)
# Correction-log field names that each overridable field covers (dates are logged by their role).
LOGGED_AS = {"start_date": {"start", "start_raw"}, "end_date": {"end", "end_raw"}}
COLUMNS = ("plan", "action_id", "field", "value")


@dataclass(frozen=True)
class Override:
    line: int
    plan: str
    action_id: str
    field: str
    value: str
    note: str = ""
    printed: str | None = None  # None: no printed value given (no column, or blank), so nothing to check


def parse_value(field: str, value: str) -> Any:
    """The typed value an override sets: lists from ``; ``, dates from ISO or ``Ongoing``/blank."""
    if field in LIST_FIELDS:
        return [v.strip() for v in value.split(";") if v.strip()]
    if field in DATE_FIELDS:
        if not value or value.casefold() == "ongoing":
            return None
        return date.fromisoformat(value)
    return value or None if field == "theme" else value


def load_overrides(folder: Path | None) -> list[Override]:
    """``folder/overrides.csv`` checked line by line; none when the folder or file is absent."""
    if folder is None or not (folder / OVERRIDES).is_file():
        return []
    path = folder / OVERRIDES
    out = []
    for line, row in enumerate(read_rows(path, COLUMNS), start=2):
        if not any(row.values()):
            continue
        if row["field"] not in FIELDS:
            raise VocabularyError(f"{path} line {line}: field {row['field']!r} cannot be overridden "
                                  f"(one of {', '.join(FIELDS)})")
        try:
            parse_value(row["field"], row["value"])
        except ValueError:
            raise VocabularyError(f"{path} line {line}: {row['value']!r} is not a date "
                                  "(write it as 2025-04-01, or Ongoing, or leave it blank)") from None
        out.append(Override(line, row["plan"], row["action_id"], row["field"], row["value"], row.get("note", ""),
                            row.get("printed") or None))
    return out


def printed_value(built: Built, action: dict[str, Any], field: str) -> str:
    """What the pipeline read for a field, as one string (the ``printed`` an override is checked against)."""
    if field in DATE_FIELDS:
        return str(action[field.replace("_date", "_raw")])
    if field in ("lead_teams", "partners"):
        table = "leads" if field == "lead_teams" else "partners"
        return "; ".join(n["printed"] for n in built.names[table]
                         if n["plan"] == action["plan"] and n["action_id"] == action["action_id"])
    value = action[field]
    return "; ".join(value) if isinstance(value, list) else (value or "")


def as_text(value: Any) -> str:
    if isinstance(value, list):
        return "; ".join(value)
    return "" if value is None else str(value)


def apply_overrides(built: Built, corrections: CorrectionLog, overrides: list[Override],
                    canonical: dict[str, set[str]]) -> list[str]:
    """Apply each override that still fits; return a line per stale one. ``canonical`` maps lead_teams and
    partners to their canonical names (an override's name counts as matched when it is one)."""
    stale = []
    index = {(a["plan"], a["action_id"]): a for a in built.actions}
    overridden: dict[tuple[str, str], set[str]] = {}
    for o in overrides:
        action = index.get((o.plan, o.action_id))
        page = action["source_pages"][0] if action and action["source_pages"] else 0
        if action is None:
            reason = f"no action {o.action_id} in plan {o.plan!r} any more"
        elif o.printed is not None and o.printed != printed_value(built, action, o.field):
            reason = (f"{o.field} of {o.action_id} now reads {printed_value(built, action, o.field)!r}, "
                      f"not {o.printed!r} as when the override was written")
        else:
            reason = ""
        if reason:
            stale.append(f"overrides.csv line {o.line}: stale, not applied: {reason}")
            corrections.flag(page, o.action_id, o.field, o.value, "override-stale")
            continue
        assert action is not None
        before = as_text(action[o.field])
        set_field(built, action, o.field, parse_value(o.field, o.value), o.value, canonical)
        corrections.rows.append(Correction(page, o.action_id, o.field, before, as_text(action[o.field]), "override",
                                           100.0))
        overridden.setdefault((o.plan, o.action_id), set()).add(o.field)
    for key, fields in overridden.items():
        action = index[key]
        covered = set().union(*(LOGGED_AS.get(f, {f}) for f in fields))
        # The flag is lowered only when every doubt on the row was about a field the analyst has now set.
        doubts = [c for c in corrections.rows if c.action_id == key[1] and c.rule in REVIEW_RULES]
        if action["needs_review"] and doubts and all(c.field in covered for c in doubts):
            action["needs_review"] = False
    for line in stale:
        log.warning("warning: %s", line)
    return stale


def set_field(built: Built, action: dict[str, Any], field: str, value: Any, raw: str,
              canonical: dict[str, set[str]]) -> None:
    if field in DATE_FIELDS:
        action[field] = value
        action[field.replace("_date", "_ongoing")] = raw.casefold() == "ongoing"
        return
    action[field] = value
    if field in ("lead_teams", "partners"):
        table = "leads" if field == "lead_teams" else "partners"
        rows = built.names[table]
        key = (action["plan"], action["action_id"])
        # The new names take the old ones' place, so the long table stays in print order.
        at = next((i for i, n in enumerate(rows) if (n["plan"], n["action_id"]) == key), None)
        kept = [n for n in rows if (n["plan"], n["action_id"]) != key]
        if at is None:
            at = len(kept)
        rows[:] = kept[:at] + [{"source_file": action["source_file"], "plan": key[0], "action_id": key[1],
                                "name": name, "printed": name, "score": 100.0,
                                "matched": name in canonical[field]} for name in value] + kept[at:]
        for entry in built.unmatched.values():
            if entry["field"] == field and key[1] in entry["action_ids"]:
                entry["action_ids"] = [a for a in entry["action_ids"] if a != key[1]]
        for k in [k for k, e in built.unmatched.items() if not e["action_ids"]]:
            del built.unmatched[k]
