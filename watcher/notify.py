"""Alerts: who gets which statement, what the email says, and getting it delivered.

`route()` and `render_alert()` are pure. `deliver_pending()` drains the archive's outbox through
a mailer: SMTP when configured, else .eml files in the outbox folder. An alert is marked sent
the moment the server accepts it; until then it stays in the outbox and is retried with backoff.
"""

from __future__ import annotations

import asyncio
import html
import logging
import os
import re
import smtplib
import ssl
import tempfile
from collections.abc import Callable, Iterator, Sequence
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass
from datetime import datetime, timedelta
from email.message import EmailMessage
from email.utils import format_datetime, parseaddr
from pathlib import Path
from typing import Protocol
from zoneinfo import ZoneInfo

from watcher.archive import Archive
from watcher.config import NotifySettings, SmtpSettings, Subscription
from watcher.errors import DeliveryError
from watcher.models import Alert, Delivery, Kind, Statement
from watcher.timefmt import local_text

log = logging.getLogger(__name__)

KIND_LABELS: dict[Kind, str] = {
    "leadership_bid": "is standing for leader",
    "leadership_declined": "is not standing for leader",
    "endorsement": "endorses",
    "resignation": "resigns",
    "defection": "defects",
    "statement": "statement",
}


def route(statements: Sequence[Statement], subscriptions: Sequence[Subscription]) -> list[Delivery]:
    """One delivery per statement and recipient, whichever subscriptions ask for it."""
    deliveries = []
    for index, statement in enumerate(statements):
        seen: set[str] = set()
        for subscription in subscriptions:
            if not subscription.wants(statement.mp, statement.kind):
                continue
            for recipient in subscription.recipients:
                mailbox = parseaddr(recipient)[1].casefold()
                if mailbox not in seen:
                    seen.add(mailbox)
                    deliveries.append(Delivery(index, recipient, subscription.name))
    return deliveries


# --- the email --------------------------------------------------------------------------------

_CONTROL = re.compile(r"[\x00-\x1f\x7f\u2028\u2029]+")


def one_line(text: str, limit: int) -> str:
    """Web text made safe for a header or a single line: no breaks, no control characters."""
    flat = " ".join(_CONTROL.sub(" ", text).split())
    return flat if len(flat) <= limit else flat[: limit - 1].rstrip() + "…"


def mail_domain(sender: str) -> str:
    address = parseaddr(sender)[1]
    return address.rpartition("@")[2] or "watcher.localhost"


def describe_mp(alert: Alert) -> str:
    details = ", ".join(p for p in (alert.party, alert.constituency) if p)
    return f"{alert.mp} ({details})" if details else alert.mp


def subject_for(alert: Alert) -> str:
    action = KIND_LABELS[alert.kind]
    if alert.kind == "statement":
        return one_line(f"{alert.mp}: “{one_line(alert.text, 90)}”", 140)
    target = f" {alert.target}" if alert.target else ""
    return one_line(f"{alert.mp} {action}{target}", 140)


def _facts(alert: Alert, zone: ZoneInfo) -> list[tuple[str, str]]:
    facts = [
        ("Kind", alert.kind + (f" ({alert.target})" if alert.target else "")),
        ("Said", local_text(alert.said_at, zone) or "not stated"),
        ("Published", local_text(alert.published_at, zone) or "not stated"),
        ("First seen", local_text(alert.first_seen_at, zone)),
        ("Source", one_line(alert.source, 200)),
    ]
    if alert.title:
        facts.append(("Title", one_line(alert.title, 300)))
    return facts


def _safe_link(url: str | None) -> str | None:
    if url and re.match(r"^https?://", url, re.IGNORECASE):
        return one_line(url, 2000)
    return None


def render_alert(alert: Alert, sender: str, zone: ZoneInfo, now: datetime) -> EmailMessage:
    """The alert email, plain text and HTML saying the same thing. Pure."""
    message = EmailMessage()
    message["Subject"] = subject_for(alert)
    message["From"] = sender
    message["To"] = alert.recipient
    message["Date"] = format_datetime(now)
    message["Message-ID"] = f"<{alert.message_key}@{mail_domain(sender)}>"
    message["X-Watcher-MP"] = one_line(alert.mp, 120)
    message["X-Watcher-Kind"] = alert.kind
    message.set_content(_plain(alert, zone))
    message.add_alternative(_html(alert, zone), subtype="html")
    return message


