"""``python -m pipeline diff OLD.pdf NEW.pdf [--out OUT]``: what changed between two appendix versions.

Example:
    appendix diff samples/current/current.pdf samples/next-version/next-version.pdf --out outputs
    python -m pipeline diff samples/current/current.pdf samples/next-version/next-version.pdf --out outputs
    → outputs/diff-current-vs-next-version/changes.csv, and a summary on stdout
"""
from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable
from pathlib import Path

from extract import ExtractSettings, InputError
from normalise.csv_safety import write_safe_csv

from .publish import publish, staging
from .run import run_pdf_result


def add_parser(sub: argparse._SubParsersAction, add_common: Callable[[argparse.ArgumentParser], None]) -> None:
    p = sub.add_parser("diff", help="compare two appendix versions", description=__doc__,
                       formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("old", type=Path, nargs="?", help="the earlier appendix PDF")
    p.add_argument("new", type=Path, nargs="?", help="the later appendix PDF")
    p.add_argument("--out", type=Path, default=Path(os.environ.get("APPENDIX_OUT") or "outputs"),
                   help="output folder: OUT/<stem>/ for each PDF and OUT/diff-<old>-vs-<new>/ (default outputs)")
    p.add_argument("--from-env", action="store_true",
                   help="read OLD and NEW from $APPENDIX_OLD and $APPENDIX_NEW (how the Makefile passes them)")
    add_common(p)


def run_diff(old: Path, new: Path, out: Path, password: str | None = None, vocab: str | None = None) -> Path:
    # Imported here: the comparison (pyarrow), page pictures and templates are not needed to build the parser.
    from .changes_page import Version, changes_html
    from .diff import CHANGE_COLUMNS, diff_actions, load_actions, summary

    settings = ExtractSettings(password=password, vocab_dir=vocab)
    runs = []
    for pdf in (old, new):
        try:
            runs.append(run_pdf_result(pdf, out, settings))
        except InputError as exc:
            raise InputError(str(exc), source=pdf.name) from None
    changes, notes = diff_actions(*(load_actions(r.folder) for r in runs))
    before, after = (Version.of(pdf, password, r) for pdf, r in zip((old, new), runs))
    name = f"diff-{old.stem}-vs-{new.stem}"
    with staging(out, name) as tmp:
        write_safe_csv(tmp / "changes.csv", CHANGE_COLUMNS, ([c.row()[k] for k in CHANGE_COLUMNS] for c in changes))
        (tmp / "summary.txt").write_text(summary(changes, notes, old.name, new.name) + "\n", encoding="utf-8")
        (tmp / "changes.html").write_text(changes_html(changes, notes, before, after, old.name, new.name),
                                          encoding="utf-8")
        publish(tmp, out / name)
    print(summary(changes, notes, old.name, new.name), file=sys.stdout)
    return out / name
