"""The outbox: one row per message waiting to go out, written in the poll's own transaction.

A message is an alert (the new stories of one item, for one recipient), a follow-up (a story
seen again, threaded under its alert), a digest (the stories a digest subscription collected),
a health warning or a notice. Each row carries a stable key, from which the Message-ID is made,
so a message re-sent after a crash is recognisably the same one.

Stories: every statement joins the story of an earlier statement by the same MP that says
the same thing (`watcher.stories`), seen within the story window, or starts a new one. What
each recipient gets of a poll (an alert, a follow-up, a digest entry or nothing) is decided by
`watcher.notify.queueing.plan_queue`; this module tells it what each recipient has had so far
(`reached`) and writes its answer (`file_plan`).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from typing import Any

import sqlite_utils

from watcher.archive.reports import reports_of
from watcher.kinds import contest_kinds
from watcher.models import Channel, Delivery, Item, Message, MessageKind, Report, Statement
from watcher.notify.queueing import Filed, Queued, QueuePolicy, Reached, reach_key
from watcher.stories import Gist, joined_story, words
from watcher.timefmt import from_iso, to_iso


def message_key(*parts: object) -> str:
    return hashlib.sha256("\x1f".join(str(p) for p in parts).encode()).hexdigest()[:32]


# --- stories ------------------------------------------------------------------------------------


def place_in_story(
    db: sqlite_utils.Database, statement_id: int, statement: Statement, now: datetime, window: float
) -> int:
    """The story the statement joins (`stories.joined_story`) or starts; its id."""
    mp_id = db.execute("SELECT mp_id FROM statements WHERE id = ?", [statement_id]).fetchone()[0]
    new = Gist(statement.kind, statement.target, words(statement.text))
    since = to_iso(now - timedelta(seconds=window))
    # A story is known by every sighting: its words and the event it told (one outlet may quote
    # the first half of a post, another the second).
    rows = db.execute(
        "SELECT c.id, s.kind, s.target, s.text FROM stories c"
        " JOIN statements s ON s.story_id = c.id"
        " WHERE c.mp_id = ? AND c.last_seen_at >= ? ORDER BY c.last_seen_at DESC, c.id DESC",
        [mp_id, since],
    )
    known = ((int(c), Gist(kind, target, words(text))) for c, kind, target, text in rows)
    story_id = joined_story(new, known)
    if story_id is not None:
        db.execute(
            "UPDATE stories SET last_seen_at = ?, sightings = sightings + 1 WHERE id = ?",
            [to_iso(now), story_id],
        )
    else:
        story_id = _start_story(db, statement_id, statement, new, now)
    db.execute("UPDATE statements SET story_id = ? WHERE id = ?", [story_id, statement_id])
    return story_id


def _start_story(
    db: sqlite_utils.Database, statement_id: int, statement: Statement, new: Gist, now: datetime
) -> int:
    cursor = db.execute(
        "INSERT INTO stories (mp_id, kind, target, words, first_statement_id, first_seen_at,"
        " last_seen_at) SELECT mp_id, ?, ?, ?, id, ?, ? FROM statements WHERE id = ?",
        [statement.kind, statement.target, new.words, to_iso(now), to_iso(now), statement_id],
    )
    assert cursor.lastrowid is not None
    return cursor.lastrowid


# --- queueing -------------------------------------------------------------------------------------


def reached(
    db: sqlite_utils.Database, deliveries: Sequence[Delivery], filed: Sequence[Filed]
) -> list[Reached]:
    """What each delivery's recipient has had of its story so far, for `plan_queue`."""
    found = []
    wanted = {reach_key(d, filed): d.digest for d in deliveries}
    for (story_id, channel, recipient, subscription), digest in wanted.items():
        had = Reached(story_id, channel, recipient, subscription)
        if digest:
            found.append(replace(had, in_digest=_in_digest(db, had)))
            continue
        alert_id = _first_alert(db, had)
        followed_up = None if alert_id is None else _latest_follow_up(db, alert_id)
        found.append(replace(had, alert_id=alert_id, followed_up_at=followed_up))
    return found


def _first_alert(db: sqlite_utils.Database, had: Reached) -> int | None:
    row = db.execute(
        "SELECT o.id FROM outbox o JOIN outbox_statements os ON os.outbox_id = o.id"
        " JOIN statements s ON s.id = os.statement_id"
        " WHERE s.story_id = ? AND o.recipient = ? AND o.channel = ? AND o.kind = 'alert'"
        " ORDER BY o.id LIMIT 1",
        [had.story_id, had.recipient, had.channel],
    ).fetchone()
    return None if row is None else int(row[0])


