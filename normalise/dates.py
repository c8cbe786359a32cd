"""Printed start/end → typed dates: ``Apr-25`` → 2025-04-01 (start) or 2025-04-30 (end); Ongoing, TBC, blank → null."""
from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date

from .text import fold_confusables

MONTHS = {name.casefold(): i for i, name in enumerate(calendar.month_abbr) if name}
MONTHS.update({name.casefold(): i for i, name in enumerate(calendar.month_name) if name})
MONTHS["sept"] = 9
MONTH_YEAR = re.compile(r"^([a-z]{3,9})\.?[\s\-/'’]*(\d{2}|\d{4})$")
NUMERIC = re.compile(r"^(\d{1,2})[/\-.](\d{2}|\d{4})$")


@dataclass(frozen=True)
class ParsedDate:
    value: date | None
    ongoing: bool
    known: bool  # False when the text is neither a date, Ongoing, TBC nor blank


def month_start_or_end(year: int, month: int, end: bool) -> date:
    return date(year, month, calendar.monthrange(year, month)[1] if end else 1)


def four_digit(year: str) -> int:
    return int(year) if len(year) == 4 else 2000 + int(year)


def parse_date(printed: str, end: bool, date_words: dict[str, str], confusables: dict[str, str]) -> ParsedDate:
    """Parse one printed date; wrapped text (``Ongoin`` / ``g``, ``Apr-`` / ``25``) is read joined up."""
    text = fold_confusables(" ".join(printed.split()), confusables).strip()
    if not text:
        return ParsedDate(None, False, True)
    for candidate in dict.fromkeys([text, re.sub(r"\s+", "", text)]):
        meaning = date_words.get(candidate.casefold())
        if meaning:
            return ParsedDate(None, meaning == "ongoing", True)
        m = MONTH_YEAR.match(candidate.casefold())
        if m and m.group(1) in MONTHS:
            return ParsedDate(month_start_or_end(four_digit(m.group(2)), MONTHS[m.group(1)], end), False, True)
        m = NUMERIC.match(candidate)
        if m and 1 <= int(m.group(1)) <= 12:
            return ParsedDate(month_start_or_end(four_digit(m.group(2)), int(m.group(1)), end), False, True)
    return ParsedDate(None, False, False)


def financial_year(d: date) -> str:
    """The UK financial year (April–March) a date falls in: 2025-05-01 → ``2025-26``."""
    start = d.year if d.month >= 4 else d.year - 1
    return f"{start}-{(start + 1) % 100:02d}"
