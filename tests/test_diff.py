"""Version diff: current vs next-version equals the changes written into the samples' source data."""
from __future__ import annotations

import csv
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from pipeline.diff import diff_actions
from pipeline.diff_cli import run_diff

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"


def rows(path: Path) -> list[tuple[str, ...]]:
    with path.open(newline="", encoding="utf-8") as f:
        return sorted(tuple(r.values()) for r in csv.DictReader(f))


@pytest.fixture(scope="module")
def out(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("diff")


def test_current_vs_next_version_equals_source_changes(out: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = run_diff(SAMPLES / "current" / "current.pdf", SAMPLES / "next-version" / "next-version.pdf", out)
    assert folder == out / "diff-current-vs-next-version"
    assert rows(folder / "changes.csv") == rows(SAMPLES / "next-version" / "source" / "changes.csv")
    printed = capsys.readouterr().out
    assert printed.splitlines()[0].startswith("current.pdf → next-version.pdf: 4 added, 3 removed")


def test_printing_noise_is_not_a_change(out: Path) -> None:
    # borderless prints the same truth with other rules and marks: nothing changed.
    folder = run_diff(SAMPLES / "current" / "current.pdf", SAMPLES / "borderless" / "borderless.pdf", out)
    assert rows(folder / "changes.csv") == []


def action(action_id: str, text: str, **kw: Any) -> dict[str, Any]:
    base = {"plan": "P", "theme": "T", "action_id": action_id, "action": text, "lead_teams": ["A", "B"],
            "partners": [], "start_date": date(2025, 4, 1), "start_ongoing": False, "start_raw": "Apr-25",
            "end_date": None, "end_ongoing": True, "end_raw": "Ongoing", "delivery_periods": ["2025-26"]}
    return {**base, **kw}


def test_renumbered_action_is_one_change_flagged_for_review() -> None:
    old = [action("T9", "Work with partners on joint procurement of low emission vehicles.")]
    new = [action("T10", "Work with partners on joint procurement of low emission vehicles.",
                  lead_teams=["B", "A"], start_raw="April 2025")]
    changes, notes = diff_actions(old, new)
    assert [(c.action_id, c.change, c.field, c.old, c.new) for c in changes] == [
        ("T10", "changed", "action_id", "T9", "T10")]
    assert notes and "review" in notes[0]
