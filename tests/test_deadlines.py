"""Deadlines: a host that trickles a byte at a time ends in an error, not a silent desk.

Every test talks to the real local HTTP server, whose trickling routes send one byte every
tenth of a second: httpx's per-read timeout never fires on them, only the watcher's deadlines.
Time bounds are generous on purpose; without the deadline each of these runs for minutes.
"""

from __future__ import annotations

import asyncio
import sqlite3
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from conftest import Entry, basic_config, load, rss
from support.httpserver import FixtureServer
from support.polling import Clock, polling

from watcher.archive import Archive
from watcher.config import Config, Settings
from watcher.errors import DeadlineError, FetchError, TransportError
from watcher.fetch import Fetcher, make_client
from watcher.models import PollOutcome, Source
from watcher.pipeline import poll_source

pytestmark = pytest.mark.timeout(30)

SLOW_FEED = rss([Entry("Slow", "A feed that takes minutes to arrive. " * 20, guid="slow-1")])
STATEMENT = "I will not be standing in the leadership contest."


def settings(**values: object) -> Settings:
    base: dict[str, object] = {"timeout": 1, "retries": 0}
    base.update(values)
    return Settings.model_validate(base)


async def no_wait(seconds: float) -> None:
    """Backoff that does not wait, so retries cost only their requests."""


def fetch_error(config: Settings, url: str) -> tuple[FetchError, float]:
    """Fetch `url`, which must fail; the error and how long it took."""

    async def go() -> None:
        async with make_client(config) as client:
            await Fetcher(client, config, sleep=no_wait).fetch(url)

    started = time.monotonic()
    with pytest.raises(FetchError) as caught:
        asyncio.run(go())
    return caught.value, time.monotonic() - started


def source_row(config: Config, source: Source) -> dict[str, Any]:
    with sqlite3.connect(config.archive_path) as conn:
        conn.row_factory = sqlite3.Row
        row = conn.execute("SELECT * FROM sources WHERE url = ?", [source.url]).fetchone()
    assert row is not None
    return dict(row)


# --- one request ------------------------------------------------------------------------------


@pytest.mark.parametrize("headers", [True, False], ids=["headers", "body"])
def test_a_trickling_response_fails_with_the_deadline_error(
    http_server: FixtureServer, headers: bool
) -> None:
    http_server.set_trickle("/slow.xml", SLOW_FEED, headers=headers)
    url = http_server.url("/slow.xml")

    error, took = fetch_error(settings(request_deadline="2s"), url)

    assert isinstance(error, DeadlineError)
    assert isinstance(error, TransportError)  # retried like any timeout
    assert url in str(error)
    assert "2s deadline" in str(error)
    assert took < 10


def test_the_default_deadline_is_three_read_timeouts(http_server: FixtureServer) -> None:
    http_server.set_trickle("/slow.xml", SLOW_FEED)
    config = settings()
    assert config.deadline == 3

    error, took = fetch_error(config, http_server.url("/slow.xml"))

    assert isinstance(error, DeadlineError)
    assert "3s deadline" in str(error)
    assert took < 10


def test_a_request_over_its_deadline_is_retried(http_server: FixtureServer) -> None:
    http_server.set_trickle("/slow.xml", SLOW_FEED)

    config = settings(retries=1, request_deadline="1s")
    error, took = fetch_error(config, http_server.url("/slow.xml"))

    assert isinstance(error, DeadlineError)
    assert len(http_server.requests_for("/slow.xml")) == 2
    assert took < 10


# --- one poll ---------------------------------------------------------------------------------


def one_source(tmp_path: Path, url: str, settings_text: str) -> tuple[Config, Source]:
    config = load(basic_config(tmp_path, news_feeds=[url], extra_settings=settings_text))
    (source,) = config.sources
    return config, source


def poll(config: Config, source: Source) -> tuple[PollOutcome, float]:
    async def go() -> PollOutcome:
        async with polling(config, Clock(datetime.now(UTC))) as ctx:
            return await poll_source(source, ctx)

    started = time.monotonic()
    outcome = asyncio.run(go())
    return outcome, time.monotonic() - started


def health(config: Config, source: Source) -> tuple[str | None, str | None]:
    archive = Archive(config.archive_path)
    try:
        (found,) = archive.source_health([source])
    finally:
        archive.close()
    return found.last_status, found.last_error


def test_a_poll_over_the_deadline_is_recorded_as_the_sources_error(
    tmp_path: Path, http_server: FixtureServer
) -> None:
    http_server.set_trickle("/slow.xml", SLOW_FEED, headers=True)
    config, source = one_source(tmp_path, http_server.url("/slow.xml"), "timeout: 1s")

    outcome, took = poll(config, source)

    assert outcome.status == "error"
    assert outcome.error is not None
    assert "3s deadline" in outcome.error
    assert took < 10
    status, error = health(config, source)
    assert status == "error"
    assert error == outcome.error
    assert source_row(config, source)["consecutive_failures"] == 1
