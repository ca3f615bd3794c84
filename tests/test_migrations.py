"""Upgrading an archive: a version-2 and a version-4 file, written as the old code wrote them,
opened by today's.

Migration 3 turns the outbox into one row per message (with `outbox_statements`), puts every
statement in a story (cluster), and adds digests and source health. Migration 5 says which
statements are the MP's own words (`verbatim`) and keeps the reporter's sentence (`report`).
Migration 6 lets a sender claim an outbox message (`claimed_by`, `claimed_until`), and
migration 7 a poller a source (`polled_by`, `poll_until`).
Nothing sent or waiting may be lost or sent again, and a migration cut off half-way must be
safe to run again.
"""

from __future__ import annotations

import shutil
import sqlite3
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
import sqlite_utils
from support.old_archives import STORIES, as_at, migrated_to

import watcher.archive as archive_module
from watcher.archive import MIGRATIONS, Archive
from watcher.archive.outbox import NewMessage
from watcher.models import MP, Delivery, Finding, Item, Source, Statement, Validators

T0 = datetime(2020, 1, 6, 23, 10, tzinfo=UTC)
NEWS = Source("News", "feed", "https://news.example.org/politics.rss", 300.0)
OTHER_NEWS = Source("Other news", "feed", "https://other.example.org/rss", 300.0)

DECLINED = "“I will not be standing for the leadership,” he said, “but I will back Rebecca.”"
BACKS = "I am backing Rebecca Long-Bailey to lead our party."
REPORTED = "Lavery: I will not be standing for the leadership."

# A version-2 archive as the old code filled it: the outbox holds one row per statement.
OLD_ROWS = """
INSERT INTO mps (id, name, party, constituency, aliases) VALUES
    (1, 'Ian Lavery', 'Labour', 'Blyth and Ashington', '["Mr Lavery"]'),
    (2, 'Jane Doe', 'Conservative', 'Somewhere', '[]');
INSERT INTO sources (id, url, name, kind, mp_id, interval_s) VALUES
    (1, 'https://example.org/lavery.rss', 'Lavery feed', 'feed', 1, 300),
    (2, 'https://news.example.org/politics.rss', 'News', 'feed', NULL, 300);
INSERT INTO items (id, source_id, key, url, title, text, published_at, first_seen_at) VALUES
    (1, 1, 'post-1', 'https://example.org/p/1', 'My decision', 'text', '2020-01-06T23:05:00+00:00',
     '2020-01-06T23:10:00+00:00'),
    (2, 2, 'story-1', 'https://news.example.org/1', 'Lavery out', 'text', NULL,
     '2020-01-06T23:40:00+00:00');
INSERT INTO statements (id, item_id, mp_id, kind, target, text, said_at, confidence, evidence,
                        fingerprint, created_at, said_at_precision) VALUES
    (1, 1, 1, 'leadership_declined', NULL, :declined, '2020-01-06T23:05:00+00:00', 0.9, 'own',
     'f1', '2020-01-06T23:10:00+00:00', 'minute'),
    (2, 1, 1, 'endorsement', 'Rebecca Long-Bailey', :backs, NULL, 0.9, 'own',
     'f2', '2020-01-06T23:10:00+00:00', NULL),
    (3, 2, 1, 'leadership_declined', NULL, :reported, NULL, 0.8, 'reported',
     'f3', '2020-01-06T23:40:00+00:00', NULL);
INSERT INTO outbox (id, statement_id, recipient, subscription, message_key, status, attempts,
                    last_error, created_at, next_attempt_at, sent_at) VALUES
    (7, 1, 'desk@example.org', 'desk', 'key-sent', 'sent', 1, NULL,
     '2020-01-06T23:10:00+00:00', '2020-01-06T23:10:00+00:00', '2020-01-06T23:11:00+00:00'),
    (9, 3, 'Night <night@example.org>', 'night', 'key-pending', 'pending', 2, 'SMTP down',
     '2020-01-06T23:40:00+00:00', '2020-01-06T23:50:00+00:00', NULL);
"""

OUTBOX_COLUMNS = "id, message_key, recipient, subscription, status, attempts, last_error, sent_at"


