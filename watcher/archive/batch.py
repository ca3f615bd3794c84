"""Group commit: the archive writes of many polls in one transaction.

A round of 2000 polls makes three writes a poll (its claim, its record, its release); each in a
transaction of its own costs a BEGIN, a COMMIT and a write to the log. `GroupCommit` gathers
the writes that polls hand it over a few milliseconds and runs them together in one
transaction, each in a savepoint of its own:

- a write is acknowledged (its `write()` returns) only once the transaction holding it has
  committed, so a process killed at any moment loses nothing a poll was told was written;
- a write that fails is undone alone (its savepoint), and its poll gets the error; the others
  of the batch are committed all the same;
- a write whose poll was cancelled before the batch ran (a poll cut off at its budget, the
  daemon stopping) is left out, so a cancelled poll still leaves no trace;
- a poll's writes stay atomic as before: the items, statements and alerts it found are one
  write, so an alert is queued with its item or not at all, and is never queued twice.

The writes run on the event loop's thread, between two awaits, as the archive's writes always
have: no transaction is ever open while other code runs.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Sequence
from typing import Any, TypeVar, cast

from watcher.archive import Archive

T = TypeVar("T")

GATHER_FOR = 0.005  # seconds a batch waits for more writes after its first
MOST_IN_BATCH = 200  # a batch this full is written at once


class GroupCommit:
    """Writes handed over by concurrent polls, committed together."""

    def __init__(
        self, archive: Archive, gather_for: float = GATHER_FOR, most: int = MOST_IN_BATCH
    ) -> None:
        if gather_for < 0 or most < 1:
            raise ValueError("a batch needs a wait of zero or more and room for a write")
        self.archive = archive
        self.gather_for = gather_for
        self.most = most
        self._pending: list[tuple[Callable[[], Any], asyncio.Future[Any]]] = []
        self._timer: asyncio.TimerHandle | None = None
        self.batches = 0  # transactions committed, for the benchmark's figures

    async def write(self, work: Callable[[], T]) -> T:
        """Run `work` (archive writes, no awaits) in the next batch; return its result once
        the batch has committed, or raise its error."""
        loop = asyncio.get_running_loop()
        future: asyncio.Future[Any] = loop.create_future()
        self._pending.append((work, future))
        if len(self._pending) >= self.most:
            self.flush()
        elif self._timer is None:
            self._timer = loop.call_later(self.gather_for, self.flush)
        return cast(T, await future)

    def flush(self) -> None:
        """Write every pending write now, in one transaction."""
        if self._timer is not None:
            self._timer.cancel()
            self._timer = None
        batch, self._pending = self._pending, []
        live = [(work, future) for work, future in batch if not future.done()]
        if not live:
            return
        try:
            results = self.archive.write_together([work for work, _ in live])
        except Exception as exc:  # the batch itself failed (locked, disk full): none is written
            for _, future in live:
                if not future.done():
                    future.set_exception(exc)
            return
        self.batches += 1
        _settle(live, results)


def _settle(
    live: Sequence[tuple[Callable[[], Any], asyncio.Future[Any]]],
    results: Sequence[tuple[object, Exception | None]],
) -> None:
    for (_, future), (result, error) in zip(live, results, strict=True):
        if future.done():
            continue
        if error is not None:
            future.set_exception(error)
        else:
            future.set_result(result)
