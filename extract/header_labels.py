"""A table's header lines without rules → its column labels: words set close together are one label,
unless the body's gutters, the years and Gantt sub-periods, or the header vocabulary show two; labels over
several columns are group headings; where on a page a header starts."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from normalise.headers import header_role, sub_period, year_label
from normalise.periods import OCR_QUARTER_READ
from normalise.vocabulary import HeaderVocabulary

from .gutters import Gutter, starts_column
from .lines import is_bold
from .model import RawTable

NEAR = 4.0  # points: a label this close to one above stands under it (OCR boxes are clipped to their neighbours)
STRAY_AFTER = "°'’‘\".,;:_~"  # specks OCR sets after a label's last letter or digit
LABEL_SPECKS = STRAY_AFTER + "|[]()-—"  # specks OCR sets either side of a label's words ("‘date", "Period:")
LABEL_RUN = 3  # words: the longest header wording looked for inside a grid cell ("Start date (planned)")
LABEL_GAP = 5.0  # points between words of one header label; cell padding makes column gaps wider


@dataclass
class Label:
    x0: float
    x1: float
    top: float
    bottom: float
    text: str


def line_to_labels(line: list[dict[str, Any]], gutters: list[Gutter] | None = None,
                   vocabulary: HeaderVocabulary | None = None) -> list[Label]:
    """A header line's words → labels: words close together are one label, unless the body's gutters show
    the next word starting a column of its own, both are years or Gantt sub-periods (``Q1 Q2``), or the
    label, no header wording itself, reads as two that are (``From End``, ``Status Delivery Period``)."""
    groups: list[list[dict[str, Any]]] = []
    gap = min(LABEL_GAP, word_space(line))
    for w in line:
        if groups:
            prev = groups[-1][-1]
            apart = starts_column(prev["x1"], w, gutters or []) or both_periods(prev["text"], w["text"])
            # A gutter seen in a few lines can fall inside one wording's gap ("End" / "date"): a header
            # wording read whole wins over a chance gutter.
            joined = " ".join(x["text"] for x in groups[-1]) + " " + w["text"]
            wording = vocabulary is not None and not both_periods(prev["text"], w["text"]) \
                and bool(header_role(joined, vocabulary, threshold=95.0)[0])
            # OCR's boxes hug the ink, so a bold label's word space can read wider than the line's letters
            # suggest ("Key" "partners"); a wording read whole may be set as wide as LABEL_GAP.
            if (wording or not apart) and w["x0"] - prev["x1"] <= (LABEL_GAP if wording else gap):
                groups[-1].append(w)
                continue
        groups.append([w])
    if vocabulary is not None:
        groups = [part for g in groups for part in split_wordings(g, vocabulary)]
    for k in range(len(groups) - 1, 0, -1):
        # A unit right after a label is that label's ("cost" "(£k)"), never a column of its own.
        unit = is_unit(" ".join(w["text"] for w in groups[k]))
        if unit and groups[k][0]["x0"] - groups[k - 1][-1]["x1"] <= 2 * LABEL_GAP:
            groups[k - 1] += groups.pop(k)
    return [Label(g[0]["x0"], g[-1]["x1"], min(w["top"] for w in g), max(w["bottom"] for w in g),
                  " ".join(w["text"] for w in g)) for g in groups]


def word_space(line: list[dict[str, Any]]) -> float:
    """The widest gap that is still a space between words of one line: a word space is about a third of
    an em, less than a letter's width, and cell padding either side of a column edge is more. (The type
    size as reported is not to be trusted: a browser scales its fonts.)"""
    # Letters of words, not lone symbols (a Gantt's ✓ or ● is as wide as two letters).
    widths = sorted((w["x1"] - w["x0"]) / len(w["text"]) for w in line if len(w["text"]) > 1) \
        or sorted((w["x1"] - w["x0"]) / len(w["text"]) for w in line if w["text"])
    return 0.9 * widths[len(widths) // 2] if widths else LABEL_GAP


def both_periods(a: str, b: str) -> bool:
    return (sub_period(a) is not None and sub_period(b) is not None) or bool(year_label(a) and year_label(b))


def split_wordings(words: list[dict[str, Any]], vocabulary: HeaderVocabulary) -> list[list[dict[str, Any]]]:
    """Words set too close to tell apart by position, split where both sides are header wordings. Only a
    wording read whole near-exactly stays whole: "Action description Lead" is close enough to "Action
    description" to pass a fuzzy match, but reads exactly as two wordings."""
    if len(words) < 2 or is_wording(words, vocabulary):
        return [words]
    for k in range(len(words) - 1, 0, -1):  # the longest wording first: "Delivery partners" + "Comments"
        left, right = words[:k], words[k:]
        if is_wording(left, vocabulary) and (is_wording(right, vocabulary) or len(right) > 1):
            rest = split_wordings(right, vocabulary)
            if all(is_wording(part, vocabulary) for part in rest):
                return [left] + rest
    return [words]


