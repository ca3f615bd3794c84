"""A real local HTTP server for tests, with routes configured at run time.

Every response is HTTP/1.0-style: the connection is closed after each response.
All configuration methods are thread-safe and may be called while the server runs.
"""

from __future__ import annotations

import gzip
import hashlib
import sys
import threading
import time
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime, parsedate_to_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import TracebackType
from typing import Any, Self, cast
from urllib.parse import urlsplit

__all__ = ["FixtureServer", "RecordedRequest"]

CHUNK_SIZE = 64 * 1024
# Errors that mean "the client went away"; handlers end quietly on these.
_CLIENT_GONE = (BrokenPipeError, ConnectionResetError, ConnectionAbortedError, TimeoutError)
_HUGE_PREFIX = b'<?xml version="1.0" encoding="utf-8"?>\n<rss version="2.0"><channel>\n'
_HUGE_FILLER = b"<!-- filler filler filler filler filler filler filler filler -->\n"


@dataclass(frozen=True)
class RecordedRequest:
    method: str
    path: str  # path without query string
    headers: dict[str, str]  # header names lower-cased; repeated headers joined with ", "


@dataclass(frozen=True)
class _Feed:
    body: bytes
    gzip_body: bytes
    content_type: str
    etag: str
    last_modified: datetime  # UTC, whole seconds


@dataclass(frozen=True)
class _Fixed:
    status: int
    body: bytes
    headers: dict[str, str]


@dataclass(frozen=True)
class _Hang:
    seconds: float


@dataclass(frozen=True)
class _Huge:
    total_bytes: int
    content_type: str


@dataclass(frozen=True)
class _Trickle:
    prefix: bytes  # sent at once
    slow: bytes  # then one byte every `interval` seconds
    interval: float


_Route = _Feed | _Fixed | _Hang | _Huge | _Trickle


def _to_utc_seconds(value: datetime) -> datetime:
    if value.tzinfo is None:
        value = value.replace(tzinfo=UTC)
    return value.astimezone(UTC).replace(microsecond=0)


def _http_date(value: datetime) -> str:
    return format_datetime(value, usegmt=True)


def _accepts_gzip(accept_encoding: str | None) -> bool:
    if not accept_encoding:
        return False
    for item in accept_encoding.split(","):
        name, _, params = item.strip().partition(";")
        if name.strip().lower() not in ("gzip", "x-gzip", "*"):
            continue
        params = params.strip().lower().replace(" ", "")
        if params.startswith("q="):
            try:
                if float(params[2:]) <= 0:
                    continue
            except ValueError:
                continue
        return True
    return False


