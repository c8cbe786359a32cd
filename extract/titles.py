"""Text printed around a table: the heading above it (the plan title) and the page's footer label."""
from __future__ import annotations

from typing import Any

from .lines import group_lines, line_text
from .pages import Pages, page_label
from .wraps import outside


def words_to_lines(words: list[dict[str, Any]]) -> list[tuple[float, float, str]]:
    """Words → lines as (top, bottom, text), in reading order."""
    return [(min(w["top"] for w in ln), max(w["bottom"] for w in ln), line_text(ln)) for ln in group_lines(words)]


def title_above(words: list[dict[str, Any]], table_top: float, band: float, max_gap: float = 120.0,
                not_titles: frozenset[str] = frozenset()) -> str:
    """The heading printed above ``table_top``: the nearest line set in bold throughout, over any prose
    between (a table can start mid-page after paragraphs); else the line in the largest type, if larger
    than the rest; else the nearest line within ``max_gap`` points. ``words`` must exclude other tables'
    text; lines in the top margin band (running headers) are not candidates."""
    above = [w for w in words if w["bottom"] <= table_top + 1 and w["top"] > band]
    if not above:
        return ""
    # A line that is a column header's wording ("Delivery Period" over the year columns, drawn outside
    # the ruled grid) is the table's own header, not a heading.
    grouped = [g for g in group_lines(above) if " ".join(line_text(g).split()).casefold() not in not_titles]
    if not grouped:
        return ""
    texts = [line_text(g) for g in grouped]
    for g, text in zip(reversed(grouped), reversed(texts)):
        if all("bold" in str(w.get("fontname", "")).lower() for w in g):
            return text
    sizes = [max(float(w.get("size", 0.0) or 0.0) for w in g) for g in grouped]
    largest = max(sizes)
    if largest > 1.15 * sorted(sizes)[len(sizes) // 2]:
        return texts[len(sizes) - 1 - sizes[::-1].index(largest)]
    return texts[-1] if table_top - max(w["bottom"] for w in grouped[-1]) <= max_gap else ""


def assign_titles(tables: list[Any], objects: Pages, band: float, not_titles: frozenset[str] = frozenset()) -> None:
    """Give each table the heading above it, read with every table's own text set aside; ``not_titles``
    are header wordings (casefolded), never a heading."""
    by_page: dict[int, list[Any]] = {}
    for t in tables:
        by_page.setdefault(t.page, []).append(t)
    for page_number, on_page in by_page.items():
        words = objects.words(page_number)
        free = outside(words, [(t.x0, t.top, t.x1, t.bottom) for t in on_page])
        for t in on_page:
            t.title_above = title_above(free, t.top, band, not_titles=not_titles)


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
