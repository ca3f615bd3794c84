"""Reading the archive for the web page: search plans, marks, item versions, the time column."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
import sqlite_utils
from support.httpserver import FixtureServer
from support.newsroom import EDITED, Newsroom, build_newsroom

from watcher.archive import MIGRATIONS, Archive
from watcher.archive.matcher import normalise_query, with_longer_forms
from watcher.archive.search import (
    MARK_END,
    MARK_START,
    Filters,
    Reader,
    marked_parts,
    open_reader,
)
from watcher.models import MP, Finding, Item, Source, Statement, Validators

pytestmark = pytest.mark.timeout(60)

NEWS = Source("News", "feed", "https://news.example.org/rss", 300.0)


@pytest.fixture(scope="module")
def newsroom(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Newsroom]:
    with FixtureServer() as server:
        yield build_newsroom(tmp_path_factory.mktemp("reader"), server)


SEARCHES = [
    Filters(),
    Filters(text="leadership"),
    Filters(text="I OR the OR our"),
    Filters(text="lead*", mp="Ian Lavery"),
    Filters(text="the", kind="statement", party="Labour"),
    Filters(since=datetime(2024, 6, 3, 5, tzinfo=UTC), until=datetime(2024, 6, 3, 7, tzinfo=UTC)),
]


@pytest.mark.parametrize("filters", SEARCHES)
def test_both_plans_give_the_same_pages(newsroom: Newsroom, filters: Filters) -> None:
    """Walking the time index (many matches) and sorting the matches (few) agree, page by page."""
    with open_reader(newsroom.config.archive_path) as reader:
        walk, sort = Reader(reader.db, many_matches=0), Reader(reader.db, many_matches=10**6)
        for page in (1, 2, 3, 4):
            walked = walk.search(filters, page=page, per_page=2)
            sorted_ = sort.search(filters, page=page, per_page=2)
            assert [c.statement_id for c in walked.cards] == [c.statement_id for c in sorted_.cards]
            assert walked.has_next == sorted_.has_next
        everything = sort.search(filters, per_page=100).cards
        times = [c.said_at or c.published_at or c.first_seen_at for c in everything]
        assert times == sorted(times, reverse=True)


@pytest.mark.parametrize("filters", SEARCHES)
def test_both_plans_give_the_same_counts(newsroom: Newsroom, filters: Filters) -> None:
    """The counts beside the results agree whichever plan found their matches."""
    with open_reader(newsroom.config.archive_path) as reader:
        walk, sort = Reader(reader.db, many_matches=0), Reader(reader.db, many_matches=10**6)
        walked, sorted_ = walk.summary(filters), sort.summary(filters)
        cards = sort.search(filters, per_page=100, grouped=True).cards
    assert walked == sorted_
    assert walked.total == len(cards)


def test_pages_follow_on_without_counting(newsroom: Newsroom) -> None:
    with open_reader(newsroom.config.archive_path) as reader:
        pages = [reader.search(Filters(), page=n, per_page=3) for n in (1, 2, 3)]
    assert [p.has_next for p in pages] == [True, True, False]
    ids = [c.statement_id for p in pages for c in p.cards]
    assert len(ids) == len(set(ids)) == 7


def test_reader_cannot_write(newsroom: Newsroom) -> None:
    with (
        open_reader(newsroom.config.archive_path) as reader,
        pytest.raises(sqlite3.OperationalError),
    ):
        reader.db.execute("DELETE FROM statements")


def test_stray_marks_in_text_never_become_markup() -> None:
    text = f"a {MARK_END}b{MARK_START} c {MARK_START}d{MARK_END} {MARK_START}e"
    assert list(marked_parts(text)) == [
        ("a ", False),
        ("b", False),
        (" c ", True),
        ("d", True),
        (" ", False),
        ("e", True),
    ]


@pytest.mark.parametrize(
    ("typed", "sent"),
    [
        ("\u201cstand for the leadership\u201d", '"stand for the leadership"'),
        ("Labour\u2019s future", '"Labour\'s" future'),
        ("Labour's OR Tory's", '"Labour\'s" OR "Tory\'s"'),
        ('"Labour\'s future"', '"Labour\'s future"'),
        ("  lead*  ", "lead*"),
    ],
)
def test_queries_are_normalised(typed: str, sent: str) -> None:
    assert normalise_query(typed) == sent


@pytest.mark.parametrize(
    ("typed", "sent"),
    [
        ("leader", "leader*"),  # six letters or more: longer words too (leadership)
        ("resign OR Rayner", "resign* OR Rayner*"),
        ("stand", "stand"),  # shorter words are whole words (and their stems)
        ('"will not be standing" leader', '"will not be standing" leader*'),  # phrases as written
        ("leader* NOT deputy", "leader* NOT deputy*"),
        ("NEAR(leader rayner, 5)", "NEAR(leader* rayner*, 5)"),
        ("text:leader", "text:leader*"),  # the column name as written
        ("covid19 AND budget", "covid19 AND budget*"),
    ],
)
def test_long_words_also_find_longer_forms(typed: str, sent: str) -> None:
    assert with_longer_forms(typed) == sent


def test_search_finds_the_forms_of_a_word(tmp_path: Path) -> None:
    archive = Archive(tmp_path / "watcher.db")
    texts = {
        "I stand for the leadership.": 1,
        "She resigned on Monday.": 2,
        "We will not be standing aside.": 3,
        "Not standing, we will be.": 4,
    }
    try:
        archive.sync_config([MP("Ian Lavery")], [NEWS])
        state = archive.source_state(NEWS)
        now = datetime(2024, 6, 3, tzinfo=UTC)
        findings = [
            Finding(Item(NEWS, f"k{n}", "t", text, f"https://x.example.org/{n}", now),
                    (Statement("Ian Lavery", "statement", text),), (), ())
            for text, n in texts.items()
        ]  # fmt: skip
        archive.record_poll(state, Validators(), findings, now, now)

        def found(query: str) -> set[int]:
            return {texts[hit.text] for hit in archive.search(query)}

        assert found("leader") == {1}
        assert found("resign") == found("resigns") == found("resignation") == {2}
        assert found("stand") == {1, 3, 4}
        assert found('"will not be standing"') == {3}  # a phrase is still its words in order
    finally:
        archive.close()


def archive_of(path: Path, texts: list[str]) -> Path:
    """An archive of Ian Lavery's statements `texts`, archived in that order."""
    archive = Archive(path)
    try:
        archive.sync_config([MP("Ian Lavery")], [NEWS])
        state = archive.source_state(NEWS)
        now = datetime(2024, 6, 3, tzinfo=UTC)
        findings = [
            Finding(Item(NEWS, f"k{n}", "t", text, f"https://x.example.org/{n}", now),
                    (Statement("Ian Lavery", "statement", text),), (), ())
            for n, text in enumerate(texts)
        ]  # fmt: skip
        archive.record_poll(state, Validators(), findings, now, now)
    finally:
        archive.close()
    return path


