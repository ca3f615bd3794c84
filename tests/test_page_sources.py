"""Page sources and linked articles through the real pipeline: a real HTTP server, a real archive.

A `kind: page` source with an item_selector lists links to articles; without one, the page itself
is the item, one per version of its main text. A feed with `fetch_articles: true` has its items'
linked pages read for their full text.
"""

from __future__ import annotations

import asyncio
from collections.abc import Coroutine
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any, TypeVar

import pytest
from conftest import LAVERY_YAML, Entry, load, rss, write_config
from support.httpserver import FixtureServer
from support.polling import Clock, polling, query, snapshot

from watcher.config import Config
from watcher.models import PollOutcome, Source
from watcher.parse import parse_page
from watcher.pipeline import poll_source

pytestmark = pytest.mark.timeout(30)

PAGES = Path(__file__).parent / "fixtures" / "pages"
HTML = "text/html; charset=utf-8"
T0 = datetime(2024, 6, 3, 9, 0, tzinfo=UTC)
R = TypeVar("R")

ARTICLES = {
    "/news/lavery-rules-out": "lavery_chrome.html",
    "/news/lavery-coalfields": "lavery_coalfields.html",
    "/news/lavery-whip": "lavery_whip.html",
}
HEADLINES = {
    "/news/lavery-rules-out": "Lavery rules out leadership bid",
    "/news/lavery-coalfields": "Lavery: coalfields forgotten",
    "/news/lavery-whip": "Lavery resigns the whip",
}


def fixture(name: str) -> str:
    return (PAGES / name).read_text(encoding="utf-8")


def run(scenario: Coroutine[Any, Any, R]) -> R:
    return asyncio.run(scenario)


def statements_by_item(path: Path) -> list[tuple[str, str, str, str | None]]:
    """(item key, MP, kind, target) of every archived statement."""
    return query(
        path,
        "SELECT i.key, m.name, s.kind, s.target FROM statements s"
        " JOIN items i ON i.id = s.item_id JOIN mps m ON m.id = s.mp_id ORDER BY s.id",
    )


def news_config(tmp_path: Path, source: str) -> Config:
    """Tracks Ian Lavery and the two MPs the fixture pages' sidebars quote."""
    text = (
        "settings:\n  archive: watcher.db\n  interval: 5m\n  timeout: 2s\n  retries: 0\n"
        "mps:\n"
        + LAVERY_YAML
        + "  - {name: Wes Streeting, party: Labour}\n"
        + "  - {name: Angela Rayner, party: Labour}\n"
        + f"news:\n  - {source}\n"
        + "notify:\n  subscriptions:\n    - {to: desk@example.org, mps: all, kinds: all}\n"
    )
    return load(write_config(tmp_path, text))


def listing(*paths: str) -> str:
    """A section front: site navigation, then a headline link and a teaser per article."""
    stories = "".join(
        f'<h2><a href="{path}">{HEADLINES[path]}</a></h2><p>Teaser for {path}.</p>'
        for path in paths
    )
    return (
        "<!DOCTYPE html><html><head><title>Politics | Northern Courier</title></head><body>"
        '<nav><a href="/">Home</a> <a href="/news/lavery-coalfields">Coalfields</a></nav>'
        f"<main><h1>Politics</h1>{stories}</main></body></html>"
    )


def serve_articles(server: FixtureServer) -> None:
    for path, name in ARTICLES.items():
        server.set_feed(path, fixture(name), content_type=HTML)


def article_requests(server: FixtureServer) -> dict[str, int]:
    return {path: len(server.requests_for(path)) for path in ARTICLES}


# --- a listing page with item_selector ------------------------------------------------------


def listing_source(tmp_path: Path, server: FixtureServer) -> tuple[Config, Source]:
    url = server.url("/politics")
    config = news_config(tmp_path, f'{{kind: page, url: "{url}", item_selector: "h2 a"}}')
    (source,) = config.sources
    assert (source.kind, source.item_selector, source.mp) == ("page", "h2 a", None)
    return config, source


