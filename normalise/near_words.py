"""An OCR'd word no lexicon knows, one letter from a common English word (``redice`` for reduce), where the
OCR confusion table (``ocr_letters.csv``) has no reading of it: a misread, not a coinage. Doubted, never
changed: the letter misread could be any, so which word was meant is a guess."""
from __future__ import annotations

from .hyphens import english_counts

LETTERS = "abcdefghijklmnopqrstuvwxyz"
MIN_NEAR = 5  # letters: a shorter word is a letter from too many others (a name's, an abbreviation's)
NEAR_COUNT = 1_000_000  # a word this common in English is what a misread of one letter was likely meant as


def one_edit(word: str) -> set[str]:
    """The strings one letter from ``word`` (lowercase): a letter left out, put in, changed, or two swapped."""
    cuts = [(word[:k], word[k:]) for k in range(len(word) + 1)]
    return ({a + b[1:] for a, b in cuts if b}
            | {a + b[1] + b[0] + b[2:] for a, b in cuts if len(b) > 1}
            | {a + ch + b[1:] for a, b in cuts if b for ch in LETTERS}
            | {a + ch + b for a, b in cuts for ch in LETTERS}) - {word}


def near_common_word(printed: str) -> str | None:
    """The most common English word one letter from ``printed`` (a word no lexicon knows), where one is
    common; None for a short word, one not all small letters after its first (a name, an acronym), or one
    near no common word (a coinage)."""
    if len(printed) < MIN_NEAR or not printed.isalpha() or not printed[1:].islower():
        return None
    counts = english_counts()
    near = [w for w in one_edit(printed.casefold()) if counts.get(w, 0) >= NEAR_COUNT]
    return max(near, key=lambda w: counts[w]) if near else None
