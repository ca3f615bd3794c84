"""How many requests go out at once, to each host and to all of them, and how fast.

A request first waits for a slot at its host (that host's `in_flight`), then for its turn
under the host's rate, then for a slot among all hosts (`settings.in_flight`): a busy or slow
host so never holds the slots the others need.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager

from watcher.config import Settings

Sleep = Callable[[float], Awaitable[None]]


class _Pace:
    """Request starts at least 1/rate seconds apart, by the event loop's clock."""

    def __init__(self, rate: float) -> None:
        self.gap = 1.0 / rate
        self.next_start = 0.0

    async def wait(self, sleep: Sleep) -> None:
        now = asyncio.get_running_loop().time()
        start = max(now, self.next_start)
        self.next_start = start + self.gap
        if start > now:
            await sleep(start - now)


class Politeness:
    """The slots and paces of one process's requests, made as each host is first met."""

    def __init__(self, settings: Settings, sleep: Sleep = asyncio.sleep) -> None:
        self.settings = settings
        self.sleep = sleep
        self._everyone = asyncio.Semaphore(settings.in_flight)
        self._hosts: dict[str, asyncio.Semaphore] = {}
        self._paces: dict[str, _Pace] = {}

    @asynccontextmanager
    async def slot(self, host: str) -> AsyncIterator[None]:
        """Hold a slot for one request to `host` (connect, headers and body)."""
        async with self._host(host):
            pace = self._paces.get(host)
            if pace is not None:
                await pace.wait(self.sleep)
            async with self._everyone:
                yield

    def _host(self, host: str) -> asyncio.Semaphore:
        gate = self._hosts.get(host)
        if gate is None:
            limit = self.settings.host_limit(host)
            gate = self._hosts[host] = asyncio.Semaphore(limit.in_flight)
            if limit.rate is not None:
                self._paces[host] = _Pace(limit.rate)
        return gate
