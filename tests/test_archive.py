"""The archive: schema and migrations, idempotent polls, full-text search, health, the outbox.

Every test uses a real SQLite file in tmp_path and reads raw columns where the stored form
matters.
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Callable, Iterator, Sequence
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
import sqlite_utils

import watcher.archive as archive_module
from watcher.archive import MIGRATIONS, Archive
from watcher.errors import SearchError
from watcher.models import MP, Delivery, Finding, Item, Kind, Report, Source, Statement, Validators

pytestmark = pytest.mark.timeout(30)

T0 = datetime(2024, 6, 3, 9, 0, tzinfo=UTC)
ISO_UTC = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+00:00$")

LAVERY = MP("Ian Lavery", ("Mr Lavery",), "Labour", "Blyth and Ashington")
DOE = MP("Jane Doe", (), "Conservative", "Somewhere North")
BEGLEY = MP("Órfhlaith Begley", (), "Sinn Féin", "West Tyrone")
LAVERY_FEED = Source("Lavery feed", "feed", "https://example.org/lavery.rss", 300.0, "Ian Lavery")
DOE_FEED = Source("Doe feed", "feed", "https://example.org/doe.rss", 300.0, "Jane Doe")
BEGLEY_FEED = Source(
    "Begley feed", "feed", "https://example.org/begley.rss", 300.0, "Órfhlaith Begley"
)
NEWS = Source("News", "feed", "https://news.example.org/politics.rss", 300.0)
SOURCES = (LAVERY_FEED, DOE_FEED, BEGLEY_FEED, NEWS)
TABLES = {"mps", "sources", "items", "statements", "mentions", "outbox"}


def finding(
    key: str,
    text: str,
    *,
    source: Source = LAVERY_FEED,
    kind: Kind = "statement",
    said_at: datetime | None = T0,
    published: datetime | None = T0,
    title: str = "A post",
    url: str | None = None,
    mentions: Sequence[str] = (),
    recipients: Sequence[str] = ("desk@example.org",),
) -> Finding:
    """An item of `source` holding one statement by the source's MP, alerting `recipients`."""
    item = Item(
        source=source,
        key=key,
        title=title,
        text=text,
        url=url if url is not None else f"https://example.org/posts/{key}",
        published_at=published,
        author="press office",
    )
    statements: tuple[Statement, ...] = ()
    if source.mp is not None:
        statements = (Statement(source.mp, kind, text, said_at=said_at, evidence="own"),)
    deliveries = tuple(Delivery(0, r, "desk") for r in recipients) if statements else ()
    return Finding(item, statements, tuple(mentions), deliveries)


def store(
    archive: Archive,
    findings: Sequence[Finding],
    *,
    source: Source = LAVERY_FEED,
    now: datetime = T0,
) -> int:
    state = archive.source_state(source)
    return archive.record_poll(state, Validators(), findings, now, now + timedelta(minutes=5))


def raw(path: Path) -> sqlite3.Connection:
    """A second, independent connection: what another process (or datasette) would see."""
    conn = sqlite3.connect(path)
    conn.row_factory = sqlite3.Row
    return conn


def counts(path: Path) -> dict[str, int]:
    with raw(path) as conn:
        return {t: conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in TABLES}  # noqa: S608


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "data" / "watcher.db"


@pytest.fixture
def archive(db_path: Path) -> Iterator[Archive]:
    opened = Archive(db_path)
    opened.sync_config([LAVERY, DOE, BEGLEY], SOURCES)
    try:
        yield opened
    finally:
        opened.close()


# --- schema, migrations, journal ----------------------------------------------------------


def test_new_archive_builds_schema_and_sets_user_version(archive: Archive, db_path: Path) -> None:
    assert db_path.exists()
    with raw(db_path) as conn:
        names = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        triggers = {
            r[0] for r in conn.execute("SELECT tbl_name FROM sqlite_master WHERE type = 'trigger'")
        }
    assert names >= TABLES | {"statements_fts", "items_fts"}
    assert triggers >= {"statements", "items"}
    assert version == len(MIGRATIONS) >= 1
    assert archive.schema_version == len(MIGRATIONS)


