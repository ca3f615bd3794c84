"""The alert rules on plain records: what a poll's new statements queue, and why. No database:
`plan_queue` is given what the archive filed and what each recipient has had so far."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from watcher.models import Delivery
from watcher.notify.queueing import Filed, Queued, QueuePolicy, Reached, plan_queue

NOW = datetime(2024, 6, 3, 9, 0, tzinfo=UTC)
DESK = "desk@example.org"
POLICY = QueuePolicy(follow_up_every=3600.0)
# Two statements of one item: the first of story 10, the second of story 20.
FILED = (Filed(statement_id=1, story_id=10), Filed(statement_id=2, story_id=20))


def plan(*deliveries: Delivery, reached: tuple[Reached, ...] = ()) -> list[Queued]:
    return plan_queue(deliveries, FILED, reached, NOW, POLICY)


def told(story_id: int, followed_up_at: datetime | None = None) -> Reached:
    """The desk had an alert (outbox row 5) about the story."""
    return Reached(story_id, "email", DESK, "desk", alert_id=5, followed_up_at=followed_up_at)


def actions(planned: list[Queued]) -> list[tuple[str, str]]:
    return [(q.action, q.reason) for q in planned]


def test_one_alert_carries_every_story_the_recipient_was_not_told_of() -> None:
    (alert,) = plan(Delivery(0, DESK, "desk"), Delivery(1, DESK, "desk"))
    assert (alert.action, alert.statement_ids, alert.story_id) == ("alert", (1, 2), 10)
    assert alert.due == NOW
    assert alert.reply_to is None


def test_each_recipient_and_channel_gets_an_alert_of_its_own() -> None:
    planned = plan(
        Delivery(0, DESK, "desk"),
        Delivery(0, "tgram://bot/chat", "desk", channel="apprise"),
        Delivery(0, "editor@example.org", "desk"),
    )
    assert [(q.action, q.channel, q.recipient) for q in planned] == [
        ("alert", "email", DESK),
        ("alert", "apprise", "tgram://bot/chat"),
        ("alert", "email", "editor@example.org"),
    ]


def test_a_story_told_already_is_followed_up_under_its_alert_when_wanted() -> None:
    (follow_up,) = plan(Delivery(0, DESK, "desk", follow_ups=True), reached=(told(10),))
    assert (follow_up.action, follow_up.reply_to, follow_up.statement_ids) == ("followup", 5, (1,))


def test_a_story_told_already_queues_nothing_without_follow_ups() -> None:
    planned = plan(Delivery(0, DESK, "desk"), reached=(told(10),))
    assert actions(planned) == [("nothing", "told already; no follow-ups wanted")]


def test_follow_ups_are_throttled_to_one_per_follow_up_every() -> None:
    wants = Delivery(0, DESK, "desk", follow_ups=True)
    recent = told(10, followed_up_at=NOW - timedelta(minutes=59))
    assert actions(plan(wants, reached=(recent,))) == [
        ("nothing", "followed up within follow_up_every")
    ]
    hour_ago = told(10, followed_up_at=NOW - timedelta(hours=1))
    assert [q.action for q in plan(wants, reached=(hour_ago,))] == ["followup"]


def test_a_new_story_and_a_told_one_in_one_item_are_an_alert_and_a_follow_up() -> None:
    planned = plan(
        Delivery(0, DESK, "desk", follow_ups=True),
        Delivery(1, DESK, "desk", follow_ups=True),
        reached=(told(10),),
    )
    assert [(q.action, q.statement_ids) for q in planned] == [("followup", (1,)), ("alert", (2,))]


def test_a_digest_collects_each_story_once() -> None:
    digest = Delivery(0, DESK, "morning", digest=True)
    same_story_again = Delivery(0, DESK, "morning", digest=True)
    planned = plan(digest, same_story_again, Delivery(1, DESK, "morning", digest=True))
    assert [(q.action, q.statement_ids) for q in planned] == [
        ("digest", (1,)),
        ("digest", (2,)),
        ("nothing", (1,)),
    ]
    had = Reached(10, "email", DESK, "morning", in_digest=True)
    assert actions(plan(digest, reached=(had,))) == [("nothing", "in the digest already")]


def test_a_digest_entry_is_not_an_alert_for_the_same_recipient() -> None:
    planned = plan(Delivery(0, DESK, "morning", digest=True), Delivery(0, DESK, "desk"))
    assert [(q.action, q.subscription) for q in planned] == [
        ("digest", "morning"),
        ("alert", "desk"),
    ]


def test_quiet_hours_hold_an_alert_until_the_earliest_of_its_statements_may_go() -> None:
    later = NOW + timedelta(hours=6)
    (held,) = plan(Delivery(0, DESK, "desk", not_before=later))
    assert held.due == later
    (urgent_too,) = plan(
        Delivery(0, DESK, "desk", not_before=later), Delivery(1, DESK, "desk", not_before=None)
    )
    assert urgent_too.due == NOW  # one statement may go at once: the alert goes with it
    (passed,) = plan(Delivery(0, DESK, "desk", not_before=NOW - timedelta(hours=1)))
    assert passed.due == NOW


def test_the_outbox_takes_digests_then_follow_ups_then_alerts() -> None:
    planned = plan(
        Delivery(1, DESK, "desk", follow_ups=True),
        Delivery(0, DESK, "desk", follow_ups=True),
        Delivery(0, DESK, "morning", digest=True),
        reached=(told(10),),
    )
    assert [q.action for q in planned] == ["digest", "followup", "alert"]


def test_the_defaults_are_the_documented_ones() -> None:
    policy = QueuePolicy()
    assert (policy.story_window, policy.follow_up_every, policy.give_up_after) == (
        3 * 86400,
        3600,
        24 * 3600,
    )
