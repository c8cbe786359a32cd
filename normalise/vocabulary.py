"""The vocabularies: CSV files an analyst edits (headers, themes, lookalikes, marks, date words, canonical names)."""
from __future__ import annotations

import csv
import re
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from pathlib import Path

HERE = Path(__file__).resolve().parent
VOCAB = HERE / "vocab"
CANONICAL = HERE / "canonical"
# Words too common in prose to count as evidence of a table header on their own.
PAGE_HINT_STOPWORDS = {"to", "from", "no", "lead", "owner", "dates", "programme", "description", "id"}


def read_rows(path: Path) -> list[dict[str, str]]:
    with path.open(newline="", encoding="utf-8") as f:
        return [{k: (v or "").strip() for k, v in row.items()} for row in csv.DictReader(f)]


@dataclass(frozen=True)
class HeaderVocabulary:
    variants: dict[str, tuple[str, ...]]  # role → printed variants

    @cached_property
    def word_sets(self) -> list[tuple[str, frozenset[str]]]:
        """Each variant's words, for spotting header words in a page's text (worked out once: the
        page selection asks for them on every page of a pack)."""
        out = []
        for role, variants in self.variants.items():
            for v in variants:
                words = frozenset(re.findall(r"[a-z]+", v.casefold()))
                if words and not words <= PAGE_HINT_STOPWORDS:
                    out.append((role, words))
        return out


@dataclass(frozen=True)
class CanonicalList:
    """Canonical name → the printed variants known to mean it (the canonical name is always one)."""

    name: str
    entries: dict[str, tuple[str, ...]] = field(default_factory=dict)

    def pairs(self) -> list[tuple[str, str]]:
        return [(canonical, v) for canonical, vs in self.entries.items() for v in (canonical, *vs)]


@dataclass(frozen=True)
class Vocabulary:
    headers: HeaderVocabulary
    themes: CanonicalList
    teams: CanonicalList
    partners: CanonicalList
    confusables: dict[str, str]
    marks: frozenset[str]
    date_words: dict[str, str]  # casefolded variant → "ongoing" | "unknown"
    name_endings: frozenset[str] = frozenset()  # casefolded last words of complete organisation names
    strays: str = ""  # OCR specks removed anywhere: whole tokens of them, and at token edges
    data_strays: str = ""  # removed at the edges of dates, IDs and year cells only (legitimate in text)
    ocr_confusions: dict[str, tuple[str, ...]] = field(default_factory=dict)  # seen → what it could be


def load_canonical(path: Path, name: str, key: str = "canonical") -> CanonicalList:
    entries: dict[str, list[str]] = {}
    for row in read_rows(path):
        variants = entries.setdefault(row[key], [])
        if row.get("variant") and row["variant"] != row[key]:
            variants.append(row["variant"])
    return CanonicalList(name, {k: tuple(v) for k, v in entries.items()})


def load_headers(path: Path) -> HeaderVocabulary:
    variants: dict[str, list[str]] = {}
    for row in read_rows(path):
        variants.setdefault(row["role"], []).append(row["variant"])
    return HeaderVocabulary({k: tuple(v) for k, v in variants.items()})


@lru_cache(maxsize=4)
def load_vocabulary(vocab_dir: Path = VOCAB, canonical_dir: Path = CANONICAL) -> Vocabulary:
    return Vocabulary(
        headers=load_headers(vocab_dir / "headers.csv"),
        themes=load_canonical(vocab_dir / "themes.csv", "themes", key="theme"),
        teams=load_canonical(canonical_dir / "teams.csv", "teams"),
        partners=load_canonical(canonical_dir / "partners.csv", "partners"),
        confusables={r["char"]: r["latin"] for r in read_rows(vocab_dir / "confusables.csv")},
        marks=frozenset(r["mark"] for r in read_rows(vocab_dir / "marks.csv")),
        date_words={r["variant"].casefold(): r["meaning"] for r in read_rows(vocab_dir / "date_words.csv")},
        name_endings=frozenset(r["word"].casefold() for r in read_rows(vocab_dir / "name_endings.csv")),
        strays="".join(r["char"] for r in read_rows(vocab_dir / "ocr_strays.csv") if r["where"] == "anywhere"),
        data_strays="".join(r["char"] for r in read_rows(vocab_dir / "ocr_strays.csv")),
        ocr_confusions=load_confusions(vocab_dir / "ocr_confusions.csv"),
    )


def load_confusions(path: Path) -> dict[str, tuple[str, ...]]:
    out: dict[str, list[str]] = {}
    for row in read_rows(path):
        out.setdefault(row["seen"], []).append(row["could_be"])
    return {k: tuple(v) for k, v in out.items()}
