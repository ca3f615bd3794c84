"""The quick reading of RSS 2.0 and Atom feeds gives exactly feedparser's items: on every
feed the tests and the corpus hold, on generated feeds full of the details where the two
could part, and by handing feedparser every feed it is unsure of."""

from __future__ import annotations

import os
import random
import sys
from collections.abc import Callable
from pathlib import Path
from xml.sax.saxutils import escape

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from watcher.models import FetchResult, Item, Source
from watcher.parse.feeds import feedparser_items, parse_feed
from watcher.parse.quickfeed import SAFE_ELEMENTS, plain_markup, quick_entries

pytestmark = pytest.mark.timeout(60)

TESTS = Path(__file__).parent
SOURCE = Source("Outlet", "feed", "https://news.example/feed", 300)
CONTENT_TYPES = (None, "application/rss+xml; charset=utf-8", "application/xml", "text/xml")
FEED_FILES = ("fixtures/**/*.xml", "fixtures/**/*.rss", "fixtures/**/*.atom", "corpus/*/*.xml")
FEEDS = sorted(path for pattern in FEED_FILES for path in TESTS.glob(pattern))


def both(body: bytes, content_type: str | None = None) -> tuple[list[Item], list[Item]]:
    fetched = FetchResult(SOURCE.url, 200, body, content_type)
    return parse_feed(fetched, SOURCE), feedparser_items(fetched, SOURCE)


def assert_same_items(quick: list[Item], slow: list[Item]) -> None:
    assert len(quick) == len(slow)
    for mine, theirs in zip(quick, slow, strict=True):
        for field in Item.__dataclass_fields__:
            assert getattr(mine, field) == getattr(theirs, field), field


@pytest.mark.parametrize("content_type", CONTENT_TYPES)
@pytest.mark.parametrize("path", FEEDS, ids=lambda p: p.name)
def test_every_fixture_feed_reads_the_same_both_ways(path: Path, content_type: str | None) -> None:
    assert_same_items(*both(path.read_bytes(), content_type))


def test_most_fixture_feeds_take_the_quick_path() -> None:
    quick = [p for p in FEEDS if quick_entries(p.read_bytes()) is not None]

    assert len(FEEDS) > 100
    assert len(quick) >= 0.9 * len(FEEDS)


def test_the_benchmark_feed_takes_the_quick_path_and_reads_the_same() -> None:
    sys.path.insert(0, str(TESTS.parent / "benchmarks"))
    import bench_pipeline

    body = bench_pipeline.feed(20, random.Random(3))

    assert quick_entries(body) is not None
    assert_same_items(*both(body))


RSS_091 = (TESTS / "fixtures/feeds/rss091.xml").read_bytes()
RDF = b"""<?xml version="1.0"?>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/">
<channel rdf:about="https://news.example/"><title>Outlet</title></channel>
<item rdf:about="https://news.example/1"><title>One</title><link>https://news.example/1</link>
<description>Jo Bloggs said so.</description></item></rdf:RDF>"""
LATIN1 = (
    '<?xml version="1.0" encoding="iso-8859-1"?><rss version="2.0"><channel><title>O</title>'
    "<item><title>Caf\xe9</title><guid>c1</guid></item></channel></rss>"
).encode("latin-1")
SCRIPTED = (
    b'<rss version="2.0"><channel><title>O</title><item><guid>s1</guid><description>'
    b"&lt;p&gt;Kept&lt;/p&gt;&lt;script&gt;gone()&lt;/script&gt;</description></item>"
    b"</channel></rss>"
)
NESTED = (
    b'<rss version="2.0" xmlns:media="http://search.yahoo.com/mrss/"><channel><title>O</title>'
    b"<item><guid>n1</guid><pubDate>Mon, 01 Jan 2024 12:00:00 GMT</pubDate>"
    b'<media:content url="https://x.example/a.png"><media:description>Caption'
    b"</media:description></media:content></item></channel></rss>"
)
XML_BASE = (
    b'<feed xmlns="http://www.w3.org/2005/Atom" xml:base="https://news.example/"><title>O</title>'
    b'<entry><id>e1</id><title>T</title><link href="posts/1"/></entry></feed>'
)
XHTML = (
    b'<feed xmlns="http://www.w3.org/2005/Atom"><title>O</title><entry><id>x1</id>'
    b'<content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml"><p>Hi</p></div>'
    b"</content></entry></feed>"
)
UTF16 = (
    '<?xml version="1.0"?><rss version="2.0"><channel><title>O</title>'
    "<item><title>Caf\xe9</title><guid>c2</guid></item></channel></rss>"
).encode("utf-16")
ODD_DATE = (
    b'<rss version="2.0"><channel><title>O</title><item><guid>d1</guid>'
    b"<pubDate>2024-01-01 12:00</pubDate></item></channel></rss>"
)


