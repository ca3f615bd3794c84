"""End to end: the real `watcher` process, a real HTTP server, a real SMTP server."""

from __future__ import annotations

import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import Entry, basic_config, minutes_ago, rss
from support.httpserver import FixtureServer
from support.process import Daemon, plain_text, wait_until, watcher, watcher_json
from support.smtpsink import SmtpSink

pytestmark = pytest.mark.slow

REPO = Path(__file__).resolve().parent.parent


def wait_for_empty_outbox(config: Path) -> None:
    def empty() -> bool:
        return bool(watcher_json("outbox", "-c", str(config), cwd=config.parent) == [])

    wait_until(empty, timeout=10, what="an empty outbox")


def lavery_post(n: int, text: str = "I will not be standing in the leadership contest.") -> Entry:
    return Entry(f"Post {n}", text, f"post-{n}", f"http://example.org/post-{n}", minutes_ago(1))


def test_new_item_is_alerted_then_found_and_never_sent_twice(
    tmp_path: Path, http_server: FixtureServer, smtp_server: SmtpSink
) -> None:
    old = Entry("Old", "An old post.", "old-1", "http://example.org/old", minutes_ago(3 * 24 * 60))
    http_server.set_feed("/lavery.xml", rss([old]))
    config = basic_config(
        tmp_path,
        mp_feeds=[http_server.url("/lavery.xml")],
        smtp_port=smtp_server.port,
        interval="2s",
    )
    with Daemon(config) as daemon:
        daemon.wait_for_log("status=ok new_items=1", timeout=15)
        assert smtp_server.messages == []  # a first poll does not alert on old items

        http_server.set_feed("/lavery.xml", rss([lavery_post(1), old]))
        mail = smtp_server.wait_for(1, timeout=2 + 5)[0].message
        assert "Ian Lavery" in str(mail["Subject"])
        plain = plain_text(mail)
        assert "I will not be standing in the leadership contest." in plain
        assert "http://example.org/post-1" in plain

        polls_before = daemon.count("poll source=")
        daemon.wait_for_log("poll source=", timeout=15, times=polls_before + 2)
        assert "status=not_modified" in daemon.log()
        assert len(smtp_server.messages) == 1

        found = watcher_json("search", "standing", "-c", str(config), cwd=tmp_path)
        assert [(hit["mp"], hit["url"]) for hit in found] == [
            ("Ian Lavery", "http://example.org/post-1")
        ]
        started = time.monotonic()
        assert daemon.stop(signal.SIGTERM) == 0
        assert time.monotonic() - started < 10


def test_conditional_get_sends_validators_and_handles_304(
    tmp_path: Path, http_server: FixtureServer
) -> None:
    http_server.set_feed("/feed.xml", rss([lavery_post(1)]))
    config = basic_config(tmp_path, mp_feeds=[http_server.url("/feed.xml")])
    for _ in range(2):
        result = watcher("run", "--once", "-c", str(config), cwd=tmp_path)
        assert result.returncode == 0, result.stderr
    first, second = http_server.requests_for("/feed.xml")
    assert "if-none-match" not in first.headers
    assert second.headers["if-none-match"].strip('"W/')
    assert second.headers["if-modified-since"].endswith("GMT")
    assert "status=not_modified" in result.stderr
    assert "watcher/" in second.headers["user-agent"]


def test_bad_sources_are_logged_and_shown_while_healthy_ones_alert(
    tmp_path: Path, http_server: FixtureServer, smtp_server: SmtpSink
) -> None:
    http_server.set_feed("/good.xml", rss([lavery_post(1)]))
    http_server.set_response("/error.xml", 500, b"oops")
    http_server.set_hang("/hang.xml", 30)
    http_server.set_huge("/huge.xml", 50 * 1024 * 1024)
    http_server.set_response("/garbage.xml", 200, b"\x00\xff<<not a feed>>" * 50)
    bad = ["/error.xml", "/hang.xml", "/huge.xml", "/garbage.xml"]
    config = basic_config(
        tmp_path,
        mp_feeds=[http_server.url("/good.xml")],
        news_feeds=[http_server.url(path) for path in bad],
        smtp_port=smtp_server.port,
        extra_settings="max_body: 1MB",
    )
    started = time.monotonic()
    result = watcher("run", "--once", "-c", str(config), cwd=tmp_path)
    assert result.returncode == 1
    assert time.monotonic() - started < 30
    assert len(smtp_server.wait_for(1, timeout=5)) == 1
    for path, reason in zip(bad, ["HTTP 500", "timed out", "cap", "not a"], strict=True):
        line = next(x for x in result.stderr.splitlines() if f"{path.strip('/')}'" in x)
        assert "status=error" in line, line
        assert reason in line, line
    health = {h["url"]: h for h in watcher_json("sources", "-c", str(config), cwd=tmp_path)}
    for path in bad:
        assert health[http_server.url(path)]["consecutive_failures"] == 1
        assert health[http_server.url(path)]["last_error"]
    assert health[http_server.url("/good.xml")]["last_status"] == "ok"


def test_smtp_outage_loses_nothing(tmp_path: Path, http_server: FixtureServer) -> None:
    smtp = SmtpSink()  # not started: the server is down
    http_server.set_feed("/lavery.xml", rss([lavery_post(1)]))
    config = basic_config(
        tmp_path, mp_feeds=[http_server.url("/lavery.xml")], smtp_port=smtp.port, interval="1m"
    )
    try:
        with Daemon(config) as daemon:
            daemon.wait_for_log("alert not delivered", timeout=15)
            pending = watcher_json("outbox", "-c", str(config), cwd=tmp_path)
            assert [(p["status"], p["recipient"]) for p in pending] == [
                ("failing", "desk@example.org")
            ]
            smtp.start()
            mail = smtp.wait_for(1, timeout=15)[0].message
            assert "Ian Lavery" in str(mail["Subject"])
            wait_for_empty_outbox(config)
            assert daemon.stop() == 0
        assert len(smtp.messages) == 1
    finally:
        smtp.stop()


