"""Random appendices through the pipeline, scored against their truth: accuracy per field and per value of
each print dimension (so a failure points at a mechanism), silent errors (wrong and not flagged for
review), false name matches, and the worst variants with the seed that rebuilds each."""
from __future__ import annotations

import csv
import json
import logging
import time
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from extract import ExtractSettings, InputError
from pipeline.regress import compare
from pipeline.run import run_pdf
from samples.generator.producers import write_variant
from samples.generator.random_expected import write_random_expected

log = logging.getLogger(__name__)
FIELDS = ["plan", "theme", "action_id", "action", "lead_teams", "partners", "start_date", "start_ongoing",
          "end_date", "end_ongoing", "start_raw", "end_raw", "delivery_periods", "delivery_source", "source_pages",
          "needs_review"]


@dataclass
class Score:
    seed: int
    dimensions: dict[str, str]
    rows: int = 0
    hits: dict[str, int] = field(default_factory=dict)
    silent: int = 0  # fields wrong in a row not flagged for review (a missing row: all its fields)
    cells: int = 0
    silent_of: int = 0  # the fields the silent count is taken over (0: the same as cells)
    false_matches: int = 0
    new_names: int = 0
    extra: float = 1.0
    names: float = 1.0
    error: str = ""
    seconds: float = 0.0
    generated: bool = True  # False: the generator could not print this variant (not a pipeline result)

    @property
    def accuracy(self) -> float:
        if self.error:
            return 0.0
        fields = sum(self.hits.values()) / self.cells if self.cells else 1.0
        return (fields + self.names + self.extra) / 3


