"""``appendix``: the installed command (``python -m pipeline`` is the same).

Examples:
    appendix run samples/current/current.pdf                  → outputs/current/
    appendix run incoming/ "Appendix B - Action Plan.PDF" --out /data/clean
    appendix run 'incoming/*.pdf' --vocab ~/council-lists     # a glob, expanded without a shell
    appendix diff v1.pdf v2.pdf --out outputs                 → outputs/diff-v1-vs-v2/changes.csv
    appendix batch corpus/ manifest.csv --out dataset --workers 2
    appendix regress
    appendix --version
"""
from __future__ import annotations

import argparse
import gc
import logging
import os
import signal
import sys
from pathlib import Path
from types import FrameType
from typing import Any

import pypdfium2.internal as pdfium_internal

from extract import ExtractSettings, InputError
from extract.settings import ENGINES, FLAVORS
from normalise.vocabulary import VocabularyError, load_vocabulary, unknown_files

from .limits import LIMIT_OPTIONS, LimitExceeded, RunLimits, guarded
from .passwords import password_from

log = logging.getLogger("pipeline")
PROG = "appendix"
OUR_LOGGERS = {"pipeline", "extract", "normalise", "fuzz", "bench"}


def package_version() -> str:
    # Imported here: importlib.metadata brings email and zipfile (0.01 s) that only --version needs.
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("appendix-pipeline")
    except PackageNotFoundError:
        return "unknown (not installed: pip install -e .)"


class VersionAction(argparse.Action):
    """``--version``: the installed package's version, looked up only when asked for."""

    def __init__(self, option_strings: list[str], dest: str = argparse.SUPPRESS, **kwargs: Any):
        super().__init__(option_strings, dest, nargs=0, default=argparse.SUPPRESS,
                         help="show the version and exit", **kwargs)

    def __call__(self, parser: argparse.ArgumentParser, namespace: argparse.Namespace, values: Any,
                 option_string: str | None = None) -> None:
        sys.stdout.write(f"{parser.prog} {package_version()}\n")  # on stdout, as argparse's own action
        parser.exit()


def help_text(summary: str, *examples: str) -> str:
    return summary + "\n\nExamples:\n" + "\n".join(f"    {e}" for e in examples)


def add_common(p: argparse.ArgumentParser) -> None:
    p.add_argument("--vocab", metavar="DIR", default=os.environ.get("APPENDIX_VOCAB") or None,
                   help="folder of vocabulary and canonical CSVs (teams.csv, partners.csv, headers.csv, …) that "
                        "replace the package's, and overrides.csv; default $APPENDIX_VOCAB")
    p.add_argument("--password-file", metavar="FILE", type=Path,
                   help="file whose first line is the PDF's password (not shown by ps)")
    p.add_argument("--password", metavar="PW", help="the PDF's password; prefer --password-file or "
                   "$APPENDIX_PASSWORD, which other users cannot see in the process list")
    p.add_argument("--verbose", "-v", action="store_true", help="progress on stderr even without a terminal")
    p.add_argument("--debug", action="store_true", help="show a traceback on an internal error")


