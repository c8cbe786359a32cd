"""Unit cases for each repair function."""
from __future__ import annotations

from datetime import date

import pytest

from normalise.dates import financial_year, parse_date
from normalise.delivery import YearCell, derive_from_dates, read_marked
from normalise.headers import header_role, year_label
from normalise.ids import clean_id, dominant_shapes, id_shape, looks_like_id
from normalise.names import Matcher, segment
from normalise.settings import NormaliseSettings
from normalise.text import fold_text, join_lines, strip_markup
from normalise.themes import repair_theme
from normalise.vocabulary import load_vocabulary

V = load_vocabulary()
TEAMS = Matcher(V.teams, V.confusables, NormaliseSettings())
PARTNERS = Matcher(V.partners, V.confusables, NormaliseSettings())
# As the pipeline builds them: with the vocabulary's name endings (head nouns: Team, Council, Association).
TEAMS_E = Matcher(V.teams, V.confusables, NormaliseSettings(), V.name_endings)
PARTNERS_E = Matcher(V.partners, V.confusables, NormaliseSettings(), V.name_endings)


@pytest.mark.parametrize("printed, end, expected", [
    ("Apr-25", False, (date(2025, 4, 1), False)), ("Mar-27", True, (date(2027, 3, 31), False)),
    ("Feb-28", True, (date(2028, 2, 29), False)), ("Ongoing", False, (None, True)),
    ("Ongoin\ng", True, (None, True)), ("Apr-\n25", False, (date(2025, 4, 1), False)),
    ("TBC", False, (None, False)), ("твс", False, (None, False)), ("", True, (None, False)),
    ("September 2026", False, (date(2026, 9, 1), False)), ("04/2026", True, (date(2026, 4, 30), False)),
])
def test_dates(printed: str, end: bool, expected: tuple) -> None:
    parsed = parse_date(printed, end, V.date_words, V.confusables)
    assert (parsed.value, parsed.ongoing) == expected and parsed.known


def test_unparseable_date_is_not_known() -> None:
    assert not parse_date("Spring", False, V.date_words, V.confusables).known


def test_financial_year() -> None:
    assert financial_year(date(2026, 3, 31)) == "2025-26" and financial_year(date(2026, 4, 1)) == "2026-27"


@pytest.mark.parametrize("text, label", [("2025-26", "2025-26"), ("2025-\n26", "2025-26"), ("2025/26", "2025-26"),
                                         ("2025-2026", "2025-26"), ("FY 2030-31", "2030-31"), ("2025-27", None),
                                         ("Start", None)])
def test_year_labels(text: str, label: str | None) -> None:
    assert year_label(text) == label


@pytest.mark.parametrize("text, role", [("Action \nID", "id"), ("LCC team leads", "leads"),
                                        ("Key partners", "partners"), ("Lead officer", "leads"),
                                        ("Timeline", "timescale"), ("Start date", "start"),
                                        ("Delivery Peroid", "delivery"), ("aximise ays. eams to", None)])
def test_header_roles(text: str, role: str | None) -> None:
    assert header_role(text, V.headers)[0] == role


@pytest.mark.parametrize("printed, clean", [("Τ7", "T7"), ("<b>LCC.1</b>", "LCC.1"), ("1.2.", "1.2"),
                                            ("АD1", "AD1"), ("LCC. 3", "LCC.3")])
def test_clean_id(printed: str, clean: str) -> None:
    assert clean_id(printed, V.confusables) == clean


def test_id_shapes() -> None:
    assert id_shape("LCC.12") == "A.9" and id_shape("1.2.3") == "9.9.9"
    assert dominant_shapes(["T1", "T2", "B1", "B2", "E1", "X.1"]) == {"A9"}
    assert looks_like_id("W3", V.confusables) and not looks_like_id("Transport", V.confusables)


def test_markup_and_wrapping() -> None:
    assert strip_markup("<b>–</b>") == "–" and strip_markup("a <i class='x'>b</i>") == "a b"
    assert join_lines(["an evidence-", "led approach"]) == "an evidence-led approach"
    assert join_lines(["trial -", "complete"]) == "trial - complete"
    assert fold_text("  a \n b\t c ") == "a b c"


@pytest.mark.parametrize("parts, theme", [(["Business a", "and Economy"], "Business and Economy"),
                                          (["Nature an", "d Land Use"], "Nature and Land Use"),
                                          (["Communit", "ies"], "Communities"),
                                          (["Enabling A", "ctions"], "Enabling Actions"),
                                          (["Adaptation and Resilience"], "Adaptation and Resilience")])
