"""A lead or partner cell → names: segment the cell against a canonical list, then match each name.

Line breaks are hints, not truth: long names wrap inside narrow cells and extractions can run lines
together. So the cell is tokenised and a dynamic programme picks the segmentation that explains the most
text with canonical names (each span scored with rapidfuzz); text no canonical name explains is kept as
printed, one name per printed line (a line that is the wrapped tail of the one above joins it).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz import fuzz, process

from .settings import NormaliseSettings
from .text import match_key
from .vocabulary import CanonicalList

TOKEN = re.compile(r"[^\s/,;]+|[/,;]")
CONNECTORS = {"and", "&", "/", ",", ";", "-", "–", "—", "+"}
LIST_SEPARATORS = {",", ";"}  # printed between names in a list: unmatched text may end and start there
# A printed line that continues the one above (a wrapped name), judged by how the lines meet.
WRAP_ENDINGS = {"and", "&", "of", "for", "the", "to", "in", "on", ",", "/", "-"}
CONNECTOR_WORDS = frozenset(w for w in WRAP_ENDINGS if w.isalpha())  # no name ends or starts with one
MAX_SPAN_TOKENS = 14
ABBREVIATION_SCORE = 98.0  # a name matched once a trailing "(ABC)" is set aside: the same body, surely
TRAILING_ABBREVIATION = re.compile(r"\s*\([^()]{1,12}\)\s*$")
SEGMENT_PENALTY = 0.25
STRAY_LETTER_COST = 0.5  # per letter of a token kept on its own mid-line


@dataclass(frozen=True)
class Token:
    text: str
    start: int
    end: int
    line: int


@dataclass(frozen=True)
class NameMatch:
    name: str  # canonical, or the printed text where nothing matched
    printed: str
    score: float
    matched: bool
    review: bool
    candidate: str  # the best canonical candidate, even when not matched


@dataclass(frozen=True)
class Segmentation:
    names: tuple[NameMatch, ...]
    dropped: tuple[str, ...]  # connectors and stray marks between names, for the corrections log


def without_abbreviation(text: str) -> str:
    return TRAILING_ABBREVIATION.sub("", text)


def is_separator(token: str) -> bool:
    """``and``, ``&``, ``/``, a dash, or any token without a letter or digit: between names, not in one."""
    return token.casefold() in CONNECTORS or not re.search(r"\w", token)


def tokenize(text: str) -> list[Token]:
    tokens = []
    for m in TOKEN.finditer(text):
        tokens.append(Token(m.group(), m.start(), m.end(), text.count("\n", 0, m.start())))
    return tokens


class Matcher:
    """Fuzzy lookup of a span against one canonical list's names and variants."""

    def __init__(self, canonical: CanonicalList, confusables: dict[str, str], settings: NormaliseSettings,
                 endings: frozenset[str] = frozenset()):
        self.settings = settings
        self.endings = endings
        self.confusables = confusables
        self.keys: dict[str, str] = {}
        # Keyed without a trailing abbreviation too: "Environment Agency (EA)" is still the Environment
        # Agency, and "Department for Transport" the Department for Transport (DfT).
        self.bare: dict[str, str] = {}
        for name, variant in canonical.pairs():
            self.keys.setdefault(match_key(variant, confusables), name)
            self.bare.setdefault(match_key(without_abbreviation(variant), confusables), name)
        self.choices = list(self.keys)

    @lru_cache(maxsize=65536)  # noqa: B019 - one Matcher per run; the cache dies with it
    def best(self, span: str) -> tuple[str, float]:
        key = match_key(span, self.confusables)
        if not key or not self.choices:
            return "", 0.0
        if key in self.keys:
            return self.keys[key], 100.0
        bare = match_key(without_abbreviation(span), self.confusables)
        if bare and bare in self.bare and bare != key:
            return self.bare[bare], ABBREVIATION_SCORE
        hit = process.extractOne(key, self.choices, scorer=fuzz.ratio)
        if hit is None:
            return "", 0.0
        choice, score, _ = hit
        # A fuzzy match must have as many words as the name it matches, give or take one: sharing a
        # word or two ("Parks Service" ~ "Growth Service") is not being the same name.
        if abs(len(choice.split()) - len(key.split())) > 1:
            return self.keys[choice], 0.0
        return self.keys[choice], float(score)


