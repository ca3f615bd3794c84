"""The archive's schema: numbered migrations, run in order, each safe to run again.

`PRAGMA user_version` holds the number of migrations applied. A migration that creates FTS
tables needs autocommit, so each is written to be re-runnable if it was cut off.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta

import sqlite_utils

from watcher.archive.matcher import TOKENIZE
from watcher.stories import words


def _m001_initial(db: sqlite_utils.Database) -> None:
    db.executescript(
        """
        CREATE TABLE IF NOT EXISTS mps (
            id INTEGER PRIMARY KEY,
            name TEXT NOT NULL UNIQUE,
            party TEXT,
            constituency TEXT,
            aliases TEXT NOT NULL DEFAULT '[]'
        );
        CREATE TABLE IF NOT EXISTS sources (
            id INTEGER PRIMARY KEY,
            url TEXT NOT NULL UNIQUE,
            name TEXT NOT NULL,
            kind TEXT NOT NULL,
            mp_id INTEGER REFERENCES mps(id),
            interval_s REAL NOT NULL,
            etag TEXT,
            last_modified TEXT,
            first_polled_at TEXT,
            last_polled_at TEXT,
            last_status TEXT,
            last_success_at TEXT,
            last_error TEXT,
            last_error_at TEXT,
            consecutive_failures INTEGER NOT NULL DEFAULT 0,
            next_check_at TEXT
        );
        CREATE TABLE IF NOT EXISTS items (
            id INTEGER PRIMARY KEY,
            source_id INTEGER NOT NULL REFERENCES sources(id),
            key TEXT NOT NULL,
            url TEXT,
            title TEXT NOT NULL DEFAULT '',
            text TEXT NOT NULL DEFAULT '',
            author TEXT,
            published_at TEXT,
            first_seen_at TEXT NOT NULL,
            UNIQUE (source_id, key)
        );
        CREATE TABLE IF NOT EXISTS statements (
            id INTEGER PRIMARY KEY,
            item_id INTEGER NOT NULL REFERENCES items(id),
            mp_id INTEGER NOT NULL REFERENCES mps(id),
            kind TEXT NOT NULL,
            target TEXT,
            text TEXT NOT NULL,
            said_at TEXT,
            said_at_text TEXT,
            confidence REAL NOT NULL,
            evidence TEXT NOT NULL DEFAULT '',
            fingerprint TEXT NOT NULL,
            created_at TEXT NOT NULL,
            UNIQUE (item_id, fingerprint)
        );
        CREATE TABLE IF NOT EXISTS mentions (
            item_id INTEGER NOT NULL REFERENCES items(id),
            mp_id INTEGER NOT NULL REFERENCES mps(id),
            PRIMARY KEY (item_id, mp_id)
        );
        CREATE TABLE IF NOT EXISTS outbox (
            id INTEGER PRIMARY KEY,
            statement_id INTEGER NOT NULL REFERENCES statements(id),
            recipient TEXT NOT NULL,
            subscription TEXT NOT NULL,
            message_key TEXT NOT NULL UNIQUE,
            status TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sent', 'dead')),
            attempts INTEGER NOT NULL DEFAULT 0,
            last_error TEXT,
            created_at TEXT NOT NULL,
            next_attempt_at TEXT NOT NULL,
            sent_at TEXT,
            UNIQUE (statement_id, recipient)
        );
        CREATE INDEX IF NOT EXISTS statements_mp ON statements (mp_id, said_at);
        CREATE INDEX IF NOT EXISTS outbox_due ON outbox (status, next_attempt_at);
        CREATE INDEX IF NOT EXISTS mentions_mp ON mentions (mp_id);
        """
    )
    db.table("statements").enable_fts(["text"], create_triggers=True, replace=True)
    db.table("items").enable_fts(["title", "text"], create_triggers=True, replace=True)


def _m002_said_at_precision(db: sqlite_utils.Database) -> None:
    columns = {c.name for c in db.table("statements").columns}
    if "said_at_precision" not in columns:
        db.execute("ALTER TABLE statements ADD COLUMN said_at_precision TEXT")


def _m003_clusters_and_messages(db: sqlite_utils.Database) -> None:
    """Stories (clusters of sightings), one outbox row per message, digests and source health.

    An outbox row is now one message (an alert for one item, a follow-up, a digest, a health
    warning or a notice) with the statements it carries in `outbox_statements`.
    """
    statement_columns = {c.name for c in db.table("statements").columns}
    if "cluster_id" not in statement_columns:
        db.execute("ALTER TABLE statements ADD COLUMN cluster_id INTEGER REFERENCES clusters(id)")
    source_columns = {c.name for c in db.table("sources").columns}
    for name, declaration in _SOURCE_HEALTH_COLUMNS.items():
        if name not in source_columns:
            db.execute(f"ALTER TABLE sources ADD COLUMN {name} {declaration}")
    if "statement_id" in {c.name for c in db.table("outbox").columns}:
        db.executescript(_OUTBOX_AS_MESSAGES)
    _give_up_times(db)
    db.executescript(
        """
        CREATE TABLE IF NOT EXISTS clusters (
            id INTEGER PRIMARY KEY,
            mp_id INTEGER NOT NULL REFERENCES mps(id),
            kind TEXT NOT NULL,
            target TEXT,
            words TEXT NOT NULL,
            first_statement_id INTEGER REFERENCES statements(id),
            first_seen_at TEXT NOT NULL,
            last_seen_at TEXT NOT NULL,
            sightings INTEGER NOT NULL DEFAULT 1
        );
        CREATE INDEX IF NOT EXISTS clusters_mp ON clusters (mp_id, last_seen_at);
        CREATE INDEX IF NOT EXISTS statements_cluster ON statements (cluster_id);
        """
    )
    _every_statement_its_own_story(db)
    db.executescript(
        """
        UPDATE outbox SET cluster_id = (SELECT s.cluster_id FROM outbox_statements os
            JOIN statements s ON s.id = os.statement_id WHERE os.outbox_id = outbox.id LIMIT 1)
        WHERE cluster_id IS NULL;

        CREATE TABLE IF NOT EXISTS digest_entries (
            id INTEGER PRIMARY KEY,
            subscription TEXT NOT NULL,
            channel TEXT NOT NULL DEFAULT 'email',
            recipient TEXT NOT NULL,
            statement_id INTEGER NOT NULL REFERENCES statements(id),
            created_at TEXT NOT NULL,
            outbox_id INTEGER REFERENCES outbox(id),
            UNIQUE (subscription, channel, recipient, statement_id)
        );
        CREATE INDEX IF NOT EXISTS digest_entries_open
            ON digest_entries (subscription, channel, recipient, outbox_id);
        CREATE INDEX IF NOT EXISTS outbox_reply ON outbox (reply_to, kind, created_at);
        CREATE TABLE IF NOT EXISTS channel_holds (
            channel TEXT PRIMARY KEY,
            until TEXT NOT NULL
        );
        CREATE TABLE IF NOT EXISTS digest_runs (
            subscription TEXT NOT NULL,
            period_end TEXT NOT NULL,
            PRIMARY KEY (subscription, period_end)
        );
        """
    )


def _give_up_times(db: sqlite_utils.Database) -> None:
    """Alerts queued before give-up times existed get the default: a day after they were due."""
    rows = db.execute(
        "SELECT id, next_attempt_at FROM outbox"
        " WHERE kind = 'alert' AND status = 'pending' AND give_up_at IS NULL"
    ).fetchall()
    with db.atomic():
        for outbox_id, due in rows:
            give_up = datetime.fromisoformat(due) + timedelta(days=1)
            db.execute(
                "UPDATE outbox SET give_up_at = ? WHERE id = ?", [give_up.isoformat(), outbox_id]
            )


def _every_statement_its_own_story(db: sqlite_utils.Database) -> None:
    """Statements archived before stories existed each start one, compared by their words."""
    rows = db.execute(
        "SELECT id, mp_id, kind, target, text, created_at FROM statements"
        " WHERE cluster_id IS NULL ORDER BY id"
    ).fetchall()
    with db.atomic():
        for statement_id, mp_id, kind, target, text, created_at in rows:
            cursor = db.execute(
                "INSERT INTO clusters (mp_id, kind, target, words, first_statement_id,"
                " first_seen_at, last_seen_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
                [mp_id, kind, target, words(text), statement_id, created_at, created_at],
            )
            db.execute(
                "UPDATE statements SET cluster_id = ? WHERE id = ?",
                [cursor.lastrowid, statement_id],
            )


# The outbox is rebuilt in one transaction: a row per message rather than per statement.
_OUTBOX_AS_MESSAGES = """
PRAGMA foreign_keys = OFF;
BEGIN;
CREATE TABLE outbox_v3 (
    id INTEGER PRIMARY KEY,
    kind TEXT NOT NULL DEFAULT 'alert'
        CHECK (kind IN ('alert', 'followup', 'digest', 'health', 'notice')),
    channel TEXT NOT NULL DEFAULT 'email' CHECK (channel IN ('email', 'apprise')),
    recipient TEXT NOT NULL,
    subscription TEXT NOT NULL,
    message_key TEXT NOT NULL UNIQUE,
    item_id INTEGER REFERENCES items(id),
    cluster_id INTEGER,
    reply_to INTEGER REFERENCES outbox(id),
    subject TEXT,
    body TEXT,
    status TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sent', 'dead')),
    attempts INTEGER NOT NULL DEFAULT 0,
    last_error TEXT,
    created_at TEXT NOT NULL,
    next_attempt_at TEXT NOT NULL,
    give_up_at TEXT,
    sent_at TEXT,
    dead_at TEXT,
    dead_reported INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE outbox_statements (
    outbox_id INTEGER NOT NULL REFERENCES outbox(id),
    statement_id INTEGER NOT NULL REFERENCES statements(id),
    PRIMARY KEY (outbox_id, statement_id)
);
INSERT INTO outbox_v3 (id, kind, recipient, subscription, message_key, item_id, status, attempts,
    last_error, created_at, next_attempt_at, sent_at)
SELECT o.id, 'alert', o.recipient, o.subscription, o.message_key, s.item_id, o.status, o.attempts,
       o.last_error, o.created_at, o.next_attempt_at, o.sent_at
FROM outbox o JOIN statements s ON s.id = o.statement_id;
INSERT INTO outbox_statements (outbox_id, statement_id) SELECT id, statement_id FROM outbox;
DROP TABLE outbox;
ALTER TABLE outbox_v3 RENAME TO outbox;
CREATE INDEX outbox_due ON outbox (status, next_attempt_at);
CREATE INDEX outbox_cluster ON outbox (cluster_id, recipient);
CREATE INDEX outbox_statements_statement ON outbox_statements (statement_id);
COMMIT;
PRAGMA foreign_keys = ON;
"""

_SOURCE_HEALTH_COLUMNS = {
    "listed_last": "INTEGER",  # items the last successful fetch listed
    "listed_most": "INTEGER NOT NULL DEFAULT 0",  # the most any fetch has listed
    "health": "TEXT NOT NULL DEFAULT 'ok'",  # ok, failing, silent or empty
    "health_since": "TEXT",
    "health_detail": "TEXT",
    "health_reported": "TEXT NOT NULL DEFAULT 'ok'",  # the state the admin was last told of
    "empty_since": "TEXT",  # since when its fetches have listed nothing
}


def _m004_item_versions_and_timeline(db: sqlite_utils.Database) -> None:
    """Later versions of items (edited or gone), and a stored time to sort statements by.

    `statements.timeline_at` is when a statement was said, else its item's published time,
    else when it was first seen: the time search filters and sorts by. Triggers fill it, so
    the index on it serves "newest first" without reading every match. The full-text index
    is rewritten only when a statement's text changes, not on every update of the row.
    """
    if "timeline_at" not in {c.name for c in db.table("statements").columns}:
        db.execute("ALTER TABLE statements ADD COLUMN timeline_at TEXT")
    db.executescript(_ITEM_VERSIONS_AND_TIMELINE)


_ITEM_VERSIONS_AND_TIMELINE = """
CREATE TABLE IF NOT EXISTS item_versions (
    id INTEGER PRIMARY KEY,
    item_id INTEGER NOT NULL REFERENCES items(id),
    seen_at TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('changed', 'removed')),
    title TEXT,
    text TEXT,
    detail TEXT
);
CREATE INDEX IF NOT EXISTS item_versions_item ON item_versions (item_id, id);

