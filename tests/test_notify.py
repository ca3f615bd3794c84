"""Alerts: routing, the email itself, .eml files, and draining the outbox through real SMTP."""

from __future__ import annotations

import asyncio
import email
import email.policy
from collections.abc import Iterator, Sequence
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from email.message import EmailMessage
from email.utils import parsedate_to_datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from conftest import basic_config, load
from support.mail import parts
from support.smtpsink import SmtpSink

from watcher.archive import Archive
from watcher.config import Config, Subscription
from watcher.models import (
    MP,
    Delivery,
    Finding,
    Item,
    Message,
    Report,
    Source,
    Statement,
    Validators,
)
from watcher.notify.deliver import Channels, Delivering, DeliveryReport, deliver_pending
from watcher.notify.mailers import AppriseSender, FileMailer, eml_file, eml_name, make_mailer
from watcher.notify.render import render_message
from watcher.notify.route import route

pytestmark = pytest.mark.timeout(30)

LONDON = ZoneInfo("Europe/London")
T0 = datetime(2024, 6, 3, 9, 0, tzinfo=UTC)
SENDER = "Watcher <alerts@example.org>"


class Clock:
    """A clock the test moves by hand."""

    def __init__(self, start: datetime) -> None:
        self.now = start

    def __call__(self) -> datetime:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += timedelta(seconds=seconds)


def make_message(**changes: object) -> Message:
    report = Report(
        statement_id=3,
        story_id=3,
        mp="Ian Lavery",
        party="Labour",
        constituency="Blyth and Ashington",
        kind="statement",
        target=None,
        text="The party must listen to its members.",
        said_at=T0 - timedelta(minutes=30),
        said_at_precision="minute",
        evidence="",
        source="Ian Lavery (feed)",
        source_id=1,
        source_kind="feed",
        own=True,
        url="https://example.org/posts/1",
        title="On the party",
        published_at=T0 - timedelta(minutes=30),
        first_seen_at=T0,
        verbatim=True,  # the MP's own post
    )
    message = Message(
        outbox_id=7,
        key="0123456789abcdef0123456789abcdef",
        kind="alert",
        channel="email",
        recipient="desk@example.org",
        subscription="desk",
        unsubscribe="editor@example.org",
        reports=(report,),
    )
    return replace(message, **changes)  # type: ignore[arg-type]


# --- route ----------------------------------------------------------------------------------


def sub(
    name: str,
    *recipients: str,
    mps: Sequence[str] | None = None,
    kinds: Sequence[str] | None = None,
) -> Subscription:
    return Subscription(
        name,
        tuple(recipients),
        None if mps is None else frozenset(mps),
        None if kinds is None else frozenset(kinds),  # type: ignore[arg-type]
    )


def routed(
    statements: Sequence[Statement], subscriptions: Sequence[Subscription]
) -> list[Delivery]:
    source = Source("Fixture", "feed", "https://example.org/feed", 60.0)
    item = Item(source, "k", "Title", "Text", None, T0)
    mps = {"Ian Lavery": MP("Ian Lavery"), "Jane Doe": MP("Jane Doe")}
    return route(statements, item, subscriptions, mps, T0, LONDON)


LAVERY_SAYS = Statement("Ian Lavery", "statement", "Members first.")
LAVERY_RESIGNS = Statement("Ian Lavery", "resignation", "I resign.")
DOE_SAYS = Statement("Jane Doe", "statement", "Hello.")


def test_route_one_delivery_per_statement_and_recipient() -> None:
    subscriptions = [
        sub("everything", "desk@example.org", "editor@example.org"),
        sub("lavery", "DESK@example.org", "night@example.org", mps=["Ian Lavery"]),
    ]
    deliveries = routed([LAVERY_SAYS, LAVERY_RESIGNS], subscriptions)
    pairs = [(d.statement_index, d.recipient.casefold()) for d in deliveries]
    assert sorted(pairs) == [
        (0, "desk@example.org"),
        (0, "editor@example.org"),
        (0, "night@example.org"),
        (1, "desk@example.org"),
        (1, "editor@example.org"),
        (1, "night@example.org"),
    ]
    assert {d.subscription for d in deliveries if d.recipient == "night@example.org"} == {"lavery"}