def add_extract_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("--flavor", choices=FLAVORS, default="auto",
                   help="table parser: auto (ruled tables, then words), lattice, or words (default auto)")
    p.add_argument("--engine", choices=ENGINES, default="vector",
                   help="where ruled tables' rules are read: vector, the PDF's drawn rules (default; a scanned page is "
                        "read from its image anyway), or pixels, the rendered page")
    p.add_argument("--workers", type=int, default=int(os.environ.get("APPENDIX_WORKERS") or 0),
                   help="processes for the text pass over a long PDF (0: one per core, at most 4; 1: serial)")
    for name, (attr, unit, text) in LIMIT_OPTIONS.items():
        default = getattr(RunLimits() if hasattr(RunLimits, attr) else ExtractSettings(), attr)
        p.add_argument(f"--{name}", dest=attr, type=float, default=default, metavar=unit,
                       help=f"{text} (default %(default)g)")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog=PROG, description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--version", action=VersionAction)
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    fmt = argparse.RawDescriptionHelpFormatter

    run = sub.add_parser("run", help="PDFs → OUT/<stem>/ each", formatter_class=fmt, description=help_text(
        "Run the pipeline on PDFs, folders of PDFs (.pdf in any case) or glob patterns, writing OUT/<stem>/ "
        "for each. Each file fails or succeeds on its own; the exit status is non-zero if any failed.",
        "appendix run samples/current/current.pdf",
        "appendix run 'incoming/Appendix B - Action Plan.pdf' --out /tmp/run",
        "appendix run incoming/ --vocab council-lists/",
        "APPENDIX_PASSWORD=secret appendix run locked.pdf"))
    run.add_argument("inputs", nargs="*", metavar="INPUT", help="PDF files, folders or glob patterns")
    run.add_argument("--out", type=Path, default=Path(os.environ.get("APPENDIX_OUT") or "outputs"),
                     help="output folder; each PDF writes OUT/<stem>/ (default outputs, or $APPENDIX_OUT)")
    run.add_argument("--inputs-from-env", action="store_true",
                     help="read the inputs from $APPENDIX_PDF (one path), $APPENDIX_PDF_DIR (one folder) and "
                          "$APPENDIX_PDFS (paths separated by spaces): how the Makefile passes names as data")
    add_common(run)
    add_extract_options(run)

    from .diff_cli import add_parser as add_diff_parser
    add_diff_parser(sub, add_common)

    from .batch_cli import add_parser as add_batch_parser
    add_batch_parser(sub, add_common)

    sub.add_parser("regress", help="run every sample and print accuracy per field", formatter_class=fmt,
                   description=help_text("Run every sample in samples/ and print accuracy per field, the silent "
                                         "error rate and false name matches.", "appendix regress"))
    return parser


def env_inputs() -> list[str]:
    found = [os.environ[k] for k in ("APPENDIX_PDF", "APPENDIX_PDF_DIR") if os.environ.get(k)]
    return found + os.environ.get("APPENDIX_PDFS", "").split()


def interrupt(signum: int, frame: FrameType | None) -> None:
    raise KeyboardInterrupt(signal.Signals(signum).name)


def extract_settings(args: argparse.Namespace, password: str | None) -> ExtractSettings:
    return ExtractSettings(flavor=args.flavor, engine=args.engine, password=password, workers=args.workers,
                           vocab_dir=args.vocab, max_page_area=args.max_page_area,
                           max_page_objects=int(args.max_page_objects), max_ocr_pages=int(args.max_ocr_pages))


def check_vocab(folder: str | None) -> None:
    """The analyst's folder is read once up front, so a broken list fails before any PDF runs."""
    if folder:
        load_vocabulary(Path(folder))
        for name in unknown_files(Path(folder)):
            log.warning("warning: %s: not a vocabulary file this pipeline reads (ignored)", Path(folder) / name)


def run_command(args: argparse.Namespace) -> int:
    from .inputs import expand_inputs
    from .progress import progress
    from .run import run_pdf

    names = list(args.inputs) + (env_inputs() if args.inputs_from_env else [])
    pdfs = expand_inputs(names)
    check_vocab(args.vocab)
    settings = extract_settings(args, password_from(args))
    limits = RunLimits.from_args(args)
    failed = 0
    for pdf in progress(pdfs, "PDFs"):
        try:
            with guarded(limits):
                log.info("wrote %s", run_pdf(pdf, args.out, settings))
        except (InputError, LimitExceeded) as exc:
            print(f"error: {getattr(exc, 'source', None) or pdf.name}: {exc}", file=sys.stderr)
            failed += 1
        except KeyboardInterrupt as exc:
            raise KeyboardInterrupt(str(exc) or "SIGINT", pdf.name) from None
        except Exception as exc:  # noqa: BLE001 - one file's bug must not hide the others' results
            if args.debug:
                raise
            print(f"error: {pdf.name}: internal error ({type(exc).__name__}: {exc}); "
                  "rerun with --debug and report it with the PDF", file=sys.stderr)
            failed += 1
    return 2 if failed else 0


