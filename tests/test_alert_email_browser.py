"""The alert email's HTML part as a reader sees it: Debian's Chromium driven by Playwright
(never a downloaded browser) shows the part exactly as the watcher sends it, with every
request it would make refused and recorded.

`WATCHER_SCREENSHOTS=1 pytest tests/test_alert_email_browser.py` also writes
docs/alert_email.png, the picture in the README; without it the test only checks.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from support.alerts import SWITCH_ALERT
from support.browser import BROWSER_MARKS, chromium
from support.mail import parts, reparsed

from watcher.notify.render import render_message

pytestmark = BROWSER_MARKS

SCREENSHOT = Path(__file__).parent.parent / "docs" / "alert_email.png"
NOW = datetime(2026, 12, 5, 16, 34, tzinfo=UTC)


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with chromium() as launched:
        yield launched


def html_part() -> str:
    email = render_message(
        SWITCH_ALERT, "Watcher <alerts@example.org>", ZoneInfo("Europe/London"), NOW
    )
    return parts(reparsed(email))[1]


def test_the_alert_email_reads_well_and_fetches_nothing(browser: Any) -> None:
    context = browser.new_context(viewport={"width": 760, "height": 400})  # the page grows
    page = context.new_page()
    page.set_default_timeout(10_000)
    requests: list[str] = []

    def refuse(route: Any) -> None:
        requests.append(route.request.url)
        route.abort()

    page.route("**/*", refuse)
    page.set_content(html_part(), wait_until="load")

    assert requests == []  # no image, font or stylesheet to fetch
    links = page.locator("a")
    words = [links.nth(i).inner_text() for i in range(links.count())]
    assert words == [
        "Read in The Westminster Courier",
        "Open in the archive",
        "Open in the archive",
    ]
    assert all(not w.startswith("http") for w in words)
    assert page.locator("blockquote").inner_text().startswith("“I will now be backing")
    assert "Reversal: on Friday 4 December 2026" in page.inner_text("body")
    assert "said at 15:45 GMT on Saturday 5 December 2026" in page.inner_text("body")

    card = page.locator("table table").first.bounding_box()
    assert card is not None
    assert card["width"] <= 602  # the card keeps to its 600 pixels (and its border)
    assert page.evaluate("document.documentElement.scrollWidth") <= 760  # no sideways scroll

    if os.environ.get("WATCHER_SCREENSHOTS"):
        SCREENSHOT.parent.mkdir(exist_ok=True)
        page.screenshot(path=str(SCREENSHOT), full_page=True)
    context.close()


def test_on_a_phone_the_card_fits_the_screen(browser: Any) -> None:
    context = browser.new_context(viewport={"width": 375, "height": 800})
    page = context.new_page()
    page.set_content(html_part(), wait_until="load")
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    context.close()