def test_themes(parts: list[str], theme: str) -> None:
    found = repair_theme(parts, V.themes, V.confusables, 90)
    assert found is not None and found.name == theme and not found.review


def test_unknown_split_theme_is_flagged() -> None:
    found = repair_theme(["Adaptation a", "nd Resilience"], V.themes, V.confusables, 90)
    assert found is not None and found.review


@pytest.mark.parametrize("cell, names", [
    ("Strategic Property Team Carbon Reduction Team Finance Team",
     ["Strategic Property Team", "Carbon Reduction Team", "Finance Team"]),
    ("Strategic Property\nTeam Carbon\nReduction Team\nFinance Team",
     ["Strategic Property Team", "Carbon Reduction Team", "Finance Team"]),
    ("Environment and Waste Branch Public Health Team", ["Environment and Waste Branch", "Public Health Team"]),
])
def test_team_segmentation(cell: str, names: list[str]) -> None:
    assert [n.name for n in segment(cell, TEAMS).names] == names


def test_partner_connectors_and_abbreviations() -> None:
    seg = segment("National Grid\nDfT and OZEV", PARTNERS)
    assert [n.name for n in seg.names] == ["National Grid", "Department for Transport (DfT)",
                                           "Office for Zero Emission Vehicles (OZEV)"]
    assert seg.dropped == ("and",)


@pytest.mark.parametrize("cell", ["Parks Service", "Care providers", "Net Zero Programme Office"])
def test_new_names_sharing_words_are_not_matched(cell: str) -> None:
    matcher = PARTNERS if cell == "Care providers" else TEAMS
    [name] = segment(cell, matcher).names
    assert (name.name, name.matched) == (cell, False)


def test_review_band_flags() -> None:
    [name] = segment("Growth Servic", TEAMS).names
    assert name.matched and name.name == "Growth Service"
    loose = Matcher(V.teams, V.confusables, NormaliseSettings(accept=99.5, review=90))
    [name] = segment("Growth Servce", loose).names
    assert name.matched and name.review


def test_delivery_from_fills_marks_and_dates() -> None:
    cells = [YearCell("2025-26", "#70ad47", ""), YearCell("2026-27", "", "●"), YearCell("2027-28", "", "")]
    assert read_marked(cells, set(), V.marks)[:2] == (["2025-26", "2026-27"], "shading")
    assert read_marked(cells[1:], set(), V.marks) == (["2026-27"], "marks", [cells[1]])
    # A row shaded all over (a striped table) is background, not a Gantt bar.
    assert read_marked([YearCell("2025-26", "#eeeeee", "")], {"#eeeeee"}, V.marks) == ([], "", [])
    years = ["2025-26", "2026-27", "2027-28"]
    assert derive_from_dates(years, date(2026, 5, 1), False, None, True) == ["2026-27", "2027-28"]
    assert derive_from_dates(years, None, False, date(2026, 1, 31), False) == []


def test_unknown_words_either_side_of_a_break_the_page_cannot_tell_are_flagged() -> None:
    # Line 1's break is unknown (a merged cell's parts joined, no width to measure): "Housing" / "Strategy"
    # may be one name or two, and neither is in a list, so whichever reading wins is flagged.
    seg = segment("Housing\nStrategy", TEAMS, {})
    assert [n.review for n in seg.names] == [True] * len(seg.names)
    # The page says the line wrapped (the next word would not have fitted) and a name ending in a lower
    # case word runs on: one name, no doubt; a new line where the word would have fitted: two, no doubt.
    assert [(n.name, n.review) for n in segment("Local\nbusinesses", TEAMS, {1: True}).names] == \
        [("Local businesses", False)]
    assert [(n.name, n.review) for n in segment("Housing\nStrategy", TEAMS, {1: False}).names] == \
        [("Housing", False), ("Strategy", False)]


def test_a_lone_head_noun_on_a_wrapped_line_ends_the_name_above() -> None:
    # A narrow cell, a word a line: "Association" and "Council" (name endings, in no list on their own)
    # close the name above; after a head noun a run of words up to the next one is a new name. Two words
    # or more either side of a wrap ("Mill Lane" / "Residents Association") may still be two names: flagged.
    wraps = {1: True, 2: True, 3: True, 4: True, 5: True}
    seg = segment("Mill Lane\nResidents\nAssociation\nRural\nCommunity\nCouncil", PARTNERS_E, wraps)
    assert [(n.name, n.review) for n in seg.names] == \
        [("Mill Lane Residents Association", True), ("Rural Community Council", False)]
    # The geometry says the word would have fitted above (a typesetter balancing its lines moves words
    # down): still the tail of the name, but flagged.
    [name] = segment("Legal\nServices", TEAMS_E, {1: False}).names
    assert (name.name, name.review) == ("Legal Services", True)
    # A head noun that is a name of its own in the list is not forced onto the name above.
    assert [n.name for n in segment("Mill Lane\nResidents", PARTNERS_E, {1: False}).names] == ["Mill Lane", "Residents"]


