"""CPU a 304 costs in each HTTP client, 50 requests in flight, on poll_round.py's local site.

A warm round is 2000 conditional GETs answered 304 with no body. This asks the same site the
same 2000 questions, round after round, through three clients in one process:

- httpx: the watcher's own client (`watcher.fetch.make_client`: httpx clients of two
  connections each, used as one), reading each 304 to its end as the fetcher does;
- httpcore: httpcore's connection pools (what httpx is built on), sharded the same way;
- aiohttp: one aiohttp session of 50 connections.

It prints each client's CPU seconds a round (after a first round that opens the connections)
and the CPU a request. Run it after `pip install -e '.[bench]'`.
"""

from __future__ import annotations

import argparse
import asyncio
import resource
import subprocess
import sys
import time
from collections.abc import Awaitable, Callable
from functools import partial
from pathlib import Path

import aiohttp
import httpcore

sys.path.insert(0, str(Path(__file__).parent))
from poll_round import site_call

from watcher.config import Settings
from watcher.fetch import CONNECTIONS_PER_CLIENT, make_client

ITEMS = 20  # poll_round.py's items a feed: each feed's ETag is "N-20" after a reset

Poll = Callable[[str, str], Awaitable[None]]


def cpu_seconds() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


Client = tuple[Poll, Callable[[], Awaitable[None]]]  # a request, and closing the client


async def rounds(
    open_client: Callable[[], Client], urls: list[str], in_flight: int, count: int
) -> list[float]:
    """CPU seconds of each of `count` rounds, after one that opens the connections."""
    poll, close = open_client()
    slots = asyncio.Semaphore(in_flight)

    async def one(number: int, url: str) -> None:
        async with slots:
            await poll(url, f'"{number}-{ITEMS}"')

    spent = []
    for _ in range(count + 1):
        started = cpu_seconds()
        await asyncio.gather(*(one(n, url) for n, url in enumerate(urls)))
        spent.append(cpu_seconds() - started)
    await close()
    return spent[1:]


def watcher_client(in_flight: int) -> tuple[Poll, Callable[[], Awaitable[None]]]:
    pool = make_client(Settings(in_flight=max(in_flight, 100)))

    async def poll(url: str, etag: str) -> None:
        async with pool.stream("GET", url, headers={"If-None-Match": etag}) as response:
            assert response.status_code == 304, response.status_code
            async for _ in response.aiter_bytes():
                pass

    return poll, pool.aclose


def httpcore_client(in_flight: int) -> tuple[Poll, Callable[[], Awaitable[None]]]:
    count = -(-in_flight // CONNECTIONS_PER_CLIENT)
    pools = [
        httpcore.AsyncConnectionPool(
            max_connections=CONNECTIONS_PER_CLIENT,
            max_keepalive_connections=CONNECTIONS_PER_CLIENT,
        )
        for _ in range(count)
    ]
    busy = [0] * count

    async def poll(url: str, etag: str) -> None:
        index = min(range(count), key=busy.__getitem__)
        busy[index] += 1
        headers = [(b"If-None-Match", etag.encode()), (b"User-Agent", b"watcher")]
        try:
            async with pools[index].stream("GET", url, headers=headers) as response:
                assert response.status == 304, response.status
                async for _ in response.aiter_stream():
                    pass
        finally:
            busy[index] -= 1

    async def close() -> None:
        for pool in pools:
            await pool.aclose()

    return poll, close


def aiohttp_client(in_flight: int) -> tuple[Poll, Callable[[], Awaitable[None]]]:
    session = aiohttp.ClientSession(connector=aiohttp.TCPConnector(limit=in_flight))

    async def poll(url: str, etag: str) -> None:
        async with session.get(url, headers={"If-None-Match": etag}) as response:
            assert response.status == 304, response.status
            await response.read()

    return poll, session.close


CLIENTS = {"httpx": watcher_client, "httpcore": httpcore_client, "aiohttp": aiohttp_client}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sources", type=int, default=2000)
    parser.add_argument("--in-flight", type=int, default=50)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    command = [sys.executable, str(Path(__file__).parent / "poll_round.py"), "--serve"]
    pipes = {"stdin": subprocess.PIPE, "stdout": subprocess.PIPE}
    with subprocess.Popen(command, text=True, **pipes) as site:  # type: ignore[call-overload]
        assert site.stdout is not None
        assert site.stdin is not None
        base = f"http://127.0.0.1:{site.stdout.readline().strip()}"
        try:
            site_call(base, "reset", sources=args.sources, latency=0)
            urls = [f"{base}/feed/{n}.xml" for n in range(args.sources)]
            print(f"{args.sources} requests answered 304 a round, {args.in_flight} in flight")
            for name, client in CLIENTS.items():
                started = time.perf_counter()
                opened = partial(client, args.in_flight)
                spent = asyncio.run(rounds(opened, urls, args.in_flight, args.rounds))
                each = ", ".join(f"{s:.2f}" for s in spent)
                per_request = min(spent) / args.sources * 1000
                wall = time.perf_counter() - started
                print(
                    f"{name:9} CPU s a round {each}; {per_request:.3f} ms a request ({wall:.1f} s)"
                )
        finally:
            site.stdin.close()


if __name__ == "__main__":
    main()
