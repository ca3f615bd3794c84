"""The limits a desk sets on requests: in flight to a named host, to every other host, to all
hosts together, and a rate. A local server notes when each request arrives and holds it for
HOLD seconds, so requests that arrive less than HOLD apart were in flight at once."""

from __future__ import annotations

import asyncio
import threading
import time
from collections.abc import Iterator
from itertools import pairwise

import pytest
from conftest import Entry, rss
from support.httpserver import FixtureServer, RecordedRequest

from watcher.config import Settings
from watcher.fetch import Fetcher, make_client

HOLD = 0.4
MARGIN = 0.15  # for the server's own lateness in noting an arrival
FEED = rss([Entry("First", "<p>One</p>", guid="g1")])


class ArrivalServer(FixtureServer):
    """The tests' fixture server, noting the moment each request arrives."""

    def __init__(self) -> None:
        super().__init__()
        self.arrivals: list[float] = []
        self._arrivals_lock = threading.Lock()

    def _record(self, request: RecordedRequest) -> None:
        with self._arrivals_lock:
            self.arrivals.append(time.monotonic())
        super()._record(request)


@pytest.fixture
def server() -> Iterator[ArrivalServer]:
    with ArrivalServer() as started:
        started.set_feed("/slow.xml", FEED)
        started.set_delay("/slow.xml", HOLD)
        started.set_feed("/fast.xml", FEED)
        yield started


def settings(**values: object) -> Settings:
    base: dict[str, object] = {"timeout": 5, "retries": 0}
    base.update(values)
    return Settings.model_validate(base)


def fetch_all(config: Settings, urls: list[str]) -> None:
    async def go() -> None:
        async with make_client(config) as client:
            fetcher = Fetcher(client, config)
            results = await asyncio.gather(*(fetcher.fetch(url) for url in urls))
        assert [r.status for r in results] == [200] * len(urls)

    asyncio.run(go())


def most_at_once(arrivals: list[float]) -> int:
    """The most requests that arrived within one HOLD (less the margin) of one another."""
    return max(
        sum(1 for start in arrivals if start <= moment < start + HOLD - MARGIN)
        for moment in arrivals
    )


def test_a_named_host_has_its_own_in_flight_limit(server: ArrivalServer) -> None:
    config = settings(per_host=1, hosts={"127.0.0.1": {"in_flight": 3}})
    fetch_all(config, [server.url("/slow.xml")] * 7)
    assert most_at_once(server.arrivals) == 3


def test_a_host_nobody_named_keeps_the_polite_default(server: ArrivalServer) -> None:
    config = settings(per_host=1, hosts={"localhost": {"in_flight": 4}})
    fetch_all(config, [server.url("/slow.xml")] * 3)
    assert most_at_once(server.arrivals) == 1


def test_the_limit_for_all_hosts_holds_across_hosts(server: ArrivalServer) -> None:
    """Two hosts (127.0.0.1 and localhost), three requests each allowed at once: all
    together, only two."""
    hosts = {"127.0.0.1": {"in_flight": 2}, "localhost": {"in_flight": 2}}
    config = settings(in_flight=2, hosts=hosts)
    other = f"http://localhost:{server.port}/slow.xml"
    fetch_all(config, [server.url("/slow.xml"), other] * 3)
    assert most_at_once(server.arrivals) == 2


def test_a_rate_spaces_the_requests_to_its_host(server: ArrivalServer) -> None:
    """At 20 a second, requests to the host start at least 50 ms apart, however many the
    in-flight limit would allow at once."""
    config = settings(hosts={"127.0.0.1": {"in_flight": 10, "rate": "20/s"}})
    fetch_all(config, [server.url("/fast.xml")] * 6)
    arrivals = sorted(server.arrivals)
    gaps = [later - earlier for earlier, later in pairwise(arrivals)]
    assert len(arrivals) == 6
    assert min(gaps) >= 0.04, gaps  # the server notes an arrival a little late or early
    assert arrivals[-1] - arrivals[0] >= 5 * 0.05 - 0.01


def test_the_client_pools_keep_every_allowed_request_in_flight(server: ArrivalServer) -> None:
    """The HTTP clients' own connection limits never hold back what the limits allow: 30 at
    once to one host."""
    config = settings(in_flight=30, hosts={"127.0.0.1": {"in_flight": 30}})
    fetch_all(config, [server.url("/slow.xml")] * 30)
    assert most_at_once(server.arrivals) == 30
