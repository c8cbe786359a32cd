"""Section rows and headings: a theme's name printed as a row of its own or over a table's part, told from
an action row, a plan's title and a table of rows that could not be read."""
from __future__ import annotations

from rapidfuzz import fuzz

from extract.model import RawTable

from .headers import ColumnMap
from .ids import clean_id, looks_like_id, new_series
from .text import strip_strays
from .vocabulary import Vocabulary

MAX_SECTION_WORDS = 6
SECTION_GAP = 30.0  # points: at most a section row's height between two parts of one table


def same_layout(a: RawTable, b: RawTable, tolerance: float = 6.0) -> bool:
    return a.n_cols == b.n_cols and abs(a.x0 - b.x0) <= tolerance and abs(a.x1 - b.x1) <= tolerance


def is_section_row(row: list[str], mapping: ColumnMap, vocab: Vocabulary) -> bool:
    """A section row: no ID, a few words in the first column(s), nothing in the name and date columns
    (stray single characters aside)."""
    id_col = mapping.col("id")
    first = strip_strays(row[id_col or 0], vocab.data_strays).strip()
    if not first or looks_like_id(first, vocab.confusables, vocab.data_strays):
        return False
    words = 0
    for c, text in enumerate(row):
        role = mapping.roles.get(c, "")
        t = strip_strays(text, vocab.strays).strip()
        if c == id_col or role == "action":
            words += len(t.split())
        elif role in ("leads", "partners", "start", "end") and len(t) > 2:
            return False
        # Text in a year column (or one no header names) is overflow or a stray mark: logged, not data.
    return words <= MAX_SECTION_WORDS


MIN_UNREAD_ROWS = 2  # rows starting with an ID that make an unreadable table worth a flag


def unread_action_rows(texts: list[list[str]], vocab: Vocabulary) -> int:
    """How many rows start with something that reads as an action ID: in their first cell, or in the
    second where the first is blank (a theme column merged down). A budget's figures further along a row
    ("Capital programme | 450") are no IDs."""
    def first_cell(row: list[str]) -> str:
        cells = row[:2] if row and not row[0].strip() else row[:1]
        return next((c.strip().split("\n")[0] for c in cells if c.strip()), "")

    return sum(1 for row in texts if looks_like_id(first_cell(row), vocab.confusables, vocab.data_strays))


def headed_without_ids(found: ColumnMap, texts: list[list[str]]) -> bool:
    """Whether a table's header names an action column and two more of an action table's (leads,
    partners, dates, years) but no ID column, over rows with text: an action table whose ID column
    could not be told (its label and its IDs misread), not a budget or a key."""
    roles = set(found.roles.values())
    others = sum(1 for r in ("leads", "partners", "start", "end") if r in roles) \
        + any(r.startswith("year:") for r in roles)
    return found.col("action") is not None and found.col("id") is None and others >= 2 \
        and any(any(t.strip() for t in row) for row in texts[found.header_rows:])


def names_a_theme(text: str, vocab: Vocabulary, threshold: float = 90.0) -> bool:
    """Whether a heading is one of the known themes' names (a plan's title never is)."""
    folded = text.casefold()
    return any(fuzz.ratio(folded, variant.casefold()) >= threshold for _, variant in vocab.themes.pairs())


def reads_as_title(text: str, vocab: Vocabulary) -> bool:
    """Whether a section row's text reads as a plan's title rather than a theme: it ends in a title word
    (``title_words.csv``: "Climate Adaptation Plan") and is no known theme. A title set inside a table (its
    heading read as one of the rows above it) heads the rows under it, which may be another plan's."""
    words = text.split()
    return bool(words) and words[-1].strip(".:;,").casefold() in vocab.title_words and not names_a_theme(text, vocab)


def in_seen_theme(heading: str, seen_themes: set[str]) -> bool:
    """Whether a heading is a theme already printed, or whole words of one: the last line of a merged
    theme cell a page break split ("Waste" of "Resources and Waste") reads as the nearest line above the
    table on the next page."""
    return any(f" {heading.casefold()} " in f" {theme.casefold()} " for theme in seen_themes if theme)


def is_section_between(previous: RawTable, table: RawTable, found: ColumnMap) -> bool:
    """Whether the text between two parts of one table is a section row: the same columns, on the same
    page, the lower part with no header row of its own, and no more than a row's height between them."""
    return (previous.page == table.page and same_layout(previous, table) and not found.header_rows
            and 0 <= table.top - previous.bottom <= SECTION_GAP)


def starts_series(printed_id: str, id_above: str, vocab: Vocabulary) -> bool:
    """Whether a row's ID, under a theme carried from a section row above, starts a new series ("R1" after
    "C5", "2.1" after "1.5"): its own section row may have been lost (a scan's shaded band read as nothing)."""
    return new_series(clean_id(printed_id, vocab.confusables, vocab.data_strays),
                      clean_id(id_above, vocab.confusables, vocab.data_strays))
