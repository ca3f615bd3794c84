"""Property tests: whatever arrives, the parsers and extractors answer with their own types
or the watcher's own errors, never another exception and never a stall.

The fast part tries the same few dozen generated inputs per stage on every run
(FUZZ_EXAMPLES=2000 in the environment tries that many fresh ones); the slow part feeds each
stage about a megabyte at once.
"""

from __future__ import annotations

import json
import os
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from watcher.errors import WatcherError
from watcher.extract import extract_statements
from watcher.extract.times import SpokenTime, find_times
from watcher.models import KINDS, FetchResult, Item, Source, Statement
from watcher.parse import Article, items_from, parse_feed, parse_page
from watcher.register import load_register

LONDON = ZoneInfo("Europe/London")
ANCHOR = datetime(2024, 2, 10, 9, 0, tzinfo=LONDON)
NEWS = Source("news", "page", "https://news.example/", 300)
FEED = Source("feed", "feed", "https://feed.example/rss", 300)
OWN = Source("own", "feed", "https://mp.example/rss", 300, mp="Ian Lavery")

FAST = settings(
    max_examples=int(os.environ.get("FUZZ_EXAMPLES", "60")),
    derandomize="FUZZ_EXAMPLES" not in os.environ,  # the suite's run is the same every time
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

# Pieces of the phrasing the extractor looks for, so generated text reaches its rules.
NAMES = ["Ian Lavery", "Keir Starmer", "Sir Keir Starmer", "Kemi Badenoch", "Angela Rayner"]
NAMES += ["Wes Streeting", "Mr Lavery", "Starmer", "the Prime Minister", "Labour"]
VERBS = ["said", "told", "will not be standing", "backs", "endorsed", "resigned as"]
VERBS += ["is standing for", "has defected to", "announced", "added", "wrote", "insisted"]
MARKS = ["“", "”", '"', "'", "‘", "’", ":", ",", ".", "\n", "\n\n", " - ", "—", "(", ")"]
TIMES = ["23:10", "at 9am", "Monday night", "last week", "on 29 February", "yesterday"]
TIMES += ["10.30pm", "on Tuesday", "this morning", "31 December 2023", "2024-02-09T21:00Z"]
WORDS = ["the leadership", "contest", "as prime minister", "the party", "we will win"]
WORDS += ["I", "he", "she", "would", "not", "A-", "Mr ", "1.", "\u200b", "\x00", "🙂"]

fragments = st.sampled_from(NAMES + VERBS + MARKS + TIMES + WORDS)
noise = st.text(max_size=12)
prose = st.lists(st.one_of(fragments, fragments, noise), max_size=40).map(" ".join)

anchors = st.datetimes(
    min_value=datetime(1990, 1, 1), max_value=datetime(2040, 1, 1), timezones=st.just(UTC)
)


def is_item_list(items: object) -> bool:
    return isinstance(items, list) and all(isinstance(i, Item) for i in items)


# Feeds -------------------------------------------------------------------------------------

field_text = st.one_of(prose, st.text(max_size=30), st.sampled_from(["", "<b>", "&amp;", "]]>"]))
dates = st.one_of(
    st.sampled_from(["Sat, 10 Feb 2024 09:00:00 GMT", "2024-02-10T09:00:00Z", "10/02/2024"]),
    st.sampled_from(["Mon, 31 Feb 2024 25:61:00 +9999", "0000-00-00", "yesterday", ""]),
    st.sampled_from(["0001-01-01T00:00+01:00", "Fri, 31 Dec 9999 23:59:00 -0100"]),
    st.sampled_from(["31 Dez 9999 23:59 -0100", "9999-12-31T23:59:59-23:59"]),
    st.text(max_size=20),
)


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;")


@st.composite
def rss_feeds(draw: st.DrawFn) -> bytes:
    entries: list[str] = []
    for _ in range(draw(st.integers(0, 4))):
        title, body, date = draw(field_text), draw(field_text), draw(dates)
        raw = draw(st.booleans())
        description = f"<![CDATA[{body}]]>" if raw else _escape(body)
        entries.append(
            f"<item><title>{_escape(title)}</title><link>https://x.example/{len(entries)}</link>"
            f"<description>{description}</description><pubDate>{_escape(date)}</pubDate></item>"
        )
    return (
        f"<?xml version='1.0'?><rss version='2.0'><channel><title>T</title>{''.join(entries)}"
        "</channel></rss>".encode()
    )


@st.composite
def atom_feeds(draw: st.DrawFn) -> bytes:
    entries = [
        f"<entry><title>{_escape(draw(field_text))}</title><id>{_escape(draw(field_text))}</id>"
        f"<updated>{_escape(draw(dates))}</updated>"
        f"<content type='html'>{_escape(draw(field_text))}</content></entry>"
        for _ in range(draw(st.integers(0, 4)))
    ]
    return (
        "<feed xmlns='http://www.w3.org/2005/Atom'><title>A</title>" + "".join(entries) + "</feed>"
    ).encode()


json_values = st.recursive(
    st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False), field_text),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner),
    max_leaves=8,
)
json_items = st.fixed_dictionaries(
    {},
    optional={
        "id": json_values,
        "title": st.one_of(field_text, json_values),
        "content_html": field_text,
        "content_text": st.one_of(field_text, json_values),
        "summary": json_values,
        "url": st.one_of(field_text, json_values),
        "date_published": st.one_of(dates, json_values),
        "date_modified": dates,
        "author": json_values,
        "authors": json_values,
        "tags": json_values,
    },
)


