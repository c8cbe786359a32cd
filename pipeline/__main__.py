"""``python -m pipeline run PDF [--out OUT] [--password P]``: the whole pipeline on one PDF.

Example:
    python -m pipeline run samples/current/current.pdf --out outputs
    python -m pipeline run appendix.pdf --out /tmp/out --password secret
"""
from __future__ import annotations

import argparse
import logging
import sys
from pathlib import Path

from extract import ExtractSettings, InputError
from extract.settings import ENGINES, FLAVORS

from .run import run_pdf

log = logging.getLogger("pipeline")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m pipeline", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", required=True)
    run = sub.add_parser("run", help="PDF → OUT/<stem>/", description=__doc__,
                         formatter_class=argparse.RawDescriptionHelpFormatter)
    run.add_argument("pdf", type=Path)
    run.add_argument("--out", type=Path, default=Path("outputs"))
    run.add_argument("--password", default=None)
    run.add_argument("--flavor", choices=FLAVORS, default="auto")
    run.add_argument("--engine", choices=ENGINES, default="vector")
    run.add_argument("--verbose", "-v", action="store_true")
    run.add_argument("--debug", action="store_true", help="show tracebacks")
    sub.add_parser("regress", help="run every sample and print accuracy per field")
    args = parser.parse_args(argv)
    if args.command == "regress":
        from .regress_cli import regress

        return regress()
    logging.basicConfig(level=logging.INFO if args.verbose or sys.stderr.isatty() else logging.WARNING,
                        format="%(message)s", stream=sys.stderr)
    try:
        settings = ExtractSettings(flavor=args.flavor, engine=args.engine, password=args.password or None)
        final = run_pdf(args.pdf, args.out, settings)
    except InputError as exc:
        print(f"error: {args.pdf.name}: {exc}", file=sys.stderr)
        return 2
    except Exception as exc:  # noqa: BLE001 - the contract: one line, no traceback
        if args.debug:
            raise
        print(f"error: {args.pdf.name}: internal error ({type(exc).__name__}: {exc}); "
              "rerun with --debug and report it with the PDF", file=sys.stderr)
        return 3
    log.info("wrote %s", final)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
