"""Reading the archive for people: search, one statement with its story, an MP, the sources.

Every query here only reads. The web page opens a `Reader` per request on a read-only
connection, so it never blocks the daemon's writes (the archive is in WAL mode).

Search is built for a million statements: the page of statement ids is found first, with a
plan chosen by how many statements the words match, and only then are the ~20 cards of the
page read in full and highlighted. Pages are never counted in full: a page asks for one row
more than it shows to know whether there is a next one. The counts beside the results
(`Reader.summary`) are of the newest COUNT_LIMIT matches at most, read with their count
columns by the query that finds them and counted by card (`counts.py`). A best-match sort
ranks the RANK_LIMIT latest archived matches at most: ranking costs a few microseconds a
match, and the newsroom wants the best of recent matches, not of five years' worth of a
common word.

One statement may be archived as several rows: a post carrying two events (a bid and an
endorsement in the same words) is a row per event, and each outlet that reports it adds its own
rows, joined into a story. A grouped search shows them as one card: its key
(`_CARD_KEY`) is the first statement of the stories that the rows of its words in its item
belong to.
"""

from __future__ import annotations

import json
import re
import sqlite3
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, replace
from datetime import datetime
from operator import itemgetter
from pathlib import Path
from typing import Any, Literal

import sqlite_utils

from watcher.archive.contests import contest_statements
from watcher.archive.counts import (
    FACETS,
    ID,
    KIND,
    MATCH_COLUMNS,
    MP_ID,
    SOURCE_ID,
    TIME,
    Count,
    MatchRow,
    Member,
    card_times,
    cards_by,
)
from watcher.archive.matcher import (
    marked_snippets,
    normalise_query,
    query_help,
    with_longer_forms,
)
from watcher.archive.reports import reports_of
from watcher.contests import ContestStatement
from watcher.errors import SearchError
from watcher.models import Outlet, Report, shown_health
from watcher.timefmt import from_iso, to_iso

MARK_START = "\x02"  # around the matched words in `Report.marked`; see `marked_parts`
MARK_END = "\x03"
MANY_MATCHES = 2000  # above this many matches, newest-first is not found by sorting them all
LATE_LIMIT = 500  # statements archived before a page but dated after it, read at most
LATE_REACH = 20_000  # and at most this many statements back
COUNT_LIMIT = 10_000  # matches counted for the results and their filters' values
SPARE_SHARE = 0.02  # and a fiftieth more read by arrival, so a late report rarely costs a query
RANK_LIMIT = 5000  # matches ranked for a best-match sort at most: the latest archived

Sort = Literal["time", "relevance"]


@dataclass(frozen=True)
class Filters:
    """One search: the words (FTS5 syntax, may be empty) and the filters on them."""

    text: str = ""
    mp: str | None = None  # a name or alias, any case
    party: str | None = None
    kind: str | None = None
    source_id: int | None = None
    since: datetime | None = None
    until: datetime | None = None
    sort: Sort = "time"
    status: str | None = None  # the desk's: new, verified, used or dismissed


@dataclass(frozen=True)
class Summary:
    """How many statements a search finds, by each filter's values and over time.

    Counts are of statements as shown (one per card), over the newest COUNT_LIMIT matches:
    `more` says there are more matches than that. Each filter's counts are for the search
    without that filter, so they say what choosing another value would find."""

    total: int
    more: bool
    mps: tuple[Count, ...]
    parties: tuple[Count, ...]
    kinds: tuple[Count, ...]
    sources: tuple[Count, ...]
    times: tuple[datetime, ...]  # each statement's time, for the chart


@dataclass(frozen=True)
class ResultPage:
    cards: tuple[Report, ...]
    page: int
    per_page: int
    has_next: bool


@dataclass(frozen=True)
class Sighting:
    """One statement of a story: where and when it was seen."""

    statement_id: int
    source: str
    title: str
    url: str | None
    published_at: datetime | None
    first_seen_at: datetime | None
    alerted_at: datetime | None


