"""Text printed around a table: the heading above it (the plan title) and the page's footer label."""
from __future__ import annotations

from typing import Any

from .pages import page_label


def words_to_lines(words: list[dict[str, Any]], tolerance: float = 2.0) -> list[tuple[float, float, str]]:
    """Words → lines as (top, bottom, text), in reading order."""
    lines: list[list[dict[str, Any]]] = []
    for w in sorted(words, key=lambda w: (w["top"], w["x0"])):
        if lines and abs(lines[-1][0]["top"] - w["top"]) <= tolerance:
            lines[-1].append(w)
        else:
            lines.append([w])
    return [(min(w["top"] for w in ln), max(w["bottom"] for w in ln),
             " ".join(w["text"] for w in sorted(ln, key=lambda w: w["x0"]))) for ln in lines]


def title_above(words: list[dict[str, Any]], table_top: float, band: float, max_gap: float = 120.0) -> str:
    """The nearest line printed above ``table_top`` (within ``max_gap`` points), outside the top margin band."""
    above = [w for w in words if w["bottom"] <= table_top + 1 and w["top"] > band]
    lines = [ln for ln in words_to_lines(above) if table_top - ln[1] <= max_gap]
    return lines[-1][2] if lines else ""


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
