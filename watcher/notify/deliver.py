"""Draining the outbox: every due message sent, each acceptance recorded at once.

Before sending, digests whose time has come are put together and messages past their give-up
time are declared dead (the admin is told once). Messages then go out oldest first. When a
channel is down, every message waiting on it is held to the same retry time, so that they
all go out together, in order, once it is back.

Several processes may drain one archive: each message is claimed before it is sent (a lease
in the archive, see `Archive.claim`), and only the claimant sends it. Each message is drawn
before it is sent: one that cannot be drawn is dead on its own, and the rest go out.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta
from email.message import EmailMessage
from typing import Any, Generic, TypeVar
from zoneinfo import ZoneInfo

from watcher.archive import Archive, claimant_id
from watcher.archive.outbox import DigestPlan, NewMessage, message_key
from watcher.config import NotifySettings, Subscription
from watcher.errors import DeliveryError
from watcher.links import alerts_page
from watcher.models import Channel, Message
from watcher.notify.mailers import AppriseSender, Mailer
from watcher.notify.queueing import QueuePolicy
from watcher.notify.render import ShortMessage, render_message, render_short
from watcher.notify.saved import with_saved_alerts
from watcher.secrets import without_secrets
from watcher.timefmt import local_text
from watcher.unsubscribe import unsubscribe_link

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class DeliveryReport:
    sent: int = 0
    failed: int = 0


@dataclass(frozen=True)
class Channels:
    """Where messages go out: email through a mailer, chat through Apprise."""

    mailer: Mailer
    apprise: AppriseSender


@dataclass(frozen=True)
class Delivering:
    """What draining the outbox needs besides the archive and the channels.

    `lease` is how long a claim on a message lasts at least: longer than one send can take, so
    that it lapses only when its claimant has died (see `claim_for`).
    """

    settings: NotifySettings
    zone: ZoneInfo
    clock: Callable[[], datetime]
    archive_url: str | None = None
    owner: str = field(default_factory=claimant_id)
    lease: float = 600.0
    link_key: bytes | None = None  # signs unsubscribe links; None: the archive's own key


LEASE_IN_TIMEOUTS = 10  # a send is a few exchanges with the server, each within its timeout


def claim_for(how: Delivering) -> float:
    """How long a claim lasts: `lease`, or ten SMTP timeouts if that is longer."""
    smtp = how.settings.smtp
    return max(how.lease, LEASE_IN_TIMEOUTS * smtp.timeout) if smtp else how.lease


def queue_policy(settings: NotifySettings) -> QueuePolicy:
    return QueuePolicy(settings.story_window, settings.follow_up_every, settings.give_up_after)


async def deliver_pending(
    archive: Archive, channels: Channels, how: Delivering, limit: int = 200
) -> DeliveryReport:
    """Put due digests together, give up on the hopeless, and send what is due.

    The subscriptions are those of sources.yaml and the alerts saved on the page, without
    the addresses that unsubscribed; what a poll queued for an address that has left since
    is withdrawn first."""
    now = how.clock()
    how = live(archive, how)
    archive.withdraw_unsubscribed(now)
    archive.build_digests(
        digest_plans(how.settings.subscriptions, now, how), now, queue_policy(how.settings)
    )
    archive.give_up(now, lambda rows: dead_notice(rows, how, now))
    messages = archive.due_messages(now, limit)
    report = DeliveryReport()
    for channel in ("email", "apprise"):
        batch = [m for m in messages if m.channel == channel]
        if batch:
            done = await _send_batch(archive, channels, channel, batch, how)
            report = DeliveryReport(report.sent + done.sent, report.failed + done.failed)
    return report


async def _send_batch(
    archive: Archive,
    channels: Channels,
    channel: Channel,
    messages: Sequence[Message],
    how: Delivering,
) -> DeliveryReport:
    if channel == "apprise":
        way = _Way(_apprise_draw(how), _apprise_send(channels.apprise))
        return await _send_each(archive, messages, how, way)
    opening = channels.mailer.session()
    try:
        session = await asyncio.to_thread(opening.__enter__)
    except DeliveryError as exc:
        _hold_channel(archive, channel, messages, str(exc), how)
        return DeliveryReport(failed=len(messages))
    try:
        draw = _email_draw(how)
        return await _send_each(archive, messages, how, _Way(draw, lambda e: str(session.send(e))))
    finally:
        await asyncio.to_thread(opening.__exit__, None, None, None)


Drawn = TypeVar("Drawn")


@dataclass(frozen=True)
class _Way(Generic[Drawn]):
    """How a channel's messages go out: drawn (pure, in this thread), then sent (in a worker
    thread; raises DeliveryError). Returns where the message went."""

    draw: Callable[[Message], Drawn]
    send: Callable[[Drawn], str]


async def _send_each(
    archive: Archive, messages: Sequence[Message], how: Delivering, way: _Way[Drawn]
) -> DeliveryReport:
    """Each message claimed, drawn and sent; those another process holds are left to it."""
    sent = failed = 0
    for message in messages:
        now = how.clock()
        until = now + timedelta(seconds=claim_for(how))
        if not archive.claim(message.outbox_id, how.owner, now, until):
            continue  # another process is sending it, or has sent it
        drawn = _drawn(archive, _addressed(message, how), how, way)
        if drawn is None:
            failed += 1
            continue
        try:
            where = await asyncio.to_thread(way.send, drawn)
        except DeliveryError as exc:
            _postpone(archive, message, str(exc), how)
            failed += 1
            continue
        archive.mark_sent(message.outbox_id, how.clock())
        sent += 1
        log.info(
            "%s sent: outbox=%d to=%s via %s",
            message.kind,
            message.outbox_id,
            _shown(message),
            where,
        )
    return DeliveryReport(sent, failed)


def _drawn(archive: Archive, message: Message, how: Delivering, way: _Way[Drawn]) -> Drawn | None:
    """The message drawn for its channel; None, and the message dead, if it cannot be."""
    try:
        return way.draw(message)
    except Exception as exc:  # a fault in drawing one message is that message's alone
        error = f"cannot be drawn: {type(exc).__name__}: {exc}"
        archive.mark_undrawable(message.outbox_id, error, how.clock())
        log.exception(
            "%s %s: outbox=%d to=%s", message.kind, error, message.outbox_id, _shown(message)
        )
        return None


def _email_draw(how: Delivering) -> Callable[[Message], EmailMessage]:
    def draw(message: Message) -> EmailMessage:
        return render_message(message, how.settings.sender, how.zone, how.clock())

    return draw


def _apprise_draw(how: Delivering) -> Callable[[Message], tuple[str, ShortMessage]]:
    def draw(message: Message) -> tuple[str, ShortMessage]:
        return message.recipient, render_short(message, how.zone)

    return draw


def _apprise_send(sender: AppriseSender) -> Callable[[tuple[str, ShortMessage]], str]:
    def send(addressed: tuple[str, ShortMessage]) -> str:
        return sender.send(*addressed)

    return send


def live(archive: Archive, how: Delivering) -> Delivering:
    """`how` with the saved alerts among the subscriptions, and the link key settled."""
    settings = with_saved_alerts(how.settings, archive.saved_alerts(), archive.unsubscribed())
    return replace(how, settings=settings, link_key=how.link_key or archive.link_key())


def _addressed(message: Message, how: Delivering) -> Message:
    """The message with what the archive does not know: how to leave the subscription, the
    page that manages it, its name as shown, and the web page."""
    subscription = how.settings.subscription(message.subscription)
    owner = subscription.owner if subscription else None
    page = how.archive_url
    email = message.channel == "email" and subscription is not None
    link = None
    if page and email and how.link_key:
        link = unsubscribe_link(page, how.link_key, message.subscription, message.recipient)
    return replace(
        message,
        unsubscribe=owner or how.settings.admin,
        archive_url=page,
        unsubscribe_url=link,
        manage_url=alerts_page(page) if page and subscription else None,
        subscription_title=subscription.shown_name if subscription else None,
    )


def _postpone(archive: Archive, message: Message, error: str, how: Delivering) -> None:
    delay = _backoff(message.attempts, how.settings)
    archive.mark_failed(message.outbox_id, error, how.clock() + timedelta(seconds=delay))
    log.error(
        "%s not delivered, will retry in %ds: outbox=%d to=%s: %s",
        message.kind,
        delay,
        message.outbox_id,
        _shown(message),
        error,
    )


def _hold_channel(
    archive: Archive, channel: Channel, messages: Sequence[Message], error: str, how: Delivering
) -> None:
    delay = _backoff(max(m.attempts for m in messages), how.settings)
    now = how.clock()
    archive.postpone_channel(channel, error, now, now + timedelta(seconds=delay))
    for message in messages:
        log.error(
            "%s not delivered, will retry in %ds with every message waiting: outbox=%d to=%s: %s",
            message.kind,
            delay,
            message.outbox_id,
            _shown(message),
            error,
        )


def _backoff(attempts: int, settings: NotifySettings) -> float:
    return float(min(settings.retry_initial * 2**attempts, settings.retry_max))


def _shown(message: Message) -> str:
    """The recipient for a log line: Apprise URLs hold secrets, so only their scheme."""
    if message.channel == "email":
        return message.recipient
    return without_secrets(message.recipient)


# --- digests and dead messages ----------------------------------------------------------------


def digest_plans(
    subscriptions: Sequence[Subscription], now: datetime, how: Delivering
) -> list[DigestPlan]:
    return [DigestPlan(s.name, last_period_end(s, now, how)) for s in subscriptions if s.digest]


def last_period_end(subscription: Subscription, now: datetime, how: Delivering) -> datetime:
    """The most recent digest time at or before `now`: the hour, or the day's set time."""
    local = now.astimezone(how.zone)
    if subscription.daily_at is None:
        return local.replace(minute=0, second=0, microsecond=0)
    today = datetime.combine(local.date(), subscription.daily_at, tzinfo=how.zone)
    return today if today <= local else today - timedelta(days=1)