@dataclass(frozen=True)
class ItemVersion:
    """What a later poll saw of an archived item: new text, or the item gone."""

    seen_at: datetime
    status: Literal["changed", "removed"]
    title: str | None
    text: str | None
    detail: str | None


@dataclass(frozen=True)
class StatementPage:
    card: Report
    said_at_text: str | None
    confidence: float
    item_id: int
    item_text: str  # as first seen
    sightings: tuple[Sighting, ...]
    alerted_at: datetime | None  # the story's first alert
    versions: tuple[ItemVersion, ...]


@dataclass(frozen=True)
class MPProfile:
    id: int
    name: str
    party: str | None
    constituency: str | None
    aliases: tuple[str, ...]


@dataclass(frozen=True)
class SourceRow:
    """A source and its health, as `watcher sources` and the sources page show it."""

    id: int | None  # None: in the config, not yet in the archive
    name: str
    url: str
    kind: str
    mp: str | None
    health: str
    health_since: datetime | None
    health_detail: str | None
    last_status: str | None
    last_polled_at: datetime | None
    last_success_at: datetime | None
    last_error: str | None
    consecutive_failures: int
    next_check_at: datetime | None
    items: int  # archived from it


@contextmanager
def open_reader(path: Path) -> Iterator[Reader]:
    """A reader on its own read-only connection; the archive must exist."""
    conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, timeout=10)
    try:
        yield Reader(sqlite_utils.Database(conn))
    finally:
        conn.close()


