"""A document's prose habits → the capital or the full stop an OCR'd action lost: where nearly all of a
document's actions start with a capital and end with a stop, one that does not lost them to OCR."""
from __future__ import annotations

from dataclasses import dataclass

HABIT = 0.9  # share of a document's OCR'd actions that must keep a habit for one that breaks it to be OCR's doing
MIN_HABIT_ACTIONS = 5  # actions a document must have for its habits to tell


@dataclass(frozen=True)
class ProseHabits:
    """How a document sets its actions, where nearly all of them (HABIT) agree: starting with a capital,
    ending with a full stop. An OCR'd action that breaks the habit lost its capital to OCR (``infrastructure``:
    I read as i) or its stop (a speck too small to read)."""

    capital: bool = False
    stop: bool = False

    @classmethod
    def of(cls, texts: list[str]) -> ProseHabits:
        texts = [" ".join(t.split()) for t in texts if t.strip()]
        if len(texts) < MIN_HABIT_ACTIONS:
            return cls()
        # Counted against all but one: the one that breaks it must not break the habit itself.
        letters = [t for t in texts if t[0].isalpha()]
        capital = bool(letters) and sum(t[0].isupper() for t in letters) >= HABIT * (len(letters) - 1)
        return cls(capital, sum(t[-1] in ".!?" for t in texts) >= HABIT * (len(texts) - 1))

    def restore(self, text: str) -> tuple[str, list[tuple[str, str]]]:
        """``text`` with the capital and the stop the habits expect → (text, [(printed, now)])."""
        changes = []
        words = text.split()
        if self.capital and words and words[0].isalpha() and words[0].islower():
            changes.append((words[0], words[0][0].upper() + words[0][1:]))
            text = changes[-1][1] + text[len(words[0]):]
        if self.stop and words and text[-1].isalnum():
            last = text.split()[-1]
            changes.append((last, last + "."))
            text += "."
        return text, changes