def soft_breaks(tokens: list[Token], wrapped: dict[int, bool] | None = None,
                endings: frozenset[str] = frozenset()) -> set[int]:
    """Token indexes that start a line continuing the line above (a wrapped name, not a new one).
    ``wrapped`` maps a line number to what the page's geometry says (extract/wraps.py): False, the next
    word would have fitted, so a new name began; True, it would not have, which a wrap and a new name
    both explain. Then the words decide: a line ending in a complete name's head noun (``endings``),
    followed by a capitalised name of two or more words, is two names."""
    soft = set()
    # A cell that lists its names with commas or semicolons breaks lines where the names wrap: there a
    # line ending in no separator runs on, and one ending in a separator ends a name.
    listed = is_listed(tokens)
    for i in range(1, len(tokens)):
        if tokens[i].line == tokens[i - 1].line:
            continue
        if listed:
            if tokens[i - 1].text not in LIST_SEPARATORS and tokens[i].text not in LIST_SEPARATORS:
                soft.add(i)
            continue
        # Punctuation at a line's edge (";b", "Team /") is dropped from the names, so it must not decide;
        # a line of nothing but punctuation does not start a name.
        prev = next((t for t in reversed(tokens[:i]) if re.search(r"\w", t.text)), tokens[i - 1])
        tok = next((t for t in tokens[i:] if t.line == tokens[i].line and re.search(r"\w", t.text)), None)
        if tok is None:
            soft.add(i)
            continue
        known = (wrapped or {}).get(tokens[i].line)
        if known is False and not bound(prev.text, tok.text):
            continue
        first = tok.text[:1]
        continuing = surely_continues(prev.text, tok.text)
        if known:
            new_name = prev.text.casefold() in endings and first.isupper() and words_to_head(tokens, i, endings) >= 2
            if continuing or not new_name:
                soft.add(i)
        elif continuing:
            soft.add(i)
    return soft


def lone_heads(tokens: list[Token], wrapped: dict[int, bool] | None, matcher: Matcher) -> set[int]:
    """Line starts whose line is nothing but a name's head noun (``Association``, ``Council``: the
    vocabulary's name endings) that no list knows as a name of its own: the tail of the name above that
    wrapped in a narrow cell ("Legal" / "Services"), never a name by itself. (Where the geometry says the
    word would have fitted above, the tail is still joined, and the caller flags it: a typesetter that
    balances its lines, as TeX does, moves words down that would have fitted.)"""
    heads: set[int] = set()
    if is_listed(tokens):
        return heads  # commas and semicolons say where names end
    for i in range(1, len(tokens)):
        if tokens[i].line == tokens[i - 1].line:
            continue
        words = [t for t in tokens[i:] if t.line == tokens[i].line and not is_separator(t.text)]
        if len(words) == 1 and words[0] is tokens[i] and tokens[i].text.casefold() in matcher.endings \
                and matcher.best(tokens[i].text)[1] < matcher.settings.accept:
            heads.add(i)
    return heads


def words_to_head(tokens: list[Token], i: int, endings: frozenset[str]) -> int:
    """Words from token ``i`` to the end of its line, or, where that line is a single word (a cell so
    narrow it holds a word a line), on to the first line that ends in a name's head noun: the name that
    would start at ``i`` ("Rural" / "Community" / "Council" is three words)."""
    line = [t for t in tokens[i:] if t.line == tokens[i].line and not is_separator(t.text)]
    if len(line) != 1:
        return len(line)
    count = 0
    for k in range(i, len(tokens)):
        if is_separator(tokens[k].text):
            continue
        count += 1
        at_line_end = k + 1 == len(tokens) or tokens[k + 1].line != tokens[k].line
        if at_line_end and (tokens[k].text.casefold() in endings
                            or len([t for t in tokens if t.line == tokens[k].line]) > 1):
            break  # a head noun ends the name; a line of several words is not one of the narrow lines
    return count


