"""fetch.Fetcher against the real local HTTP server, with a real httpx client.

Backoff waits go through an injected sleep that only records them; DNS goes through an injected
resolver, so "public" and "private" hosts can be staged on 127.0.0.1.
"""

from __future__ import annotations

import asyncio
import contextlib
import gzip
import threading
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime

import pytest
from conftest import Entry, minutes_ago, rss
from support.httpserver import FixtureServer
from support.smtpsink import free_port

from watcher.config import Settings
from watcher.errors import (
    BlockedRedirectError,
    FetchError,
    HTTPStatusError,
    NameNotResolvedError,
    TooLargeError,
    TransportError,
)
from watcher.fetch import MAX_REDIRECTS, Fetcher, make_client, parse_retry_after
from watcher.models import FetchResult, Validators

pytestmark = pytest.mark.timeout(20)

FEED = rss(
    [
        Entry("First", "<p>One</p>", guid="g1", published=minutes_ago(5)),
        Entry("Second", "<p>Two</p>", guid="g2", published=minutes_ago(10)),
    ]
)
PUBLIC_IP = "93.184.216.34"


class RecordedSleep:
    """An injectable sleep that never waits: it records each wait, then runs `then` if set."""

    def __init__(self, then: Callable[[float], None] | None = None) -> None:
        self.waits: list[float] = []
        self.then = then

    async def __call__(self, seconds: float) -> None:
        self.waits.append(seconds)
        if self.then is not None:
            self.then(seconds)


class FakeResolver:
    """An injectable resolver: a fixed table of host -> addresses; unknown hosts fail."""

    def __init__(self, table: dict[str, list[str]] | None = None) -> None:
        self.table = table or {}
        self.asked: list[str] = []

    async def __call__(self, host: str) -> list[str]:
        self.asked.append(host)
        if host not in self.table:
            raise OSError(f"unknown host {host}")
        return self.table[host]


def settings(**values: object) -> Settings:
    base: dict[str, object] = {"timeout": 1, "retries": 0, "max_body": 1_000_000}
    base.update(values)
    return Settings.model_validate(base)


def fetch(
    config: Settings,
    url: str,
    validators: Validators | None = None,
    sleep: RecordedSleep | None = None,
    resolve: FakeResolver | None = None,
) -> FetchResult:
    async def go() -> FetchResult:
        async with make_client(config) as client:
            fetcher = Fetcher(
                client, config, sleep=sleep or RecordedSleep(), resolve=resolve or FakeResolver()
            )
            return await fetcher.fetch(url, validators)

    return asyncio.run(go())


# --- plain and conditional GET --------------------------------------------------------------


def test_200_returns_body_content_type_and_validators(http_server: FixtureServer) -> None:
    modified = datetime(2024, 1, 2, 3, 4, 5, tzinfo=UTC)
    http_server.set_feed("/feed.xml", FEED, last_modified=modified)

    result = fetch(settings(), http_server.url("/feed.xml"))

    assert result.status == 200
    assert not result.not_modified
    assert result.body == FEED.encode("utf-8")
    assert result.url == http_server.url("/feed.xml")
    assert result.content_type == "application/rss+xml; charset=utf-8"
    assert result.validators.last_modified == "Tue, 02 Jan 2024 03:04:05 GMT"
    assert result.validators.etag is not None
    assert result.validators.etag.startswith('"')
    assert len(result.validators.etag) > 2


def test_second_fetch_sends_both_validators_and_gets_not_modified(
    http_server: FixtureServer,
) -> None:
    http_server.set_feed("/feed.xml", FEED, last_modified=datetime(2024, 1, 2, tzinfo=UTC))
    config = settings()
    first = fetch(config, http_server.url("/feed.xml"))

    second = fetch(config, http_server.url("/feed.xml"), first.validators)

    assert second.not_modified is True
    assert second.status == 304
    assert second.body == b""
    assert second.validators == first.validators
    plain, conditional = http_server.requests_for("/feed.xml")
    assert "if-none-match" not in plain.headers
    assert "if-modified-since" not in plain.headers
    assert conditional.headers["if-none-match"] == first.validators.etag
    assert conditional.headers["if-modified-since"] == first.validators.last_modified


