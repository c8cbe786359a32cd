"""The table parsers behind a small registry: name → function(pdf path, page numbers, settings, the pages read)."""
from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from .lattice import parse_lattice
from .model import RawTable
from .pages import Pages
from .settings import ExtractSettings
from .words import parse_words

Parser = Callable[[Path, list[int], ExtractSettings, Pages], list[RawTable]]

PARSERS: dict[str, Parser] = {
    "lattice": parse_lattice,
    "words": parse_words,
}


def get_parser(name: str) -> Parser:
    try:
        return PARSERS[name]
    except KeyError:
        raise ValueError(f"no parser {name!r}; known: {sorted(PARSERS)}") from None
