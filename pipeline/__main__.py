"""``python -m pipeline run|diff|regress``: the whole pipeline.

Example:
    python -m pipeline run samples/current/current.pdf --out outputs
    python -m pipeline run appendix.pdf --out /tmp/out --password secret
    python -m pipeline diff old.pdf new.pdf --out outputs
    python -m pipeline regress
"""
from __future__ import annotations

import argparse
import logging
import sys
from pathlib import Path

from extract import ExtractSettings, InputError
from extract.settings import ENGINES, FLAVORS

from .diff_cli import add_parser as add_diff_parser
from .diff_cli import run_diff
from .run import run_pdf

log = logging.getLogger("pipeline")
RUN_HELP = """Run the pipeline on one PDF, writing OUT/<stem>/.

Example:
    python -m pipeline run samples/current/current.pdf --out outputs
    python -m pipeline run appendix.pdf --out /tmp/out --password secret
    python -m pipeline run pack.pdf --out /tmp/out --workers 1
"""


def build_parser() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--verbose", "-v", action="store_true", help="progress on stderr even without a TTY")
    common.add_argument("--debug", action="store_true", help="show tracebacks")
    parser = argparse.ArgumentParser(prog="python -m pipeline", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", required=True)
    run = sub.add_parser("run", help="PDF → OUT/<stem>/", description=RUN_HELP, parents=[common],
                         formatter_class=argparse.RawDescriptionHelpFormatter)
    run.add_argument("pdf", type=Path)
    run.add_argument("--out", type=Path, default=Path("outputs"))
    run.add_argument("--password", default=None)
    run.add_argument("--flavor", choices=FLAVORS, default="auto")
    run.add_argument("--engine", choices=ENGINES, default="vector")
    run.add_argument("--workers", type=int, default=0,
                     help="processes for the text pass over a long PDF (0: one per core, at most 4; 1: serial)")
    add_diff_parser(sub, common)
    sub.add_parser("regress", help="run every sample and print accuracy per field", parents=[common],
                   description="Run every sample and print accuracy per field.\n\nExample:\n"
                               "    python -m pipeline regress", formatter_class=argparse.RawDescriptionHelpFormatter)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    logging.basicConfig(level=logging.INFO if args.verbose or sys.stderr.isatty() else logging.WARNING,
                        format="%(message)s", stream=sys.stderr)
    named = args.pdf if args.command == "run" else getattr(args, "old", Path("samples"))
    try:
        if args.command == "regress":
            from .regress_cli import regress

            return regress()
        if args.command == "diff":
            run_diff(args.old, args.new, args.out, args.password or None)
            return 0
        settings = ExtractSettings(flavor=args.flavor, engine=args.engine, password=args.password or None,
                                   workers=args.workers)
        log.info("wrote %s", run_pdf(args.pdf, args.out, settings))
    except InputError as exc:
        print(f"error: {exc.source or named.name}: {exc}", file=sys.stderr)
        return 2
    except Exception as exc:  # noqa: BLE001 - the contract: one line, no traceback
        if args.debug:
            raise
        print(f"error: {named.name}: internal error ({type(exc).__name__}: {exc}); "
              "rerun with --debug and report it with the PDF", file=sys.stderr)
        return 3
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
