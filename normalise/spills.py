"""Words OCR put in the wrong column: the action's first word read inside the ID cell, moved back."""
from __future__ import annotations

from dataclasses import replace

from .corrections import CorrectionLog
from .ids import id_and_spill
from .records import Record
from .text import fold_text, starts_lower


def id_spill_to_action(rec: Record, confusables: dict[str, str], strays: str, log: CorrectionLog) -> None:
    """An OCR'd row whose ID cell ends in words (``C2 .Waste``) and whose action starts with a small letter
    (``efficiency travel…``): the words are the action's first, set across the column's edge. They are
    moved to the action's start, logged ``ocr-cell-spill``. Either alone (an ID cell with a word, an action
    that starts small) is left as read."""
    ids, actions = rec.fields.get("id", []), rec.fields.get("action", [])
    first = next((k for k, p in enumerate(actions) if p.text.strip()), None)
    if len(ids) != 1 or first is None or not starts_lower(actions[first].text):
        return
    split = id_and_spill(fold_text(ids[0].text), confusables, strays)
    if split is None:
        return
    printed_id, words = split
    rec.fields["id"] = [replace(ids[0], text=printed_id)]
    actions[first] = replace(actions[first], text=f"{words} {actions[first].text.lstrip()}")
    log.add(ids[0].page, printed_id, "action", ids[0].text, words, "ocr-cell-spill")
