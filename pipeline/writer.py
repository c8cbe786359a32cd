"""A run's files (raw/, the tables, the workbook, report.html) written by a forked process that readies the
writing libraries while this one extracts and normalises.

Why: a cold run spent 0.15 s importing what only writing needs (pyarrow and numpy, xlsxwriter, Jinja2 and
Pillow) and 0.2 s rendering and writing after normalise, all in line with the work that reads the PDF. The
writer is forked as the run starts and imports those while the PDF is read; it writes raw/ and renders the
report's page pictures while normalise runs; the tables and the report follow as soon as normalise hands
them over. Nothing is pickled on the way in but the extraction and the normalised tables (a few hundred KB).

Where the platform cannot fork, in a daemon process (a dask worker's: corpus mode's parallelism is the
cluster's), or when the writer fails in any way (an exception, killed, no word back), the same files are
written in this process by the same functions: the files are the same, and an error is raised where the run
can report it. The caller publishes the folder only after :meth:`Writer.finish`.
"""
from __future__ import annotations

import json
import logging
import multiprocessing
from dataclasses import dataclass
from multiprocessing.connection import Connection
from pathlib import Path
from typing import TYPE_CHECKING, Any

from extract.run import Extraction
from normalise.build import Built
from normalise.corrections import CorrectionLog

if TYPE_CHECKING:
    from .page_images import PagePictures

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class WriteJob:
    """Where and what to write, besides the extraction and the normalised tables."""

    folder: Path  # the run's staging folder
    pdf: Path
    password: str | None
    stem: str
    vocab_dir: str | None
    raw_fingerprint: str | None  # the extract code's, for raw/manifest.json; None: raw/ is reused, not written
    corpus: bool  # raw/ only: corpus mode writes its dataset from the normalised tables itself


def get_ready() -> None:
    """Import what writing needs, look up the library versions raw/ records, and load the report's compiled
    templates: the writer's first tenths of a second, spent while the run reads the PDF."""
    from extract.run import library_versions
    from normalise.write import write_tables  # noqa: F401 - pyarrow, numpy and xlsxwriter come with it

    from .page_images import PagePictures  # noqa: F401 - Pillow
    from .report import environment

    library_versions()
    environment().get_template("extraction.html.j2")


def write_raw_folder(job: WriteJob, extraction: Extraction) -> None:
    from extract.raw_io import write_raw

    write_raw(extraction, job.folder / "raw")
    manifest_path = job.folder / "raw" / "manifest.json"
    manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
    manifest["code_fingerprint"] = job.raw_fingerprint
    manifest_path.write_text(json.dumps(manifest, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


def before_normalised(job: WriteJob, extraction: Extraction) -> PagePictures | None:
    """What needs only the extraction: raw/ (unless reused), and the report's page pictures."""
    if job.raw_fingerprint is not None:
        write_raw_folder(job, extraction)
    if job.corpus:
        return None
    from .page_images import PagePictures

    return PagePictures.for_report(job.pdf, job.password, extraction)


def after_normalised(job: WriteJob, extraction: Extraction, pictures: PagePictures | None, built: Built,
                     corrections: CorrectionLog) -> None:
    """The tables, the workbook and the report (none in corpus mode, which has no pictures)."""
    if pictures is None:
        return
    from normalise.write import write_tables

    from .report import write_report

    write_tables(built, corrections, job.folder, job.stem, extraction.source_file)
    write_report(job.folder, job.pdf.name, built, corrections, pictures, job.vocab_dir)


def serve(inbox: Connection, outbox: Connection, job: WriteJob) -> None:
    """The writer process: ready, then the extraction, then the normalised tables; ``True`` back when every
    file is written. On any failure nothing is sent, and the run writes the files itself."""
    try:
        get_ready()
        extraction = inbox.recv()
        pictures = before_normalised(job, extraction)
        built, corrections = inbox.recv()
        after_normalised(job, extraction, pictures, built, corrections)
        outbox.send(True)
    except BaseException:  # noqa: BLE001 - the run writes the files itself, and reports what goes wrong
        pass


def can_fork() -> bool:
    # A daemon process (a dask worker's) may not have children.
    return "fork" in multiprocessing.get_all_start_methods() and not multiprocessing.current_process().daemon


class Writer:
    """The run's files, written beside it (see the module's text). Use as a context manager around the run:
    on leaving, a writer still at work (the run stopped early: an error, a limit, an interrupt) is killed
    before the caller removes its staging folder."""

    def __init__(self, job: WriteJob, fork: bool = True):
        self.job = job
        self.extraction: Extraction | None = None
        self.normalised: tuple[Built, CorrectionLog] | None = None
        self.process: Any = None
        self.inbox: Connection | None = None  # the writer's word back
        self.outbox: Connection | None = None  # to the writer
        if fork and can_fork():
            context = multiprocessing.get_context("fork")
            their_inbox, self.outbox = context.Pipe(duplex=False)
            self.inbox, their_outbox = context.Pipe(duplex=False)
            self.process = context.Process(target=serve, args=(their_inbox, their_outbox, job), daemon=True,
                                           name="appendix-writer")
            self.process.start()
            # Only the writer keeps these ends open, so its end (or its death) is seen here as an end of file.
            their_inbox.close()
            their_outbox.close()

    def send(self, message: object) -> None:
        if self.outbox is not None:
            try:
                self.outbox.send(message)
            except OSError:  # the writer is gone: finish() writes the files here
                self.close()

    def extracted(self, extraction: Extraction) -> None:
        self.extraction = extraction
        self.send(extraction)

    def normalised_to(self, built: Built, corrections: CorrectionLog) -> None:
        self.normalised = (built, corrections)
        self.send(self.normalised)

    def finish(self) -> None:
        """Every file written: by the writer, or here where it could not."""
        if self.extraction is None or self.normalised is None:
            raise RuntimeError("the writer finishes after the extraction and the normalised tables")
        if self.inbox is not None:
            try:
                if self.inbox.recv() is True:
                    self.close()
                    return
            except (EOFError, OSError):
                pass
            log.debug("%s: the writer process stopped short; writing the files here", self.job.pdf.name)
        self.close()
        pictures = before_normalised(self.job, self.extraction)
        after_normalised(self.job, self.extraction, pictures, *self.normalised)

    def close(self) -> None:
        if self.process is not None:
            if self.process.is_alive():
                self.process.kill()
            self.process.join()
            self.process = None
        for end in (self.inbox, self.outbox):
            if end is not None:
                end.close()
        self.inbox = self.outbox = None

    def __enter__(self) -> Writer:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