def _latest_follow_up(db: sqlite_utils.Database, alert_id: int) -> datetime | None:
    row = db.execute(
        "SELECT max(created_at) FROM outbox WHERE kind = 'followup' AND reply_to = ?", [alert_id]
    ).fetchone()
    return from_iso(row[0])


def _in_digest(db: sqlite_utils.Database, had: Reached) -> bool:
    row = db.execute(
        "SELECT 1 FROM digest_entries e JOIN statements s ON s.id = e.statement_id"
        " WHERE e.subscription = ? AND e.channel = ? AND e.recipient = ? AND s.story_id = ?",
        [had.subscription, had.channel, had.recipient, had.story_id],
    ).fetchone()
    return row is not None


def file_plan(
    db: sqlite_utils.Database,
    item: Item,
    item_id: int,
    planned: Sequence[Queued],
    now: datetime,
    policy: QueuePolicy,
) -> int:
    """Write what `plan_queue` decided, in order. Returns how many messages and digest entries
    were queued."""
    queued = 0
    for q in planned:
        if q.action == "digest":
            db.execute(
                "INSERT OR IGNORE INTO digest_entries (subscription, channel, recipient,"
                " statement_id, created_at) VALUES (?, ?, ?, ?, ?)",
                [q.subscription, q.channel, q.recipient, q.statement_ids[0], to_iso(now)],
            )
            queued += 1
        elif q.action in ("alert", "followup"):
            queued += _file_message(db, item, item_id, q, now, policy)
    return queued


def _file_message(
    db: sqlite_utils.Database,
    item: Item,
    item_id: int,
    q: Queued,
    now: datetime,
    policy: QueuePolicy,
) -> int:
    if q.action == "followup":
        key = message_key("followup", item.source.url, item.key, q.reply_to)
        links: dict[str, int | None] = {"reply_to": q.reply_to}
    else:
        key = message_key("alert", item.source.url, item.key, q.channel, q.recipient)
        links = {"item_id": item_id}
    kind: MessageKind = "followup" if q.action == "followup" else "alert"
    new = NewMessage(kind, q.channel, q.recipient, q.subscription, key)
    outbox_id = insert_message(db, new, now, q.due, policy, story_id=q.story_id, **links)
    if outbox_id is None:
        return 0
    link_statements(db, outbox_id, q.statement_ids)
    return 1


@dataclass(frozen=True)
class NewMessage:
    kind: MessageKind
    channel: Channel
    recipient: str
    subscription: str
    key: str
    subject: str | None = None
    body: str | None = None


def insert_message(
    db: sqlite_utils.Database,
    new: NewMessage,
    now: datetime,
    due: datetime,
    policy: QueuePolicy | None,
    **links: int | None,
) -> int | None:
    """Queue one message; None when a message with the same key exists already."""
    held = db.execute("SELECT until FROM channel_holds WHERE channel = ?", [new.channel])
    until = next((from_iso(r[0]) for r in held), None)
    if until is not None and until > due:
        due = until  # queue behind the messages waiting for the channel, so order is kept
    give_up = None if policy is None else to_iso(due + timedelta(seconds=policy.give_up_after))
    cursor = db.execute(
        "INSERT OR IGNORE INTO outbox (kind, channel, recipient, subscription, message_key,"
        " item_id, story_id, reply_to, subject, body, created_at, next_attempt_at, give_up_at)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [
            new.kind,
            new.channel,
            new.recipient,
            new.subscription,
            new.key,
            links.get("item_id"),
            links.get("story_id"),
            links.get("reply_to"),
            new.subject,
            new.body,
            to_iso(now),
            to_iso(due),
            give_up,
        ],
    )
    return cursor.lastrowid if cursor.rowcount else None


def link_statements(
    db: sqlite_utils.Database, outbox_id: int, statement_ids: Sequence[int]
) -> None:
    for statement_id in dict.fromkeys(statement_ids):
        db.execute(
            "INSERT OR IGNORE INTO outbox_statements (outbox_id, statement_id) VALUES (?, ?)",
            [outbox_id, statement_id],
        )


# --- digests ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class DigestPlan:
    """A digest subscription's latest period end that has come, and its give-up policy."""

    subscription: str
    period_end: datetime


