"""Fetch one address politely: conditional GET, a size cap, retries, the hosts' limits.

`Fetcher.fetch()` returns a FetchResult (a 304 is `not_modified=True`, not an error) or raises a
FetchError. Redirects are followed by hand so that each hop, and each article a feed links to,
is judged by `watcher.addresses` before any connection is made.

httpx's timeout bounds each read, so a server sending a byte every few seconds would hold a
request for ever: each request (connect, headers and body) also has a deadline,
`settings.deadline`, and one over it raises DeadlineError, which is retried like a timeout.
Waiting for a free slot to the host does not count against it.
"""

from __future__ import annotations

import asyncio
import ipaddress
import logging
import random
import socket
from collections.abc import AsyncIterator, Awaitable, Callable, Sequence
from contextlib import asynccontextmanager
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from urllib.parse import urljoin, urlsplit

import httpx

from watcher.addresses import IPAddress, Reach, literal_address, reach_of, refusal, same_host
from watcher.config import Settings
from watcher.errors import (
    BlockedRedirectError,
    DeadlineError,
    FetchError,
    HTTPStatusError,
    NameNotResolvedError,
    TooLargeError,
    TransportError,
)
from watcher.models import FetchResult, Validators
from watcher.politeness import Politeness

log = logging.getLogger(__name__)

MAX_REDIRECTS = 5
RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})
BACKOFF_BASE = 1.0
MAX_WAIT_IN_ROUND = 30.0  # a longer Retry-After ends the round and is kept for the next check

Sleep = Callable[[float], Awaitable[None]]
Resolver = Callable[[str], Awaitable[list[str]]]


CONNECTIONS_PER_CLIENT = 2


