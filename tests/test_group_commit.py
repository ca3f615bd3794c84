"""Group commit: the writes of many polls in one transaction, each still all or nothing.

The archive is a real SQLite file, looked at through a second connection, so "committed" means
what another process would see; the round polls a real local HTTP server.
"""

from __future__ import annotations

import asyncio
import sqlite3
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import pytest
from conftest import Entry, basic_config, load, rss
from support.httpserver import FixtureServer
from support.polling import counts, query

from watcher.archive import Archive
from watcher.archive.batch import GroupCommit
from watcher.errors import ArchiveLockedError
from watcher.pipeline import poll_source
from watcher.scheduler import open_parts

pytestmark = pytest.mark.timeout(60)

FEEDS = 12


def _add_mp(archive: Archive, name: str) -> Callable[[], int]:
    def work() -> int:
        cursor = archive.db.execute("INSERT INTO mps (name) VALUES (?)", [name])
        assert cursor.lastrowid is not None
        return cursor.lastrowid

    return work


def _names(path: Path) -> list[str]:
    return sorted(r[0] for r in query(path, "SELECT name FROM mps"))


def _fail() -> int:
    raise ValueError("this write fails")


async def _together(writes: GroupCommit, *works: Callable[[], int]) -> list[object]:
    return await asyncio.gather(*(writes.write(w) for w in works), return_exceptions=True)


def test_writes_handed_over_together_commit_in_one_transaction(tmp_path: Path) -> None:
    archive = Archive(tmp_path / "a.db")
    writes = GroupCommit(archive, gather_for=0.01)
    works = [_add_mp(archive, name) for name in ("Ann Able", "Ben Bold", "Cat Crisp")]

    results = asyncio.run(_together(writes, *works))

    assert all(isinstance(r, int) for r in results)
    assert writes.batches == 1
    assert _names(archive.path) == ["Ann Able", "Ben Bold", "Cat Crisp"]  # seen from outside
    archive.close()


def test_a_failing_write_is_undone_alone_and_its_caller_told(tmp_path: Path) -> None:
    archive = Archive(tmp_path / "a.db")
    writes = GroupCommit(archive, gather_for=0.01)

    def half_then_fail() -> int:
        _add_mp(archive, "Half Written")()
        return _fail()

    results = asyncio.run(
        _together(writes, _add_mp(archive, "Ann Able"), half_then_fail, _add_mp(archive, "Ben"))
    )

    assert isinstance(results[1], ValueError)
    assert _names(archive.path) == ["Ann Able", "Ben"]
    archive.close()


def test_a_write_whose_caller_was_cancelled_is_not_written(tmp_path: Path) -> None:
    archive = Archive(tmp_path / "a.db")
    writes = GroupCommit(archive, gather_for=0.05)

    async def cut_short() -> list[object]:
        early = asyncio.create_task(writes.write(_add_mp(archive, "Cut Short")))
        kept = asyncio.create_task(writes.write(_add_mp(archive, "Kept")))
        await asyncio.sleep(0)  # both handed over, the batch not yet run
        early.cancel()
        return list(await asyncio.gather(early, kept, return_exceptions=True))

    results = asyncio.run(cut_short())

    assert isinstance(results[0], asyncio.CancelledError)
    assert _names(archive.path) == ["Kept"]
    archive.close()


def test_a_batch_that_cannot_commit_writes_nothing_and_tells_every_caller(
    tmp_path: Path,
) -> None:
    archive = Archive(tmp_path / "a.db", busy_timeout=0.05)
    writes = GroupCommit(archive, gather_for=0.01)
    other = sqlite3.connect(archive.path)
    other.execute("BEGIN IMMEDIATE")  # another process holds the write lock

    results = asyncio.run(_together(writes, _add_mp(archive, "Ann"), _add_mp(archive, "Ben")))
    other.rollback()
    other.close()

    assert all(isinstance(r, ArchiveLockedError) for r in results)
    assert _names(archive.path) == []
    archive.close()


def test_a_full_batch_is_written_without_waiting(tmp_path: Path) -> None:
    archive = Archive(tmp_path / "a.db")
    writes = GroupCommit(archive, gather_for=60.0, most=2)  # the wait would time the test out

    results = asyncio.run(_together(writes, _add_mp(archive, "Ann"), _add_mp(archive, "Ben")))

    assert all(isinstance(r, int) for r in results)
    assert _names(archive.path) == ["Ann", "Ben"]
    archive.close()


def _feeds(http_server: FixtureServer) -> list[str]:
    urls = []
    for n in range(FEEDS):
        entry = Entry("Statement", f'Ian Lavery said: "Point {n} matters."', guid=f"p-{n}")
        http_server.set_feed(f"/f{n}.rss", rss([entry]))
        urls.append(http_server.url(f"/f{n}.rss"))
    return urls


async def _round_commits(path: Path) -> int:
    """Poll every source of the config once, as a round does; the COMMITs it took."""
    config = load(path)
    commits = 0

    def traced(sql: str) -> None:
        nonlocal commits
        commits += sql.strip().upper() == "COMMIT"

    async with open_parts(config) as parts:
        # a wait longer than the local server takes to answer every poll
        ctx = replace(parts.ctx, writes=GroupCommit(parts.ctx.archive, gather_for=0.3))
        ctx.archive.db.conn.set_trace_callback(traced)
        await asyncio.gather(*(poll_source(s, ctx) for s in config.sources))
        ctx.archive.db.conn.set_trace_callback(None)
    return commits


def test_a_round_of_polls_commits_in_batches_and_loses_nothing(
    tmp_path: Path, http_server: FixtureServer
) -> None:
    path = basic_config(tmp_path, news_feeds=_feeds(http_server))

    cold = asyncio.run(_round_commits(path))
    warm = asyncio.run(_round_commits(path))

    # one at a time, each poll took three or four: its claim, record, health and release
    assert cold <= 6
    assert warm <= 6
    archive = load(path).archive_path
    found = counts(archive)
    assert found["items"] == FEEDS
    assert found["statements"] == FEEDS
    claimed = query(archive, "SELECT count(*) FROM sources WHERE polled_by IS NOT NULL")
    assert claimed == [(0,)]  # every claim given back
