"""OCR'd words that are no word → the word OCR misread, where one reading is clearly meant.

A word is checked only when it is in no lexicon (and is lowercase or capitalised, not an acronym):
symspellpy's English frequency dictionary, the vocabularies' names and themes, and the words of four
letters or more that the document prints at least twice (its jargon and proper nouns: a misreading
rarely repeats). Its readings are the lexicon words one or two of OCR's letter confusions away
(``ocr_letters.csv``: ``thraugh`` → ``through``, ``mode!`` → ``model``). One reading, or one far more
frequent than the next, is taken and logged; several alike are left as printed and the row is flagged;
one that cuts into common words (``glued_words``: a space lost, ``solarheat``, or jargon, ``insetting``) is
kept and flagged, in prose only where each part has four letters or more, as is one a letter from a common
word (``near_words``: ``redice``); none of these (a name, a coinage) leaves the word alone. Born-digital
text is never re-spelled: this runs only on text the pipeline OCR'd itself."""
from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from .glued_words import glued_splits
from .hyphens import english_counts
from .name_doubts import misread_of, name_key
from .near_words import near_common_word

# A word, with the non-letters OCR puts for a letter at its end ("mode!") or inside it ("mi1k").
TOKEN = re.compile(r"[^\W\d_](?:[^\W\d_]|[!|1](?=[^\W\d_]))*[!|]?")
RULE_GLYPHS = "jlIi"  # letters OCR makes of a cell's rule beside a word's first letter ("jtraining")
OPENING_QUOTE = re.compile(r"(?:(?<=\s)|^)‘(?=[^\W\d_])", re.MULTILINE)  # a left quote glued to a word's start
RULE_LEFT = re.compile(r"[|¦]+")  # a rule's fragment OCR read as a bar: no prose or name prints one
# A number of two digits set between two words, where a short word reads as well
# ("difficult 10 transition"), or a lone 0 ("difficult 0 transition": "to" with its first letter lost; prose
# writes "zero"): flagged, never changed, since prose holds numbers too ("by 10 percent").
NUMBER_IN_WORDS = re.compile(r"(?<=\w )(?:\d{2}|0)(?= [a-z])")  # "package 1 which" is a number
COMMON = 100_000_000  # a reading this frequent (to, in, so, …) makes a number between words doubtful
MIN_LENGTH = 2  # letters: a one-letter word is too many readings away from too many words
OWN_WORD = 4  # letters from which a word the document repeats counts as one of its own
LONG_WORD = 6  # letters from which a word may hold two misread letters
PROSE_PART = 4  # letters each part of a glued word in prose must have for a doubt: "solar|heat", not "re|procure"
MIN_COUNT = 100_000  # a reading rarer than this in English ("delver") is no more likely than a typo left as printed
DOMINANCE = 20.0  # a reading this many times more frequent than the next is the one meant
# Letters whose capital is the small letter drawn larger: OCR reads one for the other by size alone, so a
# capital among small words may be a small letter misread (``funding retrofit Opportunities``).
CASE_ALIKE = frozenset("cosuvwxz")
# A capitalised word after a small word or a comma (text is folded to single spaces): no sentence starts
# there, so the capital is a name's, or OCR's.
# A word begun in small letters with a capital inside ("sUpport"); "iPhone" and "eBay" are no English words.
INNER_CAPITAL = re.compile(r"[a-z]+[A-Z][A-Za-z]*")
MID_SENTENCE_CAPITAL = re.compile(r"(?<=[a-z,;] )[A-Z][a-z]+")
# Specks OCR reads as punctuation: a token of nothing but stops or quotes after a word ("solar. ."), and a
# quote between a word and a capitalised word or a year ("of'Commerce", "June’2028") where a space was; and
# such a token standing apart at a line's start, before its first word ("Water\n. planting").
LONE_MARKS = re.compile(r"(?<=\S) [.,'’‘`]+(?= |$)|^[.,'’‘`]+ (?=\S)", re.MULTILINE)
# A speck read as a symbol prose never sets alone after a word, before the next or at a line's end ("and =
# support", "carbon | emissions"); between numbers it may be printed ("1 tonne = 1000 kg") and is left.
LONE_SYMBOLS = re.compile(r"(?<=[^\W\d_]) [=~_|^¬©®]+(?=\s+[^\W\d_]|$)", re.MULTILINE)
# A stop, colon or ellipsis after a word and before a small one ("programme. recovery", "flooding... emissions"),
# or a colon, semicolon or comma ending the text: prose puts none there, OCR makes one of a speck or of a full
# stop ("programme," for "programme.").
# A colon or semicolon standing apart at a line's end, or after a sentence's stop ("heat. :"): prose sets
# one against its word and never after a stop.
# A run of rule strokes ending a line, or a line of its own ("LTP\n—_———7": a rule under the value read with
# a glyph), or a lone slash so ("LTP /"): nothing a line of print ends on. A dash or slash between words
# ("and / or", "Review – annual") is left.
RULE_RUN = re.compile(r"(?:(?<=\S) |^)(?:[—–_-]{3,}\S?|/)$", re.MULTILINE)
LONE_PUNCTUATION = re.compile(r"(?<=\S) [:;]+$|(?<=[.!?]) [:;]+(?= )", re.MULTILINE)
# A dash standing alone between words or at a line's end: prose may set one ("work – heat"), OCR makes one of a
# rule's fragment or a stamp's stroke as often, so it is kept as read and flagged.
LONE_DASH = re.compile(r"(?<=\S) [—–-](?= |$)", re.MULTILINE)
# A full stop on a word the lexicon knows, before a small word on its line or the next ("programme.
# recovery", "with.\ndata"): prose ends no sentence there; an abbreviation's stop ("etc. and",
# abbreviations.csv) is printed so and is kept.
STRAY_STOP = re.compile(r"(?<![\w.])([^\W\d_]{2,})\.(?=[ \n][a-z])")
MID_STOP = re.compile(r"(?<=[^\W\d_])(?:[.:;…]+(?=[ \n][a-z])|[:;,]$)")
# A stop or comma between two words with no space after it ("deliver.network"): a speck OCR read between
# them, or a stop whose space it lost; an abbreviation's stops stand between single letters ("e.g.").
GLUED_STOP = re.compile(r"(?<=[^\W\d_]{2})[.,:;](?=[^\W\d_]{2})")
GLUED_QUOTE = re.compile(r"\b([^\W\d_]{2,})['’‘`]([A-Z][a-z]+|\d{2,4}|[a-z]{3,})\b")
# A rule beside a cell's first word, read as a bar or a brace with a speck or two before it (".|opportunities",
# "‘|data", "j}adaptation"): no prose prints a bar or a lone brace against a word. Dropped where what follows
# is a word the lexicon knows.
RULE_PREFIX = re.compile(r"(?:(?<=\s)|^)(?:[^\w\s]{1,2}|[^\W\d_])[|¦}]+(?=([^\W\d_]+))", re.MULTILINE)


