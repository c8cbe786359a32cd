"""OCR'd values of the columns kept whole in the extra table (Status, Comments, costs): their words
re-spelled as action text's are, and a value whose spaces OCR lost taken as the same column's spaced one."""
from __future__ import annotations

from collections import Counter
from typing import Any

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
    return doubted
