"""Saved alerts end to end: a user saves a search in a real browser (Debian's Chromium driven
by Playwright), the real daemon sends the alert through a local SMTP server, and the
unsubscribe link from that email, opened in the browser, stops the next one."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from conftest import Entry, basic_config, rss, write_config
from support.browser import BROWSER_MARKS, address_of, chromium, loopback_socket, served
from support.httpserver import FixtureServer
from support.mail import from_bytes
from support.process import Daemon
from support.smtpsink import SmtpSink
from test_alerts import DECLINES, RESIGNS

from watcher.config import load_config
from watcher.passwords import hash_password
from watcher.web import create_app

pytestmark = BROWSER_MARKS


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with chromium() as launched:
        yield launched


def post(server: FixtureServer, *posts: tuple[str, str]) -> None:
    """Ian Lavery's feed with these posts (key, text), the first the newest, all from the last
    few minutes."""
    now = datetime.now(UTC)
    entries = [
        Entry(f"Post {key}", text, key, f"https://lavery.example/{key}", now - timedelta(minutes=i))
        for i, (key, text) in enumerate(posts, start=1)
    ]
    server.set_feed("/lavery.xml", rss(entries))


def to_whom(sink: SmtpSink) -> list[str]:
    return sorted(str(m.message["To"]) for m in sink.messages)


def test_a_saved_search_is_received_and_its_link_unsubscribes(
    tmp_path: Path, http_server: FixtureServer, smtp_server: SmtpSink, browser: Any
) -> None:
    sock = loopback_socket()
    site = address_of(sock)
    post(http_server)
    path = basic_config(
        tmp_path,
        mp_feeds=[http_server.url("/lavery.xml")],
        smtp_port=smtp_server.port,
        interval="2s",
    )
    users = f'  users:\n    - {{name: alice, password_hash: "{hash_password("alice-pw")}"}}\n'
    write_config(tmp_path, path.read_text() + f'web:\n  base_url: "{site}"\n{users}')
    config = load_config(path, {})
    context = browser.new_context(http_credentials={"username": "alice", "password": "alice-pw"})
    page = context.new_page()
    page.set_default_timeout(10_000)
    with Daemon(path) as daemon, served(create_app(config), sock):
        daemon.wait_for_log("status=ok", timeout=15)
        page.goto(f"{site}/?mp=Ian+Lavery")
        page.fill("form.save-alert input[name=name]", "Lavery watch")
        page.fill("form.save-alert input[name=address]", "me@example.org")
        page.click("form.save-alert button[type=submit]")
        page.wait_for_url("**/alerts#alert-1")
        assert "Lavery watch" in page.inner_text("[data-alert='1']")

        post(http_server, ("declines", DECLINES))
        smtp_server.wait_for(2, timeout=20)
        assert to_whom(smtp_server) == ["desk@example.org", "me@example.org"]
        mine = next(m for m in smtp_server.messages if m.message["To"] == "me@example.org")
        email = from_bytes(mine.raw)
        plain = email.get_body(("plain",))
        assert plain is not None
        assert "the watcher subscription “Lavery watch”" in plain.get_content()
        link = email["List-Unsubscribe"].split(", ")[0].strip("<>")
        assert link.startswith(f"{site}/unsubscribe?s=saved+alert+1&to=me%40example.org&t=")
        assert email["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"

        page.goto(link)
        page.click("form.unsubscribe button[type=submit]")
        assert "will get nothing more from “Lavery watch”" in page.inner_text("main")

        post(http_server, ("resigns", RESIGNS), ("declines", DECLINES))
        smtp_server.wait_for(3, timeout=20)
        polls = daemon.count("poll source=")
        daemon.wait_for_log("poll source=", timeout=15, times=polls + 2)  # time to send more
        assert daemon.stop() == 0
    context.close()
    assert to_whom(smtp_server) == ["desk@example.org", "desk@example.org", "me@example.org"]