def surely_continues(last_word: str, next_word: str) -> bool:
    """Whether a line that ends with ``last_word`` runs on into the next (``and`` / ``Facilities``)."""
    return last_word.casefold() in WRAP_ENDINGS or next_word[:1].islower() or next_word[:1] in "(&" \
        or last_word.endswith("-")


def bound(last_word: str, next_word: str) -> bool:
    """Whether two lines are one name whatever the geometry says: a line that ends in a connector
    (``Ecology and``) or a hyphen, or one that starts with a connector in lower case (``of Commerce``):
    no name ends or starts so. (A column's extent is measured, and an overfull cell can mislead it.)"""
    return last_word.casefold() in CONNECTOR_WORDS or last_word.endswith("-") \
        or (next_word[:1].islower() and next_word in CONNECTOR_WORDS)


Step = tuple[str, int, int, str, float]  # (kind, first token, end token, canonical, score)


def offer(best: list[tuple[float, list[Step]] | None], j: int, weight: float, steps: list[Step]) -> None:
    current = best[j]
    if current is None or weight > current[0] + 1e-9:
        best[j] = (weight, steps)


def is_listed(tokens: list[Token]) -> bool:
    """Whether a cell lists its names with commas or semicolons: a semicolon, or a comma at the cell's end
    or before a capital (a comma before a small letter is inside a name: "Farmers, land owners and
    managers", on one line or wrapped after the comma)."""
    for k, t in enumerate(tokens):
        if t.text not in LIST_SEPARATORS:
            continue
        after = tokens[k + 1] if k + 1 < len(tokens) else None
        if t.text != "," or after is None or not after.text[:1].islower():
            return True
    return False


def name_words(tokens: list[Token], start: int, end: int) -> int:
    """Words (not separators) among ``tokens[start:end]``."""
    return sum(1 for t in tokens[start:end] if not is_separator(t.text))


def kept_name(tokens: list[Token], step: Step) -> bool:
    """Whether a step keeps unknown text of two words or more: a name of its own, not a stray tail."""
    return step[0] == "keep" and name_words(tokens, step[1], step[2]) >= 2


def words_before(tokens: list[Token], k: int, start: int) -> int:
    """Words from ``start`` up to the line break before token ``k``."""
    return sum(1 for t in tokens[start:k] if t.line == tokens[k - 1].line and not is_separator(t.text))


def words_after(tokens: list[Token], k: int, end: int) -> int:
    """Words on token ``k``'s line, up to ``end``."""
    return sum(1 for t in tokens[k:end] if t.line == tokens[k].line and not is_separator(t.text))


