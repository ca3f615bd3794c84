"""poll_source() and run_once() against real feeds over HTTP, a real archive, real mail."""

from __future__ import annotations

import asyncio
import email
import email.policy
import sqlite3
from collections.abc import Coroutine
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any, TypeVar

import pytest
from conftest import Entry, basic_config, load, rss
from support.httpserver import FixtureServer
from support.polling import Clock, counts, polling, query, snapshot
from support.smtpsink import SmtpSink

from watcher.config import Config
from watcher.models import PollOutcome, Source
from watcher.pipeline import poll_source
from watcher.scheduler import run_once

pytestmark = pytest.mark.timeout(30)

T0 = datetime(2024, 6, 3, 9, 0, tzinfo=UTC)
R = TypeVar("R")


def run(scenario: Coroutine[Any, Any, R]) -> R:
    return asyncio.run(scenario)


def alerted_keys(path: Path) -> list[str]:
    return [
        r[0]
        for r in query(
            path,
            "SELECT i.key FROM outbox o JOIN items i ON i.id = o.item_id ORDER BY o.id",
        )
    ]


def source_row(path: Path, source: Source) -> dict[str, Any]:
    with sqlite3.connect(path) as conn:
        conn.row_factory = sqlite3.Row
        row = conn.execute("SELECT * FROM sources WHERE url = ?", [source.url]).fetchone()
    assert row is not None
    return dict(row)


def iso(moment: datetime) -> str:
    return moment.astimezone(UTC).isoformat(timespec="seconds")


def post(key: str, text: str, published: datetime | None) -> Entry:
    return Entry(
        title=f"Post {key}",
        description=text,
        guid=key,
        link=f"https://example.org/posts/{key}",
        published=published,
    )


def own_feed_config(tmp_path: Path, server: FixtureServer, **options: Any) -> tuple[Config, Source]:
    config = load(basic_config(tmp_path, mp_feeds=[server.url("/lavery.rss")], **options))
    (source,) = config.sources
    assert source.mp == "Ian Lavery"
    return config, source


# --- first and later polls ------------------------------------------------------------------


def test_first_poll_archives_everything_but_alerts_only_recent_dated_items(
    tmp_path: Path, http_server: FixtureServer
) -> None:
    config, source = own_feed_config(tmp_path, http_server)
    assert config.settings.first_poll_alert_window == 86400
    http_server.set_feed(
        "/lavery.rss",
        rss(
            [
                post("recent", "An hour ago I said this.", T0 - timedelta(hours=1)),
                post("edge-in", "Just inside the window.", T0 - timedelta(hours=23, minutes=59)),
                post("edge-out", "Just outside the window.", T0 - timedelta(hours=24, minutes=1)),
                post("old", "Three days ago.", T0 - timedelta(days=3)),
                post("undated", "No date on this one.", None),
            ]
        ),
    )
    clock = Clock(T0)

    async def scenario() -> PollOutcome:
        async with polling(config, clock) as ctx:
            return await poll_source(source, ctx)

    outcome = run(scenario())
    assert (outcome.status, outcome.error) == ("ok", None)
    assert (outcome.new_items, outcome.new_statements, outcome.alerts) == (5, 5, 2)
    path = config.archive_path
    assert counts(path) == {"items": 5, "statements": 5, "mentions": 0, "outbox": 2}
    assert alerted_keys(path) == ["recent", "edge-in"]
    assert query(path, "SELECT text FROM statements WHERE said_at IS NULL") == [
        ("No date on this one.",)
    ]
    row = source_row(path, source)
    assert (row["last_status"], row["consecutive_failures"]) == ("ok", 0)
    assert row["next_check_at"] == iso(T0 + timedelta(minutes=5))
    assert row["etag"]  # kept for the next conditional GET


