"""Storing deletions and edits of archived items, and finding the items due to be read again.

Each function runs in the caller's transaction; `watcher.changes` decides what is a deletion
or an edit, and `watcher.notify.changes` who is told.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, Literal

import sqlite_utils

from watcher.archive.outbox import NewMessage, insert_message
from watcher.changes import Archived, Change, read_diff
from watcher.kinds import contest_kinds
from watcher.notify.queueing import QueuePolicy
from watcher.timefmt import from_iso, to_iso

# Who is told of a change: the messages to queue, each with when it is due.
Compose = Callable[[Change], Sequence[tuple[NewMessage, datetime]]]


@dataclass(frozen=True)
class NewVersion:
    """What a poll or a recheck found of an archived item: its new text, or that it is gone."""

    item_id: int
    status: Literal["changed", "removed"]
    title: str | None = None
    text: str | None = None
    detail: str | None = None
    diff: str | None = None  # `watcher.changes.diff_text` of the edit


@dataclass(frozen=True)
class RecheckTarget:
    """An archived item due to be read again at its own address."""

    item_id: int
    url: str
    source_url: str  # the address of the source it came through
    title: str
    text: str  # the text last seen


@dataclass(frozen=True)
class LastSeen:
    status: str  # 'first' (never changed), 'changed' or 'removed'
    title: str
    text: str


def recent_entries(db: sqlite_utils.Database, source_id: int, since: datetime) -> list[Archived]:
    """The source's items published since `since` and not already found deleted."""
    rows = db.execute(
        "SELECT i.id, i.key, i.published_at FROM items i WHERE i.source_id = ?"
        " AND i.published_at >= ? AND COALESCE((SELECT v.status FROM item_versions v"
        " WHERE v.item_id = i.id ORDER BY v.id DESC LIMIT 1), '') != 'removed'",
        [source_id, to_iso(since)],
    ).fetchall()
    return [Archived(r[0], r[1], from_iso(r[2])) for r in rows]


def mark_seen(
    db: sqlite_utils.Database, source_id: int, keys: Iterable[str], now: datetime
) -> None:
    db.execute(
        "UPDATE items SET last_seen_at = ? WHERE source_id = ?"
        " AND key IN (SELECT value FROM json_each(?))",
        [to_iso(now), source_id, json.dumps(list(keys))],
    )


def last_seen(db: sqlite_utils.Database, item_id: int) -> LastSeen:
    """The item's latest text: its latest changed version's, else its first."""
    latest = db.execute(
        "SELECT status FROM item_versions WHERE item_id = ? ORDER BY id DESC LIMIT 1", [item_id]
    ).fetchone()
    text = (
        db.execute(
            "SELECT title, text FROM item_versions WHERE item_id = ? AND status = 'changed'"
            " ORDER BY id DESC LIMIT 1",
            [item_id],
        ).fetchone()
        or db.execute("SELECT title, text FROM items WHERE id = ?", [item_id]).fetchone()
    )
    return LastSeen(latest[0] if latest else "first", text[0] or "", text[1] or "")


def add_version(
    db: sqlite_utils.Database,
    version: NewVersion,
    now: datetime,
    compose: Compose | None,
    policy: QueuePolicy | None,
) -> int:
    """Store the version and queue the alerts `compose` asks for. Returns how many queued."""
    before = last_seen(db, version.item_id)
    cursor = db.execute(
        "INSERT INTO item_versions (item_id, seen_at, status, title, text, detail, diff)"
        " VALUES (?, ?, ?, ?, ?, ?, ?)",
        [
            version.item_id,
            to_iso(now),
            version.status,
            version.title,
            version.text,
            version.detail,
            version.diff,
        ],
    )
    version_id = cursor.lastrowid
    assert version_id is not None
    if version.status == "changed" and before.status == "removed" and not version.diff:
        return 0  # listed again as it was: back, not news
    if compose is None:
        return 0
    queued = 0
    for message, due in compose(change_of(db, version_id, before)):
        outbox_id = insert_message(db, message, now, due, policy, item_id=version.item_id)
        queued += outbox_id is not None
    return queued