def segment(text: str, matcher: Matcher, wrapped: dict[int, bool] | None = None) -> Segmentation:
    """The best reading of a cell as names: spans matched to canonical names (worth their score per
    character), separators dropped, and whole printed lines kept as printed (worth less per character)."""
    tokens = tokenize(text)
    n = len(tokens)
    if n == 0:
        return Segmentation((), ())
    heads = lone_heads(tokens, wrapped, matcher)
    soft = soft_breaks(tokens, wrapped, matcher.endings) | heads
    line_start = {i for i in range(n) if i == 0 or tokens[i].line != tokens[i - 1].line}
    hard_start = (line_start - soft) | {0}
    # Unmatched text is kept as whole printed lines (never across a hard break; a wrapped line stays with
    # the one above unless a known name follows); separators at a line's ends ("b/") do not count.
    # A comma or semicolon is a boundary the printer put between names, as a new line is. Unknown text
    # may start on a wrapped line (after a known name) but not stop at one ("Local" / "businesses"),
    # except where names are one per line and the next starts with a capital: then the matches decide.
    listed = is_listed(tokens)
    ambiguous = {j for j in line_start - hard_start - heads if not listed and tokens[j].text[:1].isupper()
                 and not surely_continues(tokens[j - 1].text, tokens[j].text)}
    # A line break the page's geometry could not tell (a merged cell's parts, a cell with no known width)
    # between two capitalised words: a new name or a wrapped one, and the words do not say.
    # Not after a complete name's head noun before a name of two or more words ("Council" / "Local
    # businesses"): that reads as a new name whatever the geometry.
    unsure = {j for j in line_start - soft - {0} if not listed and wrapped is not None
              and (wrapped or {}).get(tokens[j].line) is None and tokens[j].text[:1].isupper()
              and not surely_continues(tokens[j - 1].text, tokens[j].text)
              and not (tokens[j - 1].text.casefold() in matcher.endings
                       and words_to_head(tokens, j, matcher.endings) >= 2)}
    keep_end = [False] * (n + 1)
    keep_end[n] = True
    for j in range(n - 1, -1, -1):
        keep_end[j] = j in hard_start or j in ambiguous or tokens[j].text in LIST_SEPARATORS \
            or (is_separator(tokens[j].text) and keep_end[j + 1])
    keep_start = [False] * n
    for i in range(n):
        keep_start[i] = (i in line_start and i not in heads) or (i > 0 and tokens[i - 1].text in LIST_SEPARATORS) \
            or (i > 0 and keep_start[i - 1] and is_separator(tokens[i - 1].text))
    s = matcher.settings
    # best[i]: the best (weight, steps) explaining tokens[:i].
    best: list[tuple[float, list[Step]] | None] = [None] * (n + 1)
    best[0] = (0.0, [])
    for i in range(n):
        here = best[i]
        if here is None:
            continue
        weight, steps = here
        if is_separator(tokens[i].text):
            # Worth what keeping it would be: a separator is dropped only to let names either side match.
            offer(best, i + 1, weight + len(tokens[i].text) * s.unmatched_weight - SEGMENT_PENALTY,
                  steps + [("drop", i, i + 1, "", 0.0)])
        starts_clean = not is_separator(tokens[i].text)
        crosses_hard = False
        listed_inside = False
        letters_after_break = 0
        for j in range(i + 1, min(n, i + MAX_SPAN_TOKENS) + 1):
            # Known names may wrap anywhere (the match confirms them); unknown text never runs on past
            # the start of a new printed line.
            if j - 1 > i and (j - 1) in hard_start:
                crosses_hard, letters_after_break = True, 0
            letters_after_break += sum(ch.isalpha() for ch in tokens[j - 1].text)
            span = text[tokens[i].start:tokens[j - 1].end]
            name, score = matcher.best(span)
            chars = len(span)
            ends_clean = not is_separator(tokens[j - 1].text)
            # Across a break that looks like the start of a new name, a fuzzy match must be confident and
            # carry on with real words: a speck on the next line ("… (OZEV)" + "0" still scores 97) is
            # not part of the name.
            across_ok = not crosses_hard or score == 100.0 or (score >= s.accept and letters_after_break >= 4)
            if score >= s.review and starts_clean and ends_clean and across_ok:
                # Score to the fourth: a near-exact name and a leftover scrap kept apart beat one fuzzy
                # name that swallowed the scrap; a typo (96-99) still beats keeping the line unmatched.
                offer(best, j, weight + chars * (score / 100) ** 4 - SEGMENT_PENALTY,
                      steps + [("match", i, j, name, score)])
            # Unmatched text is whole printed lines: from a line start to a hard line end, and never
            # across a comma or semicolon (the printer's own boundary between names).
            if j - 1 > i and tokens[j - 2].text in LIST_SEPARATORS:
                listed_inside = True
            if keep_start[i] and not crosses_hard and keep_end[j] and starts_clean and ends_clean \
                    and not listed_inside:
                offer(best, j, weight + chars * s.unmatched_weight - SEGMENT_PENALTY,
                      steps + [("keep", i, j, name, score)])
        # A stray token mid-line that nothing else explains: kept as printed, at a cost, so no text is lost.
        # A word costs more than a speck: "Local" before "businesses" is part of an unknown name, not a
        # scrap beside the canonical "Businesses".
        letters = sum(ch.isalpha() for ch in tokens[i].text)
        offer(best, i + 1, weight - 1.0 - STRAY_LETTER_COST * letters, steps + [("stray", i, i + 1, "", 0.0)])
    final = best[n]
    assert final is not None  # every token can always be kept as printed
    names, dropped = [], []
    steps = final[1]
    # In a cell that lists its names with separators, a name starts and ends at one (or at the cell's
    # ends): a boundary the printer did not put there is the segmenter's guess.
    unmarked = set()
    for k in range(1, len(steps)):
        if steps[k][1] in unsure and steps[k][0] in ("keep", "stray") and steps[k - 1][0] in ("keep", "stray"):
            unmarked |= {k - 1, k}  # unknown words either side of a break nothing tells: one name or two?
    if listed:
        for k in range(1, len(steps)):
            b = steps[k][1]
            if steps[k][0] != "drop" and steps[k - 1][0] != "drop" and tokens[b - 1].text not in LIST_SEPARATORS:
                unmarked |= {k - 1, k}
    for k, (kind, i, j, name, score) in enumerate(steps):
        span = " ".join(text[tokens[i].start:tokens[j - 1].end].split())
        # Where a line that wrapped starts with a capital, nothing on the page says whether a new name
        # starts there: a name in no list that runs on across such a break into two or more words (which
        # could be a name of their own), or a listed name met there beside unknown words, is a guess.
        guessed = any((b in ambiguous and words_after(tokens, b, j) >= 2)
                      or (b in heads and (wrapped or {}).get(tokens[b].line) is False) for b in range(i + 1, j))
        if kind == "keep":
            # Words a line in a narrow cell ("Economic" / "Development" / "Sustainability" / "Team"): two
            # words or more either side of a break is two names as likely as one, whatever closes them
            # ("Mill Lane" / "Residents Association" reads as one only to someone who knows the street).
            guessed |= any(b in ambiguous and name_words(tokens, i, b) >= 2 and name_words(tokens, b, j) >= 2
                           for b in range(i + 1, j))
        before = steps[k - 1][0] if k else ""
        after = steps[k + 1][0] if k + 1 < len(steps) else ""
        if kind == "drop":
            dropped.append(span)
        elif kind == "match":
            # A listed name on lines of its own beside unknown text of two or more words on lines of their
            # own reads as two names, as two unknown names do; a lone word beside it might be its tail.
            whole = i in line_start and (j == n or j in line_start)
            beside_unknown = (i in ambiguous and before in ("keep", "stray")
                              and not (whole and kept_name(tokens, steps[k - 1]))) \
                or (j in ambiguous and after in ("keep", "stray") and not (whole and kept_name(tokens, steps[k + 1])))
            names.append(NameMatch(name, span, score, True, score < s.accept or beside_unknown or k in unmarked, name))
        elif kind == "stray":
            # A word left over beside the names around it ("Local" before a canonical "Businesses"): part
            # of a name no list knows, or a name of its own? Kept as printed, and flagged.
            names.append(NameMatch(span, span, 0.0, False, bool(re.search(r"[^\W\d_]{2}", span)), ""))
        else:
            names.append(NameMatch(span, span, score, False, guessed or k in unmarked, name))
    return Segmentation(tuple(names), tuple(dropped))
