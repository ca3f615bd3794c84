"""The demo site: the story replayed over HTTP on 127.0.0.1, growing as time passes.

`Replay` says what the site holds at a given moment (a post appears `post.at / speed` seconds
after the start); `SiteServer` serves it from a background thread on an ephemeral port. Every
response carries an ETag and a Last-Modified, and a conditional GET for an unchanged document
gets a 304, as the watcher's fetcher expects from a well-behaved feed.
"""

from __future__ import annotations

import hashlib
import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from email.utils import format_datetime, parsedate_to_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import TracebackType
from typing import Self
from urllib.parse import urlsplit

from watcher.demo.render import feed_xml, index_html, item_html
from watcher.demo.story import Outlet, Post, Story

log = logging.getLogger(__name__)

Clock = Callable[[], datetime]

RSS = "application/rss+xml; charset=utf-8"
HTML = "text/html; charset=utf-8"


@dataclass(frozen=True)
class Page:
    """One document as the site serves it now."""

    body: bytes
    content_type: str
    last_modified: datetime

    @property
    def etag(self) -> str:
        return '"' + hashlib.sha256(self.body).hexdigest()[:32] + '"'

    def is_fresh(self, if_none_match: str | None, if_modified_since: str | None) -> bool:
        """Does the client's copy still hold? An ETag, when sent, decides alone (RFC 9110)."""
        if if_none_match is not None:
            tags = {tag.strip().removeprefix("W/") for tag in if_none_match.split(",")}
            return "*" in tags or self.etag in tags
        if not if_modified_since:
            return False
        try:
            since = parsedate_to_datetime(if_modified_since)
        except (TypeError, ValueError):
            return False
        return since.tzinfo is not None and self.last_modified.replace(microsecond=0) <= since


class Replay:
    """The story as it stands at the clock's time: what has appeared, and when."""

    def __init__(self, story: Story, started: datetime, speed: float, clock: Clock) -> None:
        if speed <= 0:
            raise ValueError("speed must be above zero")
        self.story = story
        self.started = started.replace(microsecond=0)
        self.speed = speed
        self.clock = clock

    def released_at(self, post: Post) -> datetime:
        return self.started + timedelta(seconds=post.at / self.speed)

    @property
    def ends_at(self) -> datetime:
        return self.started + timedelta(seconds=self.story.length / self.speed)

    def is_over(self) -> bool:
        return self.clock() >= self.ends_at

    def released(self, outlet: Outlet | None = None) -> list[tuple[Post, datetime]]:
        """The posts out by now (of one outlet, or all), newest first, with their times."""
        now = self.clock()
        out = [
            (post, self.released_at(post))
            for post in self.story.posts
            if (outlet is None or post.outlet == outlet.slug) and self.released_at(post) <= now
        ]
        return sorted(out, key=lambda pair: pair[1], reverse=True)

    def page(self, path: str, base: str) -> Page | None:
        """The document at `path` now, or None: a post's page does not exist before the post."""
        if path in ("", "/"):
            return Page(index_html(self.story, base).encode(), HTML, self.started)
        for outlet in self.story.outlets:
            posts = self.released(outlet)
            if path == outlet.feed_path:
                newest = posts[0][1] if posts else self.started
                return Page(feed_xml(outlet, posts, base).encode(), RSS, newest)
            for post, when in posts:
                if path == outlet.item_path(post):
                    return Page(item_html(outlet, post, when).encode(), HTML, when)
        return None


class SiteServer:
    """`replay` served on 127.0.0.1 at an ephemeral port, from a background thread."""

    def __init__(self, replay: Replay) -> None:
        self.replay = replay
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), _handler_for(self))
        self._server.daemon_threads = True
        self._thread = threading.Thread(
            target=self._server.serve_forever,
            kwargs={"poll_interval": 0.1},
            name="demo-site",
            daemon=True,
        )

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self._server.server_address[1]}"

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        if self._thread.is_alive():
            self._server.shutdown()
            self._thread.join(timeout=5)
        self._server.server_close()

    def __enter__(self) -> Self:
        self.start()
        return self

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.stop()


def _handler_for(site: SiteServer) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        server_version = "watcher-demo"

        def do_GET(self) -> None:
            page = site.replay.page(urlsplit(self.path).path, site.base_url)
            if page is None:
                self._reply(404, b"not here (yet)\n", {"Content-Type": "text/plain"})
                return
            headers = {
                "ETag": page.etag,
                "Last-Modified": format_datetime(page.last_modified, usegmt=True),
                "Cache-Control": "no-cache",
            }
            inm, ims = self.headers.get("If-None-Match"), self.headers.get("If-Modified-Since")
            if page.is_fresh(inm, ims):
                self._reply(304, b"", headers)
                return
            self._reply(200, page.body, {**headers, "Content-Type": page.content_type})

        def do_HEAD(self) -> None:
            self.do_GET()

        def _reply(self, status: int, body: bytes, headers: dict[str, str]) -> None:
            self.send_response(status)
            for name, value in headers.items():
                self.send_header(name, value)
            if status != 304:
                self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            if self.command != "HEAD" and status != 304:
                self.wfile.write(body)

        def log_message(self, format: str, *args: object) -> None:
            log.debug("site: " + format, *args)

    return Handler
