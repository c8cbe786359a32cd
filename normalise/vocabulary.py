"""The vocabularies: CSV files an analyst edits (headers, themes, lookalikes, marks, date words, canonical names)."""
from __future__ import annotations

import csv
import hashlib
import re
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from pathlib import Path

HERE = Path(__file__).resolve().parent
VOCAB = HERE / "vocab"
CANONICAL = HERE / "canonical"
# Words too common in prose to count as evidence of a table header on their own.
PAGE_HINT_STOPWORDS = {"to", "from", "no", "lead", "owner", "dates", "programme", "description", "id"}


# Every vocabulary file and its package folder. An analyst's folder (``--vocab DIR``) may hold any of
# them under the same name; each one found there replaces the package's.
FILES = {
    "headers.csv": (VOCAB, ("role", "variant")),
    "themes.csv": (VOCAB, ("theme",)),
    "confusables.csv": (VOCAB, ("char", "latin")),
    "marks.csv": (VOCAB, ("mark",)),
    "date_words.csv": (VOCAB, ("variant", "meaning")),
    "name_endings.csv": (VOCAB, ("word",)),
    "title_words.csv": (VOCAB, ("word",)),
    "abbreviations.csv": (VOCAB, ("word",)),
    "values.csv": (VOCAB, ("value",)),
    "ocr_strays.csv": (VOCAB, ("char", "where")),
    "ocr_confusions.csv": (VOCAB, ("seen", "could_be")),
    "ocr_letters.csv": (VOCAB, ("seen", "could_be")),
    "teams.csv": (CANONICAL, ("canonical",)),
    "partners.csv": (CANONICAL, ("canonical",)),
}
OVERRIDES = "overrides.csv"


class VocabularyError(ValueError):
    """A vocabulary file the analyst supplied cannot be read as one."""


def read_rows(path: Path, required: tuple[str, ...] = ()) -> list[dict[str, str]]:
    try:
        with path.open(newline="", encoding="utf-8-sig") as f:
            reader = csv.DictReader(f)
            missing = [c for c in required if c not in (reader.fieldnames or [])]
            if missing:
                raise VocabularyError(f"{path}: no column {', '.join(missing)} in its header row "
                                      f"(it needs {', '.join(required)})")
            return [{k: (v or "").strip() for k, v in row.items() if k is not None} for row in reader]
    except UnicodeDecodeError as exc:
        raise VocabularyError(f"{path}: not UTF-8 text ({exc.reason}); save it as CSV UTF-8") from None


def vocabulary_files(overlay: Path | None = None) -> dict[str, Path]:
    """Each vocabulary file's effective path: the analyst's folder's copy where it has one."""
    if overlay is not None and not overlay.is_dir():
        raise VocabularyError(f"vocabulary folder {overlay} does not exist")
    out = {}
    for name, (folder, _) in FILES.items():
        mine = overlay / name if overlay is not None else None
        out[name] = mine if mine is not None and mine.is_file() else folder / name
    return out


def unknown_files(overlay: Path) -> list[str]:
    """CSV files in the analyst's folder that are no vocabulary file (a typo: ``team.csv``)."""
    return sorted(p.name for p in overlay.glob("*.csv") if p.name not in FILES and p.name != OVERRIDES)


