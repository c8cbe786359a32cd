"""samples/generator/wrap_truth.py: the truth's rule for a names cell's line breaks, and reading a print's
lines back by each names cell's near-black colour."""
from __future__ import annotations

from pathlib import Path

from reportlab.pdfgen.canvas import Canvas

from samples.generator.source import Name
from samples.generator.wrap_truth import (
    NAME_ROLES,
    ambiguous_lines,
    colour_tag,
    lines_to_names,
    printed_cells,
    tag_colour,
)

ENDINGS = frozenset({"team", "council"})


def test_each_names_cell_has_its_own_near_black_colour_read_back_from_the_print() -> None:
    seen = set()
    for index in range(200):
        for role in NAME_ROLES:
            rgb = tag_colour(index, role)
            assert max(rgb) < 8 and rgb != (0, 0, 0)
            assert colour_tag(tuple(v / 255 for v in rgb)) == (index, NAME_ROLES.index(role))
            seen.add(rgb)
    assert len(seen) == 400
    assert colour_tag((0.0, 0.0, 0.0)) is None and colour_tag((0.2, 0.2, 0.2)) is None and colour_tag(None) is None


def test_an_unknown_name_a_word_a_line_is_in_doubt_and_a_listed_one_or_a_deliberate_break_is_not() -> None:
    unknown = [Name("Net Zero Programme Office", "Net Zero Programme Office", False)]
    lines = [(0, "Net Zero"), (0, "Programme"), (0, "Office")]
    assert ambiguous_lines(unknown, lines, lambda k: False, ENDINGS)
    listed = [Name("Waste Management", "Waste Management", True)]
    assert not ambiguous_lines(listed, [(0, "Waste"), (0, "Management")], lambda k: False, ENDINGS)
    two = [Name("Planning", "Planning", True), Name("Mill Lane Residents", "Mill Lane Residents", False)]
    # A new line where the next word would have fitted: the page shows a new name.
    assert not ambiguous_lines(two, [(0, "Planning"), (1, "Mill Lane Residents")], lambda k: True, ENDINGS)
    # After a name's usual last word, before two or more words: a new name.
    team = [Name("Highways Team", "Highways Team", True), Name("Parish councils", "Parish councils", False)]
    assert not ambiguous_lines(team, [(0, "Highways Team"), (1, "Parish councils")], lambda k: False, ENDINGS)


def test_a_prints_names_cell_lines_are_read_back_by_its_colour(tmp_path: Path) -> None:
    pdf = tmp_path / "cells.pdf"
    canvas = Canvas(str(pdf))
    canvas.setFont("Helvetica", 8)
    r, g, b = tag_colour(3, "partners")
    canvas.setFillColorRGB(r / 255, g / 255, b / 255)
    for k, line in enumerate(("Net Zero", "Programme", "Office")):
        canvas.drawString(100, 700 - 10 * k, line)
    canvas.setFillColorRGB(0, 0, 0)
    canvas.drawString(300, 700, "Not a names cell")
    canvas.save()
    cells = printed_cells(pdf)
    assert list(cells) == [(3, "partners")]
    printed = cells[(3, "partners")]
    assert [line.text for line in printed] == ["Net Zero", "Programme", "Office"]
    assert printed[0].first_width < printed[0].x1 - printed[0].x0  # "Net", of "Net Zero"
    names = [Name("Net Zero Programme Office", "Net Zero Programme Office", False)]
    assert lines_to_names(names, printed) == [(0, "Net Zero"), (0, "Programme"), (0, "Office")]


def test_every_committed_print_of_a_tagged_producer_carries_its_names_cells_colours() -> None:
    # A sample printed before its producer was tagged would be scored against the old, guessed rule.
    import json

    from samples.generator.producers import TAGGED

    root = Path(__file__).resolve().parent.parent / "samples"
    tagged = [d for d in sorted(root.iterdir()) if (d / "source" / "document.json").exists()
              and json.loads((d / "source" / "document.json").read_text()).get("producer") in TAGGED]
    assert {json.loads((d / "source" / "document.json").read_text())["producer"] for d in tagged} >= {"calc"}
    for folder in tagged:
        assert printed_cells(folder / f"{folder.name}.pdf"), folder.name
