"""The archive: one SQLite file holding MPs, sources, items, statements and the alert outbox.

All of the watcher's SQL lives here. The schema is built and upgraded by the numbered
migrations in `MIGRATIONS`; full-text indexes over statements and items are kept in sync by
triggers, so `datasette watcher.db` can search them too. Every write of one poll happens in
one transaction: a crash leaves either all of it or none of it.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any, cast

import sqlite_utils

from watcher.archive.schema import MIGRATIONS as MIGRATIONS
from watcher.archive.search import Filters, Reader, query_help
from watcher.archive.search import normalise_query as normalise_query
from watcher.errors import SearchError
from watcher.models import MP, Alert, Finding, Item, Kind, Source, Statement, Validators
from watcher.timefmt import from_iso, to_iso


@dataclass(frozen=True)
class SourceState:
    id: int
    validators: Validators
    never_polled: bool
    next_check_at: datetime | None
    consecutive_failures: int


@dataclass(frozen=True)
class SourceHealth:
    name: str
    url: str
    kind: str
    mp: str | None
    last_status: str | None
    last_polled_at: datetime | None
    last_success_at: datetime | None
    last_error: str | None
    consecutive_failures: int
    next_check_at: datetime | None
    items: int


@dataclass(frozen=True)
class SearchHit:
    mp: str
    kind: Kind
    target: str | None
    text: str
    said_at: datetime | None
    published_at: datetime | None
    url: str | None
    source: str
    title: str


@dataclass(frozen=True)
class OutboxEntry:
    id: int
    status: str
    recipient: str
    mp: str
    kind: str
    attempts: int
    last_error: str | None
    created_at: datetime
    next_attempt_at: datetime


def fingerprint(statement: Statement) -> str:
    parts = (statement.mp, statement.kind, statement.target or "", statement.text)
    return hashlib.sha256("\x1f".join(parts).encode()).hexdigest()


class Archive:
    def __init__(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        conn = sqlite3.connect(path, timeout=30)
        conn.execute("PRAGMA foreign_keys = ON")
        self.db = sqlite_utils.Database(conn)
        self.db.enable_wal()
        self._migrate()

    def close(self) -> None:
        self.db.close()

    def _migrate(self) -> None:
        version = cast(int, self.db.execute("PRAGMA user_version").fetchone()[0])
        for number, migration in enumerate(MIGRATIONS[version:], start=version + 1):
            # FTS set-up needs autocommit, so a migration is written to be safe to run again
            # if it was cut off; user_version moves only once it has completed.
            migration(self.db)
            self.db.execute(f"PRAGMA user_version = {number:d}")

    @property
    def schema_version(self) -> int:
        return cast(int, self.db.execute("PRAGMA user_version").fetchone()[0])

    # --- configuration --------------------------------------------------------------------

    def sync_config(self, mps: Sequence[MP], sources: Sequence[Source]) -> None:
        """Bring the MPs and sources of the config into the archive; history is kept."""
        with self.db.atomic():
            for mp in mps:
                self.db.execute(
                    "INSERT INTO mps (name, party, constituency, aliases) VALUES (?, ?, ?, ?)"
                    " ON CONFLICT (name) DO UPDATE SET party = excluded.party,"
                    " constituency = excluded.constituency, aliases = excluded.aliases",
                    [mp.name, mp.party, mp.constituency, json.dumps(list(mp.aliases))],
                )
            for source in sources:
                self.db.execute(
                    "INSERT INTO sources (url, name, kind, mp_id, interval_s)"
                    " VALUES (?, ?, ?, (SELECT id FROM mps WHERE name = ?), ?)"
                    " ON CONFLICT (url) DO UPDATE SET name = excluded.name, kind = excluded.kind,"
                    " mp_id = excluded.mp_id, interval_s = excluded.interval_s",
                    [source.url, source.name, source.kind, source.mp, source.interval],
                )

    def source_state(self, source: Source) -> SourceState:
        row = self._one("SELECT * FROM sources WHERE url = ?", [source.url])
        if row is None:
            self.sync_config([], [source])
            row = self._one("SELECT * FROM sources WHERE url = ?", [source.url])
            assert row is not None
        return SourceState(
            id=row["id"],
            validators=Validators(row["etag"], row["last_modified"]),
            never_polled=row["last_success_at"] is None,
            next_check_at=from_iso(row["next_check_at"]),
            consecutive_failures=row["consecutive_failures"],
        )

    # --- polling --------------------------------------------------------------------------

    def unseen_keys(self, source_id: int, keys: Iterable[str]) -> set[str]:
        wanted = list(dict.fromkeys(keys))
        seen: set[str] = set()
        for start in range(0, len(wanted), 500):
            chunk = wanted[start : start + 500]
            marks = ",".join("?" * len(chunk))
            rows = self.db.execute(
                f"SELECT key FROM items WHERE source_id = ? AND key IN ({marks})",  # noqa: S608
                [source_id, *chunk],
            )
            seen.update(r[0] for r in rows)
        return set(wanted) - seen

    def record_poll(
        self,
        state: SourceState,
        validators: Validators,
        findings: Sequence[Finding],
        now: datetime,
        next_check: datetime,
    ) -> int:
        """Store new items, their statements, mentions and alerts, and the source's health.

        Returns the number of alerts queued. All or nothing.
        """
        queued = 0
        with self.db.atomic():
            for finding in findings:
                queued += self._store_finding(state.id, finding, now)
            self._record_success(state.id, validators, "ok", now, next_check)
        return queued

    def record_not_modified(self, state: SourceState, now: datetime, next_check: datetime) -> None:
        with self.db.atomic():
            self._record_success(state.id, state.validators, "not_modified", now, next_check)

    def record_failure(
        self, state: SourceState, error: str, now: datetime, next_check: datetime
    ) -> None:
        with self.db.atomic():
            self.db.execute(
                "UPDATE sources SET last_polled_at = ?, last_status = 'error', last_error = ?,"
                " last_error_at = ?, consecutive_failures = consecutive_failures + 1,"
                " next_check_at = ?, first_polled_at = COALESCE(first_polled_at, ?) WHERE id = ?",
                [to_iso(now), error, to_iso(now), to_iso(next_check), to_iso(now), state.id],
            )

    def _record_success(
        self,
        source_id: int,
        validators: Validators,
        status: str,
        now: datetime,
        next_check: datetime,
    ) -> None:
        self.db.execute(
            "UPDATE sources SET etag = ?, last_modified = ?, last_polled_at = ?, last_status = ?,"
            " last_success_at = ?, consecutive_failures = 0, next_check_at = ?,"
            " first_polled_at = COALESCE(first_polled_at, ?) WHERE id = ?",
            [
                validators.etag,
                validators.last_modified,
                to_iso(now),
                status,
                to_iso(now),
                to_iso(next_check),
                to_iso(now),
                source_id,
            ],
        )

    def _store_finding(self, source_id: int, finding: Finding, now: datetime) -> int:
        item = finding.item
        cursor = self.db.execute(
            "INSERT INTO items (source_id, key, url, title, text, author, published_at,"
            " first_seen_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
            [
                source_id,
                item.key,
                item.url,
                item.title,
                item.text,
                item.author,
                to_iso(item.published_at),
                to_iso(now),
            ],
        )
        if cursor.rowcount == 0:
            return 0  # already archived: nothing to do twice
        item_id = cursor.lastrowid
        for name in finding.mentions:
            self.db.execute(
                "INSERT OR IGNORE INTO mentions (item_id, mp_id)"
                " SELECT ?, id FROM mps WHERE name = ?",
                [item_id, name],
            )
        statement_ids = [self._store_statement(item_id, s, now) for s in finding.statements]
        for delivery in finding.deliveries:
            statement_id = statement_ids[delivery.statement_index]
            key = hashlib.sha256(
                f"{item.source.url}\x1f{item.key}\x1f{statement_id}\x1f{delivery.recipient}".encode()
            ).hexdigest()[:32]
            cursor = self.db.execute(
                "INSERT OR IGNORE INTO outbox (recipient, subscription, message_key, item_id,"
                " cluster_id, created_at, next_attempt_at)"
                " SELECT ?, ?, ?, ?, cluster_id, ?, ? FROM statements WHERE id = ?",
                [
                    delivery.recipient,
                    delivery.subscription,
                    key,
                    item_id,
                    to_iso(now),
                    to_iso(now),
                    statement_id,
                ],
            )
            self.db.execute(
                "INSERT INTO outbox_statements (outbox_id, statement_id) VALUES (?, ?)",
                [cursor.lastrowid, statement_id],
            )
        return len(finding.deliveries)

    def _store_statement(self, item_id: int | None, statement: Statement, now: datetime) -> int:
        cursor = self.db.execute(
            "INSERT INTO statements (item_id, mp_id, kind, target, text, said_at, said_at_text,"
            " said_at_precision, confidence, evidence, fingerprint, created_at)"
            " SELECT ?, id, ?, ?, ?, ?, ?, ?, ?, ?, ?, ? FROM mps WHERE name = ?",
            [
                item_id,
                statement.kind,
                statement.target,
                statement.text,
                to_iso(statement.said_at),
                statement.said_at_text,
                statement.said_at_precision,
                statement.confidence,
                statement.evidence,
                fingerprint(statement),
                to_iso(now),
                statement.mp,
            ],
        )
        if cursor.lastrowid is None or cursor.rowcount == 0:
            raise LookupError(f"MP {statement.mp!r} is not in the archive")
        statement_id = cursor.lastrowid
        cluster = self.db.execute(
            "INSERT INTO clusters (mp_id, kind, target, words, first_statement_id, first_seen_at,"
            " last_seen_at) SELECT mp_id, kind, target, lower(text), id, created_at, created_at"
            " FROM statements WHERE id = ?",
            [statement_id],
        )
        self.db.execute(
            "UPDATE statements SET cluster_id = ? WHERE id = ?", [cluster.lastrowid, statement_id]
        )
        return statement_id

    # --- the outbox -------------------------------------------------------------------------

    def due_alerts(self, now: datetime, limit: int = 100) -> list[Alert]:
        rows = self.db.query(
            """
            SELECT o.id AS outbox_id, o.message_key, o.recipient, o.attempts, m.name AS mp, m.party,
                   m.constituency, s.kind, s.target, s.text, s.said_at, i.published_at,
                   i.first_seen_at, i.url, i.title, src.name AS source
            FROM outbox o
            JOIN outbox_statements os ON os.outbox_id = o.id
            JOIN statements s ON s.id = os.statement_id
            JOIN mps m ON m.id = s.mp_id
            JOIN items i ON i.id = s.item_id
            JOIN sources src ON src.id = i.source_id
            WHERE o.status = 'pending' AND o.next_attempt_at <= ?
            ORDER BY o.id LIMIT ?
            """,
            [to_iso(now), limit],
        )
        return [_alert(row) for row in rows]

    def mark_sent(self, outbox_id: int, now: datetime) -> None:
        with self.db.atomic():
            self.db.execute(
                "UPDATE outbox SET status = 'sent', sent_at = ?, attempts = attempts + 1,"
                " last_error = NULL WHERE id = ?",
                [to_iso(now), outbox_id],
            )

    def mark_failed(self, outbox_id: int, error: str, next_attempt: datetime) -> None:
        with self.db.atomic():
            self.db.execute(
                "UPDATE outbox SET attempts = attempts + 1, last_error = ?, next_attempt_at = ?"
                " WHERE id = ?",
                [error, to_iso(next_attempt), outbox_id],
            )

    def outbox(self, statuses: Sequence[str] = ("pending", "dead")) -> list[OutboxEntry]:
        rows = self.db.query(
            "SELECT o.*, m.name AS mp, s.kind AS statement_kind FROM outbox o"
            " JOIN outbox_statements os ON os.outbox_id = o.id"
            " JOIN statements s ON s.id = os.statement_id JOIN mps m ON m.id = s.mp_id"
            " WHERE o.status IN (SELECT value FROM json_each(?)) ORDER BY o.id",
            [json.dumps(list(statuses))],
        )
        return [
            OutboxEntry(
                id=r["id"],
                status="failing" if r["status"] == "pending" and r["last_error"] else r["status"],
                recipient=r["recipient"],
                mp=r["mp"],
                kind=r["statement_kind"],
                attempts=r["attempts"],
                last_error=r["last_error"],
                created_at=_when(r["created_at"]),
                next_attempt_at=_when(r["next_attempt_at"]),
            )
            for r in rows
        ]

    # --- reading ----------------------------------------------------------------------------

    def source_health(self, sources: Sequence[Source]) -> list[SourceHealth]:
        health = []
        for source in sources:
            row = self._one(
                "SELECT s.*, (SELECT count(*) FROM items WHERE source_id = s.id) AS items"
                " FROM sources s WHERE url = ?",
                [source.url],
            )
            row = row or {"items": 0, "consecutive_failures": 0}
            health.append(
                SourceHealth(
                    name=source.name,
                    url=source.url,
                    kind=source.kind,
                    mp=source.mp,
                    last_status=row.get("last_status"),
                    last_polled_at=from_iso(row.get("last_polled_at")),
                    last_success_at=from_iso(row.get("last_success_at")),
                    last_error=row.get("last_error"),
                    consecutive_failures=row["consecutive_failures"],
                    next_check_at=from_iso(row.get("next_check_at")),
                    items=row["items"],
                )
            )
        return health

    def search(
        self,
        query: str,
        *,
        mp: str | None = None,
        kind: str | None = None,
        since: datetime | None = None,
        until: datetime | None = None,
        limit: int = 20,
    ) -> list[SearchHit]:
        """Full-text search over statements, newest first. FTS5 syntax: phrases, prefix*, OR."""
        if not normalise_query(query):
            raise SearchError(query_help(query, "the query is empty"))
        filters = Filters(query, mp=mp, kind=kind, since=since, until=until)
        cards = Reader(self.db).search(filters, per_page=limit).cards
        return [
            SearchHit(
                mp=c.mp,
                kind=c.kind,
                target=c.target,
                text=c.text,
                said_at=c.said_at,
                published_at=c.published_at,
                url=c.url,
                source=c.source,
                title=c.title,
            )
            for c in cards
        ]

    def count(self, table: str) -> int:
        return self.db[table].count

    def _one(self, sql: str, params: Sequence[Any]) -> dict[str, Any] | None:
        return next(iter(self.db.query(sql, params)), None)

    # --- item versions ----------------------------------------------------------------------

    def record_item_edits(self, source_id: int, listed: Sequence[Item], now: datetime) -> int:
        """Items of the source archived before and listed again with another title or text:
        a 'changed' version each, unless that is already the latest known. Returns how many."""
        recorded = 0
        with self.db.atomic():
            for item in listed:
                row = self._one(
                    "SELECT id FROM items WHERE source_id = ? AND key = ?", [source_id, item.key]
                )
                if row is not None and self._add_version(row["id"], item, now):
                    recorded += 1
        return recorded

    def record_page_version(self, source_id: int, page: Item, now: datetime) -> int:
        """A page source's text now reads as `page`: each earlier version of the page that
        read otherwise gets a 'changed' version. Returns how many."""
        recorded = 0
        with self.db.atomic():
            rows = self.db.query(
                "SELECT id FROM items WHERE source_id = ? AND key != ?", [source_id, page.key]
            )
            for row in list(rows):
                recorded += self._add_version(row["id"], page, now)
        return recorded

    def record_page_removed(self, source_id: int, detail: str, now: datetime) -> int:
        """A page source answered 404 or 410: every version of the page is 'removed'."""
        with self.db.atomic():
            cursor = self.db.execute(
                "INSERT INTO item_versions (item_id, seen_at, status, detail)"
                " SELECT i.id, ?, 'removed', ? FROM items i WHERE i.source_id = ?"
                " AND COALESCE((SELECT v.status FROM item_versions v WHERE v.item_id = i.id"
                " ORDER BY v.id DESC LIMIT 1), '') != 'removed'",
                [to_iso(now), detail, source_id],
            )
        return cursor.rowcount

    def _add_version(self, item_id: int, item: Item, now: datetime) -> bool:
        latest = self._one(
            "SELECT status, title, text FROM item_versions WHERE item_id = ?"
            " ORDER BY id DESC LIMIT 1",
            [item_id],
        ) or self._one("SELECT 'first' AS status, title, text FROM items WHERE id = ?", [item_id])
        assert latest is not None
        if latest["status"] != "removed" and (latest["title"], latest["text"]) == (
            item.title,
            item.text,
        ):
            return False
        self.db.execute(
            "INSERT INTO item_versions (item_id, seen_at, status, title, text)"
            " VALUES (?, ?, 'changed', ?, ?)",
            [item_id, to_iso(now), item.title, item.text],
        )
        return True


def _when(text: str) -> datetime:
    moment = from_iso(text)
    assert moment is not None
    return moment


def _alert(row: dict[str, Any]) -> Alert:
    return Alert(
        outbox_id=row["outbox_id"],
        message_key=row["message_key"],
        recipient=row["recipient"],
        mp=row["mp"],
        party=row["party"],
        constituency=row["constituency"],
        kind=row["kind"],
        target=row["target"],
        text=row["text"],
        said_at=from_iso(row["said_at"]),
        published_at=from_iso(row["published_at"]),
        first_seen_at=_when(row["first_seen_at"]),
        url=row["url"],
        title=row["title"],
        source=row["source"],
        attempts=row["attempts"],
    )
