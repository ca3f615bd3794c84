"""Polling from a test: a clock moved by hand, a poll context, and a look into the archive."""

from __future__ import annotations

import sqlite3
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from watcher.archive import Archive
from watcher.config import Config
from watcher.fetch import Fetcher, make_client
from watcher.pipeline import PollContext

TABLES = ("items", "statements", "mentions", "outbox")


class Clock:
    """A clock the test moves by hand."""

    def __init__(self, start: datetime) -> None:
        self.now = start

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **delta: float) -> None:
        self.now += timedelta(**delta)


@asynccontextmanager
async def polling(config: Config, clock: Callable[[], datetime]) -> AsyncIterator[PollContext]:
    """A poll context over the config's real archive file and a real HTTP client."""
    archive = Archive(config.archive_path)
    archive.sync_config(config.mps, config.sources)
    try:
        async with make_client(config.settings) as client:
            yield PollContext(config, archive, Fetcher(client, config.settings), clock)
    finally:
        archive.close()


def query(path: Path, sql: str, params: tuple[object, ...] = ()) -> list[tuple[Any, ...]]:
    with sqlite3.connect(path) as conn:
        return [tuple(r) for r in conn.execute(sql, params)]


def counts(path: Path) -> dict[str, int]:
    return {t: query(path, f"SELECT count(*) FROM {t}")[0][0] for t in TABLES}  # noqa: S608


# When an item was last seen listed moves at every poll; what the archive holds does not.
SEEN_COLUMNS = ("last_seen_at",)


def snapshot(path: Path) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of the archive's tables, without the times items were last seen."""
    taken = {}
    for table in TABLES:
        with sqlite3.connect(path) as conn:
            names = [r[1] for r in conn.execute(f"PRAGMA table_info({table})")]
        shown = ", ".join(n for n in names if n not in SEEN_COLUMNS)
        taken[table] = query(path, f"SELECT {shown} FROM {table} ORDER BY rowid")  # noqa: S608
    return taken
