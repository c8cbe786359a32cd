"""``python -m extract PDF --out RAW_DIR``: raw tables from an appendix PDF, nothing repaired.

Example:
    python -m extract samples/current/current.pdf --out /tmp/raw
    python -m extract pack.pdf --out /tmp/raw --engine pixels --password secret
"""
from __future__ import annotations

import argparse
import logging
import sys
from pathlib import Path

from .errors import InputError
from .raw_io import write_raw
from .run import extract_pdf
from .settings import ENGINES, FLAVORS, ExtractSettings


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m extract", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("pdf", type=Path)
    parser.add_argument("--out", type=Path, required=True, help="folder for raw/ output")
    parser.add_argument("--flavor", choices=FLAVORS, default="auto")
    parser.add_argument("--engine", choices=ENGINES, default="vector")
    parser.add_argument("--password", default=None)
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s: %(message)s")
    try:
        extraction = extract_pdf(args.pdf, ExtractSettings(flavor=args.flavor, engine=args.engine,
                                                           password=args.password))
    except InputError as exc:
        print(f"error: {args.pdf.name}: {exc}", file=sys.stderr)
        return 2
    write_raw(extraction, args.out)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
