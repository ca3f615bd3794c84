"""Alerts: who gets which statement, what the email says, and getting it delivered.

`route()` (who gets which statement) and `render_message()` / `render_short()` (what the email
or chat post says) are pure. `deliver_pending()` drains the archive's outbox: email through
SMTP when configured, else .eml files in the outbox folder; chat through Apprise. A message is
marked sent the moment the server accepts it; until then it stays in the outbox and is retried
with backoff, until its give-up time.
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
from watcher.notify.render import ShortMessage, render_message, render_short, render_test_message
from watcher.notify.route import route

__all__ = [
    "AppriseSender",
    "Channels",
    "Delivering",
    "DeliveryReport",
    "FileMailer",
    "MailSession",
    "Mailer",
    "ShortMessage",
    "SmtpMailer",
    "deliver_pending",
    "make_mailer",
    "queue_policy",
    "render_message",
    "render_short",
    "render_test_message",
    "route",
]
