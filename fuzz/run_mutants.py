"""Run mutants through ``appendix run`` one process each, and classify what happened.

``ok``: exit 0, the output written, nothing on stderr but our own ``warning:`` lines. ``clean error``:
a non-zero exit (not a signal), exactly one ``error: <file>: …`` line, and the earlier output of the
same name (planted before the run) untouched. Anything else — a traceback, a signal, a second line, a
library's warning, a touched earlier output — is a finding.
"""
from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SENTINEL = "earlier-output.txt"


@dataclass(frozen=True)
class Outcome:
    pdf: str
    kind: str  # ok | clean error | other
    detail: str


def appendix_command() -> list[str]:
    installed = Path(sys.executable).parent / "appendix"
    return [str(installed)] if installed.exists() else [sys.executable, "-m", "pipeline"]


def digest(folder: Path) -> str:
    h = hashlib.sha256()
    for p in sorted(folder.rglob("*")):
        if p.is_file():
            h.update(str(p.relative_to(folder)).encode() + p.read_bytes())
    return h.hexdigest()


def run_mutant(pdf: Path, out: Path, timeout: float = 300, extra: tuple[str, ...] = ()) -> Outcome:
    earlier = out / pdf.stem
    earlier.mkdir(parents=True, exist_ok=True)
    (earlier / SENTINEL).write_text("an earlier good output\n", encoding="utf-8")
    before = digest(earlier)
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    try:
        result = subprocess.run([*appendix_command(), "run", str(pdf), "--out", str(out), "--max-seconds", "120",
                                 "--max-memory-mb", "2048", *extra], capture_output=True, text=True, timeout=timeout,
                                env=env, stdin=subprocess.DEVNULL)
    except subprocess.TimeoutExpired:
        return Outcome(pdf.name, "other", f"no answer in {timeout:g} s")
    lines = [ln for ln in result.stderr.splitlines() if ln.strip()]
    leftovers = [p.name for p in out.iterdir() if p.name.startswith(".tmp-")]
    if result.returncode < 0:
        return Outcome(pdf.name, "other", f"killed by signal {-result.returncode}")
    if leftovers:
        return Outcome(pdf.name, "other", f"left staging folders {leftovers}")
    if result.returncode == 0:
        foreign = [ln for ln in lines if not ln.startswith("warning: ")]
        if foreign:
            return Outcome(pdf.name, "other", f"exit 0 with stderr: {foreign[:3]}")
        if not (earlier / "actions.parquet").is_file():
            return Outcome(pdf.name, "other", "exit 0 but no actions.parquet")
        return Outcome(pdf.name, "ok", "")
    if len(lines) != 1 or not lines[0].startswith(f"error: {pdf.name}: ") or "Traceback" in result.stderr:
        return Outcome(pdf.name, "other", f"exit {result.returncode}, stderr: {lines[:4]}")
    if digest(earlier) != before:
        return Outcome(pdf.name, "other", "a failed run touched the earlier output")
    if "internal error" in lines[0]:
        return Outcome(pdf.name, "other", lines[0])
    return Outcome(pdf.name, "clean error", lines[0])
