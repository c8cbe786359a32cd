"""``python -m fuzz pdf [--n 500] [--seed 1]``: mutated sample PDFs through ``appendix run``, counted.

Example:
    python -m fuzz pdf --n 500 --seed 1        (make fuzz-pdf N=500 SEED=1)

Prints ok / clean error / other; every "other" is listed with its file name, which names the seed and
the mutation that rebuild it (fuzz/mutants.py). Exit status 1 if any is "other".
"""
from __future__ import annotations

import argparse
import logging
import sys
import tempfile
from collections import Counter
from pathlib import Path

from .mutants import make_mutants
from .run_mutants import ROOT, run_mutant

SOURCES = ["current", "numbered", "borderless", "next-version"]
log = logging.getLogger("fuzz")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m fuzz", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("what", choices=["pdf"], help="what to fuzz: pdf (mutated PDFs through appendix run)")
    parser.add_argument("--n", type=int, default=500, help="mutants in all (default 500)")
    parser.add_argument("--seed", type=int, default=1, help="the seed the mutants are drawn from (default 1)")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(message)s", stream=sys.stderr)
    counts: Counter[str] = Counter()
    others = []
    with tempfile.TemporaryDirectory(prefix="fuzz-pdf-") as tmp:
        share = -(-args.n // len(SOURCES))
        done = 0
        for name in SOURCES:
            n = min(share, args.n - done)
            mutants = make_mutants(ROOT / "samples" / name / f"{name}.pdf", Path(tmp) / name, n, args.seed)
            for pdf in mutants:
                outcome = run_mutant(pdf, Path(tmp) / "out")
                counts[outcome.kind] += 1
                if outcome.kind == "other":
                    others.append(outcome)
                done += 1
                if done % 25 == 0:
                    log.info("%d of %d: %s", done, args.n, dict(counts))
    print(f"mutants: {sum(counts.values())} (seed {args.seed})")
    for kind in ("ok", "clean error", "other"):
        print(f"  {kind:12} {counts[kind]}")
    for o in others:
        print(f"  other: {o.pdf}: {o.detail}")
    return 1 if others else 0


if __name__ == "__main__":
    raise SystemExit(main())