def test_route_same_mailbox_under_a_display_name_gets_one_delivery() -> None:
    subscriptions = [
        sub("all", "News Desk <desk@example.org>"),
        sub("lavery", "desk@example.org", mps=["Ian Lavery"]),
    ]
    assert len(routed([LAVERY_SAYS], subscriptions)) == 1


def test_route_honours_mps_and_kinds() -> None:
    subscriptions = [
        sub("doe only", "doe-watch@example.org", mps=["Jane Doe"]),
        sub("resignations", "resign@example.org", kinds=["resignation"]),
        sub("lavery statements", "ls@example.org", mps=["Ian Lavery"], kinds=["statement"]),
        sub("nobody", "none@example.org", mps=[]),
    ]
    deliveries = routed([LAVERY_SAYS, LAVERY_RESIGNS, DOE_SAYS], subscriptions)
    assert sorted((d.statement_index, d.recipient, d.subscription) for d in deliveries) == [
        (0, "ls@example.org", "lavery statements"),
        (1, "resign@example.org", "resignations"),
        (2, "doe-watch@example.org", "doe only"),
    ]
    assert routed([], subscriptions) == []
    assert routed([LAVERY_SAYS], []) == []


# --- FileMailer -----------------------------------------------------------------------------


def test_file_mailer_writes_one_eml_per_alert_and_never_twice(tmp_path: Path) -> None:
    folder = tmp_path / "outbox"
    mailer = FileMailer(folder)
    first = render_message(make_message(), SENDER, LONDON, T0)
    again = render_message(make_message(), SENDER, LONDON, T0 + timedelta(minutes=1))
    other = render_message(make_message(key="b" * 32), SENDER, LONDON, T0)
    with mailer.session() as session:
        where = session.send(first)
        assert session.send(again) == where
        session.send(other)
    files = sorted(folder.iterdir())
    assert [f.suffix for f in files] == [".eml", ".eml"]
    assert Path(where) in files
    stored = email.message_from_bytes(Path(where).read_bytes(), policy=email.policy.default)
    assert stored["Message-ID"] == first["Message-ID"]
    assert parsedate_to_datetime(stored["Date"]) == T0  # the first write is kept


def test_an_eml_file_is_named_for_its_time_and_mp_in_safe_characters(tmp_path: Path) -> None:
    message = render_message(make_message(key="c" * 32), SENDER, LONDON, T0)
    del message["X-Watcher-MP"]
    message["X-Watcher-MP"] = "Siân O'Brien-Jones / ../etc, Ian Lavery"
    stamp = T0.astimezone(LONDON).strftime("%Y%m%d-%H%M")
    assert eml_name(message, LONDON) == f"{stamp}-sian-o-brien-jones-etc-cccccccc.eml"
    with FileMailer(tmp_path, LONDON).session() as session:
        where = Path(session.send(message))
    assert where == tmp_path / eml_name(message, LONDON)
    assert eml_file(tmp_path, "c" * 32) == where


# --- deliver_pending ------------------------------------------------------------------------


@pytest.fixture
def queued(tmp_path: Path) -> Iterator[tuple[Config, Archive]]:
    """An archive with three pending alerts (oldest first), and a config without SMTP."""
    config = load(basic_config(tmp_path, mp_feeds=["https://example.org/lavery.rss"]))
    archive = _queue(config, ["First thing.", "Second thing.", "Third thing."])
    try:
        yield config, archive
    finally:
        archive.close()


def _queue(config: Config, texts: Sequence[str]) -> Archive:
    archive = Archive(config.archive_path)
    archive.sync_config(config.mps, config.sources)
    (source,) = config.sources
    for n, text in enumerate(texts):
        statement = Statement("Ian Lavery", "statement", text, said_at=T0)
        item = Item(source, f"post-{n}", f"Post {n}", text, f"https://example.org/{n}", T0)
        deliveries = route(
            [statement],
            item,
            config.notify.subscriptions,
            {m.name: m for m in config.mps},
            T0,
            LONDON,
        )
        state = archive.source_state(source)
        when = T0 + timedelta(seconds=n)
        archive.record_poll(
            state, Validators(), [Finding(item, (statement,), (), tuple(deliveries))], when, when
        )
    return archive


def _deliver(config: Config, archive: Archive, clock: Clock) -> DeliveryReport:
    channels = Channels(make_mailer(config.notify), AppriseSender())
    how = Delivering(config.notify, LONDON, clock)
    return asyncio.run(deliver_pending(archive, channels, how))


QUOTES = ("First thing.", "Second thing.", "Third thing.")


