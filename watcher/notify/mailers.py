"""Getting a message out: SMTP, .eml files in the outbox folder, or Apprise URLs."""

from __future__ import annotations

import os
import re
import smtplib
import ssl
import tempfile
from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from email.message import EmailMessage
from email.utils import parsedate_to_datetime
from pathlib import Path
from typing import Protocol
from zoneinfo import ZoneInfo

from watcher.config import NotifySettings, SmtpSettings
from watcher.errors import DeliveryError
from watcher.notify.render import ShortMessage
from watcher.register import fold
from watcher.secrets import scheme_of


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
    """Writes each alert as an .eml file: the watcher's zero-set-up outbox. A file's name
    says when it was written and whom it tells of (`eml_name`)."""

    def __init__(self, folder: Path, zone: ZoneInfo | None = None) -> None:
        self.folder = folder
        self.zone = zone or ZoneInfo("UTC")

    @contextmanager
    def session(self) -> Iterator[MailSession]:
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise DeliveryError(f"cannot create outbox folder {self.folder}: {exc}") from None
        yield self

    def send(self, message: EmailMessage) -> str:
        written = eml_file(self.folder, _message_id(message))
        if written is not None:  # sent already: a message is written once
            return str(written)
        path = self.folder / eml_name(message, self.zone)
        try:
            with tempfile.NamedTemporaryFile("wb", dir=self.folder, delete=False) as handle:
                handle.write(message.as_bytes())
                handle.flush()
                os.fsync(handle.fileno())
            os.replace(handle.name, path)
        except OSError as exc:
            raise DeliveryError(f"cannot write {path}: {exc}") from None
        return str(path)


def eml_name(message: EmailMessage, zone: ZoneInfo) -> str:
    """'20261204-2310-ian-lavery-0c1f2e3d.eml': the message's local date and time, the first
    MP it tells of (else what it is), and the end of its Message-ID, in safe characters."""
    try:
        written = parsedate_to_datetime(str(message["Date"]))
    except (TypeError, ValueError):
        written = datetime.now(UTC)
    if written.tzinfo is None:
        written = written.replace(tzinfo=UTC)
    about = str(message["X-Watcher-MP"] or "").split(",")[0] or str(
        message["X-Watcher-Message"] or "message"
    )
    slug = re.sub(r"[^a-z0-9]+", "-", fold(about).casefold()).strip("-")[:40].strip("-")
    stamp = written.astimezone(zone).strftime("%Y%m%d-%H%M")
    return f"{stamp}-{slug or 'message'}-{short_id(_message_id(message))}.eml"


def eml_file(folder: Path, message_id: str) -> Path | None:
    """The .eml file written for the message with this Message-ID (or outbox key), if any."""
    return next(iter(sorted(folder.glob(f"*-{short_id(message_id)}.eml"))), None)


def short_id(message_id: str) -> str:
    """The last eight letters and digits of a Message-ID's own part (an outbox key's end)."""
    return re.sub(r"[^A-Za-z0-9]", "", message_id.split("@")[0])[-8:].lower() or "none"


def _message_id(message: EmailMessage) -> str:
    return str(message["Message-ID"] or "").strip().strip("<>")


class AppriseSender:
    """Posts the short form of a message through Apprise: Slack, Teams, Matrix, webhooks..."""

    def send(self, url: str, message: ShortMessage) -> str:
        import apprise  # loaded only when a subscription uses it: it is slow to import

        scheme = scheme_of(url)
        client = apprise.Apprise()
        if not client.add(url):
            raise DeliveryError(f"Apprise cannot use this {scheme}:// URL")
        accepted = client.notify(
            title=message.title, body=message.body, body_format=apprise.NotifyFormat.TEXT
        )
        if not accepted:
            raise DeliveryError(f"the {scheme}:// service did not accept the message")
        return f"apprise {scheme}://"


def make_mailer(settings: NotifySettings, zone: ZoneInfo | None = None) -> SmtpMailer | FileMailer:
    """SMTP when configured, else .eml files named in `zone`'s time (UTC if not given)."""
    return SmtpMailer(settings.smtp) if settings.smtp else FileMailer(settings.outbox_dir, zone)
