"""``python -m pipeline diff OLD.pdf NEW.pdf [--out OUT]``: what changed between two appendix versions.

Example:
    python -m pipeline diff samples/current/current.pdf samples/next-version/next-version.pdf --out outputs
    → outputs/diff-current-vs-next-version/changes.csv, and a summary on stdout
"""
from __future__ import annotations

import argparse
import csv
import sys
from pathlib import Path

from extract import ExtractSettings, InputError

from .diff import CHANGE_COLUMNS, diff_actions, load_actions, summary
from .publish import publish, staging
from .run import run_pdf


def add_parser(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser("diff", help="compare two appendix versions", description=__doc__, parents=[common],
                       formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("old", type=Path)
    p.add_argument("new", type=Path)
    p.add_argument("--out", type=Path, default=Path("outputs"))
    p.add_argument("--password", default=None)


def run_diff(old: Path, new: Path, out: Path, password: str | None = None) -> Path:
    settings = ExtractSettings(password=password)
    datasets = []
    for pdf in (old, new):
        try:
            datasets.append(load_actions(run_pdf(pdf, out, settings)))
        except InputError as exc:
            raise InputError(str(exc), source=pdf.name) from None
    changes, notes = diff_actions(*datasets)
    name = f"diff-{old.stem}-vs-{new.stem}"
    with staging(out, name) as tmp:
        with (tmp / "changes.csv").open("w", newline="", encoding="utf-8") as f:
            writer = csv.DictWriter(f, fieldnames=CHANGE_COLUMNS, lineterminator="\n")
            writer.writeheader()
            writer.writerows(c.row() for c in changes)
        (tmp / "summary.txt").write_text(summary(changes, notes, old.name, new.name) + "\n", encoding="utf-8")
        publish(tmp, out / name)
    print(summary(changes, notes, old.name, new.name), file=sys.stdout)
    return out / name
