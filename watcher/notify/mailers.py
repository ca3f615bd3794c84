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
from email.message import EmailMessage
from pathlib import Path
from typing import Protocol

from watcher.config import NotifySettings, SmtpSettings
from watcher.errors import DeliveryError
from watcher.notify.render import ShortMessage
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


def make_mailer(settings: NotifySettings) -> SmtpMailer | FileMailer:
    return SmtpMailer(settings.smtp) if settings.smtp else FileMailer(settings.outbox_dir)
