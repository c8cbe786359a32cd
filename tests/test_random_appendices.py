"""A fixed set of random appendices (the generator's seeds 500–519, not the ones the pipeline was tuned on)
read as their truth says: every variant at 0.95 or better, no value wrong without a review flag, no false
name match. ``make fuzz`` runs the same scoring over 200 seeds."""
from __future__ import annotations

from pathlib import Path

import pytest

from fuzz.appendices import score_variant
from samples.generator.producers import CANVAS_PRODUCERS, draw_producer

SEEDS = range(500, 520)


@pytest.mark.parametrize("seed", SEEDS)
def test_random_appendix_reads_as_its_truth(seed: int, tmp_path: Path) -> None:
    # Drawn by reportlab (fast, no external tools); the other producers' variants are committed samples.
    score = score_variant(seed, tmp_path, draw_producer(seed, CANVAS_PRODUCERS))
    assert not score.error, score.error
    assert score.accuracy >= 0.95, (score.accuracy, score.hits, score.dimensions)
    assert score.silent == 0, f"{score.silent} fields wrong and not flagged for review ({score.dimensions})"
    assert score.false_matches == 0