class Reader:
    def __init__(
        self,
        db: sqlite_utils.Database,
        many_matches: int = MANY_MATCHES,
        rank_limit: int = RANK_LIMIT,
        count_limit: int = COUNT_LIMIT,
    ) -> None:
        self.db = db
        self.many_matches = many_matches
        self.rank_limit = rank_limit
        self.count_limit = count_limit

    # --- search -------------------------------------------------------------------------

    def search(
        self, filters: Filters, *, page: int = 1, per_page: int = 20, grouped: bool = False
    ) -> ResultPage:
        """One page of statements matching `filters`; `grouped`, one card per statement with
        its kinds and the other outlets that reported it. Raises SearchError for bad syntax."""
        text = with_longer_forms(normalise_query(filters.text))
        wanted = per_page + 1
        offset = (page - 1) * per_page
        with _explained(filters.text):
            if grouped:
                ids = self._grouped_page_ids(replace(filters, text=text), wanted, offset)
                cards = self.grouped_cards(ids, text)
            else:
                ids = self._page_ids(replace(filters, text=text), wanted, offset)
                cards = self.cards(ids, text)
        return ResultPage(tuple(cards[:per_page]), page, per_page, len(cards) > per_page)

    def _grouped_page_ids(self, filters: Filters, limit: int, offset: int) -> list[int]:
        """A statement for each of the cards `offset` to `offset + limit`, in order: the first
        archived of its matches that were read (the MP's own post before the reports of it)."""
        need = offset + limit
        fetch = need
        while True:
            ids = self._page_ids(filters, fetch, 0)
            keys = self._card_keys(ids)
            firsts = _first_of_each(ids, keys)
            if len(firsts) >= need or len(ids) < fetch:
                earliest: dict[int, int] = {}
                for statement_id in ids:
                    key = keys.get(statement_id, statement_id)
                    earliest[key] = min(earliest.get(key, statement_id), statement_id)
                return [earliest[keys.get(i, i)] for i in firsts[offset:need]]
            fetch *= 2

    def _card_keys(self, ids: Sequence[int]) -> dict[int, int]:
        sql = f"SELECT s.id, {_CARD_KEY} FROM statements s WHERE s.id IN {_IDS}"  # noqa: S608
        return dict(self.db.execute(sql, [json.dumps(list(ids))]).fetchall())

    def grouped_cards(self, ids: Sequence[int], query: str = "") -> list[Report]:
        """The statements `ids` as cards, each with every kind it carries and the other
        outlets that reported it."""
        cards = self.cards(ids, query)
        members: dict[int, list[dict[str, Any]]] = {card.statement_id: [] for card in cards}
        for row in self.db.query(
            _MEMBERS, {"ids": json.dumps([card.statement_id for card in cards])}
        ):
            members[row["shown"]].append(row)
        return [_with_members(card, members[card.statement_id]) for card in cards]

    def summary(self, filters: Filters) -> Summary:
        """How many statements (as cards) match, by filter value and over time."""
        text = with_longer_forms(normalise_query(filters.text))
        searched = replace(filters, text=text, sort="time")
        with _explained(filters.text):
            widened = {
                facet: self._matching(_without(searched, facet))
                for facet in FACETS
                if getattr(searched, facet) is not None
            }
            rows = self._narrowed(searched, widened)
            if rows is None:
                rows = self._matching(searched)
        mps = self._members()
        limit = self.count_limit
        counts = {facet: cards_by(facet, widened.get(facet, rows)[:limit], mps) for facet in FACETS}
        times = card_times(rows[:limit])
        return Summary(
            total=len(times),
            more=len(rows) > limit,
            mps=counts["mp"],
            parties=counts["party"],
            kinds=counts["kind"],
            sources=counts["source_id"],
            times=tuple(map(_when, times)),
        )

    def _narrowed(
        self, filters: Filters, widened: dict[str, list[MatchRow]]
    ) -> list[MatchRow] | None:
        """The matches of `filters`, picked from those of the search without one of its
        filters when that search read all its matches; None when none did."""
        for facet, rows in widened.items():
            if len(rows) <= self.count_limit:
                column, wanted = self._wanted(filters, facet)
                return [row for row in rows if row[column] in wanted]
        return None

    def _wanted(self, filters: Filters, facet: str) -> tuple[int, set[object]]:
        """Where a row holds the value of `facet`, and the values `filters` asks of it."""
        if facet == "mp":
            assert filters.mp is not None
            return MP_ID, set(self.mp_ids(filters.mp))
        if facet == "party":
            members = self._members().items()
            return MP_ID, {mp_id for mp_id, mp in members if mp.party == filters.party}
        if facet == "kind":
            return KIND, {filters.kind}
        return SOURCE_ID, {filters.source_id}

    def _members(self) -> dict[int, Member]:
        return {r[0]: Member(r[1], r[2]) for r in self.db.execute(_MP_NAMES)}

    def _matching(self, filters: Filters) -> list[MatchRow]:
        """The newest `count_limit` + 1 matches of `filters` (`MATCH_COLUMNS`), newest first,
        found and read by one query (two or three when the plan reads by arrival)."""
        limit = self.count_limit + 1
        where, params = self._conditions(filters)
        params["query"] = filters.text
        if not filters.text:
            return self._rows(_ALL, where, params, limit)
        if not self._matches_many(filters.text):
            return self._rows(_MATCHES, where, params, limit)
        if _arrival_order_helps(filters):
            rows = self._newest_by_arrival(where, params, limit, spare=int(limit * SPARE_SHARE))
            if rows is not None:
                return rows
        return self._rows(_PROBE, where, params, limit)

    def _rows(self, start: str, where: str, params: dict[str, Any], limit: int) -> list[MatchRow]:
        """The newest `limit` matches (`MATCH_COLUMNS`) as a page of results finds them,
        newest first.

        A plan that walks an index in time order reads each match's row as it finds it. One
        that sorts (a party's MPs, a source's items: an index in another order) would read
        the row of every candidate before sorting, back and forth across the file; its ids
        are found first, and only the newest rows read, in the order they are stored.
        """
        # `start` and `where` are fixed fragments; every value is a parameter.
        found = f"FROM {start} {where} ORDER BY {_NEWEST} LIMIT :limit"
        values = {**params, "limit": limit}
        if self._sorts(f"SELECT s.id {found}", values):
            sql = f"SELECT {MATCH_COLUMNS} FROM statements s WHERE s.id IN (SELECT s.id {found})"  # noqa: S608
            return _newest_first(self.db.execute(sql, values).fetchall())
        return self.db.execute(f"SELECT {MATCH_COLUMNS} {found}", values).fetchall()

    def _sorts(self, sql: str, params: dict[str, Any]) -> bool:
        """Whether SQLite's plan for `sql` sorts its rows for its ORDER BY."""
        plan = self.db.execute(f"EXPLAIN QUERY PLAN {sql}", params).fetchall()
        return any("FOR ORDER BY" in step[-1] for step in plan)

    def _page_ids(self, filters: Filters, limit: int, offset: int) -> list[int]:
        where, params = self._conditions(filters)
        params["query"] = filters.text
        if filters.text and filters.sort == "relevance":
            return self._best_matches(where, params, limit, offset)
        if not filters.text:
            return self._ids(_ALL, where, _NEWEST, params, limit, offset)
        if not self._matches_many(filters.text):
            return self._ids(_MATCHES, where, _NEWEST, params, limit, offset)
        if _arrival_order_helps(filters):
            rows = self._newest_by_arrival(where, params, offset + limit)
            if rows is not None:
                return [row[ID] for row in rows[offset:]]
        return self._ids(_PROBE, where, _NEWEST, params, limit, offset)

    def _ids(
        self, start: str, where: str, order: str, params: dict[str, Any], limit: int, offset: int
    ) -> list[int]:
        # `start`, `where` and `order` are fixed fragments; every value is a parameter.
        sql = f"SELECT s.id FROM {start} {where} ORDER BY {order} LIMIT :limit OFFSET :offset"  # noqa: S608
        return [
            row[0] for row in self.db.execute(sql, {**params, "limit": limit, "offset": offset})
        ]

    def _best_matches(
        self, where: str, params: dict[str, Any], limit: int, offset: int
    ) -> list[int]:
        """Matches by relevance (FTS5's bm25 rank), the best first, among the `rank_limit`
        latest archived: FTS5 gives its matches latest first at no cost, and only those are
        ranked."""
        sql = (
            f"SELECT id FROM (SELECT s.id, f.rank AS score FROM {_MATCHES} {where}"  # noqa: S608
            " ORDER BY f.rowid DESC LIMIT :cap)"
            " ORDER BY score, id DESC LIMIT :limit OFFSET :offset"
        )
        bounds = {"cap": self.rank_limit, "limit": limit, "offset": offset}
        return [row[0] for row in self.db.execute(sql, {**params, **bounds})]

    def _newest_by_arrival(
        self, where: str, params: dict[str, Any], need: int, spare: int = 0
    ) -> list[MatchRow] | None:
        """The `need` newest matches (`MATCH_COLUMNS`), newest first, read from the most
        recently archived backwards.

        Statements arrive roughly in the order of their time, so this stops after `need`
        matches (and `spare` more, to make a second query rarer), however many statements
        match. Those archived earlier but dated later than the last of the page (a late
        report, a clock's jitter) are looked for and read too; when they reach too far back
        this returns None, and another plan is used.
        """
        rows = _newest_first(self._arrivals(where, params, need + spare))
        if len(rows) < need + spare:  # every match read
            return rows[:need]
        earliest = min(row[ID] for row in rows)
        sql = (
            f"SELECT s.id FROM statements s WHERE s.id < :before AND s.timeline_at > :after"  # noqa: S608
            f" {where} LIMIT :cap"
        )
        last = rows[need - 1][TIME]
        late_params = {**params, "before": earliest, "after": last, "cap": LATE_LIMIT}
        late = [row[0] for row in self.db.execute(sql, late_params)]
        if not late:
            return rows[:need]
        if len(late) >= LATE_LIMIT or earliest - min(late) > LATE_REACH:
            return None
        rows += self._arrivals(where, params, -1, since_id=min(late), before_id=earliest)
        return _newest_first(rows)[:need]

    def _arrivals(
        self,
        where: str,
        params: dict[str, Any],
        limit: int,
        since_id: int = 0,
        before_id: int = 2**63 - 1,
    ) -> list[MatchRow]:
        """Matches archived in [since_id, before_id) (`MATCH_COLUMNS`), the latest first."""
        sql = (
            f"SELECT {MATCH_COLUMNS} FROM {_MATCHES} AND f.rowid >= :since_id"  # noqa: S608
            f" AND f.rowid < :before_id {where} ORDER BY f.rowid DESC LIMIT :limit"
        )
        bounds = {"since_id": since_id, "before_id": before_id, "limit": limit}
        return self.db.execute(sql, {**params, **bounds}).fetchall()

    def _matches_many(self, query: str) -> bool:
        sql = (
            "SELECT count(*) FROM (SELECT 1 FROM statements_fts WHERE statements_fts MATCH ?"
            " LIMIT ?)"
        )
        count: int = self.db.execute(sql, [query, self.many_matches + 1]).fetchone()[0]
        return count > self.many_matches

    def _conditions(self, filters: Filters) -> tuple[str, dict[str, Any]]:
        parts: list[str] = []
        params: dict[str, Any] = {}
        if filters.mp is not None:
            ids = self.mp_ids(filters.mp)
            if len(ids) == 1:  # one MP: the (mp_id, timeline_at) index gives the order
                parts.append("s.mp_id = :mp_id")
                params["mp_id"] = ids[0]
            else:
                parts.append("s.mp_id IN (SELECT value FROM json_each(:mp_ids))")
                params["mp_ids"] = json.dumps(ids)
        if filters.party is not None:
            parts.append("s.mp_id IN (SELECT id FROM mps WHERE party = :party)")
            params["party"] = filters.party
        if filters.kind is not None:
            parts.append("s.kind = :kind")
            params["kind"] = filters.kind
        if filters.source_id is not None:
            parts.append("s.item_id IN (SELECT id FROM items WHERE source_id = :source_id)")
            params["source_id"] = filters.source_id
        if filters.status is not None:
            parts.append("s.status = :status")
            params["status"] = filters.status
        if filters.since is not None:
            parts.append("s.timeline_at >= :since")
            params["since"] = to_iso(filters.since)
        if filters.until is not None:
            parts.append("s.timeline_at <= :until")
            params["until"] = to_iso(filters.until)
        return "".join(f" AND {p}" for p in parts), params

    def cards(self, ids: Sequence[int], query: str = "") -> list[Report]:
        """The statements `ids`, in that order, with the matches of `query` marked."""
        by_id = reports_of(self.db, ids)
        texts = {i: by_id[i].text for i in ids if i in by_id}
        marked = marked_snippets(texts, query, MARK_START, MARK_END) if query else {}
        return [
            replace(by_id[i], marked=marked[i]) if i in marked else by_id[i]
            for i in ids
            if i in by_id
        ]

    def mp_ids(self, name: str) -> list[int]:
        """The MPs called `name` or with it as an alias, ignoring case in any alphabet."""
        wanted = name.strip().casefold()
        return [
            row["id"]
            for row in self.db.query("SELECT id, name, aliases FROM mps")
            if wanted in {n.casefold() for n in [row["name"], *json.loads(row["aliases"])]}
        ]

    # --- one statement ------------------------------------------------------------------

    def statement(self, statement_id: int) -> StatementPage | None:
        row = _first(
            self.db.query(
                "SELECT s.item_id, s.said_at_text, s.confidence, s.story_id,"
                " i.text AS item_text FROM statements s"
                " JOIN items i ON i.id = s.item_id WHERE s.id = ?",
                [statement_id],
            )
        )
        if row is None:
            return None
        (card,) = self.cards([statement_id])
        sightings = self._sightings(statement_id, row["story_id"])
        return StatementPage(
            card=card,
            said_at_text=row["said_at_text"],
            confidence=row["confidence"],
            item_id=row["item_id"],
            item_text=row["item_text"],
            sightings=sightings,
            alerted_at=self._story_alerted_at(sightings, row["story_id"]),
            versions=self.item_versions(row["item_id"]),
        )

    def _sightings(self, statement_id: int, story_id: int | None) -> tuple[Sighting, ...]:
        rows = self.db.query(
            """
            SELECT s.id, src.name AS source, i.title, i.url, i.published_at, i.first_seen_at,
                   (SELECT min(o.sent_at) FROM outbox_statements os
                    JOIN outbox o ON o.id = os.outbox_id
                    WHERE os.statement_id = s.id) AS alerted_at
            FROM statements s JOIN items i ON i.id = s.item_id
            JOIN sources src ON src.id = i.source_id
            WHERE s.id = :id OR (:story IS NOT NULL AND s.story_id = :story)
            ORDER BY i.first_seen_at, s.id
            """,
            {"id": statement_id, "story": story_id},
        )
        return tuple(
            Sighting(
                statement_id=r["id"],
                source=r["source"],
                title=r["title"],
                url=r["url"],
                published_at=from_iso(r["published_at"]),
                first_seen_at=from_iso(r["first_seen_at"]),
                alerted_at=from_iso(r["alerted_at"]),
            )
            for r in rows
        )

    def _story_alerted_at(
        self, sightings: Sequence[Sighting], story_id: int | None
    ) -> datetime | None:
        """The first alert sent about the story: for any of its sightings, or for the story."""
        linked = [s.alerted_at for s in sightings if s.alerted_at is not None]
        row = self.db.execute(
            "SELECT min(sent_at) FROM outbox WHERE story_id = ?", [story_id]
        ).fetchone()
        return min([*linked, *filter(None, [from_iso(row[0])])], default=None)

    def item_versions(self, item_id: int) -> tuple[ItemVersion, ...]:
        rows = self.db.query(
            "SELECT seen_at, status, title, text, detail FROM item_versions"
            " WHERE item_id = ? ORDER BY id",
            [item_id],
        )
        return tuple(
            ItemVersion(
                seen_at=_when(r["seen_at"]),
                status=r["status"],
                title=r["title"],
                text=r["text"],
                detail=r["detail"],
            )
            for r in rows
        )

    # --- contests -----------------------------------------------------------------------

    def contest_statements(
        self, since: datetime | None, until: datetime | None
    ) -> list[ContestStatement]:
        """Bids, withdrawals and endorsements dated in [since, until), oldest first."""
        return contest_statements(self.db, since, until)

    # --- MPs and sources ----------------------------------------------------------------

    def mp(self, name: str) -> MPProfile | None:
        ids = self.mp_ids(name)
        if not ids:
            return None
        row = _first(self.db.query("SELECT * FROM mps WHERE id = ?", [ids[0]]))
        assert row is not None
        return MPProfile(
            id=row["id"],
            name=row["name"],
            party=row["party"],
            constituency=row["constituency"],
            aliases=tuple(json.loads(row["aliases"])),
        )

    def endorsements_received(self, mp: MPProfile, limit: int = 50) -> list[Report]:
        """Endorsements whose target names this MP, one per endorser (their latest story, as
        first seen: a post and the news reports of it are one), newest first."""
        names = json.dumps([mp.name, *mp.aliases])
        rows = self.db.execute(
            # the (kind, target) index: the time index would read every endorsement
            "SELECT id, mp_id, story_id FROM statements INDEXED BY statements_kind_target"
            " WHERE kind = 'endorsement' AND target IN (SELECT value FROM json_each(?))"
            " ORDER BY timeline_at DESC, id DESC",
            [names],
        ).fetchall()
        first_sighting: dict[int, int] = {}
        for statement_id, _, story_id in rows:
            key = story_id if story_id is not None else -statement_id
            first_sighting[key] = min(first_sighting.get(key, statement_id), statement_id)
        latest: dict[int, int] = {}
        for statement_id, mp_id, story_id in rows:
            key = story_id if story_id is not None else -statement_id
            latest.setdefault(mp_id, first_sighting[key])
        return self.cards(list(latest.values())[:limit])

    def mps_with_statements(self) -> list[MPProfile]:
        rows = self.db.query(
            "SELECT * FROM mps m WHERE EXISTS (SELECT 1 FROM statements WHERE mp_id = m.id)"
            " ORDER BY name"
        )
        return [MPProfile(r["id"], r["name"], r["party"], r["constituency"], ()) for r in rows]

    def parties(self) -> list[str]:
        rows = self.db.execute(
            "SELECT DISTINCT party FROM mps WHERE party IS NOT NULL ORDER BY party"
        )
        return [r[0] for r in rows]

    def any_source_worked(self) -> bool:
        """Whether a poll of any source has ever worked."""
        sql = "SELECT EXISTS (SELECT 1 FROM sources WHERE last_success_at IS NOT NULL)"
        return bool(self.db.execute(sql).fetchone()[0])

    def sources(self, mp_id: int | None = None) -> list[SourceRow]:
        """Every source (or one MP's), failing ones first."""
        rows = self.db.query(
            "SELECT src.*, m.name AS mp,"
            " (SELECT count(*) FROM items WHERE source_id = src.id) AS items"
            " FROM sources src LEFT JOIN mps m ON m.id = src.mp_id"
            " WHERE :mp_id IS NULL OR src.mp_id = :mp_id"
            " ORDER BY src.consecutive_failures = 0, src.name",
            {"mp_id": mp_id},
        )
        return [_source_row(r) for r in rows]


