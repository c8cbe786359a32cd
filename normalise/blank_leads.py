"""Lead cells printed blank in a table without rules. Every action has a lead, and with no rules nothing
shows a cell merged over several rows: a blank lead cell is most often the lower part of the merged cell
above it. Such a row takes the lead of the nearest row above it in the same plan, and both rows are
flagged for review (the blank may also be a cell left empty)."""
from __future__ import annotations

from dataclasses import dataclass, field

from .records import Record


@dataclass
class BlankLeads:
    """``source``: record index → the index of the record above whose lead it takes; ``shared``: the
    indices of the records whose lead is taken by rows below."""

    source: dict[int, int] = field(default_factory=dict)
    shared: set[int] = field(default_factory=set)


def records_to_blank_leads(records: list[Record]) -> BlankLeads:
    """Which records print no lead, in a table without rules, under a record of the same plan that
    prints one, with no rule between them (a merged cell a rule's gap shows is spread by
    ``merged.spread_merged``)."""
    out = BlankLeads()
    anchor: int | None = None
    for i, rec in enumerate(records):
        if anchor is not None and records[anchor].plan != rec.plan:
            anchor = None
        pieces = rec.fields.get("leads")
        if pieces is None:
            continue
        if rec.text("leads").strip():
            anchor = i
        elif anchor is not None and not any(p.rule_over for p in pieces):
            out.source[i] = anchor
            out.shared.add(anchor)
    return out
