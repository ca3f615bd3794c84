"""Claimed polls: two processes on one archive (a cron round beside the daemon) never poll one
source at once, and a claim left by a process that died lapses.

Each poller here has its own `Archive` (its own SQLite connection) on one file, and the feed
comes from a real local HTTP server that answers slowly, so that the two polls overlap.
"""

from __future__ import annotations

import asyncio
import socket
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from conftest import Entry, basic_config, load, rss
from support.httpserver import FixtureServer
from support.polling import Clock, counts, polling

from watcher.archive import Archive
from watcher.config import Config
from watcher.pipeline import CLAIM_SLACK, poll_source

pytestmark = pytest.mark.timeout(60)

T0 = datetime(2024, 6, 3, 9, 0, tzinfo=UTC)
FEED = "/lavery.rss"


@pytest.fixture
def config(tmp_path: Path, http_server: FixtureServer) -> Config:
    entries = [
        Entry(
            title="Statement",
            description=f'Ian Lavery said: "Point number {n} matters."',
            guid=f"post-{n}",
        )
        for n in range(3)
    ]
    http_server.set_feed(FEED, rss(entries))
    return load(basic_config(tmp_path, mp_feeds=[http_server.url(FEED)]))


async def _overlapping_polls(config: Config) -> list[str]:
    clock = Clock(T0)
    async with polling(config, clock) as first, polling(config, clock) as second:
        source = config.sources[0]
        outcomes = await asyncio.gather(poll_source(source, first), poll_source(source, second))
    return sorted(o.status for o in outcomes)


def test_two_pollers_on_one_archive_fetch_a_source_once(
    config: Config, http_server: FixtureServer
) -> None:
    http_server.set_delay(FEED, 0.5)

    statuses = asyncio.run(_overlapping_polls(config))

    assert statuses == ["ok", "skipped"]
    assert len(http_server.requests_for(FEED)) == 1
    assert counts(config.archive_path)["items"] == 3


def test_a_claim_is_given_back_after_the_poll(config: Config, http_server: FixtureServer) -> None:
    async def two_in_turn() -> list[str]:
        clock = Clock(T0)
        async with polling(config, clock) as first, polling(config, clock) as second:
            source = config.sources[0]
            done = [await poll_source(source, first)]
            clock.advance(minutes=5)  # the next round
            done.append(await poll_source(source, second))
        return [o.status for o in done]

    assert asyncio.run(two_in_turn()) == ["ok", "not_modified"]
    assert len(http_server.requests_for(FEED)) == 2


def _claim_as_another_process(
    config: Config, until: datetime, owner: str = "other-host:1:abc"
) -> None:
    archive = Archive(config.archive_path)
    try:
        archive.sync_config(config.mps, config.sources)
        state = archive.source_state(config.sources[0])
        assert archive.claim_poll(state, owner, T0 - timedelta(minutes=5), until)
    finally:
        archive.close()


def _poll_once(config: Config) -> str:
    async def poll() -> str:
        async with polling(config, Clock(T0)) as ctx:
            return (await poll_source(config.sources[0], ctx)).status

    return asyncio.run(poll())


def test_a_live_claim_of_another_process_is_respected(
    config: Config, http_server: FixtureServer
) -> None:
    _claim_as_another_process(config, until=T0 + timedelta(seconds=CLAIM_SLACK))

    assert _poll_once(config) == "skipped"
    assert http_server.requests_for(FEED) == []


def test_the_claim_of_a_process_that_died_lapses(
    config: Config, http_server: FixtureServer
) -> None:
    _claim_as_another_process(config, until=T0 - timedelta(seconds=1))

    assert _poll_once(config) == "ok"
    assert len(http_server.requests_for(FEED)) == 1


def _a_finished_process_on_this_host() -> str:
    child = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"],
        capture_output=True,
        text=True,
        check=True,
    )
    return f"{socket.gethostname()}:{child.stdout.strip()}:abc"


def test_the_claim_of_a_killed_process_on_this_host_is_taken_at_once(
    config: Config, http_server: FixtureServer
) -> None:
    owner = _a_finished_process_on_this_host()
    _claim_as_another_process(config, until=T0 + timedelta(hours=1), owner=owner)

    assert _poll_once(config) == "ok"
    assert len(http_server.requests_for(FEED)) == 1


def test_the_claim_of_a_running_process_on_this_host_is_respected(
    config: Config, http_server: FixtureServer
) -> None:
    with subprocess.Popen([sys.executable, "-c", "import time; time.sleep(30)"]) as running:
        try:
            owner = f"{socket.gethostname()}:{running.pid}:abc"
            _claim_as_another_process(config, until=T0 + timedelta(hours=1), owner=owner)
            assert _poll_once(config) == "skipped"
        finally:
            running.kill()
    assert http_server.requests_for(FEED) == []
