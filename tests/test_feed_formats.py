"""Feeds as they are published: stylesheet instructions, JSON Feed, a bare Atom entry, and
dates written in other European languages."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import pytest

from watcher.errors import ParseError
from watcher.models import FetchResult, Item, Source
from watcher.parse import items_from, looks_like_feed, parse_feed
from watcher.parse.feeds import european_date

pytestmark = pytest.mark.timeout(10)

SOURCE = Source(name="Outlet", kind="feed", url="https://news.example/feed", interval=300.0)

STYLED_RSS = b"""<?xml version="1.0" encoding="UTF-8"?>
<?xml-stylesheet type="text/xsl" media="screen" href="/~d/styles/rss2full.xsl"?>
<!-- served by a feed proxy -->
<rss version="2.0"><channel><title>The Outlet</title>
<item><title>MP quits</title><link>https://news.example/quits</link>
<guid>q1</guid><pubDate>Tue, 03 Dec 2024 08:15:00 GMT</pubDate>
<description>Jo Bloggs said she had quit.</description></item>
<item><title>MP stays</title><link>https://news.example/stays</link><guid>q2</guid></item>
</channel></rss>"""

BARE_ENTRY = b"""<?xml version="1.0"?>
<entry xmlns="http://www.w3.org/2005/Atom"><id>urn:post:7</id><title>Statement</title>
<link href="https://news.example/statement"/><updated>2024-12-03T08:15:00Z</updated>
<content type="html">&lt;p&gt;I will not be standing.&lt;/p&gt;</content></entry>"""


def json_feed(version: str, items: list[dict[str, object]]) -> bytes:
    feed = {"version": f"https://jsonfeed.org/version/{version}", "title": "Outlet"}
    return json.dumps({**feed, "items": items}).encode()


def items(body: bytes, content_type: str | None = None) -> list[Item]:
    return items_from(FetchResult(SOURCE.url, 200, body, content_type), SOURCE)


def test_a_feed_with_a_stylesheet_instruction_is_read_as_a_feed() -> None:
    found = items(STYLED_RSS, "text/xml")

    assert [(i.title, i.url) for i in found] == [
        ("MP quits", "https://news.example/quits"),
        ("MP stays", "https://news.example/stays"),
    ]
    assert found[0].published_at == datetime(2024, 12, 3, 8, 15, tzinfo=UTC)


def test_a_bare_atom_entry_is_read_as_one_item_with_its_link_and_date() -> None:
    [item] = items(BARE_ENTRY, "application/xml")

    assert item.key == "urn:post:7"
    assert item.url == "https://news.example/statement"
    assert item.text == "I will not be standing."
    assert item.published_at == datetime(2024, 12, 3, 8, 15, tzinfo=UTC)


def test_a_json_feed_1_1_gives_each_item_its_link_date_author_and_text() -> None:
    body = json_feed(
        "1.1",
        [
            {
                "id": "a1",
                "url": "https://news.example/a1",
                "title": "Bid",
                "content_html": "<p>I am <b>standing</b>.</p>",
                "date_published": "2024-12-03T09:15:00+01:00",
                "authors": [{"name": "Desk"}],
                "tags": ["politics", 7],
            },
            {"id": "a2", "content_text": "Plain words.", "external_url": "https://x.example/"},
        ],
    )

    first, second = items(body, "application/feed+json")

    assert (first.key, first.url, first.title, first.text) == (
        "a1",
        "https://news.example/a1",
        "Bid",
        "I am standing.",
    )
    assert first.published_at == datetime(2024, 12, 3, 8, 15, tzinfo=UTC)
    assert (first.author, first.tags) == ("Desk", ("politics",))
    assert (second.key, second.url, second.text, second.published_at) == (
        "a2",
        "https://x.example/",
        "Plain words.",
        None,
    )


def test_a_json_feed_1_0_author_and_a_served_as_plain_json_feed_are_read() -> None:
    body = json_feed("1", [{"id": "b", "summary": "Short.", "author": {"name": "Jo"}}])

    [item] = parse_feed(FetchResult(SOURCE.url, 200, body, "application/json"), SOURCE)

    assert (item.author, item.text) == ("Jo", "Short.")
    assert looks_like_feed(body, "application/json")


@pytest.mark.parametrize(
    "body",
    [
        b'{"version": "https://jsonfeed.org/version/1.1", "items": 3}',
        b'{"version": "https://jsonfeed.org/version/1.1", "items": [' + b"[" * 100_000,
        b'{"version": "https://jsonfeed.org/version/1.1", "items": ["\xff"]}',
    ],
)
def test_a_broken_json_feed_is_a_parse_error(body: bytes) -> None:
    with pytest.raises(ParseError, match="JSON Feed"):
        parse_feed(FetchResult(SOURCE.url, 200, body, "application/feed+json"), SOURCE)


def test_an_html_page_is_still_a_page() -> None:
    page = b"<!DOCTYPE html><html><head><title>T</title></head><body><p>Hi.</p></body></html>"
    assert not looks_like_feed(page, None)
    assert not looks_like_feed(b'{"name": "not a feed"}', "application/json")


@pytest.mark.parametrize(
    ("written", "utc"),
    [
        ("mer, 16 nov 2022 10:00:00 +0100", datetime(2022, 11, 16, 9, 0, tzinfo=UTC)),
        ("mar, 01 mar 2022 10:00:00 GMT", datetime(2022, 3, 1, 10, 0, tzinfo=UTC)),
        ("Di, 3. Dez 2024 08:15:00 GMT", datetime(2024, 12, 3, 8, 15, tzinfo=UTC)),
        ("jeu., 14 août 2025 18:30:00 +0200", datetime(2025, 8, 14, 16, 30, tzinfo=UTC)),
        ("vie, 05 ene 2024 07:00 +0000", datetime(2024, 1, 5, 7, 0, tzinfo=UTC)),
        ("za, 1 mei 2021 12:00:00 +0200", datetime(2021, 5, 1, 10, 0, tzinfo=UTC)),
        ("16 giu 2022 10:00:00 +0000", datetime(2022, 6, 16, 10, 0, tzinfo=UTC)),
    ],
)
def test_dates_in_other_european_languages(written: str, utc: datetime) -> None:
    assert european_date(written) == utc


@pytest.mark.parametrize("written", ["", "yesterday", "16 foo 2022 10:00:00 +0000", "mer, 16"])
def test_unreadable_dates_are_none(written: str) -> None:
    assert european_date(written) is None


def test_an_item_dated_in_italian_keeps_its_date() -> None:
    feed = STYLED_RSS.replace(b"Tue, 03 Dec 2024 08:15:00 GMT", b"mar, 03 dic 2024 08:15:00 GMT")

    assert items(feed)[0].published_at == datetime(2024, 12, 3, 8, 15, tzinfo=UTC)


def test_a_date_nested_in_an_items_media_does_not_replace_its_own() -> None:
    feed = STYLED_RSS.replace(
        b"<description>Jo",
        b'<media:content xmlns:media="http://search.yahoo.com/mrss/" '
        b'url="https://news.example/photo.jpg"><pubDate>Mon, 01 Jan 2018 00:00:00 GMT'
        b"</pubDate></media:content><description>Jo",
    )

    assert items(feed)[0].published_at == datetime(2024, 12, 3, 8, 15, tzinfo=UTC)
