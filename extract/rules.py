"""Horizontal rules across a table: stroked lines, or thin filled rectangles (how Word, browsers and
spreadsheets draw borders), drawn whole or as one segment per cell."""
from __future__ import annotations

from typing import Any

THIN = 1.5  # points: thicker shapes are fills, not rules


def rule_segments(page: Any) -> list[tuple[float, float, float]]:
    """(y, x0, x1) of every horizontal stroke and thin filled bar on the page."""
    out = [((ln["top"] + ln["bottom"]) / 2, ln["x0"], ln["x1"]) for ln in page.lines
           if abs(ln["top"] - ln["bottom"]) < THIN]
    out += [((r["top"] + r["bottom"]) / 2, r["x0"], r["x1"]) for r in page.rects
            if r.get("fill") and r["bottom"] - r["top"] < THIN and r["x1"] - r["x0"] > 3 * THIN]
    return out


def covered(intervals: list[tuple[float, float]], x0: float, x1: float) -> float:
    """Length of [x0, x1] covered by the union of ``intervals``."""
    total, reach = 0.0, x0
    for a, b in sorted(intervals):
        a, b = max(a, reach), min(b, x1)
        if b > a:
            total += b - a
            reach = b
    return total


def full_width_rules(page: Any, x0: float, x1: float, share: float = 0.6) -> list[float]:
    """The tops of horizontal rules that run across at least ``share`` of [x0, x1], segments at the same
    height (within a point) taken together."""
    rows: list[tuple[float, list[tuple[float, float]]]] = []
    for y, a, b in sorted(rule_segments(page)):
        if rows and y - rows[-1][0] <= 1.0:
            rows[-1][1].append((a, b))
        else:
            rows.append((y, [(a, b)]))
    tops = [y for y, spans in rows if covered(spans, x0, x1) >= share * (x1 - x0)]
    merged: list[float] = []
    for t in tops:
        if not merged or t - merged[-1] > 1.5:
            merged.append(t)
    return merged


def rules_extent(segments: list[tuple[float, float, float]], rules: list[float]) -> tuple[float, float] | None:
    """The table's own left and right ends, from all its rules (one rule can stop short where a merged
    cell starts); None without rules."""
    on_rules = [(a, b) for sy, a, b in segments if any(abs(sy - rule) <= 1.0 for rule in rules)]
    if not on_rules:
        return None
    return min(a for a, _ in on_rules), max(b for _, b in on_rules)


def unruled_joins(page: Any, bounds: list[float], rules: list[float], edges: list[float],
                  foot: bool = False) -> set[tuple[int, int]]:
    """(row, col) of the cells with no rule under them where their row's other cells have one: a cell
    merged down into the next row (``bounds`` are the rows' edges, ``rules`` the full-width rules among
    them, ``edges`` the columns'). With ``foot``, the last row's too, where a rule closes the table: a cell
    it leaves open runs on past the table's foot (a merged cell broken over a page)."""
    segments = rule_segments(page)
    ends = rules_extent(segments, rules)
    if ends is None:
        return set()
    lo, hi = ends
    joins = set()
    for r, y in enumerate(bounds[1:] if foot else bounds[1:-1]):
        if not any(abs(y - rule) <= 0.5 for rule in rules):
            continue  # a row edge from where text starts: says nothing about merges
        near = [(a, b) for sy, a, b in segments if abs(sy - y) <= 1.0]
        for c in range(len(edges) - 1):
            # Column edges come from text; the rule's own ends bound the table (the last column's edge
            # can lie beyond them).
            x0, x1 = max(edges[c], lo), min(edges[c + 1], hi)
            if x1 > x0 and covered(near, x0, x1) < 0.5 * (x1 - x0):
                joins.add((r, c))
    return joins
