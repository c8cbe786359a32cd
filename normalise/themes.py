"""Section rows → themes: names split across cells rejoined (``Business a`` + ``and Economy``,
``Communit`` + ``ies``), confirmed against the themes vocabulary when the match is confident."""
from __future__ import annotations

from dataclasses import dataclass

from rapidfuzz import fuzz, process

from .ocr_spelling import OcrLexicon
from .text import fold_text, match_key, starts_lower
from .vocabulary import CanonicalList


@dataclass(frozen=True)
class Theme:
    name: str
    printed: str  # the parts as printed, joined with " | "
    score: float | None  # the themes vocabulary's score where it confirmed the name
    review: bool


def join_candidates(a: str, b: str) -> list[str]:
    """Ways two fragments of one name can meet: with a space, run together, or overlapping
    (an extraction that put the boundary character in both cells)."""
    out = [f"{a} {b}", f"{a}{b}"]
    for k in range(1, min(len(a), len(b), 3) + 1):
        if a[-k:].casefold() == b[:k].casefold():
            out.append(a + b[k:])
    return out


def repair_theme(parts: list[str], themes: CanonicalList, confusables: dict[str, str],
                 accept: float) -> Theme | None:
    texts = [fold_text(p) for p in parts if fold_text(p)]
    if not texts:
        return None
    candidates = [texts[0]]
    for nxt in texts[1:]:
        candidates = [j for c in candidates for j in join_candidates(c, nxt)]
    keys = {match_key(v, confusables): name for name, v in themes.pairs()}
    best: tuple[str, float] = (candidates[0], 0.0)
    for cand in candidates:
        hit = process.extractOne(match_key(cand, confusables), list(keys), scorer=fuzz.ratio)
        if hit and hit[1] > best[1]:
            best = (keys[hit[0]], float(hit[1]))
    printed = " | ".join(texts)
    if best[1] >= accept:
        return Theme(best[0], printed, best[1], False)
    # A theme no vocabulary knows: parts joined with a space. That is a guess only where the parts
    # meet lowercase to lowercase ("Communit" | "ies" could be one word); such a join is flagged.
    guessed = any(a[-1:].islower() and b[:1].islower() for a, b in zip(texts, texts[1:]))
    return Theme(candidates[0], printed, None, guessed)


def lost_start(text: str, themes: CanonicalList, confusables: dict[str, str]) -> str | None:
    """The one known theme whose last whole words ``text`` is, where ``text`` starts with a small letter:
    a section name whose first word OCR lost in its dark band ("and Land Use"); None where none or several
    end so, or where the text starts as a name does."""
    key = match_key(text, confusables)
    if not starts_lower(text) or not key:
        return None
    names = {name for name, variant in themes.pairs() if match_key(variant, confusables).endswith(f" {key}")}
    return names.pop() if len(names) == 1 else None


JOINERS = frozenset("&+/")  # tokens of no letter a section's name may print ("Energy & Waste")


def ocr_theme_reading(name: str, themes: CanonicalList, confusables: dict[str, str],
                      lexicon: OcrLexicon) -> tuple[str, bool]:
    """An OCR'd section name no vocabulary knows → (the name to keep, whether it is in doubt): a name whose
    start was lost (``lost_start``: the whole known theme, for review); else the name as read, in doubt
    where it starts with a small letter, holds a speck or a word no lexicon knows, or a token of no letter
    or digit other than a joiner ("Adaptation ; Be": a speck and the next row's word)."""
    whole = lost_start(name, themes, confusables)
    if whole is not None:
        return whole, True
    return name, starts_lower(name) or lexicon.unspeckle(name) != name or lexicon.doubts_name(name) \
        or any(not any(ch.isalnum() for ch in token) and token not in JOINERS for token in name.split())