BEST_FIRST = [
    "Leadership, leadership, leadership.",
    "The leadership of the party matters.",
    "A word on the leadership among many other words said in the house today by the member.",
]


def test_best_match_sort_puts_the_best_first_however_old(tmp_path: Path) -> None:
    path = archive_of(tmp_path / "watcher.db", BEST_FIRST)  # the best match archived first
    with open_reader(path) as reader:
        found = reader.search(Filters(text="leadership", sort="relevance")).cards
    assert [card.text for card in found] == BEST_FIRST


def test_best_match_sort_ranks_only_the_latest_matches(tmp_path: Path) -> None:
    path = archive_of(tmp_path / "watcher.db", BEST_FIRST)
    with open_reader(path) as reader:
        bounded = Reader(reader.db, rank_limit=2)
        found = bounded.search(Filters(text="leadership", sort="relevance")).cards
    assert [card.text for card in found] == BEST_FIRST[1:]  # the oldest is not ranked


def test_an_edit_is_recorded_once_and_a_revert_again(tmp_path: Path) -> None:
    source = Source("Feed", "feed", "https://example.org/feed", 300.0)
    archive = Archive(tmp_path / "w.db")
    archive.sync_config([], [source])
    state = archive.source_state(source)
    t0 = datetime(2024, 6, 3, tzinfo=UTC)
    item = Item(source, "k1", "Title", "First text.", None, t0)
    archive.record_poll(state, Validators(), [Finding(item)], t0, t0)
    edited = Item(source, "k1", "Title", "Second text.", None, t0)
    assert archive.record_item_edits(state.id, [item], t0) == 0  # unchanged
    assert archive.record_item_edits(state.id, [edited], t0 + timedelta(hours=1)) == 1
    assert archive.record_item_edits(state.id, [edited], t0 + timedelta(hours=2)) == 0
    assert archive.record_item_edits(state.id, [item], t0 + timedelta(hours=3)) == 1  # reverted
    assert archive.record_page_removed(state.id, "HTTP 404", t0 + timedelta(hours=4)) == 1
    assert archive.record_page_removed(state.id, "HTTP 404", t0 + timedelta(hours=5)) == 0
    with open_reader(tmp_path / "w.db") as reader:
        versions = reader.item_versions(1)
    assert [(v.status, v.text) for v in versions] == [
        ("changed", "Second text."),
        ("changed", "First text."),
        ("removed", None),
    ]
    archive.close()


def test_edits_are_noticed_by_a_later_poll(newsroom: Newsroom) -> None:
    with open_reader(newsroom.config.archive_path) as reader:
        page = reader.statement(newsroom.statement_id(EDITED))
    assert page is not None
    assert page.item_text == EDITED
    assert [v.status for v in page.versions] == ["changed"]


def test_migration_fills_the_time_of_statements_already_archived(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    db = sqlite_utils.Database(path)
    for migration in MIGRATIONS[:3]:
        migration(db)
    db.execute("PRAGMA user_version = 3")
    with db.conn:
        db.execute("INSERT INTO mps (id, name) VALUES (1, 'A')")
        db.execute(
            "INSERT INTO sources (id, url, name, kind, interval_s) VALUES (1, 'u', 'n', 'feed', 1)"
        )
        db.execute(
            "INSERT INTO items (id, source_id, key, published_at, first_seen_at)"
            " VALUES (1, 1, 'k', '2024-01-02T00:00:00+00:00', '2024-01-03T00:00:00+00:00')"
        )
        for said_at in ("2024-01-01T00:00:00+00:00", None):
            db.execute(
                "INSERT INTO statements (item_id, mp_id, kind, text, said_at, confidence,"
                " fingerprint, created_at) VALUES (1, 1, 'statement', 'x', ?, 1, ?, ?)",
                [said_at, str(said_at), "2024-01-03T00:00:00+00:00"],
            )
    db.close()
    Archive(path).close()
    with sqlite3.connect(path) as conn:
        times = [r[0] for r in conn.execute("SELECT timeline_at FROM statements ORDER BY id")]
    assert times == ["2024-01-01T00:00:00+00:00", "2024-01-02T00:00:00+00:00"]