@st.composite
def json_feeds(draw: st.DrawFn) -> bytes:
    feed = {"version": "https://jsonfeed.org/version/1.1", "title": "J"}
    feed["items"] = draw(
        st.one_of(st.lists(st.one_of(json_items, json_values), max_size=4), json_values)
    )
    return json.dumps(feed).encode()


def _mangled(body: bytes, cut: int, junk: bytes) -> bytes:
    cut = cut % (len(body) + 1)
    return body[:cut] + junk + body[cut:]


feed_bodies = st.one_of(
    rss_feeds(),
    atom_feeds(),
    json_feeds(),
    st.builds(
        _mangled,
        st.one_of(rss_feeds(), atom_feeds(), json_feeds()),
        st.integers(0),
        st.binary(max_size=20),
    ),
    st.binary(max_size=200),
)
content_types = st.sampled_from(
    [
        None,
        "application/rss+xml",
        "text/html",
        "application/json",
        "text/xml; charset=koi8-r",
        "application/feed+json; charset=x",
    ]
)


def _fetched(body: bytes, content_type: str | None) -> FetchResult:
    return FetchResult("https://feed.example/rss", 200, body, content_type)


@FAST
@given(body=feed_bodies, content_type=content_types, source=st.sampled_from([FEED, OWN]))
@example(body=b"", content_type=None, source=FEED)
@example(
    body=b'{"version": "https://jsonfeed.org/version/1", "items": [1, null]}',
    content_type=None,
    source=FEED,
)
def test_feed_parser_answers_items_or_parse_error(
    body: bytes, content_type: str | None, source: Source
) -> None:
    try:
        items = parse_feed(_fetched(body, content_type), source)
    except WatcherError:
        return
    assert is_item_list(items)


@pytest.mark.parametrize(
    "written",
    [
        "0000-00-00",  # feedparser reads it as year -1
        "0001-01-01T00:00:00+01:00",  # in UTC, the last hour of year 0
        "Fri, 31 Dec 9999 23:59:00 -0100",
        "Fr, 31 Dez 9999 23:59:00 -0100",
    ],
)
def test_a_date_outside_the_calendar_is_no_date(written: str) -> None:
    rss = f"<rss version='2.0'><channel><title>T</title><item><title>x</title><pubDate>{written}"
    atom = "<feed xmlns='http://www.w3.org/2005/Atom'><title>A</title><entry><title>x</title>"
    atom += f"<id>x</id><updated>{written}</updated></entry></feed>"
    jsonfeed = json.dumps(
        {"version": "https://jsonfeed.org/version/1.1", "items": [{"date_published": written}]}
    )
    for body in (rss + "</pubDate></item></channel></rss>", atom, jsonfeed):
        (item,) = parse_feed(_fetched(body.encode(), None), FEED)
        assert item.published_at is None


@FAST
@given(body=feed_bodies, content_type=content_types, when=st.none() | anchors)
def test_items_from_answers_items_or_parse_error(
    body: bytes, content_type: str | None, when: datetime | None
) -> None:
    try:
        items = items_from(_fetched(body, content_type), FEED, when)
    except WatcherError:
        return
    assert is_item_list(items)


# Pages -------------------------------------------------------------------------------------

TAGS = ["p", "div", "article", "main", "time", "span", "script", "style", "h1", "nav", "br"]
TAGS += ["blockquote", "q", "a", "meta", "title", "header", "li", "table", "td", "template"]
ATTRS = ["", " datetime='2024-02-10T09:00'", " class='byline'", " property='og:title'"]
ATTRS += [" itemprop='datePublished' content='yesterday'", " rel='canonical' href='::'"]
ATTRS += [" type='application/ld+json'", " name='author' content='Ian Lavery'", " x=\"'"]


@st.composite
def html_pages(draw: st.DrawFn) -> bytes:
    parts = []
    for _ in range(draw(st.integers(0, 25))):
        tag, attrs = draw(st.sampled_from(TAGS)), draw(st.sampled_from(ATTRS))
        choice = draw(st.integers(0, 3))
        if choice == 0:
            parts.append(f"<{tag}{attrs}>")
        elif choice == 1:
            parts.append(f"</{tag}>")
        else:
            parts.append(draw(prose) if choice == 2 else draw(st.text(max_size=20)))
    text = "".join(parts)
    encoding = draw(st.sampled_from(["utf-8", "cp1252", "utf-16", "latin-1"]))
    return text.encode(encoding, "replace")