def test_last_modified_alone_is_enough_for_not_modified(http_server: FixtureServer) -> None:
    modified = datetime(2024, 3, 1, 12, 0, tzinfo=UTC)
    http_server.set_feed("/feed.xml", FEED, last_modified=modified)
    since = Validators(last_modified=format_datetime(modified, usegmt=True))

    result = fetch(settings(), http_server.url("/feed.xml"), since)

    assert result.not_modified is True
    (request,) = http_server.requests_for("/feed.xml")
    assert "if-none-match" not in request.headers
    assert request.headers["if-modified-since"] == "Fri, 01 Mar 2024 12:00:00 GMT"


def test_changed_feed_is_fetched_again_despite_old_validators(http_server: FixtureServer) -> None:
    http_server.set_feed("/feed.xml", FEED)
    config = settings()
    first = fetch(config, http_server.url("/feed.xml"))
    changed = rss([Entry("Third", "Three", guid="g3")])
    http_server.set_feed("/feed.xml", changed)

    second = fetch(config, http_server.url("/feed.xml"), first.validators)

    assert second.not_modified is False
    assert second.status == 200
    assert second.body == changed.encode("utf-8")
    assert second.validators.etag != first.validators.etag


def test_gzip_body_is_decoded(http_server: FixtureServer) -> None:
    http_server.set_feed("/feed.xml", FEED)
    raw = FEED.encode("utf-8") * 20
    http_server.set_response(
        "/explicit.xml",
        200,
        gzip.compress(raw),
        {"Content-Type": "application/rss+xml", "Content-Encoding": "gzip"},
    )
    config = settings()

    negotiated = fetch(config, http_server.url("/feed.xml"))
    explicit = fetch(config, http_server.url("/explicit.xml"))

    (request,) = http_server.requests_for("/feed.xml")
    assert "gzip" in request.headers["accept-encoding"]  # so the server answered gzipped
    assert negotiated.body == FEED.encode("utf-8")
    assert explicit.body == raw


def test_user_agent_names_the_watcher(http_server: FixtureServer) -> None:
    http_server.set_feed("/feed.xml", FEED)

    fetch(settings(), http_server.url("/feed.xml"))
    fetch(settings(user_agent="newsroom-bot/2.0"), http_server.url("/feed.xml"))

    default, custom = http_server.requests_for("/feed.xml")
    assert default.headers["user-agent"].startswith("watcher/")
    assert "python-httpx" not in default.headers["user-agent"]
    assert custom.headers["user-agent"] == "newsroom-bot/2.0"


# --- errors and retries ---------------------------------------------------------------------


def test_500_is_retried_with_growing_waits_then_raises(http_server: FixtureServer) -> None:
    http_server.set_response("/broken", 500, b"oops")
    sleep = RecordedSleep()

    with pytest.raises(HTTPStatusError) as caught:
        fetch(settings(retries=3), http_server.url("/broken"), sleep=sleep)

    assert caught.value.status == 500
    assert len(http_server.requests_for("/broken")) == 4  # the first try and 3 retries
    assert len(sleep.waits) == 3
    assert all(wait > 0 for wait in sleep.waits)
    assert sleep.waits[0] < sleep.waits[1] < sleep.waits[2]
    assert sleep.waits[2] <= 30


def test_a_retry_that_succeeds_returns_the_result(http_server: FixtureServer) -> None:
    http_server.set_response("/flaky", 503, b"busy")
    sleep = RecordedSleep(then=lambda _: http_server.set_feed("/flaky", FEED))

    result = fetch(settings(retries=2), http_server.url("/flaky"), sleep=sleep)

    assert result.status == 200
    assert result.body == FEED.encode("utf-8")
    assert len(sleep.waits) == 1
    assert len(http_server.requests_for("/flaky")) == 2


def test_404_is_not_retried(http_server: FixtureServer) -> None:
    sleep = RecordedSleep()

    with pytest.raises(HTTPStatusError) as caught:
        fetch(settings(retries=3), http_server.url("/missing"), sleep=sleep)

    assert caught.value.status == 404
    assert len(http_server.requests_for("/missing")) == 1
    assert sleep.waits == []


def test_429_waits_as_long_as_retry_after_says_then_retries(http_server: FixtureServer) -> None:
    http_server.set_response("/limited", 429, b"slow down", {"Retry-After": "2"})
    sleep = RecordedSleep(then=lambda _: http_server.set_feed("/limited", FEED))

    result = fetch(settings(retries=1), http_server.url("/limited"), sleep=sleep)

    assert sleep.waits == [2.0]
    assert result.status == 200
    assert len(http_server.requests_for("/limited")) == 2


