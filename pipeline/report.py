"""``report.html``: one self-contained page showing an analyst what was extracted and what to check.
Page images (cells outlined, delivery cells read as marked highlighted) are files in ``pages/`` beside it."""
from __future__ import annotations

import csv
import html
import io
from collections import Counter
from pathlib import Path
from typing import Any

import pypdfium2 as pdfium
from PIL import Image, ImageDraw

from extract.run import Extraction
from normalise.build import Built
from normalise.corrections import REVIEW_RULES, CorrectionLog
from normalise.overrides import printed_value

PAGE_DPI = 80
STYLE = """
body{font:14px/1.45 system-ui,sans-serif;margin:2em auto;max-width:1200px;color:#222;padding:0 1em}
h1{font-size:1.5em}h2{border-bottom:2px solid #ddd;padding-bottom:.2em;margin-top:2em}
table{border-collapse:collapse;margin:.5em 0}td,th{border:1px solid #ccc;padding:.25em .5em;vertical-align:top}
th{background:#f3f3f3;text-align:left}.num{text-align:right}.ok{color:#2a7}.warn{color:#b60}
code{background:#f6f6f6;padding:0 .3em}.page img{max-width:100%;border:1px solid #aaa}
.gantt td{padding:0;border:1px solid #eee;min-width:4em;height:1.2em}.gantt td.on{background:#5a9e45}
.gantt th.id{white-space:nowrap}.key span{display:inline-block;width:1em;height:1em;vertical-align:middle}
"""


def esc(value: Any) -> str:
    return html.escape("" if value is None else str(value))


def table_html(headers: list[str], rows: list[list[Any]], cls: str = "") -> str:
    head = "".join(f"<th>{esc(h)}</th>" for h in headers)
    body = "".join("<tr>" + "".join(f"<td>{esc(v)}</td>" for v in row) + "</tr>" for row in rows)
    return f'<table class="{cls}"><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>'


def render_pages(pdf: Path, password: str | None, extraction: Extraction, marked: set[tuple[int, int, int]],
                 folder: Path) -> list[str]:
    """One PNG per page with tables: every cell outlined, the cells read as delivery marks filled."""
    folder.mkdir(parents=True, exist_ok=True)
    pages = sorted({t.page for t in extraction.tables})
    names = []
    doc = pdfium.PdfDocument(str(pdf), password=password)
    try:
        scale = PAGE_DPI / 72
        for number in pages:
            image = doc[number - 1].render(scale=scale).to_pil().convert("RGB")
            overlay = Image.new("RGBA", image.size, (0, 0, 0, 0))
            draw = ImageDraw.Draw(overlay)
            for table in (t for t in extraction.tables if t.page == number):
                for c in table.cells:
                    box = [c.x0 * scale, c.top * scale, c.x1 * scale, c.bottom * scale]
                    if (table.table, c.row, c.col) in marked:
                        draw.rectangle(box, fill=(255, 140, 0, 110))
                    draw.rectangle(box, outline=(30, 90, 220, 255), width=1)
            name = f"page-{number:04d}.png"
            # Fast compression: a pack's run should not wait on PNG encoding of pictures only a reviewer opens.
            Image.alpha_composite(image.convert("RGBA"), overlay).convert("RGB").save(folder / name, compress_level=1)
            names.append(name)
    finally:
        doc.close()
    return names


def summary_html(built: Built, log: CorrectionLog, extraction: Extraction) -> str:
    by_theme = Counter((a["plan"], a["theme"] or "(no section)") for a in built.actions)
    review = sum(1 for a in built.actions if a["needs_review"])
    pages = sorted({p for a in built.actions for p in a["source_pages"]})
    rows = [[plan, theme, n] for (plan, theme), n in by_theme.items()]
    rules = sorted(log.rules().items(), key=lambda kv: -kv[1])
    status = f'<span class="{"warn" if review else "ok"}">{review} of {len(built.actions)} rows need review</span>'
    return (f"<p>{len(built.actions)} actions in {len({a['plan'] for a in built.actions})} plans, "
            f"from pages {esc(', '.join(map(str, pages)))} of {len(extraction.pages)}. {status}; "
            f"{len(built.unmatched)} names kept as printed.</p>"
            + table_html(["plan", "theme", "actions"], rows)
            + "<h3>Corrections by kind</h3>" + table_html(["rule", "count"], [list(r) for r in rules]))


# The corrections log's field names → the overrides.csv field that sets it (IDs are not overridable).
OVERRIDE_FIELD = {"start": "start_date", "end": "end_date", "lead_teams": "lead_teams", "partners": "partners",
                  "theme": "theme", "delivery_periods": "delivery_periods", "action": "action"}


def csv_line(values: list[str]) -> str:
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="").writerow(values)
    return buffer.getvalue()


def override_line(built: Built, action: dict[str, Any], field: str, note: str) -> str:
    """The overrides.csv line that sets ``field`` of ``action`` to what the pipeline made of it (for the
    analyst to correct), with ``printed`` so that the line goes stale if the printing changes."""
    value = action[field]
    shown = "; ".join(value) if isinstance(value, list) else ("" if value is None else str(value))
    if field.endswith("_date") and value is None and action[field.replace("_date", "_ongoing")]:
        shown = "Ongoing"
    return csv_line([action["plan"], action["action_id"], field, shown, note, printed_value(built, action, field)])


