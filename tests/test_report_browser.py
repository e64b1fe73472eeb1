"""The seed corpus report as a person sees it: headless Chromium at laptop and phone width.

Needs Debian's ``chromium`` package (``apt-get install -y chromium``) and the python
``playwright`` package; skipped with the reason when either is missing.
"""
from __future__ import annotations

from pathlib import Path

import pytest

from nkextract.views.report import write_report
from test_report import numbers, seed_out_dir

CHROMIUM = Path("/usr/bin/chromium")
SCREENSHOT = Path(__file__).resolve().parents[1] / "docs" / "report.png"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]
WIDTHS = {"laptop": (1280, 800), "phone": (375, 812)}

pytestmark = pytest.mark.skipif(not CHROMIUM.exists(),
                                reason="no browser: /usr/bin/chromium is absent "
                                       "(apt-get install -y chromium)")


@pytest.fixture(scope="module")
def browser():
    sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed")
    with sync_api.sync_playwright() as driver:
        chromium = driver.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield chromium
        chromium.close()


@pytest.fixture(scope="module")
def report(shared, tmp_path_factory) -> tuple[Path, dict[str, int]]:
    out = seed_out_dir(shared, tmp_path_factory.mktemp("seeds", numbered=False))
    path = write_report(out)
    return path, numbers(path.read_text(encoding="utf-8"))


@pytest.mark.parametrize("screen", sorted(WIDTHS))
def test_report_in_chromium(browser, report, screen):
    path, expected = report
    width, height = WIDTHS[screen]
    page = browser.new_page(viewport={"width": width, "height": height})
    requests = []
    page.on("request", lambda request: requests.append(request.url))
    page.goto(path.as_uri())
    page.wait_for_load_state("load")

    shown = {name: int(page.inner_text(f"#n-{name} dd").replace(",", ""))
             for name in ("articles", "claims", "statistics", "conflicts")}
    assert shown == {name: expected[name] for name in shown}
    assert shown["articles"] == 5 and shown["claims"] == 33 and shown["conflicts"] >= 1

    conflict = page.locator("#conflicts article.conflict").first
    assert conflict.is_visible()
    assert conflict.locator(".claim").count() >= 2
    assert conflict.locator("mark").count() >= 2  # each claim's figure in its sentence

    plots = page.locator("#timelines img")
    assert plots.count() >= 1
    assert plots.first.evaluate("img => img.complete && img.naturalWidth > 100")
    assert plots.first.bounding_box()["width"] <= width

    rows = page.locator("#facts-table tbody tr:not([hidden])")
    assert rows.count() == min(expected["statistics"], 50)
    assert "page 1 of" in page.inner_text("#pager")

    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0, f"body scrolls sideways by {overflow}px at {width}px"
    assert all(url.startswith(("file:", "data:")) for url in requests), requests

    if screen == "laptop":
        SCREENSHOT.parent.mkdir(exist_ok=True)
        page.screenshot(path=str(SCREENSHOT), full_page=False)
    page.close()


def test_facts_sort_and_filter_in_chromium(browser, report):
    path, expected = report
    page = browser.new_page(viewport={"width": 1280, "height": 800})
    page.goto(path.as_uri())
    statuses = page.eval_on_selector_all("#status-filter option", "os => os.map(o => o.value)")
    chosen = [s for s in statuses if s][0]
    page.select_option("#status-filter", chosen)
    visible = page.eval_on_selector_all("#facts-table tbody tr:not([hidden])",
                                        "rs => rs.map(r => r.dataset.status)")
    assert visible and set(visible) == {chosen}
    page.select_option("#status-filter", "")
    page.click("#facts-table th button[data-col='3']")  # value, ascending
    values = page.eval_on_selector_all(
        "#facts-table tbody tr:not([hidden]) td:nth-child(4)",
        "tds => tds.map(td => parseFloat(td.dataset.num)).filter(v => !isNaN(v))")
    assert values == sorted(values)
    page.close()