def build_digests(
    db: sqlite_utils.Database, plan: DigestPlan, now: datetime, policy: QueuePolicy
) -> int:
    """Turn the entries collected up to the period's end into one digest per recipient.

    Runs once per period (digest_runs remembers), in the caller's transaction; entries that
    came after the period's end wait for the next one. Returns the digests queued.
    """
    end = to_iso(plan.period_end)
    done = db.execute(
        "INSERT OR IGNORE INTO digest_runs (subscription, period_end) VALUES (?, ?)",
        [plan.subscription, end],
    )
    if not done.rowcount:
        return 0
    groups = db.execute(
        "SELECT channel, recipient, json_group_array(id) FROM digest_entries"
        " WHERE subscription = ? AND outbox_id IS NULL AND created_at <= ?"
        " GROUP BY channel, recipient ORDER BY min(id)",
        [plan.subscription, end],
    ).fetchall()
    for channel, recipient, entry_ids in groups:
        key = message_key("digest", plan.subscription, channel, recipient, end)
        new = NewMessage("digest", channel, recipient, plan.subscription, key)
        outbox_id = insert_message(db, new, now, now, policy)
        if outbox_id is None:
            continue
        ids = json.loads(entry_ids)
        db.execute(
            "UPDATE digest_entries SET outbox_id = ? WHERE id IN (SELECT value FROM json_each(?))",
            [outbox_id, json.dumps(ids)],
        )
        db.execute(
            "INSERT OR IGNORE INTO outbox_statements (outbox_id, statement_id)"
            " SELECT ?, statement_id FROM digest_entries WHERE outbox_id = ? ORDER BY id",
            [outbox_id, outbox_id],
        )
    return len(groups)


# --- reading messages to send ---------------------------------------------------------------

EARLIER_LIMIT = 3


def due_messages(db: sqlite_utils.Database, now: datetime, limit: int) -> list[Message]:
    """Pending messages whose time has come and that no live claim holds, oldest first."""
    rows = db.query(
        "SELECT * FROM outbox WHERE status = 'pending' AND next_attempt_at <= :now"
        " AND (claimed_until IS NULL OR claimed_until <= :now) ORDER BY id LIMIT :limit",
        {"now": to_iso(now), "limit": limit},
    )
    return [load_message(db, row) for row in rows]


def claim_message(
    db: sqlite_utils.Database, outbox_id: int, owner: str, now: datetime, until: datetime
) -> bool:
    """Take the message for `owner` until `until`, if it is still due and unclaimed or its
    claim has lapsed. One UPDATE: of several processes trying at once, exactly one wins."""
    cursor = db.execute(
        "UPDATE outbox SET claimed_by = :owner, claimed_until = :until"
        " WHERE id = :id AND status = 'pending' AND next_attempt_at <= :now"
        " AND (claimed_until IS NULL OR claimed_until <= :now)",
        {"owner": owner, "until": to_iso(until), "id": outbox_id, "now": to_iso(now)},
    )
    return bool(cursor.rowcount)


def load_message(db: sqlite_utils.Database, row: dict[str, Any]) -> Message:
    reports = _reports(
        db,
        "FROM outbox_statements os JOIN statements s ON s.id = os.statement_id"
        " WHERE os.outbox_id = ? ORDER BY s.id",
        [row["id"]],
    )
    if row["kind"] == "followup":
        # The story as the recipient's alert told it; the new sightings go under `also`.
        told = _reports(
            db,
            "FROM outbox_statements os JOIN statements s ON s.id = os.statement_id"
            " WHERE os.outbox_id = ? ORDER BY s.id",
            [row["reply_to"]],
        )
        reports = told or reports
    reply_key = None
    if row["reply_to"] is not None:
        found = db.execute("SELECT message_key FROM outbox WHERE id = ?", [row["reply_to"]])
        reply_key = next((r[0] for r in found), None)
    return Message(
        outbox_id=row["id"],
        key=row["message_key"],
        kind=row["kind"],
        channel=row["channel"],
        recipient=row["recipient"],
        subscription=row["subscription"],
        unsubscribe=None,
        reports=tuple(reports),
        also=tuple(_also(db, reports)),
        earlier=tuple(_earlier(db, reports)) if row["kind"] != "digest" else (),
        reply_to_key=reply_key,
        subject=row["subject"],
        body=row["body"],
        attempts=row["attempts"],
        created_at=from_iso(row["created_at"]),
    )


def _reports(
    db: sqlite_utils.Database, source_and_filter: str, params: Sequence[object] | dict[str, object]
) -> list[Report]:
    """Statements as reports, in the order the query gives. `source_and_filter` is SQL written
    in this module, never input: a FROM clause naming the statements `s`, and its conditions."""
    picked = f"SELECT s.id {source_and_filter}"
    ids = [int(r[0]) for r in db.execute(picked, params)]
    found = reports_of(db, ids)
    return [found[i] for i in ids if i in found]


