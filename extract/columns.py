"""Column edges of a table without vertical rules, where the header labels alone mislead: a run of Gantt
columns whose labels are set on their side sits anywhere in its cells (left, centred, right), so the
run's edges are laid out from its pitch and the first edge known to its right."""
from __future__ import annotations

from .header_labels import Label


def is_sideways(label: Label) -> bool:
    return (label.bottom - label.top) > 2 * (label.x1 - label.x0)


def sideways_runs(columns: list[Label], tolerance: float = 1.0) -> list[tuple[int, int, float]]:
    """(first, last, pitch) of each run of three or more sideways labels set at an even pitch."""
    runs: list[tuple[int, int, float]] = []
    k = 0
    while k < len(columns):
        j = k
        while j + 1 < len(columns) and is_sideways(columns[j]) and is_sideways(columns[j + 1]):
            j += 1
        if j - k >= 2:
            steps = [columns[i + 1].x0 - columns[i].x0 for i in range(k, j)]
            if max(steps) - min(steps) <= tolerance:
                runs.append((k, j, sum(steps) / len(steps)))
        k = j + 1
    return runs


def regrid_sideways(columns: list[Label], edges: list[float], drawn_right: float | None) -> list[float]:
    """``edges`` (one per column, then the table's right end) with each sideways run's edges set at its
    pitch back from the edge after it: the next column's, or, for a run that ends the table, the right
    end of what is drawn (rules, shading) when there is any."""
    out = list(edges)
    for first, last, pitch in sideways_runs(columns):
        if last + 1 < len(columns):
            right = out[last + 1]
        elif drawn_right is not None:
            right = drawn_right
        else:
            continue  # nothing fixes where the run ends: the labels' own edges stand
        for i in range(first, last + 1):
            out[i] = right - pitch * (last + 1 - i)
        if last + 1 == len(columns):
            out[-1] = right
    return out