def marked_parts(marked: str) -> Iterator[tuple[str, bool]]:
    """The pieces of a marked text, each with whether it is a match. Stray marks in the text
    itself can only start or end a match: nothing in the text becomes markup."""
    inside = False
    for piece in re.split(f"([{MARK_START}{MARK_END}])", marked):
        if piece == MARK_START:
            inside = True
        elif piece == MARK_END:
            inside = False
        elif piece:
            yield piece, inside


@contextmanager
def _explained(query: str) -> Iterator[None]:
    """FTS5's complaint about a query, turned into a SearchError saying how to write one."""
    try:
        yield
    except sqlite3.OperationalError as exc:
        if not _is_query_error(exc):
            raise
        raise SearchError(query_help(query, str(exc))) from None


def _without(filters: Filters, facet: str) -> Filters:
    """The search without one of its filters."""
    unset: dict[str, Any] = {facet: None}
    return replace(filters, **unset)


def _first_of_each(ids: Sequence[int], keys: dict[int, int]) -> list[int]:
    """The first of `ids` for each card key, in order."""
    seen: set[int] = set()
    firsts = []
    for statement_id in ids:
        key = keys.get(statement_id, statement_id)
        if key not in seen:
            seen.add(key)
            firsts.append(statement_id)
    return firsts


