"""Property tests: random raw tables never crash the normalise stage, never lose text, and normalising
its own output changes nothing. Bounded so the suite stays fast."""
from __future__ import annotations

from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from extract import InputError
from extract.model import PageInfo, RawCell, RawTable
from extract.run import Extraction
from extract.settings import ExtractSettings
from normalise.run import normalise_extraction

LOOKALIKES = "ΤТВАЕΚМНОРСХтвсеаор"
ALPHABET = st.sampled_from(list("abcdefgHIJKLMNOP xyz 0123456789 &/-,.()<>;:'\n\t") + list(LOOKALIKES) + ["é", "●"])
TEXT = st.text(ALPHABET, max_size=40)
HUGE = st.text(ALPHABET, min_size=300, max_size=900)
NAMES = st.lists(st.sampled_from(["Carbon Reduction Team", "Growth Servce", "DfT and OZEV", "Parks Service",
                                  "Business", "Community Goups", "твс", "<b>–</b>", ""]) | TEXT, max_size=4)
PREFIXES = st.sampled_from(["T", "LCC.", "AD", "", "Т", "В"])
HEADERS = {"id": "Action ID", "action": "Action", "leads": "LCC team leads", "partners": "Partners",
           "start": "Start", "end": "End"}


@st.composite
def raw_tables(draw: Any) -> RawTable:
    roles = [r for r in HEADERS if r in ("id", "action") or draw(st.booleans())]
    first_year = draw(st.integers(2020, 2035))
    years = [f"{y}-{(y + 1) % 100:02d}" for y in range(first_year, first_year + draw(st.integers(0, 5)))]
    header = [HEADERS[r] for r in roles] + years
    rows: list[list[tuple[str, str]]] = [[(h, "") for h in header]]
    for n in range(draw(st.integers(0, 6))):
        if draw(st.integers(0, 4)) == 0:
            rows.append([(draw(st.sampled_from(["Transport", "Business a", "Communit", "New theme"])), "")]
                        + [(draw(st.sampled_from(["", "", "-", "1", "and Economy"])), "") for _ in header[1:]])
            continue
        cells: list[tuple[str, str]] = []
        for role in roles:
            if role == "id":
                cells.append((f"{draw(PREFIXES)}{n + 1}" if draw(st.integers(0, 6)) else "", ""))
            elif role in ("leads", "partners"):
                cells.append(("\n".join(draw(NAMES)), ""))
            elif role in ("start", "end"):
                cells.append((draw(st.sampled_from(["Apr-25", "Ongoing", "TBC", "Ongoin\ng", "", "Sept 2027"])
                                   | TEXT), ""))
            else:
                cells.append((draw(HUGE if draw(st.integers(0, 8)) == 0 else TEXT), ""))
        for _ in years:
            cells.append((draw(st.sampled_from(["", "", "●", "205", "X"])), draw(st.sampled_from(["", "#70ad47"]))))
        rows.append(cells)
    return make_table(rows)


def make_table(rows: list[list[tuple[str, str]]], rows_ruled: bool = False) -> RawTable:
    width = max(len(r) for r in rows)
    table = RawTable(0, 1, 1, "test", 0.0, 0.0, 800.0, 500.0, len(rows), width, 100.0, 0.0, "A Test Action Plan",
                     rows_ruled)
    for r, row in enumerate(rows):
        for c in range(width):
            text, fill = row[c] if c < len(row) else ("", "")
            table.cells.append(RawCell(1, 0, r, c, 0.0, 0.0, 0.0, 0.0, text, fill))
    return table


def extraction_of(table: RawTable) -> Extraction:
    return Extraction("test.pdf", "0", ExtractSettings(), [PageInfo(1, "", 0, True, True)], [table])


def output_to_table(actions: list[dict[str, Any]], years: list[str]) -> RawTable:
    rows = [[(h, "") for h in ["Action ID", "Action", "LCC team leads", "Partners", "Start", "End", *years]]]
    theme = None
    for a in actions:
        if a["theme"] != theme and a["theme"]:
            rows.append([(a["theme"], "")])
        theme = a["theme"]
        # Names printed back as our CSV lists them ("a; b"): one per line would be ambiguous for a name that
        # starts in lower case (read as the wrapped tail of the line above).
        rows.append([(a["action_id"], ""), (a["action"], ""), ("; ".join(a["lead_teams"]), ""),
                     ("; ".join(a["partners"]), ""), (a["start_raw"], ""), (a["end_raw"], "")]
                    + [("●" if y in a["delivery_periods"] else "", "") for y in years])
    # Printed back in a grid: a lead cell left blank there is blank, not the lower part of the one above
    # (which a table without rules cannot tell, so a blank lead there takes the lead above, flagged).
    return make_table(rows, rows_ruled=True)


