"""``python -m bench.batch`` (``make bench-batch``): corpus mode against one process per PDF.

Example:
    python -m bench.batch --n 60               # 60 PDFs, 10 % of them scans with a text layer
    BENCH_N=300 BENCH_ROUNDS=1 make bench-batch

Builds a corpus from the sample PDFs (born-digital ones in turn, every tenth a scan), then times, as whole
processes: ``appendix batch`` with 1 and 2 LocalCluster workers (in rounds, medians); ``appendix run`` over
the folder (what ``make all PDF_DIR=`` runs) and two of them over its halves at once (what ``make -j2`` did); a cold
``appendix run`` of one appendix against camelot's vector lattice alone on it. Prints PDFs per minute,
peak memory per worker, per-task overhead against the tasks' own time, the warm-worker ratio and the
scaling ratio, each against its target.
"""
from __future__ import annotations

import argparse
import csv
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import psutil

from .workloads import baseline_command

ROOT = Path(__file__).resolve().parent.parent
BORN_DIGITAL = ["current", "numbered", "borderless", "next-version", "rotated"]
SCANNED = "scanned"
# The pipeline as `make all` installs it ($BENCH_RUN_PYTHON: make bench-batch builds that venv, .venv-run).
APPENDIX = [os.environ.get("BENCH_RUN_PYTHON") or sys.executable, "-m", "pipeline"]


def build_corpus(folder: Path, n: int) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    out = []
    for i in range(n):
        name = SCANNED if i % 10 == 9 else BORN_DIGITAL[i % len(BORN_DIGITAL)]
        path = folder / f"corpus-{i:04d}-{name}.pdf"
        shutil.copy(ROOT / "samples" / name / f"{name}.pdf", path)
        out.append(path)
    return out


class PeakMemory(threading.Thread):
    """Samples the resident memory of every process under a root, keeping each one's peak (MB)."""

    def __init__(self, root: int):
        super().__init__(daemon=True)
        self.root = root
        self.peaks: dict[int, float] = {}
        self.done = threading.Event()

    def run(self) -> None:
        while not self.done.wait(0.1):
            try:
                procs = [psutil.Process(self.root), *psutil.Process(self.root).children(recursive=True)]
            except psutil.NoSuchProcess:
                return
            for p in procs:
                try:
                    self.peaks[p.pid] = max(self.peaks.get(p.pid, 0.0), p.memory_info().rss / 2**20)
                except psutil.NoSuchProcess:
                    pass


