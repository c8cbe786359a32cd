"""``python -m fuzz pdf|appendix``: mutated PDFs, or random appendices scored against their truth.

Examples:
    python -m fuzz pdf --n 500 --seed 1        (make fuzz-pdf N=500 SEED=1)
    python -m fuzz appendix --n 200 --seed 1   (make fuzz N=200 SEED=1)
    python -m fuzz appendix --n 50 --scan      (make fuzz N=50 SCAN=1: every print scanned, then OCR'd)
    python -m fuzz appendix --seed 17 --n 1 --keep /tmp/v17   # rebuild one variant and keep its files
    python -m fuzz appendix --n 50 --scan --scores before.csv   # each variant's score, to compare two runs

``pdf`` prints ok / clean error / other; every "other" is listed with its file name, which names the seed
and the mutation that rebuild it (fuzz/mutants.py); exit status 1 if any is "other". ``appendix`` prints
accuracy per field and per value of each print dimension, silent errors, false name matches and the
worst variants with their seeds.
"""
from __future__ import annotations

import argparse
import logging
import sys
import tempfile
from collections import Counter
from pathlib import Path

from samples.generator.producers import ALL_PRODUCERS

from .mutants import make_mutants
from .run_mutants import ROOT, run_mutant

SOURCES = ["current", "numbered", "borderless", "next-version"]
log = logging.getLogger("fuzz")


def fuzz_appendices(n: int, seed: int, keep: Path | None, producer: str | None = None, scan: bool = False,
                    scores_csv: Path | None = None) -> int:
    from .appendices import report, score_variant, write_scores

    for noisy in ("pipeline", "extract", "normalise"):
        logging.getLogger(noisy).setLevel(logging.ERROR)
    scores = []
    with tempfile.TemporaryDirectory(prefix="fuzz-appendix-") as tmp:
        for k, s in enumerate(range(seed, seed + n), start=1):
            folder = (keep or Path(tmp)) / f"random-{s}"
            scores.append(score_variant(s, folder, producer, scan))
            if k % 10 == 0:
                log.info("%d of %d variants", k, n)
    if scores_csv:
        write_scores(scores, scores_csv)
    print(report(scores))
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m fuzz", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("what", choices=["pdf", "appendix"],
                        help="pdf: mutated PDFs through appendix run; appendix: random appendices against truth")
    parser.add_argument("--n", type=int, default=500, help="mutants in all (default 500)")
    parser.add_argument("--seed", type=int, default=1, help="the seed the mutants are drawn from (default 1)")
    parser.add_argument("--keep", type=Path, help="with appendix: keep each variant's PDF, truth and output here")
    parser.add_argument("--producer", choices=ALL_PRODUCERS,
                        help="with appendix: print every variant with this producer (default: drawn per seed)")
    parser.add_argument("--scan", action="store_true",
                        help="with appendix: scan every print (the seed's profile: 150–300 dpi, skew per page, a "
                             "page fed sideways, JPEG, speckle, photocopy darkening, a stamp); the pipeline OCRs it")
    parser.add_argument("--scores", type=Path, metavar="CSV",
                        help="with appendix: write each variant's score here (seed, accuracy, silent, error, hits "
                             "per field, dimensions), to compare two runs variant by variant")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(message)s", stream=sys.stderr)
    if args.what == "appendix":
        return fuzz_appendices(args.n, args.seed, args.keep, args.producer, args.scan, args.scores)
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
