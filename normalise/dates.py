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
FY = r"(?:FY\s*)?(20\d{2}|\d{2})\s*[/\-–]\s*(\d{2}|20\d{2})"
# A quarter's digit, or a letter OCR reads for a 1 ("Ql 2027/28" on a scan: no other reading is a date).
QUARTER_DIGIT = r"[1-4lIi]"
OCR_QUARTER = re.compile(r"\bQ[lIi]\b")  # such a quarter as printed: Q1
GLUED_QUARTER = re.compile(rf"(\d{{2}})(Q{QUARTER_DIGIT})\b")  # a year and its quarter with the space OCR lost
GLUED_YEAR = re.compile(r"\b([A-Za-z]{3,9})(\d{4})\b")  # a month and its year with the space OCR lost


SPECK_TOKEN = re.compile(r"^(?:\W+|\w{1,3})$")  # no letter or digit, or one to three: a speck, a spilt letter
RULE_BEFORE_MONTH = re.compile(r"^[jJlI|\[]+?(?=[A-Za-z]{3})")  # a cell's rule read as a letter before the month


# A speck glued to a date's end ("Dec-27-") or to a word's start ("June =2027"): no date is printed so.
GLUED_MARKS = re.compile(r"(?<=\w)[-–—~_.,:;'’]+$|(?:(?<=\s)|^)[-–—~_=.,:;'’‘]+(?=\w)")


def ocr_date_readings(raw: str) -> list[str]:
    """Readings of an OCR'd start or end cell that did not parse, most of it kept first: the date without
    the specks OCR read after it ("Sep-27 =", "Dec-27 Wee"), or without the rule it read as a letter glued
    before the month ("Jjun-27"), or a mark glued to it ("Dec-27-", "June =2027")."""
    tokens = raw.split()
    kept = [" ".join(tokens[:k]) for k in range(len(tokens) - 1, 0, -1)
            if all(SPECK_TOKEN.match(t) for t in tokens[k:])]
    kept += [GLUED_MARKS.sub("", r) for r in [raw, *kept]]
    readings = kept + [RULE_BEFORE_MONTH.sub("", t) for t in [raw, *kept]]
    return [r for r in dict.fromkeys(readings) if r and r != raw]


def ocr_date_as_printed(raw: str) -> str:
    """A date OCR read with a quarter's 1 as a letter ("Ql"), a month's capital as a small letter
    ("jan-28", J and j alike in a small or faint print), or a month and a four-digit year run together
    (the space between them too narrow for OCR: "Apr2025"), or a year and its quarter so ("2030/31Q2") → as
    printed: "Q1", "Jan-28", "Apr 2025", "2030/31 Q2"."""
    fixed = OCR_QUARTER.sub("Q1", GLUED_QUARTER.sub(r"\1 \2", raw))
    fixed = GLUED_YEAR.sub(lambda m: f"{m.group(1)} {m.group(2)}" if m.group(1).casefold() in MONTHS
                           else m.group(0), fixed)
    return re.sub(r"\b([a-z])([a-z]{2,8})\b", lambda m: m.group(0).capitalize()
                  if m.group(0) in MONTHS else m.group(0), fixed)
QUARTER_FIRST = re.compile(rf"^Q({QUARTER_DIGIT})(?:\s+|\s*,\s*){FY}$", re.IGNORECASE)
QUARTER_LAST = re.compile(rf"^{FY}(?:\s*|\s*,\s*)Q({QUARTER_DIGIT})$", re.IGNORECASE)  # "2029/30Q1" too


@dataclass(frozen=True)
class ParsedDate:
    value: date | None
    ongoing: bool
    known: bool  # False when the text is neither a date, Ongoing, TBC nor blank


def month_start_or_end(year: int, month: int, end: bool) -> date:
    return date(year, month, calendar.monthrange(year, month)[1] if end else 1)


def quarter_date(fy_start: int, fy_end: int, quarter: int, end: bool) -> date | None:
    """Quarter ``quarter`` of the financial year ``fy_start``/``fy_end`` (April–March): its first or last day."""
    if fy_end % 100 != (fy_start + 1) % 100:
        return None  # not one financial year: no quarter of it
    month = (3 + 3 * (quarter - 1)) % 12 + 1 + (2 if end else 0)
    return month_start_or_end(fy_start + (month < 4), month, end)


def parse_quarter(text: str, end: bool) -> date | None:
    """``Q3 2025/26``, ``2025/26 Q3``, ``Q3 FY25/26`` → the quarter's first (start) or last (end) day."""
    m = QUARTER_FIRST.match(text)
    if m:
        return quarter_date(four_digit(m.group(2)), four_digit(m.group(3)), quarter_number(m.group(1)), end)
    m = QUARTER_LAST.match(text)
    if m:
        return quarter_date(four_digit(m.group(1)), four_digit(m.group(2)), quarter_number(m.group(3)), end)
    return None


def quarter_number(printed: str) -> int:
    return int(printed) if printed.isdigit() else 1


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
        quarter = parse_quarter(candidate, end)
        if quarter is not None:
            return ParsedDate(quarter, False, True)
        m = NUMERIC.match(candidate)
        if m and 1 <= int(m.group(1)) <= 12:
            return ParsedDate(month_start_or_end(four_digit(m.group(2)), int(m.group(1)), end), False, True)
    return ParsedDate(None, False, False)


def reads_as_date(printed: str, date_words: dict[str, str], confusables: dict[str, str]) -> bool:
    """Whether a cell's text reads as a date or a date's word (Ongoing, TBC)."""
    return parse_date(printed, False, date_words, confusables).known


def financial_year(d: date) -> str:
    """The UK financial year (April–March) a date falls in: 2025-05-01 → ``2025-26``."""
    start = d.year if d.month >= 4 else d.year - 1
    return f"{start}-{(start + 1) % 100:02d}"
