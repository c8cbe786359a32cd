"""``python -m samples.generator [NAME ...]``: regenerate sample PDFs and expected datasets from their truth.

Example:
    python -m samples.generator current borderless   # two samples
    python -m samples.generator --expected-only      # rewrite expected/ only (make regold)
"""
from __future__ import annotations

import argparse
import logging
import tempfile
from pathlib import Path

from . import bad, convert, docx_writer, expected, producers, random_expected, source

log = logging.getLogger("samples")
BAD = source.SAMPLES.parent / "tests" / "data" / "bad"


def build_pdf(doc: source.Document) -> None:
    derive = doc.settings.get("derive")
    if derive == "scan":
        origin = source.load(doc.settings["from"])
        convert.scan(origin.pdf, doc.pdf, dpi=doc.settings.get("dpi", 200),
                     skew_degrees=doc.settings.get("skew_degrees", 0.0),
                     jpeg_quality=doc.settings.get("jpeg_quality", 0))
    elif derive == "rotate":
        origin = source.load(doc.settings["from"])
        convert.rotate_pages(origin.pdf, doc.pdf, doc.settings.get("degrees", 90))
    elif derive == "image_only":
        origin = source.load(doc.settings["from"])
        convert.image_only(origin.pdf, doc.pdf, dpi=doc.settings.get("dpi", 150), pages=10_000)
    else:
        with tempfile.TemporaryDirectory() as tmp:
            docx = docx_writer.build_docx(doc, Path(tmp) / f"{doc.name}.docx")
            convert.docx_to_pdf(docx, doc.pdf)


def build_random(name: str, seed: int, expected_only: bool, producer: str | None = None) -> None:
    """A sample drawn by the random generator (its document.json names the seed): the PDF drawn with
    reportlab and expected/ from the same truth (with --expected-only the PDF is drawn to a scratch file:
    the pages each row is on come from the drawing)."""
    folder = source.SAMPLES / name
    with tempfile.TemporaryDirectory() as tmp:
        pdf = Path(tmp) / f"{name}.pdf" if expected_only else folder / f"{name}.pdf"
        doc, dimensions = producers.write_variant(seed, pdf, producer)
    random_expected.write_random_expected(doc, f"{name}.pdf", folder / "expected", dimensions)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m samples.generator", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("names", nargs="*", help="samples to build (default: all)")
    parser.add_argument("--expected-only", action="store_true", help="only rewrite expected/ from the truth")
    parser.add_argument("--no-bad", action="store_true", help="skip the bad inputs")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    names = args.names or source.sample_names()
    drawn = {n: source.settings_of(n) for n in names if "random_seed" in source.settings_of(n)}
    for name, spec in drawn.items():
        log.info("drawing %s (random seed %d)", name, spec["random_seed"])
        build_random(name, spec["random_seed"], args.expected_only, spec.get("producer"))
    names = [n for n in names if n not in drawn]
    # Originals first: derived samples (scans) are made from their original's PDF.
    names.sort(key=lambda n: "from" in source.load(n).settings)
    for name in names:
        doc = source.load(name)
        if not args.expected_only:
            log.info("building %s", doc.pdf)
            build_pdf(doc)
        layout = source.load(doc.settings["from"]) if "from" in doc.settings else None
        expected.write_expected(doc, layout if doc.settings.get("derive") else None)
        log.info("wrote %s/expected", doc.folder)
    if not args.expected_only and not args.no_bad and not args.names:
        for path in bad.write_bad_inputs(BAD, source.load("current").pdf):
            log.info("wrote %s", path)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