@pytest.fixture(scope="module")
def version_two(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An archive at version 2 holding MPs, sources, items, statements and old outbox rows."""
    path = tmp_path_factory.mktemp("old") / "watcher.db"
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(archive_module, "MIGRATIONS", MIGRATIONS[:2])
        old = Archive(path)
        assert old.schema_version == 2
        old.close()
    with sqlite3.connect(path) as conn:
        params = {"declined": DECLINED, "backs": BACKS, "reported": REPORTED}
        for statement in OLD_ROWS.split(";"):
            if statement.strip():
                conn.execute(statement, {k: v for k, v in params.items() if f":{k}" in statement})
    conn.close()
    return path


@pytest.fixture
def db_path(version_two: Path, tmp_path: Path) -> Path:
    """A copy of the version-2 archive for one test to upgrade."""
    return Path(shutil.copy(version_two, tmp_path / "watcher.db"))


@pytest.fixture
def archive(db_path: Path) -> Iterator[Archive]:
    upgraded = Archive(db_path)
    try:
        yield upgraded
    finally:
        upgraded.close()


def rows(archive: Archive, sql: str) -> list[tuple[object, ...]]:
    return [tuple(r) for r in archive.db.execute(sql).fetchall()]


TABLES = ("mps", "sources", "items", "statements", "outbox", "outbox_statements", "stories")


def snapshot(
    archive: Archive, tables: tuple[str, ...] = TABLES
) -> dict[str, list[tuple[object, ...]]]:
    return {t: rows(archive, f"SELECT * FROM {t} ORDER BY rowid") for t in tables}  # noqa: S608


def test_the_old_archive_is_at_version_two(db_path: Path) -> None:
    with sqlite3.connect(db_path) as conn:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == 2
        columns = {r[1] for r in conn.execute("PRAGMA table_info(outbox)")}
        old_rows = conn.execute("SELECT id, statement_id FROM outbox ORDER BY id").fetchall()
    conn.close()
    assert "statement_id" in columns
    assert old_rows == [(7, 1), (9, 3)]


def test_opening_upgrades_to_version_three(archive: Archive) -> None:
    assert archive.schema_version == len(MIGRATIONS)
    tables = {r[0] for r in rows(archive, "SELECT name FROM sqlite_master WHERE type = 'table'")}
    assert tables >= {"outbox_statements", "stories", "digest_entries", "digest_runs"}
    assert "statement_id" not in {c.name for c in archive.db.table("outbox").columns}
    assert rows(archive, "PRAGMA foreign_key_check") == []
    assert rows(archive, "PRAGMA integrity_check") == [("ok",)]


def test_outbox_rows_keep_their_ids_keys_status_and_attempts(archive: Archive) -> None:
    assert rows(archive, f"SELECT {OUTBOX_COLUMNS} FROM outbox ORDER BY id") == [  # noqa: S608
        (7, "key-sent", "desk@example.org", "desk", "sent", 1, None, "2020-01-06T23:11:00+00:00"),
        (9, "key-pending", "Night <night@example.org>", "night", "pending", 2, "SMTP down", None),
    ]
    assert rows(archive, "SELECT id, kind, channel, item_id FROM outbox ORDER BY id") == [
        (7, "alert", "email", 1),
        (9, "alert", "email", 2),
    ]


def test_outbox_rows_are_linked_to_their_statements(archive: Archive) -> None:
    assert rows(archive, "SELECT outbox_id, statement_id FROM outbox_statements ORDER BY 1") == [
        (7, 1),
        (9, 3),
    ]


def test_every_statement_has_a_story(archive: Archive) -> None:
    stories = rows(
        archive,
        "SELECT s.id, c.mp_id, c.kind, c.target, c.first_statement_id, c.first_seen_at"
        " FROM statements s JOIN stories c ON c.id = s.story_id ORDER BY s.id",
    )
    assert stories == [
        (1, 1, "leadership_declined", None, 1, "2020-01-06T23:10:00+00:00"),
        (2, 1, "endorsement", "Rebecca Long-Bailey", 2, "2020-01-06T23:10:00+00:00"),
        (3, 1, "leadership_declined", None, 3, "2020-01-06T23:40:00+00:00"),
    ]
    assert rows(archive, "SELECT count(*) FROM stories") == [(3,)]
    # an outbox row knows the story of the statement it carries
    assert rows(
        archive,
        "SELECT o.id FROM outbox o JOIN outbox_statements os ON os.outbox_id = o.id"
        " JOIN statements s ON s.id = os.statement_id WHERE o.story_id = s.story_id",
    ) == [(7,), (9,)]


def test_sources_get_health_columns_with_defaults(archive: Archive) -> None:
    assert rows(archive, "SELECT id, health, health_reported, listed_most FROM sources") == [
        (1, "ok", "ok", 0),
        (2, "ok", "ok", 0),
    ]


def test_the_pending_message_is_due_with_its_report(archive: Archive) -> None:
    assert archive.due_messages(datetime(2020, 1, 6, 23, 49, tzinfo=UTC)) == []
    [message] = archive.due_messages(datetime(2020, 1, 6, 23, 50, tzinfo=UTC))
    assert (message.outbox_id, message.key, message.kind, message.channel) == (
        9,
        "key-pending",
        "alert",
        "email",
    )
    assert (message.recipient, message.subscription, message.attempts) == (
        "Night <night@example.org>",
        "night",
        2,
    )
    [report] = message.reports
    assert (report.statement_id, report.mp, report.kind, report.text) == (
        3,
        "Ian Lavery",
        "leadership_declined",
        REPORTED,
    )
    assert (report.source, report.own, report.url, report.title) == (
        "News",
        False,
        "https://news.example.org/1",
        "Lavery out",
    )
    assert report.first_seen_at == datetime(2020, 1, 6, 23, 40, tzinfo=UTC)
    assert (report.verbatim, report.report) == (False, None)  # a news item: shown as reported


def test_sending_the_migrated_message_works(archive: Archive) -> None:
    archive.mark_sent(9, T0 + timedelta(hours=1))
    assert archive.due_messages(T0 + timedelta(days=1)) == []
    assert {e.id for e in archive.outbox(("sent",))} == {7, 9}


def test_search_still_works(archive: Archive) -> None:
    hits = archive.search('"not be standing"')
    assert sorted(h.text for h in hits) == sorted([DECLINED, REPORTED])
    assert [h.text for h in archive.search("long* AND bailey", mp="Mr Lavery")] == [BACKS]


def test_new_statements_are_searchable_after_the_upgrade(archive: Archive) -> None:
    poll(archive, OTHER_NEWS, "I will stand aside for the good of the party.")
    assert [h.source for h in archive.search("aside")] == ["Other news"]


def test_opening_again_changes_nothing(archive: Archive, db_path: Path) -> None:
    before = snapshot(archive)
    archive.close()
    again = Archive(db_path)
    try:
        assert again.schema_version == len(MIGRATIONS)
        assert snapshot(again) == before
    finally:
        again.close()


def test_running_migration_three_again_changes_nothing(db_path: Path) -> None:
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(archive_module, "MIGRATIONS", MIGRATIONS[:3])
        archive = Archive(db_path)
    try:
        tables = (*TABLES[:-1], "clusters")  # stories are `clusters` until migration 14
        before = snapshot(archive, tables)
        MIGRATIONS[2](archive.db)
        assert snapshot(archive, tables) == before
        assert rows(archive, "PRAGMA foreign_key_check") == []
    finally:
        archive.close()


def test_migration_three_cut_off_while_linking_stories_runs_again_cleanly(
    db_path: Path,
) -> None:
    # Stop migration 3 where it gives each statement its story, as a crash there would.
    db = sqlite_utils.Database(sqlite3.connect(db_path))
    db.execute(
        "CREATE TRIGGER cut_off BEFORE UPDATE OF cluster_id ON statements"
        " BEGIN SELECT RAISE(ABORT, 'cut off'); END"
    )
    with pytest.raises(sqlite3.DatabaseError, match="cut off"):
        MIGRATIONS[2](db)
    db.execute("DROP TRIGGER cut_off")
    db.close()

    archive = Archive(db_path)  # still at version 2: migration 3 runs again
    try:
        assert archive.schema_version == len(MIGRATIONS)
        assert rows(archive, "SELECT count(*) FROM stories") == [(3,)]
        assert rows(
            archive,
            "SELECT s.id FROM statements s JOIN stories c ON c.id = s.story_id"
            " WHERE c.first_statement_id = s.id ORDER BY s.id",
        ) == [(1,), (2,), (3,)]
        assert rows(archive, "SELECT id FROM outbox ORDER BY id") == [(7,), (9,)]
    finally:
        archive.close()


def poll(archive: Archive, source: Source, text: str, recipient: str = "desk@example.org") -> int:
    """File one item of `source` with a plain statement by Ian Lavery, for `recipient`."""
    archive.sync_config([], [source])
    state = archive.source_state(source)
    item = Item(source, f"{source.name}-1", "Report", text, "https://x.example.org/1", T0)
    statement = Statement("Ian Lavery", "statement", text)
    finding = Finding(item, (statement,), (), (Delivery(0, recipient, "desk"),))
    now = T0 + timedelta(hours=1)
    return archive.record_poll(state, Validators(), [finding], now, now + timedelta(minutes=5))


def test_a_later_sighting_of_a_migrated_statement_joins_its_story(archive: Archive) -> None:
    # BACKS, quoted by another outlet with other punctuation, after the upgrade
    poll(archive, OTHER_NEWS, "“I am backing Rebecca Long-Bailey to lead our party,” he said.")
    [(old,), (new,)] = rows(
        archive, "SELECT story_id FROM statements WHERE id IN (2, 4) ORDER BY id"
    )
    assert new == old
    assert rows(archive, "SELECT count(*) FROM stories") == [(3,)]


def test_a_migrated_pending_message_still_goes_dead_in_the_end(archive: Archive) -> None:
    def notice(dead: list[dict[str, object]]) -> NewMessage:
        return NewMessage("notice", "email", "admin@example.org", "", "dead-notice")

    assert archive.give_up(T0 + timedelta(days=365), notice) == 1
    assert [e.id for e in archive.outbox(("dead",))] == [9]


def test_statements_from_the_mps_own_source_are_verbatim_the_rest_reported(
    archive: Archive,
) -> None:
    assert rows(archive, "SELECT id, verbatim, report FROM statements ORDER BY id") == [
        (1, 1, None),  # the Lavery feed: his own post
        (2, 1, None),
        (3, 0, None),  # the news: quoted or paraphrased, nobody can say now
    ]


# --- from version 4: which words are the MP's own -------------------------------------------

# A version-4 archive: MPs' own feeds and the news, and one MP's words on another MP's feed.
VERSION_FOUR_ROWS = """
INSERT INTO mps (id, name, party, constituency, aliases) VALUES
    (1, 'Ian Lavery', 'Labour', 'Blyth and Ashington', '[]'),
    (2, 'Jane Doe', 'Conservative', 'Somewhere', '[]');
INSERT INTO sources (id, url, name, kind, mp_id, interval_s) VALUES
    (1, 'https://example.org/lavery.rss', 'Lavery feed', 'feed', 1, 300),
    (2, 'https://example.org/doe.rss', 'Doe feed', 'bluesky', 2, 300),
    (3, 'https://news.example.org/politics.rss', 'News', 'feed', NULL, 300);
INSERT INTO items (id, source_id, key, url, title, text, published_at, first_seen_at) VALUES
    (1, 1, 'own', 'https://example.org/p/1', 'Mine', 'x', NULL, '2020-01-06T23:10:00+00:00'),
    (2, 2, 'doe', 'https://example.org/d/1', 'Doe', 'x', NULL, '2020-01-06T23:20:00+00:00'),
    (3, 3, 'news', 'https://news.example.org/1', 'News', 'x', NULL, '2020-01-06T23:40:00+00:00');
INSERT INTO statements (id, item_id, mp_id, kind, text, confidence, fingerprint, created_at)
VALUES
    (1, 1, 1, 'statement', 'I will not be standing.', 1, 'f1', '2020-01-06T23:10:00+00:00'),
    (2, 2, 2, 'statement', 'I back the miners.', 1, 'f2', '2020-01-06T23:20:00+00:00'),
    (3, 2, 1, 'statement', 'Ian Lavery has told me he will not stand.', 1, 'f3',
     '2020-01-06T23:20:00+00:00'),
    (4, 3, 1, 'statement', 'Ian Lavery has ruled himself out.', 1, 'f4',
     '2020-01-06T23:40:00+00:00')
"""
VERBATIM_AFTER_UPGRADE = [(1, 1), (2, 1), (3, 0), (4, 0)]


@pytest.fixture(scope="module")
def version_four(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("v4") / "watcher.db"
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(archive_module, "MIGRATIONS", MIGRATIONS[:4])
        old = Archive(path)
        assert old.schema_version == 4
        old.close()
    with sqlite3.connect(path) as conn:
        conn.executescript(VERSION_FOUR_ROWS)
    conn.close()
    return path


@pytest.fixture
def v4_path(version_four: Path, tmp_path: Path) -> Path:
    return Path(shutil.copy(version_four, tmp_path / "watcher.db"))


def test_the_version_four_archive_has_no_verbatim_column(v4_path: Path) -> None:
    with sqlite3.connect(v4_path) as conn:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == 4
        columns = {r[1] for r in conn.execute("PRAGMA table_info(statements)")}
    conn.close()
    assert not columns & {"verbatim", "report"}


def test_from_version_four_only_the_mps_own_source_is_verbatim(v4_path: Path) -> None:
    archive = Archive(v4_path)
    try:
        assert archive.schema_version == len(MIGRATIONS)
        # Jane Doe's feed is her own (2), but not Ian Lavery's (3); the news is nobody's (4).
        assert rows(archive, "SELECT id, verbatim FROM statements ORDER BY id") == (
            VERBATIM_AFTER_UPGRADE
        )
        assert rows(archive, "SELECT count(*) FROM statements WHERE report IS NOT NULL") == [(0,)]
        columns = {r[1]: r for r in rows(archive, "PRAGMA table_info(statements)")}
        assert columns["verbatim"][2:4] == ("INTEGER", 1)  # type, NOT NULL
        assert columns["report"][2:4] == ("TEXT", 0)
        assert rows(archive, "PRAGMA integrity_check") == [("ok",)]
        hits = {h.text: (h.verbatim, h.report) for h in archive.search("stand* OR miners")}
        assert hits == {
            "I will not be standing.": (True, None),
            "I back the miners.": (True, None),
            "Ian Lavery has told me he will not stand.": (False, None),
        }
    finally:
        archive.close()


def test_migration_five_runs_again_without_change(v4_path: Path) -> None:
    archive = Archive(v4_path)
    try:
        before = snapshot(archive)
        MIGRATIONS[4](archive.db)
        assert snapshot(archive) == before
    finally:
        archive.close()


def test_migration_five_cut_off_leaves_nothing_and_runs_again(v4_path: Path) -> None:
    db = sqlite_utils.Database(sqlite3.connect(v4_path))
    db.execute(
        "CREATE TRIGGER cut_off BEFORE UPDATE OF verbatim ON statements"
        " BEGIN SELECT RAISE(ABORT, 'cut off'); END"
    )
    with pytest.raises(sqlite3.DatabaseError, match="cut off"):
        MIGRATIONS[4](db)
    db.close()  # as a crash would: the open transaction is rolled back

    with sqlite3.connect(v4_path) as conn:
        columns = {r[1] for r in conn.execute("PRAGMA table_info(statements)")}
        conn.execute("DROP TRIGGER cut_off")
    conn.close()
    assert "verbatim" not in columns
    archive = Archive(v4_path)  # still at version 4: migration 5 runs again
    try:
        assert rows(archive, "SELECT id, verbatim FROM statements ORDER BY id") == (
            VERBATIM_AFTER_UPGRADE
        )
    finally:
        archive.close()


def test_after_the_upgrade_statements_keep_what_extraction_says(v4_path: Path) -> None:
    archive = Archive(v4_path)
    try:
        archive.sync_config([], [OTHER_NEWS])
        state = archive.source_state(OTHER_NEWS)
        item = Item(OTHER_NEWS, "n-1", "Report", "…", "https://x.example.org/1", T0)
        quoted = Statement(
            "Ian Lavery",
            "statement",
            "I will stand aside.",
            verbatim=True,
            report="Mr Lavery told the paper: I will stand aside.",
        )
        reported = Statement(
            "Ian Lavery",
            "resignation",
            "Ian Lavery has resigned as chair.",
            target="chair",
            report="Ian Lavery has resigned as chair, the paper understands.",
        )
        finding = Finding(item, (quoted, reported), (), (Delivery(0, "desk@example.org", "d"),))
        now = T0 + timedelta(hours=1)
        archive.record_poll(state, Validators(), [finding], now, now + timedelta(minutes=5))
        assert rows(archive, "SELECT text, verbatim, report FROM statements WHERE id > 4") == [
            ("I will stand aside.", 1, "Mr Lavery told the paper: I will stand aside."),
            (
                "Ian Lavery has resigned as chair.",
                0,
                "Ian Lavery has resigned as chair, the paper understands.",
            ),
        ]
        [message] = archive.due_messages(now)
        [report] = message.reports
        assert (report.verbatim, report.report) == (
            True,
            "Mr Lavery told the paper: I will stand aside.",
        )
    finally:
        archive.close()


# --- migration 6: claims on outbox messages ----------------------------------------------------

WAITING = NewMessage("notice", "email", "desk@example.org", "admin", "key-waiting", "Hi", "Body")


@pytest.fixture
def v5_path(tmp_path: Path) -> Path:
    """An archive at version 5 with one message waiting to be sent."""
    path = tmp_path / "watcher.db"
    with migrated_to(5):
        old = Archive(path)
        old.queue_message(WAITING, T0)
        old.close()
    as_at(path, 5)
    return path


def outbox_columns(path: Path) -> set[str]:
    with sqlite3.connect(path) as conn:
        columns = {r[1] for r in conn.execute("PRAGMA table_info(outbox)")}
    conn.close()
    return columns


def test_from_version_five_a_waiting_message_is_unclaimed_and_can_be_claimed(
    v5_path: Path,
) -> None:
    assert not outbox_columns(v5_path) & {"claimed_by", "claimed_until"}
    archive = Archive(v5_path)
    try:
        assert archive.schema_version == len(MIGRATIONS)
        assert rows(archive, "SELECT id, claimed_by, claimed_until FROM outbox") == [
            (1, None, None)
        ]
        [message] = archive.due_messages(T0)
        assert archive.claim(message.outbox_id, "a", T0, T0 + timedelta(minutes=5))
        assert not archive.claim(message.outbox_id, "b", T0, T0 + timedelta(minutes=5))
        assert archive.due_messages(T0) == []
    finally:
        archive.close()


def test_migration_six_runs_again_without_change(v5_path: Path) -> None:
    archive = Archive(v5_path)
    try:
        before = snapshot(archive)
        MIGRATIONS[5](archive.db)
        assert snapshot(archive) == before
    finally:
        archive.close()


def test_migration_six_cut_off_leaves_nothing_and_runs_again(v5_path: Path) -> None:
    db = sqlite_utils.Database(sqlite3.connect(v5_path))
    db.execute("ALTER TABLE outbox ADD COLUMN claimed_until TEXT")  # the second step fails
    with pytest.raises(sqlite3.OperationalError, match="duplicate column"):
        MIGRATIONS[5](db)
    db.close()  # as a crash would: the open transaction is rolled back

    assert "claimed_by" not in outbox_columns(v5_path)
    with sqlite3.connect(v5_path) as conn:
        conn.execute("ALTER TABLE outbox DROP COLUMN claimed_until")
    conn.close()
    archive = Archive(v5_path)  # still at version 5: migration 6 runs again
    try:
        assert archive.schema_version == len(MIGRATIONS)
        assert {"claimed_by", "claimed_until"} <= outbox_columns(v5_path)
        assert len(archive.due_messages(T0)) == 1
    finally:
        archive.close()


def source_columns(path: Path) -> set[str]:
    with sqlite3.connect(path) as conn:
        columns = {r[1] for r in conn.execute("PRAGMA table_info(sources)")}
    conn.close()
    return columns


def test_from_version_five_every_source_is_unclaimed_and_can_be_claimed(v5_path: Path) -> None:
    assert not source_columns(v5_path) & {"polled_by", "poll_until"}
    archive = Archive(v5_path)
    try:
        archive.sync_config([], [NEWS])
        state = archive.source_state(NEWS)
        assert rows(archive, "SELECT count(*) FROM sources WHERE polled_by IS NOT NULL") == [(0,)]
        assert archive.claim_poll(state, "a", T0, T0 + timedelta(minutes=5))
        assert not archive.claim_poll(state, "b", T0, T0 + timedelta(minutes=5))
        archive.release_poll(state, "a")
        assert archive.claim_poll(state, "b", T0, T0 + timedelta(minutes=5))
    finally:
        archive.close()


def test_migration_seven_cut_off_leaves_nothing_and_runs_again(v5_path: Path) -> None:
    Archive(v5_path).close()  # at version 7; back to 6 by hand, as if 7 had never run
    with sqlite3.connect(v5_path) as conn:
        conn.execute("ALTER TABLE sources DROP COLUMN poll_until")
        conn.execute("ALTER TABLE sources DROP COLUMN polled_by")
        conn.execute("PRAGMA user_version = 6")
    conn.close()
    db = sqlite_utils.Database(sqlite3.connect(v5_path))
    db.execute("ALTER TABLE sources ADD COLUMN poll_until TEXT")  # the second step fails
    with pytest.raises(sqlite3.OperationalError, match="duplicate column"):
        MIGRATIONS[6](db)
    db.close()

    assert "polled_by" not in source_columns(v5_path)
    with sqlite3.connect(v5_path) as conn:
        conn.execute("ALTER TABLE sources DROP COLUMN poll_until")
    conn.close()
    archive = Archive(v5_path)
    try:
        assert archive.schema_version == len(MIGRATIONS)
        assert {"polled_by", "poll_until"} <= source_columns(v5_path)
    finally:
        archive.close()


# --- migration 8: search by word stems -------------------------------------------------------

VERSION_SEVEN_TEXTS = [
    "I resigned from the front bench this morning.",
    "I will not be standing for the leadership.",
    "Standing for the leadership is not something I will be doing.",
]


@pytest.fixture
def v7_path(tmp_path: Path) -> Path:
    """An archive at version 7, its statements indexed as version 7 indexed them."""
    path = tmp_path / "watcher.db"
    with migrated_to(7):
        old = Archive(path)
        old.sync_config([MP("Ian Lavery")], [])
        for n, text in enumerate(VERSION_SEVEN_TEXTS):
            poll(old, Source(f"News {n}", "feed", f"https://n{n}.example.org/rss", 300.0), text)
        assert fts_hits(old, "resign") == []  # the old index knows only whole words
        old.close()
    as_at(path, 7)
    return path


def fts_hits(archive: Archive, query: str) -> list[tuple[object, ...]]:
    """What the full-text index itself finds, without the search page's longer forms."""
    return rows(archive, f"SELECT rowid FROM statements_fts WHERE statements_fts MATCH '{query}'")  # noqa: S608


def fts_sql(path: Path) -> str:
    with sqlite3.connect(path) as conn:
        (sql,) = conn.execute(
            "SELECT sql FROM sqlite_master WHERE name = 'statements_fts'"
        ).fetchone()
    conn.close()
    return str(sql)


def test_from_version_seven_words_are_found_by_their_stems(v7_path: Path) -> None:
    archive = Archive(v7_path)
    try:
        assert archive.schema_version == len(MIGRATIONS)
        assert "porter" in fts_sql(v7_path)
        assert fts_hits(archive, "resign") == fts_hits(archive, "resignation") == [(1,)]
        assert [h.text for h in archive.search("resignation")] == [VERSION_SEVEN_TEXTS[0]]
        assert len(archive.search("leader")) == 2  # and longer words: leadership
        phrase = archive.search('"will not be standing"')
        assert [h.text for h in phrase] == [VERSION_SEVEN_TEXTS[1]]  # the words in that order
        assert (
            rows(archive, "INSERT INTO statements_fts (statements_fts) VALUES ('integrity-check')")
            == []
        )
    finally:
        archive.close()


def test_after_version_eight_new_and_edited_statements_are_indexed(v7_path: Path) -> None:
    archive = Archive(v7_path)
    try:
        poll(archive, OTHER_NEWS, "She has resigned as chair.")
        assert len(fts_hits(archive, "resign")) == 2
        archive.db.execute("UPDATE statements SET text = 'I stay.' WHERE text LIKE 'She has%'")
        assert len(fts_hits(archive, "resign")) == 1
        assert [h.text for h in archive.search("stay")] == ["I stay."]
    finally:
        archive.close()


def test_migration_eight_runs_again_without_change(v7_path: Path) -> None:
    archive = Archive(v7_path)
    try:
        before = snapshot(archive)
        MIGRATIONS[7](archive.db)
        assert snapshot(archive) == before
        assert len(fts_hits(archive, "resign")) == 1
    finally:
        archive.close()


def test_migration_eight_cut_off_leaves_the_old_index_and_runs_again(
    v7_path: Path, tmp_path: Path
) -> None:
    def steps_to_migrate(path: Path, stop_at: int | None) -> int:
        """Run migration 8 on `path`, counting its steps; stopped at `stop_at`, as a crash."""
        conn = sqlite3.connect(path)
        steps = 0

        def step() -> int:
            nonlocal steps
            steps += 1
            return int(steps == stop_at)

        conn.set_progress_handler(step, 10)
        try:
            MIGRATIONS[7](sqlite_utils.Database(conn))
        finally:
            conn.close()
        return steps

    total = steps_to_migrate(Path(shutil.copy(v7_path, tmp_path / "whole.db")), None)
    with pytest.raises(sqlite3.OperationalError, match="interrupted"):
        steps_to_migrate(v7_path, total // 2)  # cut off half-way

    assert "porter" not in fts_sql(v7_path)
    archive = Archive(v7_path)  # still at version 7: migration 8 runs again
    try:
        assert "porter" in fts_sql(v7_path)
        assert len(fts_hits(archive, "resign")) == 1
        assert rows(archive, "PRAGMA integrity_check") == [("ok",)]
    finally:
        archive.close()


# --- migration 9: an index of prefixes ------------------------------------------------------

PREFIXED = ["I will lead the party.", "Our leader spoke.", "The leadership vote.", "A ledger."]


@pytest.fixture
def v8_path(tmp_path: Path) -> Path:
    """An archive at version 8, its statements indexed as version 8 indexed them."""
    path = tmp_path / "watcher.db"
    with migrated_to(8):
        old = Archive(path)
        old.sync_config([MP("Ian Lavery")], [])
        for n, text in enumerate(PREFIXED):
            poll(old, Source(f"News {n}", "feed", f"https://n{n}.example.org/rss", 300.0), text)
        old.close()
    as_at(path, 8)
    assert "prefix" not in fts_sql(path)
    return path


def test_from_version_eight_prefixes_have_their_own_index(v8_path: Path) -> None:
    archive = Archive(v8_path)
    try:
        assert archive.schema_version == len(MIGRATIONS)
        assert "prefix='2 3 4'" in fts_sql(v8_path)
        assert fts_hits(archive, "lead*") == [(1,), (2,), (3,)]  # the same matches as before
        assert fts_hits(archive, "le*") == [(1,), (2,), (3,), (4,)]
        assert fts_hits(archive, "leader*") == [(2,), (3,)]  # longer than any prefix indexed
        assert [h.text for h in archive.search("lead* NOT vote")] == PREFIXED[1::-1]
        assert (
            rows(archive, "INSERT INTO statements_fts (statements_fts) VALUES ('integrity-check')")
            == []
        )
    finally:
        archive.close()


def test_after_version_nine_new_and_edited_statements_are_indexed(v8_path: Path) -> None:
    archive = Archive(v8_path)
    try:
        poll(archive, OTHER_NEWS, "She leads the group.")
        assert len(fts_hits(archive, "lea*")) == 4
        archive.db.execute("UPDATE statements SET text = 'I stay.' WHERE text LIKE 'She leads%'")
        assert len(fts_hits(archive, "lea*")) == 3
        assert len(fts_hits(archive, "st*")) == 1
    finally:
        archive.close()


def test_migration_nine_runs_again_without_change(v8_path: Path) -> None:
    archive = Archive(v8_path)
    try:
        before = snapshot(archive)
        MIGRATIONS[8](archive.db)
        assert snapshot(archive) == before
        assert "prefix='2 3 4'" in fts_sql(v8_path)
        assert len(fts_hits(archive, "lead*")) == 3
    finally:
        archive.close()


# --- migration 14: one name for a story -----------------------------------------------------


@pytest.fixture
def v12_path(tmp_path: Path) -> Path:
    """An archive at version 12 with two stories, one seen twice, and their alerts."""
    path = tmp_path / "watcher.db"
    with migrated_to(12):
        old = Archive(path)
        old.sync_config([MP("Ian Lavery")], [])
        poll(old, NEWS, BACKS)
        poll(old, OTHER_NEWS, f"“{BACKS}” he said.")
        poll(old, Source("Third", "feed", "https://third.example.org/rss", 300.0), DECLINED)
        old.close()
    as_at(path, 12)
    return path


def story_rows(path: Path, table: str, column: str) -> dict[str, list[tuple[object, ...]]]:
    with sqlite3.connect(path) as conn:
        found = {
            "stories": conn.execute(f"SELECT * FROM {table} ORDER BY id").fetchall(),  # noqa: S608
            "statements": conn.execute(
                f"SELECT id, {column} FROM statements ORDER BY id"  # noqa: S608
            ).fetchall(),
            "outbox": conn.execute(f"SELECT id, {column} FROM outbox ORDER BY id").fetchall(),  # noqa: S608
        }
    conn.close()
    return found


def schema_text(path: Path) -> str:
    with sqlite3.connect(path) as conn:
        text = " ".join(f"{n} {q}" for n, q in conn.execute("SELECT name, sql FROM sqlite_master"))
    conn.close()
    return text


def test_from_version_twelve_clusters_are_stories(v12_path: Path) -> None:
    before = story_rows(v12_path, "clusters", "cluster_id")
    assert [story for _, story in before["statements"]] == [1, 1, 2]
    archive = Archive(v12_path)
    try:
        assert archive.schema_version == len(MIGRATIONS)
        assert story_rows(v12_path, "stories", "story_id") == before
        assert "cluster" not in schema_text(v12_path).casefold()
        indexes = rows(archive, "SELECT name FROM sqlite_master WHERE type = 'index'")
        assert {("stories_mp",), ("statements_story",), ("outbox_story",)} <= set(indexes)
        assert rows(archive, "PRAGMA foreign_key_check") == []
        assert rows(archive, "PRAGMA integrity_check") == [("ok",)]
        # a later sighting still joins its story
        poll(archive, Source("Fourth", "feed", "https://4.example.org/rss", 300.0), BACKS)
        assert rows(archive, "SELECT story_id FROM statements ORDER BY id DESC LIMIT 1") == [(1,)]
    finally:
        archive.close()


def test_the_stories_migration_runs_again_without_change(v12_path: Path) -> None:
    archive = Archive(v12_path)
    try:
        before = snapshot(archive)
        MIGRATIONS[STORIES](archive.db)
        assert snapshot(archive) == before
    finally:
        archive.close()


def test_the_stories_migration_cut_off_leaves_nothing_and_runs_again(v12_path: Path) -> None:
    db = sqlite_utils.Database(sqlite3.connect(v12_path))
    db.execute("CREATE TABLE stories (id INTEGER)")  # renaming `clusters` fails
    with pytest.raises(sqlite3.OperationalError, match="already"):
        MIGRATIONS[STORIES](db)
    db.close()  # as a crash would: the open transaction is rolled back

    assert "clusters_mp" in schema_text(v12_path)
    with sqlite3.connect(v12_path) as conn:
        conn.execute("DROP TABLE stories")
    conn.close()
    archive = Archive(v12_path)  # still at version 12: the renaming runs again
    try:
        assert archive.schema_version == len(MIGRATIONS)
        assert "cluster" not in schema_text(v12_path).casefold()
        assert rows(archive, "SELECT count(*) FROM stories") == [(2,)]
    finally:
        archive.close()
