"""A Labour deputy leadership contest told over four rounds by a local site.

Round 1: two declarations on the candidates' own feeds, one in the news, and one dated before
the contest opens. Round 2: an endorsement on an MP's own feed and a news report of it; another
endorsement reported by two outlets. Round 3: that first MP switches; a third MP backs the same
candidate, who reaches the threshold. Round 4: a candidate withdraws on her own feed and backs
a rival, and the news reports it; and a paper reports, late and undated, the first MP's first
endorsement (the same story as her own post: not a switch back).

Each round is played by `run_once()`, the real one-round mode, at noon (UTC) of its day.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from conftest import Entry, load, rss, write_config

from support.httpserver import FixtureServer
from support.polling import Clock
from watcher.config import Config
from watcher.scheduler import run_once

CONTEST = "Labour deputy leadership 2026"
BASE = "https://watcher.example.org"
POWELL, PHILLIPSON, RIBEIRO = "Lucy Powell", "Bridget Phillipson", "Bell Ribeiro-Addy"
BARKER, BURGON, MCGOVERN, THORNBERRY = (
    "Paula Barker",
    "Richard Burgon",
    "Alison McGovern",
    "Emily Thornberry",
)
OWN_FEEDS = {
    POWELL: "/powell.rss",
    PHILLIPSON: "/phillipson.rss",
    BARKER: "/barker.rss",
    RIBEIRO: "/ribeiro-addy.rss",
}
NEWS = {"The Courier": "/courier.rss", "Northern Post": "/post.rss"}
DESK = "desk@example.org"

CONFIG = """\
settings:
  archive: watcher.db
  timezone: Europe/London
  timeout: 2s
  retries: 0
mps:
{mps}
news:
{news}
contests:
  - {{name: {contest}, party: Labour, post: deputy leader, opens: 2026-09-01,
      closes: 2026-10-20, threshold: 3}}
notify:
  outbox_dir: outbox
  subscriptions:
    - {{name: race, to: {desk}, contests: [{contest}]}}
web:
  base_url: {base}
"""


def utc(day: int, hour: int, minute: int = 0, month: int = 9) -> datetime:
    return datetime(2026, month, day, hour, minute, tzinfo=UTC)


@dataclass(frozen=True)
class Post:
    feed: str
    key: str
    text: str
    published: datetime


ROUNDS: tuple[tuple[Post, ...], ...] = (
    (
        Post(
            "/powell.rss",
            "powell-1",
            "I am standing to be Labour's deputy leader. Our party needs a deputy who speaks"
            " for members.",
            utc(2, 8),
        ),
        Post(
            "/phillipson.rss",
            "phillipson-1",
            "Today I am launching my campaign to become deputy leader of the Labour Party.",
            utc(2, 9),
        ),
        Post(
            "/courier.rss",
            "courier-1",
            "Bell Ribeiro-Addy has entered the race to become Labour's deputy leader, saying the"
            " party must listen to its members.",
            utc(2, 9, 30),
        ),
        Post(
            "/courier.rss",
            "courier-0",
            "Emily Thornberry has entered the race to become Labour's deputy leader.",
            utc(20, 9, month=8),
        ),
    ),
    (
        Post(
            "/barker.rss",
            "barker-1",
            "I'm backing Bridget Phillipson to be our next deputy leader. She has the experience"
            " we need.",
            utc(3, 8),
        ),
        Post(
            "/post.rss",
            "post-1",
            "Paula Barker, the MP for Liverpool Wavertree, said she was backing Bridget"
            " Phillipson in the deputy leadership race.",
            utc(3, 9),
        ),
        Post(
            "/courier.rss",
            "courier-2",
            "Richard Burgon has backed Lucy Powell in the race to be Labour's deputy leader.",
            utc(3, 10),
        ),
        Post(
            "/post.rss",
            "post-2",
            "Richard Burgon said he would back Lucy Powell for deputy leader.",
            utc(3, 11),
        ),
    ),
    (
        Post(
            "/barker.rss",
            "barker-2",
            "I've changed my mind. I'm now backing Lucy Powell for deputy leader.",
            utc(4, 8),
        ),
        Post(
            "/courier.rss",
            "courier-3",
            "Alison McGovern has endorsed Lucy Powell for deputy leader.",
            utc(4, 9),
        ),
    ),
    (
        Post(
            "/ribeiro-addy.rss",
            "ribeiro-1",
            "I am withdrawing from the deputy leadership contest. I will be backing Lucy"
            " Powell, who can unite our party.",
            utc(5, 8),
        ),
        Post(
            "/post.rss",
            "post-3",
            "Bell Ribeiro-Addy has withdrawn from the race to be Labour's deputy leader and is"
            " backing Lucy Powell.",
            utc(5, 9),
        ),
        Post(
            "/courier.rss",
            "courier-4",
            "Paula Barker has said she is backing Bridget Phillipson for deputy leader.",
            utc(5, 10),
        ),
    ),
)
ROUND_DAYS = (2, 3, 4, 5)  # each round is played at noon (UTC) of this day of September


class ContestSite:
    """The story's feeds on a FixtureServer; a feed lists every post it has had so far."""

    def __init__(self, server: FixtureServer) -> None:
        self.server = server
        feeds = [*OWN_FEEDS.values(), *NEWS.values()]
        self.posts: dict[str, list[Entry]] = {feed: [] for feed in feeds}
        for feed in feeds:
            server.set_feed(feed, rss([]))

    def publish(self, post: Post) -> None:
        link = f"https://example.org{post.feed.removesuffix('.rss')}/{post.key}"
        self.posts[post.feed].insert(
            0, Entry(f"Post {post.key}", post.text, post.key, link, post.published)
        )
        self.server.set_feed(post.feed, rss(self.posts[post.feed]))


def contest_config(folder: Path, server: FixtureServer) -> Config:
    mps = []
    for name in (POWELL, PHILLIPSON, RIBEIRO, BARKER, BURGON, MCGOVERN, THORNBERRY):
        mps.append(f"  - name: {name}")
        if name in OWN_FEEDS:
            mps.append(f'    sources: [{{kind: feed, url: "{server.url(OWN_FEEDS[name])}"}}]')
    news = [f'  - {{kind: feed, name: {n}, url: "{server.url(p)}"}}' for n, p in NEWS.items()]
    text = CONFIG.format(
        mps="\n".join(mps), news="\n".join(news), contest=CONTEST, base=BASE, desk=DESK
    )
    return load(write_config(folder, text), {})


def play_round(config: Config, site: ContestSite, number: int) -> datetime:
    """Publish round `number` (1 to 4) and run one round of the watcher at its noon."""
    for post in ROUNDS[number - 1]:
        site.publish(post)
    at = utc(ROUND_DAYS[number - 1], 12)
    assert asyncio.run(run_once(config, Clock(at))) == 0
    return at


def build_contest_archive(folder: Path, server: FixtureServer) -> Config:
    """The whole story played into an archive in `folder`; the config to read it with."""
    site = ContestSite(server)
    config = contest_config(folder, server)
    for number in range(1, len(ROUNDS) + 1):
        play_round(config, site, number)
    return config
