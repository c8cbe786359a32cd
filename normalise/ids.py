"""Action IDs: lookalike characters folded to Latin, markup stripped, checked against the table's own ID shape."""
from __future__ import annotations

import re
from collections import Counter

from .text import fold_confusables, strip_markup

# What an action ID can look like: an optional letter prefix and numbers (``LCC.1``, ``T7``, ``AD1``,
# ``1.2.3``, ``1.2.``). The shape each table actually uses is learned from its rows (``id_shape``).
ID_LIKE = re.compile(r"^(?:[A-Z]{1,6}[.\-]?)?\d{1,3}(?:[.\-]\d{1,3}){0,3}\.?$")


def clean_id(printed: str, confusables: dict[str, str]) -> str:
    """The ID as printed once cleaned: markup and spaces gone, lookalikes folded, a trailing stop kept off."""
    text = re.sub(r"\s+", "", strip_markup(printed))
    text = fold_confusables(text, confusables)
    return text[:-1] if text.endswith(".") and ID_LIKE.match(text) else text


def looks_like_id(printed: str, confusables: dict[str, str]) -> bool:
    return bool(ID_LIKE.match(clean_id(printed, confusables)))


def id_shape(action_id: str) -> str:
    """``LCC.12`` → ``A.9``; ``T7`` → ``A9``; ``1.2.3`` → ``9.9.9``: letters and digit runs collapsed."""
    return re.sub(r"\d+", "9", re.sub(r"[A-Z]+", "A", action_id))


def dominant_shapes(ids: list[str]) -> set[str]:
    """The shapes used by at least a fifth of a table's IDs; an ID of another shape is suspect."""
    counts = Counter(id_shape(i) for i in ids)
    total = sum(counts.values())
    return {shape for shape, n in counts.items() if n * 5 >= total}
