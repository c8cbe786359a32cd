"""Where a names cell's lines broke, and whether the page can tell one name from two there: the truth's
rule for flagging a row, for every producer. reportlab's canvas knows its own lines; for Chromium and
LibreOffice the lines are read back from the print, each names cell's text set in its own near-black
colour (invisible on the page, and no reader of ours looks at text colour)."""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from .source import Name

NAME_ROLES = ("leads", "partners")
Line = tuple[int, str]  # (the name's index in the cell, the line's text)


def ambiguous_lines(names: list[Name], lines: list[Line], fits: Callable[[int], bool],
                    endings: frozenset[str]) -> bool:
    """Whether a name in no list meets a line break that the page cannot tell from a break between two
    names. ``lines``: the cell's printed lines, each with the name it belongs to; ``fits(k)``: whether the
    first word of line ``k + 1`` would have fitted at the end of line ``k`` (a new line started there on
    purpose: a new name, surely). A wrap before a capitalised word is in doubt when one unknown name wraps
    before words that could be a name (two or more either side, or a line of two or more words), or when
    a listed name meets a lone unknown word there; not after a name's usual last word (``Team``) before
    two or more words."""
    for k, ((k0, above), (k1, below)) in enumerate(zip(lines, lines[1:])):
        first = below.split()[0] if below.split() else ""
        if fits(k) or not first[:1].isupper():
            continue
        last = above.split()[-1] if above.split() else ""
        if last.casefold() in endings and len(below.split()) >= 2:
            continue
        lines_of = [line for n, line in lines if n == k0]
        at = next(i for i, line in enumerate(lines_of) if line == below and i > 0) \
            if k0 == k1 and below in lines_of[1:] else 0
        before_words = sum(len(line.split()) for line in lines_of[:at])
        rest_words = sum(len(line.split()) for line in lines_of[at:])
        if k0 == k1 and not names[k0].canonical and (len(below.split()) >= 2
                                                     or (before_words >= 2 and rest_words >= 2)):
            return True  # one unknown name wrapped before words that could be a name
        unknown = names[k1] if names[k0].canonical else names[k0]
        if k0 != k1 and names[k0].canonical != names[k1].canonical and len(unknown.printed.split()) < 2:
            return True  # a listed name met at a wrap beside a lone unknown word (its tail?)
    return False


def tag_colour(index: int, role: str) -> tuple[int, int, int]:
    """The near-black RGB (0–255, each under 8) a names cell's text is set in: the action's index in the
    document and the cell's role, readable back from the print."""
    k = 2 * index + NAME_ROLES.index(role) + 1
    return (k // 64, (k // 8) % 8, k % 8)


def colour_tag(colour: tuple[float, ...] | None) -> tuple[int, int] | None:
    """A char's fill colour (0–1 floats, as pdfplumber gives it) → (action index, role index), or None."""
    if not colour or len(colour) != 3:
        return None
    r, g, b = (round(float(v) * 255) for v in colour)
    if max(r, g, b) >= 8 or (r, g, b) == (0, 0, 0):
        return None
    k = r * 64 + g * 8 + b - 1
    return k // 2, k % 2


@dataclass
class PrintedLine:
    page: int
    text: str
    x0: float
    x1: float
    first_width: float  # the width of its first word
    space: float  # a word space at its type size


def chars_to_lines(chars: list[dict]) -> list[PrintedLine]:
    """One cell's chars → its printed lines, top first; words parted by spaces or by gaps (a browser's
    print writes no spaces)."""
    rows: dict[tuple[int, int], list[dict]] = defaultdict(list)
    for c in chars:
        rows[(c["page_number"], round(c["top"]))].append(c)
    out = []
    for (page, _), row in sorted(rows.items()):
        row.sort(key=lambda c: c["x0"])
        words: list[list[dict]] = []
        for c in row:
            gap = c["x0"] - words[-1][-1]["x1"] if words and words[-1] else 0.0
            if c["text"].isspace():
                words.append([])
            elif not words or gap > 0.15 * c["size"]:
                words.append([c])
            else:
                words[-1].append(c)
        words = [w for w in words if w]
        if not words:
            continue
        size = float(words[0][0]["size"])
        out.append(PrintedLine(page, " ".join("".join(c["text"] for c in w) for w in words),
                               float(words[0][0]["x0"]), float(words[-1][-1]["x1"]),
                               float(words[0][-1]["x1"] - words[0][0]["x0"]), 0.28 * size))
    return out


def lines_to_names(names: list[Name], printed: list[PrintedLine]) -> list[Line]:
    """Each printed line with the name its words belong to (names one after another, in order)."""
    words_left = [len(n.printed.split()) for n in names]
    out: list[Line] = []
    k = 0
    for line in printed:
        while k < len(names) - 1 and words_left[k] <= 0:
            k += 1
        out.append((k, line.text))
        words_left[k] -= len(line.text.split())
    return out


def printed_cells(pdf: Path) -> dict[tuple[int, str], list[PrintedLine]]:
    """(action index, role) → the lines its names cell was printed in, read back by the cell's colour."""
    import pdfplumber

    by_cell: dict[tuple[int, int], list[dict]] = defaultdict(list)
    with pdfplumber.open(str(pdf)) as doc:
        for page in doc.pages:
            for c in page.chars:
                tag = colour_tag(c.get("non_stroking_color"))
                if tag is not None:
                    by_cell[tag].append(c)
    return {(index, NAME_ROLES[role]): chars_to_lines(chars) for (index, role), chars in by_cell.items()}


def flag_printed_wraps(actions: list, pdf: Path, separator: str, endings: frozenset[str]) -> None:
    """Set ``needs_review`` on each action whose names cell, as printed in ``pdf``, breaks where the page
    cannot tell one name from two (``ambiguous_lines``). A line would have taken the next line's first
    word where that keeps it within the widest line its column prints on that page (the column's extent
    as the page shows it)."""
    cells = printed_cells(pdf)
    extent: dict[tuple[str, int], tuple[float, float]] = {}
    for (_, role), cell_lines in cells.items():
        for line in cell_lines:
            lo, hi = extent.get((role, line.page), (line.x0, line.x1))
            extent[(role, line.page)] = (min(lo, line.x0), max(hi, line.x1))
    for index, a in enumerate(actions):
        for role in NAME_ROLES:
            names = a.leads if role == "leads" else a.partners
            printed = cells.get((index, role))
            # Names listed with commas or semicolons are parted by them.
            if not printed or (separator != "lines" and len(names) > 1):
                continue
            lines = lines_to_names(names, printed)

            def fits(k: int, printed: list[PrintedLine] = printed, role: str = role) -> bool:
                above, below = printed[k], printed[k + 1]
                _, right = extent[(role, above.page)]
                return above.x1 + above.space + below.first_width <= right + 0.5

            if ambiguous_lines(names, lines, fits, endings):
                a.needs_review = True