def is_wording(words: list[dict[str, Any]], vocabulary: HeaderVocabulary) -> bool:
    text = " ".join(w["text"] for w in words)
    return bool(header_role(text, vocabulary, threshold=95.0)[0] or year_label(text))


def is_header_label(text: str, vocabulary: HeaderVocabulary) -> bool:
    # A year header wrapped over lines arrives in pieces: "2025-" then "26", or "2027/" then "28".
    return bool(year_label(text) or header_role(text, vocabulary)[0] or text.rstrip("-/–").isdigit()
                or sub_period(text) is not None)


def header_labels_in(table: RawTable, vocabulary: HeaderVocabulary, rows: int = 3) -> int:
    """How many of a table's cells in its first ``rows`` rows read as header labels."""
    return sum(1 for c in table.cells if c.row < rows and is_header_label(" ".join(c.text.split()), vocabulary))


def labelled_columns(table: RawTable, vocabulary: HeaderVocabulary, rows: int = 3) -> int:
    """How many of a table's columns hold a header label in their first ``rows`` rows: the cell's text
    read whole, or a run of up to ``LABEL_RUN`` of its words, each with OCR's specks stripped. A grid
    cell holds whatever ink lies inside it: shading and rule ends beside a label read as words of their
    own ("To Wee", "|2025/ 26", "2024/ p’)-§"), where a table read by its words' positions has them in
    rows apart; counted by column, a header wrapped over two rows counts once either way."""
    named: set[int] = set()
    for cell in table.cells:
        if cell.row >= rows or cell.col in named:
            continue
        words = [w for w in (t.strip(LABEL_SPECKS) for t in cell.text.split()) if w]
        runs = (" ".join(words[i:i + n]) for n in range(min(LABEL_RUN, len(words)), 0, -1)
                for i in range(len(words) - n + 1))
        if is_header_label(" ".join(cell.text.split()), vocabulary) \
                or any(is_header_label(run, vocabulary) for run in runs):
            named.add(cell.col)
    return len(named)


def labels_continue_header(labels: list[Label], vocabulary: HeaderVocabulary, above: list[Label] | None = None
                           ) -> bool:
    """Whether a line under a header's line is more of it: every label on it a header label or a unit
    ("(£k)"), specks aside (a label with no letter or digit, OCR's ";" from a rule's end; a stray mark
    after a number, "28°"). A line set close under the header (``above``: the labels of its lines, no
    row's padding between) may hold one label in three that is not, where that label stands under one of
    them (OCR's reading of a dark Gantt cell under a year): never a column of its own."""
    read = [lb for lb in labels if any(ch.isalnum() for ch in lb.text)]
    named = [is_header_label(" ".join(lb.text.split()).rstrip(STRAY_AFTER), vocabulary) or is_unit(lb.text)
             or all(OCR_QUARTER_READ.match(t) for t in lb.text.split())
             or (above is not None and wraps_a_wording(lb, above, vocabulary)) for lb in read]
    if above and len(read) >= 3 and 3 * sum(named) >= 2 * len(read):
        return all(ok or any(lb.x0 < a.x1 + NEAR and a.x0 - NEAR < lb.x1 for a in above) for lb, ok in zip(read, named))
    return bool(read) and all(named)


