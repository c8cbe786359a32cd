"""OCR'd words run together where a space was lost (``solarheat``, ``Linkedtothe``): the ways a word no
lexicon knows cuts into common words. Never re-spaced (jargon cuts as well: ``insetting``), only doubted."""
from __future__ import annotations

from functools import lru_cache

from .hyphens import english_counts

PART_COUNT = 10_000_000  # a part rarer than this in English ("tot", "ont", "eco") is no word OCR glued
MIN_GLUED = 5  # letters: a shorter unknown word cuts too many ways to tell
MAX_PARTS = 3  # words: more is a string of letters that happens to cut, not a lost space or two


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


def glued_splits(printed: str) -> list[tuple[str, ...]]:
    """The cuts of ``printed`` into two or three common words (``Ontrack`` → on|track, ont|rack…); none where
    the word is short, not all letters, or holds a capital inside (an acronym, a name)."""
    if len(printed) < MIN_GLUED or not printed.isalpha() or not printed[1:].islower():
        return []
    return [s for s in splits_of(printed.casefold()) if len(s) > 1]
