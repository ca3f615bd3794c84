"""parse.parse_feed: every feed dialect, broken-but-readable feeds, garbage, item identity."""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from conftest import Entry, minutes_ago, rss

from watcher.errors import ParseError
from watcher.models import FetchResult, Item, Source
from watcher.parse import parse_feed
from watcher.parse.text import html_to_text

pytestmark = pytest.mark.timeout(10)

FEEDS = Path(__file__).parent / "fixtures" / "feeds"
SOURCE = Source(name="Fixture", kind="feed", url="https://example.org/feed", interval=300.0)


def fixture(name: str) -> bytes:
    return (FEEDS / name).read_bytes()


def parse(body: bytes | str, content_type: str | None = None) -> list[Item]:
    data = body.encode("utf-8") if isinstance(body, str) else body
    return parse_feed(FetchResult(SOURCE.url, 200, data, content_type), SOURCE)


def by_title(items: list[Item]) -> dict[str, Item]:
    return {item.title: item for item in items}


# --- dialects ------------------------------------------------------------------------------


def test_rss_2_0_items_in_feed_order_with_guid_link_and_utc_time() -> None:
    items = parse(fixture("rss20.xml"), "application/rss+xml; charset=utf-8")

    assert [i.title for i in items] == [
        "Statement on the leadership",
        "Surgery dates",
        "Untitled note",
    ]
    first = items[0]
    assert first.key == "urn:example:statement-1"
    assert first.url == "https://example.org/news/leadership"
    assert first.source is SOURCE
    # Mon, 01 Jan 2024 12:00:00 +0100 is 11:00 UTC.
    assert first.published_at == datetime(2024, 1, 1, 11, 0, tzinfo=UTC)


def test_atom_1_0_entries_with_id_author_and_published_time() -> None:
    items = parse(fixture("atom10.xml"), "application/atom+xml")

    assert [i.key for i in items] == [
        "tag:example.org,2024:entry-1",
        "tag:example.org,2024:entry-2",
    ]
    one, two = items
    assert one.title == "Atom entry one"
    assert one.url == "https://example.org/atom/1"
    assert one.author == "Ian Lavery"
    assert one.text == "The full Atom content of entry one."
    # <published> wins over <updated>; 09:15+02:00 is 07:15 UTC.
    assert one.published_at == datetime(2024, 2, 3, 7, 15, tzinfo=UTC)
    # An entry with only <updated> is dated by it.
    assert two.published_at == datetime(2024, 2, 2, 8, 0, tzinfo=UTC)
    assert two.text == "Only an updated date here."


def test_rss_1_0_rdf_items() -> None:
    items = parse(fixture("rss10.rdf"), "application/rdf+xml")

    assert len(items) == 1
    item = items[0]
    assert item.title == "RDF item one"
    assert item.text == "Text of the RDF item."
    assert item.url == "https://example.org/rdf/1"
    assert item.key == "https://example.org/rdf/1"
    assert item.published_at == datetime(2024, 3, 4, 5, 6, 7, tzinfo=UTC)


def test_rss_0_91_items_keyed_by_link_and_decoded_from_latin1() -> None:
    items = parse(fixture("rss091.xml"))

    assert [(i.key, i.title) for i in items] == [
        ("https://example.org/old/1", "Old item one"),
        ("https://example.org/old/2", "Old item two"),
    ]
    assert items[0].text == "Tickets cost £5 at the café."
    assert items[0].published_at is None


@pytest.mark.parametrize(
    "content_type",
    [None, "text/xml", "text/html; charset=utf-8", "text/plain", "application/octet-stream"],
)
def test_a_feed_served_with_a_wrong_or_missing_content_type_still_parses(
    content_type: str | None,
) -> None:
    body = rss([Entry("Café £5 — naïve", "Ünïcode body", guid="g1")])

    items = parse(body, content_type)

    assert [(i.key, i.title, i.text) for i in items] == [("g1", "Café £5 — naïve", "Ünïcode body")]


def test_a_valid_feed_without_items_is_empty_not_an_error() -> None:
    assert parse(rss([], title="Quiet channel")) == []


# --- broken but readable ----------------------------------------------------------------------


def test_bare_ampersands_do_not_lose_the_items() -> None:
    items = parse(fixture("broken_ampersand.xml"))

    assert [i.title for i in items] == ["Salt & vinegar debate", "Second item"]
    assert items[0].text == "Bread & butter issues."
    assert items[1].url == "https://example.org/fish/2"


def test_unclosed_tags_do_not_lose_the_items() -> None:
    items = parse(fixture("unclosed_tag.xml"))

    assert [i.key for i in items] == [
        "https://example.org/unclosed/1",
        "https://example.org/unclosed/2",
    ]
    assert items[0].text == "Neither the channel nor the rss element is ever closed."