DROP TRIGGER IF EXISTS statements_au;
CREATE TRIGGER statements_au AFTER UPDATE OF text ON statements BEGIN
  INSERT INTO statements_fts (statements_fts, rowid, text) VALUES('delete', old.rowid, old.text);
  INSERT INTO statements_fts (rowid, text) VALUES (new.rowid, new.text);
END;
CREATE TRIGGER IF NOT EXISTS statements_timeline_ai AFTER INSERT ON statements BEGIN
  UPDATE statements SET timeline_at = COALESCE(new.said_at,
      (SELECT published_at FROM items WHERE id = new.item_id), new.created_at)
  WHERE id = new.id;
END;
CREATE TRIGGER IF NOT EXISTS statements_timeline_au AFTER UPDATE OF said_at ON statements BEGIN
  UPDATE statements SET timeline_at = COALESCE(new.said_at,
      (SELECT published_at FROM items WHERE id = new.item_id), new.created_at)
  WHERE id = new.id;
END;
UPDATE statements SET timeline_at = COALESCE(said_at,
    (SELECT published_at FROM items WHERE id = statements.item_id), created_at)
WHERE timeline_at IS NULL;
CREATE INDEX IF NOT EXISTS statements_timeline ON statements (timeline_at);
CREATE INDEX IF NOT EXISTS statements_mp_timeline ON statements (mp_id, timeline_at);
CREATE INDEX IF NOT EXISTS statements_kind_timeline ON statements (kind, timeline_at);
CREATE INDEX IF NOT EXISTS statements_kind_target ON statements (kind, target);
"""


def _m005_verbatim_and_report(db: sqlite_utils.Database) -> None:
    """Which words are the MP's own: `statements.verbatim` (1 when `text` is the MP's words as
    written, a quotation or their own post; only those may be shown in quotation marks) and
    `statements.report` (the reporter's sentence that carries the statement).

    Statements archived before cannot say whether a news item quoted or paraphrased, so only
    those found on the MP's own source count as verbatim; the rest are shown as reported.
    One transaction: cut off, it leaves nothing and runs again.
    """
    if "verbatim" not in {c.name for c in db.table("statements").columns}:
        db.executescript(_VERBATIM_AND_REPORT)


_VERBATIM_AND_REPORT = """
BEGIN;
ALTER TABLE statements ADD COLUMN verbatim INTEGER NOT NULL DEFAULT 0 CHECK (verbatim IN (0, 1));
ALTER TABLE statements ADD COLUMN report TEXT;
UPDATE statements SET verbatim = 1 WHERE EXISTS (
    SELECT 1 FROM items i JOIN sources src ON src.id = i.source_id
    WHERE i.id = statements.item_id AND src.mp_id = statements.mp_id);
COMMIT;
"""


def _m006_outbox_claims(db: sqlite_utils.Database) -> None:
    """Claims on outbox messages, so that several processes on one archive send each once.

    `outbox.claimed_by` names the process sending a message and `outbox.claimed_until` is
    when its lease ends: a process that died while sending leaves a claim that lapses, and the
    message is sent later. Messages waiting at the upgrade are unclaimed. One transaction: cut
    off, it leaves nothing and runs again.
    """
    if "claimed_by" not in {c.name for c in db.table("outbox").columns}:
        db.executescript(_OUTBOX_CLAIMS)


_OUTBOX_CLAIMS = """
BEGIN;
ALTER TABLE outbox ADD COLUMN claimed_by TEXT;
ALTER TABLE outbox ADD COLUMN claimed_until TEXT;
COMMIT;
"""


def _m007_poll_claims(db: sqlite_utils.Database) -> None:
    """Claims on polls, so that two processes on one archive never poll one source at once.

    `sources.polled_by` names the process polling the source and `sources.poll_until` is when
    its claim lapses: a process that died mid-poll leaves a claim that ends on its own. One
    transaction: cut off, it leaves nothing and runs again.
    """
    if "polled_by" not in {c.name for c in db.table("sources").columns}:
        db.executescript(_POLL_CLAIMS)


_POLL_CLAIMS = """
BEGIN;
ALTER TABLE sources ADD COLUMN polled_by TEXT;
ALTER TABLE sources ADD COLUMN poll_until TEXT;
COMMIT;
"""


def _m008_stemmed_search(db: sqlite_utils.Database) -> None:
    """Search by word stems: the statements' full-text index rebuilt with the porter tokenizer,
    so "resign" finds "resigned" and "resignation". The index is an external-content table over
    `statements`, so it is rebuilt from the statements themselves; its triggers stay as they
    were. One transaction: cut off, it leaves the old index and runs again.
    """
    if "porter" not in _search_index_sql(db):
        db.executescript(_STEMMED_SEARCH)


# The tokenizer is a constant of this code, not a value from outside.
_STEMMED_SEARCH = f"""
BEGIN;
DROP TABLE IF EXISTS statements_fts;
CREATE VIRTUAL TABLE statements_fts USING fts5(
    text, content='statements', content_rowid='id', tokenize='{TOKENIZE}'
);
INSERT INTO statements_fts (statements_fts) VALUES ('rebuild');
COMMIT;
"""  # noqa: S608


def _m009_prefix_search(db: sqlite_utils.Database) -> None:
    """Prefixes read from their own index: the statements' full-text index rebuilt with
    indexes of every word's first 2, 3 and 4 letters, so `lead*` reads one list of matches
    instead of merging those of every word it starts (lead, leader, leadership, leading...).
    Matches are the same. One transaction: cut off, it leaves the old index and runs again.
    """
    if "prefix=" not in _search_index_sql(db):
        db.executescript(_PREFIX_SEARCH)


def _search_index_sql(db: sqlite_utils.Database) -> str:
    row = db.execute(
        "SELECT sql FROM sqlite_master WHERE type = 'table' AND name = 'statements_fts'"
    ).fetchone()
    return "" if row is None else str(row[0])


PREFIX_LENGTHS = "2 3 4"  # letters of the prefixes with an index of their own

# The tokenizer and prefixes are constants of this code, not values from outside.
_PREFIX_SEARCH = f"""
BEGIN;
DROP TABLE IF EXISTS statements_fts;
CREATE VIRTUAL TABLE statements_fts USING fts5(
    text, content='statements', content_rowid='id', tokenize='{TOKENIZE}',
    prefix='{PREFIX_LENGTHS}'
);
INSERT INTO statements_fts (statements_fts) VALUES ('rebuild');
COMMIT;
"""  # noqa: S608


def _m010_body_hash(db: sqlite_utils.Database) -> None:
    """`sources.body_hash`: the hash of the last body read whole, so that the same body again
    (from a server that sends no validators, or ignores them) is not read twice."""
    if "body_hash" not in {c.name for c in db.table("sources").columns}:
        db.execute("ALTER TABLE sources ADD COLUMN body_hash TEXT")


def _m011_triage(db: sqlite_utils.Database) -> None:
    """The desk's triage: `statements.status` (new, verified, used or dismissed; every
    statement archived before is new), `status_changes` (every change: who, when, the note,
    and a dismissal's reason), and `web_visits` (when each user of the page was last there).
    One transaction: cut off, it leaves nothing and runs again.
    """
    if "status" not in {c.name for c in db.table("statements").columns}:
        db.executescript(_TRIAGE)


_TRIAGE = """
BEGIN;
ALTER TABLE statements ADD COLUMN status TEXT NOT NULL DEFAULT 'new'
    CHECK (status IN ('new', 'verified', 'used', 'dismissed'));
CREATE TABLE status_changes (
    id INTEGER PRIMARY KEY,
    statement_id INTEGER NOT NULL REFERENCES statements(id),
    status TEXT NOT NULL CHECK (status IN ('new', 'verified', 'used', 'dismissed')),
    reason TEXT CHECK (reason IN ('wrong_speaker', 'wrong_kind', 'not_news')),
    corrected_kind TEXT,
    note TEXT,
    set_by TEXT NOT NULL,
    set_at TEXT NOT NULL,
    CHECK ((status = 'dismissed') = (reason IS NOT NULL))
);
CREATE INDEX status_changes_statement ON status_changes (statement_id, id);
CREATE INDEX statements_status_timeline ON statements (status, timeline_at);
CREATE INDEX statements_status_created ON statements (status, created_at);
CREATE TABLE web_visits (
    user TEXT PRIMARY KEY,
    last_seen_at TEXT NOT NULL,
    previous_seen_at TEXT
);
COMMIT;
"""


def _m012_item_changes(db: sqlite_utils.Database) -> None:
    """Deleted and edited items: `items.last_seen_at` (when the item was last seen listed or
    answering at its address since it was first seen; NULL: not since), `items.checked_at`
    (when its address was last read again), and `item_versions.diff` (the difference a
    'changed' version made, as unified diff lines).
    One transaction: cut off, it leaves nothing and runs again.
    """
    if "checked_at" not in {c.name for c in db.table("items").columns}:
        db.executescript(_ITEM_CHANGES)


_ITEM_CHANGES = """
BEGIN;
ALTER TABLE items ADD COLUMN last_seen_at TEXT;
ALTER TABLE items ADD COLUMN checked_at TEXT;
ALTER TABLE item_versions ADD COLUMN diff TEXT;
CREATE INDEX IF NOT EXISTS items_first_seen ON items (first_seen_at);
COMMIT;
"""


def _m013_saved_alerts(db: sqlite_utils.Database) -> None:
    """Alerts the page's users save from a search (`saved_alerts`), the addresses that left a
    subscription by its one-click link (`unsubscribed`), and the key that signs those links
    when the settings give none (`link_keys`, made here, once, at random).
    One transaction: cut off, it leaves nothing and runs again.
    """
    if not db.table("saved_alerts").exists():
        db.executescript(_SAVED_ALERTS)


_SAVED_ALERTS = """
BEGIN;
CREATE TABLE saved_alerts (
    id INTEGER PRIMARY KEY,
    owner TEXT NOT NULL,
    name TEXT NOT NULL,
    address TEXT NOT NULL,
    mode TEXT NOT NULL CHECK (mode IN ('immediate', 'digest')),
    search TEXT NOT NULL,
    source_name TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX saved_alerts_owner ON saved_alerts (owner, id);
CREATE TABLE unsubscribed (
    subscription TEXT NOT NULL,
    address TEXT NOT NULL,
    unsubscribed_at TEXT NOT NULL,
    PRIMARY KEY (subscription, address)
);
CREATE TABLE link_keys (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    key BLOB NOT NULL
);
INSERT INTO link_keys (id, key) VALUES (1, randomblob(32));
COMMIT;
"""


def _m014_stories(db: sqlite_utils.Database) -> None:
    """One name for a story: the `clusters` table is `stories`, `statements.cluster_id` and
    `outbox.cluster_id` are `story_id`, and their indexes are named after stories.
    One transaction: cut off, it leaves nothing and runs again.
    """
    if "clusters" in db.table_names():
        db.executescript(_STORIES)


_STORIES = """
BEGIN;
DROP INDEX IF EXISTS clusters_mp;
DROP INDEX IF EXISTS statements_cluster;
DROP INDEX IF EXISTS outbox_cluster;
ALTER TABLE clusters RENAME TO stories;
ALTER TABLE statements RENAME COLUMN cluster_id TO story_id;
ALTER TABLE outbox RENAME COLUMN cluster_id TO story_id;
CREATE INDEX stories_mp ON stories (mp_id, last_seen_at);
CREATE INDEX statements_story ON statements (story_id);
CREATE INDEX outbox_story ON outbox (story_id, recipient);
COMMIT;
"""


def _m015_subscription_changes(db: sqlite_utils.Database) -> None:
    """A count of the changes to saved alerts and unsubscriptions (`subscription_changes`),
    kept by triggers, so a poll can tell in one read whether its subscriptions still hold.
    One transaction: cut off, it leaves nothing and runs again.
    """
    if not db.table("subscription_changes").exists():
        db.executescript(_SUBSCRIPTION_CHANGES)


_SUBSCRIPTION_CHANGES = """
BEGIN;
CREATE TABLE subscription_changes (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    changes INTEGER NOT NULL
);
INSERT INTO subscription_changes (id, changes) VALUES (1, 0);
CREATE TRIGGER saved_alerts_insert_counted AFTER INSERT ON saved_alerts BEGIN
    UPDATE subscription_changes SET changes = changes + 1 WHERE id = 1;
END;
CREATE TRIGGER saved_alerts_update_counted AFTER UPDATE ON saved_alerts BEGIN
    UPDATE subscription_changes SET changes = changes + 1 WHERE id = 1;
END;
CREATE TRIGGER saved_alerts_delete_counted AFTER DELETE ON saved_alerts BEGIN
    UPDATE subscription_changes SET changes = changes + 1 WHERE id = 1;
END;
CREATE TRIGGER unsubscribed_insert_counted AFTER INSERT ON unsubscribed BEGIN
    UPDATE subscription_changes SET changes = changes + 1 WHERE id = 1;
END;
CREATE TRIGGER unsubscribed_update_counted AFTER UPDATE ON unsubscribed BEGIN
    UPDATE subscription_changes SET changes = changes + 1 WHERE id = 1;
END;
CREATE TRIGGER unsubscribed_delete_counted AFTER DELETE ON unsubscribed BEGIN
    UPDATE subscription_changes SET changes = changes + 1 WHERE id = 1;
END;
COMMIT;
"""


def _m016_card_keys(db: sqlite_utils.Database) -> None:
    """Each statement's card key stored with it (`statements.card_id`): the first statement of
    the stories that the rows of its words in its item belong to, as the search page groups
    them. Triggers keep it as rows and stories are written, so counting a search's cards reads
    a column instead of looking at the item's other rows for every match.
    One transaction: cut off, it leaves nothing and runs again.
    """
    if "card_id" not in db.table("statements").columns_dict:
        db.executescript(_CARD_KEYS)


# The card key of the row being updated; setting it again for any row is always right, so the
# triggers set it for every row of the items a write touches.
_ITS_CARD_KEY = """(SELECT min(COALESCE(c.first_statement_id, t.id))
    FROM statements t LEFT JOIN stories c ON c.id = t.story_id
    WHERE t.item_id = statements.item_id AND t.text = statements.text)"""
_SET_CARD_KEY = f"UPDATE statements SET card_id = {_ITS_CARD_KEY}"  # noqa: S608
_STORY_ITEMS = "(SELECT item_id FROM statements WHERE story_id = {story})"

_CARD_KEYS = f"""
BEGIN;
ALTER TABLE statements ADD COLUMN card_id INTEGER;
CREATE TRIGGER statements_card_ai AFTER INSERT ON statements BEGIN
  {_SET_CARD_KEY} WHERE item_id = new.item_id;
END;
CREATE TRIGGER statements_card_au AFTER UPDATE OF item_id, text, story_id ON statements BEGIN
  {_SET_CARD_KEY} WHERE item_id IN (new.item_id, old.item_id);
END;
CREATE TRIGGER statements_card_ad AFTER DELETE ON statements BEGIN
  {_SET_CARD_KEY} WHERE item_id = old.item_id;
END;
CREATE TRIGGER stories_card_ai AFTER INSERT ON stories BEGIN
  {_SET_CARD_KEY} WHERE item_id IN {_STORY_ITEMS.format(story="new.id")};
END;
CREATE TRIGGER stories_card_au AFTER UPDATE OF first_statement_id ON stories BEGIN
  {_SET_CARD_KEY} WHERE item_id IN {_STORY_ITEMS.format(story="new.id")};
END;
CREATE TRIGGER stories_card_ad AFTER DELETE ON stories BEGIN
  {_SET_CARD_KEY} WHERE item_id IN {_STORY_ITEMS.format(story="old.id")};
END;
{_SET_CARD_KEY};
COMMIT;
"""


MIGRATIONS: list[Callable[[sqlite_utils.Database], None]] = [
    _m001_initial,
    _m002_said_at_precision,
    _m003_clusters_and_messages,
    _m004_item_versions_and_timeline,
    _m005_verbatim_and_report,
    _m006_outbox_claims,
    _m007_poll_claims,
    _m008_stemmed_search,
    _m009_prefix_search,
    _m010_body_hash,
    _m011_triage,
    _m012_item_changes,
    _m013_saved_alerts,
    _m014_stories,
    _m015_subscription_changes,
    _m016_card_keys,
]
