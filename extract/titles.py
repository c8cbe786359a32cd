"""Text printed around a table: the heading above it (the plan title) and the page's footer label."""
from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from typing import Any

from normalise.text import starts_lower

from .lines import group_lines, is_bold, line_text
from .pages import Pages, page_label
from .wraps import outside


def words_to_lines(words: list[dict[str, Any]]) -> list[tuple[float, float, str]]:
    """Words → lines as (top, bottom, text), in reading order."""
    return [(min(w["top"] for w in ln), max(w["bottom"] for w in ln), line_text(ln)) for ln in group_lines(words)]


EDGE_SPECKS = re.compile(r"^[^\w(]+|[^\w)]+$")  # OCR's specks at a line's ends (": Delivery Period")


def is_header_wording(text: str, not_titles: frozenset[str]) -> bool:
    """Whether a line is a column header's wording (casefolded ``not_titles``), as printed or with OCR's
    specks at its ends set aside."""
    folded = " ".join(text.split()).casefold()
    return folded in not_titles or EDGE_SPECKS.sub("", folded) in not_titles


def title_above(words: list[dict[str, Any]], table_top: float, band: float, max_gap: float = 120.0,
                not_titles: frozenset[str] = frozenset(), table_x: tuple[float, float] | None = None) -> str:
    """The heading printed above ``table_top``: the nearest line set in bold throughout, over any prose
    between (a table can start mid-page after paragraphs); else the line in the largest type, if larger
    than the rest; else the nearest line within ``max_gap`` points. ``words`` must exclude other tables'
    text; lines in the top margin band (running headers) are not candidates."""
    above = [w for w in words if w["bottom"] <= table_top + 1 and w["top"] > band]
    if not above:
        return ""
    # A line that is a column header's wording ("Delivery Period" over the year columns, drawn outside
    # the ruled grid) is the table's own header, not a heading.
    grouped = [g for g in group_lines(above) if not is_header_wording(line_text(g), not_titles)
               and not starts_lower(line_text(g))]
    if not grouped:
        return ""
    texts = [line_text(g) for g in grouped]
    for g, text in zip(reversed(grouped), reversed(texts)):
        if is_bold(g):
            return text
    sizes = [max(float(w.get("size", 0.0) or 0.0) for w in g) for g in grouped]
    largest = max(sizes)
    if largest > 1.15 * sorted(sizes)[len(sizes) // 2]:
        return texts[len(sizes) - 1 - sizes[::-1].index(largest)]
    nearest = grouped[-1]
    # A plain line is a heading only where one is set: from the table's left (text starting over a
    # column inside the table is a cell's overflow or a note, not the table's title).
    if table_x is not None and min(w["x0"] for w in nearest) > table_x[0] + 0.1 * (table_x[1] - table_x[0]):
        return ""
    return texts[-1] if table_top - max(w["bottom"] for w in nearest) <= max_gap else ""


def dangling_heading(words: list[dict[str, Any]], below: float, not_titles: frozenset[str] = frozenset()) -> str:
    """A heading left at the foot of a page under its last table (a browser or word processor moved the
    table it heads to the next page): the last line below ``below`` set in bold throughout or in type
    larger than the page's body text; "" if there is none. ``words`` must exclude the tables' text and
    the footer."""
    sizes = sorted(float(w.get("size", 0.0) or 0.0) for w in words)
    if not sizes:
        return ""
    body = sizes[len(sizes) // 2]
    header_words = {word for wording in not_titles for word in wording.split()}
    for line in reversed(group_lines([w for w in words if (w["top"] + w["bottom"]) / 2 > below])):
        text = line_text(line)
        if all(word in header_words for word in text.casefold().split()):
            continue  # the start of the moved table's header row, left on this page
        bold = is_bold(line)
        larger = max(float(w.get("size", 0.0) or 0.0) for w in line) > 1.15 * body
        return text if (bold or larger) and not starts_lower(text) else ""
    return ""


RUNNING_BAND = 0.12  # share of the page's height at its top and its bottom where running lines are printed


def running_key(top: float, text: str) -> str:
    """A line as it repeats from page to page: at the same height, with case, spacing and numbers (page 1
    of 3, a date) ignored."""
    return f"{round(top / 3)}|" + re.sub(r"\d+", "#", " ".join(text.split()).casefold())


def in_band(word: dict[str, Any], height: float) -> bool:
    return word["top"] < height * RUNNING_BAND or word["bottom"] > height * (1 - RUNNING_BAND)


def running_lines(objects: Pages, is_table_text: Callable[[str], bool] = lambda text: False) -> set[str]:
    """Keys of the lines printed at the top or foot of two or more pages (a running header or footer: the
    document's title, a browser's date and address, "Page 2 of 5"): never a table's heading. Lines that
    ``is_table_text`` (a table's header row repeated on each page) are not running lines."""
    count: Counter[str] = Counter()
    for number in objects.by_number:
        height = float(objects[number].height)
        band = [w for w in objects.words(number) if in_band(w, height)]
        count.update(running_key(top, text) for top, text in band_to_furniture(words_to_lines(band), height,
                                                                               is_table_text))
    return {key for key, n in count.items() if n >= 2}


def band_to_furniture(lines: list[tuple[float, float, str]], height: float,
                      is_table_text: Callable[[str], bool]) -> set[tuple[float, str]]:
    """A page's lines in its top and foot bands → those that may be page furniture, as (top, text). A line
    under a table's header line in the top band is the table's (a header label's second line, "scription"
    under "Action de-"; the first rows), even where it repeats from page to page: furniture is printed
    above a table, never inside one."""
    header_top = min((top for top, _, text in lines if top < height / 2 and is_table_text(text)), default=height)
    return {(top, text) for top, _, text in lines
            if not is_table_text(text) and not header_top < top < height / 2}


def without_running(words: list[dict[str, Any]], height: float, keys: set[str]) -> list[dict[str, Any]]:
    if not keys:
        return words
    out = []
    for line in group_lines(words):
        top = min(w["top"] for w in line)
        if not (in_band(line[0], height) and running_key(top, line_text(line)) in keys):
            out += line
    return out


def holds_wording(text: str, wordings: frozenset[str], at_least: int = 2) -> bool:
    """Whether a line holds ``at_least`` of ``wordings`` (casefolded header wordings) as whole words: a
    table's header line names several columns; a running title ("… Net Zero Action Plans") one at most."""
    folded = f" {' '.join(text.casefold().split())} "
    return sum(1 for w in wordings if f" {w} " in folded) >= at_least


def assign_titles(tables: list[Any], objects: Pages, band: float, not_titles: frozenset[str] = frozenset(),
                  footer_band: float = 0.0) -> None:
    """Give each table the heading above it, read with every table's own text set aside; ``not_titles``
    are header wordings (casefolded), never a heading. A page's first table with none above it takes a
    heading left dangling at the foot of the page before, under that page's last table."""
    by_page: dict[int, list[Any]] = {}
    for t in tables:
        by_page.setdefault(t.page, []).append(t)
    # A table's header line is no running line, and what is under it is the table's (a section heading
    # at the top of each continued page: "Nature and Land Use" twice at one height).
    running = running_lines(objects, lambda text: holds_wording(text, not_titles))
    for page_number, on_page in by_page.items():
        words = without_running(objects.words(page_number), float(objects[page_number].height), running)
        free = outside(words, [(t.x0, t.top, t.x1, t.bottom) for t in on_page])
        for t in on_page:
            # A heading heads the table under it: text above a table higher up the page is that one's.
            floor = max((o.bottom for o in on_page if o is not t and o.bottom <= t.top + 1), default=0.0)
            t.title_above = title_above([w for w in free if w["top"] >= floor - 1], t.top, band,
                                        not_titles=not_titles, table_x=(t.x0, t.x1))
        first = min(on_page, key=lambda t: t.top)
        if not first.title_above and page_number - 1 in objects.by_number:
            before = by_page.get(page_number - 1, [])
            height = float(objects[page_number - 1].height)
            words = without_running(objects.words(page_number - 1), height, running)
            words = without_footer(words, height, footer_band)
            free = outside(words, [(t.x0, t.top, t.x1, t.bottom) for t in before])
            first.title_above = dangling_heading(free, max((t.bottom for t in before), default=0.0), not_titles)


def footer_label(words: list[dict[str, Any]], page_height: float, band: float) -> str:
    footer = [w for w in words if w["top"] >= page_height - band]
    return page_label([text for _, _, text in words_to_lines(footer)])


def without_footer(words: list[dict[str, Any]], page_height: float, band: float) -> list[dict[str, Any]]:
    """The page's words less its footer: lines near the bottom edge that are a page label ("205",
    "Page 5 of 9"). Only those: a table can run right down into the band."""
    footer_tops = {round(top, 1) for top, _, text in words_to_lines(
        [w for w in words if w["top"] >= page_height - band]) if page_label([text])}
    return [w for w in words
            if not (w["top"] >= page_height - band
                    and any(abs(w["top"] - t) <= 2.0 for t in footer_tops))]