@pytest.mark.parametrize(
    "body",
    [
        RSS_091,
        RDF,
        LATIN1,
        UTF16,
        SCRIPTED,
        NESTED,
        XML_BASE,
        XHTML,
        (TESTS / "fixtures/feeds/broken_ampersand.xml").read_bytes(),
        (TESTS / "fixtures/feeds/unclosed_tag.xml").read_bytes(),
    ],
    ids=[
        "rss091",
        "rdf",
        "latin1",
        "utf16",
        "script",
        "nested",
        "xml-base",
        "xhtml",
        "amp",
        "unclosed",
    ],
)
def test_feeds_the_quick_reading_is_unsure_of_go_to_feedparser(body: bytes) -> None:
    quick, slow = both(body)

    assert quick_entries(body) is None
    assert slow
    assert quick == slow


def test_a_date_only_feedparser_can_read_goes_to_feedparser() -> None:
    assert quick_entries(ODD_DATE) is not None  # the feed is plain, its date is not
    quick, slow = both(ODD_DATE)

    assert quick == slow
    assert quick[0].published_at is not None


def test_a_feed_without_items_goes_to_feedparser() -> None:
    body = b'<rss version="2.0"><channel><title>Quiet</title></channel></rss>'

    assert quick_entries(body) is None
    assert both(body) == ([], [])


def test_text_served_as_text_xml_without_a_charset_is_left_to_feedparser() -> None:
    body = (
        '<rss version="2.0"><channel><title>O</title><item><guid>u1</guid>'
        "<title>Siân Berry</title></item></channel></rss>"
    ).encode()

    assert quick_entries(body, "text/xml") is None
    assert quick_entries(body, "text/xml; charset=utf-8") is not None
    assert_same_items(*both(body, "text/xml"))


@pytest.mark.parametrize(
    ("markup", "plain"),
    [
        ("<p>Kept <b>bold</b> &amp; &#8217; &#x2019;</p><br/><img src='a.png' />", True),
        ("<script>x()</script>", False),
        ("<p>Caf&eacute; &nosuch;</p>", False),
        ("<p>a &#150; b</p>", False),  # a Windows-1252 reference, which feedparser rewrites
        ("</br>", False),
        ("<p/>", False),
        ("<!-- note --><p>x</p>", False),
        ("a < b", False),
        ("Q&A", False),
        ("<a href=x>unquoted</a>", False),
    ],
)
def test_plain_markup_is_only_what_the_sanitizer_leaves_alone(markup: str, plain: bool) -> None:
    assert plain_markup(markup) is plain


def test_the_safe_elements_are_ones_the_sanitizer_keeps() -> None:
    from feedparser.sanitizer import _HTMLSanitizer

    kept: set[str] = _HTMLSanitizer.acceptable_elements
    assert SAFE_ELEMENTS - kept == set()
    assert not SAFE_ELEMENTS & {"script", "style", "noscript", "template", "title", "svg"}


# --- generated feeds ---------------------------------------------------------------------

TEXTS = st.sampled_from(
    [
        "",
        "  Jo Bloggs said so  ",
        "Siân O’Brien-McDonald",
        "Ã©lan",  # UTF-8 read as Latin-1, which feedparser reads again
        "Caf\x96",  # a C1 control, which feedparser maps to Windows-1252
        "A & B",
        "1 < 2 > 0",
        "&lt;p&gt;escaped&lt;/p&gt;",
        "&amp;amp;",
        "&#8217;",
        "<p>Para</p><p>Two <b>bold</b></p>",
        "<p>x</p><script>y()</script>",
        "line<br>break<br/>again</br>",
        "<div><ul><li>one<li>two</ul></div>",
        "&nosuch; thing",
        "<!-- c --> text",
        "<noscript>no</noscript>",
        "<p/>self",
        "<a href=u>x</a>",
        "<em>Q</em>&nbsp;&#150;",
    ]
)
DATES = st.sampled_from(
    [
        "Mon, 01 Jan 2024 12:00:00 GMT",
        "Mon, 01 Jan 2024 12:00:00",
        "2024-01-01T12:00:00Z",
        "2024-01-01",
        "mer, 16 nov 2022 10:00:00 +0100",
        "yesterday",
        "",
    ]
)
LINKS = st.sampled_from(
    [
        "https://news.example/a",
        "https:///news.example/b",
        "https://news.example/q?a=1&amp;b=2",
        "https://news.example/q?a=1&b;=2",
        "/relative",
        "javascript:alert(1)",
        "",
    ]
)