def read(path: Path) -> list[dict[str, str]]:
    with path.open(newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def score_variant(seed: int, folder: Path, producer: str | None = None, scan: bool = False) -> Score:
    """Seed ``seed``'s appendix printed by ``producer`` (drawn from the seed when None), scanned with the
    seed's scan profile where ``scan``, read and scored."""
    pdf = folder / f"random-{seed}.pdf"
    try:
        doc, dimensions = write_variant(seed, pdf, producer, scan)
    except Exception as exc:  # the generator's own failure: reported apart, never scored as the pipeline's
        log.warning("seed %d: the generator failed: %s", seed, exc)
        return Score(seed, {"producer": producer or "?"}, error=f"not generated: {type(exc).__name__}: {exc}",
                     generated=False)
    expected = write_random_expected(doc, pdf.name, folder / "expected", dimensions, compare_printed=not scan)
    score = Score(seed, dimensions, rows=len(doc.actions))
    t0 = time.perf_counter()
    try:
        out = run_pdf(pdf, folder / "out", ExtractSettings(workers=1))
    except Exception as exc:  # a clean error, or a crash (a finding: reported with its seed, the run goes on)
        if not isinstance(exc, InputError):
            log.exception("seed %d crashed", seed)
        score.error = str(exc) if isinstance(exc, InputError) else f"crash: {type(exc).__name__}: {exc}"
        score.cells = len(doc.actions) * len(FIELDS)
        # Nothing read: every field is lost, and silently so unless the run said why in a clean error.
        score.silent = 0 if isinstance(exc, InputError) else score.cells
        return score
    finally:
        score.seconds = time.perf_counter() - t0
    result = compare(doc.name, expected, out)
    score.hits = {f: result.field_hits.get(f, 0) for f in FIELDS}
    score.false_matches, score.new_names = result.false_matches, result.new_names
    score.names = sum(result.name_scores.values()) / len(result.name_scores)
    # Wrong and not flagged (a missing row counts whole unless a doubt names it), counted by the regression
    # harness over every column of actions.csv (source_file too), and so rated over that many.
    score.silent, score.silent_of = result.silent, len(doc.actions) * len(result.field_hits)
    score.cells = len(doc.actions) * len(FIELDS)
    want = Counter((r["plan"], r["action_id"], r["column"], r["value"]) for r in read(expected / "extra.csv"))
    have = Counter((r["plan"], r["action_id"], r["column"], r["value"]) for r in read(out / "extra.csv"))
    total = max(sum(want.values()), sum(have.values()))
    score.extra = sum((want & have).values()) / total if total else 1.0
    return score


def write_scores(scores: list[Score], path: Path) -> None:
    """One row per variant: its seed, accuracy, silent count, error, hits per field, extra and names scores
    and print dimensions, so two runs can be compared variant by variant."""
    dims = sorted({d for s in scores for d in s.dimensions})
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", newline="", encoding="utf-8") as f:
        out = csv.writer(f)
        out.writerow(["seed", "accuracy", "rows", "silent", "error", "seconds", "extra", "names", *FIELDS, *dims])
        for s in scores:
            out.writerow([s.seed, f"{s.accuracy:.4f}", s.rows, s.silent, s.error, f"{s.seconds:.1f}",
                          f"{s.extra:.4f}", f"{s.names:.4f}", *(s.hits.get(f, 0) for f in FIELDS),
                          *(s.dimensions.get(d, "") for d in dims)])


def report(scores: list[Score], worst: int = 10) -> str:
    lines = []
    skipped = [s for s in scores if not s.generated]
    scores = [s for s in scores if s.generated]
    if skipped:
        lines.append(f"not generated (the generator failed, not scored): {len(skipped)}: "
                     + "; ".join(f"seed {s.seed} {s.error}" for s in skipped))
    if not scores:
        return "\n".join(lines)
    rows = sum(s.rows for s in scores)
    cells = sum(s.silent_of or s.cells for s in scores)
    mean = sum(s.accuracy for s in scores) / len(scores)
    lines.append(f"variants: {len(scores)} (seeds {min(s.seed for s in scores)}–{max(s.seed for s in scores)}), "
                 f"{rows} actions; errors: {sum(1 for s in scores if s.error)}")
    lines.append(f"mean accuracy {mean:.4f}; lowest {min(s.accuracy for s in scores):.4f}; "
                 f"silent errors {sum(s.silent for s in scores)} of {cells} fields "
                 f"({100 * sum(s.silent for s in scores) / cells:.2f} %); false name matches "
                 f"{sum(s.false_matches for s in scores)} of {sum(s.new_names for s in scores)} new names")
    lines.append("field accuracy: " + ", ".join(
        f"{f} {sum(s.hits.get(f, 0) for s in scores) / rows:.3f}" for f in FIELDS)
        + f", leads/partners tables {sum(s.names for s in scores) / len(scores):.3f}"
        + f", extra {sum(s.extra for s in scores) / len(scores):.3f}")
    by_value: dict[tuple[str, str], list[Score]] = defaultdict(list)
    for s in scores:
        for dim, value in s.dimensions.items():
            by_value[(dim, value)].append(s)
    lines.append(f"{'dimension':16} {'value':22} {'variants':>8} {'mean':>7} {'lowest':>7} {'silent %':>8}")
    for (dim, value), group in sorted(by_value.items()):
        group_cells = sum(s.silent_of or s.cells for s in group) or 1
        lines.append(f"{dim:16} {value:22} {len(group):8d} {sum(s.accuracy for s in group) / len(group):7.4f} "
                     f"{min(s.accuracy for s in group):7.4f} {100 * sum(s.silent for s in group) / group_cells:8.2f}")
    silent = sorted((s for s in scores if s.silent), key=lambda s: -s.silent)
    if silent:
        # Every variant with a silent error, not only the worst: a silent error is the one that matters most.
        lines.append("silent errors in: " + ", ".join(f"seed {s.seed} ({s.silent})" for s in silent))
    lines.append("worst variants (rebuild: python -m fuzz appendix --seed SEED --n 1):")
    for s in sorted(scores, key=lambda s: s.accuracy)[:worst]:
        what = s.error or ", ".join(f"{f} {s.hits.get(f, 0)}/{s.rows}" for f in FIELDS
                                    if s.hits.get(f, 0) < s.rows)
        lines.append(f"  seed {s.seed}: {s.accuracy:.4f} silent {s.silent}  {what}  {json.dumps(s.dimensions)}")
    return "\n".join(lines)