def wraps_a_wording(label: Label, above: list[Label], vocabulary: HeaderVocabulary) -> bool:
    """Whether a label is the next line of a header wording wrapped in its cell: read under the labels it
    stands below, it makes a wording or a wording's first words ("Start" / "date", "LCC" / "team", "LCC team"
    / "leads"), whatever it reads as alone."""
    over = sorted((a for a in above if label.x0 < a.x1 + NEAR and a.x0 - NEAR < label.x1), key=lambda a: a.top)
    words = [w.strip(LABEL_SPECKS) for w in label.text.split()]
    for start in range(len(over)):
        joined = [w.strip(LABEL_SPECKS) for a in over[start:] for w in a.text.split()] + words
        text = " ".join(w for w in joined if w).casefold()
        if len(joined) < 2 or not text:
            continue
        for variants in vocabulary.variants.values():
            if any(v.casefold() == text or v.casefold().startswith(text + " ") for v in variants):
                return True
    return False


def is_unit(text: str) -> bool:
    """A label's unit on a line of its own under it: a few characters in brackets ("(£k)", "(months)")."""
    return len(text) <= 12 and text.startswith("(") and text.endswith(")")


def is_header_text(text: str, vocabulary: HeaderVocabulary) -> bool:
    """A line that may be part of a table's header: a header wording in it (a second header line can be
    just "cost (£k) date date"), or a row of years or Gantt sub-periods."""
    periods = sum(1 for t in text.split() if sub_period(t) is not None or year_label(t))
    folded = f" {' '.join(text.casefold().split())} "
    roles = {role for role, variants in vocabulary.variants.items()
             if any(f" {v.casefold()} " in folded for v in variants)}
    return bool(roles) or periods >= 3


def header_start(lines: list[list[dict[str, Any]]], vocabulary: HeaderVocabulary, begin: int) -> int | None:
    """The first line from ``begin`` that reads as a header: labels name two or more of our columns,
    and the line is set in bold or more than half of its labels name a column (a body line can hold a
    "From" or "Funding" among its words; a header's first line can hold labels that wrap)."""
    for i in range(begin, len(lines)):
        # OCR's specks on the line ("—", "'") are no labels, named or not.
        labels = [lb for lb in line_to_labels(lines[i]) if any(ch.isalnum() for ch in lb.text)]
        roles = [header_role(lb.text, vocabulary)[0] or ("year" if year_label(lb.text) else None) for lb in labels]
        # Distinct roles, the years counting once: a body line holding a wrapped date's "2031/32" and a
        # theme's "Actions" is not a header.
        ours = len({r for r in roles if r and r not in ("other", "delivery", "timescale")})
        named = sum(1 for r in roles if r)
        if (ours >= 2 and is_bold(lines[i])) or (ours >= 3 and 2 * named > len(labels)):
            return i
    return None


def touches(above: list[dict[str, Any]], line: list[dict[str, Any]], slack: float = 2.0) -> bool:
    """Whether a line reaches down to the next one (a label standing taller than its neighbours)."""
    return max(w["bottom"] for w in above) >= min(w["top"] for w in line) - slack


def continues_bold_header(first: list[dict[str, Any]], line: list[dict[str, Any]],
                          gutters: list[Gutter] | None = None) -> bool:
    """A header set in bold whose labels wrap ("LCC team" / "leads", "Indicative" / "cost (£k)"): the
    next line, also all bold and right under it, is more of the header, whatever its words. A bold line
    of one label that starts under the first column (a section row's name) is not."""
    gap = min(w["top"] for w in line) - max(w["bottom"] for w in first)
    size = max(float(w.get("size", 0.0) or 0.0) for w in first)
    labels = line_to_labels(line)  # a section name's words can happen to meet a gutter: not split here
    first_column_end = line_to_labels(first, gutters)[0].x1
    return is_bold(first) and is_bold(line) and gap <= 3 * size \
        and (len(labels) >= 2 or labels[0].x0 > first_column_end)


