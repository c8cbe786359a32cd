"""Extract settings in one validated dataclass."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

FLAVORS = ("auto", "lattice", "words")
ENGINES = ("vector", "pixels")


@dataclass(frozen=True)
class ExtractSettings:
    """How to find and read the action tables.

    ``flavor``: ``lattice`` (ruled tables), ``words`` (columns from header word positions,
    pdfplumber) or ``auto`` (lattice where a page has ruled tables, words elsewhere).
    ``engine``: where a ruled table's rules are read: ``vector``, the PDF's own drawn rules (a scanned
    page's tables are read from its image whatever this says); ``pixels``, the rendered page's image.
    """

    flavor: str = "auto"
    engine: str = "vector"
    password: str | None = None
    line_scale: int = 40
    # A page is a candidate when its text holds this many distinct header columns.
    min_header_hits: int = 3
    # Text within these bands (points) of the page's top and bottom edges is running header/footer.
    header_band: float = 30.0
    footer_band: float = 70.0
    # Processes for the text pass over a long PDF: 0 is one per core (at most 4), 1 reads serially.
    workers: int = 0
    # An analyst's vocabulary folder whose files replace the package's (headers.csv selects pages).
    vocab_dir: str | None = None
    # Bounds on hostile or unlucky input (each has a command-line option that raises it).
    max_page_area: float = 10_000.0  # square inches; A0 is 1,550
    max_page_objects: int = 300_000  # drawing, text and image objects on one page
    max_ocr_pages: int = 200  # pages of a scanned PDF OCR'd in one run

    @property
    def vocab_path(self) -> Path | None:
        return Path(self.vocab_dir) if self.vocab_dir else None

    def __post_init__(self) -> None:
        if self.flavor not in FLAVORS:
            raise ValueError(f"flavor must be one of {FLAVORS}, got {self.flavor!r}")
        if self.engine not in ENGINES:
            raise ValueError(f"engine must be one of {ENGINES}, got {self.engine!r}")
        if self.line_scale < 1:
            raise ValueError("line_scale must be positive")
        if self.min_header_hits < 1:
            raise ValueError("min_header_hits must be positive")
        if self.max_page_area <= 0 or self.max_page_objects <= 0 or self.max_ocr_pages <= 0:
            raise ValueError("limits must be positive")
        if self.workers < 0:
            raise ValueError("workers must be 0 (one per core) or more")
