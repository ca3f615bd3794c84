"""The archive: one SQLite file holding MPs, sources, items, statements and the alert outbox.

All of the watcher's SQL lives here. The schema is built and upgraded by the numbered
migrations in `MIGRATIONS`; full-text indexes over statements and items are kept in sync by
triggers, so `datasette watcher.db` can search them too. Every write of one poll happens in
one transaction: a crash leaves either all of it or none of it.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import socket
import sqlite3
import time
import uuid
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from functools import partial
from pathlib import Path
from typing import Any, cast

import sqlite_utils

from watcher.archive import alerts, changes, outbox, triage
from watcher.archive.matcher import normalise_query as normalise_query
from watcher.archive.matcher import query_help
from watcher.archive.outbox import DigestPlan, NewMessage, file_plan, place_in_story, reached
from watcher.archive.schema import MIGRATIONS as MIGRATIONS
from watcher.archive.search import Filters, Reader, SourceRow
from watcher.changes import Archived, diff_lines, diff_text, same_text
from watcher.contests import ContestStatement
from watcher.drafts import DraftItem
from watcher.errors import ArchiveFullError, ArchiveLockedError, SearchError
from watcher.health import HealthRecord, Verdict
from watcher.models import (
    MP,
    Channel,
    Finding,
    Item,
    Kind,
    Message,
    MessageKind,
    Report,
    Source,
    Statement,
    Validators,
    shown_health,
)
from watcher.notify.queueing import Filed, QueuePolicy, plan_queue
from watcher.saved_alerts import AlertChoice, SavedAlert, mailbox_of, subscription_name
from watcher.secrets import without_secrets
from watcher.timefmt import from_iso, to_iso
from watcher.triage import Mark, StatusChange, Visit, next_visit


def _not_yet_archived(source: Source) -> SourceRow:
    """A configured source the archive has no row for yet: never polled."""
    return SourceRow(
        id=None,
        name=source.name,
        url=source.url,
        kind=source.kind,
        mp=source.mp,
        health=shown_health("ok", None),
        health_since=None,
        health_detail=None,
        last_status=None,
        last_polled_at=None,
        last_success_at=None,
        last_error=None,
        consecutive_failures=0,
        next_check_at=None,
        items=0,
    )


def claimant_id() -> str:
    """Who claims a message or a poll: this host and process, and a random part for each
    claimant, so that two in one process are told apart too."""
    return f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:8]}"


def claimant_is_gone(owner: str) -> bool:
    """True when `owner` was a process on this host that is no longer running (killed, say),
    so its claims need not wait to lapse. A claimant on another host is never judged gone."""
    host, _, rest = owner.partition(":")
    pid_text = rest.partition(":")[0]
    if host != socket.gethostname() or not pid_text.isdigit():
        return False
    pid = int(pid_text)
    if pid == os.getpid():
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    except OSError:  # it exists, owned by another user
        return False
    return False


@dataclass(frozen=True)
class SourceState:
    id: int
    validators: Validators
    never_polled: bool
    next_check_at: datetime | None
    consecutive_failures: int
    body_hash: str | None = None  # of the last body whose items were all taken


@dataclass(frozen=True)
class OutboxEntry:
    id: int
    key: str  # stable; its Message-ID is made from it
    status: str  # pending, sending (claimed), failing (pending with an error), sent or dead
    message: MessageKind
    mp: str | None  # the first MP it tells of (health warnings and notices: none)
    kind: Kind | None  # that MP's statement kind
    channel: Channel
    recipient: str  # Apprise URLs are shown without their secrets
    subscription: str
    mps: tuple[str, ...]
    subject: str | None
    attempts: int
    last_error: str | None
    created_at: datetime
    next_attempt_at: datetime
    give_up_at: datetime | None
    sent_at: datetime | None
    dead_at: datetime | None


log = logging.getLogger(__name__)


@dataclass(frozen=True)
class LockWait:
    """How long to wait for another process's write lock on the archive: each attempt waits
    up to `busy_timeout` seconds inside SQLite, and `attempts` are made, `pause` apart."""

    busy_timeout: float = 30.0
    attempts: int = 3
    pause: float = 5.0

    def __post_init__(self) -> None:
        if self.attempts < 1 or self.busy_timeout < 0 or self.pause < 0:
            raise ValueError(f"not a way to wait: {self}")


LOCK_WAIT = LockWait()


def open_archive(
    path: Path,
    mps: Sequence[MP],
    sources: Sequence[Source],
    wait: LockWait | None = None,
    sleep: Callable[[float], None] = time.sleep,
) -> Archive:
    """The archive at `path` with the config's MPs and sources brought in, as a round or the
    daemon starts. A lock another process holds is waited out, saying so in the log, for
    `wait.attempts` attempts (default `LOCK_WAIT`); then ArchiveLockedError."""
    wait = wait or LOCK_WAIT
    for attempt in range(1, wait.attempts):
        try:
            return _open_synced(path, mps, sources, wait.busy_timeout)
        except ArchiveLockedError:
            log.warning(
                "the archive %s is locked by another process; retrying… (attempt %d of %d)",
                path,
                attempt + 1,
                wait.attempts,
            )
            sleep(wait.pause)
    try:
        return _open_synced(path, mps, sources, wait.busy_timeout)
    except ArchiveLockedError:
        waited = wait.attempts * wait.busy_timeout + (wait.attempts - 1) * wait.pause
        raise ArchiveLockedError(str(path), waited) from None


def _open_synced(
    path: Path, mps: Sequence[MP], sources: Sequence[Source], busy_timeout: float
) -> Archive:
    archive = Archive(path, busy_timeout)
    try:
        archive.sync_config(mps, sources)
    except BaseException:
        archive.close()
        raise
    return archive


def fingerprint(statement: Statement) -> str:
    parts = (statement.mp, statement.kind, statement.target or "", statement.text)
    return hashlib.sha256("\x1f".join(parts).encode()).hexdigest()


class Archive:
    """The archive at `path`. A write waits up to `busy_timeout` seconds for another process's
    lock, then raises ArchiveLockedError."""

    def __init__(self, path: Path, busy_timeout: float = LOCK_WAIT.busy_timeout) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self.path = path
        self.busy_timeout = busy_timeout
        conn = sqlite3.connect(path, timeout=busy_timeout)
        self.db = sqlite_utils.Database(conn)
        try:
            with self._busy_or_full_reported():
                conn.execute("PRAGMA foreign_keys = ON")
                self.db.enable_wal()
                # In WAL mode, NORMAL writes a commit to the log without waiting for the disk:
                # a process killed at any moment loses nothing it committed (the system still
                # holds the log), and the archive stays whole; only a power cut can take back
                # the last commits, which then happen again: their polls, or a resent alert.
                conn.execute("PRAGMA synchronous = NORMAL")
                self._migrate()
        except BaseException:
            conn.close()
            raise

    def close(self) -> None:
        self.db.close()

    @contextmanager
    def _busy_or_full_reported(self) -> Iterator[None]:
        """SQLite's "database is locked", once its busy timeout has passed, as
        ArchiveLockedError; "database or disk is full" as ArchiveFullError."""
        try:
            yield
        except sqlite3.OperationalError as exc:
            code = exc.sqlite_errorcode & 0xFF
            if code == sqlite3.SQLITE_FULL:
                raise ArchiveFullError(str(self.path)) from exc
            if code not in (sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED):
                raise
            raise ArchiveLockedError(str(self.path), self.busy_timeout) from exc

    @contextmanager
    def _writing(self) -> Iterator[sqlite_utils.Database]:
        """A transaction that takes the write lock when it begins (BEGIN IMMEDIATE), waiting
        for another process's writes to finish. A transaction that reads before it writes
        would otherwise fail at once ("database is locked") when another process wrote after
        its read, instead of waiting its turn: so several processes can share one archive."""
        if self.db.conn.in_transaction:
            with self._busy_or_full_reported(), self.db.atomic():
                yield self.db
            return
        with self._busy_or_full_reported():
            self.db.execute("BEGIN IMMEDIATE")
        try:
            with self._busy_or_full_reported():
                yield self.db
                self.db.execute("COMMIT")
        except BaseException:
            self.db.conn.rollback()
            raise

    def write_together(
        self, writes: Sequence[Callable[[], object]]
    ) -> list[tuple[object, Exception | None]]:
        """Run `writes` in one transaction, each in a savepoint: one that raises is undone
        alone and its error returned in its place. Raises, writing nothing, when the
        transaction itself cannot be had or committed, or an error undid all of it."""
        results: list[tuple[object, Exception | None]] = []
        with self._writing():
            for write in writes:
                try:
                    with self._writing():  # nested: a savepoint
                        results.append((write(), None))
                except Exception as exc:
                    if not self.db.conn.in_transaction:  # the error rolled back the batch
                        raise
                    results.append((None, exc))
        return results

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
        with self._writing():
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
            body_hash=row.get("body_hash"),  # tests drive older schemas too
        )

    # --- polling --------------------------------------------------------------------------

    def claim_poll(self, state: SourceState, owner: str, now: datetime, until: datetime) -> bool:
        """Take the source for `owner` until `until`, unless another process holds a claim
        that has not lapsed and is still running. One UPDATE: of several processes trying at
        once, one wins."""
        with self._writing():
            holder = self.db.execute(
                "SELECT polled_by FROM sources WHERE id = ?", [state.id]
            ).fetchone()
            gone = holder[0] if holder and holder[0] and claimant_is_gone(holder[0]) else owner
            cursor = self.db.execute(
                "UPDATE sources SET polled_by = ?, poll_until = ?"
                " WHERE id = ? AND (poll_until IS NULL OR poll_until <= ? OR polled_by IN (?, ?))",
                [owner, to_iso(until), state.id, to_iso(now), owner, gone],
            )
            return bool(cursor.rowcount)

    def release_poll(self, state: SourceState, owner: str) -> None:
        """Give the source back, if `owner` still holds it."""
        with self._writing():
            self.db.execute(
                "UPDATE sources SET polled_by = NULL, poll_until = NULL"
                " WHERE id = ? AND polled_by = ?",
                [state.id, owner],
            )

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
        policy: QueuePolicy = QueuePolicy(),  # noqa: B008 (frozen, so safe to share)
        listed: int | None = None,
        body_hash: str | None = None,
    ) -> int:
        """Store new items, their statements, mentions and alerts, and the source's health.

        Returns the number of messages queued. All or nothing.
        """
        queued = 0
        with self._writing():
            for finding in findings:
                queued += self._store_finding(state.id, finding, now, policy)
            if listed is not None:
                self.db.execute(
                    "UPDATE sources SET listed_last = ?, listed_most = max(listed_most, ?),"
                    " empty_since = CASE WHEN ? = 0 THEN COALESCE(empty_since, ?) END"
                    " WHERE id = ?",
                    [listed, listed, listed, to_iso(now), state.id],
                )
            self._record_success(state.id, validators, "ok", now, next_check)
            if body_hash is not None:  # else the last hash is of another body, harmless
                self.db.execute(
                    "UPDATE sources SET body_hash = ? WHERE id = ?", [body_hash, state.id]
                )
        return queued

    def record_not_modified(self, state: SourceState, now: datetime, next_check: datetime) -> None:
        with self._writing():
            self._record_success(state.id, state.validators, "not_modified", now, next_check)

    def record_unchanged(
        self, state: SourceState, validators: Validators, now: datetime, next_check: datetime
    ) -> None:
        """A whole body the same as the last one read: as good as not modified."""
        with self._writing():
            self._record_success(state.id, validators, "not_modified", now, next_check)

    def record_failure(
        self, state: SourceState, error: str, now: datetime, next_check: datetime
    ) -> None:
        with self._writing():
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

    def _store_finding(
        self, source_id: int, finding: Finding, now: datetime, policy: QueuePolicy
    ) -> int:
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
        if cursor.rowcount == 0 or cursor.lastrowid is None:
            return 0  # already archived: nothing to do twice
        item_id = cursor.lastrowid
        for name in finding.mentions:
            self.db.execute(
                "INSERT OR IGNORE INTO mentions (item_id, mp_id)"
                " SELECT ?, id FROM mps WHERE name = ?",
                [item_id, name],
            )
        filed = []
        for statement in finding.statements:
            statement_id = self._store_statement(item_id, statement, now)
            story_id = place_in_story(self.db, statement_id, statement, now, policy.story_window)
            filed.append(Filed(statement_id, story_id))
        had = reached(self.db, finding.deliveries, filed)
        planned = plan_queue(finding.deliveries, filed, had, now, policy)
        return file_plan(self.db, item, item_id, planned, now, policy)

    def _store_statement(self, item_id: int | None, statement: Statement, now: datetime) -> int:
        cursor = self.db.execute(
            "INSERT INTO statements (item_id, mp_id, kind, target, text, said_at, said_at_text,"
            " said_at_precision, confidence, evidence, verbatim, report, fingerprint, created_at)"
            " SELECT ?, id, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ? FROM mps WHERE name = ?",
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
                int(statement.verbatim),
                statement.report,
                fingerprint(statement),
                to_iso(now),
                statement.mp,
            ],
        )
        if cursor.lastrowid is None or cursor.rowcount == 0:
            raise LookupError(f"MP {statement.mp!r} is not in the archive")
        return cursor.lastrowid

    # --- source health ----------------------------------------------------------------------

    def health_record(self, state: SourceState) -> HealthRecord:
        row = self._one("SELECT * FROM sources WHERE id = ?", [state.id])
        assert row is not None
        times = self.db.execute(
            "SELECT COALESCE(published_at, first_seen_at) FROM items WHERE source_id = ?"
            " ORDER BY id DESC LIMIT 20",
            [state.id],
        ).fetchall()
        return HealthRecord(
            name=row["name"],
            url=row["url"],
            last_status=row["last_status"],
            last_error=row["last_error"],
            consecutive_failures=row["consecutive_failures"],
            first_polled_at=from_iso(row["first_polled_at"]),
            last_success_at=from_iso(row["last_success_at"]),
            listed_last=row["listed_last"],
            listed_most=row["listed_most"],
            empty_since=from_iso(row["empty_since"]),
            item_times=tuple(sorted(_when(t[0]) for t in times)),
            state=row["health"],
            reported=row["health_reported"],
        )

    def set_health(
        self, state: SourceState, verdict: Verdict, now: datetime, message: NewMessage | None
    ) -> None:
        """Record the source's state; queue `message` and note it as told, all at once."""
        with self._writing():
            self.db.execute(
                "UPDATE sources SET health_since = CASE WHEN health = ? THEN health_since"
                " ELSE ? END, health = ?, health_detail = ? WHERE id = ?",
                [verdict.state, to_iso(now), verdict.state, verdict.detail or None, state.id],
            )
            if message is not None:
                outbox.insert_message(self.db, message, now, now, None)
                self.db.execute(
                    "UPDATE sources SET health_reported = ? WHERE id = ?",
                    [verdict.state, state.id],
                )

    # --- the outbox -------------------------------------------------------------------------

    def due_messages(self, now: datetime, limit: int = 100) -> list[Message]:
        """Pending messages whose time has come, oldest first."""
        return outbox.due_messages(self.db, now, limit)

    def claim(self, outbox_id: int, owner: str, now: datetime, until: datetime) -> bool:
        """Claim a due message for one sender until `until`; False if another holds it, it
        was sent meanwhile, or it is no longer due. Only the claimant may send it."""
        with self._writing():
            return outbox.claim_message(self.db, outbox_id, owner, now, until)

    def mark_sent(self, outbox_id: int, now: datetime) -> None:
        with self._writing():
            self.db.execute(
                "UPDATE outbox SET status = 'sent', sent_at = ?, attempts = attempts + 1,"
                " last_error = NULL, claimed_by = NULL, claimed_until = NULL"
                " WHERE id = ? AND status = 'pending'",
                [to_iso(now), outbox_id],
            )
            self.db.execute(
                "DELETE FROM channel_holds WHERE channel ="
                " (SELECT channel FROM outbox WHERE id = ?)",
                [outbox_id],
            )

    def mark_failed(self, outbox_id: int, error: str, next_attempt: datetime) -> None:
        """Not delivered: the claim is released and the message waits until `next_attempt`."""
        with self._writing():
            self.db.execute(
                "UPDATE outbox SET attempts = attempts + 1, last_error = ?, next_attempt_at = ?,"
                " claimed_by = NULL, claimed_until = NULL WHERE id = ?",
                [error, to_iso(next_attempt), outbox_id],
            )

    def mark_undrawable(self, outbox_id: int, error: str, now: datetime) -> None:
        """The message cannot be drawn, so no retry can send it: it is dead at once, with the
        error, and the admin is told at the next round like any message given up on."""
        with self._writing():
            self.db.execute(
                "UPDATE outbox SET status = 'dead', dead_at = ?, last_error = ?,"
                " claimed_by = NULL, claimed_until = NULL WHERE id = ? AND status = 'pending'",
                [to_iso(now), error, outbox_id],
            )

    def postpone_channel(
        self, channel: Channel, error: str, now: datetime, retry_at: datetime
    ) -> int:
        with self._writing():
            return outbox.postpone_channel(self.db, channel, error, now, retry_at)

    def give_up(
        self, now: datetime, notice: Callable[[list[dict[str, Any]]], NewMessage | None]
    ) -> int:
        """Pending messages past their give-up time become dead; `notice` composes the one
        message that tells the admin of those not reported yet. Returns how many died."""
        with self._writing():
            dead = outbox.give_up(self.db, now)
            unreported = outbox.unreported_dead(self.db)
            message = notice(unreported) if unreported else None
            if message is not None:
                outbox.insert_message(self.db, message, now, now, None)
            if unreported:
                outbox.mark_reported(self.db, [row["id"] for row in unreported])
        return len(dead)

    def retry(self, outbox_id: int, now: datetime, give_up_after: float) -> bool:
        """Send a failing or dead message again now, with a fresh give-up time."""
        with self._writing():
            cursor = self.db.execute(
                "UPDATE outbox SET status = 'pending', next_attempt_at = ?, give_up_at = ?,"
                " dead_at = NULL, dead_reported = 0 WHERE id = ? AND status != 'sent'",
                [
                    to_iso(now),
                    to_iso(now + timedelta(seconds=give_up_after)),
                    outbox_id,
                ],
            )
        return bool(cursor.rowcount)

    def queue_message(self, message: NewMessage, now: datetime) -> int | None:
        """Queue a message that carries its own text (health warnings, notices)."""
        with self._writing():
            return outbox.insert_message(self.db, message, now, now, None)

    def queue_messages(
        self, messages: Sequence[NewMessage], now: datetime, policy: QueuePolicy
    ) -> int:
        """Queue messages that carry their own text, all at once; one whose key is queued
        already is left out. Returns how many were queued."""
        with self._writing():
            queued = [outbox.insert_message(self.db, m, now, now, policy) for m in messages]
        return sum(1 for outbox_id in queued if outbox_id is not None)

    def build_digests(self, plans: Sequence[DigestPlan], now: datetime, policy: QueuePolicy) -> int:
        with self._writing():
            return sum(outbox.build_digests(self.db, plan, now, policy) for plan in plans)

    def outbox(
        self, statuses: Sequence[str] = ("pending", "dead"), now: datetime | None = None
    ) -> list[OutboxEntry]:
        """The messages of these statuses; a pending one another process has claimed and not
        released by `now` is shown as `sending`."""
        rows = self.db.query(
            "SELECT o.*, (SELECT group_concat(DISTINCT m.name) FROM outbox_statements os"
            " JOIN statements s ON s.id = os.statement_id JOIN mps m ON m.id = s.mp_id"
            " WHERE os.outbox_id = o.id) AS mps, first.name AS first_mp, first.kind AS first_kind"
            " FROM outbox o LEFT JOIN (SELECT os.outbox_id, m.name, s.kind"
            " FROM outbox_statements os JOIN statements s ON s.id = os.statement_id"
            " JOIN mps m ON m.id = s.mp_id GROUP BY os.outbox_id HAVING s.id = min(s.id)) first"
            " ON first.outbox_id = o.id"
            " WHERE o.status IN (SELECT value FROM json_each(?)) ORDER BY o.id",
            [json.dumps(list(statuses))],
        )
        return [_outbox_entry(r, now) for r in rows]

    # --- reading ----------------------------------------------------------------------------

    def source_health(self, sources: Sequence[Source]) -> list[SourceRow]:
        """The configured sources' health, in the config's order and by its names."""
        known = {row.url: row for row in Reader(self.db).sources()}
        return [
            replace(known[s.url], name=s.name, kind=s.kind, mp=s.mp)
            if s.url in known
            else _not_yet_archived(s)
            for s in sources
        ]

    def search(
        self,
        query: str,
        *,
        mp: str | None = None,
        kind: str | None = None,
        since: datetime | None = None,
        until: datetime | None = None,
        status: str | None = None,
        limit: int = 20,
    ) -> list[Report]:
        """Full-text search over statements, newest first. FTS5 syntax: phrases, prefix*, OR."""
        if not normalise_query(query):
            raise SearchError(query_help(query, "the query is empty"))
        filters = Filters(query, mp=mp, kind=kind, since=since, until=until, status=status)
        return list(Reader(self.db).search(filters, per_page=limit).cards)

    def knows_mp(self, name: str) -> bool:
        """Whether an MP of the archive is called `name` or has it as an alias."""
        return bool(Reader(self.db).mp_ids(name))

    def contest_statements(
        self, since: datetime | None, until: datetime | None
    ) -> list[ContestStatement]:
        """Bids, withdrawals and endorsements dated in [since, until), oldest first."""
        return Reader(self.db).contest_statements(since, until)

    def count(self, table: str) -> int:
        return self.db[table].count

    def _one(self, sql: str, params: Sequence[Any]) -> dict[str, Any] | None:
        return next(iter(self.db.query(sql, params)), None)

    # --- triage ---------------------------------------------------------------------------

    def mark(self, decision: Mark) -> bool:
        """Set a statement's editorial status, keeping the change in its history; False when
        the archive has no such statement."""
        with self._writing():
            return triage.mark(self.db, decision)

    def status_history(self, statement_id: int) -> tuple[StatusChange, ...]:
        return triage.history(self.db, statement_id)

    def dismissed_items(self) -> list[DraftItem]:
        """The items with a dismissed statement, each with all its statements."""
        return triage.dismissed_items(self.db)

    def visit(self, user: str, now: datetime) -> Visit:
        """Note a user's view of the front page at `now`; their visit record after it."""
        with self._writing():
            seen = next_visit(triage.visit(self.db, user), now)
            triage.record_visit(self.db, user, seen)
        return seen

    # --- saved alerts and unsubscriptions --------------------------------------------------

    def save_alert(self, owner: str, choice: AlertChoice, now: datetime) -> int:
        with self._writing():
            return alerts.save(self.db, owner, choice, now)

    def change_alert(self, alert_id: int, owner: str, choice: AlertChoice, now: datetime) -> bool:
        """Change one of the owner's alerts; a new address takes the place of the old at once:
        what still waited for the old one is withdrawn. False when they have no such alert."""
        name = subscription_name(alert_id)
        with self._writing():
            if not alerts.change(self.db, alert_id, owner, choice, now):
                return False
            alerts.withdraw(self.db, name, now, lambda r: mailbox_of(r) != choice.address)
        return True

    def delete_alert(self, alert_id: int, owner: str, now: datetime) -> bool:
        """Delete one of the owner's alerts and what still waited to be sent for it."""
        with self._writing():
            if not alerts.delete(self.db, alert_id, owner):
                return False
            alerts.withdraw(self.db, subscription_name(alert_id), now, lambda r: True)
        return True

    def saved_alerts(self, owner: str | None = None) -> list[SavedAlert]:
        """The owner's saved alerts, or everyone's, oldest first."""
        return alerts.alerts(self.db, owner)

    def unsubscribe(self, subscription: str, address: str, now: datetime) -> None:
        """Nothing more goes to `address` for `subscription`: kept, and what still waited for
        it is withdrawn."""
        mailbox = mailbox_of(address)
        with self._writing():
            alerts.unsubscribe(self.db, subscription, mailbox, now)
            alerts.withdraw(self.db, subscription, now, lambda r: mailbox_of(r) == mailbox)

    def unsubscribed(self) -> set[tuple[str, str]]:
        """Every (subscription, mailbox) that left by its link."""
        return alerts.unsubscribed(self.db)

    def subscription_changes(self) -> int:
        """A number that moves whenever a saved alert or an unsubscription is written, by this
        process or another: one cheap read tells whether subscriptions built before still
        hold."""
        return alerts.changes(self.db)

    def withdraw_unsubscribed(self, now: datetime) -> int:
        """Withdraw messages queued for addresses that had left, by a poll that read the
        subscriptions just before they did. Returns how many."""
        left = self.unsubscribed()
        if not left:
            return 0
        names = {subscription for subscription, _ in left}
        withdrawn = 0
        with self._writing():
            for name in alerts.pending_subscriptions(self.db) & names:
                gone = {mailbox for subscription, mailbox in left if subscription == name}
                withdrawn += alerts.withdraw(self.db, name, now, partial(_one_of, gone))
        return withdrawn

    def link_key(self) -> bytes:
        """The archive's own key for unsubscribe links."""
        return alerts.link_key(self.db)

    # --- item versions ----------------------------------------------------------------------

    def record_item_edits(
        self,
        source_id: int,
        listed: Sequence[Item],
        now: datetime,
        compose: changes.Compose | None = None,
        policy: QueuePolicy | None = None,
    ) -> int:
        """Items of the source archived before and listed again with another title or text:
        a 'changed' version each, with the difference, unless that is already the latest
        known; `compose` says who is told. Returns how many."""
        recorded = 0
        with self._writing():
            for item in listed:
                row = self._one(
                    "SELECT id FROM items WHERE source_id = ? AND key = ?", [source_id, item.key]
                )
                version = None if row is None else _edit_of(self.db, row["id"], item)
                if version is not None:
                    changes.add_version(self.db, version, now, compose, policy)
                    recorded += 1
        return recorded

    def recent_entries(self, source_id: int, since: datetime) -> list[Archived]:
        """The source's items published since `since` and not found deleted already."""
        return changes.recent_entries(self.db, source_id, since)

    def record_versions(
        self,
        source_id: int,
        versions: Sequence[changes.NewVersion],
        seen: Iterable[str],
        now: datetime,
        compose: changes.Compose | None = None,
        policy: QueuePolicy | None = None,
    ) -> int:
        """In one transaction: the source's items with these keys were seen at `now`, and
        these versions were found, each with the alerts `compose` asks for. Returns how many
        messages were queued."""
        with self._writing():
            changes.mark_seen(self.db, source_id, seen, now)
            return sum(changes.add_version(self.db, v, now, compose, policy) for v in versions)

    def due_rechecks(
        self, now: datetime, within: float, every: float, limit: int
    ) -> list[changes.RecheckTarget]:
        return changes.due_rechecks(self.db, now, within, every, limit)

    def record_recheck(
        self,
        item_id: int,
        now: datetime,
        *,
        answered: bool,
        version: changes.NewVersion | None = None,
        compose: changes.Compose | None = None,
        policy: QueuePolicy | None = None,
    ) -> int:
        """An item read again: whether it answered, and what it was found to be, if new.
        Returns how many messages were queued."""
        with self._writing():
            changes.mark_checked(self.db, item_id, now, seen=answered)
            if version is None:
                return 0
            return changes.add_version(self.db, version, now, compose, policy)

    def record_page_version(self, source_id: int, page: Item, now: datetime) -> int:
        """A page source's text now reads as `page`: each earlier version of the page that
        read otherwise gets a 'changed' version. Returns how many."""
        recorded = 0
        with self._writing():
            rows = self.db.query(
                "SELECT id FROM items WHERE source_id = ? AND key != ?", [source_id, page.key]
            )
            for row in list(rows):
                recorded += self._add_version(row["id"], page, now)
        return recorded

    def record_page_removed(self, source_id: int, detail: str, now: datetime) -> int:
        """A page source answered 404 or 410: every version of the page is 'removed'."""
        with self._writing():
            cursor = self.db.execute(
                "INSERT INTO item_versions (item_id, seen_at, status, detail)"
                " SELECT i.id, ?, 'removed', ? FROM items i WHERE i.source_id = ?"
                " AND COALESCE((SELECT v.status FROM item_versions v WHERE v.item_id = i.id"
                " ORDER BY v.id DESC LIMIT 1), '') != 'removed'",
                [to_iso(now), detail, source_id],
            )
        return cursor.rowcount

    def _add_version(self, item_id: int, item: Item, now: datetime) -> bool:
        version = _edit_of(self.db, item_id, item)
        if version is not None:
            changes.add_version(self.db, version, now, None, None)
        return version is not None