def test_a_smaller_alert_window_is_honoured(tmp_path: Path, http_server: FixtureServer) -> None:
    config, source = own_feed_config(
        tmp_path, http_server, extra_settings="first_poll_alert_window: 2h"
    )
    http_server.set_feed(
        "/lavery.rss",
        rss(
            [
                post("one-hour", "One hour ago.", T0 - timedelta(hours=1)),
                post("three-hours", "Three hours ago.", T0 - timedelta(hours=3)),
            ]
        ),
    )

    async def scenario() -> PollOutcome:
        async with polling(config, Clock(T0)) as ctx:
            return await poll_source(source, ctx)

    assert run(scenario()).alerts == 1
    assert alerted_keys(config.archive_path) == ["one-hour"]


def test_second_poll_of_unchanged_feed_changes_nothing(
    tmp_path: Path, http_server: FixtureServer
) -> None:
    config, source = own_feed_config(tmp_path, http_server)
    feed = rss(
        [
            post("a", "First.", T0 - timedelta(minutes=30)),
            post("b", "Second.", T0 - timedelta(minutes=20)),
        ]
    )
    http_server.set_feed("/lavery.rss", feed)
    clock = Clock(T0)
    path = config.archive_path

    async def scenario() -> list[PollOutcome]:
        async with polling(config, clock) as ctx:
            first = await poll_source(source, ctx)
            before = snapshot(path)
            clock.advance(minutes=6)
            second = await poll_source(source, ctx)  # conditional GET: 304
            assert snapshot(path) == before
            # The same content again, now from a server that sends no validators: a 200.
            http_server.set_response(
                "/lavery.rss", 200, feed.encode(), {"Content-Type": "application/rss+xml"}
            )
            clock.advance(minutes=6)
            third = await poll_source(source, ctx)
            assert snapshot(path) == before
            return [first, second, third]

    first, second, third = run(scenario())
    assert (first.status, first.new_items, first.alerts) == ("ok", 2, 2)
    assert (second.status, second.new_items, second.alerts) == ("not_modified", 0, 0)
    # the same body is not read again: as good as a 304
    assert (third.status, third.new_items, third.alerts) == ("not_modified", 0, 0)
    requests = http_server.requests_for("/lavery.rss")
    assert len(requests) == 3
    assert "if-none-match" not in requests[0].headers
    assert requests[1].headers.get("if-none-match")
    assert counts(path) == {"items": 2, "statements": 2, "mentions": 0, "outbox": 2}


def test_a_new_item_later_alerts_even_if_older_than_the_window(
    tmp_path: Path, http_server: FixtureServer
) -> None:
    config, source = own_feed_config(tmp_path, http_server)
    existing = post("a", "Already here.", T0 - timedelta(days=2))
    http_server.set_feed("/lavery.rss", rss([existing]))
    clock = Clock(T0)

    async def scenario() -> list[PollOutcome]:
        async with polling(config, clock) as ctx:
            first = await poll_source(source, ctx)
            http_server.set_feed(
                "/lavery.rss",
                rss(
                    [
                        post("late", "Backdated post, seen only now.", T0 - timedelta(days=5)),
                        post("undated", "A later post with no date.", None),
                        existing,
                    ]
                ),
            )
            clock.advance(minutes=5)
            second = await poll_source(source, ctx)
            return [first, second]

    first, second = run(scenario())
    assert (first.new_items, first.alerts) == (1, 0)
    assert (second.status, second.new_items, second.alerts) == ("ok", 2, 2)
    assert alerted_keys(config.archive_path) == ["late", "undated"]