def timed(cmds: list[list[str]]) -> tuple[float, dict[int, float]]:
    """Wall seconds for commands run at once, and the peak MB of every process they started."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    start = time.perf_counter()
    procs = [subprocess.Popen(c, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE) for c in cmds]
    watchers = [PeakMemory(p.pid) for p in procs]
    for w in watchers:
        w.start()
    for cmd, p in zip(cmds, procs):
        _, err = p.communicate()
        if p.returncode not in (0, 2):  # 2: some PDF failed, which batch.csv records
            raise SystemExit(f"bench: {' '.join(cmd)} failed:\n{err.decode()[-2000:]}")
    seconds = time.perf_counter() - start
    peaks: dict[int, float] = {}
    for w in watchers:
        w.done.set()
        w.join()
        peaks.update(w.peaks)
    return seconds, peaks


def task_seconds(dataset: Path) -> dict[str, float]:
    with (dataset / "batch.csv").open(newline="", encoding="utf-8") as f:
        return {r["source_file"]: float(r["seconds"]) for r in csv.DictReader(f)}


def median_of(cmd: list[str], repeats: int = 3) -> float:
    return statistics.median(timed([cmd])[0] for _ in range(repeats))


def verdict(ok: bool) -> str:
    return "met  " if ok else "MISSED"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.batch", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--n", type=int, default=int(os.environ.get("BENCH_N") or 60), help="PDFs in the corpus")
    parser.add_argument("--rounds", type=int, default=int(os.environ.get("BENCH_ROUNDS") or 3),
                        help="rounds of the two batch workloads, whose medians are reported (default 3)")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="bench-batch-") as tmp_name:
        tmp = Path(tmp_name)
        pdfs = build_corpus(tmp / "corpus", args.n)
        rows = []
        results: dict[str, float] = {}
        runs: dict[int, list[tuple[float, float, float]]] = {1: [], 2: []}  # (seconds, tasks' sum, peak MB)
        warms: list[float] = []
        # The two batch workloads in rounds, 1 worker then 2, medians of the rounds: the machine's speed
        # drifts from minute to minute, and a slow minute then slows both alike.
        for round_ in range(args.rounds):
            for workers in (1, 2):
                dataset = tmp / f"ds{workers}-{round_}"
                seconds, peaks = timed([[*APPENDIX, "batch", str(tmp / "corpus"), "--out", str(dataset),
                                         "--workers", str(workers)]])
                # The client and scheduler live in the batch process itself; its children are the workers.
                tasks = task_seconds(dataset)
                runs[workers].append((seconds, sum(tasks.values()), max(sorted(peaks.values())[-workers:])))
                if workers == 1:
                    warms += [s for name, s in tasks.items() if name.endswith("current.pdf")]
        for workers in (1, 2):
            results[f"batch{workers}"] = statistics.median(r[0] for r in runs[workers])
            results[f"tasks{workers}"] = statistics.median(r[1] for r in runs[workers])
            rows.append((f"appendix batch, {workers} worker{'s' if workers > 1 else ''}", results[f"batch{workers}"],
                         max(r[2] for r in runs[workers])))
        warm = statistics.median(warms)
        seconds, peaks = timed([[*APPENDIX, "run", str(tmp / "corpus"), "--out", str(tmp / "serial")]])
        results["serial"] = seconds
        rows.append(("appendix run over the folder (make all PDF_DIR=)", seconds, max(peaks.values())))
        halves = [pdfs[: len(pdfs) // 2], pdfs[len(pdfs) // 2:]]
        seconds, peaks = timed([[*APPENDIX, "run", *map(str, h), "--out", str(tmp / f"half{i}")]
                                for i, h in enumerate(halves)])
        results["halves"] = seconds
        rows.append(("two appendix run processes at once (make -j2)", seconds, max(peaks.values())))
        small = [*APPENDIX, "batch", str(pdfs[1]), "--out", str(tmp / "startup"), "--workers", "1"]
        startup_total = timed([small])[0]
        startup = startup_total - sum(task_seconds(tmp / "startup").values())
        current = ROOT / "samples" / "current" / "current.pdf"
        # Each cold run writes to a fresh folder: a second run into the same one would reuse its raw/.
        cold = statistics.median(timed([[*APPENDIX, "run", str(current), "--out", str(tmp / f"cold{i}")]])[0]
                                 for i in range(3))
        camelot = median_of(baseline_command("camelot", str(current), "vector"))

    print(f"corpus: {args.n} PDFs ({sum(1 for p in pdfs if SCANNED in p.name)} scans), 2-core machine; "
          f"batch rows: medians of {args.rounds} rounds (2 workers / 1: "
          f"{', '.join(f'{a[0] / b[0]:.2f}' for a, b in zip(runs[1], runs[2]))} round by round)")
    print(f"{'workload':52} {'seconds':>8} {'PDFs/min':>9} {'peak MB/process':>16}")
    for name, seconds, peak in rows:
        print(f"{name:52} {seconds:8.1f} {args.n / seconds * 60:9.1f} {peak:16.0f}")
    scaling = results["batch1"] / results["batch2"]
    overhead = statistics.median((seconds - startup - tasks) / tasks for seconds, tasks, _ in runs[1])
    print(f"cluster start-up and shut-down: {startup:.1f} s; cold appendix run of current.pdf: {cold:.2f} s; "
          f"camelot vector lattice alone: {camelot:.2f} s; warm worker on current.pdf: {warm:.2f} s")
    print(f"  {verdict(scaling >= 1.8)} 2 workers / 1 worker throughput = {scaling:.2f}  (target ≥ 1.8)")
    print(f"  {verdict(overhead <= 0.05)} per-task overhead = {overhead * 100:.1f} % of the tasks' own time  "
          "(target ≤ 5 %)")
    print(f"  {verdict(warm <= 0.5 * cold)} warm worker / cold run = {warm / cold:.2f}  (target ≤ 0.5)")
    print(f"  {verdict(cold <= camelot)} cold run / camelot vector lattice = {cold / camelot:.2f}  (target ≤ 1.0)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
