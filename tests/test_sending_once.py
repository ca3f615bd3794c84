"""Sending once: any number of deliverers on one archive send each message once, a claim
left by a deliverer that died lapses, and a message that cannot be drawn holds no one up.

Every deliverer here has its own `Archive` (its own SQLite connection) on one file, and the
mail goes to a real SMTP server.
"""

from __future__ import annotations

import asyncio
import json
import sqlite3
import subprocess
import sys
import threading
from collections import Counter
from collections.abc import Sequence
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from click.testing import CliRunner
from conftest import basic_config, load, rss
from support.httpserver import FixtureServer
from support.mail import parts
from support.smtpsink import SmtpSink
from support.webhook import Webhook

from watcher.archive import Archive
from watcher.cli import main
from watcher.config import Config
from watcher.models import Finding, Item, Statement, Validators
from watcher.notify.deliver import Channels, Delivering, DeliveryReport, claim_for, deliver_pending
from watcher.notify.mailers import AppriseSender, make_mailer
from watcher.notify.render import render_message
from watcher.notify.route import route

pytestmark = pytest.mark.timeout(60)

LONDON = ZoneInfo("Europe/London")
T0 = datetime(2024, 6, 3, 9, 0, tzinfo=UTC)
SEVEN = tuple(f"Thing number {n}." for n in range(1, 8))
THIRTY = tuple(f"Thing number {n}." for n in range(1, 31))


class Clock:
    """A clock the test moves by hand."""

    def __init__(self, start: datetime) -> None:
        self.now = start

    def __call__(self) -> datetime:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += timedelta(seconds=seconds)


@pytest.fixture
def config(tmp_path: Path, smtp_server: SmtpSink) -> Config:
    path = basic_config(
        tmp_path, mp_feeds=["https://example.org/lavery.rss"], smtp_port=smtp_server.port
    )
    return load(path)


def queue_alerts(config: Config, texts: Sequence[str], at: datetime = T0) -> None:
    """One alert per text, each from its own post, filed as a poll at `at` files them."""
    archive = Archive(config.archive_path)
    try:
        archive.sync_config(config.mps, config.sources)
        (source,) = config.sources
        for n, text in enumerate(texts):
            statement = Statement("Ian Lavery", "statement", text, said_at=at)
            item = Item(source, f"post-{n}", f"Post {n}", text, f"https://example.org/{n}", at)
            mps = {m.name: m for m in config.mps}
            deliveries = route([statement], item, config.notify.subscriptions, mps, at, LONDON)
            finding = Finding(item, (statement,), (), tuple(deliveries))
            when = at + timedelta(seconds=n)
            archive.record_poll(archive.source_state(source), Validators(), [finding], when, when)
    finally:
        archive.close()


def deliver(config: Config, clock: Clock, lease: float = 600.0) -> DeliveryReport:
    """One delivery round by a deliverer of its own, as `watcher run --once` would run it."""
    archive = Archive(config.archive_path)
    try:
        channels = Channels(make_mailer(config.notify), AppriseSender())
        how = Delivering(config.notify, LONDON, clock, lease=lease)
        return asyncio.run(deliver_pending(archive, channels, how))
    finally:
        archive.close()


def received(sink: SmtpSink, texts: Sequence[str]) -> Counter[str]:
    """How many emails carried each of the texts."""
    said = Counter[str]()
    for mail in sink.messages:
        plain = parts(mail.message)[0]
        said.update(t for t in texts if t in plain)
    return said


# --- several deliverers ---------------------------------------------------------------------