def _etag_matches(if_none_match: str, etag: str) -> bool:
    if if_none_match.strip() == "*":
        return True
    wanted = etag.removeprefix("W/")
    return any(tag.strip().removeprefix("W/") == wanted for tag in if_none_match.split(","))


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True
    request_queue_size = 64  # many connections at once, as the watcher opens them, wait no second

    def __init__(self, fixture: FixtureServer) -> None:
        self.fixture = fixture
        self._active: set[threading.Thread] = set()
        self._active_lock = threading.Lock()
        super().__init__(("127.0.0.1", 0), _Handler)

    def process_request_thread(self, request: Any, client_address: Any) -> None:
        me = threading.current_thread()
        with self._active_lock:
            self._active.add(me)
        try:
            super().process_request_thread(request, client_address)
        finally:
            with self._active_lock:
                self._active.discard(me)

    def active_threads(self) -> list[threading.Thread]:
        with self._active_lock:
            return list(self._active)

    def handle_error(self, request: Any, client_address: Any) -> None:
        # Client disconnects are expected in tests (abandoned streams, timeouts): stay quiet.
        # Anything else is a bug in this helper, so keep the default traceback.
        exc = sys.exc_info()[1]
        if isinstance(exc, _CLIENT_GONE) or self.fixture._stopping.is_set():
            return
        super().handle_error(request, client_address)


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.0"
    server_version = "FixtureServer/1.0"
    sys_version = ""
    timeout = 10.0  # socket timeout so a stuck client cannot pin a thread forever

    def log_message(self, format: str, *args: Any) -> None:
        pass  # no per-request stderr logging

    @property
    def fixture(self) -> FixtureServer:
        return cast(_Server, self.server).fixture

    def do_GET(self) -> None:
        self._dispatch()

    do_HEAD = do_POST = do_PUT = do_PATCH = do_DELETE = do_OPTIONS = do_GET

    def _dispatch(self) -> None:
        try:
            self._serve()
        except _CLIENT_GONE:
            self.close_connection = True

    def _serve(self) -> None:
        fixture = self.fixture
        path = urlsplit(self.path).path
        headers: dict[str, str] = {}
        for name, value in self.headers.items():
            key = name.lower()
            headers[key] = f"{headers[key]}, {value}" if key in headers else value
        fixture._record(RecordedRequest(method=self.command, path=path, headers=headers))
        self._drain_body()

        route, delay = fixture._lookup(path)
        if delay > 0 and fixture._stopping.wait(delay):
            return  # stopped while delaying: just close
        if route is None:
            self._send_simple(404, b"not found\n", {"Content-Type": "text/plain"})
        elif isinstance(route, _Feed):
            self._send_feed(route)
        elif isinstance(route, _Fixed):
            self._send_simple(route.status, route.body, route.headers)
        elif isinstance(route, _Hang):
            fixture._stopping.wait(route.seconds)
            # Close without sending any response at all.
        elif isinstance(route, _Trickle):
            self._send_trickle(route)
        else:
            self._send_huge(route)

    def _drain_body(self) -> None:
        length = self.headers.get("Content-Length")
        if length and length.isdigit() and int(length) > 0:
            self.rfile.read(int(length))

    def _write_body(self, body: bytes) -> None:
        if self.command != "HEAD" and body:
            self.wfile.write(body)

    def _send_simple(self, status: int, body: bytes, headers: dict[str, str]) -> None:
        self.send_response(status)
        lowered = {k.lower() for k in headers}
        for name, value in headers.items():
            self.send_header(name, value)
        if "content-length" not in lowered:
            self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self._write_body(body)

    def _send_feed(self, feed: _Feed) -> None:
        last_modified = _http_date(feed.last_modified)
        if self.command in ("GET", "HEAD") and self._not_modified(feed):
            self.send_response(304)
            self.send_header("ETag", feed.etag)
            self.send_header("Last-Modified", last_modified)
            self.end_headers()
            return
        use_gzip = _accepts_gzip(self.headers.get("Accept-Encoding"))
        body = feed.gzip_body if use_gzip else feed.body
        self.send_response(200)
        self.send_header("Content-Type", feed.content_type)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("ETag", feed.etag)
        self.send_header("Last-Modified", last_modified)
        self.send_header("Vary", "Accept-Encoding")
        if use_gzip:
            self.send_header("Content-Encoding", "gzip")
        self.end_headers()
        self._write_body(body)

    def _not_modified(self, feed: _Feed) -> bool:
        if_none_match = self.headers.get("If-None-Match")
        if if_none_match is not None:  # takes precedence over If-Modified-Since (RFC 9110)
            return _etag_matches(if_none_match, feed.etag)
        if_modified_since = self.headers.get("If-Modified-Since")
        if if_modified_since is None:
            return False
        try:
            since = _to_utc_seconds(parsedate_to_datetime(if_modified_since))
        except (TypeError, ValueError):
            return False
        return feed.last_modified <= since

    def _send_trickle(self, trickle: _Trickle) -> None:
        self.wfile.write(trickle.prefix)
        self.wfile.flush()
        stopping = self.fixture._stopping
        for index in range(len(trickle.slow)):
            if stopping.wait(trickle.interval):
                return
            self.wfile.write(trickle.slow[index : index + 1])
            self.wfile.flush()

    def _send_huge(self, huge: _Huge) -> None:
        self.send_response(200)
        self.send_header("Content-Type", huge.content_type)
        self.end_headers()
        if self.command == "HEAD":
            return
        stopping = self.fixture._stopping
        filler = _HUGE_FILLER * (CHUNK_SIZE // len(_HUGE_FILLER) + 1)
        first = (_HUGE_PREFIX + filler)[:CHUNK_SIZE]
        chunk = filler[:CHUNK_SIZE]
        remaining = huge.total_bytes
        current = first
        while remaining > 0 and not stopping.is_set():
            piece = current[:remaining]
            self.wfile.write(piece)
            remaining -= len(piece)
            current = chunk


class FixtureServer:
    """Local HTTP server on 127.0.0.1 with an ephemeral port; see module docstring."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._routes: dict[str, _Route] = {}
        self._delays: dict[str, float] = {}
        self._requests: list[RecordedRequest] = []
        self._stopping = threading.Event()
        self._server: _Server | None = None
        self._thread: threading.Thread | None = None

    # -- lifecycle -------------------------------------------------------------------------

    def start(self) -> None:
        if self._server is not None:
            raise RuntimeError("FixtureServer already started")
        self._stopping.clear()
        server = _Server(self)
        self._server = server
        self._thread = threading.Thread(
            target=server.serve_forever,
            kwargs={"poll_interval": 0.05},
            name=f"FixtureServer:{self.port}",
            daemon=True,
        )
        self._thread.start()

    def stop(self) -> None:
        server, thread = self._server, self._thread
        if server is None:
            return
        self._stopping.set()  # wakes hanging/delayed handlers and ends huge streams
        if thread is not None:
            server.shutdown()
            thread.join(timeout=5.0)
        server.server_close()
        # Give handler threads a moment to notice _stopping and finish quietly.
        deadline = time.monotonic() + 2.0
        for handler_thread in server.active_threads():
            handler_thread.join(timeout=max(0.0, deadline - time.monotonic()))
        self._server = None
        self._thread = None

    def __enter__(self) -> Self:
        self.start()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()

    # -- addresses -------------------------------------------------------------------------

    @property
    def port(self) -> int:
        if self._server is None:
            raise RuntimeError("FixtureServer is not running")
        return int(self._server.server_address[1])

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    # -- route configuration ---------------------------------------------------------------

    def set_feed(
        self,
        path: str,
        body: str | bytes,
        content_type: str = "application/rss+xml; charset=utf-8",
        last_modified: datetime | None = None,
    ) -> None:
        data = body.encode("utf-8") if isinstance(body, str) else bytes(body)
        etag = '"' + hashlib.sha256(data).hexdigest()[:32] + '"'
        with self._lock:
            if last_modified is not None:
                modified = _to_utc_seconds(last_modified)
            else:
                modified = _to_utc_seconds(datetime.now(UTC))
                previous = self._routes.get(path)
                if isinstance(previous, _Feed) and modified <= previous.last_modified:
                    # Guarantee a *new* Last-Modified even within the same second.
                    modified = previous.last_modified + timedelta(seconds=1)
            self._routes[path] = _Feed(
                body=data,
                gzip_body=gzip.compress(data, mtime=0),
                content_type=content_type,
                etag=etag,
                last_modified=modified,
            )

    def set_response(
        self,
        path: str,
        status: int,
        body: bytes = b"",
        headers: dict[str, str] | None = None,
    ) -> None:
        with self._lock:
            self._routes[path] = _Fixed(
                status=status, body=bytes(body), headers=dict(headers or {})
            )

    def set_hang(self, path: str, seconds: float) -> None:
        with self._lock:
            self._routes[path] = _Hang(seconds=seconds)

    def set_delay(self, path: str, seconds: float) -> None:
        with self._lock:
            if seconds > 0:
                self._delays[path] = seconds
            else:
                self._delays.pop(path, None)

    def set_huge(
        self, path: str, total_bytes: int, content_type: str = "application/rss+xml"
    ) -> None:
        with self._lock:
            self._routes[path] = _Huge(total_bytes=total_bytes, content_type=content_type)

    def set_trickle(
        self,
        path: str,
        body: str | bytes,
        *,
        headers: bool = False,
        interval: float = 0.1,
        content_type: str = "application/rss+xml; charset=utf-8",
    ) -> None:
        """A 200 whose body (and with `headers=True` the status line and headers too) comes one
        byte every `interval` seconds, so that no single read ever waits long.

        Trickled headers carry a padding header that makes them take at least 30 s.
        """
        data = body.encode("utf-8") if isinstance(body, str) else bytes(body)
        head = f"HTTP/1.0 200 OK\r\nContent-Type: {content_type}\r\n"
        if headers:
            head += "X-Padding: " + "." * int(30 / interval) + "\r\n"
        head_bytes = f"{head}Content-Length: {len(data)}\r\n\r\n".encode("ascii")
        prefix, slow = (b"", head_bytes + data) if headers else (head_bytes, data)
        with self._lock:
            self._routes[path] = _Trickle(prefix=prefix, slow=slow, interval=interval)

    # -- recorded requests -----------------------------------------------------------------

    @property
    def requests(self) -> list[RecordedRequest]:
        with self._lock:
            return list(self._requests)

    def requests_for(self, path: str) -> list[RecordedRequest]:
        with self._lock:
            return [r for r in self._requests if r.path == path]

    # -- used by the handler ---------------------------------------------------------------

    def _record(self, request: RecordedRequest) -> None:
        with self._lock:
            self._requests.append(request)

    def _lookup(self, path: str) -> tuple[_Route | None, float]:
        with self._lock:
            return self._routes.get(path), self._delays.get(path, 0.0)
