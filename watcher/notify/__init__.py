"""Alerts: who gets which statement, what the email says, and getting it delivered.

`route()` and `render_alert()` are pure. `deliver_pending()` drains the archive's outbox through
a mailer: SMTP when configured, else .eml files in the outbox folder. An alert is marked sent
the moment the server accepts it; until then it stays in the outbox and is retried with backoff.
"""

from watcher.notify.deliver import (
    Channels,
    Delivering,
    DeliveryReport,
    deliver_pending,
    queue_policy,
)
from watcher.notify.mailers import (
    AppriseSender,
    FileMailer,
    Mailer,
    MailSession,
    SmtpMailer,
    make_mailer,
)
from watcher.notify.render import render_message, render_short, render_test_message
from watcher.notify.route import route

__all__ = [
    "AppriseSender",
    "Channels",
    "Delivering",
    "DeliveryReport",
    "FileMailer",
    "MailSession",
    "Mailer",
    "SmtpMailer",
    "deliver_pending",
    "make_mailer",
    "queue_policy",
    "render_message",
    "render_short",
    "render_test_message",
    "route",
]
