"""The counts beside a search's results (`Reader.summary`), counted by SQLite, against a plain
Python count of the same archive: several MPs and parties, every kind, three sources, a month
of dates, posts with two events (one card), reports archived late, and caps small enough that
only the newest matches are counted."""

from __future__ import annotations

import random
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta
from itertools import pairwise
from pathlib import Path
from typing import Any

import pytest

from watcher.archive import Archive
from watcher.archive.counts import Count
from watcher.archive.matcher import normalise_query, with_longer_forms
from watcher.archive.search import Filters, Reader, Summary, open_reader
from watcher.kinds import KINDS
from watcher.models import MP, Finding, Item, Source, Statement, Validators
from watcher.timefmt import from_iso

pytestmark = pytest.mark.timeout(60)

MPS = [
    MP("Ian Lavery", party="Labour"),
    MP("Angela Rayner", ("Ange",), party="Labour"),
    MP("Kemi Badenoch", party="Conservative"),
    MP("Claire Hanna"),  # no party: counted by MP, never by party
]
SOURCES = [
    Source(f"News {n}", "feed", f"https://news{n}.example.org/rss", 300.0) for n in (1, 2, 3)
]
WORDS = ["leadership", "housing", "the", "budget", "members", "railways", "deputy"]
START = datetime(2026, 11, 1, tzinfo=UTC)

SEARCHES = [
    Filters(),
    Filters(text="leadership"),
    Filters(text="the"),
    Filters(text="lead* NOT deputy"),
    Filters(text='"the budget"'),
    Filters(mp="Ange"),
    Filters(party="Labour"),
    Filters(kind="endorsement"),
    Filters(source_id=2),
    Filters(text="housing", mp="Ian Lavery", kind="statement"),
    Filters(text="the", party="Labour", kind="statement", source_id=1),
    Filters(mp="Kemi Badenoch", party="Labour"),  # nothing matches both
    Filters(since=START + timedelta(days=5), until=START + timedelta(days=12)),
    Filters(text="members", party="Conservative", since=START + timedelta(days=10)),
    Filters(text="railways", sort="relevance"),
    Filters(text="leadership", status="new"),
    Filters(text="zebra"),
]


@dataclass(frozen=True)
class Row:
    """A statement as the counts see it."""

    id: int
    card: int
    mp_id: int
    mp: str
    party: str | None
    kind: str
    source_id: int
    time: str


@pytest.fixture(scope="module")
def archive_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_archive(tmp_path_factory.mktemp("counts") / "watcher.db")


def build_archive(path: Path) -> Path:
    """160 items over a month, archived in a shuffled order (so some arrive late), each with
    one or two statements; two statements of an item in the same words are one card."""
    rng = random.Random(15)
    items = [_item(rng, n) for n in range(160)]
    rng.shuffle(items)
    archive = Archive(path)
    try:
        archive.sync_config(MPS, SOURCES)
        for item, statements in items:
            state = archive.source_state(item.source)
            now = START + timedelta(days=40)
            archive.record_poll(state, Validators(), [Finding(item, statements)], now, now)
    finally:
        archive.close()
    return path


def _item(rng: random.Random, n: int) -> tuple[Item, tuple[Statement, ...]]:
    when = START + timedelta(hours=rng.randint(0, 30 * 24))
    text = " ".join(rng.choices(WORDS, k=6)).capitalize() + f" number {n}."
    first = Statement(rng.choice(MPS).name, rng.choice(KINDS), text, said_at=when)
    statements = [first]
    if rng.random() < 0.3:  # a second event in the same words: the same card
        statements.append(replace(first, kind=rng.choice(KINDS), target="Ian Lavery"))
    elif rng.random() < 0.3:  # another MP's words in the item: a card of its own
        other = f"{rng.choice(WORDS).capitalize()} and the rest, number {n}."
        statements.append(Statement(rng.choice(MPS).name, "statement", other, said_at=when))
    item = Item(rng.choice(SOURCES), f"k{n}", f"Item {n}", text, None, when)
    return item, tuple(statements)


