"""Words OCR put in the wrong column: the action's first word read inside the ID cell, and a value of a
column whose label was lost read after a date, moved back."""
from __future__ import annotations

from dataclasses import replace

from .column_maps import EXTRA_ROLE
from .corrections import CorrectionLog
from .ids import id_and_trailing
from .records import Record
from .text import fold_text, starts_lower, strip_strays


def id_spill_to_action(rec: Record, confusables: dict[str, str], strays: str, log: CorrectionLog) -> None:
    """An OCR'd row whose ID cell ends in words (``C2 .Waste``) and whose action starts with a small letter
    (``efficiency travel…``): the words are the action's first, set across the column's edge. They are
    moved to the action's start, logged ``ocr-cell-spill``. Either alone (an ID cell with a word, an action
    that starts small) is left as read."""
    ids, actions = rec.fields.get("id", []), rec.fields.get("action", [])
    first = next((k for k, p in enumerate(actions) if p.text.strip()), None)
    if len(ids) != 1 or first is None or not starts_lower(actions[first].text):
        return
    split = id_and_trailing(fold_text(ids[0].text), confusables, strays)
    words = [strip_strays(t, strays) for t in split[1].split()] if split else []
    if split is None or not all(len(w) >= 2 and w.isalpha() for w in words):
        return  # specks after the ID, not words: the ID's reader cuts them off
    printed_id, words_text = split[0], " ".join(words)
    rec.fields["id"] = [replace(ids[0], text=printed_id)]
    actions[first] = replace(actions[first], text=f"{words_text} {actions[first].text.lstrip()}")
    log.add(ids[0].page, printed_id, "action", ids[0].text, words_text, "ocr-cell-spill")


def column_values(records: list[Record]) -> dict[str, set[str]]:
    """Each extra column's values as read across the document (``extra:Status`` → On track, At risk, …)."""
    values: dict[str, set[str]] = {}
    for rec in records:
        for role, pieces in rec.fields.items():
            if role.startswith(EXTRA_ROLE):
                values.setdefault(role, set()).update(" ".join(p.text.split()) for p in pieces if p.text.strip())
    return values


def date_spill_to_column(rec: Record, plan_roles: set[str], values: dict[str, set[str]], log: CorrectionLog
                         ) -> list[str]:
    """An OCR'd start or end cell that ends in a value of an extra column its table lost, where the plan's
    other tables print it ("June 2030 On track": the Status label merged into a neighbour's, its column's
    values into the date's): the value is moved to that column, logged ``ocr-cell-spill``. Only a value the
    column holds elsewhere, read whole after the date. Returns the columns given a value: a table whose
    header lost a label was misread, and its rows are in doubt (the builder flags them)."""
    lost = sorted(r for r in plan_roles if r.startswith(EXTRA_ROLE) and r not in rec.fields)
    moved: list[str] = []
    for role in ("start", "end"):
        pieces = rec.fields.get(role, [])
        if len(pieces) != 1:
            continue
        text = " ".join(pieces[0].text.split())
        found = [(column, value) for column in lost for value in values.get(column, ())
                 if text.endswith(f" {value}") and any(ch.isdigit() for ch in text[:-len(value)])]
        if len(found) != 1:
            continue  # none, or two columns' values alike: left as read (the date is flagged unparsed)
        column, value = found[0]
        rec.fields[role] = [replace(pieces[0], text=text[:-len(value)].strip())]
        rec.fields[column] = [replace(pieces[0], text=value)]
        log.add(pieces[0].page, "", column[len(EXTRA_ROLE):], text, value, "ocr-cell-spill")
        lost.remove(column)
        moved.append(column[len(EXTRA_ROLE):])
    return moved