def test_a_listing_page_archives_each_linked_article_with_its_full_text(
    tmp_path: Path, http_server: FixtureServer
) -> None:
    config, source = listing_source(tmp_path, http_server)
    listed = listing("/news/lavery-rules-out", "/news/lavery-coalfields")
    http_server.set_feed("/politics", listed, content_type=HTML)
    serve_articles(http_server)
    clock = Clock(T0)
    path = config.archive_path

    async def scenario() -> list[PollOutcome]:
        async with polling(config, clock) as ctx:
            first = await poll_source(source, ctx)
            before = snapshot(path)
            clock.advance(minutes=6)
            second = await poll_source(source, ctx)  # the listing is unchanged: 304
            assert snapshot(path) == before
            # The same listing from a server without validators: the same body, not read again.
            http_server.set_response("/politics", 200, listed.encode(), {"Content-Type": HTML})
            clock.advance(minutes=6)
            third = await poll_source(source, ctx)
            assert snapshot(path) == before
            return [first, second, third]

    first, second, third = run(scenario())

    # The rules-out article: a withdrawal, the quote that goes on after it, and an endorsement;
    # the coalfields one: his quote, and the reporter's account of his call for a fund, kept
    # apart from his own words.
    assert (first.status, first.new_items, first.new_statements) == ("ok", 2, 5)
    assert second.status == "not_modified"
    assert (third.status, third.new_items, third.new_statements, third.alerts) == (
        "not_modified",
        0,
        0,
        0,
    )
    assert len(http_server.requests_for("/politics")) == 3
    assert article_requests(http_server) == {
        "/news/lavery-rules-out": 1,
        "/news/lavery-coalfields": 1,
        "/news/lavery-whip": 0,
    }
    rules_out, coalfields = (http_server.url(p) for p in ARTICLES if "whip" not in p)
    assert query(path, "SELECT key, url, title, text FROM items ORDER BY id") == [
        (
            rules_out,
            rules_out,
            "Lavery rules out leadership bid",
            parse_page(fixture("lavery_chrome.html")).text,
        ),
        (
            coalfields,
            coalfields,
            "Lavery: coalfields forgotten",
            parse_page(fixture("lavery_coalfields.html")).text,
        ),
    ]
    assert query(path, "SELECT published_at FROM items ORDER BY id") == [
        ("2020-01-07T08:30:00+00:00",),
        ("2024-06-03T07:15:00+00:00",),
    ]
    assert statements_by_item(path) == [
        (rules_out, "Ian Lavery", "leadership_declined", "Labour leader"),
        (rules_out, "Ian Lavery", "statement", None),
        (rules_out, "Ian Lavery", "endorsement", "Rebecca Long Bailey"),
        (coalfields, "Ian Lavery", "statement", None),
        (coalfields, "Ian Lavery", "statement", None),
    ]


def test_a_new_link_on_the_listing_is_fetched_and_archived(
    tmp_path: Path, http_server: FixtureServer
) -> None:
    config, source = listing_source(tmp_path, http_server)
    http_server.set_feed(
        "/politics",
        listing("/news/lavery-rules-out", "/news/lavery-coalfields"),
        content_type=HTML,
    )
    serve_articles(http_server)
    clock = Clock(T0)

    async def scenario() -> list[PollOutcome]:
        async with polling(config, clock) as ctx:
            first = await poll_source(source, ctx)
            http_server.set_feed(
                "/politics",
                listing("/news/lavery-whip", "/news/lavery-rules-out", "/news/lavery-coalfields"),
                content_type=HTML,
            )
            clock.advance(minutes=5)
            second = await poll_source(source, ctx)
            return [first, second]

    first, second = run(scenario())

    assert (first.new_items, first.new_statements) == (2, 5)
    assert (second.status, second.new_items, second.new_statements) == ("ok", 1, 1)
    assert article_requests(http_server) == {
        "/news/lavery-rules-out": 1,
        "/news/lavery-coalfields": 1,
        "/news/lavery-whip": 1,
    }
    whip = http_server.url("/news/lavery-whip")
    path = config.archive_path
    assert query(path, "SELECT count(*) FROM items") == [(3,)]
    assert query(path, "SELECT title, text FROM items WHERE key = ?", (whip,)) == [
        ("Lavery resigns the whip", parse_page(fixture("lavery_whip.html")).text)
    ]
    assert statements_by_item(path)[-1] == (whip, "Ian Lavery", "resignation", "the whip")


