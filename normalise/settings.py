"""Normalise settings in one validated dataclass."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class NormaliseSettings:
    """Thresholds for name matching (rapidfuzz scores, 0–100).

    At or above ``accept``: the canonical name, certain. From ``review`` up to ``accept``: the canonical
    name, but the row is flagged ``needs_review``. Below ``review``: kept as printed, listed in unmatched.csv.
    """

    accept: float = 90.0
    review: float = 84.0
    # How much an unmatched stretch of text is worth per character against a matched one (0–1);
    # lower makes the segmenter keener to read a cell as known names.
    unmatched_weight: float = 0.5
    theme_accept: float = 90.0
    # An OCR'd field with a word tesseract read below this confidence (0–100) is flagged for review.
    ocr_confidence: float = 50.0
    # An analyst's folder of vocabulary and canonical CSVs (each replaces the package's) and overrides.csv.
    vocab_dir: str | None = None

    @property
    def vocab_path(self) -> Path | None:
        return Path(self.vocab_dir) if self.vocab_dir else None

    def __post_init__(self) -> None:
        if not 0 < self.review <= self.accept <= 100:
            raise ValueError("need 0 < review <= accept <= 100")
        if not 0 <= self.ocr_confidence <= 100:
            raise ValueError("ocr_confidence must be from 0 to 100")
        if not 0 < self.unmatched_weight < self.review / 100:
            raise ValueError("unmatched_weight must be positive and below review/100")
