"""Judging a source's health from its record: failing, silent, empty, and no news per poll."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta

from watcher.config import HealthEntry
from watcher.health import HealthRecord, assess, needs_message

T0 = datetime(2024, 6, 3, 9, 0, tzinfo=UTC)
LIMITS = HealthEntry(failing_after=2 * 3600, silent_factor=4, silent_at_least=6 * 3600)
WELL = HealthRecord(
    name="Daily One",
    url="https://news.example/feed",
    last_status="ok",
    last_error=None,
    consecutive_failures=0,
    first_polled_at=T0 - timedelta(days=5),
    last_success_at=T0,
    listed_last=10,
    listed_most=10,
    empty_since=None,
    item_times=tuple(T0 - timedelta(hours=h) for h in (5, 4, 3, 2, 1)),
    state="ok",
    reported="ok",
)


def test_a_well_source_is_ok() -> None:
    assert assess(WELL, T0, LIMITS).state == "ok"


def test_failing_only_after_the_threshold() -> None:
    failing = replace(WELL, last_status="error", last_error="HTTP 500", consecutive_failures=3)
    assert assess(failing, T0 + timedelta(hours=1), LIMITS).state == "ok"
    verdict = assess(failing, T0 + timedelta(hours=2), LIMITS)
    assert verdict.state == "failing"
    assert "HTTP 500" in verdict.detail


def test_a_feed_that_flickers_between_items_and_nothing_sends_no_news() -> None:
    record = WELL
    messages = 0
    for poll in range(12):  # an hour of polls, every other one listing nothing
        now = T0 + timedelta(minutes=5 * poll)
        empty = poll % 2 == 1
        record = replace(record, listed_last=0 if empty else 10, empty_since=now if empty else None)
        verdict = assess(record, now, LIMITS)
        if needs_message(record, verdict):
            messages += 1
            record = replace(record, reported=verdict.state)
        record = replace(record, state=verdict.state)
    assert messages == 0


def test_empty_once_it_has_listed_nothing_for_the_threshold() -> None:
    empty = replace(WELL, listed_last=0, empty_since=T0)
    assert assess(empty, T0 + timedelta(hours=1), LIMITS).state == "ok"
    verdict = assess(empty, T0 + timedelta(hours=2), LIMITS)
    assert verdict.state == "empty"
    assert "up to 10 items" in verdict.detail


def test_silent_beyond_its_rhythm_and_the_floor() -> None:
    assert assess(WELL, T0 + timedelta(hours=5), LIMITS).state == "ok"  # under 6 h
    verdict = assess(WELL, T0 + timedelta(hours=7), LIMITS)
    assert verdict.state == "silent"
    assert "60 minutes" in verdict.detail


def test_too_few_items_to_know_a_rhythm() -> None:
    young = replace(WELL, item_times=WELL.item_times[-3:])
    assert assess(young, T0 + timedelta(days=3), LIMITS).state == "ok"
