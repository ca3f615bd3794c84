"""What to queue for a poll's new statements: an alert, a follow-up, a digest entry, or nothing.

These are the alert rules, decided here on plain records and written by the archive
(`archive.outbox.file_plan`) in the poll's own transaction. `route()` has already said who
gets each statement and when (`Delivery`: quiet hours, digest or not, follow-ups or not); the
archive has placed each statement in its story (`Filed`) and says what each recipient has had
of those stories so far (`Reached`). From that:

- a recipient not yet told of a story gets an alert; one alert per recipient carries all of
  the item's stories they were not told of;
- a recipient told of it already gets at most one follow-up per `follow_up_every`, threaded
  under the alert that told them, if their subscription wants follow-ups;
- a digest subscription collects each story once.

The archive applies it while it files a poll, so it imports nothing but the records in
`watcher.models`: nothing here may reach the archive (`tests/test_imports.py` checks both).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from typing import Literal

from watcher.models import Channel, Delivery

QueueAction = Literal["alert", "followup", "digest", "nothing"]


@dataclass(frozen=True)
class QueuePolicy:
    """The alert settings used while a poll is filed; the defaults of `notify` in sources.yaml."""

    story_window: float = 3 * 86400.0  # a later statement by the MP within it may join a story
    follow_up_every: float = 3600.0  # at most one follow-up per alert this often
    give_up_after: float = 24 * 3600.0  # a message not sent by then is dead


@dataclass(frozen=True)
class Filed:
    """A statement as the archive filed it: its row and its story."""

    statement_id: int
    story_id: int


@dataclass(frozen=True)
class Reached:
    """What one recipient has had of one story so far, as the archive knows it."""

    story_id: int
    channel: Channel
    recipient: str
    subscription: str
    alert_id: int | None = None  # the first alert that told this recipient of the story
    followed_up_at: datetime | None = None  # the latest follow-up under that alert
    in_digest: bool = False  # already collected for this subscription's digest

    @property
    def key(self) -> tuple[int, Channel, str, str]:
        return (self.story_id, self.channel, self.recipient, self.subscription)


@dataclass(frozen=True)
class Queued:
    """One thing to write to the outbox, and why; `nothing` is written nowhere."""

    action: QueueAction
    reason: str
    channel: Channel
    recipient: str
    subscription: str
    story_id: int
    statement_ids: tuple[int, ...]
    due: datetime  # when it may go out: now, or the end of quiet hours
    reply_to: int | None = None  # a follow-up's alert


@dataclass(frozen=True)
class _Due:
    delivery: Delivery
    filed: Filed

    @property
    def key(self) -> tuple[int, Channel, str, str]:
        d = self.delivery
        return (self.filed.story_id, d.channel, d.recipient, d.subscription)


def reach_key(delivery: Delivery, filed: Sequence[Filed]) -> tuple[int, Channel, str, str]:
    """Which `Reached` record a delivery needs: its story, channel, recipient, subscription."""
    return _Due(delivery, filed[delivery.statement_index]).key


def plan_queue(
    deliveries: Sequence[Delivery],
    filed: Sequence[Filed],
    reached: Iterable[Reached],
    now: datetime,
    policy: QueuePolicy,
) -> list[Queued]:
    """What to queue for one item's deliveries: digest entries, then follow-ups, then alerts
    (the order the outbox takes them in), then a `nothing` with its reason for each of the rest.
    """
    known = {r.key: r for r in reached}
    digests: dict[tuple[int, Channel, str, str], Queued] = {}
    skipped: list[Queued] = []
    alerts: dict[tuple[Channel, str], list[_Due]] = {}
    follow_ups: dict[int, list[_Due]] = {}  # by the alert they follow
    for delivery in deliveries:
        due = _Due(delivery, filed[delivery.statement_index])
        had = known.get(due.key) or Reached(*due.key)
        if delivery.digest and (had.in_digest or due.key in digests):
            skipped.append(_queued("nothing", "in the digest already", [due], now))
        elif delivery.digest:
            digests[due.key] = _queued("digest", "collected for the digest", [due], now)
        elif had.alert_id is None:
            alerts.setdefault((delivery.channel, delivery.recipient), []).append(due)
        elif delivery.follow_ups:
            follow_ups.setdefault(had.alert_id, []).append(due)
        else:
            skipped.append(_queued("nothing", "told already; no follow-ups wanted", [due], now))
    planned = list(digests.values())
    for alert_id, group in follow_ups.items():
        planned.append(_follow_up(alert_id, group, known, now, policy))
    for group in alerts.values():
        planned.append(_queued("alert", "not yet told of the story", group, now))
    return planned + skipped


def _follow_up(
    alert_id: int,
    group: Sequence[_Due],
    known: Mapping[tuple[int, Channel, str, str], Reached],
    now: datetime,
    policy: QueuePolicy,
) -> Queued:
    """One follow-up per alert and item; none if that alert had one within `follow_up_every`
    (the next one lists every sighting, so none is lost)."""
    latest = max(
        (r.followed_up_at for d in group if (r := known.get(d.key)) and r.followed_up_at),
        default=None,
    )
    if latest is not None and latest > now - timedelta(seconds=policy.follow_up_every):
        return _queued("nothing", "followed up within follow_up_every", group, now)
    return replace(
        _queued("followup", "a new sighting of a story told", group, now), reply_to=alert_id
    )


def _queued(action: QueueAction, reason: str, group: Sequence[_Due], now: datetime) -> Queued:
    """One entry for a group of deliveries to one recipient: the first one's subscription and
    story, every statement once, due when the earliest may go out (never before now)."""
    first = group[0]
    d = first.delivery
    due = max(min(g.delivery.not_before or now for g in group), now)
    ids = tuple(dict.fromkeys(g.filed.statement_id for g in group))
    story = first.filed.story_id
    return Queued(action, reason, d.channel, d.recipient, d.subscription, story, ids, due)