def _element(name: str, text: str, cdata: bool, attributes: str = "") -> str:
    body = f"<![CDATA[{text}]]>" if cdata and "]]>" not in text else escape(text)
    return f"<{name}{attributes}>{body}</{name}>"


@st.composite
def rss_items(draw: st.DrawFn) -> str:
    parts = []
    for name in draw(st.lists(st.sampled_from(list(RSS_PARTS)), max_size=8)):
        parts.append(RSS_PARTS[name](draw))
    return "<item>" + "".join(parts) + "</item>"


def _rss_title(draw: st.DrawFn) -> str:
    return _element("title", draw(TEXTS), draw(st.booleans()))


def _rss_guid(draw: st.DrawFn) -> str:
    flag = draw(st.sampled_from(["", ' isPermaLink="false"', ' isPermaLink="true"']))
    return _element("guid", draw(LINKS | st.just("urn:x:1")), False, flag)


def _rss_category(draw: st.DrawFn) -> str:
    domain = draw(st.sampled_from(["", ' domain="d"']))
    return _element("category", draw(st.sampled_from(["", "Politics", "Politics "])), False, domain)


RSS_PARTS: dict[str, Callable[[st.DrawFn], str]] = {
    "title": _rss_title,
    "link": lambda draw: _element("link", draw(LINKS), False),
    "guid": _rss_guid,
    "description": lambda draw: _element("description", draw(TEXTS), draw(st.booleans())),
    "encoded": lambda draw: _element("content:encoded", draw(TEXTS), True),
    "pubDate": lambda draw: _element("pubDate", draw(DATES), False),
    "author": lambda draw: _element(
        "author", draw(st.sampled_from(["jo@x.org (Jo)", "Jo"])), False
    ),
    "creator": lambda draw: _element("dc:creator", draw(st.sampled_from(["Jo", " "])), False),
    "category": _rss_category,
    "thumbnail": lambda draw: '<media:thumbnail url="https://x.example/t.png"/>',
    "comments": lambda draw: _element("comments", draw(LINKS), False),
}

RSS_HEAD = (
    '<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" '
    'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:media="http://search.yahoo.com/mrss/">'
    "<channel><title>Outlet</title>"
)


@st.composite
def atom_entries(draw: st.DrawFn) -> str:
    parts = []
    for name in draw(st.lists(st.sampled_from(ATOM_PARTS), max_size=8)):
        if name in ("title", "summary", "content"):
            kind = draw(st.sampled_from(["", ' type="text"', ' type="html"', ' type="xhtml"']))
            parts.append(_element(name, draw(TEXTS), draw(st.booleans()), kind))
        elif name == "link":
            rel = draw(st.sampled_from(["", ' rel="alternate"', ' rel="self"', ' rel="related"']))
            parts.append(f'<link{rel} href="{escape(draw(LINKS))}"/>')
        elif name in ("published", "updated"):
            parts.append(_element(name, draw(DATES), False))
        elif name == "author":
            inner = draw(st.sampled_from(["<name>Jo</name>", "<email>j@x.org</email>", ""]))
            extra = draw(st.sampled_from(["", "<email>j@x.org</email>", "<uri>https://x/</uri>"]))
            parts.append(f"<author>{inner}{extra}</author>")
        elif name == "category":
            parts.append(f'<category term="{draw(st.sampled_from(["", "Politics"]))}"/>')
        else:
            parts.append(_element("id", draw(LINKS | st.just("urn:x:2")), False))
    return "<entry>" + "".join(parts) + "</entry>"


ATOM_PARTS = ["id", "title", "summary", "content", "link", "published", "updated", "author"]
ATOM_PARTS.append("category")
GENERATED = settings(
    max_examples=int(os.environ.get("FUZZ_EXAMPLES", "150")),
    derandomize="FUZZ_EXAMPLES" not in os.environ,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow],
)


@GENERATED
@given(st.lists(rss_items(), min_size=1, max_size=3), st.sampled_from(CONTENT_TYPES))
def test_generated_rss_reads_the_same_both_ways(items: list[str], content_type: str | None) -> None:
    body = (RSS_HEAD + "".join(items) + "</channel></rss>").encode()
    assert_same_items(*both(body, content_type))


@GENERATED
@given(st.lists(atom_entries(), min_size=1, max_size=3), st.sampled_from(CONTENT_TYPES))
def test_generated_atom_reads_the_same_both_ways(
    entries: list[str], content_type: str | None
) -> None:
    head = '<feed xmlns="http://www.w3.org/2005/Atom"><title>Outlet</title>'
    body = (head + "".join(entries) + "</feed>").encode()
    assert_same_items(*both(body, content_type))
