"""OCR'd words run together where a space was lost (``Linkedtothe``, ``Ontrack``) → the words printed."""
from __future__ import annotations

import math
from functools import lru_cache

from .hyphens import english_counts

PART_COUNT = 10_000_000  # a part rarer than this in English ("tot", "ont", "eco") is no word OCR glued
MIN_GLUED = 5  # letters: a shorter unknown word splits too many ways to tell
MAX_PARTS = 3  # words: more is a string of letters that happens to split, not a lost space or two
SPLIT_DOMINANCE = 1000.0  # the best split must be this many times likelier than the next


def split_likelihood(parts: tuple[str, ...], counts: dict[str, int]) -> float:
    """log-likelihood of a split: each part's frequency, as if drawn independently (Norvig's segmenter)."""
    return sum(math.log(counts[p]) for p in parts)


@lru_cache(maxsize=4096)
def splits_of(word: str, parts_left: int = MAX_PARTS) -> tuple[tuple[str, ...], ...]:
    """Every way to cut ``word`` (casefolded) into at most ``parts_left`` common English words."""
    counts = english_counts()
    out: list[tuple[str, ...]] = [(word,)] if counts.get(word, 0) >= PART_COUNT else []
    if parts_left > 1:
        for k in range(1, len(word)):
            head = word[:k]
            if counts.get(head, 0) >= PART_COUNT:
                out.extend((head, *rest) for rest in splits_of(word[k:], parts_left - 1))
    return tuple(out)


def split_glued(printed: str) -> str | None:
    """``printed``, a word no lexicon knows, cut into the common words it runs together, where one cut is
    far likelier than any other (``SPLIT_DOMINANCE``): ``Ontrack`` → ``On track``; ``Linkedtothe`` →
    ``Linked to the``. The first letter keeps its case. None where the word is short, not all letters, or
    no cut (or no clear one) makes common words."""
    if len(printed) < MIN_GLUED or not printed.isalpha() or not (printed[1:].islower()):
        return None
    counts = english_counts()
    candidates = [s for s in splits_of(printed.casefold()) if len(s) > 1]
    if not candidates:
        return None
    ranked = sorted(candidates, key=lambda s: -split_likelihood(s, counts))
    if len(ranked) > 1 and split_likelihood(ranked[0], counts) - split_likelihood(ranked[1], counts) \
            < math.log(SPLIT_DOMINANCE):
        return None
    words = list(ranked[0])
    words[0] = printed[:len(words[0])]
    return " ".join(words)
