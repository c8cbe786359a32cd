"""Text repairs that never re-spell a word: whitespace, markup, wrapped lines, lookalike characters."""
from __future__ import annotations

import re
import unicodedata

# A tag: a name, then attributes in attribute syntax (``<b>``, ``</b>``, ``<br/>``, ``<span class="x">``);
# not any text between angle brackets.
ATTRIBUTE = r"""\s+[a-zA-Z_:][-\w:.]*(?:\s*=\s*(?:"[^"<>]*"|'[^'<>]*'|[^\s"'<>=]+))?"""
MARKUP = re.compile(rf"</?[a-zA-Z][a-zA-Z0-9]*(?:{ATTRIBUTE})*\s*/?>")
SPACES = re.compile(r"[ \t\u00a0\u2000-\u200b\u202f\u205f\u3000]+")
KEY_JUNK = re.compile(r"[^\w\s]")


LIGATURES = re.compile("[\ufb00-\ufb06]")


def expand_ligatures(text: str) -> str:
    """``ﬁ``, ``ﬂ``, ``ﬃ`` (one glyph for several letters, as some fonts write them in the text layer) →
    the letters: the same word, not a re-spelling."""
    return LIGATURES.sub(lambda m: unicodedata.normalize("NFKC", m.group()), text)


def strip_markup(text: str) -> str:
    """``<b>–</b>`` → ``–``: tags removed, their content kept (what is left is judged elsewhere).
    Repeated until none is left, so ``<<b>b>`` cannot leave a tag behind."""
    while True:
        stripped = MARKUP.sub("", text)
        if stripped == text:
            return text
        text = stripped


def clean_lines(text: str) -> list[str]:
    """A cell's printed lines, each with its whitespace folded; empty lines dropped."""
    return [ln for ln in (SPACES.sub(" ", raw).strip() for raw in text.splitlines()) if ln]


def join_lines(lines: list[str]) -> str:
    """Rejoin lines broken by wrapping: a space between them, except after a word-final hyphen
    (``evidence-`` / ``led`` → ``evidence-led``), which is how Word breaks hyphenated words."""
    out = ""
    for line in lines:
        if not out:
            out = line
        elif re.search(r"\w-$", out) and line[:1].isalpha():
            out += line
        else:
            out += " " + line
    return out


def fold_text(text: str) -> str:
    """Whitespace and line breaks folded to single spaces: the form text is written out in."""
    return join_lines(clean_lines(text))


# A confusables table as str.translate wants it (code point → text), kept with the table it was made
# from: a vocabulary's table lives for the whole run, and names are folded thousands of times.
TRANSLATIONS: dict[int, tuple[dict[str, str], dict[int, str]]] = {}


def fold_confusables(text: str, table: dict[str, str]) -> str:
    """Each lookalike character → the Latin one it stands for (``table``: one character → its text)."""
    cached = TRANSLATIONS.get(id(table))
    if cached is None or cached[0] is not table:
        if len(TRANSLATIONS) > 64:
            TRANSLATIONS.clear()
        cached = (table, {ord(k): v for k, v in table.items() if len(k) == 1})
        TRANSLATIONS[id(table)] = cached
    return text.translate(cached[1])


def match_key(text: str, confusables: dict[str, str]) -> str:
    """The form names are compared in: lookalikes folded, case and punctuation ignored, ``&`` read as ``and``."""
    text = unicodedata.normalize("NFKC", fold_confusables(text, confusables))
    text = text.replace("&", " and ").casefold()
    text = KEY_JUNK.sub(" ", text)
    return " ".join(text.split())


RULE_EDGE = re.compile(r"^[-–—]+[|¦]+|[|¦]+[-–—]+$")


def strip_strays(text: str, strays: str) -> str:
    """OCR specks out of each line: tokens made only of ``strays`` dropped, and ``strays`` trimmed from the
    edges of the remaining tokens (``|`` beside a rule, ``‘Apr-25_``); line breaks kept."""
    if not strays:
        return text
    out = []
    for line in text.split("\n"):
        tokens = [t.strip(strays) for t in line.split()]
        if "|" in strays:
            # A rule read as a bar with a dash beside it, on a word's edge ("-|Team"): no print sets one.
            tokens = [RULE_EDGE.sub("", t) for t in tokens]
        out.append(" ".join(t for t in tokens if t))
    return "\n".join(out)


PAIRED = {"‘": "’", "“": "”", "(": ")", "[": "]", "{": "}", "'": "'", '"': '"'}


def trim_unpaired(text: str, marks: str) -> str:
    """``marks`` off a heading's two ends where none opens or closes a pair in it: OCR's speck before a
    title (``‘Net Zero County Action Plan``), a stop after it; ``(2024-2030)`` closes what it opens, and stays."""
    closers = {close: open_ for open_, close in PAIRED.items()}
    text = text.strip()
    while text and text[0] in marks and not (text[0] in PAIRED and PAIRED[text[0]] in text[1:]):
        text = text[1:].lstrip()
    while text and text[-1] in marks and not (text[-1] in closers and closers[text[-1]] in text[:-1]):
        text = text[:-1].rstrip()
    return text


def starts_lower(text: str) -> bool:
    """Whether a text's first letter is lower case: the rest of a sentence or a cell's overflow
    ("communities."), never a heading; a section name whose first word was lost ("and Land Use")."""
    first = next((ch for ch in text if ch.isalpha()), "")
    return first.islower()
