"""Who gets which statement: subscriptions matched against statements. Pure."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime, timedelta
from email.utils import parseaddr
from zoneinfo import ZoneInfo

from watcher.archive.matcher import matching_queries
from watcher.config import QuietHours, Subscription
from watcher.models import MP, Channel, Delivery, Item, Statement


def route(
    statements: Sequence[Statement],
    item: Item,
    subscriptions: Sequence[Subscription],
    mps: Mapping[str, MP],
    now: datetime,
    zone: ZoneInfo,
) -> list[Delivery]:
    """One delivery per statement and recipient, whichever subscriptions ask for it.

    A recipient named by two subscriptions gets the statement once, by the first that wants it.
    """
    deliveries = []
    for index, statement in enumerate(statements):
        mp = mps.get(statement.mp) or MP(statement.mp)
        wanted = [s for s in subscriptions if s.wants(mp, statement.kind, item.source.name)]
        queries = {s.query for s in wanted if s.query}
        matched = matching_queries(statement.text, queries) if queries else set()
        seen: set[tuple[Channel, str]] = set()
        for subscription in wanted:
            if subscription.query and subscription.query not in matched:
                continue
            not_before = _held_until(subscription.quiet_hours, statement, now, zone)
            for channel, recipient in recipients_of(subscription):
                key = (channel, _mailbox(channel, recipient))
                if key in seen:
                    continue
                seen.add(key)
                deliveries.append(
                    Delivery(
                        statement_index=index,
                        recipient=recipient,
                        subscription=subscription.name,
                        channel=channel,
                        digest=subscription.digest,
                        not_before=None if subscription.digest else not_before,
                        follow_ups=subscription.follow_ups,
                    )
                )
    return deliveries


def recipients_of(subscription: Subscription) -> list[tuple[Channel, str]]:
    emails: list[tuple[Channel, str]] = [("email", r) for r in subscription.recipients]
    return emails + [("apprise", url) for url in subscription.apprise]


def _mailbox(channel: Channel, recipient: str) -> str:
    return parseaddr(recipient)[1].casefold() if channel == "email" else recipient


def _held_until(
    quiet: QuietHours | None, statement: Statement, now: datetime, zone: ZoneInfo
) -> datetime | None:
    """The end of quiet hours when `now` falls in them and the statement is routine."""
    if quiet is None or statement.kind in quiet.urgent:
        return None
    return quiet_end(quiet, now, zone)


def quiet_end(quiet: QuietHours, now: datetime, zone: ZoneInfo) -> datetime | None:
    """When the quiet spell holding `now` ends, or None outside quiet hours.

    Quiet hours may cross midnight (23:00 to 07:00) or not (12:00 to 14:00).
    """
    local = now.astimezone(zone)
    today_end = datetime.combine(local.date(), quiet.end, tzinfo=zone)
    clock = local.time()
    if quiet.start <= quiet.end:
        inside = quiet.start <= clock < quiet.end
        return today_end if inside else None
    if clock >= quiet.start:
        return datetime.combine(local.date() + timedelta(days=1), quiet.end, tzinfo=zone)
    if clock < quiet.end:
        return today_end
    return None
