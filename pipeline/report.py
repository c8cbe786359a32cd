"""``report.html``: one self-contained page (pictures embedded, its own script, no network) showing an
analyst what was extracted and what to check: the rows that need review with a crop of each value's cell
and the line that fixes it, the actions table (sortable, filterable, searchable), the names kept as
printed, the Gantt, the pages as the parser saw them and every correction."""
from __future__ import annotations

import logging
from collections import Counter
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

from jinja2 import BytecodeCache, Environment, FileSystemBytecodeCache, PackageLoader, select_autoescape
from jinja2.bccache import Bucket
from markupsafe import Markup

from extract.run import Extraction
from extract.scan_image import MIN_SKEW
from normalise.build import Built
from normalise.corrections import CorrectionLog
from normalise.vocabulary import load_vocabulary

from .gantt import gantt_groups
from .page_images import GRID, MARKED, PagePictures, css_colour, skews_of
from .review import action_badges, gantt_notes, review_items, unmatched_items

log = logging.getLogger(__name__)
REPORT_CONTENTS = [("summary", "Summary"), ("review", "Review"), ("actions", "Actions"), ("names", "Names"),
                   ("gantt", "Gantt"), ("pages", "Pages"), ("corrections", "Corrections")]


class KeptTemplates(FileSystemBytecodeCache):
    """Compiled templates kept between runs, as Python keeps compiled modules: compiling the report's
    templates is most of the time its page takes (0.035 s of 0.05). Jinja keeps them in this user's own
    directory under the system temp, which it creates private (0700) and refuses to use when it is not, and
    recompiles a template whose source changed. A cache that cannot be written costs only that time."""

    def dump_bytecode(self, bucket: Bucket) -> None:
        try:
            super().dump_bytecode(bucket)
        except OSError as exc:
            log.debug("templates not kept between runs: %s", exc)


def kept_templates() -> BytecodeCache | None:
    try:
        return KeptTemplates()
    except (OSError, RuntimeError) as exc:  # no private temp directory to be had: compile every run
        log.debug("templates not kept between runs: %s", exc)
        return None


@cache
def environment() -> Environment:
    return Environment(loader=PackageLoader("pipeline", "templates"), autoescape=select_autoescape(default=True),
                       trim_blocks=False, bytecode_cache=kept_templates())


def asset(name: str) -> str:
    """The stylesheet or script, inlined into every page (a file beside it would not travel by e-mail)."""
    return (resources.files("pipeline") / "templates" / name).read_text(encoding="utf-8")


def render(template: str, **context: Any) -> str:
    # The script and stylesheet are the project's own files, inlined verbatim (not escaped as text).
    return environment().get_template(template).render(css=Markup(asset("report.css")),
                                                        script=Markup(asset("tables.js")), **context)


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
        page_images=[(n, pictures.pages[n][0], Markup(pictures.grid_svg(n, marked)))
                     for n in sorted(pictures.pages)] if pictures else [],
        corrections=log.rows)


def write_report(folder: Path, pdf_name: str, built: Built, log: CorrectionLog, pictures: PagePictures,
                 vocab_dir: str | None = None) -> Path:
    """``folder/report.html``, from the run's tables and its pages' pictures (``PagePictures.for_report``)."""
    path = folder / "report.html"
    html = report_html(pdf_name, pictures.extraction, built, log, pictures, vocab_dir)
    path.write_text(html, encoding="utf-8")
    return path