def said(message: EmailMessage) -> str:
    """Which of the queued quotes the email carries (exactly one)."""
    plain = parts(message)[0]
    (found,) = [q for q in QUOTES if q in plain]
    return found


def _with_smtp(config: Config, sink: SmtpSink) -> Config:
    smtp_config = load(basic_config(config.path.parent, smtp_port=sink.port))
    return replace(config, notify=smtp_config.notify)


def test_deliver_pending_through_smtp_in_order(
    queued: tuple[Config, Archive], smtp_server: SmtpSink
) -> None:
    config, archive = queued
    config = _with_smtp(config, smtp_server)
    clock = Clock(T0 + timedelta(minutes=1))

    assert _deliver(config, archive, clock) == DeliveryReport(sent=3, failed=0)

    mails = smtp_server.messages
    assert [m.rcpt_tos for m in mails] == [("desk@example.org",)] * 3
    assert [m.mail_from for m in mails] == ["alerts@example.org"] * 3
    assert [said(m.message) for m in mails] == ["First thing.", "Second thing.", "Third thing."]
    assert archive.due_messages(clock() + timedelta(hours=1)) == []
    sent = archive.outbox(("sent",))
    assert [(e.status, e.attempts, e.last_error) for e in sent] == [("sent", 1, None)] * 3
    assert archive.outbox() == []

    assert _deliver(config, archive, clock) == DeliveryReport()  # nothing twice
    assert len(smtp_server.messages) == 3


def test_alerts_wait_while_smtp_is_down_and_go_exactly_once_after(
    queued: tuple[Config, Archive],
) -> None:
    config, archive = queued
    sink = SmtpSink()  # not started: connections are refused
    config = _with_smtp(config, sink)
    retry = config.notify.retry_initial
    assert retry == 1.0
    clock = Clock(T0 + timedelta(minutes=1))
    try:
        assert _deliver(config, archive, clock) == DeliveryReport(sent=0, failed=3)
        waiting = archive.outbox()
        assert [e.status for e in waiting] == ["failing"] * 3
        assert all(e.attempts == 1 for e in waiting)
        assert all(e.last_error and "cannot reach SMTP server" in e.last_error for e in waiting)
        assert all(e.next_attempt_at == clock() + timedelta(seconds=retry) for e in waiting)
        assert archive.due_messages(clock()) == []

        # Still down at the retry: the delay doubles.
        clock.advance(retry)
        assert _deliver(config, archive, clock) == DeliveryReport(sent=0, failed=3)
        waiting = archive.outbox()
        assert all(e.next_attempt_at == clock() + timedelta(seconds=2 * retry) for e in waiting)
        assert all(e.attempts == 2 for e in waiting)

        sink.start()
        clock.advance(retry)  # not yet due
        assert _deliver(config, archive, clock) == DeliveryReport()
        assert sink.messages == []

        clock.advance(retry)
        assert _deliver(config, archive, clock) == DeliveryReport(sent=3, failed=0)
        clock.advance(3600)
        assert _deliver(config, archive, clock) == DeliveryReport()
        mails = sink.messages
        assert len(mails) == 3
        assert len({m.message["Message-ID"] for m in mails}) == 3
        assert [said(m.message) for m in mails] == ["First thing.", "Second thing.", "Third thing."]
        assert archive.outbox() == []
        assert [e.attempts for e in archive.outbox(("sent",))] == [3, 3, 3]
    finally:
        sink.stop()


def test_deliver_pending_without_smtp_writes_eml_files(queued: tuple[Config, Archive]) -> None:
    config, archive = queued
    assert config.notify.smtp is None
    clock = Clock(T0 + timedelta(minutes=1))
    assert _deliver(config, archive, clock) == DeliveryReport(sent=3, failed=0)
    assert _deliver(config, archive, clock) == DeliveryReport()
    files = sorted(config.notify.outbox_dir.glob("*.eml"))
    assert len(files) == 3
    assert sorted(p.name for p in config.notify.outbox_dir.iterdir()) == [f.name for f in files]
    texts = []
    for path in files:
        message = email.message_from_bytes(path.read_bytes(), policy=email.policy.default)
        assert isinstance(message, EmailMessage)
        texts.append(parts(message)[0])
    assert sorted(t for t in texts) == sorted(texts)
    assert sorted(next(q for q in QUOTES if q in t) for t in texts) == sorted(QUOTES)