def test_429_that_persists_raises_with_retry_after(http_server: FixtureServer) -> None:
    http_server.set_response("/limited", 429, b"slow down", {"Retry-After": "2"})
    sleep = RecordedSleep()

    with pytest.raises(HTTPStatusError) as caught:
        fetch(settings(retries=2), http_server.url("/limited"), sleep=sleep)

    assert caught.value.status == 429
    assert caught.value.retry_after == 2.0
    assert sleep.waits == [2.0, 2.0]
    assert len(http_server.requests_for("/limited")) == 3


def test_a_long_retry_after_is_not_waited_for_in_this_round(http_server: FixtureServer) -> None:
    http_server.set_response("/later", 503, b"", {"Retry-After": "3600"})
    sleep = RecordedSleep()

    with pytest.raises(HTTPStatusError) as caught:
        fetch(settings(retries=3), http_server.url("/later"), sleep=sleep)

    assert caught.value.retry_after == 3600.0
    assert sleep.waits == []
    assert len(http_server.requests_for("/later")) == 1


def test_a_hanging_server_raises_transport_error_after_the_timeout(
    http_server: FixtureServer,
) -> None:
    http_server.set_hang("/hang", 10)

    started = time.monotonic()
    with pytest.raises(TransportError):
        fetch(settings(timeout=1, retries=0), http_server.url("/hang"))
    elapsed = time.monotonic() - started

    assert 0.8 <= elapsed < 4
    assert len(http_server.requests_for("/hang")) == 1


def test_a_refused_connection_is_retried_then_raises_transport_error() -> None:
    url = f"http://127.0.0.1:{free_port()}/feed.xml"
    sleep = RecordedSleep()

    with pytest.raises(TransportError):
        fetch(settings(retries=2), url, sleep=sleep)

    assert len(sleep.waits) == 2
    assert sleep.waits[0] < sleep.waits[1]


def test_a_name_that_does_not_resolve_is_not_retried() -> None:
    sleep = RecordedSleep()

    with pytest.raises(NameNotResolvedError, match=r"nowhere\.invalid does not resolve"):
        fetch(settings(retries=3), "http://nowhere.invalid/feed.xml", sleep=sleep)

    assert sleep.waits == []


# --- size cap -------------------------------------------------------------------------------


def test_a_huge_streamed_body_is_cut_off_quickly(http_server: FixtureServer) -> None:
    http_server.set_huge("/huge", 50_000_000)
    sleep = RecordedSleep()

    started = time.monotonic()
    with pytest.raises(TooLargeError):
        fetch(settings(max_body=1_000_000, retries=2), http_server.url("/huge"), sleep=sleep)
    elapsed = time.monotonic() - started

    assert elapsed < 3
    assert sleep.waits == []  # too large is final, not retried
    assert len(http_server.requests_for("/huge")) == 1


def test_a_declared_content_length_over_the_cap_is_refused_before_reading(
    http_server: FixtureServer,
) -> None:
    # The body is short: a fetcher that ignored Content-Length would hit a truncated body
    # (a TransportError), not the cap.
    http_server.set_response(
        "/declared", 200, b"<rss/>", {"Content-Length": "50000000", "Content-Type": "text/xml"}
    )

    with pytest.raises(TooLargeError):
        fetch(settings(max_body=1_000_000), http_server.url("/declared"))


def test_a_body_just_under_the_cap_is_accepted(http_server: FixtureServer) -> None:
    body = b"x" * 4096
    http_server.set_response("/small", 200, body, {"Content-Type": "text/xml"})

    result = fetch(settings(max_body=4096), http_server.url("/small"))

    assert result.body == body


def test_a_gzip_bomb_is_capped_by_its_decoded_size(http_server: FixtureServer) -> None:
    bomb = gzip.compress(b"\0" * 5_000_000)
    assert len(bomb) < 100_000
    http_server.set_response(
        "/bomb", 200, bomb, {"Content-Type": "text/xml", "Content-Encoding": "gzip"}
    )

    with pytest.raises(TooLargeError):
        fetch(settings(max_body=1_000_000), http_server.url("/bomb"))


# --- redirects ------------------------------------------------------------------------------


def test_relative_redirect_is_followed(http_server: FixtureServer) -> None:
    http_server.set_feed("/feed.xml", FEED)
    http_server.set_response("/old", 301, b"", {"Location": "/feed.xml"})

    result = fetch(settings(), http_server.url("/old"))

    assert result.status == 200
    assert result.url == http_server.url("/feed.xml")
    assert result.body == FEED.encode("utf-8")


