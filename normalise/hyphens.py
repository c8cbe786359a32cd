"""Words broken at a line's end with a hyphen: a typesetter's break (``engage-`` / ``ment``) is rejoined
without it; a compound's own hyphen (``evidence-`` / ``led``) is kept. Decided by a lexicon: an English
word list that ships with symspellpy, and the document's own words."""
from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources

WORD = re.compile(r"[^\W\d_]+")
BROKEN = re.compile(r"([^\W\d_]+)-$")
DICTIONARY = "frequency_dictionary_en_82_765.txt"
COMMON_SHARE = 0.1  # a joined word this common beside the rarer of its parts was broken by the typesetter


@lru_cache(maxsize=1)
def dictionary_text() -> str:
    return (resources.files("symspellpy") / DICTIONARY).read_text(encoding="utf-8")


@lru_cache(maxsize=1)
def english_counts() -> dict[str, int]:
    """How often each word of symspellpy's English frequency dictionary occurs in its corpus (read once)."""
    return {word: int(count) for word, count in map(str.split, dictionary_text().splitlines())}


@lru_cache(maxsize=1)
def english_words() -> frozenset[str]:
    """symspellpy's English frequency dictionary, as a set of lowercase words. Read without the counts
    (its lines are ``word count``): a born-digital run needs only the words, and this is four times faster."""
    return frozenset(dictionary_text().split()[::2])


def text_words(texts: list[str]) -> frozenset[str]:
    return frozenset(w.casefold() for t in texts for w in WORD.findall(t))


def is_typesetters_break(stem: str, rest: str, known: frozenset[str], seen: frozenset[str] = frozenset()) -> bool:
    """Whether ``stem-`` / ``rest`` is one word the typesetter broke: joined, it is a word the lexicon
    knows or the document prints whole elsewhere (``seen``), and the two parts are not both English words
    (a compound such as ``evidence-led`` keeps its hyphen) unless the joined word is common beside the
    rarer part (``pro`` and ``gramme`` are words, but ``programme`` is written far more than ``gramme``;
    ``re-use`` stays: ``reuse`` is rare beside ``re``)."""
    joined = (stem + rest).casefold()
    if joined in seen:
        return True  # the document prints the word whole elsewhere ("programme", not "pro-gramme")
    if joined not in known:
        return False
    if not (stem.casefold() in known and rest.casefold() in known):
        return True
    counts = english_counts()
    rarer = min(counts.get(stem.casefold(), 0), counts.get(rest.casefold(), 0))
    return rarer > 0 and counts.get(joined, 0) >= COMMON_SHARE * rarer


def unsure_breaks(lines: list[str], known: frozenset[str], seen: frozenset[str] = frozenset()) -> list[str]:
    """The hyphens at line ends that ``join_broken_lines`` kept without knowing: ``pro-`` / ``gramme`` (both
    parts words, and joined a word as well: a typesetter's break or a compound?), ``decarbon-`` /
    ``isation`` (a part that is no word). Only a compound of two words that make no word joined
    (``evidence-led``) is kept for certain."""
    out = []
    for before, line in zip(lines, lines[1:]):
        broken = BROKEN.search(before)
        first = WORD.match(line)
        if not (broken and first and line[:1].islower()):
            continue
        stem, rest = broken.group(1), first.group(0)
        if is_typesetters_break(stem, rest, known, seen):
            continue
        compound = stem.casefold() in known and rest.casefold() in known and (stem + rest).casefold() not in known
        if not compound:
            out.append(f"{stem}-{rest}")
    return out


def join_broken_lines(lines: list[str], known: frozenset[str],
                      seen: frozenset[str] = frozenset()) -> tuple[str, list[tuple[str, str]]]:
    """A cell's lines joined as ``text.join_lines`` does, but a typesetter's hyphen at a line's end is
    dropped; with each change as (before, after)."""
    out = ""
    changes: list[tuple[str, str]] = []
    for line in lines:
        if not out:
            out = line
            continue
        broken = BROKEN.search(out)
        first = WORD.match(line)
        if broken and first and line[:1].islower():
            stem, rest = broken.group(1), first.group(0)
            if is_typesetters_break(stem, rest, known, seen):
                changes.append((f"{stem}-{rest}", stem + rest))
                out = out[:-1] + line
                continue
            out += line  # a compound's hyphen, kept: "evidence-led"
            continue
        out += " " + line
    return out, changes


def merge_broken_lines(lines: list[tuple[str, bool | None]], known: frozenset[str], seen: frozenset[str] = frozenset()
                       ) -> tuple[list[tuple[str, bool | None]], list[tuple[str, str]]]:
    """A cell's lines (each with whether it wraps on from the line above) with each typesetter's break
    undone: the two lines become one; with each change as (before, after)."""
    out: list[tuple[str, bool | None]] = []
    changes: list[tuple[str, str]] = []
    for line, wrapped in lines:
        broken = BROKEN.search(out[-1][0]) if out else None
        first = WORD.match(line)
        if broken and first and line[:1].islower():
            if is_typesetters_break(broken.group(1), first.group(0), known, seen):
                changes.append((f"{broken.group(1)}-{first.group(0)}", broken.group(1) + first.group(0)))
                out[-1] = (out[-1][0][:-1] + line, out[-1][1])
            else:
                out[-1] = (out[-1][0] + line, out[-1][1])  # a compound's hyphen, kept: "evidence-led"
            continue
        out.append((line, wrapped))
    return out, changes