def test_news_item_naming_an_mp_is_a_mention_not_a_statement(
    tmp_path: Path, http_server: FixtureServer
) -> None:
    config = load(basic_config(tmp_path, news_feeds=[http_server.url("/news.rss")]))
    (source,) = config.sources
    assert source.mp is None
    http_server.set_feed(
        "/news.rss",
        rss(
            [
                post("n1", "Mr Lavery told reporters he would think about it.", T0),
                post("n2", "Mr Laveryson opened a bakery.", T0),
                post("n3", "Nothing about MPs at all.", T0),
            ]
        ),
    )

    async def scenario() -> PollOutcome:
        async with polling(config, Clock(T0)) as ctx:
            return await poll_source(source, ctx)

    outcome = run(scenario())
    assert (outcome.status, outcome.new_items, outcome.new_statements, outcome.alerts) == (
        "ok",
        3,
        1,
        1,
    )
    path = config.archive_path
    assert counts(path) == {"items": 3, "statements": 1, "mentions": 1, "outbox": 1}
    assert query(path, "SELECT kind, text FROM statements") == [
        ("statement", "Mr Lavery told reporters he would think about it.")
    ]
    assert query(
        path,
        "SELECT i.key, m.name FROM mentions x JOIN items i ON i.id = x.item_id"
        " JOIN mps m ON m.id = x.mp_id",
    ) == [("n1", "Ian Lavery")]


# --- failures, backoff, skipping ------------------------------------------------------------


def test_a_failing_source_backs_off_and_recovers(
    tmp_path: Path, http_server: FixtureServer
) -> None:
    config, source = own_feed_config(tmp_path, http_server)
    assert source.interval == 300
    http_server.set_response("/lavery.rss", 500, b"oops")
    clock = Clock(T0)
    path = config.archive_path

    async def scenario() -> list[PollOutcome]:
        outcomes = []
        async with polling(config, clock) as ctx:
            outcomes.append(await poll_source(source, ctx))
            row = source_row(path, source)
            assert row["last_error"] == "HTTP 500"
            assert row["last_status"] == "error"
            assert row["consecutive_failures"] == 1
            assert row["next_check_at"] == iso(T0 + timedelta(seconds=300))

            clock.advance(seconds=60)
            outcomes.append(await poll_source(source, ctx))  # backing off
            clock.advance(seconds=240)
            outcomes.append(await poll_source(source, ctx))
            row = source_row(path, source)
            assert row["consecutive_failures"] == 2
            assert row["next_check_at"] == iso(clock() + timedelta(seconds=600))  # doubled
            assert row["last_error_at"] == iso(clock())

            clock.advance(seconds=400)  # the doubled delay is not over yet
            outcomes.append(await poll_source(source, ctx))
            assert source_row(path, source)["consecutive_failures"] == 2
            clock.advance(seconds=200)

            http_server.set_feed(
                "/lavery.rss", rss([post("a", "Back online.", clock() - timedelta(minutes=1))])
            )
            outcomes.append(await poll_source(source, ctx))
        return outcomes

    first, skipped, second, skipped_again, healed = run(scenario())
    assert (first.status, first.error, first.failed) == ("error", "HTTP 500", True)
    assert skipped == PollOutcome(source.name, "skipped")
    assert second.status == "error"
    assert skipped_again.status == "skipped"
    assert (healed.status, healed.new_items, healed.alerts) == ("ok", 1, 1)
    row = source_row(path, source)
    assert row["consecutive_failures"] == 0
    assert row["last_status"] == "ok"
    assert row["last_success_at"] == iso(clock())
    assert row["next_check_at"] == iso(clock() + timedelta(seconds=300))
    assert row["first_polled_at"] == iso(T0)
    assert len(http_server.requests_for("/lavery.rss")) == 3  # none while skipped