def make_client(settings: Settings) -> ClientPool:
    """The HTTP clients the watcher shares between all its sources, as one."""
    timeout = httpx.Timeout(settings.timeout, connect=min(settings.timeout, 10.0))
    headers = {"User-Agent": settings.user_agent, "Accept-Encoding": "gzip, deflate"}
    verify = httpx.create_ssl_context()  # one context for all: loading the CAs is costly
    count = -(-settings.in_flight // CONNECTIONS_PER_CLIENT)
    limits = httpx.Limits(
        max_connections=CONNECTIONS_PER_CLIENT, max_keepalive_connections=CONNECTIONS_PER_CLIENT
    )
    return ClientPool(
        [
            httpx.AsyncClient(
                timeout=timeout,
                follow_redirects=False,
                headers=headers,
                limits=limits,
                verify=verify,
            )
            for _ in range(count)
        ]
    )


class ClientPool:
    """Several httpx clients used as one, each request going to the least busy.

    httpx's connection pool looks at every connection it holds, with a system call or two
    each, whenever a request starts or ends: with fifty connections in one pool that costs
    more than the request. Pools of two connections keep that cost small; the politeness
    limits, not these pools, decide how many requests are in flight.
    """

    def __init__(self, clients: Sequence[httpx.AsyncClient]) -> None:
        if not clients:
            raise ValueError("a pool needs at least one client")
        self.clients = list(clients)
        self._busy = [0] * len(self.clients)

    @asynccontextmanager
    async def stream(
        self, method: str, url: str, headers: dict[str, str]
    ) -> AsyncIterator[httpx.Response]:
        index = min(range(len(self._busy)), key=self._busy.__getitem__)
        self._busy[index] += 1
        try:
            async with self.clients[index].stream(method, url, headers=headers) as response:
                yield response
        finally:
            self._busy[index] -= 1

    async def aclose(self) -> None:
        for client in self.clients:
            await client.aclose()

    async def __aenter__(self) -> ClientPool:
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.aclose()


async def resolve_host(host: str) -> list[str]:
    loop = asyncio.get_running_loop()
    infos = await loop.getaddrinfo(host, None, type=socket.SOCK_STREAM)
    return [str(info[4][0]) for info in infos]


class Fetcher:
    def __init__(
        self,
        client: httpx.AsyncClient | ClientPool,
        settings: Settings,
        sleep: Sleep = asyncio.sleep,
        resolve: Resolver = resolve_host,
    ) -> None:
        self.client = client
        self.settings = settings
        self.sleep = sleep
        self.resolve = resolve
        self.politeness = Politeness(settings)

    async def fetch(
        self, url: str, validators: Validators | None = None, origin: str | None = None
    ) -> FetchResult:
        """GET `url`, retrying transient failures with exponential backoff and jitter.

        `origin` is the configured address `url` was found through (a feed linking to an
        article): a public origin may not lead into a private address, as with redirects.
        """
        validators = validators or Validators()
        attempts = self.settings.retries + 1
        for attempt in range(attempts):
            try:
                return await self._fetch_following(url, validators, origin or url)
            except (TransportError, HTTPStatusError) as exc:
                wait = self._backoff(attempt, exc.retry_after)
                if not _retryable(exc) or attempt == attempts - 1 or wait > MAX_WAIT_IN_ROUND:
                    raise
                log.debug("retrying %s in %.1fs after %s", url, wait, exc)
                await self.sleep(wait)
        raise AssertionError("unreachable")  # pragma: no cover

    @staticmethod
    def _backoff(attempt: int, retry_after: float | None) -> float:
        if retry_after is not None:
            return retry_after
        return BACKOFF_BASE * 2.0**attempt + random.uniform(0, BACKOFF_BASE)

    async def _fetch_following(self, url: str, validators: Validators, origin: str) -> FetchResult:
        if url != origin:
            await self._check_reach(origin, url, "link")
        for _ in range(MAX_REDIRECTS + 1):
            result = await self._fetch_once(url, validators)
            if isinstance(result, FetchResult):
                return result
            target = urljoin(url, result)
            if urlsplit(target).scheme not in ("http", "https"):
                raise BlockedRedirectError(f"redirect to a non-web address: {target[:200]}")
            await self._check_reach(origin, target, "redirect")
            url = target
        raise FetchError(f"more than {MAX_REDIRECTS} redirects")

    async def _check_reach(self, origin: str, target: str, how: str) -> None:
        """Refuse, before any connection, a target the configured `origin` may not lead to."""
        if same_host(origin, target):
            return
        addresses = await self._addresses(urlsplit(target).hostname or "")
        reach = reach_of(addresses)
        if reach is Reach.PUBLIC:
            return
        if reach is Reach.PRIVATE and self.settings.allow_private_redirects:
            return
        raise BlockedRedirectError(f"{how} to {refusal(target, reach, addresses)}")

    async def _fetch_once(self, url: str, validators: Validators) -> FetchResult | str:
        """One request. Returns the result, or the Location of a redirect."""
        headers = {}
        if validators.etag:
            headers["If-None-Match"] = validators.etag
        if validators.last_modified:
            headers["If-Modified-Since"] = validators.last_modified
        host = urlsplit(url).hostname or ""
        async with self.politeness.slot(host):
            try:
                return await self._request_within_deadline(url, headers)
            except httpx.TimeoutException as exc:
                raise TransportError(f"timed out ({type(exc).__name__})") from None
            except httpx.TransportError as exc:
                if _name_not_resolved(exc):
                    message = f"the name {host[:200]} does not resolve to an address (DNS)"
                    raise NameNotResolvedError(message) from None
                raise TransportError(f"{type(exc).__name__}: {exc}"[:300]) from None
            except httpx.InvalidURL as exc:  # raised for a Location that is no usable address
                raise BlockedRedirectError(f"unusable redirect: {exc}"[:300]) from None
            except httpx.HTTPError as exc:  # undecodable body, bad protocol, ...
                raise FetchError(f"{type(exc).__name__}: {exc}"[:300]) from None

    async def _request_within_deadline(
        self, url: str, headers: dict[str, str]
    ) -> FetchResult | str:
        deadline = self.settings.deadline
        try:
            async with asyncio.timeout(deadline) as timer:
                async with self.client.stream("GET", url, headers=headers) as response:
                    return await self._read(url, response)
        except TimeoutError:
            if not timer.expired():
                raise
            message = f"no whole response from {url[:200]} within the {deadline:g}s deadline"
            raise DeadlineError(message) from None

    async def _read(self, url: str, response: httpx.Response) -> FetchResult | str:
        status = response.status_code
        if status in (301, 302, 303, 307, 308) and "location" in response.headers:
            return response.headers["location"]
        found = Validators(response.headers.get("etag"), response.headers.get("last-modified"))
        if status == 304:
            # Read to its (empty) end: a response closed unread closes its connection, and a
            # warm round would open a new one for every source.
            await self._read_capped(response)
            return FetchResult(url, status, validators=found, not_modified=True)
        if status >= 400:
            raise HTTPStatusError(status, parse_retry_after(response.headers.get("retry-after")))
        body = await self._read_capped(response)
        content_type = response.headers.get("content-type")
        return FetchResult(url, status, body, content_type, found)

    async def _read_capped(self, response: httpx.Response) -> bytes:
        cap = self.settings.max_body
        declared = response.headers.get("content-length", "")
        if declared.isdigit() and int(declared) > cap:
            raise TooLargeError(f"body of {int(declared)} bytes is over the {cap}-byte cap")
        chunks: list[bytes] = []
        size = 0
        async for chunk in response.aiter_bytes():  # decoded, so a gzip bomb is capped too
            size += len(chunk)
            if size > cap:
                raise TooLargeError(f"body passed the {cap}-byte cap")
            chunks.append(chunk)
        return b"".join(chunks)

    async def _addresses(self, host: str) -> list[IPAddress]:
        """What `host` resolves to; none when it cannot be resolved."""
        literal = literal_address(host)
        if literal is not None:
            return [literal]
        try:
            return [ipaddress.ip_address(a) for a in await self.resolve(host)]
        except (OSError, ValueError):
            return []


def _retryable(exc: FetchError) -> bool:
    """A failure worth another try within the poll: a timeout, a refused connection, a busy
    server; not an error status that means it, nor a name that does not resolve."""
    if isinstance(exc, HTTPStatusError):
        return exc.status in RETRY_STATUSES
    return not isinstance(exc, NameNotResolvedError)


def _name_not_resolved(exc: BaseException) -> bool:
    """Whether a connection failed because the host's name did not resolve."""
    seen: BaseException | None = exc
    while seen is not None:
        if isinstance(seen, socket.gaierror):
            return True
        seen = seen.__cause__ or seen.__context__
    return False


def parse_retry_after(value: str | None, now: datetime | None = None) -> float | None:
    """Retry-After as seconds: either a number or an HTTP date."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - (now or datetime.now(UTC))).total_seconds())
