"""The truth of a sample: what its PDF prints and what its clean dataset must be."""
from __future__ import annotations

import csv
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

SAMPLES = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class Name:
    """One lead or partner: the clean name, how it is printed, and whether it is in the canonical lists."""

    clean: str
    printed: str
    canonical: bool


@dataclass(frozen=True)
class Action:
    plan: str
    theme: str
    action_id: str
    id_printed: str
    action: str
    leads: list[Name]
    leads_lines: list[str]
    partners: list[Name]
    partners_lines: list[str]
    start: str
    end: str
    delivery: list[str]
    marked: bool
    needs_review: bool


@dataclass
class Document:
    name: str
    settings: dict[str, Any]
    actions: list[Action] = field(default_factory=list)

    @property
    def folder(self) -> Path:
        return SAMPLES / self.name

    @property
    def pdf(self) -> Path:
        return self.folder / f"{self.name}.pdf"


def parse_names(cell: str) -> list[Name]:
    """``"Growth Service <= Growth Servce; !Parks Service"`` → names; ``!`` marks a name no list holds."""
    names = []
    for item in (p.strip() for p in cell.split(";")):
        if not item:
            continue
        canonical = not item.startswith("!")
        item = item.lstrip("!")
        clean, _, printed = (s.strip() for s in item.partition("<="))
        names.append(Name(clean, printed or clean, canonical))
    return names


def parse_lines(cell: str, names: list[Name]) -> list[str]:
    """The printed lines of a names cell: explicit ``a | b`` lines, else one printed name per line."""
    if cell.strip():
        return [line.strip() for line in cell.split("|")]
    return [n.printed for n in names]


def row_to_action(row: dict[str, str]) -> Action:
    leads = parse_names(row["leads"])
    partners = parse_names(row["partners"])
    return Action(
        plan=row["plan"],
        theme=row["theme"],
        action_id=row["action_id"],
        id_printed=row["id_printed"] or row["action_id"],
        action=row["action"],
        leads=leads,
        leads_lines=parse_lines(row["leads_lines"], leads),
        partners=partners,
        partners_lines=parse_lines(row["partners_lines"], partners),
        start=row["start"],
        end=row["end"],
        delivery=[y.strip() for y in row["delivery"].split(";") if y.strip()],
        marked=row.get("marked", "true").strip().lower() != "false",
        needs_review=row["needs_review"].strip().lower() == "true",
    )


def settings_of(name: str) -> dict[str, Any]:
    return json.loads((SAMPLES / name / "source" / "document.json").read_text(encoding="utf-8"))


def load(name: str) -> Document:
    folder = SAMPLES / name / "source"
    settings = json.loads((folder / "document.json").read_text(encoding="utf-8"))
    if "from" in settings:
        # A derived sample (a scan, a restyle) prints its original's truth unless it says otherwise.
        base = load(settings["from"])
        folder = base.folder / "source"
        settings = {**base.settings, **settings}
    doc = Document(name, settings)
    actions_path = (folder / settings["actions"]).resolve()
    with actions_path.open(newline="", encoding="utf-8") as f:
        doc.actions = [row_to_action(r) for r in csv.DictReader(f)]
    return doc


def sample_names() -> list[str]:
    return sorted(p.parent.parent.name for p in SAMPLES.glob("*/source/document.json"))
