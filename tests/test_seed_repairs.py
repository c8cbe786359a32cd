"""Each repair, on the seed's own rows fed in as raw tables (a previous tool's extraction of the appendix)."""
from __future__ import annotations

from typing import Any

import pytest
from seed import seed_tables

from normalise.build import Builder, Built
from normalise.corrections import CorrectionLog
from normalise.headers import map_columns
from normalise.records import table_grid, tables_to_records
from normalise.settings import NormaliseSettings
from normalise.vocabulary import load_vocabulary


@pytest.fixture(scope="module")
def seed_run() -> tuple[Built, CorrectionLog]:
    vocab = load_vocabulary()
    log = CorrectionLog()
    records = tables_to_records(seed_tables(), {}, vocab, log)
    return Builder(vocab, NormaliseSettings(), log, "seed.pdf").build(records), log


def action(built: Built, action_id: str) -> dict[str, Any]:
    return next(a for a in built.actions if a["action_id"] == action_id)


def test_seed_has_52_actions_in_two_plans(seed_run: tuple[Built, CorrectionLog]) -> None:
    built, _ = seed_run
    plans = [a["plan"] for a in built.actions]
    assert len(built.actions) == 52
    assert plans.count("2035 Net Zero Council Action Plan") == 14
    assert plans.count("2050 Net Zero Leicestershire Action Plan") == 38


def test_garbled_header_resolved_by_position() -> None:
    texts, _ = table_grid(seed_tables()[0])
    mapping = map_columns(texts, load_vocabulary().headers)
    assert mapping.header_rows == 2
    assert [mapping.roles.get(c) for c in range(5)] == ["id", "action", "leads", "start", "end"]
    assert [y for _, y in mapping.years] == ["2025-26", "2026-27", "2027-28", "2028-29", "2029-30"]
    assert "Waste Management" in mapping.garbled[2]


def test_header_broken_across_cells_is_still_a_header() -> None:
    texts, _ = table_grid(seed_tables()[3])  # "Time | scale | De | livery Peri | od" above the real header
    mapping = map_columns(texts, load_vocabulary().headers)
    assert mapping.header_rows == 2
    assert mapping.col("partners") == 3


@pytest.mark.parametrize("action_id, theme", [
    ("T1", "Transport"), ("B1", "Buildings and Energy"), ("E1", "Business and Economy"),
    ("R1", "Resources and Waste"), ("N1", "Nature and Land Use"), ("C1", "Communities"),
    ("EA1", "Enabling Actions"), ("LCC.7", "Enabling"), ("LCC.14", "Enabling"), ("LCC.1", None),
])
def test_split_section_names_rejoined(seed_run: tuple[Built, CorrectionLog], action_id: str,
                                      theme: str | None) -> None:
    assert action(seed_run[0], action_id)["theme"] == theme


def test_split_section_rejoins_are_logged_once(seed_run: tuple[Built, CorrectionLog]) -> None:
    rejoins = [(c.before, c.after) for c in seed_run[1].rows if c.rule == "theme-rejoin"]
    assert ("Business a | and Economy", "Business and Economy") in rejoins
    assert ("Communit | ies", "Communities") in rejoins
    assert len(rejoins) == len(set(rejoins))


def test_stray_page_numbers_removed_and_logged(seed_run: tuple[Built, CorrectionLog]) -> None:
    built, log = seed_run
    dropped = {(c.action_id, c.before) for c in log.rows if c.after == ""}
    assert ("LCC.2", "205") in dropped and ("LCC.10", "210") in dropped
    assert action(built, "LCC.2")["delivery_periods"] == ["2025-26"]


@pytest.mark.parametrize("printed, latin", [("Τ7", "T7"), ("Т8", "T8"), ("Т9", "T9"), ("В3", "B3"), ("В5", "B5")])
def test_lookalike_ids_folded(seed_run: tuple[Built, CorrectionLog], printed: str, latin: str) -> None:
    built, log = seed_run
    assert any(a["action_id"] == latin for a in built.actions)
    assert any(c.before == printed and c.after == latin and c.rule == "id-lookalike" for c in log.rows)
    assert all(a["action_id"].isascii() for a in built.actions)


def test_run_together_names_segmented(seed_run: tuple[Built, CorrectionLog]) -> None:
    built, _ = seed_run
    assert action(built, "LCC.14")["lead_teams"] == ["Strategic Property Team", "Carbon Reduction Team",
                                                    "Finance Team"]
    assert action(built, "T1")["partners"] == ["Transport Partners", "Businesses", "Residents"]
    assert len(action(built, "N1")["partners"]) == 12


def test_typos_and_lookalike_tbc_canonicalised(seed_run: tuple[Built, CorrectionLog]) -> None:
    built, _ = seed_run
    assert action(built, "E7")["lead_teams"] == ["Growth Service"]
    assert "Community groups" in action(built, "T5")["partners"]
    assert action(built, "E1")["partners"] == ["TBC"]
    assert action(built, "T7")["partners"][-2:] == ["Department for Transport (DfT)",
                                                   "Office for Zero Emission Vehicles (OZEV)"]


def test_markup_stripped_and_logged(seed_run: tuple[Built, CorrectionLog]) -> None:
    built, log = seed_run
    assert action(built, "LCC.1")["lead_teams"] == []
    assert any(c.before == "<b>–</b>" and c.rule == "markup" for c in log.rows)
    assert any(c.before == "–" and c.after == "" for c in log.rows)


def test_action_text_never_respelled(seed_run: tuple[Built, CorrectionLog]) -> None:
    assert action(seed_run[0], "C2")["action"].startswith("Suport the delivery")
    assert "deiver community" in action(seed_run[0], "C2")["action"]
