"""Alerts for deleted and edited items: who is told, and what the message says. Pure.

Subscriptions with `changes: true` are told, when they would want the MP (and, if they choose
kinds, sources or a query, when the item's statements fit). One message per change and
recipient: its key is made from the item version that recorded the change. A deletion of a
statement of an urgent kind is itself urgent: it goes out in quiet hours, marked so.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime
from email.utils import parseaddr
from zoneinfo import ZoneInfo

from watcher.archive.matcher import matching_queries
from watcher.archive.outbox import NewMessage, message_key
from watcher.changes import Change
from watcher.config import Subscription
from watcher.kinds import contest_kinds, kind_info
from watcher.models import MP
from watcher.notify.route import quiet_end, recipients_of
from watcher.notify.wording import one_line, platform_of, possessive
from watcher.timefmt import local_text


def change_messages(
    change: Change,
    subscriptions: Sequence[Subscription],
    mps: Mapping[str, MP],
    now: datetime,
    zone: ZoneInfo,
    base_url: str | None = None,
) -> list[tuple[NewMessage, datetime]]:
    """The messages telling of `change`, each with when it is due. An article about MPs
    is told of only when it carried a contest statement; the MPs' own posts always are."""
    if not change.own and not set(change.kinds) & set(contest_kinds()):
        return []
    subject, body = change_text(change, zone, base_url)
    messages = []
    seen: set[tuple[str, str]] = set()
    for subscription in subscriptions:
        if not (subscription.changes and wants_change(subscription, change, mps)):
            continue
        urgent = is_urgent(change, subscription)
        quiet = subscription.quiet_hours
        held = None if urgent or quiet is None else quiet_end(quiet, now, zone)
        for channel, recipient in recipients_of(subscription):
            mailbox = parseaddr(recipient)[1].casefold() if channel == "email" else recipient
            if (channel, mailbox) in seen:
                continue
            seen.add((channel, mailbox))
            key = message_key("change", change.version_id, channel, mailbox)
            shown = f"Urgent: {subject}" if urgent else subject
            new = NewMessage("notice", channel, recipient, subscription.name, key, shown, body)
            messages.append((new, held or now))
    return messages


def wants_change(subscription: Subscription, change: Change, mps: Mapping[str, MP]) -> bool:
    """Whether the subscription would want the item's MP, kinds, source and words."""
    if not any(subscription.wants_mp(mps.get(name) or MP(name)) for name in change.mps):
        return False
    if subscription.kinds is not None and not set(change.kinds) & subscription.kinds:
        return False
    if subscription.sources and change.source.casefold() not in subscription.sources:
        return False
    if subscription.query:
        return bool(matching_queries(change.before, {subscription.query}))
    return True


def is_urgent(change: Change, subscription: Subscription) -> bool:
    """A deletion of a statement of a kind that goes out at once in quiet hours."""
    if change.what != "deleted":
        return False
    quiet = subscription.quiet_hours
    return any((kind in quiet.urgent) if quiet else kind_info(kind).urgent for kind in change.kinds)


def change_text(change: Change, zone: ZoneInfo, base_url: str | None = None) -> tuple[str, str]:
    """The subject and the plain-text body: what happened, when the item was posted, and the
    text as it was (with the difference, for an edit)."""
    headline = _headline(change)
    gist = one_line(change.before or change.title, 90)
    subject = f"{headline}: “{gist}”" if gist else headline
    facts = [
        f"Posted: {local_text(change.posted_at, zone) if change.posted_at else 'time unknown'}",
        f"Found {change.what}: {local_text(change.found_at, zone)}",
    ]
    if change.url:
        facts.append(f"Address: {change.url}")
    if change.detail:
        facts.append(f"How it showed: {change.detail}")
    if base_url and change.statement_id is not None:
        facts.append(f"In the archive: {base_url.rstrip('/')}/statements/{change.statement_id}")
    parts = [f"{headline}.", "\n".join(facts)]
    if change.what == "edited":
        parts.append("What changed (- before, + now):")
        parts.append("\n".join(_diff_line(line.kind, line.text) for line in change.diff) or "-")
        parts += ["The text now:", change.after or "(empty)"]
    parts += ["The text as it was:", change.before or "(empty)"]
    return one_line(subject, 150), "\n\n".join(parts)


def _headline(change: Change) -> str:
    """'Ian Lavery deleted a post from Bluesky', 'The Chronicle edited an article on Ian Lavery'."""
    names = ", ".join(change.mps[:3]) or "an MP"
    if change.own:
        where = platform_of(change.source_kind, change.url)
        place = where or f"{possessive(change.mps[0])} website"
        if change.what == "deleted":
            return f"{names} deleted a post from {place}"
        return f"{names} edited a post on {place}"
    done = "removed" if change.what == "deleted" else "edited"
    return f"{change.source} {done} an article on {names}"


def _diff_line(kind: str, text: str) -> str:
    mark = {"added": "+ ", "removed": "- ", "gap": "  "}.get(kind, "  ")
    return mark + text
