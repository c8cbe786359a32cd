"""Extract settings in one validated dataclass."""
from __future__ import annotations

from dataclasses import dataclass

FLAVORS = ("auto", "lattice", "words")
ENGINES = ("vector", "combined", "raster")


@dataclass(frozen=True)
class ExtractSettings:
    """How to find and read the action tables.

    ``flavor``: ``lattice`` (ruled tables, camelot), ``words`` (columns from header word positions,
    pdfplumber) or ``auto`` (lattice where a page has ruled tables, words elsewhere).
    ``engine``: camelot's lattice line detection; ``vector`` reads the PDF's own rules (measured fastest).
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

    def __post_init__(self) -> None:
        if self.flavor not in FLAVORS:
            raise ValueError(f"flavor must be one of {FLAVORS}, got {self.flavor!r}")
        if self.engine not in ENGINES:
            raise ValueError(f"engine must be one of {ENGINES}, got {self.engine!r}")
        if self.line_scale < 1:
            raise ValueError("line_scale must be positive")
        if self.min_header_hits < 1:
            raise ValueError("min_header_hits must be positive")
        if self.workers < 0:
            raise ValueError("workers must be 0 (one per core) or more")
