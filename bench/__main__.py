"""``python -m bench`` (``make bench``): time the pipeline on a ~500-page committee pack against the libraries
it is built on, as whole processes, and print the table, the ratios against the targets, and the growth.

Example:
    python -m bench                 # three runs of each fast workload, taken in rounds; medians
    BENCH_REPEATS=1 python -m bench # quicker, noisier
"""
from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from pypdf import PdfReader

from .pack import APPENDIX, build_pack
from .workloads import baseline_command

# The pipeline as `make all` installs it ($BENCH_RUN_PYTHON: make bench builds that venv, .venv-run).
PY = os.environ.get("BENCH_RUN_PYTHON") or sys.executable
REPEATS = int(os.environ.get("BENCH_REPEATS", "3"))


def measure(cmd: list[str]) -> tuple[float, float]:
    """Wall seconds and peak resident memory (MB) of one whole process."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    seconds = time.perf_counter() - start
    stderr = proc.stderr.read().decode() if proc.stderr else ""
    if status != 0:
        raise SystemExit(f"bench: {' '.join(cmd)} failed:\n{stderr}")
    return seconds, usage.ru_maxrss / 1024


def run_once(cmd: list[str]) -> tuple[float, float]:
    # Each pipeline run gets an empty output folder: the pipeline reuses an unchanged PDF's raw/, and
    # a benchmark must time the whole extraction every time.
    with tempfile.TemporaryDirectory() as out:
        return measure([out if part == OUT else part for part in cmd])


def interleaved(plan: list[tuple[str, list[str], int]]) -> dict[str, tuple[float, float]]:
    """Median seconds and peak MB of each command, its repeats taken in rounds across the plan: a
    machine that slows down for a minute then slows every workload alike, and the ratios hold."""
    runs: dict[str, list[tuple[float, float]]] = {name: [] for name, _, _ in plan}
    for round_ in range(max(repeats for _, _, repeats in plan)):
        for name, cmd, repeats in plan:
            if round_ < repeats:
                print(f"timing: {name} (run {round_ + 1} of {repeats})…", file=sys.stderr)
                runs[name].append(run_once(cmd))
    return {name: (statistics.median(r[0] for r in rs), max(r[1] for r in rs)) for name, rs in runs.items()}


def slope(points: list[tuple[int, float]]) -> float:
    """Least-squares seconds per page."""
    mx = statistics.mean(x for x, _ in points)
    my = statistics.mean(y for _, y in points)
    return sum((x - mx) * (y - my) for x, y in points) / sum((x - mx) ** 2 for x, _ in points)


OUT = "{out}"


def pipeline(pdf: Path) -> list[str]:
    return [PY, "-m", "pipeline", "run", str(pdf), "--out", OUT]


def main(argv: list[str] | None = None) -> int:
    import argparse

    argparse.ArgumentParser(prog="python -m bench", description=__doc__,
                            formatter_class=argparse.RawDescriptionHelpFormatter).parse_args(argv)
    print("building the pack (cached in bench/.cache)…", file=sys.stderr)
    pack = build_pack(510, appendix_at=205)
    pages = len(PdfReader(str(pack)).pages)
    plan = [
        ("pipeline on the pack", pipeline(pack), REPEATS, pages),
        ("pipeline on the appendix alone", pipeline(APPENDIX), REPEATS, 6),
        ("camelot lattice, vector engine, all pages", baseline_command("camelot", str(pack), "vector"),
         REPEATS, pages),
        ("camelot lattice, default engine, all pages",
         baseline_command("camelot", str(pack), "combined"), 1, pages),
        ("camelot lattice, default engine, appendix alone",
         baseline_command("camelot", str(APPENDIX), "combined"), REPEATS, 6),
        ("pdfplumber extract_tables, all pages", baseline_command("pdfplumber", str(pack)), 1, pages),
        ("pypdfium2 plain text, all pages (the floor)", baseline_command("text", str(pack)),
         REPEATS, pages),
    ]
    timed = interleaved([(name, cmd, repeats) for name, cmd, repeats, _ in plan])
    rows = {name: (*timed[name], n) for name, _, _, n in plan}
    sizes = (100, 300, 600)
    packs = {size: build_pack(size) for size in sizes}
    grown = interleaved([(f"{kind} at {size} pages", cmd, REPEATS) for size in sizes for kind, cmd in (
        ("pipeline", pipeline(packs[size])), ("text", baseline_command("text", str(packs[size]))))])
    growth = {size: (grown[f"pipeline at {size} pages"][0], grown[f"text at {size} pages"][0]) for size in sizes}
    width = max(len(n) for n in rows)
    print(f"{'workload'.ljust(width)}  pages  median s  peak MB")
    for name, (seconds, mb, n) in rows.items():
        print(f"{name.ljust(width)}  {n:5d}  {seconds:8.2f}  {mb:7.0f}")
    pack_s = rows["pipeline on the pack"][0]
    alone_s = rows["pipeline on the appendix alone"][0]
    vector_s = rows["camelot lattice, vector engine, all pages"][0]
    default_alone_s = rows["camelot lattice, default engine, appendix alone"][0]
    peak = max(rows["pipeline on the pack"][1], rows["pipeline on the appendix alone"][1])
    print("\ntargets (medians of the same run):")
    checks = [
        (f"pack / camelot vector lattice on all pages = {pack_s / vector_s:.3f}", pack_s / vector_s <= 0.2, "≤ 0.2"),
        (f"appendix alone / camelot default lattice alone = {alone_s / default_alone_s:.2f}",
         alone_s / default_alone_s <= 1.0, "≤ 1.0"),
        (f"peak memory of the pipeline = {peak:.0f} MB", peak <= 400, "≤ 400 MB"),
    ]
    for text, ok, target in checks:
        print(f"  {'met ' if ok else 'MISSED'}  {text}  (target {target})")
    print("\ngrowth with pack size (pipeline / text floor, seconds):")
    for size, (p, t) in growth.items():
        print(f"  {size:4d} pages  {p:6.2f}  {t:6.2f}")
    pipeline_slope = slope([(size, p) for size, (p, _) in growth.items()])
    floor_slope = slope([(size, t) for size, (_, t) in growth.items()])
    print(f"  slope (least squares): pipeline {pipeline_slope * 1000:.1f} ms/page, "
          f"text floor {floor_slope * 1000:.1f} ms/page")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