def readings(word: str, letters: dict[str, tuple[str, ...]], known: set[str] | frozenset[str],
             limit: int = 2) -> set[str]:
    """The lexicon words ``word`` (lowercase) becomes by undoing at most ``limit`` letter confusions,
    fewest first: the words one confusion away, or, where there are none, two."""
    frontier, found = {word}, set()
    for _ in range(limit):
        step = set()
        for w in frontier:
            for seen, options in letters.items():
                start = w.find(seen)
                while start >= 0:
                    for could in options:
                        step.add(w[:start] + could + w[start + len(seen):])
                    start = w.find(seen, start + 1)
        found = {w for w in step if w in known}
        if found:
            return found
        frontier = step
    return found


def unpaired_brackets(text: str) -> str:
    """``text`` without the square brackets that have no partner in it: prose pairs them, OCR makes one of
    a rule's end beside a word (``[Youth Parliament``)."""
    opened: list[int] = []
    unpaired: set[int] = set()
    for i, ch in enumerate(text):
        if ch == "[":
            opened.append(i)
        elif ch == "]":
            if opened:
                opened.pop()
            else:
                unpaired.add(i)
    unpaired.update(opened)
    return "".join(ch for i, ch in enumerate(text) if i not in unpaired)


def mid_sentence_capitals(text: str) -> list[str]:
    """Capitalised words that follow a small word or a comma on the same sentence (``… retrofit Opportunities``)."""
    return MID_SENTENCE_CAPITAL.findall(text)


def with_case_of(printed: str, word: str) -> str:
    """``word`` in the printed word's case pattern (``Taurism`` → ``Tourism``)."""
    if printed[:1].isupper():
        return word[:1].upper() + word[1:]
    return word


@dataclass
class Respelling:
    text: str
    changes: list[tuple[str, str]] = field(default_factory=list)  # (printed, now)
    doubts: list[tuple[str, str]] = field(default_factory=list)  # (printed, rule): kept, in doubt