def test_a_listed_article_that_cannot_be_read_is_fetched_at_the_next_poll(
    tmp_path: Path, http_server: FixtureServer
) -> None:
    config, source = listing_source(tmp_path, http_server)
    http_server.set_feed(
        "/politics",
        listing("/news/lavery-rules-out", "/news/lavery-coalfields"),
        content_type=HTML,
    )
    serve_articles(http_server)
    http_server.set_response("/news/lavery-coalfields", 500, b"down")
    clock = Clock(T0)
    path = config.archive_path

    async def scenario() -> list[PollOutcome]:
        async with polling(config, clock) as ctx:
            first = await poll_source(source, ctx)
            assert query(path, "SELECT key FROM items") == [
                (http_server.url("/news/lavery-rules-out"),)
            ]
            http_server.set_feed(
                "/news/lavery-coalfields", fixture("lavery_coalfields.html"), content_type=HTML
            )
            clock.advance(minutes=5)
            second = await poll_source(source, ctx)  # the listing itself has not changed
            return [first, second]

    first, second = run(scenario())

    assert (first.status, first.new_items) == ("ok", 1)
    assert (second.new_items, second.new_statements) == (1, 2)  # his words, and the report
    assert query(path, "SELECT key FROM items ORDER BY id") == [
        (http_server.url("/news/lavery-rules-out"),),
        (http_server.url("/news/lavery-coalfields"),),
    ]
    assert article_requests(http_server)["/news/lavery-rules-out"] == 1


# --- a page that is itself the item ---------------------------------------------------------

SIDEBAR = """<p>"I'm backing Angela Rayner," says Wes Streeting.</p>"""
NEW_SIDEBAR = """<p>Angela Rayner said: "I am standing to be deputy leader."</p>"""
LAST_PARAGRAPH = (
    "<p>He called for a new fund for former pit villages, to be spent by local councils.</p>"
)
NEW_PARAGRAPH = (
    "<p>He called for a new fund for former pit villages, and said: "
    '"Every one of those towns deserves a minister of its own."</p>'
)


def statement_page_source(tmp_path: Path, server: FixtureServer) -> tuple[Config, Source]:
    config = news_config(tmp_path, f'{{kind: page, url: "{server.url("/statement")}"}}')
    (source,) = config.sources
    assert (source.kind, source.item_selector) == ("page", None)
    page = fixture("lavery_coalfields.html")
    assert SIDEBAR in page
    assert LAST_PARAGRAPH in page
    server.set_feed("/statement", page, content_type=HTML)
    return config, source


def test_a_page_source_is_one_item_and_unchanged_it_adds_nothing(
    tmp_path: Path, http_server: FixtureServer
) -> None:
    config, source = statement_page_source(tmp_path, http_server)
    page = fixture("lavery_coalfields.html")
    clock = Clock(T0)
    path = config.archive_path

    async def scenario() -> list[PollOutcome]:
        async with polling(config, clock) as ctx:
            first = await poll_source(source, ctx)
            before = snapshot(path)
            http_server.set_feed("/statement", page, content_type=HTML)  # the same body again
            clock.advance(minutes=5)
            second = await poll_source(source, ctx)
            assert snapshot(path) == before
            http_server.set_response("/statement", 200, page.encode(), {"Content-Type": HTML})
            clock.advance(minutes=5)
            third = await poll_source(source, ctx)
            assert snapshot(path) == before
            return [first, second, third]

    first, second, third = run(scenario())

    # His quote, and the reporter's account of his call for a fund, each a statement.
    assert (first.status, first.new_items, first.new_statements) == ("ok", 1, 2)
    # The same body has the same ETag: the conditional GET is answered 304.
    requests = http_server.requests_for("/statement")
    assert requests[1].headers.get("if-none-match")
    assert second.status == "not_modified"
    assert (third.status, third.new_items, third.new_statements) == ("not_modified", 0, 0)
    ((key, url, title, text),) = query(
        config.archive_path, "SELECT key, url, title, text FROM items"
    )
    assert key.startswith(source.url + "#")
    assert url == source.url
    assert title == "Lavery: coalfields forgotten by Westminster"
    assert text == parse_page(page).text
    assert statements_by_item(config.archive_path) == [
        (key, "Ian Lavery", "statement", None),
        (key, "Ian Lavery", "statement", None),
    ]
    verbatim = query(config.archive_path, "SELECT verbatim FROM statements ORDER BY id")
    assert verbatim == [(1,), (0,)]  # his words, then the reporter's


def test_a_change_to_the_sidebar_only_is_not_a_new_version(
    tmp_path: Path, http_server: FixtureServer
) -> None:
    config, source = statement_page_source(tmp_path, http_server)
    page = fixture("lavery_coalfields.html")
    clock = Clock(T0)
    path = config.archive_path

    async def scenario() -> list[PollOutcome]:
        async with polling(config, clock) as ctx:
            first = await poll_source(source, ctx)
            before = snapshot(path)
            http_server.set_feed("/statement", page.replace(SIDEBAR, NEW_SIDEBAR), HTML)
            clock.advance(minutes=5)
            second = await poll_source(source, ctx)
            assert snapshot(path) == before
            return [first, second]

    first, second = run(scenario())

    assert first.new_items == 1
    assert (second.status, second.new_items, second.new_statements) == ("ok", 0, 0)
    assert len(http_server.requests_for("/statement")) == 2
    assert {mp for _, mp, _, _ in statements_by_item(path)} == {"Ian Lavery"}