def change_of(db: sqlite_utils.Database, version_id: int, before: LastSeen) -> Change:
    """The change a version records, with what an alert about it tells."""
    row = _one(
        db,
        "SELECT v.item_id, v.status, v.seen_at, v.text AS after, v.detail, v.diff,"
        " i.title, i.url, i.published_at, src.name AS source, src.kind AS source_kind,"
        " own.name AS own_mp FROM item_versions v JOIN items i ON i.id = v.item_id"
        " JOIN sources src ON src.id = i.source_id LEFT JOIN mps own ON own.id = src.mp_id"
        " WHERE v.id = ?",
        [version_id],
    )
    said = db.execute(
        "SELECT s.id, m.name, s.kind FROM statements s JOIN mps m ON m.id = s.mp_id"
        " WHERE s.item_id = ? ORDER BY s.id",
        [row["item_id"]],
    ).fetchall()
    mps = [row["own_mp"]] if row["own_mp"] else []
    return Change(
        version_id=version_id,
        statement_id=said[0][0] if said else None,
        what="deleted" if row["status"] == "removed" else "edited",
        own=row["own_mp"] is not None,
        mps=tuple(dict.fromkeys([*mps, *(s[1] for s in said)])),
        kinds=tuple(dict.fromkeys(s[2] for s in said)),
        source=row["source"],
        source_kind=row["source_kind"],
        title=before.title or row["title"] or "",
        url=row["url"],
        posted_at=from_iso(row["published_at"]),
        found_at=from_iso(row["seen_at"]) or datetime.min,
        before=before.text,
        after=row["after"] if row["status"] == "changed" else None,
        detail=row["detail"],
        diff=read_diff(row["diff"]),
    )


def due_rechecks(
    db: sqlite_utils.Database, now: datetime, within: float, every: float, limit: int
) -> list[RecheckTarget]:
    """Items to read again: the MPs' own and those that carried a contest statement, first
    seen within `within`, with an address, not found deleted, and not read for `every`
    (nor first seen within it). Longest unchecked first."""
    rows = db.execute(
        "SELECT i.id, i.url, src.url, i.title FROM items i"
        " JOIN sources src ON src.id = i.source_id"
        " WHERE i.first_seen_at >= :since AND i.url IS NOT NULL AND i.url != ''"
        " AND COALESCE(i.checked_at, i.first_seen_at) <= :due"
        " AND (src.mp_id IS NOT NULL OR EXISTS (SELECT 1 FROM statements s"
        "   WHERE s.item_id = i.id AND s.kind IN (SELECT value FROM json_each(:kinds))))"
        " AND COALESCE((SELECT v.status FROM item_versions v WHERE v.item_id = i.id"
        "   ORDER BY v.id DESC LIMIT 1), '') != 'removed'"
        " ORDER BY COALESCE(i.checked_at, i.first_seen_at), i.id LIMIT :limit",
        {
            "since": to_iso(now - timedelta(seconds=within)),
            "due": to_iso(now - timedelta(seconds=every)),
            "kinds": json.dumps(list(contest_kinds())),
            "limit": limit,
        },
    ).fetchall()
    targets = []
    for item_id, url, source_url, title in rows:
        seen = last_seen(db, item_id)
        targets.append(RecheckTarget(item_id, url, source_url, seen.title or title, seen.text))
    return targets


def mark_checked(db: sqlite_utils.Database, item_id: int, now: datetime, *, seen: bool) -> None:
    """The item was read again at `now`; `seen`: and it answered."""
    db.execute(
        "UPDATE items SET checked_at = :now,"
        " last_seen_at = CASE WHEN :seen THEN :now ELSE last_seen_at END WHERE id = :id",
        {"now": to_iso(now), "seen": seen, "id": item_id},
    )


def _one(db: sqlite_utils.Database, sql: str, params: Sequence[Any]) -> dict[str, Any]:
    row = next(iter(db.query(sql, params)), None)
    assert row is not None
    return row