def _edit_of(db: sqlite_utils.Database, item_id: int, item: Item) -> changes.NewVersion | None:
    """The 'changed' version `item` makes of the archived item, or None if it reads the same
    and the item was not found deleted since."""
    before = changes.last_seen(db, item_id)
    if before.status != "removed" and (before.title, before.text) == (item.title, item.text):
        return None
    diff = None
    if not same_text(before.text, item.text):
        diff = diff_text(diff_lines(before.text, item.text))
    return changes.NewVersion(item_id, "changed", item.title, item.text, diff=diff)


def _one_of(mailboxes: set[str], recipient: str) -> bool:
    return mailbox_of(recipient) in mailboxes


def _when(text: str) -> datetime:
    moment = from_iso(text)
    assert moment is not None
    return moment


def _outbox_entry(row: dict[str, Any], now: datetime | None) -> OutboxEntry:
    status = row["status"]
    claimed_until = from_iso(row.get("claimed_until"))
    if status == "pending" and claimed_until and now and claimed_until > now:
        status = "sending"
    elif status == "pending" and row["last_error"]:
        status = "failing"
    return OutboxEntry(
        id=row["id"],
        key=row["message_key"],
        status=status,
        message=row["kind"],
        mp=row["first_mp"],
        kind=row["first_kind"],
        channel=row["channel"],
        recipient=row["recipient"]
        if row["channel"] == "email"
        else without_secrets(row["recipient"]),
        subscription=row["subscription"],
        mps=tuple(sorted((row["mps"] or "").split(","))) if row["mps"] else (),
        subject=row["subject"],
        attempts=row["attempts"],
        last_error=row["last_error"],
        created_at=_when(row["created_at"]),
        next_attempt_at=_when(row["next_attempt_at"]),
        give_up_at=from_iso(row["give_up_at"]),
        sent_at=from_iso(row["sent_at"]),
        dead_at=from_iso(row["dead_at"]),
    )