def _public_to_private(http_server: FixtureServer) -> tuple[str, FakeResolver]:
    http_server.set_feed("/feed.xml", FEED)
    target = f"http://127.0.0.1:{http_server.port}/feed.xml"
    http_server.set_response("/go", 302, b"", {"Location": target})
    resolver = FakeResolver({"localhost": [PUBLIC_IP]})
    return f"http://localhost:{http_server.port}/go", resolver


def test_redirect_from_a_public_host_into_a_private_address_is_refused(
    http_server: FixtureServer,
) -> None:
    start, resolver = _public_to_private(http_server)

    with pytest.raises(BlockedRedirectError, match=r"127\.0\.0\.1 is a loopback or private"):
        fetch(settings(retries=2), start, resolve=resolver)

    assert len(http_server.requests_for("/go")) == 1
    assert http_server.requests_for("/feed.xml") == []


def test_redirect_into_a_private_address_is_followed_when_allowed(
    http_server: FixtureServer,
) -> None:
    start, resolver = _public_to_private(http_server)

    result = fetch(settings(allow_private_redirects=True), start, resolve=resolver)

    assert result.status == 200
    assert result.url == f"http://127.0.0.1:{http_server.port}/feed.xml"
    assert result.body == FEED.encode("utf-8")
    assert len(http_server.requests_for("/feed.xml")) == 1


def test_redirect_between_private_addresses_is_followed_when_the_start_is_private(
    http_server: FixtureServer,
) -> None:
    http_server.set_feed("/feed.xml", FEED)
    http_server.set_response("/go", 302, b"", {"Location": http_server.url("/feed.xml")})

    result = fetch(settings(), http_server.url("/go"))

    assert result.body == FEED.encode("utf-8")


@pytest.mark.parametrize(
    "location",
    [
        "file:///etc/passwd",
        "ftp://example.org/feed.xml",
        "javascript:alert(1)",
        "mailto:desk@example.org",
    ],
)
def test_redirect_to_a_non_http_scheme_is_refused(
    http_server: FixtureServer, location: str
) -> None:
    http_server.set_response("/go", 302, b"", {"Location": location})

    with pytest.raises(BlockedRedirectError):
        fetch(settings(allow_private_redirects=True), http_server.url("/go"))

    assert len(http_server.requests_for("/go")) == 1


def test_a_redirect_loop_ends_with_a_fetch_error(http_server: FixtureServer) -> None:
    http_server.set_response("/loop", 302, b"", {"Location": "/loop"})
    sleep = RecordedSleep()

    with pytest.raises(FetchError):
        fetch(settings(retries=2), http_server.url("/loop"), sleep=sleep)

    assert len(http_server.requests_for("/loop")) == MAX_REDIRECTS + 1
    assert sleep.waits == []  # a loop will not fix itself within this round


# --- politeness: requests per host ----------------------------------------------------------


def test_no_more_than_per_host_requests_are_in_flight(http_server: FixtureServer) -> None:
    """Five concurrent fetches of a path the server holds for HOLD seconds, with per_host=2.

    The server records each request as it arrives; a thread notes when each arrival shows up.
    A request is in flight at the server for at least HOLD seconds after it arrives, so any
    arrivals closer together than HOLD (less a margin for the sampler's lateness) overlapped.
    Without a per-host limit all five arrive at once; with a limit of 2 they come in waves.
    """
    hold, margin = 0.5, 0.2
    http_server.set_feed("/slow.xml", FEED)
    http_server.set_delay("/slow.xml", hold)
    arrivals: list[float] = []
    done = threading.Event()

    def watch() -> None:
        seen = 0
        while not done.is_set():
            count = len(http_server.requests_for("/slow.xml"))
            now = time.monotonic()
            arrivals.extend([now] * (count - seen))
            seen = count
            done.wait(0.002)

    config = settings(per_host=2, timeout=5)

    async def go() -> list[FetchResult]:
        async with make_client(config) as client:
            fetcher = Fetcher(client, config, sleep=RecordedSleep(), resolve=FakeResolver())
            url = http_server.url("/slow.xml")
            return await asyncio.gather(*(fetcher.fetch(url) for _ in range(5)))

    watcher = threading.Thread(target=watch, daemon=True)
    watcher.start()
    try:
        results = asyncio.run(go())
    finally:
        done.set()
        watcher.join(timeout=5)

    assert [r.status for r in results] == [200] * 5
    assert len(arrivals) == 5
    overlapping = [
        sum(1 for start in arrivals if start <= moment < start + hold - margin)
        for moment in arrivals
    ]
    assert max(overlapping) == 2, (overlapping, [round(a - arrivals[0], 3) for a in arrivals])