def vocabulary_fingerprint(overlay: Path | None = None) -> str:
    """A hash of every effective vocabulary file (and the overrides), so a changed list reruns normalise."""
    digest = hashlib.sha256()
    paths = vocabulary_files(overlay)
    if overlay is not None and (overlay / OVERRIDES).is_file():
        paths[OVERRIDES] = overlay / OVERRIDES
    for name, path in sorted(paths.items()):
        digest.update(name.encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()[:16]


@dataclass(frozen=True)
class HeaderVocabulary:
    variants: dict[str, tuple[str, ...]]  # role → printed variants

    @cached_property
    def word_sets(self) -> list[tuple[str, frozenset[str]]]:
        """Each variant's words, for spotting header words in a page's text (worked out once: the
        page selection asks for them on every page of a pack)."""
        out = []
        for role, variants in self.variants.items():
            if role == "other":
                continue  # Status, Comments, Cost: no evidence of an action table on their own
            for v in variants:
                words = frozenset(re.findall(r"[a-z]+", v.casefold()))
                if words and not words <= PAGE_HINT_STOPWORDS:
                    out.append((role, words))
        return out

    @cached_property
    def compact_variants(self) -> list[tuple[str, str]]:
        """Each variant's letters run together (``keypartners``), for text a producer wrote with no word
        breaks; only those long enough (six letters or more) not to turn up inside other words by chance."""
        out = []
        for role, variants in self.variants.items():
            if role == "other":
                continue
            for v in variants:
                letters = "".join(re.findall(r"[a-z]+", v.casefold()))
                if len(letters) >= 6:
                    out.append((role, letters))
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
    title_words: frozenset[str] = frozenset()  # casefolded last words of a plan's title ("Plan", "Strategy")
    abbreviations: frozenset[str] = frozenset()  # casefolded words printed with a stop inside a sentence ("etc")
    values: frozenset[str] = frozenset()  # common values of the columns kept whole (a Status's "On track")
    strays: str = ""  # OCR specks removed anywhere: whole tokens of them, and at token edges
    data_strays: str = ""  # removed at the edges of dates, IDs and year cells only (legitimate in text)
    ocr_confusions: dict[str, tuple[str, ...]] = field(default_factory=dict)  # seen → what it could be
    # Letters OCR misreads inside words ("o" as "a", "m" as "rn"): seen → what it could be.
    ocr_letters: dict[str, tuple[str, ...]] = field(default_factory=dict)


def load_canonical(path: Path, name: str, key: str = "canonical") -> CanonicalList:
    entries: dict[str, list[str]] = {}
    for row in read_rows(path, (key,)):
        if not row[key]:
            continue
        variants = entries.setdefault(row[key], [])
        if row.get("variant") and row["variant"] != row[key]:
            variants.append(row["variant"])
    return CanonicalList(name, {k: tuple(v) for k, v in entries.items()})


def load_headers(path: Path) -> HeaderVocabulary:
    variants: dict[str, list[str]] = {}
    for row in read_rows(path, FILES["headers.csv"][1]):
        variants.setdefault(row["role"], []).append(row["variant"])
    return HeaderVocabulary({k: tuple(v) for k, v in variants.items()})


def load_vocabulary(overlay: Path | None = None) -> Vocabulary:
    """The package's vocabularies, with any file in ``overlay`` (an analyst's folder) replacing its own.
    Read once per state of the files: a long-lived worker sees an analyst's edit on its next PDF."""
    f = vocabulary_files(overlay)
    stamps = tuple((name, str(path), *file_stamp(path)) for name, path in sorted(f.items()))
    return load_vocabulary_files(overlay, stamps)


def file_stamp(path: Path) -> tuple[int, int]:
    status = path.stat()
    return status.st_mtime_ns, status.st_size


@lru_cache(maxsize=8)
def load_vocabulary_files(overlay: Path | None, stamps: tuple[tuple[str, str, int, int], ...]) -> Vocabulary:
    f = vocabulary_files(overlay)

    def rows(name: str) -> list[dict[str, str]]:
        return read_rows(f[name], FILES[name][1])

    return Vocabulary(
        headers=load_headers(f["headers.csv"]),
        themes=load_canonical(f["themes.csv"], "themes", key="theme"),
        teams=load_canonical(f["teams.csv"], "teams"),
        partners=load_canonical(f["partners.csv"], "partners"),
        confusables={r["char"]: r["latin"] for r in rows("confusables.csv")},
        marks=frozenset(r["mark"] for r in rows("marks.csv")),
        date_words={r["variant"].casefold(): r["meaning"] for r in rows("date_words.csv")},
        name_endings=frozenset(r["word"].casefold() for r in rows("name_endings.csv")),
        title_words=frozenset(r["word"].casefold() for r in rows("title_words.csv")),
        abbreviations=frozenset(r["word"].casefold() for r in rows("abbreviations.csv")),
        values=frozenset(r["value"] for r in rows("values.csv") if r["value"].strip()),
        strays="".join(r["char"] for r in rows("ocr_strays.csv") if r["where"] == "anywhere"),
        data_strays="".join(r["char"] for r in rows("ocr_strays.csv")),
        ocr_confusions=load_confusions(f["ocr_confusions.csv"]),
        ocr_letters=load_confusions(f["ocr_letters.csv"]),
    )


def load_confusions(path: Path) -> dict[str, tuple[str, ...]]:
    out: dict[str, list[str]] = {}
    for row in read_rows(path, FILES["ocr_confusions.csv"][1]):
        out.setdefault(row["seen"], []).append(row["could_be"])
    return {k: tuple(v) for k, v in out.items()}