COMPARED = ["action_id", "action", "theme", "lead_teams", "partners", "start_date", "end_date", "start_ongoing",
            "end_ongoing",
            "delivery_periods"]


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(raw_tables())
def test_normalise_never_crashes_loses_text_or_changes_its_own_output(table: RawTable) -> None:
    try:
        built, _ = normalise_extraction(extraction_of(table))
    except InputError as exc:
        # The only acceptable failure: nothing that reads as an action table. Never lost text.
        assert "no action table" in str(exc), str(exc)
        return
    if not all(a["action_id"] for a in built.actions):
        # A row printed without an ID reads back as the continuation of the row above: an output holding
        # one cannot be printed back unambiguously, so idempotence is checked where every row has an ID.
        return
    years = [t.text for t in table.cells if t.row == 0 and t.text[:2] == "20"]
    again, _ = normalise_extraction(extraction_of(output_to_table(built.actions, years)))
    first = [{k: a[k] for k in COMPARED} for a in built.actions]
    second = [{k: a[k] for k in COMPARED} for a in again.actions]
    assert second == first


def test_a_tag_split_over_a_rows_continuation_cells_is_markup_in_both_runs() -> None:
    # Found by the property above: "<H" and ">" in two cells continuing one row read as "<H >" once joined,
    # which the second run took for a tag. Markup is judged over the whole field, as over a cell's lines.
    header = ["Action ID", "Action", "Partners", "End", "2024-25"]
    rows = [[(h, "") for h in header], [("Transport", "")], [("T2", ""), ("Plant trees", ""), ("", ""), ("Apr-25", "")],
            [("", ""), ("<H", ""), ("", ""), ("", "")], [("", ""), (">", ""), ("", ""), ("", "")]]
    built, log = normalise_extraction(extraction_of(make_table(rows)))
    assert [a["action"] for a in built.actions] == ["Plant trees"]
    assert [(c.before, c.after) for c in log.rows if c.rule == "markup"] == [("Plant trees <H >", "Plant trees")]


WORD_SPANS = st.tuples(st.floats(0, 300), st.floats(0, 60), st.booleans())  # x0, width, bold


@settings(max_examples=200, deadline=None)
@given(st.lists(st.lists(WORD_SPANS, max_size=8), max_size=12), st.sampled_from([(3.0, 0.03), (1.0, 0.2), (5.0, 0.0)]))
def test_gutters_are_the_bands_few_lines_cross(spans: list[list[tuple[float, float, bool]]],
                                                limits: tuple[float, float]) -> None:
    # lines_to_gutters against its definition written out bin by bin: a line crosses a bin if any of its
    # words covers it, and a band of bins crossed by at most the allowed lines is a gutter.
    from extract.gutters import STEP, lines_to_gutters

    lines = [[{"x0": x, "x1": x + w, "text": "w", "fontname": "Arial-Bold" if bold else "Arial"}
              for x, w, bold in line] for line in spans]
    min_width, share = limits
    rows = [ln for ln in lines if ln and not all("Bold" in w["fontname"] for w in ln)]
    found = lines_to_gutters(lines, min_width, share)
    if len(rows) < 2:
        assert found == []
        return
    lo = min(w["x0"] for ln in rows for w in ln)
    crossing = [sum(1 for ln in rows if any(int((w["x0"] - lo) / STEP) <= k <= int((w["x1"] - lo) / STEP)
                                            for w in ln))
                for k in range(int((max(w["x1"] for ln in rows for w in ln) - lo) / STEP) + 2)]
    allowed = int(share * len(rows))
    for g0, g1 in found:
        bins = range(round((g0 - lo) / STEP), round((g1 - lo) / STEP))
        assert (g1 - g0) >= min_width and all(crossing[k] <= allowed for k in bins)
        # Whole bands: the bins either side are crossed by more lines (or lie past the text).
        assert bins.start == 0 or crossing[bins.start - 1] > allowed
        assert bins.stop >= len(crossing) or crossing[bins.stop] > allowed