def header_columns(header_lines: list[list[dict[str, Any]]], gutters: list[Gutter] | None = None,
                   vocabulary: HeaderVocabulary | None = None, loose: frozenset[int] = frozenset()
                   ) -> tuple[list[Label], list[Label]]:
    """Header lines → (one label per column, group headings), bottom-up: a lower label ("Start", "26") is
    a column; a label above it that overlaps one column joins it ("Action" over "ID", "2025-" over "26");
    one that spans several is a group heading ("Timescale", "Delivery Period"), as a merged cell would be.
    On the ``loose`` lines (indices: taken into the header with a label that is none, OCR's reading of a
    dark cell), such a label joins the column it stands under; beside one, under none, it is kept over the
    header as a group heading; only far from every column is it a column of its own."""
    columns: list[Label] = []
    groups: list[Label] = []
    odd: list[Label] = []
    for index in reversed(range(len(header_lines))):
        above = [lb for ln in header_lines[:index] for lb in line_to_labels(ln, gutters, vocabulary)] \
            if index in loose else []
        for label in line_to_labels(header_lines[index], gutters, vocabulary):
            if not any(ch.isalnum() for ch in label.text):
                continue  # a speck (OCR's ";" by a rule's end) is no column
            if index in loose and vocabulary is not None and not is_header_label(label.text, vocabulary) \
                    and not wraps_a_wording(label, above, vocabulary):
                odd.append(label)
                continue
            under = [c for c in columns if label.x0 < c.x1 and c.x0 < label.x1]
            if len(under) == 1:
                col = under[0]
                col.text = f"{label.text}\n{col.text}"
                col.x0, col.x1, col.top = min(col.x0, label.x0), max(col.x1, label.x1), label.top
            elif not under:
                columns.append(label)
            else:
                groups.append(label)
    for label in odd:
        near = min(columns, key=lambda c: max(c.x0 - label.x1, label.x0 - c.x1, 0.0), default=None)
        gap = float("inf") if near is None else max(near.x0 - label.x1, label.x0 - near.x1)
        if gap > NEAR:
            columns.append(label)
        elif gap < 0 and near is not None:
            near.text = f"{near.text}\n{label.text}"
        else:
            # Beside a column, under none: not its label (it would spoil it: "From O04"), nor a column of its
            # own; kept over the header, as a group heading is, by the column it stands beside.
            groups.append(label)
    return sorted(columns, key=lambda c: c.x0), groups


MAX_LEFT_WORDS = 3  # an unlabelled first column holds IDs or short codes; a longer run is a heading or prose


def unlabelled_first_columns(columns: list[Label], body: list[list[dict[str, Any]]], gutters: list[Gutter],
                             min_lines: int = 2, pad: float = 3.0) -> list[Label]:
    """Columns left of the first header label whose labels were not read (OCR lost a short "No." or "Ref",
    or "Theme" and "No." both): body lines that print a few words before the first column, ending short of
    it with a gap, on ``min_lines`` lines or more; as labels with no text over those words, one per band
    the body's ``gutters`` part them into. A line running on across the first column's edge (a section
    heading, a note) neither makes nor unmakes them."""
    if not columns:
        return []
    edge = columns[0].x0 - pad
    cells: list[list[dict[str, Any]]] = []
    for line in body:
        left = [w for w in line if w["x1"] <= edge + 1]
        rest = [w for w in line if w["x1"] > edge + 1]
        gap = min((w["x0"] for w in rest), default=float("inf")) - max((w["x1"] for w in left), default=0.0)
        # ... and apart from what follows by more than a word space: a cell's padding.
        if left and len(left) <= MAX_LEFT_WORDS and all(w["x0"] >= edge - 1 for w in rest) and gap > pad:
            cells.append(left)
    if len(cells) < min_lines:
        return []
    words = [w for cell in cells for w in cell]
    x0, x1 = min(w["x0"] for w in words), max(w["x1"] for w in words)
    starts = [x0] + sorted(g1 for _, g1 in gutters if x0 + pad < g1 < edge)
    ends = [s - pad for s in starts[1:]] + [x1]
    return [Label(a, b, columns[0].top, columns[0].bottom, "") for a, b in zip(starts, ends)]