def test_reopening_runs_no_migration_twice_and_keeps_data(
    db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    runs: list[int] = []

    def m_extra(db: sqlite_utils.Database) -> None:
        runs.append(1)
        db.execute("CREATE TABLE extra (id INTEGER PRIMARY KEY)")

    monkeypatch.setattr(archive_module, "MIGRATIONS", [*MIGRATIONS, m_extra])
    first = Archive(db_path)
    first.sync_config([LAVERY], [LAVERY_FEED])
    store(first, [finding("p1", "I will stand for the leadership of our party.")])
    first.close()
    before = counts(db_path)
    assert runs == [1]

    for _ in range(2):
        again = Archive(db_path)  # would fail on CREATE TABLE extra if re-run
        assert again.schema_version == len(MIGRATIONS) + 1
        assert [h.text for h in again.search("leadership")] == [
            "I will stand for the leadership of our party."
        ]
        again.close()
    assert runs == [1]
    assert counts(db_path) == before
    assert before["items"] == before["statements"] == before["outbox"] == 1


def test_archive_uses_wal_journal(archive: Archive, db_path: Path) -> None:
    assert archive.db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    with raw(db_path) as conn:  # WAL is a property of the file, not of one connection
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_foreign_keys_are_enforced(archive: Archive) -> None:
    with pytest.raises(sqlite3.IntegrityError):
        archive.db.execute(
            "INSERT INTO items (source_id, key, first_seen_at) VALUES (9999, 'k', 'x')"
        )


# --- recording polls ----------------------------------------------------------------------


def test_same_finding_recorded_twice_is_stored_once(archive: Archive, db_path: Path) -> None:
    same = finding("post-1", "Our party needs a new direction.", mentions=["Ian Lavery"])
    assert store(archive, [same]) == 1
    after_first = counts(db_path)
    assert after_first == {
        "mps": 3,
        "sources": 4,
        "items": 1,
        "statements": 1,
        "mentions": 1,
        "outbox": 1,
    }

    assert store(archive, [same], now=T0 + timedelta(hours=1)) == 0
    assert store(archive, [same, same], now=T0 + timedelta(hours=2)) == 0
    assert counts(db_path) == after_first
    with raw(db_path) as conn:
        first_seen = conn.execute("SELECT first_seen_at FROM items").fetchone()[0]
    assert first_seen == "2024-06-03T09:00:00+00:00"  # the first sighting is kept


def test_duplicate_in_one_batch_is_stored_once(archive: Archive, db_path: Path) -> None:
    same = finding("post-1", "Our party needs a new direction.")
    assert store(archive, [same, same]) == 1
    assert counts(db_path)["outbox"] == 1
    assert counts(db_path)["statements"] == 1


def test_record_poll_is_all_or_nothing(archive: Archive, db_path: Path) -> None:
    good = finding("good", "A fine statement.")
    bad = Finding(
        Item(LAVERY_FEED, "bad", "t", "x", None, T0),
        (Statement("Nobody Known", "statement", "x"),),
    )
    before = counts(db_path)
    with pytest.raises(LookupError):
        store(archive, [good, bad])
    assert counts(db_path) == before
    with raw(db_path) as conn:
        row = conn.execute(
            "SELECT last_status, last_success_at FROM sources WHERE url = ?", [LAVERY_FEED.url]
        ).fetchone()
    assert tuple(row) == (None, None)


def test_times_are_stored_as_iso_utc(archive: Archive, db_path: Path) -> None:
    london = ZoneInfo("Europe/London")
    now_local = datetime(2024, 6, 3, 10, 0, tzinfo=london)  # BST: 09:00 UTC
    said_local = datetime(2024, 6, 3, 8, 30, tzinfo=london)  # 07:30 UTC
    state = archive.source_state(LAVERY_FEED)
    archive.record_poll(
        state,
        Validators('"etag-1"', "Mon, 03 Jun 2024 08:00:00 GMT"),
        [finding("p", "Text", said_at=said_local, published=said_local)],
        now_local,
        now_local + timedelta(minutes=5),
    )
    with raw(db_path) as conn:
        item = conn.execute("SELECT published_at, first_seen_at FROM items").fetchone()
        statement = conn.execute("SELECT said_at, created_at FROM statements").fetchone()
        outbox = conn.execute("SELECT created_at, next_attempt_at FROM outbox").fetchone()
        source = conn.execute(
            "SELECT first_polled_at, last_polled_at, last_success_at, next_check_at, etag,"
            " last_modified FROM sources WHERE url = ?",
            [LAVERY_FEED.url],
        ).fetchone()
    assert tuple(item) == ("2024-06-03T07:30:00+00:00", "2024-06-03T09:00:00+00:00")
    assert tuple(statement) == ("2024-06-03T07:30:00+00:00", "2024-06-03T09:00:00+00:00")
    assert tuple(outbox) == ("2024-06-03T09:00:00+00:00", "2024-06-03T09:00:00+00:00")
    assert tuple(source)[:4] == (
        "2024-06-03T09:00:00+00:00",
        "2024-06-03T09:00:00+00:00",
        "2024-06-03T09:00:00+00:00",
        "2024-06-03T09:05:00+00:00",
    )
    assert tuple(source)[4:] == ('"etag-1"', "Mon, 03 Jun 2024 08:00:00 GMT")
    for value in (*item, *statement, *outbox, *tuple(source)[:4]):
        assert ISO_UTC.match(value), value


def test_naive_times_are_refused(archive: Archive, db_path: Path) -> None:
    before = counts(db_path)
    with pytest.raises(ValueError, match="naive"):
        store(archive, [finding("p", "Text")], now=datetime(2024, 6, 3, 9, 0))
    assert counts(db_path) == before


HOSTILE = '\'); DROP TABLE items; -- "quoted" `back` \\ %s ? :name end'


def test_hostile_text_is_stored_verbatim(archive: Archive, db_path: Path) -> None:
    evil = finding(
        "key'); DROP TABLE statements; --",
        HOSTILE,
        title="Robert'); DROP TABLE mps; --",
        url="https://example.org/?q='); DROP TABLE outbox; --",
    )
    assert store(archive, [evil]) == 1
    with raw(db_path) as conn:
        item = conn.execute("SELECT key, title, text, url FROM items").fetchone()
        text = conn.execute("SELECT text FROM statements").fetchone()[0]
        names = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    assert tuple(item) == (
        "key'); DROP TABLE statements; --",
        "Robert'); DROP TABLE mps; --",
        HOSTILE,
        "https://example.org/?q='); DROP TABLE outbox; --",
    )
    assert text == HOSTILE
    assert names >= TABLES
    assert counts(db_path)["items"] == 1
    # A hostile search query is an error to explain, or a search: never an injection.
    with pytest.raises(SearchError):
        archive.search("'); DROP TABLE items; --")
    assert [h.text for h in archive.search('"DROP TABLE items"')] == [HOSTILE]
    assert [h.title for h in archive.search("DROP", mp="x' OR '1'='1")] == []
    assert counts(db_path)["items"] == 1


# --- source health ------------------------------------------------------------------------


def test_failures_count_up_and_a_success_resets_them(archive: Archive, db_path: Path) -> None:
    def row() -> sqlite3.Row:
        with raw(db_path) as conn:
            found: sqlite3.Row = conn.execute(
                "SELECT * FROM sources WHERE url = ?", [LAVERY_FEED.url]
            ).fetchone()
            return found

    state = archive.source_state(LAVERY_FEED)
    assert state.never_polled
    assert state.consecutive_failures == 0
    archive.record_failure(state, "HTTP 500", T0, T0 + timedelta(minutes=5))
    archive.record_failure(
        archive.source_state(LAVERY_FEED),
        "timed out",
        T0 + timedelta(minutes=5),
        T0 + timedelta(minutes=15),
    )
    failed = row()
    assert failed["consecutive_failures"] == 2
    assert failed["last_status"] == "error"
    assert failed["last_error"] == "timed out"
    assert failed["last_error_at"] == "2024-06-03T09:05:00+00:00"
    assert failed["next_check_at"] == "2024-06-03T09:15:00+00:00"
    assert failed["first_polled_at"] == "2024-06-03T09:00:00+00:00"
    state = archive.source_state(LAVERY_FEED)
    assert state.consecutive_failures == 2
    assert state.never_polled  # no success yet
    assert state.next_check_at == T0 + timedelta(minutes=15)

    store(archive, [finding("p", "Back again.")], now=T0 + timedelta(minutes=15))
    healed = row()
    assert healed["consecutive_failures"] == 0
    assert healed["last_status"] == "ok"
    assert healed["last_success_at"] == "2024-06-03T09:15:00+00:00"
    assert healed["first_polled_at"] == "2024-06-03T09:00:00+00:00"
    assert not archive.source_state(LAVERY_FEED).never_polled

    (health,) = archive.source_health([LAVERY_FEED])
    assert (health.consecutive_failures, health.items, health.last_status) == (0, 1, "ok")


def test_not_modified_also_resets_failures(archive: Archive) -> None:
    state = archive.source_state(LAVERY_FEED)
    archive.record_failure(state, "HTTP 503", T0, T0 + timedelta(minutes=5))
    archive.record_not_modified(
        archive.source_state(LAVERY_FEED), T0 + timedelta(minutes=5), T0 + timedelta(minutes=10)
    )
    (health,) = archive.source_health([LAVERY_FEED])
    assert health.consecutive_failures == 0
    assert health.last_status == "not_modified"


# --- full-text search ---------------------------------------------------------------------


@pytest.fixture
def searchable(archive: Archive) -> Archive:
    hour = timedelta(hours=1)
    store(
        archive,
        [
            finding("l1", "I will stand for the leadership of our party.", said_at=T0),
            finding("l2", "Leadership matters, and I stand with the miners.", said_at=T0 + hour),
            finding("l3", "Standing firm on the railways.", said_at=T0 + 2 * hour),
            finding("l4", "I resign from the front bench.", kind="resignation", said_at=T0 - hour),
            finding("l5", "Labour\u2019s future is bright.", said_at=None, published=T0 - 3 * hour),
        ],
    )
    store(
        archive,
        [finding("d1", "I will not stand for the leadership.", source=DOE_FEED, said_at=T0)],
        source=DOE_FEED,
    )
    store(
        archive,
        [finding("b1", "We stand with the farmers.", source=BEGLEY_FEED)],
        source=BEGLEY_FEED,
    )
    return archive


def texts(hits: Sequence[Report]) -> list[str]:
    return [h.text for h in hits]


def test_inserted_rows_are_searchable_through_fts_triggers(archive: Archive, db_path: Path) -> None:
    store(
        archive,
        [finding("p1", "Coalfield communities deserve better.", title="On the coalfields")],
    )

    def match(table: str, query: str) -> int:
        with raw(db_path) as conn:
            sql = f"SELECT count(*) FROM {table} WHERE {table} MATCH ?"  # noqa: S608
            return int(conn.execute(sql, [query]).fetchone()[0])

    assert match("statements_fts", "coalfield") == 1
    assert match("items_fts", "coalfields") == 1  # the title
    assert match("items_fts", "communities") == 1  # the text
    with sqlite3.connect(db_path) as conn:
        conn.execute("UPDATE items SET title = 'Pit closures' WHERE key = 'p1'")
        conn.execute("UPDATE statements SET text = 'Pit villages matter.'")
    assert match("items_fts", "coalfields") == 0
    assert match("items_fts", "pit") == 1
    assert match("statements_fts", "coalfield") == 0
    assert match("statements_fts", "villages") == 1
    with sqlite3.connect(db_path) as conn:
        conn.execute("DELETE FROM outbox_statements")
        conn.execute("DELETE FROM outbox")
        conn.execute("UPDATE stories SET first_statement_id = NULL")
        conn.execute("DELETE FROM statements")
    assert match("statements_fts", "villages") == 0


def test_search_words_phrases_prefixes_or(searchable: Archive) -> None:
    assert set(texts(searchable.search("stand leadership"))) == {
        "I will stand for the leadership of our party.",
        "Leadership matters, and I stand with the miners.",
        "I will not stand for the leadership.",
    }
    assert set(texts(searchable.search('"stand for the leadership"'))) == {
        "I will stand for the leadership of our party.",
        "I will not stand for the leadership.",
    }
    assert set(texts(searchable.search('"stand for the leadership of"'))) == {
        "I will stand for the leadership of our party."
    }
    assert set(texts(searchable.search("stand*", mp="Ian Lavery"))) == {
        "I will stand for the leadership of our party.",
        "Leadership matters, and I stand with the miners.",
        "Standing firm on the railways.",
    }
    assert set(texts(searchable.search("miners OR railways"))) == {
        "Leadership matters, and I stand with the miners.",
        "Standing firm on the railways.",
    }
    assert texts(searchable.search("nonexistentword")) == []


def test_search_orders_newest_first_and_carries_context(searchable: Archive) -> None:
    hits = searchable.search("stand*", mp="Ian Lavery")
    assert [h.said_at for h in hits] == [T0 + timedelta(hours=2), T0 + timedelta(hours=1), T0]
    top = hits[0]
    assert (top.mp, top.kind, top.source, top.title) == (
        "Ian Lavery",
        "statement",
        "Lavery feed",
        "A post",
    )
    assert top.url == "https://example.org/posts/l3"
    assert len(searchable.search("stand*", limit=2)) == 2


@pytest.mark.parametrize(
    "who", ["Ian Lavery", "ian lavery", "IAN LAVERY", "Mr Lavery", "mr lavery"]
)
def test_search_filters_by_mp_name_or_alias_any_case(searchable: Archive, who: str) -> None:
    hits = searchable.search('"stand for the leadership"', mp=who)
    assert texts(hits) == ["I will stand for the leadership of our party."]


def test_search_mp_filter_ignores_case_beyond_ascii(searchable: Archive) -> None:
    assert texts(searchable.search("farmers", mp="Órfhlaith Begley")) == [
        "We stand with the farmers."
    ]
    assert texts(searchable.search("farmers", mp="órfhlaith begley")) == [
        "We stand with the farmers."
    ]


def test_search_unknown_mp_finds_nothing(searchable: Archive) -> None:
    assert texts(searchable.search("stand", mp="Lavery")) == []


def test_search_filters_by_kind(searchable: Archive) -> None:
    assert texts(searchable.search("front OR stand", kind="resignation")) == [
        "I resign from the front bench."
    ]
    assert "I resign from the front bench." not in texts(
        searchable.search("front OR stand", kind="statement")
    )


def test_search_filters_by_time(searchable: Archive) -> None:
    everything = "stand* OR resign OR future"
    assert texts(searchable.search(everything, mp="Ian Lavery", since=T0 + timedelta(hours=1))) == [
        "Standing firm on the railways.",
        "Leadership matters, and I stand with the miners.",
    ]
    assert texts(searchable.search(everything, mp="Ian Lavery", until=T0 - timedelta(hours=1))) == [
        "I resign from the front bench.",
        "Labour\u2019s future is bright.",  # no said_at: its published time counts
    ]
    london = ZoneInfo("Europe/London")
    window = searchable.search(
        everything,
        mp="Ian Lavery",
        since=datetime(2024, 6, 3, 10, 0, tzinfo=london),  # 09:00 UTC, inclusive
        until=datetime(2024, 6, 3, 11, 0, tzinfo=london),  # 10:00 UTC, inclusive
    )
    assert texts(window) == [
        "Leadership matters, and I stand with the miners.",
        "I will stand for the leadership of our party.",
    ]


def test_search_with_curly_double_quotes_is_a_phrase(searchable: Archive) -> None:
    straight = texts(searchable.search('"stand for the leadership of"'))
    curly = texts(searchable.search("\u201cstand for the leadership of\u201d"))
    low = texts(searchable.search("\u201estand for the leadership of\u201d"))
    assert curly == straight == low == ["I will stand for the leadership of our party."]


def test_search_with_curly_apostrophe_works(searchable: Archive) -> None:
    # Pasted from an article: a typographic apostrophe inside a word.
    assert texts(searchable.search("Labour\u2019s")) == ["Labour\u2019s future is bright."]
    assert texts(searchable.search("\u201cLabour\u2019s future\u201d")) == [
        "Labour\u2019s future is bright."
    ]


@pytest.mark.parametrize(
    "query",
    ['"unbalanced phrase', "NOT", "AND miners", "nosuchcolumn:miners", "(miners", "", "   "],
)
def test_malformed_query_raises_search_error_with_help(searchable: Archive, query: str) -> None:
    with pytest.raises(SearchError) as caught:
        searchable.search(query)
    assert not isinstance(caught.value, sqlite3.Error)
    message = str(caught.value)
    assert repr(query) in message
    assert "phrase in quotes" in message
    assert "prefix*" in message


# --- the outbox ---------------------------------------------------------------------------


def outbox_store(archive: Archive) -> Callable[[str, datetime], None]:
    def add(key: str, now: datetime) -> None:
        store(archive, [finding(key, f"Statement {key}.")], now=now)

    return add


def test_due_messages_in_order_and_respecting_next_attempt(archive: Archive, db_path: Path) -> None:
    add = outbox_store(archive)
    add("a", T0)
    add("b", T0 + timedelta(minutes=1))
    add("c", T0 + timedelta(minutes=2))

    assert [m.reports[0].text for m in archive.due_messages(T0 - timedelta(seconds=1))] == []
    assert [m.reports[0].text for m in archive.due_messages(T0 + timedelta(minutes=1))] == [
        "Statement a.",
        "Statement b.",
    ]
    due = archive.due_messages(T0 + timedelta(minutes=2))
    assert [m.reports[0].text for m in due] == ["Statement a.", "Statement b.", "Statement c."]
    assert [a.outbox_id for a in due] == sorted(a.outbox_id for a in due)
    assert len(archive.due_messages(T0 + timedelta(minutes=2), limit=2)) == 2
    first = due[0].reports[0]
    assert (first.mp, first.party, first.constituency) == (
        "Ian Lavery",
        "Labour",
        "Blyth and Ashington",
    )
    assert (due[0].recipient, first.kind, first.source, first.title) == (
        "desk@example.org",
        "statement",
        "Lavery feed",
        "A post",
    )
    assert first.url == "https://example.org/posts/a"
    assert first.first_seen_at == T0
    assert first.own
    assert due[0].attempts == 0
    assert due[0].kind == "alert"
    assert len({m.key for m in due}) == 3

    now = T0 + timedelta(minutes=3)
    archive.mark_failed(due[0].outbox_id, "server said no", now + timedelta(minutes=10))
    archive.mark_sent(due[1].outbox_id, now)
    assert [m.reports[0].text for m in archive.due_messages(now)] == ["Statement c."]
    assert [m.reports[0].text for m in archive.due_messages(now + timedelta(minutes=10))] == [
        "Statement a.",
        "Statement c.",
    ]
    retried = archive.due_messages(now + timedelta(minutes=10))[0]
    assert retried.attempts == 1

    pending = {e.id: e for e in archive.outbox()}
    assert set(pending) == {due[0].outbox_id, due[2].outbox_id}
    failing = pending[due[0].outbox_id]
    assert (failing.status, failing.attempts, failing.last_error) == (
        "failing",
        1,
        "server said no",
    )
    assert failing.next_attempt_at == now + timedelta(minutes=10)
    assert pending[due[2].outbox_id].status == "pending"
    (sent,) = archive.outbox(("sent",))
    assert (sent.id, sent.attempts, sent.last_error) == (due[1].outbox_id, 1, None)
    with raw(db_path) as conn:
        sent_at = conn.execute(
            "SELECT sent_at FROM outbox WHERE id = ?", [due[1].outbox_id]
        ).fetchone()[0]
        next_at = conn.execute(
            "SELECT next_attempt_at FROM outbox WHERE id = ?", [due[0].outbox_id]
        ).fetchone()[0]
    assert sent_at == "2024-06-03T09:03:00+00:00"
    assert next_at == "2024-06-03T09:13:00+00:00"

    archive.mark_sent(due[0].outbox_id, now + timedelta(minutes=10))
    assert [(e.id, e.last_error) for e in archive.outbox(("sent",))] == [
        (due[0].outbox_id, None),
        (due[1].outbox_id, None),
    ]
    assert [m.reports[0].text for m in archive.due_messages(now + timedelta(days=1))] == [
        "Statement c."
    ]


def test_one_alert_per_statement_and_recipient(archive: Archive, db_path: Path) -> None:
    store(archive, [finding("a", "Text.", recipients=("desk@example.org", "editor@example.org"))])
    due = archive.due_messages(T0)
    assert sorted(m.recipient for m in due) == ["desk@example.org", "editor@example.org"]
    assert counts(db_path)["statements"] == 1
