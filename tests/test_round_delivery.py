"""A round for cron sends everything due before it ends, however much its polls queued.

A real `run_once` over a real local HTTP server and a real SMTP server (aiosmtpd).
"""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime
from pathlib import Path

import pytest
from conftest import Entry, basic_config, load, rss
from support.httpserver import FixtureServer
from support.polling import query
from support.smtpsink import SmtpSink

from watcher.archive import open_archive
from watcher.archive.outbox import NewMessage
from watcher.notify import deliver
from watcher.scheduler import run_once

pytestmark = pytest.mark.timeout(120)

WAITING = 450  # more than the first and the last delivery of a round send between them


def test_a_round_sends_more_than_one_delivery_takes(
    tmp_path: Path, http_server: FixtureServer, smtp_server: SmtpSink
) -> None:
    http_server.set_feed("/news.rss", rss([Entry("Weather", "Rain later.", guid="w")]))
    path = basic_config(
        tmp_path, news_feeds=[http_server.url("/news.rss")], smtp_port=smtp_server.port
    )
    config = load(path)
    archive = open_archive(config.archive_path, config.mps, config.sources)
    notices = [
        NewMessage("notice", "email", "desk@example.org", "desk", f"n{n}", f"Notice {n}", "Hi")
        for n in range(WAITING)
    ]
    archive.queue_messages(notices, datetime.now(UTC), deliver.queue_policy(config.notify))
    archive.close()

    assert asyncio.run(run_once(config)) == 0

    assert len(smtp_server.wait_for(WAITING)) == WAITING
    pending = "SELECT count(*) FROM outbox WHERE status != 'sent'"
    assert query(config.archive_path, pending) == [(0,)]