def dead_notice(rows: list[dict[str, Any]], how: Delivering, now: datetime) -> NewMessage | None:
    """One notice to the admin listing the messages that have just been given up on."""
    if not how.settings.admin:
        for row in rows:
            log.error("gave up on outbox=%d (%s): %s", row["id"], row["kind"], row["last_error"])
        return None
    lines = [
        f"The watcher gave up on {len(rows)} message(s) after trying for"
        f" {how.settings.give_up_after / 3600:g} hours.",
        "",
    ]
    for row in rows:
        recipient = row["recipient"] if row["channel"] == "email" else row["channel"]
        lines += [
            f"#{row['id']} {row['kind']} to {recipient} ({row['subscription']}),"
            f" queued {local_text(_parse(row['created_at']), how.zone)},"
            f" {row['attempts']} attempts",
            f"  last error: {row['last_error'] or 'none recorded'}",
        ]
    lines += ["", "To send one again: watcher outbox retry ID"]
    ids = ",".join(str(r["id"]) for r in rows)
    return NewMessage(
        kind="notice",
        channel="email",
        recipient=how.settings.admin,
        subscription="admin",
        key=message_key("dead", ids, now.isoformat()),
        subject=f"Watcher: {len(rows)} alert(s) could not be delivered",
        body="\n".join(lines),
    )


def _parse(text: str) -> datetime:
    return datetime.fromisoformat(text)