# --- garbage --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("body", "content_type"),
    [
        pytest.param(random.Random(1234).randbytes(4096), None, id="random-bytes"),
        pytest.param(random.Random(99).randbytes(64), "application/rss+xml", id="random-as-rss"),
        pytest.param(fixture("page.html"), "text/html; charset=utf-8", id="html-page"),
        pytest.param(fixture("page.html"), None, id="html-page-no-type"),
        pytest.param(
            b"<!DOCTYPE html><html><head><title>Tidy XHTML</title></head>"
            b"<body><p>Hello</p></body></html>",
            None,
            id="well-formed-xhtml",
        ),
        pytest.param(b"", None, id="empty"),
        pytest.param(b"", "application/rss+xml", id="empty-as-rss"),
        pytest.param(b'{"items": [{"title": "json"}]}', "application/json", id="json"),
        pytest.param(b"just some words\n", "text/plain", id="plain-text"),
    ],
)
def test_garbage_raises_parse_error(body: bytes, content_type: str | None) -> None:
    with pytest.raises(ParseError):
        parse(body, content_type)


# --- identity -------------------------------------------------------------------------------


def test_key_is_guid_else_link_else_a_stable_hash_of_title_and_date() -> None:
    when = datetime(2024, 5, 6, 7, 8, 9, tzinfo=UTC)
    body = rss(
        [
            Entry("Has guid", "a", guid="urn:guid:1", link="https://example.org/has-guid"),
            Entry("Has link", "b", link="https://example.org/has-link"),
            Entry("Has neither", "c", published=when),
            Entry("Has neither", "c", published=when + timedelta(hours=1)),
            Entry("Other title", "c", published=when),
        ]
    )

    first = parse(body)
    second = parse(body)

    keys = [i.key for i in first]
    assert keys[0] == "urn:guid:1"
    assert keys[1] == "https://example.org/has-link"
    hashed = keys[2:]
    assert all(k.startswith("sha256:") and len(k) == len("sha256:") + 64 for k in hashed)
    # Same title and date: same key on every parse; another date or title: another key.
    assert [i.key for i in second] == keys
    assert len(set(hashed)) == 3


def test_hashed_key_does_not_depend_on_the_description() -> None:
    when = minutes_ago(30)
    before = parse(rss([Entry("Edited later", "first draft", published=when)]))
    after = parse(rss([Entry("Edited later", "second draft, longer", published=when)]))

    assert before[0].key.startswith("sha256:")
    assert before[0].key == after[0].key


# --- times and text -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("pub_date", "expected"),
    [
        ("Tue, 10 Sep 2024 18:30:00 +0100", datetime(2024, 9, 10, 17, 30, tzinfo=UTC)),
        ("Tue, 10 Sep 2024 18:30:00 -0500", datetime(2024, 9, 10, 23, 30, tzinfo=UTC)),
        ("Tue, 10 Sep 2024 18:30:00 GMT", datetime(2024, 9, 10, 18, 30, tzinfo=UTC)),
        ("Tue, 10 Sep 2024 18:30:00 EST", datetime(2024, 9, 10, 23, 30, tzinfo=UTC)),
    ],
)
def test_published_time_is_timezone_aware_utc(pub_date: str, expected: datetime) -> None:
    body = (
        "<?xml version='1.0'?><rss version='2.0'><channel><title>t</title>"
        f"<item><title>x</title><guid>g</guid><pubDate>{pub_date}</pubDate></item>"
        "</channel></rss>"
    )

    (item,) = parse(body)

    assert item.published_at is not None
    assert item.published_at.tzinfo is not None
    assert item.published_at.utcoffset() == timedelta(0)
    assert item.published_at == expected


def test_undated_item_has_no_published_time() -> None:
    (item,) = parse(rss([Entry("No date", "text", guid="g")]))

    assert item.published_at is None


def test_html_description_becomes_text_without_script_or_style() -> None:
    items = by_title(parse(fixture("rss20.xml")))

    text = items["Surgery dates"].text
    assert text == "Advice surgeries resume in January."


def test_html_markup_in_a_description_is_flattened_to_paragraphs() -> None:
    description = (
        "<div><p>First <b>bold</b> paragraph &amp; more.</p>"
        "<script>var secret = 'do not show';</script>"
        "<p>Second<br>line</p><ul><li>one</li><li>two</li></ul></div>"
    )
    (item,) = parse(rss([Entry("Markup", description, guid="g")]))

    assert "<" not in item.text
    assert "secret" not in item.text
    assert "do not show" not in item.text
    assert item.text.startswith("First bold paragraph & more.")
    paragraphs = item.text.split("\n\n")
    assert paragraphs[0] == "First bold paragraph & more."
    assert "Second line" in item.text  # a <br> inside a sentence is a space
    assert "one" in item.text
    assert "two" in item.text


