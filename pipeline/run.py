"""One PDF → ``OUT/<stem>/``: extract (reused when the PDF and extract code are unchanged), normalise, publish."""
from __future__ import annotations

import hashlib
import json
import logging
import shutil
from dataclasses import dataclass
from pathlib import Path

from extract import ExtractSettings, extract_pdf
from extract.document import check_openable
from extract.run import Extraction, file_sha256
from normalise.build import Built
from normalise.corrections import REVIEW_RULES, CorrectionLog
from normalise.run import log_summary, normalise_extraction
from normalise.settings import NormaliseSettings
from normalise.vocabulary import vocabulary_files

from .publish import check_stem, publish, staging
from .writer import WriteJob, Writer

log = logging.getLogger(__name__)
ROOT = Path(__file__).resolve().parent.parent


def files_fingerprint(paths: list[Path]) -> str:
    """A short hash of files' names and contents, in the order given."""
    digest = hashlib.sha256()
    for path in paths:
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def code_fingerprint(settings: ExtractSettings | None = None) -> str:
    """A hash of the extract stage's code and the header vocabulary it selects pages with (the analyst's
    own headers.csv where ``settings`` names a vocabulary folder that has one)."""
    headers = vocabulary_files(settings.vocab_path if settings else None)["headers.csv"]
    return files_fingerprint(sorted((ROOT / "extract").glob("*.py")) + [headers])


def reusable_raw(pdf: Path, previous: Path, settings: ExtractSettings) -> Extraction | None:
    """The earlier run's raw/ when its PDF, settings and extract code are all the same as now."""
    manifest_path = previous / "raw" / "manifest.json"
    if not manifest_path.exists():
        return None
    try:
        manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
        same = (manifest.get("sha256") == file_sha256(pdf)
                and manifest.get("code_fingerprint") == code_fingerprint(settings)
                and manifest.get("settings", {}).get("flavor") == settings.flavor
                and manifest.get("settings", {}).get("engine") == settings.engine)
        if not same:
            return None
        from extract.raw_io import read_raw  # pyarrow: imported here, as a rerun of the same PDF needs it

        return read_raw(previous / "raw")
    except (OSError, ValueError, KeyError, TypeError):
        return None


@dataclass(frozen=True)
class RunResult:
    """A run's published folder, and what it was made from (for pages that show where values were printed)."""

    folder: Path
    extraction: Extraction
    built: Built
    corrections: CorrectionLog


def run_pdf(pdf: Path, out: Path, settings: ExtractSettings, corpus: bool = False) -> Path:
    """One PDF → ``out/<stem>/``; the normalise stage uses the same vocabulary folder as extract.
    ``corpus``: see :func:`run_pdf_result`."""
    return run_pdf_result(pdf, out, settings, corpus).folder


def run_pdf_result(pdf: Path, out: Path, settings: ExtractSettings, corpus: bool = False) -> RunResult:
    """One PDF → ``out/<stem>/``, returning the extraction and the clean tables too. The files are written
    by a ``Writer`` beside the run. ``corpus``: corpus mode, where the cluster's processes are the
    parallelism and the dataset is the caller's to write from the result: only raw/ is written, in this
    process (no tables, workbook or report.html)."""
    stem = pdf.stem
    check_stem(stem, pdf.name)
    final = out / stem
    # Even when raw/ can be reused, the PDF must still open as given (a wrong password is an error).
    check_openable(pdf, settings.password)
    with staging(out, stem) as tmp:
        extraction = reusable_raw(pdf, final, settings)
        fingerprint = None if extraction is not None else code_fingerprint(settings)
        job = WriteJob(tmp, pdf, settings.password, stem, settings.vocab_dir, fingerprint, corpus)
        with Writer(job, fork=not corpus) as writer:
            if extraction is not None:
                log.info("%s: PDF and extract code unchanged, reusing raw/", pdf.name)
                shutil.copytree(final / "raw", tmp / "raw")
            else:
                extraction = extract_pdf(pdf, settings)
            extraction.source_file = pdf.name
            writer.extracted(extraction)
            built, corrections = normalise_extraction(extraction, NormaliseSettings(vocab_dir=settings.vocab_dir))
            writer.normalised_to(built, corrections)
            writer.finish()
        log_summary(stem, built, corrections)
        publish(tmp, final)
    warning = review_summary(corrections.rules(), sum(1 for a in built.actions if a["needs_review"]))
    if warning:
        log.warning("warning: %s: %s", pdf.name, warning)
    return RunResult(final, extraction, built, corrections)


def review_summary(rules: dict[str, int], rows: int) -> str:
    """One line for the warnings that are not errors: what to look at, and where."""
    parts = [f"{n} × {REVIEW_RULES[r]}" for r, n in sorted(rules.items()) if r in REVIEW_RULES]
    if not parts and not rows:
        return ""
    return f"{rows} rows need review ({', '.join(parts) or 'flagged corrections'}); see corrections.csv"