def every_row(path: Path) -> list[Row]:
    sql = (
        "SELECT s.id, s.card_id, s.mp_id, m.name, m.party, s.kind, i.source_id, s.timeline_at"
        " FROM statements s JOIN items i ON i.id = s.item_id JOIN mps m ON m.id = s.mp_id"
    )
    with sqlite3.connect(path) as conn:
        return [Row(*r) for r in conn.execute(sql)]


def matching(reader: Reader, rows: list[Row], filters: Filters) -> list[Row]:
    """The rows `filters` finds, newest first, checked one by one in Python (the words by
    FTS5's own match, as the search defines them)."""
    found = [row for row in rows if _passes(reader, row, filters)]
    if filters.text:
        query = with_longer_forms(normalise_query(filters.text))
        sql = "SELECT rowid FROM statements_fts WHERE statements_fts MATCH ?"
        ids = {r[0] for r in reader.db.execute(sql, [query])}
        found = [row for row in found if row.id in ids]
    return sorted(found, key=lambda row: (row.time, row.id), reverse=True)


def without(filters: Filters, facet: str) -> Filters:
    unset: dict[str, Any] = {facet: None}
    return replace(filters, **unset)


def when(text: str) -> datetime:
    moment = from_iso(text)
    assert moment is not None
    return moment


def _passes(reader: Reader, row: Row, filters: Filters) -> bool:
    said = when(row.time)
    return (
        (filters.mp is None or row.mp_id in reader.mp_ids(filters.mp))
        and filters.party in (None, row.party)
        and filters.kind in (None, row.kind)
        and filters.source_id in (None, row.source_id)
        and (filters.since is None or said >= filters.since)
        and (filters.until is None or said <= filters.until)
    )


def counted_by_python(reader: Reader, rows: list[Row], filters: Filters, limit: int) -> Summary:
    """The summary, counted in Python: the newest `limit` matches, cards once each, every
    filter's counts for the search without that filter."""
    found = matching(reader, rows, filters)
    counted = found[:limit]

    def by(facet: str, value_of: str) -> tuple[Count, ...]:
        widened = matching(reader, rows, without(filters, facet))[:limit]
        cards: dict[str, set[int]] = {}
        for row in widened:
            value = getattr(row, value_of)
            if value is not None:
                cards.setdefault(str(value), set()).add(row.card)
        ranked = sorted(cards.items(), key=lambda item: (-len(item[1]), item[0]))
        return tuple(Count(value, len(keys)) for value, keys in ranked)

    newest_of_card: dict[int, str] = {}
    for row in counted:
        newest_of_card.setdefault(row.card, row.time)
    return Summary(
        total=len(newest_of_card),
        more=len(found) > limit,
        mps=by("mp", "mp"),
        parties=by("party", "party"),
        kinds=by("kind", "kind"),
        sources=by("source_id", "source_id"),
        times=tuple(when(t) for t in newest_of_card.values()),
    )


@pytest.fixture(scope="module")
def reader(archive_path: Path) -> Iterator[Reader]:
    with open_reader(archive_path) as opened:
        yield opened


def test_the_archive_has_what_the_counts_need(archive_path: Path) -> None:
    rows = every_row(archive_path)
    assert len({row.card for row in rows}) < len(rows)  # some cards of two rows
    assert len({row.kind for row in rows}) == len(KINDS)
    assert {row.party for row in rows} == {"Labour", "Conservative", None}
    assert any(a.id < b.id and a.time > b.time for a, b in pairwise(rows))


@pytest.mark.parametrize("limit", [7, 40, 120, 10_000])
@pytest.mark.parametrize("many_matches", [0, 10**6])  # every plan: by arrival, probing, sorting
@pytest.mark.parametrize("filters", SEARCHES)
def test_counts_are_those_of_a_plain_count(
    reader: Reader, archive_path: Path, filters: Filters, many_matches: int, limit: int
) -> None:
    counting = Reader(reader.db, many_matches=many_matches, count_limit=limit)
    expected = counted_by_python(reader, every_row(archive_path), filters, limit)
    assert counting.summary(filters) == expected


def test_the_cap_counts_only_the_newest(reader: Reader) -> None:
    capped = Reader(reader.db, count_limit=7).summary(Filters(text="the"))
    assert capped.more
    assert capped.total <= 7
    everything = reader.summary(Filters(text="the"))
    assert not everything.more
    assert capped.times == everything.times[: len(capped.times)]