def _also(db: sqlite_utils.Database, reports: Sequence[Report]) -> list[Report]:
    """The other items that reported the same stories, one sighting each, in the order the
    watcher saw them."""
    ids = [r.statement_id for r in reports]
    return _reports(
        db,
        "FROM statements s JOIN items i ON i.id = s.item_id WHERE s.id IN"
        " (SELECT min(o.id) FROM statements o WHERE o.story_id IN (SELECT story_id"
        " FROM statements WHERE id IN (SELECT value FROM json_each(:ids))) AND o.item_id NOT IN"
        " (SELECT item_id FROM statements WHERE id IN (SELECT value FROM json_each(:ids)))"
        " GROUP BY o.item_id)"
        " ORDER BY i.first_seen_at, s.id",
        {"ids": json.dumps(ids)},
    )


def _earlier(db: sqlite_utils.Database, reports: Sequence[Report]) -> list[Report]:
    """Each MP's earlier stories of the same kind or contest: first sightings, newest first."""
    earlier: list[Report] = []
    events = [r for r in reports if r.kind != "statement"]  # plain words have no "before"
    for report in {r.mp: r for r in reversed(events)}.values():
        contest = contest_kinds()
        kinds = contest if report.kind in contest else (report.kind,)
        earlier += _reports(
            db,
            "FROM stories c JOIN statements s ON s.id = c.first_statement_id"
            " JOIN mps m ON m.id = s.mp_id AND c.mp_id = m.id"
            " WHERE m.name = :mp AND c.kind IN (SELECT value FROM json_each(:kinds))"
            " AND c.first_seen_at < (SELECT first_seen_at FROM stories WHERE id ="
            " (SELECT story_id FROM statements WHERE id = :id))"
            " ORDER BY c.first_seen_at DESC LIMIT :limit",
            {
                "mp": report.mp,
                "kinds": json.dumps(kinds),
                "id": report.statement_id,
                "limit": EARLIER_LIMIT,
            },
        )
    return earlier


# --- after sending ------------------------------------------------------------------------------


def postpone_channel(
    db: sqlite_utils.Database, channel: Channel, error: str, now: datetime, retry_at: datetime
) -> int:
    """The channel is down: every pending message of it waits until `retry_at`, so that they
    all go out together, in order, when it is back. Returns how many were due."""
    due = db.execute(
        "UPDATE outbox SET attempts = attempts + 1, last_error = :error, next_attempt_at = :retry"
        " WHERE status = 'pending' AND channel = :channel AND next_attempt_at <= :now"
        " AND (claimed_until IS NULL OR claimed_until <= :now)",  # not what others are sending
        {"error": error, "retry": to_iso(retry_at), "channel": channel, "now": to_iso(now)},
    ).rowcount
    db.execute(
        "UPDATE outbox SET next_attempt_at = ? WHERE status = 'pending' AND channel = ?"
        " AND next_attempt_at < ?",
        [to_iso(retry_at), channel, to_iso(retry_at)],
    )
    db.execute(
        "INSERT INTO channel_holds (channel, until) VALUES (?, ?)"
        " ON CONFLICT (channel) DO UPDATE SET until = excluded.until",
        [channel, to_iso(retry_at)],
    )
    return int(due)


def release_channel(db: sqlite_utils.Database, channel: Channel) -> None:
    """The channel took a message: new messages need not wait any more."""
    db.execute("DELETE FROM channel_holds WHERE channel = ?", [channel])


def give_up(db: sqlite_utils.Database, now: datetime) -> list[int]:
    """Messages past their give-up time become dead, but not one another process is sending
    (its claim decides). Returns their ids."""
    rows = db.execute(
        "SELECT id FROM outbox WHERE status = 'pending' AND give_up_at IS NOT NULL"
        " AND give_up_at <= :now AND (claimed_until IS NULL OR claimed_until <= :now)"
        " ORDER BY id",
        {"now": to_iso(now)},
    ).fetchall()
    ids = [int(r[0]) for r in rows]
    db.execute(
        "UPDATE outbox SET status = 'dead', dead_at = ?, claimed_by = NULL, claimed_until = NULL"
        " WHERE id IN (SELECT value FROM json_each(?))",
        [to_iso(now), json.dumps(ids)],
    )
    return ids


def unreported_dead(db: sqlite_utils.Database) -> list[dict[str, Any]]:
    return list(
        db.query(
            "SELECT id, kind, channel, recipient, subscription, attempts, last_error, created_at"
            " FROM outbox WHERE status = 'dead' AND dead_reported = 0 ORDER BY id"
        )
    )


def mark_reported(db: sqlite_utils.Database, ids: Sequence[int]) -> None:
    db.execute(
        "UPDATE outbox SET dead_reported = 1 WHERE id IN (SELECT value FROM json_each(?))",
        [json.dumps(list(ids))],
    )
