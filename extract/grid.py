"""A page's ruled lines → table grids, read from the shapes already on the page (no second PDF parser).

The same steps as camelot's vector lattice (rules → joints → clusters → anchors → cells with edges), so
the grids match what its lattice finds, without importing camelot (and pandas and OpenCV) or reading the
page's text a second time. Cells are in PDF coordinates (origin bottom-left), as camelot's are."""
from __future__ import annotations

import math
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from typing import Any

from .rules import THIN  # a filled shape this thin in one direction is a rule

Segment = tuple[float, float, float, float]  # (x0, y0, x1, y1), PDF coordinates
Box = tuple[float, float, float, float]
Point = tuple[float, float]

ORTHOGONAL = 0.5  # points: a line leaning more than this is no rule
COALESCE = 2.0  # points: rules this close in line with each other are one
JOINT = 2.0  # points: a rule's end this near another rule meets it
MIN_JOINTS = 4  # a cluster with no more crossings than this is a stray corner, not a table
EMPTY_GRID = 90.0  # per cent of empty cells at which a grid is page furniture, not a table


@dataclass
class GridCell:
    """One cell of the grid: its box and which of its sides a rule runs along."""

    x1: float
    y1: float
    x2: float
    y2: float
    left: bool = False
    right: bool = False
    top: bool = False
    bottom: bool = False
    text: str = ""


@dataclass
class Grid:
    """One ruled table: its page, its order on the page (top first), its box and its cells by row (top
    row first) and column."""

    page: int
    order: int
    _bbox: Box
    cells: list[list[GridCell]]
    parsing_report: dict[str, Any] = field(default_factory=dict)


def shapes_to_segments(page: Any) -> tuple[list[Segment], list[Segment]]:
    """(horizontal, vertical) rules of a page: stroked lines, the four edges of stroked rectangles, and
    filled shapes thin in one direction (how Word, browsers and spreadsheets draw borders)."""
    height = float(page.height)
    raw: list[Segment] = []
    for ln in page.lines:
        if ln.get("stroke", True) is False:
            continue
        pts = ln.get("pts") or [(ln["x0"], ln["top"]), (ln["x1"], ln["bottom"])]
        (xa, ta), (xb, tb) = pts[0], pts[-1]
        raw.append((float(xa), height - float(ta), float(xb), height - float(tb)))
    for r in page.rects:
        x0, x1, y0, y1 = float(r["x0"]), float(r["x1"]), height - float(r["bottom"]), height - float(r["top"])
        if r.get("stroke"):
            raw += [(x0, y0, x1, y0), (x0, y1, x1, y1), (x0, y0, x0, y1), (x1, y0, x1, y1)]
        elif r.get("fill") and min(x1 - x0, y1 - y0) <= THIN < max(x1 - x0, y1 - y0):
            if x1 - x0 >= y1 - y0:
                raw.append((x0, (y0 + y1) / 2, x1, (y0 + y1) / 2))
            else:
                raw.append(((x0 + x1) / 2, y0, (x0 + x1) / 2, y1))
    horizontal = [(min(xa, xb), ya, max(xa, xb), ya) for xa, ya, xb, yb in raw
                  if abs(yb - ya) <= ORTHOGONAL and abs(xb - xa) > 0]
    vertical = [(xa, min(ya, yb), xa, max(ya, yb)) for xa, ya, xb, yb in raw
                if abs(xb - xa) <= ORTHOGONAL and abs(yb - ya) > 0]
    return coalesce(horizontal, horizontal=True), coalesce(vertical, horizontal=False)


def coalesce(segments: list[Segment], horizontal: bool, within: float = COALESCE) -> list[Segment]:
    """Rules drawn as chains of short pieces (one per cell), or twice, → one rule each; rules ``within``
    points of each other in line are one."""
    norm = sorted(((y0 + y1) / 2, x0, x1) if horizontal else ((x0 + x1) / 2, y0, y1)
                  for x0, y0, x1, y1 in segments)
    clusters: list[tuple[list[float], list[tuple[float, float]]]] = []
    last = -math.inf
    for const, lo, hi in norm:
        if clusters and const - last <= within:
            clusters[-1][0].append(const)
            clusters[-1][1].append((lo, hi))
        else:
            clusters.append(([const], [(lo, hi)]))
        last = const
    out: list[Segment] = []
    for consts, spans in clusters:
        const = sum(consts) / len(consts)
        merged: list[list[float]] = []
        for lo, hi in sorted(spans):
            if merged and lo <= merged[-1][1] + within:
                merged[-1][1] = max(merged[-1][1], hi)
            else:
                merged.append([lo, hi])
        out += [(lo, const, hi, const) if horizontal else (const, lo, const, hi) for lo, hi in merged]
    return out


def crossing(h: Segment, v: Segment) -> tuple[float, float] | None:
    """Where a horizontal and a vertical rule meet (within ``JOINT``), or None."""
    if h[0] - JOINT <= v[0] <= h[2] + JOINT and v[1] - JOINT <= h[1] <= v[3] + JOINT:
        return v[0], h[1]
    return None


