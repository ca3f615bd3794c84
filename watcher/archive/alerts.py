"""The SQL of saved alerts, unsubscriptions and the key that signs unsubscribe links.

A saved alert is one row of `saved_alerts`; an address that left a subscription is one row
of `unsubscribed` (the subscription's name and the mailbox, casefolded). Leaving, or deleting
an alert, also withdraws the messages still waiting for that subscription and address, and
the digest entries not yet sent, so nothing more goes out for it. Writes run in the caller's
transaction.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

import sqlite_utils

from watcher.saved_alerts import AlertChoice, Mode, SavedAlert
from watcher.timefmt import from_iso, to_iso

WITHDRAWN = "unsubscribed: not sent"  # the last error of a message withdrawn


def save(db: sqlite_utils.Database, owner: str, choice: AlertChoice, now: datetime) -> int:
    cursor = db.execute(
        "INSERT INTO saved_alerts (owner, name, address, mode, search, source_name,"
        " created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        [owner, *_columns(choice), to_iso(now), to_iso(now)],
    )
    return int(cursor.lastrowid or 0)


def change(
    db: sqlite_utils.Database, alert_id: int, owner: str, choice: AlertChoice, now: datetime
) -> bool:
    """Change the owner's alert; False when they have no such alert."""
    cursor = db.execute(
        "UPDATE saved_alerts SET name = ?, address = ?, mode = ?, search = ?, source_name = ?,"
        " updated_at = ? WHERE id = ? AND owner = ?",
        [*_columns(choice), to_iso(now), alert_id, owner],
    )
    return bool(cursor.rowcount)


def delete(db: sqlite_utils.Database, alert_id: int, owner: str) -> bool:
    cursor = db.execute("DELETE FROM saved_alerts WHERE id = ? AND owner = ?", [alert_id, owner])
    return bool(cursor.rowcount)


def alerts(db: sqlite_utils.Database, owner: str | None = None) -> list[SavedAlert]:
    """The owner's alerts, or everyone's, oldest first."""
    where, params = ("WHERE owner = ?", [owner]) if owner is not None else ("", [])
    rows = db.query(f"SELECT * FROM saved_alerts {where} ORDER BY id", params)  # noqa: S608
    return [_alert(row) for row in rows]


def unsubscribe(db: sqlite_utils.Database, subscription: str, mailbox: str, now: datetime) -> None:
    db.execute(
        "INSERT OR IGNORE INTO unsubscribed (subscription, address, unsubscribed_at)"
        " VALUES (?, ?, ?)",
        [subscription, mailbox, to_iso(now)],
    )


def unsubscribed(db: sqlite_utils.Database) -> set[tuple[str, str]]:
    rows = db.execute("SELECT subscription, address FROM unsubscribed")
    return {(row[0], row[1]) for row in rows}


def changes(db: sqlite_utils.Database) -> int:
    """How many times saved alerts and unsubscriptions have changed (kept by triggers)."""
    row = db.execute("SELECT changes FROM subscription_changes WHERE id = 1").fetchone()
    return int(row[0]) if row else 0


def withdraw(
    db: sqlite_utils.Database,
    subscription: str,
    now: datetime,
    leaving: Callable[[str], bool],
) -> int:
    """Withdraw the subscription's unsent email messages and digest entries whose recipient
    `leaving` names. Returns the messages withdrawn."""
    rows = db.execute(
        "SELECT id, recipient FROM outbox WHERE subscription = ? AND status = 'pending'"
        " AND channel = 'email'",
        [subscription],
    ).fetchall()
    ids = [outbox_id for outbox_id, recipient in rows if leaving(recipient)]
    for outbox_id in ids:
        db.execute(
            "UPDATE outbox SET status = 'dead', dead_at = ?, last_error = ?, dead_reported = 1,"
            " claimed_by = NULL, claimed_until = NULL WHERE id = ? AND status = 'pending'",
            [to_iso(now), WITHDRAWN, outbox_id],
        )
    entries = db.execute(
        "SELECT id, recipient FROM digest_entries WHERE subscription = ? AND outbox_id IS NULL"
        " AND channel = 'email'",
        [subscription],
    ).fetchall()
    for entry_id, recipient in entries:
        if leaving(recipient):
            db.execute("DELETE FROM digest_entries WHERE id = ?", [entry_id])
    return len(ids)


def pending_subscriptions(db: sqlite_utils.Database) -> set[str]:
    """The subscriptions with email messages waiting."""
    rows = db.execute(
        "SELECT DISTINCT subscription FROM outbox WHERE status = 'pending' AND channel = 'email'"
    )
    return {row[0] for row in rows}


def link_key(db: sqlite_utils.Database) -> bytes:
    row = db.execute("SELECT key FROM link_keys WHERE id = 1").fetchone()
    return bytes(row[0])


def _columns(choice: AlertChoice) -> list[str | None]:
    return [choice.name, choice.address, choice.mode, choice.search, choice.source_name]


def _alert(row: dict[str, Any]) -> SavedAlert:
    mode: Mode = "digest" if row["mode"] == "digest" else "immediate"
    choice = AlertChoice(row["name"], row["address"], mode, row["search"], row["source_name"])
    created, updated = _moment(row["created_at"]), _moment(row["updated_at"])
    return SavedAlert(row["id"], row["owner"], choice, created, updated)


def _moment(text: str) -> datetime:
    moment = from_iso(text)
    if moment is None:
        raise ValueError(f"not a time: {text!r}")
    return moment
