"""``python -m pipeline regress``: run every sample and print the accuracy table (``make regress``)."""
from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

from extract import ExtractSettings, InputError

from .regress import compare, sample_dirs
from .run import run_pdf

FIELDS = ["theme", "action_id", "action", "lead_teams", "partners", "start_date", "end_date",
          "delivery_periods", "source_pages", "needs_review"]


def regress(out: Path | None = None) -> int:
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        out = out or Path(tmp)
        for sample in sample_dirs():
            t0 = time.perf_counter()
            try:
                folder = run_pdf(sample / f"{sample.name}.pdf", out, ExtractSettings())
            except InputError as exc:
                rows.append([sample.name, "error"] + ["-"] * (len(FIELDS) + 6) + [f"error: {exc}"])
                continue
            r = compare(sample.name, sample / "expected", folder)
            seconds = time.perf_counter() - t0
            rows.append([sample.name, f"{r.found_rows}/{r.expected_rows}"]
                        + [f"{r.accuracy(f):.2f}" for f in FIELDS]
                        + [f"{r.name_scores.get('leads', 0):.2f}", f"{r.name_scores.get('partners', 0):.2f}",
                           f"{r.false_matches}/{r.new_names}", f"{100 * r.silent_rate:.2f}%", f"{r.overall:.3f}",
                           f"{seconds:.1f}s"])
    header = ["sample", "actions"] + FIELDS + ["leads.csv", "partners.csv", "false/new", "silent", "overall", "time"]
    widths = [max(len(str(x)) for x in col) for col in zip(header, *rows)]
    for row in [header] + rows:
        cells = [str(x).ljust(w) for x, w in zip(row, widths)] + [str(x) for x in row[len(widths):]]
        print("  ".join(cells).rstrip())
    return 0


if __name__ == "__main__":
    sys.exit(regress())
