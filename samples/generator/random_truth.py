"""One seed → a whole random appendix's truth: its layout (how it is printed) and its plans, themes and
actions (what is printed and what the clean dataset must be). Independent of the pipeline: canonical names
are read from the package's lists as data, and every expected value is decided here, never parsed back.
"""
from __future__ import annotations

import calendar
import csv
import random
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path

from .source import Name

ROOT = Path(__file__).resolve().parents[2]
WORDS = ("work with partners to deliver support develop review explore opportunities for low carbon energy "
         "efficiency across the county council estate including schools homes businesses and communities "
         "reduce emissions from transport buildings waste water travel programme funding investment local "
         "plan strategy guidance training data reporting engagement network infrastructure heat pumps solar "
         "retrofit nature recovery tree planting biodiversity climate adaptation resilience flooding").split()
NEW_TEAMS = ["Human Resources", "Sustainability Team", "Estates and Facilities", "Net Zero Programme Office",
             "Legal Services", "Economic Development", "Housing Strategy", "Digital Services", "Parks Service"]
NEW_PARTNERS = ["Local businesses", "Flood Risk Management Partnership", "Rural Community Council",
                "Youth Parliament", "Chamber of Commerce", "Mill Lane Residents Association", "Care providers"]
THEMES = ["Transport", "Buildings and Energy", "Business and Economy", "Resources and Waste",
          "Nature and Land Use", "Communities", "Adaptation", "Enabling Actions", "Skills and Training"]
PLANS = ["Net Zero Council Action Plan", "Net Zero County Action Plan", "Climate Adaptation Plan",
         "Carbon Reduction Plan"]
EXTRA_COLUMNS = {"Status": ["On track", "Delayed", "Complete", "Not started", "At risk"],
                 "Indicative cost (£k)": ["25", "150", "1,200", "TBC", "Nil"],
                 "Comments": ["Subject to funding", "Linked to the LTP", "Reviewed annually", "New action"]}
HEADERS = {"id": ["Action ID", "Ref", "ID", "No."], "action": ["Action", "Action description", "Actions"],
           "leads": ["Lead team", "Lead", "Lead officer", "LCC team leads"],
           "partners": ["Partners", "Key partners", "Delivery partners"],
           "start": ["Start", "Start date", "From"], "end": ["End", "End date", "To"]}
YEAR_STYLES = ["2025-26", "2025/26", "25/26", "FY2025/26"]
MARKS = ["fill", "X", "✓", "●", "■"]
DATE_STYLES = ["Apr-25", "April 2025", "Apr 2025", "04/2025"]
SEPARATORS = ["lines", "commas", "semicolons"]
RULES = ["grid", "horizontal", "none"]
# How the page is drawn: lines and strings (a report tool), borders as thin filled rectangles with zebra
# striping (Word's own PDF export), or one glyph per text operation with no space characters (InDesign).
PRODUCERS = ["reportlab", "word", "glyphs"]
ID_STYLES = ["prefix.n", "theme-letter", "n.m", "prefix-nn"]


@dataclass(frozen=True)
class Layout:
    """How the appendix is printed: each field is one dimension the fuzzer reports accuracy by."""

    producer: str
    rules: str
    marks: str
    fill: str
    year_style: str
    date_style: str
    separator: str
    id_style: str
    landscape: bool
    font_size: float
    partners: bool
    extras: tuple[str, ...]
    order: tuple[str, ...]  # column roles left to right (years as one "years" block)
    headers: dict[str, str] = field(default_factory=dict)
    running_header: str = ""
    group_header: bool = True  # "Delivery Period" over the year columns

    def dimensions(self) -> dict[str, str]:
        return {"producer": self.producer, "rules": self.rules, "marks": self.marks, "years": self.year_style,
                "dates": self.date_style, "names": self.separator, "ids": self.id_style,
                "orientation": "landscape" if self.landscape else "portrait",
                "partners": "yes" if self.partners else "no", "extra columns": str(len(self.extras)),
                "running header": "yes" if self.running_header else "no"}


@dataclass(frozen=True)
class TruthDate:
    printed: str
    value: date | None
    ongoing: bool


