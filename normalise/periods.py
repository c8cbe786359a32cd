"""A Gantt split into quarters or months under each year's label: which financial year each of its columns
is, from the order of the sub-periods under the labels (and, where OCR misread a quarter's label, from its
place between the quarters read); a year's label (``2025-26``) and a sub-period's (``Q3``, ``Oct``)."""
from __future__ import annotations

import re

from .dates import MONTHS, QUARTER_DIGIT, quarter_number
from .text import strip_strays

YEAR = re.compile(r"^(?:FY\s*)?(20\d{2})\s*[-–/]\s*((?:20)?\d{2})$", re.IGNORECASE)
SHORT_YEAR = re.compile(r"^(?:FY)?(\d{2})[-–/](\d{2})$", re.IGNORECASE)
QUARTER_LABEL = re.compile(rf"^(?:Q|Qtr\.?\s*|Quarter\s*)({QUARTER_DIGIT})$", re.IGNORECASE)  # "Ql": a scan's Q1

OCR_QUARTER_READ = re.compile(r"^Q\w$")  # a quarter's label as OCR may read it: Q and one character
MAX_RUN_READ = 3  # misread sub-period labels in a row placed between two read; more is no Gantt's header
OCR_MONTH_READ = re.compile(r"^[^\W\d_]{2,4}\.?$")  # a month's three letters as OCR may read them ("jut", "un")


def year_label(text: str) -> str | None:
    """``2025-26``, ``2025-\\n26``, ``2025/26``, ``2025-2026``, ``FY 2025-26`` → ``2025-26``; OCR specks
    around it are ignored, and ``2025-`` whose second line was lost reads as ``2025-26`` (a financial
    year's columns run one year to the next)."""
    if re.search(r"[^\W\d_]", re.sub(r"^\s*FY", "", text, flags=re.IGNORECASE)):
        return None  # words besides the years: not a year column's label
    compact = re.sub(r"[^0-9FYfy\-–/]", "", text)
    short = SHORT_YEAR.match(compact)
    if short and int(short.group(2)) == (int(short.group(1)) + 1) % 100:
        compact = f"20{short.group(1)}-{short.group(2)}"  # "25/26", "FY25/26": a financial year's columns
    m = YEAR.match(compact)
    if not m:
        lone = re.fullmatch(r"(?:FY)?(20\d{2})[-–/]", compact, flags=re.IGNORECASE)
        return f"{lone.group(1)}-{(int(lone.group(1)) + 1) % 100:02d}" if lone else None
    start, end = int(m.group(1)), m.group(2)
    end_two = end[-2:]
    if int(end_two) != (start + 1) % 100:
        return None
    return f"{start}-{end_two}"


def sub_period(text: str) -> int | None:
    """A Gantt column under a year: a quarter (``Q3``) or a month (``Oct``, ``October``) → its first month
    counted from April (0–11), the financial year's order; None for anything else."""
    compact = " ".join(text.split()).rstrip(".")
    quarter = QUARTER_LABEL.match(compact)
    if quarter:
        return 3 * (quarter_number(quarter.group(1)) - 1)
    month = MONTHS.get(compact.casefold())
    return None if month is None else (month - 4) % 12


def sub_period_years(grid: list[list[str]], n_header: int, strays: str = "") -> dict[int, str]:
    """Column → financial year for a Gantt split into quarters or months under each year's label: the
    sub-period columns, left to right, start a new year where their order starts again (Q4 → Q1, Mar →
    Apr), and the k-th run takes the k-th year label printed above them (wherever in its merged cell the
    label landed)."""
    lowest: dict[int, int] = {}
    years: list[tuple[int, str]] = []
    for c in range(max(len(r) for r in grid[:n_header])):
        # The column's header lines, top to bottom: a year label set right over the first sub-period can
        # land in that column's own cell ("25/26" above "Q1").
        lines = [ln for r in range(n_header) for ln in strip_strays(grid[r][c] if c < len(grid[r]) else "",
                                                                      strays).splitlines() if ln.strip()]
        if lines and (k := sub_period(lines[-1])) is not None:
            lowest[c] = k
            lines = lines[:-1]
        years += [(c, label) for line in lines if (label := year_label(line))]
    if len(lowest) < 2 or not years:
        return {}
    lowest.update(periods_by_place(grid, n_header, lowest, strays))
    runs: list[list[int]] = []
    for c in sorted(lowest):
        if not runs or lowest[c] <= lowest[runs[-1][-1]] or c != runs[-1][-1] + 1:
            runs.append([])
        runs[-1].append(c)
    labels = [y for _, y in sorted(years)]
    if len(runs) == len(labels):
        return {c: label for run, label in zip(runs, labels) for c in run}
    # A run more or fewer than the labels (a quarter OCR read under another column, a label lost): each run
    # takes the one label printed over its own columns, and a run with none or several is left unread.
    placed = [[y for c, y in years if run[0] <= c <= run[-1]] for run in runs]
    out = {c: ys[0] for run, ys in zip(runs, placed) if len(ys) == 1 for c in run}
    return out if sum(1 for ys in placed if len(ys) == 1) >= 2 else {}


def periods_by_place(grid: list[list[str]], n_header: int, lowest: dict[int, int], strays: str = "") -> dict[int, int]:
    """Quarter or month columns whose label OCR misread ("Qs", "QZ" for Q3; "jut" for Jul) → their
    sub-period, by the place between those read: a "Q" and one character after Q2 and before Q4 is Q3, a
    word of a few letters after Jun and before Aug is Jul (each as its first month, 0–11, April first); a
    run of such labels between two read is as many periods as the two leave between them ("pun", "ful"
    after May and before Aug: Jun, Jul)."""
    months = any(k % 3 for k in lowest.values())  # a month that starts no quarter: the Gantt is in months
    step, looks_read = (1, OCR_MONTH_READ) if months else (3, OCR_QUARTER_READ)
    width = max(len(r) for r in grid[:n_header])

    def misread(c: int) -> bool:
        text = strip_strays(grid[n_header - 1][c] if c < len(grid[n_header - 1]) else "", strays).strip()
        return c not in lowest and bool(looks_read.match(text))

    out: dict[int, int] = {}
    c = 0
    while c < width:
        if not misread(c):
            c += 1
            continue
        end = c
        while end + 1 < width and misread(end + 1) and end + 1 - c < MAX_RUN_READ:
            end += 1
        run = range(c, end + 1)
        before, after = lowest.get(c - 1), lowest.get(end + 1)
        if before is not None and after == (before + (len(run) + 1) * step) % 12:
            out.update({k: (before + (i + 1) * step) % 12 for i, k in enumerate(run)})
        elif months or len(run) > 1:
            pass  # a month only between two read: a word of a few letters beside a Gantt ("End", "RAG")
        elif before is not None and after is None and before < 9:
            out[c] = before + step
        elif before is None and after is not None and after >= step:
            out[c] = after - step
        c = end + 1
    return out
