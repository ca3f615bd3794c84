"""Deadlines: a host that trickles a byte at a time ends in an error, not a silent desk.

Every test talks to the real local HTTP server, whose trickling routes send one byte every
tenth of a second: httpx's per-read timeout never fires on them, only the watcher's deadlines.
Time bounds are generous on purpose; without the deadlines each of these runs for minutes.
"""

from __future__ import annotations

import asyncio
import sqlite3
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from conftest import Entry, basic_config, load, minutes_ago, rss
from support.httpserver import FixtureServer
from support.polling import Clock, polling
from support.process import Daemon
from support.smtpsink import SmtpSink

from watcher.archive import Archive
from watcher.config import Config, Settings
from watcher.errors import DeadlineError, FetchError, TransportError
from watcher.fetch import Fetcher, make_client
from watcher.models import PollOutcome, Source
from watcher.pipeline import poll_source
from watcher.scheduler import run_once

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


def test_a_poll_over_its_budget_is_cut_off_and_recorded(
    tmp_path: Path, http_server: FixtureServer
) -> None:
    http_server.set_trickle("/slow.xml", SLOW_FEED)
    budget = "timeout: 1s\nrequest_deadline: 1s\nretries: 5\npoll_budget: 2s"
    config, source = one_source(tmp_path, http_server.url("/slow.xml"), budget)

    outcome, took = poll(config, source)

    assert outcome.status == "error"
    assert outcome.error is not None
    assert "2s budget" in outcome.error
    assert source.url in outcome.error
    assert took < 10  # six tries of a second each, and their backoff, would take far longer
    status, error = health(config, source)
    assert (status, error) == ("error", outcome.error)
    assert source_row(config, source)["next_check_at"] is not None


def test_slow_linked_articles_wait_and_the_poll_is_still_recorded(
    tmp_path: Path, http_server: FixtureServer
) -> None:
    http_server.set_trickle("/article", SLOW_FEED)
    feed = rss([Entry("Linked", "", guid="a1", link=http_server.url("/article"))])
    http_server.set_feed("/feed.xml", feed)
    text = "timeout: 1s\nrequest_deadline: 1s\nretries: 5\npoll_budget: 3s"
    path = basic_config(tmp_path, news_feeds=[http_server.url("/feed.xml")], extra_settings=text)
    path.write_text(path.read_text().replace("kind: feed,", "kind: feed, fetch_articles: true,"))
    config = load(path)
    (source,) = config.sources
    assert source.fetch_articles

    outcome, took = poll(config, source)

    assert (outcome.status, outcome.error, outcome.new_items) == ("ok", None, 0)
    assert took < 10
    row = source_row(config, source)
    assert (row["last_status"], row["etag"]) == ("ok", None)  # read in full next time


# --- one round and the daemon -------------------------------------------------------------------


def good_and_slow(
    tmp_path: Path, server: FixtureServer, smtp: SmtpSink, settings_text: str, interval: str
) -> Path:
    server.set_feed("/good.xml", rss([Entry("Post", STATEMENT, "p1", None, minutes_ago(1))]))
    server.set_trickle("/slow.xml", SLOW_FEED, headers=True)
    return basic_config(
        tmp_path,
        mp_feeds=[server.url("/good.xml")],
        news_feeds=[server.url("/slow.xml")],
        smtp_port=smtp.port,
        interval=interval,
        extra_settings=settings_text,
    )


def test_a_round_delivers_the_good_sources_alert_while_a_slow_one_polls(
    tmp_path: Path, http_server: FixtureServer, smtp_server: SmtpSink
) -> None:
    settings_text = "timeout: 1s\nrequest_deadline: 3s"
    config = load(good_and_slow(tmp_path, http_server, smtp_server, settings_text, "5m"))

    async def round_() -> tuple[int, bool]:
        task = asyncio.create_task(run_once(config, Clock(datetime.now(UTC))))
        while not smtp_server.messages and not task.done():
            await asyncio.sleep(0.05)
        still_polling = not task.done()
        return await task, still_polling

    started = time.monotonic()
    status, delivered_before_the_round_ended = asyncio.run(round_())

    assert time.monotonic() - started < 10
    assert status == 1
    assert delivered_before_the_round_ended
    (mail,) = smtp_server.messages
    assert "Ian Lavery" in str(mail.message["Subject"])
    slow = next(s for s in config.sources if s.url.endswith("/slow.xml"))
    status_text, error = health(config, slow)
    assert status_text == "error"
    assert error is not None
    assert "3s deadline" in error


@pytest.mark.slow
def test_the_daemons_job_for_a_slow_source_ends_and_runs_again(
    tmp_path: Path, http_server: FixtureServer, smtp_server: SmtpSink
) -> None:
    settings_text = "timeout: 1s\nrequest_deadline: 1s"
    config = good_and_slow(tmp_path, http_server, smtp_server, settings_text, "2s")
    with Daemon(config) as daemon:
        smtp_server.wait_for(1, timeout=10)
        daemon.wait_for_log("slow.xml' status=error", timeout=20, times=2)
        assert "1s deadline" in daemon.log()
        assert "maximum number of running instances" not in daemon.log()
        assert daemon.stop() == 0
