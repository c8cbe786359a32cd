"""Conservation: every word extracted from the action tables ends up in an output field or in a
corrections row that says where it went. Checked on every run; a word that would vanish is an error."""
from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Iterable

from extract.model import RawTable

from .build import Built
from .corrections import CorrectionLog

WORD = re.compile(r"\w+")


def words(text: str) -> list[str]:
    """Words as runs of letters and digits: a hyphen or line break between pieces of a word does not
    matter (``evidence-`` / ``led`` is ``evidence-led``), a lookalike letter does (it needs a correction)."""
    return WORD.findall(unicodedata.normalize("NFC", text or ""))


def accounted_words(built: Built, log: CorrectionLog) -> Counter[str]:
    counts: Counter[str] = Counter()
    texts: list[str] = []
    for a in built.actions:
        texts += [a["action_id"], a["action"], a["theme"] or "", a["start_raw"], a["end_raw"]]
    for role in ("leads", "partners"):
        texts += [n["printed"] for n in built.names[role]]
    texts += [c.before for c in log.rows]
    texts += built.marks_read
    texts += [e["value"] for e in built.extra]
    for t in texts:
        counts.update(words(t))
    return counts


def lost_words(tables: Iterable[RawTable], built: Built, log: CorrectionLog) -> dict[int, list[str]]:
    """Page → the words printed in the action tables that no output field or correction accounts for."""
    raw: Counter[str] = Counter()
    pages: dict[str, list[int]] = {}
    for table in tables:
        for cell in table.cells:
            for w in words(cell.text):
                raw[w] += 1
                pages.setdefault(w, []).append(cell.page)
    missing = raw - accounted_words(built, log)
    lost: dict[int, list[str]] = {}
    for word in sorted(missing):
        for page in sorted(set(pages[word]))[:1]:
            lost.setdefault(page, []).append(word)
    return lost


def describe(lost: dict[int, list[str]]) -> str:
    parts = [f"page {page}: {', '.join(repr(w) for w in ws[:8])}{' …' if len(ws) > 8 else ''}"
             for page, ws in sorted(lost.items())]
    return "text would be lost without a trace (" + "; ".join(parts) + "); this is a bug: please report it with the PDF"