@dataclass
class OcrLexicon:
    """What counts as a word in one document: English, the vocabularies and the document's own words."""

    document: frozenset[str]
    letters: dict[str, tuple[str, ...]]

    capitals: frozenset[str] = frozenset()  # words (casefolded) the document capitalises mid-sentence twice or more
    names: tuple[str, ...] = ()  # the lists' names, as ``name_key``s
    abbreviations: frozenset[str] = frozenset()  # words printed with a stop mid-sentence ("etc"), casefolded

    @classmethod
    def of(cls, texts: list[str], vocabulary_words: list[str], letters: dict[str, tuple[str, ...]],
           names: Iterable[str] = (), abbreviations: Iterable[str] = ()) -> OcrLexicon:
        counts = Counter(w.casefold() for t in texts for w in TOKEN.findall(t))
        # A short misreading repeats as often as the short word it stands for ("ta" for "to"): only
        # longer words vouch for themselves by repetition.
        own = {w for w, n in counts.items() if n >= 2 and len(w) >= OWN_WORD}
        own |= {w.casefold() for v in vocabulary_words for w in TOKEN.findall(v)}
        capitals = Counter(w.casefold() for t in texts for w in mid_sentence_capitals(t))
        return cls(frozenset(own), letters, frozenset(w for w, n in capitals.items() if n >= 2),
                   tuple(dict.fromkeys(name_key(n) for n in names)), frozenset(a.casefold() for a in abbreviations))

    def abbreviates(self, before: str) -> bool:
        """Whether the text before a stop ends in an abbreviation ("etc", "e.g")."""
        last = before.rsplit(None, 1)[-1] if before.strip() else ""
        return last.casefold() in self.abbreviations

    def knows(self, word: str) -> bool:
        return word in self.document or word in english_counts()

    def unspeckle(self, text: str) -> str:
        """OCR's punctuation specks out of a cell's text (``LONE_MARKS``, ``LONE_SYMBOLS``,
        ``LONE_PUNCTUATION``, a square bracket with no partner in the cell: a rule's end, ``[Adaptation``; an
        opening quote on a word where no closing quote follows in the cell, ``‘with``; a full stop on a known
        word, no abbreviation, before a small word: ``STRAY_STOP``; a rule's bar before a known word,
        ``.|opportunities``: ``RULE_PREFIX``; rule strokes ending a line: ``RULE_RUN``), and a quote read
        for a space between two words the lexicon knows, or a word and a year, made a space again (a name's
        own quote, ``O'Neill``, has one letter before it; a possessive or a contraction, ``council's``,
        ``they're``, one or two small letters after: three or more are a word, ``emissions'review``)."""
        text = RULE_RUN.sub("", text)
        text = RULE_PREFIX.sub(lambda m: "" if self.knows(m.group(1).casefold()) else m.group(0), text)
        text = unpaired_brackets(LONE_PUNCTUATION.sub("", LONE_SYMBOLS.sub("", LONE_MARKS.sub("", text))))
        text = STRAY_STOP.sub(lambda m: m.group(1) if self.knows(m.group(1).casefold())
                              and m.group(1).casefold() not in self.abbreviations else m.group(0), text)
        if "’" not in text:
            text = OPENING_QUOTE.sub("", text)  # an opening quote nothing closes, on a word: a speck ("‘with")
        return GLUED_QUOTE.sub(lambda m: f"{m.group(1)} {m.group(2)}" if self.knows(m.group(1).casefold()) and (
            m.group(2).isdigit() or self.knows(m.group(2).casefold())) else m.group(0), text)

    def doubts_name(self, name: str) -> bool:
        """Whether an OCR'd name no list knows may be misread: in the shape of a known name (``OfT`` for
        ``DfT``, a name cut short: ``name_doubts``), holding a word in no lexicon (the document's repeated
        words, the lists' names and English), a rule's fragment, or no letter at all (a "1" read from a speck
        or a Gantt cell's edge)."""
        if not any(ch.isalpha() for ch in name) or RULE_LEFT.search(name):
            return True  # no letter (a speck read as "1"), or a rule's fragment in it ("Sustainability -|Team")
        return misread_of(name_key(name), self.names) is not None \
            or any(not self.knows(w.casefold()) for w in TOKEN.findall(name) if len(w) >= MIN_LENGTH)

    def respell(self, text: str, short_value: bool = False, inked: Iterable[str] = ()) -> Respelling:
        """``text``'s misread words re-spelled. A word that splits into common words (a space lost:
        "solarheat", "Linkedtothe") is a doubt: in prose only where each part is a word of PROSE_PART letters
        or more, since prose's jargon splits too, into a prefix or a particle ("reprocure", "insetting",
        "rollout"); in a ``short_value`` of a column (a Status, a comment), which rarely holds jargon, always.
        ``inked``: what the scan's ink confirms, once per printing (extract/inked_readings.py): a word's capital
        ("Cycling"), a dash, a word's semicolon ("education;"); those are no doubt."""
        confirmed = Counter(inked)
        english = english_counts()
        known = self.document | english.keys()
        out = Respelling(text)
        pieces: list[str] = []
        last = 0
        for m in TOKEN.finditer(text):
            printed = m.group(0)
            word = printed.casefold()
            now = printed
            glued = printed[1:]
            if printed[0] in RULE_GLYPHS and word not in english and glued.casefold() in english \
                    and (len(glued) >= OWN_WORD or english[glued.casefold()] >= COMMON):
                # A rule beside the word read as a letter glued to it ("jtraining", "lengagement"; a short
                # word only where it is among the commonest: "ithe", "INew"): the same rule beside the same
                # word repeats, so the document's own repetition vouches for nothing.
                now = glued
                out.changes.append((printed, now))
            elif INNER_CAPITAL.fullmatch(printed) and word in english:
                # A capital inside a small word ("sUpport"): OCR's, where the letter's two cases look alike.
                if all(ch.casefold() in CASE_ALIKE for ch in printed if ch.isupper()):
                    now = printed.lower()
                    out.changes.append((printed, now))
                else:
                    out.doubts.append((printed, "ocr-case-review"))
            elif len(word.rstrip("!|")) >= MIN_LENGTH and not self.knows(word) \
                    and not (printed.isupper() and len(printed) > 1):
                # Two confusions only in a long word: a short one is two letters away from too much.
                limit = 2 if len(word) >= LONG_WORD else 1
                options = sorted((w for w in readings(word, self.letters, known, limit)
                                  if w in self.document or english.get(w, 0) >= MIN_COUNT),
                                 key=lambda w: -english.get(w, MIN_COUNT))
                if len(options) == 1 or (len(options) > 1 and english.get(options[0], MIN_COUNT)
                                         >= DOMINANCE * english.get(options[1], MIN_COUNT)):
                    now = with_case_of(printed, options[0])
                    out.changes.append((printed, now))
                elif options:
                    out.doubts.append((printed, "ocr-spelling-review"))
                elif any(short_value or min(map(len, cut)) >= PROSE_PART for cut in glued_splits(printed)) \
                        or near_common_word(printed):
                    # Common words run together where OCR lost a space ("Linkedtothe"), or a word no
                    # lexicon knows that splits into them ("insetting"); or a letter from a common word
                    # ("redice"), misread as no confusion covers: kept as printed, in doubt.
                    out.doubts.append((printed, "ocr-spelling-review"))
            pieces.append(text[last:m.start()] + now)
            last = m.end()
        out.text = "".join(pieces) + text[last:]
        # Left as read: an abbreviation's stop ("e.g. the") is printed so, a speck is not; a dash may be either.
        for m in (*MID_STOP.finditer(out.text), *GLUED_STOP.finditer(out.text), *LONE_DASH.finditer(out.text)):
            if m.re is MID_STOP and m.group(0) == "." and self.abbreviates(out.text[:m.start()]):
                continue  # an abbreviation's stop ("etc. and"): printed so
            token = m.group(0).strip() if m.re is LONE_DASH else out.text[:m.end()].rsplit(None, 1)[-1]
            if m.re is not GLUED_STOP and confirmed[token] > 0:
                confirmed[token] -= 1  # a dash, a semicolon, its ink shows printed
                continue
            out.doubts.append((out.text[max(0, m.start() - 12):m.end() + 12].strip(), "ocr-punctuation-review"))
        for m in RULE_LEFT.finditer(out.text):
            # A rule's fragment glued to a word, past what the specks' rules take out ("‘|data"): in doubt.
            out.doubts.append((out.text[max(0, m.start() - 12):m.end() + 12].strip(), "ocr-punctuation-review"))
        for word in mid_sentence_capitals(out.text):
            # Left as printed (the capital may be a name's), but a capital OCR can take for a small letter,
            # on a word the document nowhere else capitalises there, may be one: the analyst decides.
            if confirmed[word] > 0:
                confirmed[word] -= 1  # printed a capital, as its ink shows
            elif word[0].casefold() in CASE_ALIKE and word[1:].islower() and word.casefold() in english \
                    and word.casefold() not in self.capitals:
                out.doubts.append((word, "ocr-case-review"))
        for m in NUMBER_IN_WORDS.finditer(out.text):
            if m.group(0) == "0" or any(english.get(w, 0) >= COMMON
                                        for w in readings(m.group(0), self.letters, known, 2)):
                out.doubts.append((m.group(0), "ocr-number-review"))
        return out
