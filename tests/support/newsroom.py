"""A small newsroom archive for the web page's tests, made by the real pipeline.

Two MPs with their own feeds and a news feed are served by a FixtureServer and polled by
`poll_source()`; the alerts queued are then marked sent, as the sender would. A second poll
sees one post edited and a page gone.
"""

from __future__ import annotations

import asyncio
import html
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from conftest import Entry, load, rss, write_config

from support.httpserver import FixtureServer
from support.polling import Clock, polling, query
from watcher.archive import Archive
from watcher.config import Config
from watcher.pipeline import poll_source

T0 = datetime(2024, 6, 3, 9, 0, tzinfo=UTC)
HOUR = timedelta(hours=1)
HOSTILE = (
    "I back the miners <script>window.pwned = 1</script> and "
    '<img src=x onerror="window.pwned = 2"> nothing else.'
)
LEADERSHIP = "I will stand for the leadership of the Labour Party."
EDITED = "Our towns need investment. I will fight for every job in Blyth."
EDITED_LATER = "Our towns need investment. I will fight for every job in Blyth and Ashington."
PAGE_TEXT = "Statement from the office of Rebecca Long Bailey. We will keep campaigning."

CONFIG = """\
settings:
  archive: watcher.db
  timezone: Europe/London
  timeout: 2s
  retries: 0
mps:
  - name: Ian Lavery
    aliases: [Mr Lavery]
    party: Labour
    constituency: Blyth and Ashington
    sources:
      - {{kind: feed, url: "{lavery}", name: Lavery's feed}}
  - name: Rebecca Long Bailey
    party: Labour
    sources:
      - {{kind: feed, url: "{rlb}", name: Long Bailey's feed}}
      - {{kind: page, url: "{page}", name: Long Bailey's statement page}}
news:
  - {{kind: feed, url: "{news}", name: North East News}}
notify:
  outbox_dir: outbox
  subscriptions:
    - {{to: desk@example.org, mps: all, kinds: all}}
"""


@dataclass(frozen=True)
class Newsroom:
    config: Config
    path: Path  # the config file

    def statement_id(self, text_start: str) -> int:
        rows = query(
            self.config.archive_path,
            "SELECT id FROM statements WHERE text LIKE ? ORDER BY id",
            (f"{text_start}%",),
        )
        assert rows, f"no statement starting {text_start!r}"
        return int(rows[0][0])


def post(key: str, text: str, published: datetime) -> Entry:
    return Entry(f"Post {key}", text, key, f"https://example.org/posts/{key}", published)


def lavery_posts(edited: str) -> str:
    return rss(
        [
            post("bid", LEADERSHIP, T0 - timedelta(hours=3)),
            post("towns", edited, T0 - timedelta(hours=2)),
            post("hostile", html.escape(HOSTILE), T0 - timedelta(hours=1)),  # text, not markup
        ]
    )


def build_newsroom(folder: Path, server: FixtureServer) -> Newsroom:
    """Serve the feeds, poll every source twice (the second time after edits), mark alerts
    sent, and return the config."""
    server.set_feed("/lavery.rss", lavery_posts(EDITED))
    backs = post("rlb-backs", "I am backing Ian Lavery for leader.", T0 - timedelta(hours=2))
    nhs = post("rlb-nhs", "The leadership of our NHS staff is inspiring.", T0 - timedelta(hours=5))
    server.set_feed("/rlb.rss", rss([backs, nhs]))
    page = f"<html><body><article><h1>Statement</h1><p>{PAGE_TEXT}</p></article></body></html>"
    server.set_response("/rlb-statement", 200, page.encode(), {"Content-Type": "text/html"})
    news = (
        "<p>Ian Lavery said on Monday: \u201cI will stand for the leadership of the Labour "
        "Party.\u201d</p><p>His allies were delighted.</p>"
    )
    report = Entry("Lavery to stand", news, "n1", "https://news.example.org/n1", T0 - HOUR)
    server.set_feed("/news.rss", rss([report]))
    path = write_config(
        folder,
        CONFIG.format(
            lavery=server.url("/lavery.rss"),
            rlb=server.url("/rlb.rss"),
            page=server.url("/rlb-statement"),
            news=server.url("/news.rss"),
        ),
    )
    config = load(path)
    clock = Clock(T0)
    asyncio.run(_poll_all(config, clock))
    _mark_alerts_sent(config, T0 + timedelta(minutes=1))
    server.set_feed("/lavery.rss", lavery_posts(EDITED_LATER))
    server.set_response("/rlb-statement", 410, b"gone")
    clock.advance(hours=1)
    asyncio.run(_poll_all(config, clock))
    return Newsroom(config, path)


async def _poll_all(config: Config, clock: Clock) -> None:
    async with polling(config, clock) as ctx:
        for source in config.sources:
            await poll_source(source, ctx, force=True)


def _mark_alerts_sent(config: Config, when: datetime) -> None:
    archive = Archive(config.archive_path)
    try:
        for message in archive.due_messages(when):
            archive.mark_sent(message.outbox_id, when)
    finally:
        archive.close()
