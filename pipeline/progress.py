"""A progress bar over many inputs, on a terminal only (tqdm), so logs and CI output stay clean."""
from __future__ import annotations

import sys
from collections.abc import Iterable, Iterator
from typing import TypeVar

T = TypeVar("T")


def progress(items: Iterable[T], unit: str, total: int | None = None) -> Iterator[T]:
    items = list(items)
    if len(items) < 2 or not sys.stderr.isatty():
        yield from items
        return
    from tqdm import tqdm  # imported here: a run with no terminal, or one input, draws no bar

    yield from tqdm(items, total=total or len(items), unit=unit.rstrip("s"), file=sys.stderr, leave=False)
