"""kill -9 at many moments of a round, with restarts: nothing lost, nothing sent twice.

Real `watcher run --once` processes poll a real local HTTP server, archive into one SQLite
file and send to a real SMTP server. Each round finds a new post, and is killed at a moment
drawn from a seeded random sequence: while starting, polling, archiving or sending. Then rounds
run to the end until the outbox is empty, and every post's alert must have gone out once; a
second copy is allowed only in the documented window (the server accepted a message and the
process died before recording it), which resends it with the same Message-ID. A message a
killed round had claimed waits for its lease to lapse; the test lets the leases lapse rather
than wait ten minutes.
"""

from __future__ import annotations

import random
import signal
import sqlite3
import subprocess
import sys
from collections import defaultdict
from pathlib import Path

import pytest
from conftest import Entry, basic_config, minutes_ago, rss
from support.httpserver import FixtureServer
from support.mail import parts
from support.process import watcher_json
from support.smtpsink import SmtpSink

pytestmark = [pytest.mark.slow, pytest.mark.timeout(600)]

KILLS = 50
FEEDS = 5
WORDS = (
    "harbour",
    "lantern",
    "orchard",
    "meadow",
    "quarry",
    "bridge",
    "willow",
    "granite",
    "beacon",
    "cobble",
    "thistle",
    "saddle",
    "furnace",
    "tannery",
    "pottery",
    "ferry",
    "chapel",
    "market",
    "foundry",
    "marsh",
    "heath",
    "spinney",
    "copse",
    "viaduct",
    "lighthouse",
    "mill",
    "weir",
    "causeway",
    "terrace",
    "arcade",
    "bandstand",
    "pier",
    "lido",
    "allotment",
    "orchestra",
    "choir",
    "library",
    "museum",
    "gallery",
    "theatre",
    "depot",
    "warehouse",
    "signal",
    "junction",
)


def words_for(n: int) -> str:
    """A text of its own for post `n`, sharing few words with any other."""
    chosen = random.Random(n).sample(WORDS, 7)
    return f"Today I saw the {' '.join(chosen)} number {n}."


def post(n: int) -> Entry:
    return Entry(
        f"Post {n}", words_for(n), f"post-{n}", f"http://example.org/post-{n}", minutes_ago(1)
    )


def start_round(config: Path) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, "-m", "watcher", "run", "--once", "-c", str(config)],
        cwd=config.parent,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


def test_kill_9_at_fifty_moments_loses_nothing_and_repeats_nothing(
    tmp_path: Path, http_server: FixtureServer, smtp_server: SmtpSink
) -> None:
    feeds: dict[int, list[Entry]] = {f: [] for f in range(FEEDS)}
    for f in feeds:
        http_server.set_feed(f"/feed{f}.xml", rss([]))
    config = basic_config(
        tmp_path,
        mp_feeds=[http_server.url(f"/feed{f}.xml") for f in feeds],
        smtp_port=smtp_server.port,
    )
    moments = random.Random(2026)
    killed = posts = 0
    while killed < KILLS:  # a round that ends before its moment is simply a round
        assert posts < 4 * KILLS, "rounds end too soon to be killed"
        feeds[posts % FEEDS].insert(0, post(posts))
        http_server.set_feed(f"/feed{posts % FEEDS}.xml", rss(feeds[posts % FEEDS]))
        posts += 1
        process = start_round(config)
        try:
            process.wait(timeout=moments.uniform(0.1, 1.6))
        except subprocess.TimeoutExpired:
            process.send_signal(signal.SIGKILL)
            process.wait()
            killed += 1

    finish_rounds(config)
    lapse_leases(tmp_path / "watcher.db", at_most=killed)  # what ten minutes would do
    finish_rounds(config)

    database = sqlite3.connect(tmp_path / "watcher.db")
    try:
        assert database.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        waiting = database.execute("SELECT count(*) FROM outbox WHERE status != 'sent'")
        assert waiting.fetchone() == (0,)
    finally:
        database.close()
    ids_by_post: dict[int, set[str]] = defaultdict(set)
    copies: dict[int, int] = defaultdict(int)
    for mail in smtp_server.messages:
        plain = parts(mail.message)[0]
        for n in range(posts):
            if words_for(n) in plain:
                ids_by_post[n].add(str(mail.message["Message-ID"]))
                copies[n] += 1
    assert sorted(ids_by_post) == list(range(posts))  # every post's alert went out
    assert all(len(ids) == 1 for ids in ids_by_post.values())  # a copy is the same message
    assert sum(c - 1 for c in copies.values()) <= killed  # at most one copy per kill


def finish_rounds(config: Path) -> None:
    """Rounds run to their end, until nothing they may send is waiting."""
    for _ in range(3):
        assert start_round(config).wait(timeout=120) in (0, 1)
        waiting = watcher_json("outbox", "-c", str(config), cwd=config.parent)
        if all(entry["status"] == "sending" for entry in waiting):
            return


def lapse_leases(archive: Path, at_most: int) -> None:
    """Let the claims of killed rounds lapse, as their ten-minute leases would."""
    database = sqlite3.connect(archive)
    try:
        with database:
            lapsed = database.execute(
                "UPDATE outbox SET claimed_until = '2000-01-01T00:00:00+00:00'"
                " WHERE status = 'pending' AND claimed_until IS NOT NULL"
            ).rowcount
    finally:
        database.close()
    assert lapsed <= at_most  # a killed round holds at most the message it was sending
