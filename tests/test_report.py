"""report.html: parses, every image it links exists, the names kept as printed are listed; and (slow) it
renders in a real browser."""
from __future__ import annotations

import csv
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pytest

from extract import ExtractSettings
from pipeline.run import run_pdf

ROOT = Path(__file__).resolve().parent.parent
NEXT = ROOT / "samples" / "next-version" / "next-version.pdf"


class Page(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.images: list[str] = []
        self.links: list[str] = []
        self.text: list[str] = []
        self.open: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        if tag == "img":
            self.images.append(attributes.get("src") or "")
        if tag in ("a", "link", "script"):
            self.links.append(attributes.get("href") or attributes.get("src") or "")
        if tag not in ("img", "meta", "br"):
            self.open.append(tag)

    def handle_endtag(self, tag: str) -> None:
        assert self.open and self.open[-1] == tag, f"</{tag}> closes <{self.open[-1] if self.open else None}>"
        self.open.pop()

    def handle_data(self, data: str) -> None:
        self.text.append(data)


@pytest.fixture(scope="module")
def output(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return run_pdf(NEXT, tmp_path_factory.mktemp("report"), ExtractSettings())


def parsed(output: Path) -> Page:
    page = Page()
    page.feed((output / "report.html").read_text(encoding="utf-8"))
    page.close()
    return page


def test_report_parses_and_is_self_contained(output: Path) -> None:
    page = parsed(output)
    assert not page.open, f"unclosed tags: {page.open}"
    assert page.images and all(not src.startswith(("http:", "https:", "/")) for src in page.images)
    assert not [link for link in page.links if link.startswith(("http:", "https:"))]
    for src in page.images:
        assert (output / src).is_file(), src
    text = " ".join(page.text)
    for heading in ("Summary", "Rows that need review", "Names kept as printed", "Delivery periods",
                    "What the parser saw", "Every correction"):
        assert heading in text


def test_report_lists_every_name_kept_as_printed(output: Path) -> None:
    text = " ".join(parsed(output).text)
    with (output / "unmatched.csv").open(encoding="utf-8") as f:
        names = [row["name"] for row in csv.DictReader(f)]
    assert names, "next-version has names in no canonical list"
    for name in names:
        assert name in text


CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


@pytest.mark.slow
@pytest.mark.skipif(CHROMIUM is None, reason="needs Debian's chromium (apt-get install chromium)")
def test_report_renders_in_a_browser(output: Path, tmp_path: Path) -> None:
    shot = tmp_path / "report.png"
    subprocess.run([str(CHROMIUM), "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                    "--no-first-run", "--disable-background-networking", "--disable-component-update",
                    "--disable-sync", f"--user-data-dir={tmp_path / 'profile'}", "--window-size=1280,4000",
                    f"--screenshot={shot}", (output / "report.html").as_uri()],
                   check=True, capture_output=True, timeout=120)
    assert shot.stat().st_size > 20_000
    keep = ROOT / "outputs" / "report-screenshot.png"
    keep.parent.mkdir(exist_ok=True)
    shutil.copy(shot, keep)  # for a person to look at; outputs/ is not tracked