def ours(record: logging.LogRecord) -> bool:
    return record.name.split(".")[0] in OUR_LOGGERS


def configure_logging(verbose: bool) -> None:
    """Our own lines on stderr, nothing else: libraries' log lines and warnings (pdfminer or playa on a
    damaged xref, OpenCV on a scan) are not the user's business; what they mean for the
    output is ours to say, in a ``warning:`` or ``error:`` line."""
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("%(message)s"))
    handler.addFilter(ours)
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(logging.INFO if verbose or sys.stderr.isatty() else logging.WARNING)
    logging.captureWarnings(True)
    # pypdfium2 writes straight to stderr at exit about objects a run stopped short left open (a limit hit or
    # a signal while a page was being read): they are closed all the same, and the run has said its one line.
    pdfium_internal.DEBUG_AUTOCLOSE.value = logging.ERROR


def main(argv: list[str] | None = None, parser: argparse.ArgumentParser | None = None) -> int:
    args = (parser or build_parser()).parse_args(argv)
    configure_logging(getattr(args, "verbose", False))
    for sig in (signal.SIGTERM, signal.SIGHUP):
        signal.signal(sig, interrupt)
    named = "appendix"
    try:
        if args.command == "regress":
            from .regress_cli import regress

            return regress()
        if args.command == "diff":
            from .diff_cli import run_diff

            if args.from_env:
                args.old, args.new = Path(os.environ.get("APPENDIX_OLD", "")), Path(os.environ.get("APPENDIX_NEW", ""))
            if not args.old or not args.new or not str(args.old).strip(".") or not str(args.new).strip("."):
                raise InputError("diff needs two PDFs: appendix diff OLD.pdf NEW.pdf", source="diff")
            named = args.old.name
            for pdf in (args.old, args.new):
                if not pdf.is_file():
                    raise InputError(f"no such file ({pdf}): check the path", source=pdf.name)
            check_vocab(args.vocab)
            run_diff(args.old, args.new, args.out, password_from(args), args.vocab)
            return 0
        if args.command == "batch":
            from .batch_cli import run_batch

            return run_batch(args)
        return run_command(args)
    except (InputError, LimitExceeded) as exc:
        print(f"error: {getattr(exc, 'source', None) or named}: {exc}", file=sys.stderr)
        return 2
    except VocabularyError as exc:
        print(f"error: {args.vocab or 'vocabulary'}: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt as exc:
        why = exc.args[0] if exc.args else "SIGINT"
        named = exc.args[1] if len(exc.args) > 1 else named
        print(f"error: {named}: interrupted ({why}); nothing half-written was left, earlier outputs are as "
              "they were", file=sys.stderr)
        return 130
    except Exception as exc:  # noqa: BLE001 - the contract: one line, no traceback
        if getattr(args, "debug", False):
            raise
        print(f"error: {named}: internal error ({type(exc).__name__}: {exc}); "
              "rerun with --debug and report it with the PDF", file=sys.stderr)
        return 3


def entry() -> int:
    """The installed command (and ``python -m pipeline``): ``main`` as a whole process.

    The process is about to end, so its objects are frozen out of the cycle collector first: the
    interpreter's exit runs that collector over every object still alive, several times (0.08 s after a
    run of one appendix, a tenth of a cold run), only to free memory the OS takes back with the process.
    Objects are still freed (files closed, finalizers run) by reference counting and atexit as before."""
    parser = build_parser()
    gc.freeze()
    status = main(parser=parser)
    gc.freeze()
    return status