def test_backoff_is_capped_and_respects_retry_after(
    tmp_path: Path, http_server: FixtureServer
) -> None:
    config, source = own_feed_config(tmp_path, http_server, extra_settings="max_backoff: 12m")
    http_server.set_response("/lavery.rss", 503)
    clock = Clock(T0)
    delays = []

    async def scenario() -> None:
        async with polling(config, clock) as ctx:
            for _ in range(4):
                outcome = await poll_source(source, ctx, force=True)
                assert outcome.status == "error"
                check = datetime.fromisoformat(
                    source_row(config.archive_path, source)["next_check_at"]
                )
                delays.append((check - clock()).total_seconds())
                clock.advance(hours=1)
            http_server.set_response("/lavery.rss", 503, headers={"Retry-After": "7200"})
            await poll_source(source, ctx, force=True)
            check = datetime.fromisoformat(source_row(config.archive_path, source)["next_check_at"])
            delays.append((check - clock()).total_seconds())

    run(scenario())
    assert delays == [300, 600, 720, 720, 7200]
    assert source_row(config.archive_path, source)["consecutive_failures"] == 5


def test_a_source_that_is_not_a_feed_is_an_error(
    tmp_path: Path, http_server: FixtureServer
) -> None:
    config, source = own_feed_config(tmp_path, http_server)
    http_server.set_response(
        "/lavery.rss", 200, b"<html><body>Sorry</body></html>", {"Content-Type": "text/html"}
    )

    async def scenario() -> PollOutcome:
        async with polling(config, Clock(T0)) as ctx:
            return await poll_source(source, ctx)

    outcome = run(scenario())
    assert outcome.status == "error"
    assert outcome.error
    row = source_row(config.archive_path, source)
    assert (row["consecutive_failures"], row["last_error"]) == (1, outcome.error)
    assert counts(config.archive_path)["items"] == 0


def test_a_source_not_due_is_skipped_unless_forced(
    tmp_path: Path, http_server: FixtureServer
) -> None:
    config, source = own_feed_config(tmp_path, http_server)
    http_server.set_feed("/lavery.rss", rss([post("a", "Hello.", T0)]))
    clock = Clock(T0)

    async def scenario() -> list[PollOutcome]:
        async with polling(config, clock) as ctx:
            first = await poll_source(source, ctx)
            clock.advance(minutes=1)
            skipped = await poll_source(source, ctx)
            http_server.set_feed(
                "/lavery.rss", rss([post("b", "New.", clock()), post("a", "Hello.", T0)])
            )
            still_skipped = await poll_source(source, ctx)
            forced = await poll_source(source, ctx, force=True)
            return [first, skipped, still_skipped, forced]

    first, skipped, still_skipped, forced = run(scenario())
    assert first.status == "ok"
    assert skipped == PollOutcome(source.name, "skipped")
    assert still_skipped.status == "skipped"
    assert (forced.status, forced.new_items, forced.alerts) == ("ok", 1, 1)
    assert len(http_server.requests_for("/lavery.rss")) == 2
    row = source_row(config.archive_path, source)
    assert row["next_check_at"] == iso(T0 + timedelta(minutes=6))


def test_a_shortened_interval_counts_from_the_next_check(
    tmp_path: Path, http_server: FixtureServer
) -> None:
    config, source = own_feed_config(tmp_path, http_server)
    http_server.set_feed("/lavery.rss", rss([post("a", "Hello.", T0)]))
    clock = Clock(T0)
    hourly = replace(source, interval=3600.0)

    async def scenario() -> list[PollOutcome]:
        async with polling(config, clock) as ctx:
            first = await poll_source(hourly, ctx)
            clock.advance(minutes=5)
            still_hourly = await poll_source(hourly, ctx)
            every_five_minutes = await poll_source(source, ctx)  # the config was changed
            return [first, still_hourly, every_five_minutes]

    first, still_hourly, every_five_minutes = run(scenario())
    assert first.status == "ok"
    assert still_hourly.status == "skipped"
    assert every_five_minutes.status == "not_modified"
    row = source_row(config.archive_path, source)
    assert row["next_check_at"] == iso(T0 + timedelta(minutes=10))


# --- run_once -------------------------------------------------------------------------------


