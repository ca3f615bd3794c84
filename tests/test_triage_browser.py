"""Setting a statement's status and note in a real browser (Debian's Chromium driven by
Playwright), logged in with HTTP Basic auth, over the triage desk's archive."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from support.browser import BROWSER_MARKS, chromium, served
from support.triage_desk import BID, build_triage_desk, statement_id

from watcher.config import Config
from watcher.passwords import hash_password
from watcher.web import create_app

pytestmark = BROWSER_MARKS


@pytest.fixture(scope="module")
def desk(tmp_path_factory: pytest.TempPathFactory) -> Config:
    web = f'web:\n  users:\n    - {{name: alice, password_hash: "{hash_password("alice-pw")}"}}\n'
    return build_triage_desk(tmp_path_factory.mktemp("triage-browser"), web)


@pytest.fixture(scope="module")
def site(desk: Config) -> Iterator[str]:
    with served(create_app(desk)) as url:
        yield url


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with chromium() as launched:
        yield launched


def test_an_editor_sets_a_status_and_a_note_and_sees_them(
    desk: Config, site: str, browser: Any, tmp_path: Path
) -> None:
    bid = statement_id(desk, BID)
    context = browser.new_context(http_credentials={"username": "alice", "password": "alice-pw"})
    page = context.new_page()
    page.set_default_timeout(10_000)
    try:
        page.goto(f"{site}/statements/{bid}")
        assert page.inner_text("#status p.status").startswith("new")
        page.select_option("select[name=status]", "dismissed")
        page.select_option("select[name=reason]", "wrong_kind")
        page.select_option("select[name=kind]", "statement")
        page.fill("textarea[name=note]", "Only musing <b>aloud</b>")
        page.click(".status-form button[type=submit]")
        page.wait_for_url(f"**/statements/{bid}#status")
        shown = page.inner_text("#status p.status")
        assert shown.startswith("dismissed (wrong kind: should be statement), set by alice")
        assert page.inner_text(".status-note") == "Only musing <b>aloud</b>"
        page.screenshot(path=tmp_path / "statement_status.png", full_page=True)

        page.goto(f"{site}/?status=dismissed")
        assert page.locator("article.card").count() == 1
        assert page.inner_text("article.card .status") == "dismissed"
    finally:
        context.close()


def test_the_page_of_someone_without_the_password_stays_shut(site: str, browser: Any) -> None:
    context = browser.new_context(http_credentials={"username": "alice", "password": "wrong"})
    page = context.new_page()
    try:
        response = page.goto(f"{site}/statements/1")
        assert response is not None
        assert response.status == 401
    finally:
        context.close()