def review_html(built: Built, log: CorrectionLog) -> str:
    by_action = {a["action_id"]: a for a in built.actions}
    rows, seen = [], set()
    for c in log.rows:
        action = by_action.get(c.action_id)
        if c.rule not in REVIEW_RULES or action is None or not action["needs_review"]:
            continue
        field = OVERRIDE_FIELD.get(c.field)
        line = override_line(built, action, field, REVIEW_RULES[c.rule]) if field else \
            "(an ID cannot be overridden: check the page)"
        key = (c.action_id, c.field, c.rule)
        if key not in seen:
            seen.add(key)
            rows.append([action["plan"], c.action_id, c.page, c.field, c.before, c.after or "(kept)",
                         REVIEW_RULES[c.rule], line])
    if not rows:
        return '<p class="ok">Nothing needs review.</p>'
    return table_html(["plan", "action", "page", "field", "printed", "made of it", "why",
                       "line for overrides.csv (edit the value)"], rows)


def stale_html(built: Built) -> str:
    if not built.stale_overrides:
        return ""
    items = "".join(f"<li>{esc(line)}</li>" for line in built.stale_overrides)
    return f'<h2>Overrides not applied</h2><ul class="warn">{items}</ul>'


def unmatched_html(built: Built) -> str:
    rows = []
    for u in sorted(built.unmatched.values(), key=lambda u: (u["field"], u["name"])):
        listing = "teams.csv" if u["field"] == "lead_teams" else "partners.csv"
        paste = csv_line([u["best_candidate"], u["name"]]) if u["best_candidate"] else csv_line([u["name"], ""])
        rows.append([u["field"], u["name"], "; ".join(dict.fromkeys(u["action_ids"])), u["best_candidate"],
                     u["score"], f"{listing} in your vocabulary folder: {paste}  "
                                 f"(or, for a new name: {csv_line([u['name'], ''])})"])
    if not rows:
        return '<p class="ok">Every name matched a canonical list.</p>'
    return table_html(["field", "kept as printed", "actions", "best candidate", "score",
                       "line to paste to map it to the candidate"], rows)


def corrections_html(log: CorrectionLog) -> str:
    groups: dict[str, list[list[Any]]] = {}
    for c in log.rows:
        groups.setdefault(c.rule, []).append([c.page, c.action_id, c.field, c.before, c.after, c.score])
    return "".join(f"<h3>{esc(rule)} ({len(rows)})</h3>"
                   + table_html(["page", "action", "field", "before", "after", "score"], rows)
                   for rule, rows in sorted(groups.items()))


def gantt_html(built: Built) -> str:
    years = sorted({y for a in built.actions for y in a["delivery_periods"]})
    if not years:
        return "<p>No delivery periods were read.</p>"
    head = "<tr><th>action</th>" + "".join(f"<th>{esc(y)}</th>" for y in years) + "</tr>"
    body, plan = [], None
    for a in built.actions:
        if a["plan"] != plan:
            plan = a["plan"]
            body.append(f'<tr><th colspan="{len(years) + 1}">{esc(plan)}</th></tr>')
        cells = "".join(f'<td class="{"on" if y in a["delivery_periods"] else ""}" title="{esc(y)}"></td>'
                        for y in years)
        body.append(f'<tr><th class="id" title="{esc(a["action"])}">{esc(a["action_id"])}'
                    f' <small>({esc(a["delivery_source"])})</small></th>{cells}</tr>')
    return f'<table class="gantt">{head}{"".join(body)}</table>'


def write_report(folder: Path, pdf: Path, password: str | None, extraction: Extraction, built: Built,
                 log: CorrectionLog) -> Path:
    images = render_pages(pdf, password, extraction, set(built.marked_cells), folder / "pages")
    pages = "".join(f'<div class="page"><h3>page {esc(int(n[5:9]))}</h3>'
                    f'<img src="pages/{esc(n)}" alt="page {esc(int(n[5:9]))} with the detected cells"></div>'
                    for n in images)
    body = (f"<h1>What was extracted from {esc(pdf.name)}</h1>"
            f"<h2>Summary</h2>{summary_html(built, log, extraction)}"
            f"<h2>Rows that need review</h2>{review_html(built, log)}{stale_html(built)}"
            f"<h2>Names kept as printed</h2>{unmatched_html(built)}"
            f"<h2>Delivery periods</h2>{gantt_html(built)}"
            f'<h2>What the parser saw</h2><p class="key"><span style="border:2px solid #1e5adc"></span> a cell '
            f'&nbsp; <span style="background:rgba(255,140,0,.45)"></span> read as a delivery mark</p>{pages}'
            f"<h2>Every correction</h2>{corrections_html(log)}")
    page = (f'<!doctype html><html lang="en"><head><meta charset="utf-8"><title>{esc(pdf.stem)}: extraction report'
            f"</title><style>{STYLE}</style></head><body>{body}</body></html>\n")
    path = folder / "report.html"
    path.write_text(page, encoding="utf-8")
    return path