def test_a_change_to_the_main_text_is_one_new_version(
    tmp_path: Path, http_server: FixtureServer
) -> None:
    config, source = statement_page_source(tmp_path, http_server)
    page = fixture("lavery_coalfields.html")
    changed = page.replace(LAST_PARAGRAPH, NEW_PARAGRAPH)
    clock = Clock(T0)
    path = config.archive_path

    async def scenario() -> list[PollOutcome]:
        async with polling(config, clock) as ctx:
            first = await poll_source(source, ctx)
            http_server.set_feed("/statement", changed, HTML)
            clock.advance(minutes=5)
            second = await poll_source(source, ctx)
            http_server.set_response("/statement", 200, changed.encode(), {"Content-Type": HTML})
            clock.advance(minutes=5)
            third = await poll_source(source, ctx)  # the new version again: nothing new
            return [first, second, third]

    first, second, third = run(scenario())

    assert first.new_items == 1
    assert (second.status, second.new_items) == ("ok", 1)
    assert (third.status, third.new_items) == ("not_modified", 0)  # the same body: not read again
    rows = query(path, "SELECT key, text FROM items ORDER BY id")
    assert len(rows) == 2
    (old_key, old_text), (new_key, new_text) = rows
    assert old_key != new_key
    assert old_key.startswith(source.url + "#")
    assert new_key.startswith(source.url + "#")
    assert old_text == parse_page(page).text
    assert new_text == parse_page(changed).text
    assert "a minister of its own" in new_text
    assert "a minister of its own" not in old_text
    assert {mp for _, mp, _, _ in statements_by_item(path)} == {"Ian Lavery"}


# --- a feed whose items link to their articles ----------------------------------------------


def test_a_feed_with_fetch_articles_archives_the_articles_full_text(
    tmp_path: Path, http_server: FixtureServer
) -> None:
    url = http_server.url("/news.rss")
    config = news_config(tmp_path, f'{{kind: feed, url: "{url}", fetch_articles: true}}')
    (source,) = config.sources
    assert source.fetch_articles
    summary = "The Blyth MP makes his choice."
    broken_summary = "A row over pit pensions in the North East."
    http_server.set_feed(
        "/news.rss",
        rss(
            [
                Entry(
                    "Lavery rules out leadership bid",
                    summary,
                    guid="lavery-1",
                    link=http_server.url("/articles/lavery"),
                    published=T0 - timedelta(hours=1),
                ),
                Entry(
                    "Pit pensions row",
                    broken_summary,
                    guid="broken-1",
                    link=http_server.url("/articles/broken"),
                    published=T0 - timedelta(hours=2),
                ),
            ]
        ),
    )
    http_server.set_feed("/articles/lavery", fixture("lavery_chrome.html"), content_type=HTML)
    http_server.set_response("/articles/broken", 500, b"oops")

    async def scenario() -> PollOutcome:
        async with polling(config, Clock(T0)) as ctx:
            return await poll_source(source, ctx)

    outcome = run(scenario())

    assert (outcome.status, outcome.error, outcome.new_items) == ("ok", None, 2)
    assert len(http_server.requests_for("/articles/lavery")) == 1
    assert len(http_server.requests_for("/articles/broken")) == 1
    path = config.archive_path
    assert query(path, "SELECT key, title, text, published_at FROM items ORDER BY id") == [
        (
            "lavery-1",
            "Lavery rules out leadership bid",
            parse_page(fixture("lavery_chrome.html")).text,
            "2024-06-03T08:00:00+00:00",
        ),
        ("broken-1", "Pit pensions row", broken_summary, "2024-06-03T07:00:00+00:00"),
    ]
    assert statements_by_item(path) == [
        ("lavery-1", "Ian Lavery", "leadership_declined", "Labour leader"),
        ("lavery-1", "Ian Lavery", "statement", None),
        ("lavery-1", "Ian Lavery", "endorsement", "Rebecca Long Bailey"),
    ]
    (text,) = query(path, "SELECT text FROM statements WHERE kind = 'leadership_declined'")[0]
    assert text.startswith("I will not be standing in this leadership contest")
    row = query(path, "SELECT last_status, consecutive_failures FROM sources")
    assert row == [("ok", 0)]
