"""An OCR'd name no list knows → the known name it may be a misreading of.

A misreading keeps a name's shape: the same words, one or two letters of a word read as others (``OfT`` for
``DfT``, ``Parks Service`` for ``Parks Services``), or the name cut short where its cell's last line (or
first) was lost (``Structures and Street`` of ``Structures and Street Lighting``). A name that shares a word
or two with a known one but not its shape (``Legal Services`` beside ``Fleet Services``, ``Local businesses``
beside ``Businesses``) is another name, printed so: flagging it would only teach the analyst to ignore flags."""
from __future__ import annotations

import re
from collections.abc import Iterable

from rapidfuzz.distance import Levenshtein

SHORT_WORD = 4  # letters up to which a word may hold one misread letter; longer ones two
WORD = re.compile(r"[^\W_]+")


def name_key(name: str) -> str:
    """A name as compared here: its words (letters and digits), casefolded, punctuation and "&" aside."""
    return " ".join(w.casefold() for w in WORD.findall(name))


def word_misread(read: str, known: str) -> bool:
    """Whether one word may be OCR's reading of another: as many letter edits apart as its length allows."""
    return Levenshtein.distance(read, known) <= (1 if max(len(read), len(known)) <= SHORT_WORD else 2)


def words_misread(read: list[str], known: list[str]) -> bool:
    return len(read) == len(known) and all(word_misread(r, k) for r, k in zip(read, known))


def misread_of(name: str, known: Iterable[str]) -> str | None:
    """The first of ``known`` (names as match keys: casefolded words) that ``name`` (a match key) may be a
    misreading of: the same number of words, each a misreading of its own, or the known name's first or
    last words (its other line lost), each so; None where none has its shape, or ``name`` is one of them."""
    read = name.split()
    if not read:
        return None
    found = None
    for candidate in known:
        words = candidate.split()
        if words == read:
            return None  # a known name, read right
        if found is None and len(read) <= len(words) and (
                words_misread(read, words[:len(read)]) or words_misread(read, words[len(words) - len(read):])):
            found = candidate
    return found


SPECK_LETTERS = 3  # a run of small letters this short, standing as a name, is a speck OCR read (no name is)


def is_speck_name(name: str) -> bool:
    """Whether an OCR'd name no list knows is a speck's reading: no letter at all ("—__-", "1", '2"'), or a
    few small letters ("we", "gst"): a name is capitalised, or an acronym."""
    letters = "".join(ch for ch in name if ch.isalpha())
    return not letters or (len(letters) <= SPECK_LETTERS and letters.islower())
