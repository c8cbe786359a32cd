"""Actions → a Gantt a reviewer can read: grouped by plan and theme, each action's marked years as blocks
and its start–end as a bar on the same axis of financial years, with a note where the two disagree
(within the years the table prints, as the normalise stage found)."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from normalise.dates import financial_year

MAX_YEARS = 12  # years on the axis; dates beyond it are drawn as an arrow at the edge


def year_start(label: str) -> date:
    """``2025-26`` → 1 April 2025."""
    return date(int(label[:4]), 4, 1)


def year_label(first: int) -> str:
    return f"{first}-{(first + 1) % 100:02d}"


def axis_years(actions: list[dict[str, Any]]) -> list[str]:
    """The financial years from the first to the last marked or dated one; at most ``MAX_YEARS``, from the
    first marked year where the dates reach further."""
    marked = {int(y[:4]) for a in actions for y in a["delivery_periods"]}
    dated = {int(financial_year(d)[:4]) for a in actions for d in (a["start_date"], a["end_date"]) if d}
    every = marked | dated
    if not every:
        return []
    first, last = min(every), max(every)
    if last - first + 1 > MAX_YEARS:
        first = min(marked or every)
        last = min(last, first + MAX_YEARS - 1)
    return [year_label(y) for y in range(first, last + 1)]


def position(day: date, years: list[str]) -> float:
    """Where a day lies along the axis, 0–100 (%), clipped to it."""
    begin, end = year_start(years[0]), date(int(years[-1][:4]) + 1, 4, 1)
    return max(0.0, min(100.0, 100.0 * (day - begin).days / (end - begin).days))


@dataclass(frozen=True)
class Bar:
    """The start–end bar, in % of the axis; ``open_left``/``open_right`` where it runs past the axis or is
    Ongoing."""

    left: float
    width: float
    open_left: bool
    open_right: bool


def date_bar(action: dict[str, Any], years: list[str]) -> Bar | None:
    start, end = action["start_date"], action["end_date"]
    if not years or (start is None and not action["start_ongoing"]) or (end is None and not action["end_ongoing"]):
        return None
    left = 0.0 if start is None else position(start, years)
    right = 100.0 if end is None else position(end, years)
    if right < left:
        return None
    return Bar(left, max(right - left, 0.5), start is None or start < year_start(years[0]),
               end is None or end >= date(int(years[-1][:4]) + 1, 4, 1))


@dataclass
class GanttRow:
    index: int
    action_id: str
    action: str
    blocks: list[tuple[float, float]]  # (left, width) in % per marked year on the axis
    bar: Bar | None
    source: str
    note: str  # where the marked years and the dates disagree


@dataclass
class GanttGroup:
    plan: str
    theme: str
    rows: list[GanttRow] = field(default_factory=list)


def gantt_groups(actions: list[dict[str, Any]], notes: dict[int, str]) -> tuple[list[str], list[GanttGroup]]:
    """(the axis's years, the actions grouped by plan and theme in print order); ``notes`` by action index
    (where the marked years and the dates disagree)."""
    years = axis_years(actions)
    groups: list[GanttGroup] = []
    width = 100.0 / len(years) if years else 0.0
    for index, a in enumerate(actions):
        theme = a["theme"] or ""
        if not groups or (groups[-1].plan, groups[-1].theme) != (a["plan"], theme):
            groups.append(GanttGroup(a["plan"], theme))
        blocks = [(years.index(y) * width, width) for y in a["delivery_periods"] if y in years]
        groups[-1].rows.append(GanttRow(index, a["action_id"], a["action"], blocks, date_bar(a, years),
                                        a["delivery_source"], notes.get(index, "")))
    return years, groups
