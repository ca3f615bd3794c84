"""End to end: deleted and edited items found by the real daemon, from a local site, told
through a real SMTP server, and shown on the statement page."""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from conftest import Entry, basic_config, load, rss, write_config
from starlette.testclient import TestClient
from support.httpserver import FixtureServer
from support.process import Daemon, plain_text, wait_until
from support.smtpsink import SmtpSink

from watcher.web import create_app

pytestmark = pytest.mark.slow

RECHECK = "recheck: {every: 2s, within: 7d}"
ARTICLE = "<html><head><title>{title}</title></head><body><article>{body}</article></body></html>"


def changes_config(
    tmp_path: Path, smtp: SmtpSink, mp_feeds: Sequence[str], news_feeds: Sequence[str] = ()
) -> Path:
    """Ian Lavery's feeds and news feeds (whose articles are fetched), polled every 2 s, items
    rechecked every 2 s, and the desk told of changes."""
    path = basic_config(
        tmp_path,
        mp_feeds=mp_feeds,
        news_feeds=news_feeds,
        smtp_port=smtp.port,
        interval="2s",
        extra_settings=RECHECK,
    )
    text = path.read_text().replace("kinds: all}", "kinds: all, changes: true}")
    for url in news_feeds:
        text = text.replace(
            f'{{kind: feed, url: "{url}"}}', f'{{kind: feed, url: "{url}", fetch_articles: true}}'
        )
    return write_config(tmp_path, text)


def days_ago(days: float) -> datetime:
    return datetime.now(UTC) - timedelta(days=days)


def own_posts(server: FixtureServer) -> list[Entry]:
    """Three posts by Ian Lavery, older than a day, so the first poll tells of none."""
    texts = [
        ("c", "I will be voting against the bill tonight.", 1.5),
        ("b", "I am standing down from the front bench.", 2),
        ("a", "A good day at the Blyth food bank.", 3),
    ]
    posts = []
    for key, text, age in texts:
        server.set_response(f"/posts/{key}", 200, ARTICLE.format(title=key, body=text).encode())
        posts.append(Entry(f"Post {key}", text, key, server.url(f"/posts/{key}"), days_ago(age)))
    return posts


def statement_of(config: Path, key: str) -> int:
    with sqlite3.connect(config.parent / "watcher.db") as db:
        row = db.execute(
            "SELECT s.id FROM statements s JOIN items i ON i.id = s.item_id WHERE i.key = ?",
            [key],
        ).fetchone()
    assert row is not None
    return int(row[0])


def test_a_deleted_post_gives_one_alert_and_a_deleted_page(
    tmp_path: Path, http_server: FixtureServer, smtp_server: SmtpSink
) -> None:
    posts = own_posts(http_server)
    http_server.set_feed("/lavery.xml", rss(posts))
    config = changes_config(tmp_path, smtp_server, [http_server.url("/lavery.xml")])
    with Daemon(config) as daemon:
        daemon.wait_for_log("status=ok new_items=3", timeout=15)
        http_server.set_feed("/lavery.xml", rss([posts[0], posts[2]]))  # b deleted
        mail = smtp_server.wait_for(1, timeout=15)[0].message
        polls = daemon.count("poll source=")
        daemon.wait_for_log("poll source=", timeout=15, times=polls + 2)
        daemon.wait_for_log("recheck items=", timeout=15)
        assert daemon.stop() == 0
    assert len(smtp_server.messages) == 1
    subject = str(mail["Subject"])
    assert subject.startswith("Urgent: Ian Lavery deleted a post from his website")
    plain = plain_text(mail)
    assert "The text as it was:\n\nI am standing down from the front bench." in plain
    assert "Posted: " in plain
    page = TestClient(create_app(load(config))).get(f"/statements/{statement_of(config, 'b')}")
    assert '<strong class="change-status">Deleted</strong>' in page.text
    assert "no longer listed in its feed" in page.text
    kept = TestClient(create_app(load(config))).get(f"/statements/{statement_of(config, 'c')}")
    assert "change-status" not in kept.text


@pytest.mark.parametrize("after", ["empty", "truncated"])
def test_a_feed_empty_or_truncated_gives_no_alert(
    tmp_path: Path, http_server: FixtureServer, smtp_server: SmtpSink, after: str
) -> None:
    posts = own_posts(http_server)
    http_server.set_feed("/lavery.xml", rss(posts))
    config = changes_config(tmp_path, smtp_server, [http_server.url("/lavery.xml")])
    with Daemon(config) as daemon:
        daemon.wait_for_log("status=ok new_items=3", timeout=15)
        http_server.set_feed("/lavery.xml", rss([] if after == "empty" else posts[:1]))
        polls = daemon.count("poll source=")
        daemon.wait_for_log("poll source=", timeout=15, times=polls + 2)
        daemon.wait_for_log("recheck items=3 deleted=0", timeout=15)  # the posts still answer
        assert daemon.stop() == 0
    assert smtp_server.messages == []


def test_an_edited_article_gives_one_alert_with_the_difference(
    tmp_path: Path, http_server: FixtureServer, smtp_server: SmtpSink
) -> None:
    said = "Ian Lavery has backed Sarah Whitlock for the Labour leadership."
    before = f"<p>{said}</p><p>He said she would unite the party.</p>"
    after = f"<p>{said}</p><p>He said she could win the next election.</p>"
    link = http_server.url("/news/lavery-backs-whitlock")
    page = ARTICLE.format(title="Lavery backs Whitlock", body=before)
    http_server.set_response("/news/lavery-backs-whitlock", 200, page.encode())
    story = Entry("Lavery backs Whitlock", "Summary.", "story-1", link, days_ago(2))
    http_server.set_feed("/courier.xml", rss([story]))
    config = changes_config(tmp_path, smtp_server, [], [http_server.url("/courier.xml")])
    with Daemon(config) as daemon:
        daemon.wait_for_log("status=ok new_items=1", timeout=15)
        http_server.set_response(
            "/news/lavery-backs-whitlock",
            200,
            ARTICLE.format(title="Lavery backs Whitlock", body=after).encode(),
        )
        mail = smtp_server.wait_for(1, timeout=15)[0].message
        wait_until(lambda: daemon.count("recheck items=") >= 3, 15, "two more rechecks")
        assert daemon.stop() == 0
    assert len(smtp_server.messages) == 1
    assert "edited an article on Ian Lavery" in str(mail["Subject"])
    plain = plain_text(mail)
    assert "- He said she would unite the party." in plain
    assert "+ He said she could win the next election." in plain
