"""The review loop in a real browser (headless Chromium through Selenium and Debian's chromedriver): the
reports of next-version and scanned-rough are opened, the actions table filtered to one theme and sorted
by start date, a review row's crop (or a page) enlarged, and what is shown checked. ``make test-slow``."""
from __future__ import annotations

import csv
import shutil
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest

from extract import ExtractSettings
from normalise.corrections import REVIEW_RULES
from pipeline.run import run_pdf

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
DRIVER = shutil.which("chromedriver")
pytestmark = [pytest.mark.slow,
              pytest.mark.skipif(CHROMIUM is None or DRIVER is None,
                                 reason="needs Debian's chromium and chromium-driver (apt-get install chromium "
                                        "chromium-driver)")]
webdriver = pytest.importorskip("selenium.webdriver")
By = pytest.importorskip("selenium.webdriver.common.by").By
Select = pytest.importorskip("selenium.webdriver.support.select").Select


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[object]:
    from selenium.webdriver.chrome.service import Service
    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    # As root in a container, with this machine's closed network: no sandbox, no background connections.
    for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync",
                 "--window-size=1400,1000", f"--user-data-dir={tmp_path_factory.mktemp('profile')}"):
        options.add_argument(flag)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(service=Service(str(DRIVER)), options=options)
    yield driver
    driver.quit()


