"""The search page in a real browser: Debian's Chromium driven by Playwright, against the app
served by uvicorn on an ephemeral loopback port.

No browser is downloaded: Playwright launches /usr/bin/chromium (`apt-get install chromium`;
`.ci/run` installs it). Without it these tests are skipped, saying so.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pytest
from support.browser import BROWSER_MARKS, chromium, served
from support.httpserver import FixtureServer
from support.newsroom import LEADERSHIP, Newsroom, build_newsroom

from watcher.web import create_app

pytestmark = BROWSER_MARKS


@dataclass(frozen=True)
class Site:
    url: str
    newsroom: Newsroom


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    """The newsroom's archive served by uvicorn in a thread, on a port the OS picked."""
    with FixtureServer() as feeds:
        newsroom = build_newsroom(tmp_path_factory.mktemp("browser"), feeds)
    with served(create_app(newsroom.config)) as url:
        yield Site(url, newsroom)


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with chromium() as launched:
        yield launched


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    context = browser.new_context()
    page = context.new_page()
    page.set_default_timeout(10_000)
    try:
        yield page
    finally:
        context.close()


def test_search_filter_open_a_statement(site: Site, page: Any) -> None:
    page.goto(site.url + "/")
    page.fill("#q", "leadership")
    page.click("form.search button[type=submit]")
    page.wait_for_url("**/?q=leadership*")
    assert page.locator("article.card").count() == 2  # the news report is on the bid's card
    assert "North East News" in page.locator("article.card .also").inner_text()
    assert page.locator("article.card .quote mark").first.inner_text() == "leadership"

    page.select_option("select[name=mp]", "Ian Lavery")
    page.click("form.search button[type=submit]")
    page.wait_for_url("**mp=Ian+Lavery*")
    cards = page.locator("article.card")
    assert cards.count() == 1
    assert set(page.locator("article.card .mp").all_inner_texts()) == {"Ian Lavery"}
    assert "q=leadership" in page.url  # the URL holds the whole search

    cards.first.locator("a.open").click()
    page.wait_for_url("**/statements/*")
    assert page.locator("blockquote.quote").inner_text() == LEADERSHIP
    assert page.locator(".context mark").inner_text() == LEADERSHIP
    assert page.locator(".sightings tbody tr").count() >= 1
    assert "Lavery's feed" in page.locator(".sightings").inner_text()
    alerted = page.locator(".sightings tbody tr td").nth(3).inner_text()
    assert "BST" in alerted  # when the alert went out, in London time


def test_hostile_text_renders_as_text_and_runs_nothing(site: Site, page: Any) -> None:
    events: list[str] = []

    def on_dialog(dialog: Any) -> None:
        events.append(f"dialog {dialog.message}")
        dialog.dismiss()

    page.on("dialog", on_dialog)
    page.on("console", lambda message: events.append(f"console {message.type}: {message.text}"))
    page.on("pageerror", lambda error: events.append(f"error {error}"))
    hostile = site.newsroom.statement_id("I back the miners")

    page.goto(site.url + "/?q=miners")
    quote = page.locator("article.card .quote").first.inner_text()
    assert "<script>window.pwned = 1</script>" in quote
    assert '<img src=x onerror="window.pwned = 2">' in quote
    assert page.evaluate("window.pwned") is None

    page.goto(f"{site.url}/statements/{hostile}")
    assert "<script>" in page.locator("blockquote.quote").inner_text()
    assert page.locator("main img, main script").count() == 0
    assert page.evaluate("window.pwned") is None
    assert events == []


def test_feeds_are_announced_to_the_browser(site: Site, page: Any) -> None:
    page.goto(site.url + "/mps/Ian%20Lavery")
    href = page.locator('link[rel=alternate][type="application/atom+xml"]').get_attribute("href")
    assert href == "/mps/Ian%20Lavery/feed.atom"
    response = page.request.get(site.url + href)
    assert response.ok
    assert "<feed" in response.text()