@pytest.mark.parametrize("deliverers", [2, 4])
def test_deliverers_started_together_send_each_alert_once(
    config: Config, smtp_server: SmtpSink, deliverers: int
) -> None:
    queue_alerts(config, SEVEN)
    clock = Clock(T0 + timedelta(minutes=1))
    start = threading.Barrier(deliverers)
    reports: list[DeliveryReport] = []
    errors: list[BaseException] = []

    def run() -> None:
        start.wait()
        try:
            reports.append(deliver(config, clock))
        except BaseException as exc:  # a deliverer that fails must fail the test
            errors.append(exc)

    threads = [threading.Thread(target=run) for _ in range(deliverers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert errors == []
    assert received(smtp_server, SEVEN) == Counter(SEVEN)
    assert len(smtp_server.messages) == 7
    assert sum(r.sent for r in reports) == 7
    assert sum(r.failed for r in reports) == 0
    # A third round, later, finds nothing left to send.
    clock.advance(3600)
    assert deliver(config, clock) == DeliveryReport(sent=0, failed=0)
    assert len(smtp_server.messages) == 7


@pytest.mark.slow
def test_watcher_rounds_started_together_send_each_alert_once(
    tmp_path: Path, http_server: FixtureServer, smtp_server: SmtpSink
) -> None:
    """`watcher run --once` three times at once, as when a long cron round overlaps the next."""
    http_server.set_feed("/lavery.xml", rss([]))
    path = basic_config(
        tmp_path, mp_feeds=[http_server.url("/lavery.xml")], smtp_port=smtp_server.port
    )
    queue_alerts(load(path), SEVEN, at=datetime.now(UTC) - timedelta(minutes=1))
    command = [sys.executable, "-m", "watcher", "run", "--once", "-c", str(path)]
    rounds = [
        subprocess.Popen(command, cwd=tmp_path, stderr=subprocess.PIPE, text=True) for _ in range(2)
    ]
    for process in rounds:
        _, log = process.communicate(timeout=60)
        assert process.returncode == 0, log

    assert received(smtp_server, SEVEN) == Counter(SEVEN)
    assert len(smtp_server.messages) == 7


def test_a_claim_left_by_a_deliverer_that_died_lapses_and_the_alert_goes_once(
    config: Config, smtp_server: SmtpSink
) -> None:
    texts = SEVEN[:3]
    queue_alerts(config, texts)
    clock = Clock(T0 + timedelta(minutes=1))
    dead = Archive(config.archive_path)  # claims the first alert, then dies before sending
    first = dead.due_messages(clock())[0]
    assert dead.claim(first.outbox_id, "dead-process", clock(), clock() + timedelta(seconds=60))
    dead.close()

    assert deliver(config, clock) == DeliveryReport(sent=2, failed=0)
    assert received(smtp_server, texts) == Counter(texts[1:])
    clock.advance(59)  # the claim still holds
    assert deliver(config, clock) == DeliveryReport(sent=0, failed=0)
    clock.advance(1)  # it has lapsed
    assert deliver(config, clock) == DeliveryReport(sent=1, failed=0)
    assert received(smtp_server, texts) == Counter(texts)
    clock.advance(3600)
    assert deliver(config, clock) == DeliveryReport(sent=0, failed=0)
    assert len(smtp_server.messages) == 3


def test_a_live_claim_keeps_other_deliverers_off_the_message(config: Config) -> None:
    queue_alerts(config, SEVEN[:1])
    now = T0 + timedelta(minutes=1)
    one, other = Archive(config.archive_path), Archive(config.archive_path)
    try:
        [message] = one.due_messages(now)
        assert one.claim(message.outbox_id, "one", now, now + timedelta(seconds=60))
        assert not other.claim(message.outbox_id, "other", now, now + timedelta(seconds=60))
        assert other.due_messages(now) == []
        one.mark_sent(message.outbox_id, now)
        later = now + timedelta(seconds=61)
        assert not other.claim(message.outbox_id, "other", later, later + timedelta(seconds=60))
    finally:
        one.close()
        other.close()


def test_the_one_duplicate_left_is_a_mail_accepted_but_not_recorded_and_keeps_its_id(
    config: Config, smtp_server: SmtpSink
) -> None:
    """The window README names: the server took the mail and the claimant died before it
    recorded so. Only then is a message sent twice, after the lease, with the same Message-ID."""
    texts = SEVEN[:2]
    queue_alerts(config, texts)
    clock = Clock(T0 + timedelta(minutes=1))
    dead = Archive(config.archive_path)
    first = replace(dead.due_messages(clock())[0], unsubscribe="desk@example.org")
    assert dead.claim(first.outbox_id, "dead-process", clock(), clock() + timedelta(seconds=60))
    with make_mailer(config.notify).session() as session:
        session.send(render_message(first, config.notify.sender, LONDON, clock()))
    dead.close()  # dies before mark_sent

    assert deliver(config, clock) == DeliveryReport(sent=1, failed=0)
    assert received(smtp_server, texts) == Counter(texts)
    clock.advance(60)
    assert deliver(config, clock) == DeliveryReport(sent=1, failed=0)
    assert received(smtp_server, texts) == Counter({texts[0]: 2, texts[1]: 1})
    first_id, again_id = (
        m.message["Message-ID"] for m in smtp_server.messages if texts[0] in parts(m.message)[0]
    )
    assert first_id == again_id
    clock.advance(3600)
    assert deliver(config, clock) == DeliveryReport(sent=0, failed=0)
    assert len(smtp_server.messages) == 3


def claimed_by_another(config: Config, now: datetime) -> Archive:
    """Another deliverer, in the middle of sending the first due message (kept open)."""
    other = Archive(config.archive_path)
    first = other.due_messages(now)[0]
    assert other.claim(first.outbox_id, "other", now, now + timedelta(minutes=10))
    return other


def statuses(config: Config) -> list[tuple[str, int, str | None]]:
    archive = Archive(config.archive_path)
    try:
        entries = archive.outbox(("pending", "sent", "dead"))
        return [(e.status, e.attempts, e.last_error) for e in entries]
    finally:
        archive.close()


def test_a_message_another_is_sending_is_not_given_up_on_under_it(
    config: Config, smtp_server: SmtpSink
) -> None:
    queue_alerts(config, SEVEN[:1])
    clock = Clock(T0 + timedelta(seconds=config.notify.give_up_after + 60))
    other = claimed_by_another(config, clock())
    try:
        assert deliver(config, clock) == DeliveryReport(sent=0, failed=0)
        other.mark_sent(1, clock())
    finally:
        other.close()
    assert statuses(config) == [("sent", 1, None)]


def test_a_channel_held_by_one_leaves_what_another_is_sending_alone(
    config: Config, smtp_server: SmtpSink
) -> None:
    queue_alerts(config, SEVEN[:2])
    clock = Clock(T0 + timedelta(minutes=1))
    other = claimed_by_another(config, clock())
    smtp_server.stop()  # this deliverer cannot reach the server; the other could
    try:
        assert deliver(config, clock) == DeliveryReport(sent=0, failed=1)
        other.mark_sent(1, clock())
    finally:
        other.close()
    [sent, held] = statuses(config)
    assert sent == ("sent", 1, None)
    assert held[:2] == ("failing", 1)


def test_a_claim_outlasts_ten_smtp_timeouts(config: Config) -> None:
    """A slow server must not see a message claimed again while its first sender still waits."""
    assert config.notify.smtp is not None
    slow = replace(config.notify.smtp, timeout=120.0)
    how = Delivering(replace(config.notify, smtp=slow), LONDON, Clock(T0), lease=600.0)
    assert claim_for(how) == 1200.0
    assert claim_for(replace(how, lease=3600.0)) == 3600.0
    assert claim_for(replace(how, settings=replace(config.notify, smtp=None))) == 600.0


# --- a message that cannot be drawn ---------------------------------------------------------


def test_a_message_that_cannot_be_drawn_is_dead_alone_and_the_others_go_out(
    config: Config, smtp_server: SmtpSink
) -> None:
    texts = SEVEN[:3]
    queue_alerts(config, texts)
    # A statement filed by a version of the watcher that knew a kind this one does not: the
    # renderer has no words for it.
    with sqlite3.connect(config.archive_path) as conn:
        conn.execute("UPDATE statements SET kind = 'retired_kind' WHERE text = ?", [texts[0]])
    conn.close()
    clock = Clock(T0 + timedelta(minutes=1))

    assert deliver(config, clock) == DeliveryReport(sent=2, failed=1)
    assert received(smtp_server, texts) == Counter(texts[1:])
    result = CliRunner().invoke(main, ["outbox", "-c", str(config.path), "--json"])
    assert result.exit_code == 0, result.output
    [row] = json.loads(result.output)
    assert row["status"] == "dead"
    assert row["last_error"].startswith("cannot be drawn: KeyError: ")
    assert "retired_kind" in row["last_error"]
    listed = CliRunner().invoke(main, ["outbox", "-c", str(config.path)]).output
    assert "last error: cannot be drawn: KeyError" in listed
    # Later rounds neither retry it nor send the others again.
    clock.advance(3600)
    assert deliver(config, clock) == DeliveryReport(sent=0, failed=0)
    assert len(smtp_server.messages) == 2


def test_the_admin_is_told_of_a_message_that_cannot_be_drawn(
    config: Config, smtp_server: SmtpSink
) -> None:
    config = replace(config, notify=replace(config.notify, admin="admin@example.org"))
    queue_alerts(config, SEVEN[:2])
    with sqlite3.connect(config.archive_path) as conn:
        conn.execute("UPDATE statements SET kind = 'retired_kind' WHERE text = ?", [SEVEN[0]])
    conn.close()
    clock = Clock(T0 + timedelta(minutes=1))

    assert deliver(config, clock) == DeliveryReport(sent=1, failed=1)
    clock.advance(60)
    assert deliver(config, clock) == DeliveryReport(sent=1, failed=0)
    notice = smtp_server.messages[-1].message
    assert notice["To"] == "admin@example.org"
    assert "cannot be drawn: KeyError" in parts(notice)[0]


def test_a_chat_message_that_cannot_be_drawn_is_dead_alone_too(tmp_path: Path) -> None:
    with Webhook() as hook:
        path = basic_config(tmp_path, mp_feeds=["https://example.org/lavery.rss"])
        chat = f'    - {{name: chat, apprise: ["{hook.apprise_url()}"]}}'
        text = path.read_text().replace("    - {to: desk@example.org, mps: all, kinds: all}", chat)
        path.write_text(text)
        config = load(path)
        texts = SEVEN[:2]
        queue_alerts(config, texts)
        with sqlite3.connect(config.archive_path) as conn:
            conn.execute("UPDATE statements SET kind = 'retired_kind' WHERE text = ?", [texts[1]])
        conn.close()

        assert deliver(config, Clock(T0 + timedelta(minutes=1))) == DeliveryReport(1, 1)
        [posted] = hook.posts
    assert texts[0] in posted["message"]
    dead = [error for status, _, error in statuses(config) if status == "dead"]
    assert len(dead) == 1
    assert str(dead[0]).startswith("cannot be drawn: KeyError")


def test_a_claimed_message_shows_as_sending_until_its_lease_lapses(config: Config) -> None:
    queue_alerts(config, SEVEN[:2])
    now = T0 + timedelta(minutes=1)
    archive = Archive(config.archive_path)
    try:
        first, _ = archive.due_messages(now)
        assert archive.claim(first.outbox_id, "one", now, now + timedelta(seconds=60))
        shown = {e.id: e.status for e in archive.outbox(now=now)}
        lapsed = {e.id: e.status for e in archive.outbox(now=now + timedelta(seconds=61))}
    finally:
        archive.close()
    assert sorted(shown.values()) == ["pending", "sending"]
    assert shown[first.outbox_id] == "sending"
    assert set(lapsed.values()) == {"pending"}

    listed = CliRunner().invoke(main, ["outbox", "--json", "-c", str(config.path)])
    assert {e["status"] for e in json.loads(listed.output)} == {"pending"}  # lease long gone