def _three_sources(tmp_path: Path, server: FixtureServer, smtp_port: int | None) -> Config:
    server.set_feed("/lavery.rss", rss([post("own-1", "Healthy feed speaking.", T0)]))
    server.set_response("/broken.rss", 500, b"down")
    server.set_feed("/news.rss", rss([post("news-1", "Mr Lavery was in the news.", T0)]))
    path = basic_config(
        tmp_path,
        mp_feeds=[server.url("/lavery.rss"), server.url("/broken.rss")],
        news_feeds=[server.url("/news.rss")],
        smtp_port=smtp_port,
    )
    return load(path)


def test_run_once_reports_a_failure_but_delivers_the_healthy_alerts_by_smtp(
    tmp_path: Path, http_server: FixtureServer, smtp_server: SmtpSink
) -> None:
    config = _three_sources(tmp_path, http_server, smtp_server.port)
    clock = Clock(T0)

    assert run(run_once(config, clock)) == 1

    mails = smtp_server.messages
    assert len(mails) == 1
    assert mails[0].rcpt_tos == ("desk@example.org",)
    assert "Healthy feed speaking." in str(mails[0].message["Subject"])
    path = config.archive_path
    assert query(path, "SELECT status, attempts FROM outbox") == [("sent", 1)]
    assert counts(path) == {"items": 2, "statements": 1, "mentions": 1, "outbox": 1}
    broken = next(s for s in config.sources if s.url.endswith("/broken.rss"))
    row = source_row(path, broken)
    assert (row["last_status"], row["last_error"], row["consecutive_failures"]) == (
        "error",
        "HTTP 500",
        1,
    )

    # Fixed, the next round is clean, and nothing is sent twice.
    http_server.set_feed("/broken.rss", rss([]))
    clock.advance(minutes=5)
    assert run(run_once(config, clock)) == 0
    assert len(smtp_server.messages) == 1
    assert source_row(path, broken)["consecutive_failures"] == 0


def test_run_once_without_smtp_writes_the_healthy_alerts_as_files(
    tmp_path: Path, http_server: FixtureServer
) -> None:
    config = _three_sources(tmp_path, http_server, None)
    assert config.notify.smtp is None

    assert run(run_once(config, Clock(T0))) == 1

    files = list(config.notify.outbox_dir.glob("*.eml"))
    assert len(files) == 1
    message = email.message_from_bytes(files[0].read_bytes(), policy=email.policy.default)
    assert "Healthy feed speaking." in str(message["Subject"])
    assert query(config.archive_path, "SELECT status FROM outbox") == [("sent",)]


def test_a_body_read_again_is_parsed_only_when_it_changed(
    tmp_path: Path, http_server: FixtureServer
) -> None:
    """A server that sends no validators answers 200 every time: the same body is as good as
    a 304, and a changed one is read as usual."""
    config, source = own_feed_config(tmp_path, http_server)
    first_post = post("a", "First.", T0 - timedelta(minutes=30))
    plain = {"Content-Type": "application/rss+xml"}
    http_server.set_response("/lavery.rss", 200, rss([first_post]).encode(), plain)
    clock = Clock(T0)

    async def scenario() -> list[PollOutcome]:
        async with polling(config, clock) as ctx:
            outcomes = [await poll_source(source, ctx)]
            clock.advance(minutes=6)
            outcomes.append(await poll_source(source, ctx))
            grown = rss([post("b", "Second.", T0 - timedelta(minutes=1)), first_post])
            http_server.set_response("/lavery.rss", 200, grown.encode(), plain)
            clock.advance(minutes=6)
            outcomes.append(await poll_source(source, ctx))
            return outcomes

    first, same, grown = run(scenario())
    assert (first.status, first.new_items) == ("ok", 1)
    assert (same.status, same.new_items) == ("not_modified", 0)
    assert (grown.status, grown.new_items) == ("ok", 1)
    row = source_row(config.archive_path, source)
    assert (row["last_status"], row["etag"], row["consecutive_failures"]) == ("ok", None, 0)
