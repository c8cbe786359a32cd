"""The regression corpus: every ``samples/<name>/`` with a PDF and ``expected/`` is one test case.
Every run also enforces conservation (no printed word lost without a corrections row)."""
from __future__ import annotations

import csv
from pathlib import Path

import frictionless
import pytest

from extract import ExtractSettings
from extract.ocr import tesseract
from normalise.corrections import REVIEW_RULES
from pipeline.regress import compare, sample_dirs, sample_settings
from pipeline.run import run_pdf


def case(sample: Path) -> object:
    settings = sample_settings(sample)
    marks = []
    if settings.get("needs") == "tesseract" and not tesseract():
        # Not silent: the reason is printed; CI installs tesseract-ocr (.ci/run), so there it always runs.
        marks.append(pytest.mark.skip(reason="needs tesseract for OCR: apt-get install tesseract-ocr"))
    if settings.get("xfail"):
        # Data, not code: the sample's document.json names the issue that will make it pass.
        marks.append(pytest.mark.xfail(reason=settings["xfail"], strict=True))
    return pytest.param(sample, id=sample.name, marks=marks)


def rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8") as f:
        return list(csv.DictReader(f))


@pytest.mark.parametrize("sample", [case(s) for s in sample_dirs()])
def test_sample_matches_expected(sample: Path, tmp_path: Path) -> None:
    folder = run_pdf(sample / f"{sample.name}.pdf", tmp_path, ExtractSettings())
    result = compare(sample.name, sample / "expected", folder)
    assert result.false_matches == 0, f"{result.false_matches} of {result.new_names} new names matched falsely"
    minimum = sample_settings(sample).get("min_accuracy", 1.0)
    assert result.found_rows == result.expected_rows, result.diff_text()
    if minimum >= 1.0:
        assert not result.diffs, result.diff_text()
    else:
        assert result.overall >= minimum, result.diff_text()
    # A field's own floor where the sample sets one (a scan's action text: OCR'd prose, repaired by lexicon).
    for name, least in sample_settings(sample).get("min_field_accuracy", {}).items():
        assert result.accuracy(name) >= least, f"{name}: {result.accuracy(name):.3f} < {least}\n{result.diff_text()}"
    # Silent errors (wrong and not flagged): none on a born-digital sample; a scan's own bound where it sets one.
    assert result.silent_rate <= sample_settings(sample).get("max_silent_rate", 0.0), result.diff_text()
    # A row flagged for review always says why: a corrections row of a review rule names it.
    reasons = {r["action_id"] for r in rows(folder / "corrections.csv") if r["rule"] in REVIEW_RULES}
    flagged = {a["action_id"] for a in rows(folder / "actions.csv") if a["needs_review"] == "true"}
    assert flagged <= reasons, f"flagged with no reason: {sorted(flagged - reasons)}"
    # Every sample's output is a valid Frictionless Data Package (types, primary and foreign keys).
    report = frictionless.validate(folder / "datapackage.json")
    assert report.valid, report.flatten(["resourcePath", "rowNumber", "fieldName", "type", "note"])[:10]
