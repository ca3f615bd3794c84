"""Who gets which statement: subscriptions matched against statements. Pure."""

from __future__ import annotations

from collections.abc import Sequence
from email.utils import parseaddr

from watcher.config import Subscription
from watcher.models import Delivery, Statement


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
