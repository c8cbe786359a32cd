"""extract/grid.py: a page's ruled lines → table grids, without camelot."""
from __future__ import annotations

from types import SimpleNamespace
from typing import Any

from extract.grid import coalesce, page_to_grids, shapes_to_segments
from extract.spans import cells_to_spans

HEIGHT = 800.0


def line(x0: float, top: float, x1: float, bottom: float) -> dict[str, Any]:
    return {"x0": x0, "top": top, "x1": x1, "bottom": bottom, "stroke": True}


def word(text: str, x: float, top: float) -> dict[str, Any]:
    return {"text": text, "x0": x, "x1": x + 20, "top": top, "bottom": top + 8}


def grid_page(xs: list[float], tops: list[float], skip: frozenset[tuple[float, float]] = frozenset(),
              rects: list[dict[str, Any]] | None = None) -> SimpleNamespace:
    """Rules at every x in ``xs`` and top in ``tops``; a vertical piece (x, top of the row it bounds) in
    ``skip`` is left out (a merged cell)."""
    lines = [line(xs[0], t, xs[-1], t) for t in tops]
    for x in xs:
        for t0, t1 in zip(tops, tops[1:]):
            if (x, t0) not in skip:
                lines.append(line(x, t0, x, t1))
    return SimpleNamespace(height=HEIGHT, lines=lines, rects=rects or [], curves=[])


def test_a_full_grid_reads_as_its_cells_top_row_first() -> None:
    page = grid_page([50, 150, 250, 350], [100, 120, 140])
    words = [word("a", 60, 105), word("b", 160, 105), word("c", 260, 125)]
    [grid] = page_to_grids(page, 3, words)
    assert grid.page == 3 and grid.order == 1
    assert len(grid.cells) == 2 and len(grid.cells[0]) == 3
    top_left = grid.cells[0][0]
    # PDF coordinates: y grows upwards, so the top row has the larger y.
    assert (top_left.x1, top_left.y1, top_left.x2, top_left.y2) == (50, HEIGHT - 120, 150, HEIGHT - 100)
    assert all(c.left and c.right and c.top and c.bottom for row in grid.cells for c in row)
    assert cells_to_spans(grid.cells) == {}


def test_a_missing_rule_between_two_cells_is_a_merged_cell() -> None:
    # No vertical rule at x=150 in the first row: its first two cells are one.
    page = grid_page([50, 150, 250, 350], [100, 120, 140], skip=frozenset({(150, 100)}))
    words = [word("a", 60, 105), word("c", 260, 125)]
    [grid] = page_to_grids(page, 1, words)
    assert not grid.cells[0][0].right and not grid.cells[0][1].left
    assert grid.cells[1][0].right
    assert cells_to_spans(grid.cells) == {(0, 0): "0:0:0:1", (0, 1): "0:0:0:1"}


def test_two_tables_on_a_page_are_two_grids_the_upper_first() -> None:
    upper = grid_page([50, 150, 250], [100, 120, 140])
    lower = grid_page([50, 150, 250], [400, 420, 440])
    page = SimpleNamespace(height=HEIGHT, lines=lower.lines + upper.lines, rects=[], curves=[])
    words = [word("a", 60, 105), word("b", 60, 405)]
    grids = page_to_grids(page, 1, words)
    assert [round(HEIGHT - g._bbox[3]) for g in grids] == [100, 400]
    assert [g.order for g in grids] == [1, 2]


def test_thin_filled_bars_are_rules_and_shading_is_not() -> None:
    bars = [{"x0": 50, "x1": 250, "top": t - 0.25, "bottom": t + 0.25, "fill": True, "stroke": False}
            for t in (100, 120, 140)]
    bars += [{"x0": x - 0.25, "x1": x + 0.25, "top": 100, "bottom": 140, "fill": True, "stroke": False}
             for x in (50, 150, 250)]
    shading = {"x0": 150, "x1": 250, "top": 120, "bottom": 140, "fill": True, "stroke": False}
    page = SimpleNamespace(height=HEIGHT, lines=[], rects=[*bars, shading], curves=[])
    horizontal, vertical = shapes_to_segments(page)
    assert sorted(round(HEIGHT - h[1]) for h in horizontal) == [100, 120, 140]
    assert sorted(round(v[0]) for v in vertical) == [50, 150, 250]
    [grid] = page_to_grids(page, 1, [word("a", 60, 105)])
    assert len(grid.cells) == 2 and len(grid.cells[0]) == 2


def test_a_grid_of_empty_cells_is_page_furniture_and_a_page_without_words_has_none() -> None:
    page = grid_page([50, 150, 250, 350], [100, 120, 140, 160, 180])
    assert page_to_grids(page, 1, []) == []
    assert page_to_grids(page, 1, [word("x", 500, 500)]) == []  # words, but none inside the grid
    assert len(page_to_grids(page, 1, [word(t, 60 + 100 * (k % 3), 105 + 20 * (k // 3))
                                        for k, t in enumerate("abcdefghijkl")])) == 1


def test_a_rule_drawn_as_pieces_is_one() -> None:
    pieces = [(50.0, 700.0, 150.0, 700.0), (151.0, 700.0, 250.0, 700.0), (50.0, 700.4, 100.0, 700.4)]
    y = (700.0 + 700.0 + 700.4) / 3
    assert coalesce(pieces, horizontal=True) == [(50.0, y, 250.0, y)]
