"""``changes.html``: the changes between two appendix versions as one self-contained page, each change with
the crop of where it was printed in the old version and in the new, side by side."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .diff import Change
from .page_images import PagePictures
from .report import render
from .run import RunResult

# A change's field → the field name its cells are kept under (``Built.cells``).
CELL_FIELD = {"start_date": "start", "end_date": "end", "delivery_window": "delivery_periods"}


@dataclass(frozen=True)
class Version:
    """One side of a diff: its run, and its pages as pictures."""

    run: RunResult
    pictures: PagePictures

    @classmethod
    def of(cls, pdf: Path, password: str | None, run: RunResult) -> Version:
        return cls(run, PagePictures.of(pdf, password, run.extraction))

    def crop(self, plan: str, action_id: str, field: str) -> tuple[int, str] | None:
        """(page, picture) of the action's cells for ``field`` (its whole row for an added or removed one)."""
        built = self.run.built
        index = next((i for i, a in enumerate(built.actions) if (a["plan"], a["action_id"]) == (plan, action_id)),
                     None)
        if index is None or index >= len(built.cells):
            return None
        cells = built.cells[index]
        wanted = cells.get(CELL_FIELD.get(field, field), []) if field else [c for cs in cells.values() for c in cs]
        return self.pictures.crop(wanted)


@dataclass(frozen=True)
class ChangeRow:
    change: Change
    old: tuple[int, str] | None
    new: tuple[int, str] | None


def change_rows(changes: list[Change], old: Version, new: Version) -> list[ChangeRow]:
    # A renumbered action is found under its old ID in the old version.
    renamed = {k.action_id: k.old for k in changes if k.field == "action_id"}
    rows = []
    for c in changes:
        old_id = renamed.get(c.action_id, c.action_id)
        rows.append(ChangeRow(c, None if c.change == "added" else old.crop(c.plan, old_id, c.field),
                              None if c.change == "removed" else new.crop(c.plan, c.action_id, c.field)))
    return rows


def changes_html(changes: list[Change], notes: list[str], old: Version, new: Version, old_name: str,
                 new_name: str) -> str:
    counts = {kind: sum(1 for c in changes if c.change == kind) for kind in ("added", "removed", "changed")}
    title = f"{old_name} → {new_name}"
    return render("changes.html.j2", title=f"Changes: {title}", heading=f"Changes: {title}",
                  contents=[("changes", "Changes")], counts=counts, notes=notes, rows=change_rows(changes, old, new),
                  old_name=old_name, new_name=new_name)
