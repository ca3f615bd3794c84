"""A public Telegram channel as a source: its `t.me/s/NAME` page, served by a real local HTTP
server, through the real pipeline into a real archive; and the alert it makes."""

from __future__ import annotations

import asyncio
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from conftest import LAVERY_YAML, load, write_config
from support.httpserver import FixtureServer
from support.polling import Clock, polling, query

from watcher.config import Config
from watcher.models import Message, PollOutcome
from watcher.notify.render import render_message
from watcher.pipeline import poll_source

pytestmark = pytest.mark.timeout(30)

PAGE = Path(__file__).parent / "fixtures" / "telegram" / "ianlavery_mp.html"
HTML = "text/html; charset=utf-8"
T0 = datetime(2020, 1, 7, 11, 0, tzinfo=UTC)
CONFIG = (
    "settings:\n  archive: watcher.db\n  interval: 5m\n  timeout: 2s\n  retries: 0\n"
    f"mps:\n{LAVERY_YAML}    sources:\n      - {{kind: telegram, channel: '@ianlavery_mp'}}\n"
    "notify:\n  subscriptions:\n    - {to: desk@example.org, mps: all, kinds: all}\n"
)


def served_config(tmp_path: Path, server: FixtureServer) -> Config:
    """The channel as sources.yaml gives it, fetched from the local server instead of t.me."""
    config = load(write_config(tmp_path, CONFIG))
    (source,) = config.sources
    assert (source.kind, source.url, source.mp) == (
        "telegram",
        "https://t.me/s/ianlavery_mp",
        "Ian Lavery",
    )
    server.set_feed("/s/ianlavery_mp", PAGE.read_text(encoding="utf-8"), content_type=HTML)
    return replace(config, sources=(replace(source, url=server.url("/s/ianlavery_mp")),))


def poll(config: Config) -> tuple[PollOutcome, list[Message]]:
    async def scenario() -> tuple[PollOutcome, list[Message]]:
        async with polling(config, Clock(T0)) as ctx:
            outcome = await poll_source(config.sources[0], ctx)
            return outcome, ctx.archive.due_messages(T0)

    return asyncio.run(scenario())


def test_a_channel_s_messages_are_the_mp_s_own_words(
    tmp_path: Path, http_server: FixtureServer
) -> None:
    config = served_config(tmp_path, http_server)
    outcome, messages = poll(config)

    # The notice, the photo and the forwarded post are not items; the reply's quote is not
    # the reply's text.
    assert (outcome.status, outcome.new_items) == ("ok", 2)
    items = query(config.archive_path, "SELECT key, url, published_at, text FROM items")
    assert [(key, url, at) for key, url, at, _ in items] == [
        ("https://t.me/ianlavery_mp/4", "https://t.me/ianlavery_mp/4", "2020-01-06T23:10:00+00:00"),
        ("https://t.me/ianlavery_mp/5", "https://t.me/ianlavery_mp/5", "2020-01-07T10:05:00+00:00"),
    ]
    assert items[0][3].startswith("While I am honoured, I will not be standing")
    assert "honoured" not in items[1][3]
    assert "another MP" not in " ".join(text for *_, text in items)

    statements = query(
        config.archive_path, "SELECT kind, target, verbatim FROM statements ORDER BY id"
    )
    assert ("leadership_declined", "Labour leader", 1) in statements
    assert ("endorsement", "Rebecca Long Bailey", 1) in statements

    (alert,) = [m for m in messages if m.kind == "alert" and m.reports[0].kind != "statement"]
    assert all(r.own and r.source_kind == "telegram" for r in alert.reports)
    email = render_message(alert, "w@example.org", ZoneInfo("Europe/London"), T0)
    plain = email.get_body(("plain",))
    assert plain is not None
    text = plain.get_content()
    assert "Ian Lavery, Labour MP for Blyth and Ashington, wrote on his Telegram" in text
    assert "Read on Telegram: https://t.me/ianlavery_mp/4" in text


def test_the_channel_page_read_again_adds_nothing(
    tmp_path: Path, http_server: FixtureServer
) -> None:
    config = served_config(tmp_path, http_server)
    source = config.sources[0]
    clock = Clock(T0)

    async def scenario() -> list[PollOutcome]:
        async with polling(config, clock) as ctx:
            first = await poll_source(source, ctx)
            # The same page from a server that sends no validators: the same body is not
            # read again, and nothing is new.
            headers = {"Content-Type": HTML}
            http_server.set_response("/s/ianlavery_mp", 200, PAGE.read_bytes(), headers)
            clock.advance(minutes=6)
            return [first, await poll_source(source, ctx)]

    first, second = asyncio.run(scenario())
    assert (first.new_items, first.alerts) == (2, 2)
    assert (second.status, second.new_items, second.new_statements, second.alerts) == (
        "not_modified",
        0,
        0,
        0,
    )
