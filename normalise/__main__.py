"""``python -m normalise RAW_DIR --out DIR``: raw tables (from ``python -m extract``) → the clean tables.

Example:
    python -m extract samples/current/current.pdf --out /tmp/raw
    python -m normalise /tmp/raw --out /tmp/clean
"""
from __future__ import annotations

import argparse
import logging
import sys
from pathlib import Path

from extract.errors import InputError
from extract.raw_io import read_raw

from .run import normalise_to


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m normalise", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("raw", type=Path, help="a raw/ folder written by python -m extract")
    parser.add_argument("--out", type=Path, required=True, help="folder for the clean tables")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO if sys.stderr.isatty() else logging.WARNING, format="%(message)s")
    if not (args.raw / "manifest.json").exists():
        print(f"error: {args.raw.name}: not a raw/ folder (no manifest.json): run python -m extract first",
              file=sys.stderr)
        return 2
    extraction = read_raw(args.raw)
    try:
        normalise_to(extraction, args.out, Path(extraction.source_file).stem)
    except InputError as exc:
        print(f"error: {extraction.source_file}: {exc}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
