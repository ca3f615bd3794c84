"""The contest page in a real browser: Debian's Chromium driven by Playwright (never a
downloaded browser), against the app served by uvicorn on an ephemeral loopback port, over
the archive of a contest told by the real pipeline (see support/contest_story.py)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Any

import pytest
from support.browser import BROWSER_MARKS, chromium, served
from support.contest_story import CONTEST, build_contest_archive
from support.httpserver import FixtureServer

from watcher.web import create_app

TODAY = datetime(2026, 9, 6, 12, 0, tzinfo=UTC)

pytestmark = BROWSER_MARKS


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    with FixtureServer() as feeds:
        config = build_contest_archive(tmp_path_factory.mktemp("contest-browser"), feeds)
    with served(create_app(config, clock=lambda: TODAY)) as url:
        yield url


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with chromium() as launched:
        yield launched


def test_from_the_search_page_to_a_contest_and_a_backers_evidence(site: str, browser: Any) -> None:
    context = browser.new_context(viewport={"width": 1200, "height": 900})
    page = context.new_page()
    page.set_default_timeout(10_000)
    problems: list[str] = []
    page.on("pageerror", lambda error: problems.append(f"error {error}"))

    def on_response(response: Any) -> None:
        if response.status >= 400:
            problems.append(f"{response.status} {response.url}")

    page.on("response", on_response)
    try:
        page.goto(site + "/")
        page.click("header nav >> text=Contests")
        page.wait_for_url("**/contests")
        page.click(f"text={CONTEST}")
        page.wait_for_url("**/contests/Labour%20deputy%20leadership%202026")

        cards = page.locator(".candidates .candidate")
        assert cards.count() == 3
        boxes = [cards.nth(i).bounding_box() for i in range(3)]
        assert len({round(box["y"]) for box in boxes}) == 1  # side by side
        assert boxes[0]["x"] < boxes[1]["x"] < boxes[2]["x"]
        assert cards.nth(0).locator(".count strong").inner_text() == "4"
        assert cards.nth(2).locator(".withdrew").inner_text().endswith("backs Lucy Powell")

        chart = page.locator(".chart svg")
        assert chart.is_visible()
        assert chart.bounding_box()["width"] > 600
        assert page.locator(".chart svg g.series polyline").count() == 3
        assert page.locator(".chart svg line.marker").count() == 2
        colours = {
            page.locator(f".chart svg g.series-{n} polyline").evaluate(
                "line => getComputedStyle(line).stroke"
            )
            for n in range(3)
        }
        assert len(colours) == 3  # a colour of its own for each candidate: the CSS applied

        cards.nth(0).locator(".backers a.evidence").first.click()
        page.wait_for_url("**/statements/*")
        assert page.locator("h1").inner_text().startswith("Richard Burgon")
        assert page.locator(".sightings tbody tr").count() == 2  # two outlets, one entry
        assert [p for p in problems if not p.endswith("/favicon.ico")] == []
    finally:
        context.close()