def test_unknown_words_joined_across_narrow_lines_without_a_head_noun_are_flagged() -> None:
    # "Economic" / "Development" / "Housing" / "Strategy": one name of four words or two of two; no head
    # noun closes it, so the reading is a guess.
    wraps = {1: True, 2: True, 3: True}
    assert all(n.review for n in segment("Economic\nDevelopment\nHousing\nStrategy", TEAMS_E, wraps).names)
    assert all(n.review for n in segment("Youth\nParliament\nLocal\nbusinesses", PARTNERS_E, wraps).names)
    assert all(n.review for n in segment("Economic\nDevelopment\nSustainability\nTeam", TEAMS_E, wraps).names)
    # A listed name on lines of its own beside an unknown one of two words: two names, no doubt.
    seg = segment("Highways\nOperations\nHuman\nResources", TEAMS_E, wraps)
    assert [(n.name, n.review) for n in seg.names] == [("Highways Operations", False), ("Human Resources", False)]
    # ... but beside a lone unknown word, which may be its tail, it is flagged.
    assert any(n.review for n in segment("Highways\nOperations\nDepot", TEAMS_E, {1: True, 2: True}).names)


def test_a_comma_wrapped_inside_a_listed_name_does_not_make_the_cell_a_comma_list() -> None:
    # "Farmers," / "land owners" is the canonical "Farmers, land owners and managers" wrapped after its
    # comma: the names are still one per line, not a list run together between commas.
    cell = "Rural\nCommunity\nCouncil\nLocal\nbusinesses\nFarmers,\nland owners\nand\nmanagers"
    wraps = {k: True for k in range(1, 9)} | {3: False}
    names = [n.name for n in segment(cell, PARTNERS_E, wraps).names]
    assert names == ["Rural Community Council", "Local businesses", "Farmers, land owners and managers"]


def test_a_break_the_page_cannot_tell_after_a_head_noun_before_a_longer_name_is_a_new_name() -> None:
    # "Council" / "Local businesses" with the break too close to call (extract's "?"): a complete name's
    # head noun before a name of two words reads as two names, as the truth's rule says, and no doubt.
    seg = segment("Rural Community Council\nLocal businesses", PARTNERS_E, {1: None})  # type: ignore[dict-item]
    assert [(n.name, n.review) for n in seg.names] == [("Rural Community Council", False), ("Local businesses", False)]
    # Without a head noun above the break, the same closeness leaves it in doubt.
    seg = segment("Rural Community\nLocal businesses", PARTNERS_E, {1: None})  # type: ignore[dict-item]
    assert all(n.review for n in seg.names)


def test_a_next_word_within_half_a_point_of_the_cells_edge_is_a_break_too_close_to_call() -> None:
    from extract.wraps import line_breaks

    def cell(next_width: float) -> list[dict[str, object]]:
        # Text set 2 pt inside a cell 0-60 wide (its right at 58); "Rural" ends at 22; a space is 2.24 pt.
        return [{"text": "Rural", "x0": 2.0, "x1": 22.0, "top": 0.0, "bottom": 8.0},
                {"text": "Next", "x0": 2.0, "x1": 2.0 + next_width, "top": 10.0, "bottom": 18.0}]

    box = (0.0, 0.0, 60.0, 20.0)
    assert line_breaks(cell(33.0), box) == "n"  # ends at 57.24: room to spare
    assert line_breaks(cell(33.6), box) == "?"  # 0.16 under: the producer's metrics decide
    assert line_breaks(cell(34.0), box) == "?"  # 0.24 over: so do they
    assert line_breaks(cell(35.0), box) == "w"  # 1.24 over: it wrapped


def test_a_line_starting_with_a_connector_in_lower_case_continues_whatever_the_geometry_says() -> None:
    # An overfull cell beside the names misled the column's measured extent: "of" was said to fit on the
    # line above (a new name). No name starts with "of": Chamber of Commerce is one name.
    cell = "Universities\nChamber\nof\nCommerce"
    wrapped = {1: True, 2: False, 3: True}
    assert [n.name for n in segment(cell, PARTNERS, wrapped).names] == ["Universities", "Chamber of Commerce"]
    # A capitalised line the geometry says would have fitted above is a new name, as before.
    assert [n.name for n in segment("Universities\nChamber of Commerce", PARTNERS, {1: False}).names] == [
        "Universities", "Chamber of Commerce"]