def _with_members(card: Report, members: Sequence[dict[str, Any]]) -> Report:
    kinds = [card.kind, *(m["kind"] for m in members)]
    outlets: dict[str, Outlet] = {}
    for m in members:
        if m["source"] != card.source and m["source"] not in outlets:
            outlets[m["source"]] = Outlet(m["source"], m["id"], m["url"])
    return replace(card, kinds=tuple(dict.fromkeys(kinds)), also=tuple(outlets.values()))


_IDS = "(SELECT value FROM json_each(?))"
_MP_NAMES = "SELECT id, name, party FROM mps"

# A statement's card: the first statement of the stories of its words in its item (a post with
# a bid and an endorsement in the same words is one card; so is each outlet's report of it),
# stored with each row and kept by the archive's triggers (schema.py, `_m016_card_keys`).
_CARD_KEY = "s.card_id"

# Every row of the statements `:ids`: the rows of their words in their items, the stories
# those belong to, and the rows of those stories' words in their items; first seen first.
_MEMBERS = """
WITH shown(id) AS (SELECT value FROM json_each(:ids)),
words(shown, id, story_id) AS (
    SELECT sh.id, t.id, t.story_id FROM shown sh JOIN statements s ON s.id = sh.id
    JOIN statements t ON t.item_id = s.item_id AND t.text = s.text),
stories(shown, id) AS (
    SELECT shown, id FROM words
    UNION SELECT w.shown, m.id FROM words w JOIN statements m ON m.story_id = w.story_id),
members(shown, id) AS (
    SELECT st.shown, t.id FROM stories st JOIN statements s ON s.id = st.id
    JOIN statements t ON t.item_id = s.item_id AND t.text = s.text)
SELECT DISTINCT mb.shown, t.id, t.kind, src.name AS source, i.url, i.first_seen_at
FROM members mb JOIN statements t ON t.id = mb.id JOIN items i ON i.id = t.item_id
JOIN sources src ON src.id = i.source_id
WHERE t.id != mb.shown
ORDER BY i.first_seen_at, t.id
"""


