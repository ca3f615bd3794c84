"""The SQL of triage: statuses set, their history, the dismissed statements, users' visits.

`statements.status` holds the current status, so search filters on it with an index;
`status_changes` keeps every change (who, when, note, reason), the latest one last. The two
are written together, in the caller's transaction.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

import sqlite_utils

from watcher.drafts import DraftItem, DraftStatement
from watcher.timefmt import from_iso, to_iso
from watcher.triage import Mark, StatusChange, Visit


def mark(db: sqlite_utils.Database, decision: Mark) -> bool:
    """Set the statement's status and keep the change; False when there is no such statement."""
    cursor = db.execute(
        "UPDATE statements SET status = ? WHERE id = ?", [decision.status, decision.statement_id]
    )
    if not cursor.rowcount:
        return False
    db.execute(
        "INSERT INTO status_changes (statement_id, status, reason, corrected_kind, note,"
        " set_by, set_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
        [
            decision.statement_id,
            decision.status,
            decision.reason,
            decision.corrected_kind,
            decision.note,
            decision.by,
            to_iso(decision.at),
        ],
    )
    return True


def history(db: sqlite_utils.Database, statement_id: int) -> tuple[StatusChange, ...]:
    """Every status change of the statement, oldest first."""
    rows = db.query(f"{_CHANGES} WHERE statement_id = ? ORDER BY id", [statement_id])
    return tuple(_change(row) for row in rows)


def current(db: sqlite_utils.Database, statement_id: int) -> StatusChange | None:
    """The latest change of the statement's status, or None while nobody has set it."""
    rows = db.query(f"{_CHANGES} WHERE statement_id = ? ORDER BY id DESC LIMIT 1", [statement_id])
    row = next(iter(rows), None)
    return _change(row) if row else None


def dismissed_items(db: sqlite_utils.Database) -> list[DraftItem]:
    """Every item with a statement dismissed now, with all its statements, oldest first."""
    item_ids = [
        row[0]
        for row in db.execute(
            "SELECT DISTINCT item_id FROM statements WHERE status = 'dismissed' ORDER BY item_id"
        )
    ]
    return [_draft_item(db, item_id) for item_id in item_ids]


def _draft_item(db: sqlite_utils.Database, item_id: int) -> DraftItem:
    row = next(
        iter(
            db.query(
                "SELECT i.*, src.kind AS source_kind, m.name AS own_mp FROM items i"
                " JOIN sources src ON src.id = i.source_id LEFT JOIN mps m ON m.id = src.mp_id"
                " WHERE i.id = ?",
                [item_id],
            )
        )
    )
    statements = db.query(
        "SELECT s.*, m.name AS mp FROM statements s JOIN mps m ON m.id = s.mp_id"
        " WHERE s.item_id = ? ORDER BY s.id",
        [item_id],
    )
    published = from_iso(row["published_at"]) or from_iso(row["first_seen_at"])
    assert published is not None
    return DraftItem(
        id=item_id,
        source_kind=row["source_kind"],
        own_mp=row["own_mp"],
        title=row["title"],
        text=row["text"],
        url=row["url"],
        published_at=published,
        statements=tuple(_draft_statement(db, s) for s in statements),
    )


def _draft_statement(db: sqlite_utils.Database, row: dict[str, Any]) -> DraftStatement:
    return DraftStatement(
        id=row["id"],
        mp=row["mp"],
        kind=row["kind"],
        target=row["target"],
        text=row["text"],
        verbatim=bool(row["verbatim"]),
        said_at=from_iso(row["said_at"]),
        said_at_precision=row["said_at_precision"],
        dismissal=current(db, row["id"]) if row["status"] == "dismissed" else None,
    )


def visit(db: sqlite_utils.Database, user: str) -> Visit | None:
    rows = db.query("SELECT last_seen_at, previous_seen_at FROM web_visits WHERE user = ?", [user])
    row = next(iter(rows), None)
    if row is None:
        return None
    last = from_iso(row["last_seen_at"])
    assert last is not None
    return Visit(last, from_iso(row["previous_seen_at"]))


def record_visit(db: sqlite_utils.Database, user: str, seen: Visit) -> None:
    db.execute(
        "INSERT INTO web_visits (user, last_seen_at, previous_seen_at) VALUES (?, ?, ?)"
        " ON CONFLICT (user) DO UPDATE SET last_seen_at = excluded.last_seen_at,"
        " previous_seen_at = excluded.previous_seen_at",
        [user, to_iso(seen.last_seen_at), to_iso(seen.previous_seen_at)],
    )


def new_since(db: sqlite_utils.Database, since: datetime, limit: int) -> tuple[list[int], int]:
    """The newest `limit` statements archived after `since` and still `new`, and how many
    there are in all."""
    where = "FROM statements WHERE status = 'new' AND created_at > ?"
    ids = [
        row[0]
        for row in db.execute(
            f"SELECT id {where} ORDER BY created_at DESC, id DESC LIMIT ?",
            [to_iso(since), limit],
        )
    ]
    total: int = db.execute(f"SELECT count(*) {where}", [to_iso(since)]).fetchone()[0]
    return ids, total


_CHANGES = (
    "SELECT id, statement_id, status, reason, corrected_kind, note, set_by, set_at"
    " FROM status_changes"
)


def _change(row: dict[str, Any]) -> StatusChange:
    at = from_iso(row["set_at"])
    assert at is not None
    return StatusChange(
        status=row["status"],
        by=row["set_by"],
        at=at,
        note=row["note"],
        reason=row["reason"],
        corrected_kind=row["corrected_kind"],
    )
