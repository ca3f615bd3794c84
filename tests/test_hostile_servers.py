"""Servers that answer badly: each failure is recorded on its source, with a clear error, and
the other sources' alerts still go out."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest
from conftest import Entry, basic_config, load, minutes_ago, rss
from support.httpserver import FixtureServer
from test_fetch import RecordedSleep, fetch, settings

from watcher.archive import Archive
from watcher.errors import TransportError
from watcher.scheduler import run_once

pytestmark = pytest.mark.timeout(30)

GOOD = rss(
    [Entry("Post", "I will not be standing.", "p1", "http://example.org/p1", minutes_ago(1))]
)
HTML = b"<!DOCTYPE html><html><head><title>The Outlet</title></head><body><p>News.</p></body>"


def test_a_body_cut_off_before_its_declared_length_is_a_transport_error_and_retried(
    http_server: FixtureServer,
) -> None:
    http_server.set_response("/cut", 200, b"<rss><channel>" * 10, {"Content-Length": "100000"})
    sleep = RecordedSleep()

    with pytest.raises(TransportError, match="RemoteProtocolError"):
        fetch(settings(retries=1), http_server.url("/cut"), sleep=sleep)

    assert len(sleep.waits) == 1
    assert len(http_server.requests_for("/cut")) == 2


@pytest.mark.parametrize(
    ("body", "headers", "error"),
    [
        (HTML, {"Content-Type": "text/html"}, "not a readable feed"),
        (b"", {"Content-Type": "application/rss+xml"}, "not a feed"),
    ],
)
def test_a_feed_source_that_is_no_feed_is_an_error_on_it_alone(
    tmp_path: Path,
    http_server: FixtureServer,
    body: bytes,
    headers: dict[str, str],
    error: str,
) -> None:
    http_server.set_response("/bad.xml", 200, body, headers)
    http_server.set_feed("/good.xml", GOOD)
    path = basic_config(
        tmp_path, mp_feeds=[http_server.url("/good.xml")], news_feeds=[http_server.url("/bad.xml")]
    )
    config = load(path)

    assert asyncio.run(run_once(config)) == 1  # a source failed

    archive = Archive(config.archive_path)
    try:
        health = {h.url: h for h in archive.source_health(config.sources)}
    finally:
        archive.close()
    bad, good = health[http_server.url("/bad.xml")], health[http_server.url("/good.xml")]
    assert error in (bad.last_error or "")
    assert bad.consecutive_failures == 1
    assert (good.last_error, good.items) == (None, 1)
    assert len(list((tmp_path / "outbox").glob("*.eml"))) == 1  # the good source's alert
