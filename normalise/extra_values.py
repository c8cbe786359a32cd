"""OCR'd values of the columns kept whole in the extra table (Status, Comments, costs): their words
re-spelled as action text's are, and a value whose spaces OCR lost taken as the same column's spaced one."""
from __future__ import annotations

from collections import Counter
from typing import Any

from rapidfuzz import fuzz

from .corrections import CorrectionLog
from .ocr_spelling import OcrLexicon


def squashed(value: str) -> str:
    """A value as compared for lost spaces: no spaces, case ignored (``Ontrack`` ≡ ``On track``)."""
    return "".join(value.split()).casefold()


def spaced_twin(value: str, column_values: Counter[str], known: frozenset[str] = frozenset()) -> str | None:
    """``value`` spaced as the one value of the same column that is it with more spaces (``On track`` for
    ``Ontrack``): a short categorical value repeats down its column, and its spaced reading vouches for the
    glued one. Where the column prints none, a common value of such columns (``known``, values.csv) does,
    its spaces put into the value as printed (its capitals kept)."""
    twins = {u for u in column_values if u != value and squashed(u) == squashed(value)
             and len(u.split()) > len(value.split())}
    if len(twins) == 1:
        return twins.pop()
    vouched = {k for k in known if squashed(k) == squashed(value) and len(k.split()) > len(value.split())}
    return spaced_as(value, vouched.pop()) if not twins and len(vouched) == 1 else None


def spaced_as(value: str, twin: str) -> str:
    """``value``'s characters with a space wherever ``twin`` (the same letters, more spaces) has one."""
    out: list[str] = []
    k = 0
    letters = "".join(value.split())
    for ch in twin:
        if ch.isspace():
            if out and out[-1] != " ":
                out.append(" ")
            continue
        out.append(letters[k] if k < len(letters) else ch)
        k += 1
    return "".join(out)


def settle_extra_values(rows: list[dict[str, Any]], lexicon: OcrLexicon, log: CorrectionLog,
                        pages: dict[tuple[str, str], int], known: frozenset[str] = frozenset()
                        ) -> set[tuple[str, str]]:
    """Each OCR'd extra value spaced as its column's twin or a ``known`` common value (``ocr-spacing``), then
    re-spelled (``Compiete`` → ``Complete``, logged ``ocr-spelling``; a word with readings alike kept and
    flagged). Returns the (plan, action ID) of the rows holding a value in doubt. ``pages``: each row's first
    page, for the log."""
    by_column: dict[str, Counter[str]] = {}
    for row in rows:
        by_column.setdefault(row["column"], Counter())[row["value"]] += 1
    for row in rows:
        # Spaced first: a glued value with a twin is no word in doubt.
        twin = spaced_twin(row["value"], by_column[row["column"]], known)
        if twin is not None:
            log.add(pages.get((row["plan"], row["action_id"]), 0), row["action_id"], row["column"], row["value"],
                    twin, "ocr-spacing")
            row["value"] = twin
    doubted: set[tuple[str, str]] = set()
    for row in rows:
        key, page = (row["plan"], row["action_id"]), pages.get((row["plan"], row["action_id"]), 0)
        spelled = lexicon.respell(row["value"], short_value=True)
        for before, after in spelled.changes:
            log.add(page, row["action_id"], row["column"], before, after, "ocr-spelling")
        for word, rule in spelled.doubts:
            log.flag(page, row["action_id"], row["column"], word, rule)
            doubted.add(key)
        row["value"] = spelled.text
    settled: dict[str, Counter[str]] = {}
    for row in rows:
        settled.setdefault(row["column"], Counter())[row["value"]] += 1
    for row in rows:
        # A value no word of which the lexicon knows, printed once, close to one value the column repeats or
        # the common values hold ("IX risk" for "At risk"): that value, the row flagged, since the letters
        # misread could be others.
        column = settled[row["column"]]
        repeated = frozenset(v for v, n in column.items() if n > 1)
        meant = misread_value(row["value"], repeated | known, lexicon) if column[row["value"]] == 1 else None
        if meant is not None:
            key, page = (row["plan"], row["action_id"]), pages.get((row["plan"], row["action_id"]), 0)
            log.add(page, row["action_id"], row["column"], row["value"], meant, "ocr-value-review", 50.0)
            row["value"] = meant
            doubted.add(key)
    return doubted


MISREAD_VALUE = 70.0  # similarity (0-100) to a value repeated or common from which a value is a misreading of it
VALUE_MARGIN = 10.0  # and by which it must be closer to it than to any other


def misread_value(value: str, candidates: frozenset[str], lexicon: OcrLexicon) -> str | None:
    """The one of ``candidates`` an OCR'd categorical value is a misreading of: as many words, close
    (MISREAD_VALUE), closer than to any other by VALUE_MARGIN, the value holding a word no lexicon knows and no
    digit (a cost is no misread category); None where it is a candidate itself or no such one is."""
    if value in candidates or any(ch.isdigit() for ch in value) \
            or all(lexicon.knows(w.casefold()) for w in value.split() if any(ch.isalpha() for ch in w)):
        return None
    scored = sorted(((fuzz.ratio(value.casefold(), c.casefold()), c) for c in candidates
                     if len(c.split()) == len(value.split())), reverse=True)
    if not scored or scored[0][0] < MISREAD_VALUE or (len(scored) > 1 and scored[1][0] > scored[0][0] - VALUE_MARGIN):
        return None
    return scored[0][1]
