"""Cell shading: the filled rectangles under each cell (pdfplumber's rects carry ``non_stroking_color``)."""
from __future__ import annotations

from typing import Any

Box = tuple[float, float, float, float]  # x0, top, x1, bottom


def color_to_hex(color: Any) -> str:
    """A PDF fill colour (grey, RGB or CMYK floats) → ``#rrggbb``; patterns and unknowns → ``""``."""
    if color is None or isinstance(color, str):
        return ""
    values = list(color) if isinstance(color, (list, tuple)) else [color]
    try:
        values = [float(v) for v in values]
    except (TypeError, ValueError):
        return ""
    if len(values) == 1:
        rgb = values * 3
    elif len(values) == 3:
        rgb = values
    elif len(values) == 4:
        c, m, y, k = values
        rgb = [(1 - c) * (1 - k), (1 - m) * (1 - k), (1 - y) * (1 - k)]
    else:
        return ""
    return "#" + "".join(f"{round(max(0.0, min(1.0, v)) * 255):02x}" for v in rgb)


def filled_boxes(rects: list[dict[str, Any]]) -> list[tuple[Box, str]]:
    """The page's filled shapes (rects, and closed paths that pdfminer reads as curves, as a rotated
    page's cell fills can be) as boxes with their colour; white ones left out (white is no shading)."""
    out = []
    for r in rects:
        if not r.get("fill"):
            continue
        colour = color_to_hex(r.get("non_stroking_color"))
        if colour and colour != "#ffffff":
            out.append(((r["x0"], r["top"], r["x1"], r["bottom"]), colour))
    return out


def overlap(a: Box, b: Box) -> float:
    w = min(a[2], b[2]) - max(a[0], b[0])
    h = min(a[3], b[3]) - max(a[1], b[1])
    return w * h if w > 0 and h > 0 else 0.0


def cell_fill(cell: Box, fills: list[tuple[Box, str]]) -> str:
    """The colour that shows in the cell: of the fills covering at least half of it, the one painted last
    among those covering nearly as much of it as the most-covering one (95 %): a mark drawn over a zebra
    band shows, though the cell as measured (its edges taken from text) may stick out of both a little.
    ``fills`` are in the order the page paints them."""
    area = max((cell[2] - cell[0]) * (cell[3] - cell[1]), 1e-6)
    covering = [(overlap(cell, box), colour) for box, colour in fills]
    covering = [(ov, colour) for ov, colour in covering if ov >= 0.5 * area]
    if not covering:
        return ""
    most = max(ov for ov, _ in covering)
    return [colour for ov, colour in covering if ov >= 0.95 * most][-1]


def cell_shape(cell: Box, fills: list[tuple[Box, str]], least: float = 2.0) -> str:
    """The colour of a small filled shape drawn inside the cell, not filling it (a Gantt mark: a square, a
    dot, a short bar); "" if none. Rules drawn as thin bars (under ``least`` points across) are not marks."""
    area = max((cell[2] - cell[0]) * (cell[3] - cell[1]), 1e-6)
    for box, colour in fills:
        width, height = box[2] - box[0], box[3] - box[1]
        inside = (box[0] >= cell[0] - 0.5 and box[2] <= cell[2] + 0.5
                  and box[1] >= cell[1] - 0.5 and box[3] <= cell[3] + 0.5)
        if inside and min(width, height) >= least and width * height < 0.5 * area:
            return colour
    return ""