def test_kill_mid_round_then_restart_sends_every_alert_once(
    tmp_path: Path, http_server: FixtureServer, smtp_server: SmtpSink
) -> None:
    for n in range(1, 4):
        http_server.set_feed(f"/feed{n}.xml", rss([lavery_post(n, f"Statement number {n}.")]))
    http_server.set_delay("/feed3.xml", 4)  # the round is still running when the others alert
    feeds = [http_server.url(f"/feed{n}.xml") for n in range(1, 4)]
    config = basic_config(
        tmp_path, mp_feeds=feeds, smtp_port=smtp_server.port, extra_settings="timeout: 10s"
    )
    with Daemon(config) as daemon:
        daemon.wait_for_log("alert sent", timeout=15, times=2)
        daemon.kill()  # feed 3 is still being fetched: the round is not over
    assert "feed 3)' status=ok" not in daemon.log()
    assert len(smtp_server.messages) == 2
    with Daemon(config, "restart.log") as restarted:
        smtp_server.wait_for(3, timeout=20)
        wait_for_empty_outbox(config)
        assert restarted.stop() == 0
    ids = [str(m.message["Message-ID"]) for m in smtp_server.messages]
    assert len(ids) == 3, ids
    assert len(set(ids)) == 3, ids
    bodies = sorted(plain_text(m.message) for m in smtp_server.messages)
    assert [f"Statement number {n}." in body for n, body in enumerate(bodies, 1)] == [True] * 3


def test_sigterm_during_a_hanging_fetch_exits_promptly(
    tmp_path: Path, http_server: FixtureServer
) -> None:
    http_server.set_hang("/hang.xml", 60)
    config = basic_config(
        tmp_path, news_feeds=[http_server.url("/hang.xml")], extra_settings="timeout: 60s"
    )
    with Daemon(config) as daemon:
        wait_until(lambda: http_server.requests_for("/hang.xml"), 15, "the hanging request")
        started = time.monotonic()
        assert daemon.stop(signal.SIGTERM) == 0
        assert time.monotonic() - started < 10
        assert "stopped" in daemon.log()
        assert "Traceback" not in daemon.log()  # the poll in flight was cut off cleanly
    with sqlite3.connect(tmp_path / "watcher.db") as db:
        claims = db.execute("SELECT polled_by FROM sources WHERE polled_by IS NOT NULL")
        assert claims.fetchall() == []  # and gave its source's claim back


def test_run_watcher_script_is_watcher_run(tmp_path: Path, http_server: FixtureServer) -> None:
    http_server.set_feed("/lavery.xml", rss([lavery_post(1)]))
    config = basic_config(tmp_path, mp_feeds=[http_server.url("/lavery.xml")])
    result = watcher_script("--once", "-c", str(config), cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    written = list((tmp_path / "outbox").glob("*.eml"))
    assert len(written) == 1
    assert "I will not be standing" in written[0].read_text()


def watcher_script(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(REPO / "run_watcher.py"), *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def test_kill_with_alerts_waiting_then_restart_delivers_them_once(
    tmp_path: Path, http_server: FixtureServer
) -> None:
    smtp = SmtpSink()  # down while the alerts are queued
    for n in (1, 2):
        http_server.set_feed(f"/feed{n}.xml", rss([lavery_post(n, f"Statement number {n}.")]))
    feeds = [http_server.url(f"/feed{n}.xml") for n in (1, 2)]
    config = basic_config(tmp_path, mp_feeds=feeds, smtp_port=smtp.port)
    try:
        with Daemon(config) as daemon:
            daemon.wait_for_log("alert not delivered", timeout=15, times=2)
            daemon.kill()
        smtp.start()
        with Daemon(config, "restart.log") as restarted:
            smtp.wait_for(2, timeout=20)
            wait_for_empty_outbox(config)
            assert restarted.stop() == 0
        assert "status=ok" not in restarted.log()  # nothing was polled again: it was all kept
        texts = sorted(plain_text(m.message) for m in smtp.messages)
        assert len(texts) == 2
        assert "Statement number 1." in texts[0]
        assert "Statement number 2." in texts[1]
    finally:
        smtp.stop()


def test_a_second_daemon_on_one_archive_refuses_and_cron_rounds_may_run_beside(
    tmp_path: Path, http_server: FixtureServer
) -> None:
    http_server.set_feed("/lavery.xml", rss([lavery_post(1)]))
    config = basic_config(tmp_path, mp_feeds=[http_server.url("/lavery.xml")], interval="2s")
    with Daemon(config) as first:
        first.wait_for_log("status=ok", timeout=15)
        second = watcher("run", "-c", str(config), cwd=tmp_path)
        assert second.returncode == 1
        assert "another watcher daemon is already running on the archive" in second.stderr
        assert "Traceback" not in second.stderr
        beside = watcher("run", "--once", "-c", str(config), cwd=tmp_path)
        assert beside.returncode == 0, beside.stderr
        first.kill()
    with Daemon(config, "after.log") as after:  # a killed daemon leaves no lock behind
        after.wait_for_log("watcher running", timeout=15)
        assert after.stop() == 0
