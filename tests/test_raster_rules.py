"""extract/raster_rules.py: a scan's rules, read from its pixels, → the segments grid.py builds tables from."""
from __future__ import annotations

from types import SimpleNamespace

import numpy as np

from extract.grid import page_to_grids
from extract.raster_rules import bridge_band_sides, gray_to_segments

SCALE = 2.0  # pixels per point
WIDTH, HEIGHT = 400, 300  # points


def ruled_page(band: tuple[int, int] | None = None) -> np.ndarray:
    """A white page with a 3-column table of 4 rows drawn in black, 1 pt rules; ``band``: a row (top,
    bottom in points) shaded dark grey over everything, borders included, as a photocopied section band."""
    gray = np.full((HEIGHT * int(SCALE), WIDTH * int(SCALE)), 250, dtype=np.uint8)
    xs, ys = [50, 150, 250, 350], [50, 80, 110, 140, 170]
    for x in xs:
        gray[int(ys[0] * SCALE):int(ys[-1] * SCALE) + 2, int(x * SCALE):int(x * SCALE) + 2] = 0
    for y in ys:
        gray[int(y * SCALE):int(y * SCALE) + 2, int(xs[0] * SCALE):int(xs[-1] * SCALE) + 2] = 0
    if band:
        gray[int(band[0] * SCALE):int(band[1] * SCALE) + 2, int(xs[0] * SCALE):int(xs[-1] * SCALE) + 2] = 60
    return gray


def test_a_tables_rules_in_pixels_are_its_segments_in_points() -> None:
    horizontal, vertical = gray_to_segments(ruled_page(), SCALE, HEIGHT, 40)
    # PDF coordinates: y from the page's foot.
    assert [round(HEIGHT - h[1]) for h in sorted(horizontal, key=lambda h: -h[1])] == [50, 80, 110, 140, 170]
    assert sorted(round(v[0]) for v in vertical) == [50, 150, 250, 350]  # (a rule's middle: 2 px wide)
    assert all(abs(v[1] - (HEIGHT - 170)) <= 1.5 and abs(v[3] - (HEIGHT - 50)) <= 1.5 for v in vertical)


def test_a_section_band_shaded_over_the_borders_leaves_one_table_with_the_band_a_merged_row() -> None:
    gray = ruled_page(band=(80, 110))
    horizontal, vertical = gray_to_segments(gray, SCALE, HEIGHT, 40)
    sides = sorted((v[0], HEIGHT - v[3], HEIGHT - v[1]) for v in vertical)
    # The outer sides run through the band; the inner rules stop at it (the band is one cell across).
    assert all(abs(a - b) <= 2 for side in (sides[0], sides[-1]) for a, b in zip(side[1:], (50, 170)))
    assert not any(abs(x - 150) <= 2 and top < 80 and bottom > 110 for x, top, bottom in sides)
    words = [{"text": "x", "x0": x + 10.0, "x1": x + 20.0, "top": y + 10.0, "bottom": y + 18.0}
             for x in (50, 150, 250) for y in (50, 80, 110, 140)]
    page = SimpleNamespace(height=float(HEIGHT), width=float(WIDTH), lines=[], rects=[], curves=[])
    grids = page_to_grids(page, 1, words, (horizontal, vertical))
    assert len(grids) == 1
    band_row = grids[0].cells[1]
    assert not any(c.right for c in band_row[:-1])  # no rule inside the band: a merged cell


def test_only_a_gap_at_the_ends_of_rules_above_and_below_is_bridged() -> None:
    # A band from y=190 to y=205 (PDF coordinates, upwards), its side's pieces stopping near its edges.
    rules = [(50.0, 205.0, 350.0, 205.0), (50.0, 190.0, 350.0, 190.0)]
    side = [(50.0, 130.0, 50.0, 193.0), (50.0, 205.0, 50.0, 250.0)]
    assert bridge_band_sides(rules, side) == [(50.0, 130.0, 50.0, 250.0)]
    inner = [(150.0, 130.0, 150.0, 190.0), (150.0, 205.0, 150.0, 250.0)]  # the rules run on past x=150
    assert bridge_band_sides(rules, inner) == inner
    far = [(50.0, 130.0, 50.0, 160.0), (50.0, 205.0, 50.0, 250.0)]  # a gap taller than a band: two tables
    assert bridge_band_sides(rules, far) == far
