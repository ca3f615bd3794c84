"""What the daemon and a cron round say in their log: where they work, which source failed
and at what address, and when every source fails at once."""

from __future__ import annotations

import asyncio
import logging
import time
from pathlib import Path

import pytest
from conftest import basic_config, load, rss
from support.httpserver import FixtureServer

from watcher.scheduler import OFFLINE, run_daemon, run_once

UNRESOLVED = ("http://nowhere.invalid/feed.xml", "http://elsewhere.invalid/news.xml")


def _daemon_for(config_path: Path, seconds: float) -> None:
    async def go() -> None:
        stop = asyncio.Event()
        asyncio.get_running_loop().call_later(seconds, stop.set)
        await run_daemon(load(config_path), stop)

    asyncio.run(go())


def test_the_start_line_names_the_config_archive_and_outbox(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    path = basic_config(tmp_path)
    caplog.set_level(logging.INFO, logger="watcher")
    _daemon_for(path, 0.2)
    [line] = [r.getMessage() for r in caplog.records if "watcher running" in r.getMessage()]
    assert line == (
        f"watcher running: 0 sources from {path}, archive {tmp_path / 'watcher.db'},"
        f" alerts as .eml files in {tmp_path / 'outbox'}; Ctrl-C to stop"
    )


def test_the_start_line_names_the_smtp_server(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    path = basic_config(tmp_path, smtp_port=2525)
    caplog.set_level(logging.INFO, logger="watcher")
    _daemon_for(path, 0.2)
    assert "alerts by SMTP through 127.0.0.1:2525; Ctrl-C to stop" in caplog.text


def test_a_name_that_does_not_resolve_fails_the_poll_at_once_and_says_where(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    path = basic_config(tmp_path, news_feeds=UNRESOLVED, extra_settings="retries: 3")
    caplog.set_level(logging.INFO, logger="watcher")
    started = time.monotonic()
    assert asyncio.run(run_once(load(path))) == 1
    assert time.monotonic() - started < 3  # with three retries and backoff: 8 s or more
    failures = [r.getMessage() for r in caplog.records if "status=error" in r.getMessage()]
    assert len(failures) == 2
    for url in UNRESOLVED:
        [line] = [f for f in failures if f.endswith(f"url={url}")]
        assert "does not resolve" in line
    assert [r.getMessage() for r in caplog.records].count(OFFLINE) == 1


def test_one_failing_source_among_healthy_ones_is_no_network_problem(
    tmp_path: Path, http_server: FixtureServer, caplog: pytest.LogCaptureFixture
) -> None:
    http_server.set_feed("/good.xml", rss([]))
    feeds = [http_server.url("/good.xml"), UNRESOLVED[0]]
    path = basic_config(tmp_path, news_feeds=feeds)
    caplog.set_level(logging.INFO, logger="watcher")
    assert asyncio.run(run_once(load(path))) == 1
    assert OFFLINE not in caplog.text


def test_the_daemon_says_once_that_every_source_failed(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    path = basic_config(tmp_path, news_feeds=UNRESOLVED, interval="1s")
    caplog.set_level(logging.INFO, logger="watcher")
    _daemon_for(path, 2.5)
    failures = [r for r in caplog.records if "status=error" in r.getMessage()]
    assert len(failures) >= 2
    assert [r.getMessage() for r in caplog.records].count(OFFLINE) == 1
