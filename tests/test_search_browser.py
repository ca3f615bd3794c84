"""The search page in a real browser (Debian's Chromium driven by Playwright) on a desktop and
on a phone, over the archive of support/search_desk.py; and the screenshots in docs/.

The screenshots are taken on every run; `WATCHER_SCREENSHOTS=docs pytest
tests/test_search_browser.py` writes them over docs/search_page.png and
docs/search_page_phone.png, so the README shows what the code draws.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from support.browser import BROWSER_MARKS, chromium, served
from support.search_desk import TWO_EVENTS, build_search_desk

from watcher.kinds import kind_info
from watcher.web import create_app

pytestmark = BROWSER_MARKS

DOCS = Path(__file__).resolve().parent.parent / "docs"
DESKTOP = {"width": 1200, "height": 1000}
PHONE = {"width": 390, "height": 844}


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    config = build_search_desk(tmp_path_factory.mktemp("search-browser"))
    with served(create_app(config)) as url:
        yield url


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with chromium() as launched:
        yield launched


def open_page(browser: Any, viewport: dict[str, int], locale: str = "en-GB") -> Any:
    context = browser.new_context(viewport=viewport, locale=locale)
    page = context.new_page()
    page.set_default_timeout(10_000)
    return page


def screenshot_to(name: str, folder: Path) -> Path:
    """Where a screenshot goes: docs/ when asked for, else the test's own folder."""
    return (DOCS if os.environ.get("WATCHER_SCREENSHOTS") == "docs" else folder) / name


def fits_the_screen(page: Any) -> bool:
    width = page.evaluate("document.documentElement.scrollWidth")
    return bool(width <= page.viewport_size["width"])


def inside_the_screen(page: Any, selector: str) -> bool:
    box = page.locator(selector).bounding_box()
    return bool(box["x"] >= 0 and box["x"] + box["width"] <= page.viewport_size["width"])


def test_on_a_phone_the_search_button_and_results_fit(
    site: str, browser: Any, tmp_path: Path
) -> None:
    page = open_page(browser, PHONE)
    try:
        page.goto(site + "/")
        assert inside_the_screen(page, "form.search button[type=submit]")
        assert fits_the_screen(page)
        page.screenshot(path=screenshot_to("search_page_phone.png", tmp_path))
        page.fill("#q", "deputy")
        page.click("form.search button[type=submit]")
        page.wait_for_url("**/?q=deputy*")
        assert page.locator("article.card").count() == 1
        assert inside_the_screen(page, "article.card .also")
        assert inside_the_screen(page, "figure.timeline svg")
        assert fits_the_screen(page)
    finally:
        page.context.close()


@pytest.mark.parametrize("locale", ["en-GB", "en-US"])
def test_dates_mean_the_same_in_any_locale(site: str, browser: Any, locale: str) -> None:
    page = open_page(browser, DESKTOP, locale)
    try:
        page.goto(site + "/")
        since = page.locator("input[name=since]")
        assert since.get_attribute("placeholder") == "YYYY-MM-DD"
        assert "year-month-day" in page.locator("#date-format").inner_text()
        since.fill("2026-12-02")
        page.fill("input[name=until]", "2026-12-04")
        page.click("form.search button[type=submit]")
        page.wait_for_url("**since=2026-12-02*")
        assert page.locator(".count").inner_text() == "2 statements"  # Rayner, Badenoch
    finally:
        page.context.close()


def test_the_desktop_page_shows_counts_chart_and_one_card_per_statement(
    site: str, browser: Any, tmp_path: Path
) -> None:
    page = open_page(browser, DESKTOP)
    try:
        page.goto(site + "/")
        assert page.locator(".count").inner_text() == "5 statements"
        assert "Angela Rayner (3)" in page.locator("select[name=mp]").inner_text()
        chart = page.locator("figure.timeline svg")
        assert chart.bounding_box()["width"] > 600
        assert page.locator("figure.timeline rect.bar").count() == 15
        colour = page.locator("figure.timeline rect.bar").first.evaluate(
            "bar => getComputedStyle(bar).fill"
        )
        assert colour != "rgb(0, 0, 0)"  # the CSS applied
        quotes = page.locator("article.card .said").all_inner_texts()
        assert quotes.count(TWO_EVENTS) == 1
        page.screenshot(path=screenshot_to("search_page.png", tmp_path), full_page=True)
    finally:
        page.context.close()


def test_each_kind_label_takes_its_colour_from_the_kinds_table(site: str, browser: Any) -> None:
    page = open_page(browser, DESKTOP)
    try:
        page.goto(site + "/")
        labels = page.locator("article.card span.kind").evaluate_all(
            "spans => spans.map(s => [s.className, getComputedStyle(s).backgroundColor])"
        )
        assert labels
        for class_name, background in labels:
            kind = class_name.split("kind-", 1)[1]
            red, green, blue = (int(kind_info(kind).colour[i : i + 2], 16) for i in (1, 3, 5))
            assert background == f"rgb({red}, {green}, {blue})", kind
    finally:
        page.context.close()
