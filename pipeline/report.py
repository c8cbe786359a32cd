"""``report.html``: one self-contained page (pictures embedded, its own script, no network) showing an
analyst what was extracted and what to check: the rows that need review with a crop of each value's cell
and the line that fixes it, the actions table (sortable, filterable, searchable), the names kept as
printed, the Gantt, the pages as the parser saw them and every correction."""
from __future__ import annotations

from collections import Counter
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

from jinja2 import Environment, PackageLoader, select_autoescape
from markupsafe import Markup

from extract.run import Extraction
from extract.scan_image import MIN_SKEW
from normalise.build import Built
from normalise.corrections import CorrectionLog
from normalise.vocabulary import load_vocabulary

from .gantt import gantt_groups
from .page_images import GRID, MARKED, PagePictures, data_uri, skews_of
from .review import action_badges, gantt_notes, review_items, unmatched_items

REPORT_CONTENTS = [("summary", "Summary"), ("review", "Review"), ("actions", "Actions"), ("names", "Names"),
                   ("gantt", "Gantt"), ("pages", "Pages"), ("corrections", "Corrections")]


@cache
def environment() -> Environment:
    return Environment(loader=PackageLoader("pipeline", "templates"), autoescape=select_autoescape(default=True),
                       trim_blocks=False)


def asset(name: str) -> str:
    """The stylesheet or script, inlined into every page (a file beside it would not travel by e-mail)."""
    return (resources.files("pipeline") / "templates" / name).read_text(encoding="utf-8")


def render(template: str, **context: Any) -> str:
    # The script and stylesheet are the project's own files, inlined verbatim (not escaped as text).
    return environment().get_template(template).render(css=Markup(asset("report.css")),
                                                        script=Markup(asset("tables.js")), **context)


def css_colour(rgba: tuple[int, int, int, int]) -> str:
    """The colour the page pictures are drawn in, for the legend that names it."""
    return "#{:02x}{:02x}{:02x}".format(*rgba[:3])


def report_html(pdf_name: str, extraction: Extraction, built: Built, log: CorrectionLog,
                pictures: PagePictures | None, vocab_dir: str | None = None) -> str:
    """The report page for one PDF's run."""
    vocab = load_vocabulary(Path(vocab_dir) if vocab_dir else None)
    years, groups = gantt_groups(built.actions, gantt_notes(built, log))
    marked = set(built.marked_cells)
    pages = sorted({p for a in built.actions for p in a["source_pages"]})
    skews = skews_of(extraction)
    return render(
        "extraction.html.j2", title=f"{Path(pdf_name).stem}: extraction report",
        heading=f"What was extracted from {pdf_name}", contents=REPORT_CONTENTS,
        actions=built.actions, plans=sorted({a["plan"] for a in built.actions}), pages=pages,
        page_count=len(extraction.pages), ocr=bool(extraction.ocr),
        skewed=sum(1 for angle in skews.values() if abs(angle) >= MIN_SKEW),
        flagged=sum(1 for a in built.actions if a["needs_review"]),
        by_theme=list(Counter((a["plan"], a["theme"] or "(no theme printed)") for a in built.actions).items()),
        review=review_items(built, log, pictures), stale=built.stale_overrides,
        badges=action_badges(built, log), unmatched=unmatched_items(built, vocab),
        grid_colour=css_colour(GRID), marked_colour=css_colour(MARKED), years=years, gantt=groups,
        dpi=pictures.dpi if pictures else 0,
        page_images=[(n, data_uri(pictures.page_with_grid(n, marked), quality=70, optimize=False))
                     for n in sorted(pictures.plain)] if pictures else [],
        corrections=log.rows)


def write_report(folder: Path, pdf: Path, password: str | None, extraction: Extraction, built: Built,
                 log: CorrectionLog, vocab_dir: str | None = None) -> Path:
    pictures = PagePictures.of(pdf, password, extraction)
    path = folder / "report.html"
    path.write_text(report_html(pdf.name, extraction, built, log, pictures, vocab_dir), encoding="utf-8")
    return path