def segments_to_clusters(horizontal: list[Segment], vertical: list[Segment]) -> list[tuple[Box, list[Point]]]:
    """Rules that cross each other, grouped (one group per table): each group's box and crossings."""
    n = len(horizontal)
    parent = list(range(n + len(vertical)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    joints: dict[int, list[tuple[float, float]]] = {}
    pairs = []
    for hi, h in enumerate(horizontal):
        for vi, v in enumerate(vertical):
            point = crossing(h, v)
            if point is not None:
                parent[find(hi)] = find(n + vi)
                pairs.append((hi, point))
    for hi, point in pairs:
        joints.setdefault(find(hi), []).append(point)
    members: dict[int, list[Segment]] = {}
    for i, seg in enumerate(horizontal + vertical):
        members.setdefault(find(i), []).append(seg)
    clusters = []
    for root, points in joints.items():
        if len(points) <= MIN_JOINTS:
            continue
        segs = members[root]
        xs = [x for s in segs for x in (s[0], s[2])]
        ys = [y for s in segs for y in (s[1], s[3])]
        clusters.append(((min(xs), min(ys), max(xs), max(ys)), points))
    return clusters


def merge_close(values: list[float]) -> list[float]:
    """Sorted anchors within ``JOINT`` of the one before → one (a running mean)."""
    out: list[float] = []
    for v in values:
        if out and math.isclose(out[-1], v, abs_tol=JOINT):
            out[-1] = (out[-1] + v) / 2
        else:
            out.append(v)
    return out


def close_index(anchors: list[float], value: float) -> int | None:
    return next((i for i, a in enumerate(anchors) if math.isclose(value, a, abs_tol=JOINT)), None)


def cluster_to_cells(box: Box, points: list[tuple[float, float]], horizontal: list[Segment],
                     vertical: list[Segment]) -> list[list[GridCell]]:
    """A cluster's crossings → its grid of cells, each side marked where one of the cluster's rules runs
    along it; the table's outer border counts as drawn."""
    cols = merge_close(sorted([x for x, _ in points] + [box[0], box[2]]))
    rows = merge_close(sorted([y for _, y in points] + [box[1], box[3]], reverse=True))
    cells = [[GridCell(cols[c], rows[r + 1], cols[c + 1], rows[r]) for c in range(len(cols) - 1)]
             for r in range(len(rows) - 1)]
    n_rows, n_cols = len(cells), len(cols) - 1
    if not n_rows or not n_cols:
        return []
    inside_v = [v for v in vertical if v[1] > box[1] - 2 and v[3] < box[3] + 2 and box[0] - 2 <= v[0] <= box[2] + 2]
    inside_h = [h for h in horizontal if h[0] > box[0] - 2 and h[2] < box[2] + 2 and box[1] - 2 <= h[1] <= box[3] + 2]
    for v in inside_v:
        start = close_index(rows, v[3])
        if start is None:
            continue
        end = close_index(rows, v[1])
        end = n_rows if end is None else end
        i = close_index(cols, v[0])
        for j in range(start, min(end, n_rows)):
            if i is None:
                cells[j][n_cols - 1].right = True
            else:
                if i < n_cols:
                    cells[j][i].left = True
                if i > 0:
                    cells[j][i - 1].right = True
    for h in inside_h:
        start = close_index(cols, h[0])
        if start is None:
            continue
        end = close_index(cols, h[2])
        end = n_cols if end is None else end
        i = close_index(rows, h[1])
        for j in range(start, min(end, n_cols)):
            if i is None:
                cells[n_rows - 1][j].bottom = True
            else:
                if i < n_rows:
                    cells[i][j].top = True
                if i > 0:
                    cells[i - 1][j].bottom = True
    for row in cells:
        row[0].left = row[-1].right = True
    for cell in cells[0]:
        cell.top = True
    for cell in cells[-1]:
        cell.bottom = True
    return cells


def empty_share(cells: list[list[GridCell]], words: list[dict[str, Any]], height: float) -> float:
    """Per cent of the grid's cells with no word's centre inside."""
    centres = sorted(((w["x0"] + w["x1"]) / 2, height - (w["top"] + w["bottom"]) / 2) for w in words)
    xs = [x for x, _ in centres]
    flat = [c for row in cells for c in row]
    # Only the centres within a cell's x range are tried against its y range (a page has thousands of words).
    empty = sum(1 for c in flat if not any(c.y1 <= y <= c.y2 for _, y in
                                           centres[bisect_left(xs, c.x1):bisect_right(xs, c.x2)]))
    return 100.0 * empty / max(1, len(flat))


def page_to_grids(page: Any, number: int, words: list[dict[str, Any]],
                  segments: tuple[list[Segment], list[Segment]] | None = None) -> list[Grid]:
    """The ruled tables of one page, top first; none on a page without words, and none that is a grid
    of empty cells (page borders, form rules). ``segments``: the page's (horizontal, vertical) rules where
    they are not its shapes (a scan's, read from its image); by default, its shapes."""
    if not words:
        return []
    horizontal, vertical = segments if segments is not None else shapes_to_segments(page)
    clusters = sorted(segments_to_clusters(horizontal, vertical), key=lambda c: c[0][1], reverse=True)
    height = float(page.height)
    grids: list[Grid] = []
    for box, points in clusters:
        cells = cluster_to_cells(box, points, horizontal, vertical)
        if not cells:
            continue
        x0, y0, x1, y1 = box
        inside = [w for w in words if x0 - 2 <= w["x0"] and w["x1"] <= x1 + 2
                  and y0 - 2 <= height - w["bottom"] and height - w["top"] <= y1 + 2]
        whitespace = empty_share(cells, inside, height)
        if whitespace >= EMPTY_GRID:
            continue
        grids.append(Grid(number, len(grids) + 1, box, cells,
                          {"accuracy": 100.0, "whitespace": round(whitespace, 2), "order": len(grids) + 1}))
    return grids