def test_the_per_host_limit_does_not_hold_back_other_hosts(http_server: FixtureServer) -> None:
    """With per_host=1, a slow request to 127.0.0.1 does not delay one to localhost."""
    http_server.set_feed("/slow.xml", FEED)
    http_server.set_delay("/slow.xml", 0.6)
    http_server.set_feed("/fast.xml", FEED)
    config = settings(per_host=1, timeout=5)
    finished: dict[str, float] = {}

    async def go() -> None:
        async with make_client(config) as client:
            fetcher = Fetcher(client, config, sleep=RecordedSleep(), resolve=FakeResolver())
            started = time.monotonic()

            async def one(name: str, url: str) -> None:
                await fetcher.fetch(url)
                finished[name] = time.monotonic() - started

            slow = asyncio.create_task(one("slow", http_server.url("/slow.xml")))
            await asyncio.sleep(0)  # let the slow request take the 127.0.0.1 slot
            fast_url = f"http://localhost:{http_server.port}/fast.xml"
            await asyncio.gather(slow, one("fast", fast_url))

    asyncio.run(go())

    assert finished["fast"] < 0.4
    assert finished["slow"] >= 0.55


# --- Retry-After ----------------------------------------------------------------------------


NOW = datetime(2024, 6, 1, 12, 0, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2", 2.0),
        ("0", 0.0),
        (" 120 ", 120.0),
        ("Sat, 01 Jun 2024 12:00:30 GMT", 30.0),
        ("Sat, 01 Jun 2024 13:00:00 GMT", 3600.0),
        ("Sat, 01 Jun 2024 11:00:00 GMT", 0.0),  # a date in the past: no wait
        ("Sat, 01 Jun 2024 14:00:00 +0200", 0.0),  # 12:00 UTC
        ("", None),
        (None, None),
        ("soon", None),
        ("-5", None),
    ],
)
def test_parse_retry_after(value: str | None, expected: float | None) -> None:
    assert parse_retry_after(value, now=NOW) == expected


def test_parse_retry_after_date_defaults_to_now() -> None:
    in_a_minute = datetime.now(UTC).replace(microsecond=0) + timedelta(seconds=60)
    result = parse_retry_after(format_datetime(in_a_minute, usegmt=True))

    assert result is not None
    assert 55.0 <= result <= 60.0


# --- connections kept ---------------------------------------------------------------------


async def _answer_keeping_alive(
    reader: asyncio.StreamReader, writer: asyncio.StreamWriter, connections: list[int]
) -> None:
    """HTTP/1.1 with keep-alive: 304 to If-None-Match "v1", else the feed; one connection
    counted each time a client opens one."""
    connections.append(1)
    while head := await reader.readuntil(b"\r\n\r\n"):
        fresh = b'if-none-match: "v1"' in head.lower()
        body = b"" if fresh else FEED.encode()
        status = b"304 Not Modified" if fresh else b"200 OK"
        length = b"" if fresh else b"Content-Length: %d\r\n" % len(body)
        writer.write(b"HTTP/1.1 " + status + b'\r\nETag: "v1"\r\n' + length + b"\r\n" + body)
        await writer.drain()
        if reader.at_eof():
            break


async def _conditional_fetches(count: int) -> int:
    connections: list[int] = []

    async def answer(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        with contextlib.suppress(asyncio.IncompleteReadError, ConnectionError):
            await _answer_keeping_alive(reader, writer, connections)
        writer.close()

    server = await asyncio.start_server(answer, "127.0.0.1", 0)
    port = server.sockets[0].getsockname()[1]
    config = settings(in_flight=1)
    async with server, make_client(config) as client:
        fetcher = Fetcher(client, config, sleep=RecordedSleep(), resolve=FakeResolver())
        url = f"http://127.0.0.1:{port}/feed.xml"
        validators = (await fetcher.fetch(url)).validators
        for _ in range(count):
            assert (await fetcher.fetch(url, validators)).not_modified
    return len(connections)


def test_a_304_keeps_its_connection_for_the_next_request() -> None:
    assert asyncio.run(_conditional_fetches(3)) == 1