@pytest.fixture(scope="module", params=["next-version", "scanned-rough"])
def report(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Path:
    pdf = ROOT / "samples" / request.param / f"{request.param}.pdf"
    return run_pdf(pdf, tmp_path_factory.mktemp("reports"), ExtractSettings())


def read_actions(folder: Path) -> list[dict[str, str]]:
    with (folder / "actions.csv").open(encoding="utf-8") as f:
        return list(csv.DictReader(f))


def visible_rows(table: object) -> list[object]:
    return [r for r in table.find_elements(By.CSS_SELECTOR, "tbody tr") if r.is_displayed()]


def column(table: object, name: str) -> int:
    heads = [th.text.replace("⇅", "").replace("▲", "").replace("▼", "").strip()
             for th in table.find_elements(By.CSS_SELECTOR, "thead th")]
    return heads.index(name)


def test_the_actions_table_filters_to_one_theme_and_sorts_by_start(browser: object, report: Path) -> None:
    browser.get((report / "report.html").as_uri())
    actions = read_actions(report)
    table = browser.find_element(By.ID, "actions-table")
    assert len(visible_rows(table)) == len(actions)
    theme, count = Counter(a["theme"] for a in actions if a["theme"]).most_common(1)[0]
    toolbar = table.find_element(By.XPATH, "preceding-sibling::div[@class='toolbar'][1]")
    Select(toolbar.find_element(By.CSS_SELECTOR, "select[data-column='theme']")).select_by_value(theme)
    rows = visible_rows(table)
    theme_col, id_col = column(table, "theme"), column(table, "ID")
    assert len(rows) == count
    assert {r.find_elements(By.TAG_NAME, "td")[theme_col].text for r in rows} == {theme}
    assert {r.find_elements(By.TAG_NAME, "td")[id_col].text for r in rows} == \
        {a["action_id"] for a in actions if a["theme"] == theme}
    assert toolbar.find_element(By.CLASS_NAME, "count").text == f"{count} of {len(actions)} rows"

    start_col = column(table, "start")
    table.find_elements(By.CSS_SELECTOR, "thead th")[start_col].find_element(By.TAG_NAME, "button").click()
    keys = [r.find_elements(By.TAG_NAME, "td")[start_col].get_attribute("data-sort") for r in visible_rows(table)]
    dated = [k for k in keys if k]
    assert dated == sorted(dated) and keys == dated + [""] * (len(keys) - len(dated)), keys
    expected = sorted(a["start_date"] for a in actions if a["theme"] == theme and a["start_date"])
    assert dated == expected
    table.find_elements(By.CSS_SELECTOR, "thead th")[start_col].find_element(By.TAG_NAME, "button").click()
    keys = [r.find_elements(By.TAG_NAME, "td")[start_col].get_attribute("data-sort") for r in visible_rows(table)]
    assert [k for k in keys if k] == sorted(dated, reverse=True)

    search = toolbar.find_element(By.CSS_SELECTOR, "input[type=search]")
    one = next(a for a in actions if a["theme"] == theme)
    search.send_keys(one["action"][:40])
    assert [r.find_elements(By.TAG_NAME, "td")[id_col].text for r in visible_rows(table)] == [one["action_id"]]


def test_a_review_row_opens_its_crop(browser: object, report: Path) -> None:
    browser.get((report / "report.html").as_uri())
    flagged = [a for a in read_actions(report) if a["needs_review"].lower() == "true"]
    with (report / "corrections.csv").open(newline="", encoding="utf-8") as f:
        # Doubts about a page, not a row (IDs the sequence skips, a table that could not be read).
        page_doubts = {f"page {c['page']}" for c in csv.DictReader(f)
                       if not c["action_id"] and c["rule"] in REVIEW_RULES}
    dialog = browser.find_element(By.ID, "zoom")
    assert not dialog.is_displayed()
    if not flagged and not page_doubts:
        assert "Nothing needs review" in browser.find_element(By.ID, "review").find_element(
            By.XPATH, "following-sibling::p[1]").text
        button = browser.find_element(By.CSS_SELECTOR, ".page button[data-zoom]")
        button.click()
        assert dialog.is_displayed()
        image = dialog.find_element(By.TAG_NAME, "img")
        # A page enlarged at 150 dpi: an A4 page's long side is about 1750 pixels.
        assert browser.execute_script("return arguments[0].naturalWidth", image) >= 1200
        assert dialog.find_element(By.TAG_NAME, "figcaption").text == button.get_attribute("data-zoom")
        return
    table = browser.find_element(By.ID, "review-table")
    rows = visible_rows(table)
    assert {r.find_elements(By.TAG_NAME, "td")[0].find_element(By.TAG_NAME, "a").text for r in rows} == \
        {a["action_id"] for a in flagged} | page_doubts
    if not flagged:
        return  # page doubts only: no row of the actions to crop
    row = next(r for r in rows if r.find_elements(By.CSS_SELECTOR, "button.crop"))
    cells = row.find_elements(By.TAG_NAME, "td")
    action_id, field = cells[0].find_element(By.TAG_NAME, "a").text, cells[column(table, "field")].text
    assert cells[column(table, "why")].text and "-" not in cells[column(table, "why")].text.split()[0]
    row.find_element(By.CSS_SELECTOR, "button.crop").click()
    assert dialog.is_displayed()
    caption = dialog.find_element(By.TAG_NAME, "figcaption").text
    assert caption.startswith(f"{action_id} · {field} · page ")
    image = dialog.find_element(By.TAG_NAME, "img")
    assert browser.execute_script("return arguments[0].complete && arguments[0].naturalWidth", image) > 100
    assert image.get_attribute("src") == row.find_element(By.CSS_SELECTOR, "button.crop img").get_attribute("src")
    keep = ROOT / "outputs" / f"report-{report.name}-crop.png"
    keep.parent.mkdir(exist_ok=True)
    browser.save_screenshot(str(keep))  # for a person to look at; outputs/ is not tracked
    dialog.find_element(By.CLASS_NAME, "close").click()
    assert not dialog.is_displayed()
    # The link from the review row lands on the action's row, shaded as needing review.
    cells[0].find_element(By.TAG_NAME, "a").click()
    target = browser.find_element(By.ID, browser.execute_script("return location.hash.slice(1)"))
    assert "flag" in target.get_attribute("class")


def test_the_gantt_groups_by_plan_and_theme(browser: object, report: Path) -> None:
    browser.get((report / "report.html").as_uri())
    actions = read_actions(report)
    groups = browser.find_elements(By.CSS_SELECTOR, "table.gantt th.group")
    runs = [k for i, k in enumerate((a["plan"], a["theme"]) for a in actions)
            if i == 0 or k != (actions[i - 1]["plan"], actions[i - 1]["theme"])]
    assert [g.text for g in groups] == [t or "(no theme printed)" for _, t in runs]
    links = browser.find_elements(By.CSS_SELECTOR, "table.gantt td.id a")
    assert [link.get_attribute("title") for link in links] == [a["action"] for a in actions]
    blocks = browser.find_elements(By.CSS_SELECTOR, "table.gantt .block")
    assert len(blocks) == sum(len(a["delivery_periods"].split("; ")) for a in actions if a["delivery_periods"])
    errors = [e for e in browser.get_log("browser") if e["level"] == "SEVERE"]
    assert not errors, errors
    browser.execute_script("document.getElementById('gantt').scrollIntoView()")
    browser.save_screenshot(str(ROOT / "outputs" / f"report-{report.name}-gantt.png"))


def test_a_page_opens_with_the_cells_drawn_over_it(browser: object, report: Path) -> None:
    # The cells are an SVG laid over the page's picture; enlarged, it must cover the picture exactly.
    browser.get((report / "report.html").as_uri())
    page = browser.find_element(By.CSS_SELECTOR, ".page button[data-zoom]")
    cells = len(page.find_elements(By.CSS_SELECTOR, "svg.grid rect"))
    assert cells > 0
    page.click()
    dialog = browser.find_element(By.ID, "zoom")
    assert dialog.is_displayed()
    assert len(dialog.find_elements(By.CSS_SELECTOR, "svg.grid rect")) == cells
    box = "var r = arguments[0].getBoundingClientRect(); return [r.left, r.top, r.width, r.height];"
    image = browser.execute_script(box, dialog.find_element(By.TAG_NAME, "img"))
    grid = browser.execute_script(box, dialog.find_element(By.CSS_SELECTOR, "svg.grid"))
    assert image[2] > 300 and all(abs(a - b) <= 1 for a, b in zip(image, grid)), (image, grid)
    dialog.find_element(By.CLASS_NAME, "close").click()
    crops = browser.find_elements(By.CSS_SELECTOR, "button.crop")
    if crops:  # a crop has its cells outlined in the picture: no grid is carried over from the page
        browser.execute_script("arguments[0].click()", crops[0])
        assert not dialog.find_elements(By.CSS_SELECTOR, "svg.grid")
