"""Saved alerts and unsubscriptions as the daemon sees them: subscriptions. Pure.

A saved alert (`watcher.saved_alerts`) becomes a `Subscription` like those of sources.yaml,
so statements are routed to it the same way: one outbox, one alert per story and recipient.
An address that unsubscribed from a subscription, by the signed link every alert carries, is
left out of that subscription's recipients; sources.yaml itself is never written.
"""

from __future__ import annotations

from collections.abc import Sequence, Set
from dataclasses import replace

from watcher.archive.matcher import check_query, normalise_query
from watcher.config import NotifySettings, Subscription
from watcher.errors import SearchError
from watcher.kinds import kind_names
from watcher.models import Kind
from watcher.saved_alerts import AlertChoice, SavedAlert, mailbox_of, make_choice, search_fields


def checked_choice(
    name: str, address: str, mode: str, search: str, source_name: str | None = None
) -> AlertChoice:
    """The alert as asked for, its query read as an alert reads it; ValueError says in words
    what is wrong."""
    choice = make_choice(name, address, mode, search, source_name)
    query = search_fields(choice.search).get("q")
    if query:
        try:
            check_query(normalise_query(query))
        except SearchError as exc:
            raise ValueError(str(exc)) from None
    return choice


def as_subscription(alert: SavedAlert) -> Subscription:
    """The saved alert as a subscription the daemon routes statements to."""
    fields = search_fields(alert.choice.search)
    kind = fields.get("kind")
    kinds: frozenset[Kind] | None = (
        frozenset(k for k in kind_names() if k == kind) if kind else None
    )
    query = normalise_query(fields["q"]) if fields.get("q") else None
    source = alert.choice.source_name
    return Subscription(
        name=alert.subscription_name,
        title=alert.choice.name,
        recipients=(alert.choice.address,),
        mps=frozenset({fields["mp"]}) if fields.get("mp") else None,
        parties=frozenset({fields["party"].casefold()}) if fields.get("party") else frozenset(),
        kinds=kinds,
        sources=frozenset({source.casefold()}) if source else frozenset(),
        query=query,
        digest=alert.choice.mode == "digest",
    )


def live_subscriptions(
    settings: NotifySettings,
    saved: Sequence[SavedAlert],
    unsubscribed: Set[tuple[str, str]],
) -> tuple[Subscription, ...]:
    """The subscriptions of sources.yaml, then the saved alerts, each without the addresses
    that left it (`unsubscribed`: subscription name and mailbox)."""
    every = [*settings.subscriptions, *(as_subscription(alert) for alert in saved)]
    return tuple(_without_left(s, unsubscribed) for s in every)


def with_saved_alerts(
    settings: NotifySettings,
    saved: Sequence[SavedAlert],
    unsubscribed: Set[tuple[str, str]],
) -> NotifySettings:
    """The notify settings with the live subscriptions in place of the file's."""
    return replace(settings, subscriptions=live_subscriptions(settings, saved, unsubscribed))


def _without_left(subscription: Subscription, unsubscribed: Set[tuple[str, str]]) -> Subscription:
    name = subscription.name
    kept = tuple(r for r in subscription.recipients if (name, mailbox_of(r)) not in unsubscribed)
    if kept == subscription.recipients:
        return subscription
    return replace(subscription, recipients=kept)