@dataclass
class TruthAction:
    plan: str
    theme: str
    action_id: str
    action: str
    leads: list[Name]
    partners: list[Name]
    start: TruthDate
    end: TruthDate
    delivery: list[str]  # financial years marked, "2025-26"
    needs_review: bool
    extras: dict[str, str] = field(default_factory=dict)
    pages: list[int] = field(default_factory=list)  # filled in by the writer


@dataclass
class RandomAppendix:
    seed: int
    layout: Layout
    years: list[str]
    plans: list[str]
    actions: list[TruthAction]

    @property
    def name(self) -> str:
        return f"random-{self.seed}"


def canonical_names(listing: str) -> list[tuple[str, str]]:
    """(canonical, printed) pairs of a package list: each canonical name as itself and its variants."""
    with (ROOT / "normalise" / "canonical" / listing).open(newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    return [(r["canonical"], (r.get("variant") or "").strip() or r["canonical"]) for r in rows]


def year_label(start: int, style: str) -> str:
    end = (start + 1) % 100
    return {"2025-26": f"{start}-{end:02d}", "2025/26": f"{start}/{end:02d}",
            "25/26": f"{start % 100:02d}/{end:02d}", "FY2025/26": f"FY{start}/{end:02d}"}[style]


def print_date(d: date, style: str) -> str:
    month = calendar.month_abbr[d.month]
    return {"Apr-25": f"{month}-{d.year % 100:02d}", "April 2025": f"{calendar.month_name[d.month]} {d.year}",
            "Apr 2025": f"{month} {d.year}", "04/2025": f"{d.month:02d}/{d.year}"}[style]


def month_end(d: date) -> date:
    return date(d.year, d.month, calendar.monthrange(d.year, d.month)[1])


def fy_of(d: date) -> int:
    return d.year if d.month >= 4 else d.year - 1


def canonical_years(doc: RandomAppendix) -> list[str]:
    """The table's years as the contract writes them (``2025-26``), in column order."""
    out = []
    for label in doc.years:
        digits = "".join(ch for ch in label if ch.isdigit())
        start = int(digits[:4]) if len(digits) >= 6 else 2000 + int(digits[:2])
        out.append(f"{start}-{(start + 1) % 100:02d}")
    return out


def draw_layout(rng: random.Random) -> Layout:
    partners = rng.random() < 0.75
    extras = tuple(rng.sample(list(EXTRA_COLUMNS), rng.choice([0, 0, 1, 2])))
    middle = ["leads"] + (["partners"] if partners else [])
    rng.shuffle(middle)
    tail = ["start", "end", "years"] if rng.random() < 0.8 else ["years", "start", "end"]
    order = tuple(["id", "action", *middle, *tail[:2], *extras, tail[2]] if rng.random() < 0.5
                  else ["id", "action", *middle, *extras, *tail])
    return Layout(
        producer="reportlab", rules=rng.choice(RULES), marks=rng.choice(MARKS),
        fill=rng.choice(["#70ad47", "#4472c4", "#ffc000", "#a5a5a5", "#c00000"]),
        year_style=rng.choice(YEAR_STYLES), date_style=rng.choice(DATE_STYLES),
        separator=rng.choice(SEPARATORS), id_style=rng.choice(ID_STYLES), landscape=rng.random() < 0.8,
        font_size=rng.choice([7.0, 8.0, 9.0]), partners=partners, extras=extras, order=order,
        headers={role: rng.choice(options) for role, options in HEADERS.items()},
        running_header=rng.choice(["", "", "Appendix B – Net Zero Action Plans (June 2025 refresh)"]),
        group_header=rng.random() < 0.6)


def action_id(style: str, plan_index: int, theme: str, theme_index: int, n_in_plan: int, n_in_theme: int) -> str:
    prefix = ["LCC", "NZ", "CA", "CR"][plan_index % 4]
    if style == "prefix.n":
        return f"{prefix}.{n_in_plan}"
    if style == "theme-letter":
        return f"{theme[0]}{n_in_theme}" if theme else f"{prefix}{n_in_plan}"
    if style == "n.m":
        return f"{theme_index + 1}.{n_in_theme}"
    return f"{prefix}-{n_in_plan:02d}"


def draw_names(rng: random.Random, listing: list[tuple[str, str]], new: list[str], k: int) -> list[Name]:
    names: list[Name] = []
    for _ in range(k):
        if rng.random() < 0.15:
            text = rng.choice(new)
            candidate = Name(text, text, False)
        else:
            clean, printed = rng.choice(listing)
            candidate = Name(clean, printed, True)
        if candidate.clean not in {n.clean for n in names}:
            names.append(candidate)
    return names


def draw_dates(rng: random.Random, first_fy: int, n_years: int, style: str) -> tuple[TruthDate, TruthDate, list[str]]:
    """Start, end and the years the Gantt marks (phased: one year inside the dates left unmarked)."""
    kind = rng.random()
    start_fy = first_fy + rng.randrange(n_years)
    end_fy = min(first_fy + n_years - 1, start_fy + rng.randrange(3))
    start_month = rng.choice([4, 6, 9, 1])
    start_d = date(start_fy + (start_month < 4), start_month, 1)
    end_month = rng.choice([3, 6, 12])
    end_d = month_end(date(end_fy + (end_month < 4), end_month, 1))
    if end_d < start_d:
        end_d = month_end(date(start_d.year + 1, 3, 1))
    start = TruthDate(print_date(start_d, style), start_d, False)
    end = TruthDate(print_date(end_d, style), end_d, False)
    if kind < 0.12:
        start = TruthDate("Ongoing", None, True)
    elif kind < 0.2:
        end = TruthDate("Ongoing", None, True)
    lo = first_fy if start.ongoing else fy_of(start_d)
    hi = first_fy + n_years - 1 if end.ongoing else fy_of(end_d)
    years = [f"{y}-{(y + 1) % 100:02d}" for y in range(lo, hi + 1) if first_fy <= y < first_fy + n_years]
    return start, end, years


def draw_appendix(seed: int, producer: str | None = None) -> RandomAppendix:
    """The appendix of ``seed``; ``producer`` pins how it is drawn (drawn from its own stream otherwise, so
    adding producers never changes what a seed prints)."""
    rng = random.Random(seed)
    layout = draw_layout(rng)
    layout = replace(layout, producer=producer or random.Random(f"{seed}-producer").choice(PRODUCERS))
    first_fy = rng.choice([2024, 2025, 2026])
    n_years = rng.choice([4, 5, 6])
    years = [year_label(first_fy + i, layout.year_style) for i in range(n_years)]
    teams, partners = canonical_names("teams.csv"), canonical_names("partners.csv")
    plans = rng.sample(PLANS, rng.choice([1, 2]))
    actions: list[TruthAction] = []
    for p, plan in enumerate(plans):
        # Themes of one plan start with different letters: theme-letter IDs (T1, B1) stay unique.
        by_letter = {t[0]: t for t in rng.sample(THEMES, len(THEMES))}
        themes = rng.sample(sorted(by_letter.values()), rng.choice([1, 2, 3])) if rng.random() < 0.8 else [""]
        n_in_plan = 0
        for t, theme in enumerate(themes):
            for n_in_theme in range(1, rng.randint(2, 7)):
                n_in_plan += 1
                start, end, delivery = draw_dates(rng, first_fy, n_years, layout.date_style)
                phased = len(delivery) >= 3 and rng.random() < 0.15
                marked = [y for i, y in enumerate(delivery) if not (phased and i == 1)]
                words = rng.choices(WORDS, k=rng.randint(8, 40))
                text = " ".join(words).capitalize() + "."
                actions.append(TruthAction(
                    plan=plan, theme=theme,
                    action_id=action_id(layout.id_style, p, theme, t, n_in_plan, n_in_theme),
                    action=text, leads=draw_names(rng, teams, NEW_TEAMS, rng.randint(1, 3)),
                    partners=draw_names(rng, partners, NEW_PARTNERS, rng.randint(0, 4)) if layout.partners else [],
                    start=start, end=end, delivery=marked, needs_review=phased,
                    extras={c: rng.choice(EXTRA_COLUMNS[c]) for c in layout.extras}))
    return RandomAppendix(seed, layout, years, plans, actions)
