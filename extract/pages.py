"""Fast text pass → the pages worth parsing: those whose text holds an action table's header words."""
from __future__ import annotations

import re
from typing import Any

from normalise.vocabulary import HeaderVocabulary

from .document import PageText

YEAR_RANGE = re.compile(r"\b20\d{2}\s*[-–/]\s*(?:20)?\d{2}\b")
WORD = re.compile(r"[a-z]+")


def header_hits(text: str, vocabulary: HeaderVocabulary) -> int:
    """How many distinct header roles a page's text names (a year range counts as one)."""
    words = set(WORD.findall(text.casefold()))
    roles = {role for role, variant_words in vocabulary.word_sets() if variant_words <= words}
    return len(roles) + (1 if YEAR_RANGE.search(text) else 0)


def select_pages(pages: list[PageText], vocabulary: HeaderVocabulary, min_hits: int) -> list[int]:
    return [p.number for p in pages if p.has_text and header_hits(p.text, vocabulary) >= min_hits]


class Pages:
    """pdfplumber's pages by their 1-based number, when only some pages of the PDF were opened."""

    def __init__(self, plumber: Any):
        self.by_number = {int(p.page_number): p for p in plumber.pages}
        self.cached_words: dict[int, list[dict[str, Any]]] = {}

    def __getitem__(self, number: int) -> Any:
        return self.by_number[number]

    def words(self, number: int) -> list[dict[str, Any]]:
        """The page's words (with font name and size), extracted once: every step reads the same words."""
        if number not in self.cached_words:
            self.cached_words[number] = self.by_number[number].extract_words(extra_attrs=["fontname", "size"])
        return self.cached_words[number]


def page_label(text_lines: list[str]) -> str:
    """The printed page number from footer lines: ``205`` or ``Page 5`` → ``5``."""
    for line in reversed(text_lines):
        m = re.fullmatch(r"(?:page\s+)?(\d{1,4})(?:\s+of\s+\d+)?", line.strip(), flags=re.IGNORECASE)
        if m:
            return m.group(1)
    return ""
