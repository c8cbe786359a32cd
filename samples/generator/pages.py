"""Which pages each action row was printed on, found by locating the truth's own text in the PDF.

This is deliberately independent of the pipeline: it knows what was printed (the truth) and only asks the
PDF where. A row runs from its ID (or the section row above it) to the next row's start; if the next start is
on a later page and that page has body text above it, the row continued onto that page.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

import pdfplumber

from .source import Document

YEAR_PART = re.compile(r"^(\d{4}-?(\d{2})?|\d{2})$")
FOOTER_BAND = 45.0  # points above the page's bottom edge holding the footer


@dataclass(frozen=True)
class Line:
    page: int
    top: float
    text: str
    first_x: float


def page_lines(pdf_path: str) -> tuple[list[list[Line]], list[float]]:
    lines: list[list[Line]] = []
    header_bottoms: list[float] = []
    with pdfplumber.open(pdf_path) as pdf:
        for number, page in enumerate(pdf.pages, start=1):
            words = page.extract_words(keep_blank_chars=False, use_text_flow=False)
            words = [w for w in words if w["top"] < page.height - FOOTER_BAND]
            years = [w["bottom"] for w in words if YEAR_PART.match(w["text"]) and w["top"] < page.height / 3]
            header_bottoms.append(max(years) if years else 0.0)
            rows: dict[int, list[dict]] = {}
            for w in words:
                rows.setdefault(round(w["top"]), []).append(w)
            page_list = []
            for top in sorted(rows):
                ws = sorted(rows[top], key=lambda w: w["x0"])
                page_list.append(Line(number, float(top), " ".join(w["text"] for w in ws), ws[0]["x0"]))
            lines.append(page_list)
    return lines, header_bottoms


def locate_pages(doc: Document) -> dict[tuple[str, str], list[int]]:
    """(plan, action_id) → the 1-based pages its row was printed on."""
    lines, header_bottoms = page_lines(str(doc.pdf))
    flat = [line for page in lines for line in page]
    left = min(line.first_x for line in flat)
    markers: list[tuple[str, Line]] = []  # ("action:<plan>|<id>" or "other", line)
    cursor = 0

    def find(prefix: str, at_left: bool) -> Line:
        nonlocal cursor
        for i in range(cursor, len(flat)):
            line = flat[i]
            if at_left and line.first_x > left + 8:
                continue
            if line.text == prefix or line.text.startswith(prefix + " "):
                cursor = i + 1
                return line
        raise LookupError(f"{doc.name}: could not find {prefix!r} in the PDF")

    theme_of_plan: dict[str, str] = {}
    for plan in doc.settings["plans"]:
        markers.append(("other", find(plan["title"].split()[0], at_left=False)))
        for action in (a for a in doc.actions if a.plan == plan["title"]):
            if action.theme and theme_of_plan.get(plan["title"]) != action.theme:
                markers.append(("other", find(action.theme.split()[0], at_left=True)))
            theme_of_plan[plan["title"]] = action.theme
            markers.append((f"{action.plan}|{action.action_id}", find(action.id_printed, at_left=True)))
    end = Line(len(lines) + 1, 0.0, "", 0.0)
    found: dict[tuple[str, str], list[int]] = {}
    for (key, start), (_, nxt) in zip(markers, markers[1:] + [("other", end)]):
        if key == "other":
            continue
        pages = [start.page]
        for page in range(start.page + 1, min(nxt.page, len(lines)) + 1):
            limit = nxt.top if page == nxt.page else float("inf")
            body = [ln for ln in lines[page - 1] if header_bottoms[page - 1] < ln.top < limit]
            if body:
                pages.append(page)
        plan, _, action_id = key.partition("|")
        found[(plan, action_id)] = pages
    return found


def id_pages(pdf_path: str, ids: list[str]) -> list[int]:
    """The page each ID (in print order) is printed on, for producers whose rows never split across pages:
    the first page, not before the previous ID's, where a word reads exactly as the ID."""
    with pdfplumber.open(pdf_path) as pdf:
        # A tight tolerance: a spreadsheet sets the next cell's text barely a space away.
        words = [Counter(w["text"] for w in page.extract_words(x_tolerance=1.5)) for page in pdf.pages]
    out: list[int] = []
    page = 0
    for action_id in ids:
        while page < len(words) and not words[page][action_id]:
            page += 1
        if page < len(words):
            words[page][action_id] -= 1  # two plans can number their actions alike: each print used once
        if page == len(words):
            raise LookupError(f"{pdf_path}: {action_id!r} not found after page {out[-1] if out else 1}")
        out.append(page + 1)
    return out