@FAST
@given(
    body=st.one_of(html_pages(), st.binary(max_size=300)),
    url=st.none() | st.sampled_from(["https://news.example/2024/02/10/story", "::", ""]),
)
@example(body=b"<script type='application/ld+json'>" + b"[" * 5000 + b"</script>", url=None)
@example(body=b"<p><p><p><p><p><p><p><p><p><p><p><p><p><p><p><p><br class='byline'>\x1f", url=None)
def test_page_parser_answers_an_article(body: bytes, url: str | None) -> None:
    article = parse_page(body, url)
    assert isinstance(article, Article)
    assert isinstance(article.text, str)
    assert isinstance(article.title, str)


# Extraction and times ----------------------------------------------------------------------


def _check_statements(found: object) -> None:
    assert isinstance(found, list)
    for statement in found:
        assert isinstance(statement, Statement)
        assert statement.kind in KINDS
        assert isinstance(statement.text, str)


@FAST
@given(
    text=prose,
    title=prose,
    source=st.sampled_from([NEWS, FEED, OWN]),
    published=st.none() | anchors,
)
@example(
    text='Keir Starmer said on 29 February: "We will win."', title="", source=NEWS, published=ANCHOR
)
def test_extractor_answers_statements(
    text: str, title: str, source: Source, published: datetime | None
) -> None:
    item = Item(source, "k", title, text, None, published)
    _check_statements(extract_statements(item, load_register(), LONDON))


@FAST
@given(
    text=prose,
    anchor=anchors,
    running=st.booleans(),
    zone=st.sampled_from([LONDON, ZoneInfo("UTC"), ZoneInfo("Pacific/Kiritimati")]),
)
@example(
    text="at 01:30 on 31 March",
    anchor=datetime(2024, 3, 31, 3, tzinfo=UTC),
    running=False,
    zone=LONDON,
)
@example(text="1 January 1", anchor=datetime(1990, 1, 1, tzinfo=UTC), running=False, zone=LONDON)
def test_time_resolver_answers_spoken_times(
    text: str, anchor: datetime, running: bool, zone: ZoneInfo
) -> None:
    found = find_times(text, anchor, zone, running=running)
    assert isinstance(found, list)
    for spoken in found:
        assert isinstance(spoken, SpokenTime)
        assert spoken.at.tzinfo is not None
        assert text[spoken.start :].startswith(spoken.text)


# A megabyte at once ------------------------------------------------------------------------
# The extractor is given what the parsers hand on: every item's text is cut to MAX_TEXT, so a
# megabyte reaches it as a page or a feed, and the time resolver takes the megabyte whole.

MEGABYTE = 1_000_000
ARTICLE = (
    "Ian Lavery said on Monday night that he backs the motion. “We will not be standing "
    "aside,” he told reporters at 23:10. Keir Starmer, who spoke last week, added: 'The party "
    "is united.' Angela Rayner will not be standing for the leadership.\n\n"
)
HOSTILE = "“A-Mr 1.'A: Keir " * 5 + "said told “ ” ' \" 23:10 :\n"


def _long(unit: str) -> str:
    return unit * (MEGABYTE // len(unit) + 1)


def _extract_all(items: list[Item]) -> None:
    register = load_register()
    for item in items:
        _check_statements(extract_statements(item, register, LONDON))


@pytest.mark.slow
@pytest.mark.timeout(300)
@pytest.mark.parametrize("unit", [ARTICLE, HOSTILE])
def test_a_megabyte_of_text_is_timed(unit: str) -> None:
    assert isinstance(find_times(_long(unit), ANCHOR, LONDON), list)


@pytest.mark.slow
@pytest.mark.timeout(300)
@pytest.mark.parametrize("unit", [ARTICLE, HOSTILE])
def test_a_megabyte_page_is_parsed_and_extracted(unit: str) -> None:
    paragraphs = "".join(f"<p>{_escape(line)}</p>" for line in unit.split("\n") if line)
    body = "<html><body><article>" + _long(paragraphs) + "</article></body></html>"
    assert isinstance(parse_page(body.encode(), "https://news.example/a"), Article)
    fetched = FetchResult("https://news.example/a", 200, body.encode(), "text/html")
    _extract_all(items_from(fetched, NEWS))


@pytest.mark.slow
@pytest.mark.timeout(300)
def test_a_feed_of_many_items_is_parsed_and_extracted() -> None:
    day = datetime(2024, 2, 10, tzinfo=UTC)
    entries = [
        f"<item><title>Item {n}</title><link>https://x.example/{n}</link>"
        f"<description>{_escape(ARTICLE + HOSTILE)}</description>"
        f"<pubDate>{(day - timedelta(minutes=n)):%a, %d %b %Y %H:%M:%S} GMT</pubDate></item>"
        for n in range(MEGABYTE // 500)
    ]
    body = "<rss version='2.0'><channel><title>T</title>" + "".join(entries)
    fetched = _fetched((body + "</channel></rss>").encode(), "application/rss+xml")
    assert len(fetched.body) > MEGABYTE
    items = items_from(fetched, FEED)
    assert len(items) == len(entries)
    _extract_all(items)
