"""A disk that fills: the round says so in one line, loses nothing, and resumes once there is
room. The archive lives on a small tmpfs the test mounts (and grows), so this needs the right
to mount; without it the test is skipped, saying why."""

from __future__ import annotations

import random
import sqlite3
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import Entry, basic_config, minutes_ago, rss
from support.httpserver import FixtureServer
from support.process import watcher
from support.smtpsink import SmtpSink

pytestmark = [pytest.mark.slow, pytest.mark.timeout(180)]

WORDS = ("harbour", "lantern", "orchard", "meadow", "quarry", "bridge", "willow", "beacon")


def long_post(n: int) -> Entry:
    """A post of about 20 KB, its words its own."""
    rnd = random.Random(n)
    text = " ".join(f"{rnd.choice(WORDS)}{rnd.randint(0, 10**6)}" for _ in range(1500))
    return Entry(
        f"Post {n}", f"Today I said {text}.", f"p{n}", f"http://example.org/{n}", minutes_ago(1)
    )


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    disk = tmp_path / "disk"
    disk.mkdir()
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=1500k", "tmpfs", str(disk)],
        capture_output=True,
        check=False,
    )
    if mounted.returncode != 0:
        pytest.skip(f"cannot mount a small file system here: {mounted.stderr.decode().strip()}")
    try:
        yield disk
    finally:
        subprocess.run(["umount", "-l", str(disk)], check=False)


def run_round(config: Path) -> subprocess.CompletedProcess[str]:
    return watcher("run", "--once", "-c", str(config), cwd=config.parent, timeout=120)


def test_a_full_disk_is_one_line_then_the_round_resumes_with_nothing_lost(
    small_disk: Path, http_server: FixtureServer, smtp_server: SmtpSink
) -> None:
    posts = [long_post(n) for n in range(60)]
    http_server.set_feed(
        "/small.xml", rss([Entry("Hi", "I am standing.", "s1", None, minutes_ago(1))])
    )
    http_server.set_feed("/big.xml", rss(posts))
    feeds = [http_server.url("/small.xml"), http_server.url("/big.xml")]
    config = basic_config(small_disk, mp_feeds=feeds, smtp_port=smtp_server.port)

    full = run_round(config)

    assert full.returncode == 1
    assert "is full; nothing was written" in full.stderr
    assert "Traceback" not in full.stderr
    assert len(smtp_server.messages) == 1  # the small source's alert went out all the same

    subprocess.run(["mount", "-o", "remount,size=40m", str(small_disk)], check=True)
    resumed = run_round(config)

    assert resumed.returncode == 0, resumed.stderr
    database = sqlite3.connect(small_disk / "watcher.db")
    try:
        assert database.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        assert database.execute("SELECT count(*) FROM items").fetchone() == (61,)
        waiting = database.execute("SELECT count(*) FROM outbox WHERE status != 'sent'")
        assert waiting.fetchone() == (0,)
    finally:
        database.close()
    ids = [str(m.message["Message-ID"]) for m in smtp_server.messages]
    assert len(ids) == len(set(ids)) == 61  # each alert once