def _plain(alert: Alert, zone: ZoneInfo) -> str:
    lines = [describe_mp(alert), "", f"“{alert.text}”", ""]
    lines += [f"{label + ':':<12}{value}" for label, value in _facts(alert, zone)]
    link = _safe_link(alert.url)
    if link:
        lines.append(f"{'Link:':<12}{link}")
    lines += ["", "-- ", "Sent by the watcher."]
    return "\n".join(lines) + "\n"


def _html(alert: Alert, zone: ZoneInfo) -> str:
    e = html.escape
    paragraphs = "".join(f"<p>{e(p)}</p>" for p in alert.text.split("\n\n") if p.strip())
    rows = "".join(
        f"<tr><th align='left'>{e(label)}</th><td>{e(value)}</td></tr>"
        for label, value in _facts(alert, zone)
    )
    link = _safe_link(alert.url)
    if link:
        rows += f"<tr><th align='left'>Link</th><td><a href='{e(link)}'>{e(link)}</a></td></tr>"
    return (
        "<!doctype html><html><body>"
        f"<h2>{e(describe_mp(alert))}</h2>"
        f"<blockquote>{paragraphs}</blockquote>"
        f"<table>{rows}</table>"
        "<p><small>Sent by the watcher.</small></p>"
        "</body></html>\n"
    )


def render_test_message(sender: str, recipient: str, now: datetime) -> EmailMessage:
    message = EmailMessage()
    message["Subject"] = "Watcher test message"
    message["From"] = sender
    message["To"] = recipient
    message["Date"] = format_datetime(now)
    message["Message-ID"] = f"<test-{int(now.timestamp())}@{mail_domain(sender)}>"
    message.set_content("This is a test message from the watcher. Alerts will look like this.\n")
    message.add_alternative("<p>This is a test message from the watcher.</p>\n", subtype="html")
    return message


# --- mailers ----------------------------------------------------------------------------------


class MailSession(Protocol):
    def send(self, message: EmailMessage) -> str:
        """Deliver one message; returns where it went. Raises DeliveryError."""


class Mailer(Protocol):
    def session(self) -> AbstractContextManager[MailSession]: ...


class SmtpMailer:
    """Sends through an SMTP server: plain, STARTTLS or SSL, with optional login."""

    def __init__(self, settings: SmtpSettings) -> None:
        self.settings = settings

    @contextmanager
    def session(self) -> Iterator[MailSession]:
        smtp = self._connect()
        try:
            yield _SmtpSession(smtp, self.settings.host)
        finally:
            try:
                smtp.quit()
            except (smtplib.SMTPException, OSError):
                smtp.close()

    def _connect(self) -> smtplib.SMTP:
        s = self.settings
        try:
            smtp: smtplib.SMTP
            context = ssl.create_default_context(cafile=s.ca_file)
            if s.ssl:
                smtp = smtplib.SMTP_SSL(s.host, s.port, timeout=s.timeout, context=context)
            else:
                smtp = smtplib.SMTP(s.host, s.port, timeout=s.timeout)
            if s.starttls:
                smtp.starttls(context=context)
            if s.username:
                smtp.login(s.username, s.password.get_secret_value() if s.password else "")
        except (smtplib.SMTPException, OSError) as exc:
            raise DeliveryError(f"cannot reach SMTP server {s.host}:{s.port}: {exc}") from None
        return smtp


@dataclass
class _SmtpSession:
    smtp: smtplib.SMTP
    host: str

    def send(self, message: EmailMessage) -> str:
        try:
            self.smtp.send_message(message)
        except (smtplib.SMTPException, OSError) as exc:
            raise DeliveryError(f"SMTP server {self.host} refused: {exc}") from None
        return f"smtp {self.host}"


class FileMailer:
    """Writes each alert as an .eml file: the watcher's zero-set-up outbox."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    @contextmanager
    def session(self) -> Iterator[MailSession]:
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise DeliveryError(f"cannot create outbox folder {self.folder}: {exc}") from None
        yield self

    def send(self, message: EmailMessage) -> str:
        name = re.sub(r"[^A-Za-z0-9._-]", "_", str(message["Message-ID"]).strip("<>")) + ".eml"
        path = self.folder / name
        if path.exists():
            return str(path)
        try:
            with tempfile.NamedTemporaryFile("wb", dir=self.folder, delete=False) as handle:
                handle.write(message.as_bytes())
                handle.flush()
                os.fsync(handle.fileno())
            os.replace(handle.name, path)
        except OSError as exc:
            raise DeliveryError(f"cannot write {path}: {exc}") from None
        return str(path)


def make_mailer(settings: NotifySettings) -> SmtpMailer | FileMailer:
    return SmtpMailer(settings.smtp) if settings.smtp else FileMailer(settings.outbox_dir)


# --- draining the outbox ----------------------------------------------------------------------


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