def _is_query_error(exc: sqlite3.OperationalError) -> bool:
    message = str(exc)
    known = ("fts5:", "no such column", "unknown special query", "unterminated string")
    return message.startswith(known) or "malformed MATCH" in message


_MATCH = "WHERE statements_fts MATCH :query"
_MATCHES = f"statements_fts f JOIN statements s ON s.id = f.rowid {_MATCH}"
_ALL = "statements s WHERE 1"
_NEWEST = "s.timeline_at DESC, s.id DESC"
# Along the time index, probing the set of matches; the unary + keeps SQLite from driving the
# query from that (large) set and sorting it all.
_PROBE = f"{_ALL} AND +s.id IN (SELECT rowid FROM statements_fts {_MATCH})"  # noqa: S608


def _arrival_order_helps(filters: Filters) -> bool:
    """Reading matches from the latest back finds a page early unless the filters pass only
    a few of them: one MP, one source, a time span, or a status other than new."""
    rare_status = filters.status if filters.status != "new" else None
    selective = (filters.mp, filters.source_id, filters.since, filters.until, rare_status)
    return all(value is None for value in selective)


def _newest_first(rows: list[MatchRow]) -> list[MatchRow]:
    """`rows` by time and then id, the newest first, as the results are listed."""
    return sorted(rows, key=itemgetter(TIME, ID), reverse=True)


def _source_row(r: dict[str, Any]) -> SourceRow:
    return SourceRow(
        id=r["id"],
        name=r["name"],
        url=r["url"],
        kind=r["kind"],
        mp=r["mp"],
        health=shown_health(
            r["health"], from_iso(r["last_polled_at"]), ever_worked=r["last_success_at"] is not None
        ),
        health_since=from_iso(r["health_since"]),
        health_detail=r["health_detail"],
        last_status=r["last_status"],
        last_polled_at=from_iso(r["last_polled_at"]),
        last_success_at=from_iso(r["last_success_at"]),
        last_error=r["last_error"],
        consecutive_failures=r["consecutive_failures"],
        next_check_at=from_iso(r["next_check_at"]),
        items=r["items"],
    )


def _first(rows: Iterator[dict[str, Any]]) -> dict[str, Any] | None:
    return next(iter(rows), None)


def _when(text: str) -> datetime:
    moment = from_iso(text)
    assert moment is not None
    return moment