def test_content_encoded_is_preferred_over_a_shorter_summary() -> None:
    items = by_title(parse(fixture("rss20.xml")))

    text = items["Statement on the leadership"].text
    assert "Short teaser" not in text
    assert text == (
        "I will not be standing for the leadership.\n\nMy focus stays on Blyth and Ashington."
    )
    assert "tracking pixel" not in text


# --- html_to_text: paragraphs, and quotes never split -------------------------------------


@pytest.mark.parametrize(
    ("markup", "text"),
    [
        # a newline of the source inside a paragraph is a space
        (
            '<p>Mr Lavery said: "I will not\n   be standing."</p>',
            'Mr Lavery said: "I will not be standing."',
        ),
        # a single <br> inside a sentence is a space
        (
            "<p>I will not be<br>standing in this contest.</p>",
            "I will not be standing in this contest.",
        ),
        ("<p>She said:<br>“I am backing Rebecca.”</p>", "She said: “I am backing Rebecca.”"),
        # two <br> end a paragraph
        ("<p>First paragraph<br><br>Second paragraph</p>", "First paragraph\n\nSecond paragraph"),
        ("<p>One.<br> <br/>\n<br>Two.</p>", "One.\n\nTwo."),
        # a <br> after the end of a sentence ends a paragraph
        ("<p>First sentence.<br>Second sentence.</p>", "First sentence.\n\nSecond sentence."),
        (
            '<p>He said it was "over."<br>Then he left.</p>',
            'He said it was "over."\n\nThen he left.',
        ),
        # ... unless a quotation is still open there
        (
            "<p>He wrote: “I have known Liz for years.<br>She has my vote.”</p>",
            "He wrote: “I have known Liz for years. She has my vote.”",
        ),
        (
            '<p>He wrote: "I have known Liz for years.<br>She has my vote."</p>',
            'He wrote: "I have known Liz for years. She has my vote."',
        ),
        # inline tags inside a quote keep the words joined, spaced as the source spaces them
        (
            '<p>“I am <em>not</em> standing,” said <a href="/lavery">Ian Lavery</a>, the'
            " <strong>Blyth</strong>\nMP.</p>",
            "“I am not standing,” said Ian Lavery, the Blyth MP.",
        ),
        ("<p>“We <b>will</b><i>win</i>,” he said.</p>", "“We willwin,” he said."),
        ('<p><a href="x">Ian</a> <a href="y">Lavery</a>: “No.”</p>', "Ian Lavery: “No.”"),
        # blocks are paragraphs, scripts and styles are gone
        (
            "<div>Intro<blockquote><p>“A quote.”</p></blockquote><ul><li>one</li><li>two</li>"
            "</ul><style>p {}</style><script>x()</script></div>",
            "Intro\n\n“A quote.”\n\none\n\ntwo",
        ),
    ],
)
def test_html_to_text_keeps_paragraphs_and_never_splits_a_quote(markup: str, text: str) -> None:
    assert html_to_text(markup) == text


def test_html_to_text_reads_escaped_html() -> None:
    escaped = "&lt;p&gt;Mr Lavery said:&lt;br&gt;&amp;quot;I will not stand.&amp;quot;&lt;/p&gt;"

    assert html_to_text(escaped) == 'Mr Lavery said: "I will not stand."'


def test_html_to_text_of_plain_text_keeps_its_lines() -> None:
    assert html_to_text("Fish &amp; chips") == "Fish & chips"
    assert html_to_text("One line\nanother line\n\n\nA new one") == (
        "One line\nanother line\n\nA new one"
    )
    assert html_to_text("") == ""
    assert html_to_text("<p>  </p>") == ""


@pytest.mark.parametrize(
    "description",
    [
        # HTML in a description, escaped once as RSS has it
        "&lt;p&gt;Ian Lavery said: &#8220;I will not&lt;br&gt;be standing.&#8221;&lt;/p&gt;"
        "&lt;p&gt;He backs Rebecca Long Bailey.&lt;/p&gt;",
        # escaped twice, which some feeds do
        "&amp;lt;p&amp;gt;Ian Lavery said: &amp;amp;#8220;I will not&amp;lt;br&amp;gt;be"
        " standing.&amp;amp;#8221;&amp;lt;/p&amp;gt;&amp;lt;p&amp;gt;He backs Rebecca Long"
        " Bailey.&amp;lt;/p&amp;gt;",
    ],
)
def test_an_escaped_description_in_a_feed_becomes_text(description: str) -> None:
    body = (
        "<?xml version='1.0'?><rss version='2.0'><channel><title>t</title>"
        f"<item><title>x</title><guid>g</guid><description>{description}</description></item>"
        "</channel></rss>"
    )

    (item,) = parse(body)

    assert item.text == (
        "Ian Lavery said: “I will not be standing.”\n\nHe backs Rebecca Long Bailey."
    )
