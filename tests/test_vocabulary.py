"""The vocabularies are data: each list disjoint, each canonical name mapping to itself."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

from normalise.names import Matcher, segment
from normalise.settings import NormaliseSettings
from normalise.text import match_key
from normalise.vocabulary import CanonicalList, load_vocabulary

VOCAB = load_vocabulary()
LISTS = {"teams": VOCAB.teams, "partners": VOCAB.partners, "themes": VOCAB.themes}


@pytest.mark.parametrize("name", LISTS)
def test_variants_are_disjoint(name: str) -> None:
    seen: dict[str, str] = {}
    for canonical, variant in LISTS[name].pairs():
        key = match_key(variant, VOCAB.confusables)
        assert seen.setdefault(key, canonical) == canonical, f"{variant!r} maps to {seen[key]!r} and {canonical!r}"


@pytest.mark.parametrize("name", ["teams", "partners"])
def test_each_canonical_name_maps_to_itself(name: str) -> None:
    canonical_list: CanonicalList = LISTS[name]
    matcher = Matcher(canonical_list, VOCAB.confusables, NormaliseSettings())
    for canonical in canonical_list.entries:
        seg = segment(canonical, matcher)
        assert [(n.name, n.matched) for n in seg.names] == [(canonical, True)], canonical


@pytest.mark.parametrize("name", ["teams", "partners"])
def test_canonicalising_is_idempotent(name: str) -> None:
    canonical_list: CanonicalList = LISTS[name]
    matcher = Matcher(canonical_list, VOCAB.confusables, NormaliseSettings())
    for _, variant in canonical_list.pairs():
        once = [n.name for n in segment(variant, matcher).names]
        twice = [n.name for text in once for n in segment(text, matcher).names]
        assert once == twice, variant


def test_confusables_map_to_ascii() -> None:
    assert all(latin.isascii() and not ch.isascii() for ch, latin in VOCAB.confusables.items())


def test_header_roles_are_known() -> None:
    assert set(VOCAB.headers.variants) == {"id", "action", "leads", "partners", "start", "end", "timescale",
                                           "delivery", "other", "theme"}


def test_character_vocabularies_hold_single_characters() -> None:
    # A stray quote in a CSV row once swallowed the rows after it: every entry must be one character.
    assert all(len(ch) == 1 for ch in VOCAB.confusables)
    assert VOCAB.strays and all(ch in VOCAB.data_strays for ch in VOCAB.strays)
    assert len(set(VOCAB.data_strays)) == len(VOCAB.data_strays) and not any(c.isalnum() for c in VOCAB.data_strays)


def test_ocr_letter_confusions_are_short_and_never_the_same() -> None:
    pairs = [(seen, could) for seen, coulds in VOCAB.ocr_letters.items() for could in coulds]
    assert pairs and all(1 <= len(s) <= 2 and 1 <= len(c) <= 2 and s != c for s, c in pairs)
    assert len(pairs) == len(set(pairs))


def test_an_edited_vocabulary_file_is_read_again(tmp_path: Path) -> None:
    # A worker of a long-lived cluster reads many PDFs: an analyst's edit between batches must reach it,
    # and an unchanged vocabulary is the same object (its name matchers, and their matches, are reused).
    from normalise.build import matchers_for

    teams = tmp_path / "teams.csv"
    teams.write_text("canonical,variant\nParks Service,\n", encoding="utf-8")
    first = load_vocabulary(tmp_path)
    assert load_vocabulary(tmp_path) is first
    assert matchers_for(first, NormaliseSettings()) is matchers_for(first, NormaliseSettings())
    teams.write_text("canonical,variant\nParks Service,\nHuman Resources,\n", encoding="utf-8")
    stamp = teams.stat().st_mtime_ns + 1_000_000_000
    os.utime(teams, ns=(stamp, stamp))
    second = load_vocabulary(tmp_path)
    assert second is not first
    assert "Human Resources" in {name for name, _ in second.teams.pairs()}


def test_lookalikes_fold_with_each_table_its_own() -> None:
    # fold_confusables keeps one translation per table: a second table, or the first changed into a new
    # dict, must not be folded with the first's.
    from normalise.text import fold_confusables

    assert fold_confusables("Τ7 and Т8", VOCAB.confusables) == "T7 and T8"
    assert fold_confusables("Τ7", {"Τ": "X"}) == "X7"
    assert fold_confusables("Τ7", {}) == "Τ7"
    assert fold_confusables("Τ7", VOCAB.confusables) == "T7"


def test_english_words_are_the_dictionary_read_with_its_counts() -> None:
    from normalise.hyphens import english_counts, english_words

    assert english_words() == frozenset(english_counts()) and len(english_words()) > 80_000
