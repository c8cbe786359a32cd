"""report.html and changes.html: parse, are self-contained (every picture embedded, no address outside the
page), show each flagged value with its crop and plain reason, offer only plausible name mappings, and
draw the Gantt on one axis. The browser half of the review loop is tests/test_report_browser.py."""
from __future__ import annotations

import base64
import csv
import io
import re
import xml.etree.ElementTree as ET
from datetime import date
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pyarrow.parquet as pq
import pytest
from PIL import Image

from extract import ExtractSettings
from normalise.build import reads_as_data
from normalise.vocabulary import load_vocabulary
from pipeline.diff_cli import run_diff
from pipeline.gantt import axis_years, date_bar, gantt_groups
from pipeline.run import run_pdf

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
NEXT = SAMPLES / "next-version" / "next-version.pdf"
SECTIONS = ("summary", "review", "actions", "names", "gantt", "pages", "corrections")


class Page(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.images: list[tuple[str, str]] = []  # (src, alt)
        self.links: list[str] = []
        self.ids: set[str] = set()
        self.text: list[str] = []
        self.open: list[str] = []
        self.rows: dict[str, list[list[str]]] = {}  # table id → its body rows' cell texts
        self.table: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if a.get("id"):
            self.ids.add(a["id"] or "")
        if tag == "img" and a.get("src") is not None:  # the enlarging dialog's picture is set by the script
            self.images.append((a.get("src") or "", a.get("alt") or ""))
        if tag in ("a", "link", "script", "iframe", "object"):
            self.links.append(a.get("href") or a.get("src") or "")
        if tag == "table":
            self.table = a.get("id")
        if tag == "tr" and self.table and self.open[-1:] == ["tbody"]:
            self.rows.setdefault(self.table, []).append([])
        if tag == "td" and self.table and self.table in self.rows:
            self.rows[self.table][-1].append("")
        if tag not in ("img", "meta", "br", "input"):
            self.open.append(tag)

    def handle_endtag(self, tag: str) -> None:
        assert self.open and self.open[-1] == tag, f"</{tag}> closes <{self.open[-1] if self.open else None}>"
        self.open.pop()
        if tag == "table":
            self.table = None

    def handle_data(self, data: str) -> None:
        self.text.append(data)
        if self.table in self.rows and "td" in self.open and self.rows[self.table][-1]:
            self.rows[self.table][-1][-1] += data.strip() + " " if data.strip() else ""


def parsed(path: Path) -> Page:
    page = Page()
    page.feed(path.read_text(encoding="utf-8"))
    page.close()
    assert not page.open, f"unclosed tags: {page.open}"
    return page


def picture(src: str) -> Image.Image:
    assert src.startswith("data:image/jpeg;base64,"), src[:40]
    return Image.open(io.BytesIO(base64.b64decode(src.split(",", 1)[1])))


@pytest.fixture(scope="module")
def output(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return run_pdf(NEXT, tmp_path_factory.mktemp("report"), ExtractSettings())


def test_report_is_one_self_contained_file(output: Path) -> None:
    page = parsed(output / "report.html")
    assert not (output / "pages").exists()
    assert page.images and all(src.startswith("data:image/") for src, _ in page.images)
    assert all(link.startswith("#") for link in page.links if link), page.links
    assert set(SECTIONS) <= page.ids
    pages = [picture(src) for src, alt in page.images if alt.startswith("page ") and "cells" in alt]
    with (output / "raw" / "pages.csv").open(encoding="utf-8") as f:
        assert len(pages) == sum(1 for r in csv.DictReader(f) if r["candidate"] == "True")
    # Sharp enough to zoom: 150 dpi on an A4 page is about 1750 × 1240 pixels.
    assert all(max(p.size) >= 1700 for p in pages)
    html = (output / "report.html").read_text(encoding="utf-8")
    assert "<script>" in html
    # Each page's cells are drawn over its picture, one rectangle a cell, in the picture's own pixels.
    grids = re.findall(r'<svg class="grid" viewBox="0 0 (\d+) (\d+)".*?</svg>', html)
    assert [tuple(map(int, g)) for g in grids] == [p.size for p in pages]
    assert html.count("<rect ") >= pq.read_metadata(output / "raw" / "cells.parquet").num_rows


def test_report_actions_table_has_every_action_in_order(output: Path) -> None:
    rows = parsed(output / "report.html").rows["actions-table"]
    with (output / "actions.csv").open(encoding="utf-8") as f:
        actions = list(csv.DictReader(f))
    assert [r[3].strip() for r in rows] == [a["action_id"] for a in actions]
    assert [r[2].strip() for r in rows] == [a["theme"] for a in actions]


def test_report_lists_every_name_kept_as_printed_without_implausible_candidates(output: Path) -> None:
    page = parsed(output / "report.html")
    text = " ".join(page.text)
    with (output / "unmatched.csv").open(encoding="utf-8") as f:
        unmatched = list(csv.DictReader(f))
    assert unmatched, "next-version has names in no canonical list"
    for u in unmatched:
        assert u["name"] in text
        if float(u["score"]) < 70:
            assert f"{u['best_candidate']},{u['name']}" not in text


def test_review_rows_show_plain_reasons_crops_and_the_line_to_paste(tmp_path: Path) -> None:
    # A born-digital sample with flagged rows of several kinds (scanned-rough's are in the browser test).
    folder = run_pdf(SAMPLES / "random-2002" / "random-2002.pdf", tmp_path, ExtractSettings())
    page = parsed(folder / "report.html")
    with (folder / "actions.csv").open(encoding="utf-8") as f:
        flagged = {a["action_id"] for a in csv.DictReader(f) if a["needs_review"].lower() == "true"}
    rows = page.rows.get("review-table", [])
    assert flagged and {r[0].split()[0] for r in rows} == flagged
    crops = [(src, alt) for src, alt in page.images if " around " in alt]
    assert crops
    for src, alt in crops:
        width, height = picture(src).size
        assert 40 < width < 1200 and 20 < height < 400, (alt, width, height)
    for r in rows:
        why = r[6].strip()
        assert why[:1].isupper() and not re.fullmatch(r"[a-z-]+", why)  # words, not a rule code
        assert r[8].startswith("(IDs") or r[8].split(",")[1] == r[0].split()[0], r[8]


def test_a_name_read_from_a_date_column_is_never_offered_as_a_name() -> None:
    vocab = load_vocabulary()
    assert reads_as_data("Ongoing", vocab) and reads_as_data("Apr-25", vocab)
    assert not reads_as_data("National Grid", vocab) and not reads_as_data("Parks Service", vocab)


def gantt_action(**kw: Any) -> dict[str, Any]:
    base = {"plan": "P", "theme": "T", "action_id": "A1", "action": "text", "start_date": date(2025, 4, 1),
            "start_ongoing": False, "end_date": date(2027, 3, 31), "end_ongoing": False,
            "delivery_periods": ["2025-26", "2026-27"], "delivery_source": "shading"}
    return {**base, **kw}


def test_gantt_axis_bar_and_groups() -> None:
    actions = [gantt_action(), gantt_action(action_id="A2", theme="U", start_date=None, start_ongoing=True,
                                            end_date=date(2029, 3, 31), delivery_periods=["2028-29"])]
    years = axis_years(actions)
    assert years == ["2025-26", "2026-27", "2027-28", "2028-29"]
    bar = date_bar(actions[0], years)
    assert bar is not None and bar.left == 0 and 49 < bar.width < 51 and not bar.open_left and not bar.open_right
    ongoing = date_bar(actions[1], years)
    assert ongoing is not None and ongoing.open_left and not ongoing.open_right
    assert date_bar(gantt_action(end_date=None), years) is None  # no end printed: nothing to draw
    _, groups = gantt_groups(actions, {1: "disagree"})
    assert [(g.theme, [r.action_id for r in g.rows]) for g in groups] == [("T", ["A1"]), ("U", ["A2"])]
    assert groups[1].rows[0].note == "disagree" and groups[1].rows[0].blocks == [(75.0, 25.0)]


def test_changes_page_shows_both_versions_crops(tmp_path: Path) -> None:
    folder = run_diff(SAMPLES / "current" / "current.pdf", NEXT, tmp_path)
    page = parsed(folder / "changes.html")
    with (folder / "changes.csv").open(encoding="utf-8") as f:
        changes = list(csv.DictReader(f))
    rows = page.rows["changes-table"]
    assert len(rows) == len(changes)
    alts = [alt for _, alt in page.images]
    for c in changes:
        old = any(a.startswith("current.pdf") and f"around {c['action_id']}" in a for a in alts)
        new = any(a.startswith("next-version.pdf") and f"around {c['action_id']}" in a for a in alts)
        assert old == (c["change"] != "added") or c["field"] == "action_id"
        assert new == (c["change"] != "removed")


def test_a_cell_upside_down_is_drawn_not_a_crash() -> None:
    # A parser's cell can come out with its bottom above its top (seen on a random scan's words table).
    from extract.model import RawCell
    from pipeline.page_images import cells_to_svg, crop_cells

    page = Image.new("RGB", (200, 100), "white")
    upside_down = RawCell(1, 0, 0, 0, 10.0, 60.0, 50.0, 20.0, "T1", "")
    tiny = RawCell(1, 0, 0, 1, 60.0, 20.0, 62.0, 22.0, "", "")
    svg = ET.fromstring(cells_to_svg([upside_down, tiny], {(0, 0, 0), (0, 0, 1)}, 2.0, (400, 200)))
    assert svg.get("viewBox") == "0 0 400 200"
    cells = [r.attrib for r in svg.findall("{*}rect")]
    marks = [r.attrib for r in svg.findall("{*}g/{*}rect")]
    # Both cells outlined, the upside-down one from its top, in the picture's pixels (scale 2).
    assert [(float(c["x"]), float(c["y"]), float(c["width"]), float(c["height"])) for c in cells] == \
        [(20.0, 40.0, 80.0, 80.0), (120.0, 40.0, 4.0, 4.0)]
    # Only the cell large enough to frame inside is framed as a delivery mark.
    assert [(float(m["x"]), float(m["y"])) for m in marks] == [(22.0, 42.0)]
    assert crop_cells(page, [upside_down], 1.0).size[1] > 40
