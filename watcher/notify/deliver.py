"""Draining the outbox: every due message sent, each acceptance recorded at once."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from watcher.archive import Archive
from watcher.config import NotifySettings
from watcher.errors import DeliveryError
from watcher.models import Alert
from watcher.notify.mailers import Mailer
from watcher.notify.render import render_alert

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class DeliveryReport:
    sent: int = 0
    failed: int = 0


async def deliver_pending(
    archive: Archive,
    mailer: Mailer,
    settings: NotifySettings,
    zone: ZoneInfo,
    clock: Callable[[], datetime],
) -> DeliveryReport:
    """Send every alert that is due, oldest first, recording each acceptance at once.

    The mail server is spoken to in a worker thread, so a slow one never holds up polling; the
    archive is written from the caller's thread.
    """
    alerts = archive.due_alerts(clock())
    if not alerts:
        return DeliveryReport()
    sent = 0
    opening = mailer.session()
    try:
        session = await asyncio.to_thread(opening.__enter__)
    except DeliveryError as exc:
        for alert in alerts:
            _postpone(archive, alert, str(exc), settings, clock())
        return DeliveryReport(failed=len(alerts))
    try:
        for alert in alerts:
            message = render_alert(alert, settings.sender, zone, clock())
            try:
                where = await asyncio.to_thread(session.send, message)
            except DeliveryError as exc:
                _postpone(archive, alert, str(exc), settings, clock())
                continue
            archive.mark_sent(alert.outbox_id, clock())
            sent += 1
            log.info(
                "alert sent: outbox=%d mp=%r to=%s via %s",
                alert.outbox_id,
                alert.mp,
                alert.recipient,
                where,
            )
    finally:
        await asyncio.to_thread(opening.__exit__, None, None, None)
    return DeliveryReport(sent=sent, failed=len(alerts) - sent)


def _postpone(
    archive: Archive, alert: Alert, error: str, settings: NotifySettings, now: datetime
) -> None:
    delay = min(settings.retry_initial * 2**alert.attempts, settings.retry_max)
    archive.mark_failed(alert.outbox_id, error, now + timedelta(seconds=delay))
    log.error(
        "alert not delivered, will retry in %ds: outbox=%d to=%s: %s",
        delay,
        alert.outbox_id,
        alert.recipient,
        error,
    )
