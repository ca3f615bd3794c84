"""pages.parse_page and page_links: an HTML page as an article, without its chrome."""

from __future__ import annotations

import time
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from watcher.extract import extract_statements
from watcher.models import Source
from watcher.parse import article_item
from watcher.parse.pages import MAX_ELEMENTS, MAX_PAGE, page_links, parse_page
from watcher.parse.text import element_text, html_tree
from watcher.register import load_register

pytestmark = pytest.mark.timeout(10)

PAGES = Path(__file__).parent / "fixtures" / "pages"
CHROME_PAGE = PAGES / "lavery_chrome.html"
NEWS = Source("Northern Courier", "page", "https://courier.example/politics", 300.0)


def page(head: str = "", body: str = "<article><p>Some words of the article.</p></article>") -> str:
    return f"<!DOCTYPE html><html><head>{head}</head><body>{body}</body></html>"


# --- title ----------------------------------------------------------------------------------


def test_title_from_og_title_first() -> None:
    html = page(
        '<title>Page title | Courier</title><meta property="og:title" content="The og title">',
        "<h1>The headline</h1><p>Text.</p>",
    )

    assert parse_page(html).title == "The og title"


@pytest.mark.parametrize(
    "title",
    [
        "Lavery rules out bid | Northern Courier",
        "Lavery rules out bid - Northern Courier",
        "Lavery rules out bid – Northern Courier",
    ],
)
def test_title_from_the_title_tag_without_the_site_name(title: str) -> None:
    html = page(f"<title>{title}</title>", "<h1>The headline</h1><p>Text.</p>")

    assert parse_page(html).title == "Lavery rules out bid"


def test_title_from_the_first_h1_when_there_is_no_other() -> None:
    html = page("", "<h1>  Lavery rules\n out bid </h1><h1>Second</h1><p>Text.</p>")

    assert parse_page(html).title == "Lavery rules out bid"


# --- author ---------------------------------------------------------------------------------


def test_author_from_meta() -> None:
    html = page('<meta name="author" content=" Jane Reporter ">', '<p class="byline">By Bob</p>')

    assert parse_page(html).author == "Jane Reporter"


def test_author_from_json_ld() -> None:
    data = '{"@type": "NewsArticle", "author": [{"@type": "Person", "name": "Jane Reporter"}]}'
    html = page(f'<script type="application/ld+json">{data}</script>')

    assert parse_page(html).author == "Jane Reporter"


def test_author_from_a_byline() -> None:
    html = page("", '<article><p class="byline">Jane\n  Reporter</p><p>Text.</p></article>')

    assert parse_page(html).author == "Jane Reporter"


def test_no_author() -> None:
    assert parse_page(page()).author is None


# --- published time -------------------------------------------------------------------------


def test_published_from_meta() -> None:
    html = page(
        '<meta property="article:published_time" content="2020-01-07T08:30:00+00:00">'
        '<meta property="article:modified_time" content="2020-01-07T10:00:00Z">',
        '<time datetime="2019-05-05T10:00:00Z">5 May</time><p>Text.</p>',
    )

    article = parse_page(html)

    assert article.published_at == datetime(2020, 1, 7, 8, 30, tzinfo=UTC)
    assert article.modified_at == datetime(2020, 1, 7, 10, 0, tzinfo=UTC)


def test_published_from_json_ld() -> None:
    data = (
        '{"@context": "https://schema.org", "@graph": [{"@type": "WebPage"},'
        ' {"@type": "NewsArticle", "datePublished": "2020-01-07T07:05:00+01:00"}]}'
    )
    html = page(f'<script type="application/ld+json">{data}</script>')

    published = parse_page(html).published_at

    assert published == datetime(2020, 1, 7, 6, 5, tzinfo=UTC)
    assert published is not None
    assert published.utcoffset() == timedelta(hours=1)


def test_published_from_a_time_element() -> None:
    html = page("", '<article><time datetime="2020-01-07T08:30">7 Jan</time><p>Text.</p></article>')

    # A time without a zone is taken as UTC.
    assert parse_page(html).published_at == datetime(2020, 1, 7, 8, 30, tzinfo=UTC)


def test_published_from_a_dated_canonical_address() -> None:
    html = page('<link rel="canonical" href="https://courier.example/2020/01/07/lavery-out/">')

    article = parse_page(html, "https://courier.example/?p=123")

    assert article.published_at == datetime(2020, 1, 7, tzinfo=UTC)
    assert article.url == "https://courier.example/2020/01/07/lavery-out/"


def test_published_from_the_dated_address_it_was_fetched_from() -> None:
    article = parse_page(page(), "https://courier.example/2019/12/13/results/")

    assert article.published_at == datetime(2019, 12, 13, tzinfo=UTC)
    assert article.url == "https://courier.example/2019/12/13/results/"


def test_no_published_time() -> None:
    article = parse_page(page(), "https://courier.example/news/lavery")

    assert article.published_at is None
    assert article.modified_at is None


def test_an_unreadable_time_is_no_time() -> None:
    html = page('<meta property="article:published_time" content="last Tuesday">')

    assert parse_page(html).published_at is None


# --- main text ------------------------------------------------------------------------------

ARTICLE_PARAGRAPHS = [
    "Ian Lavery, the Labour MP for Blyth and Ashington, has ruled himself out of the race to "
    "succeed Jeremy Corbyn as party leader.",
    '"I will not be standing in this leadership contest," Mr Lavery said on Monday night. '
    '"The party has to listen to the communities it lost in December."',
    'The former party chairman added: "I am backing Rebecca Long Bailey. She understands the '
    'coalfields."',
    "Mr Lavery had been urged by several trade unions to put his name forward, and his decision "
    "leaves the left of the party with a single candidate.",
]


def test_the_chrome_page_reads_its_title_author_time_and_address() -> None:
    article = parse_page(CHROME_PAGE.read_text(encoding="utf-8"), "https://courier.example/x")

    assert article.title == "Ian Lavery rules out Labour leadership bid"
    assert article.author == "Jane Reporter"
    assert article.published_at == datetime(2020, 1, 7, 8, 30, tzinfo=UTC)
    assert article.url == "https://courier.example/politics/lavery-rules-out-bid"


def test_main_text_is_the_article_paragraphs_in_order() -> None:
    article = parse_page(CHROME_PAGE.read_text(encoding="utf-8"))

    assert article.text.split("\n\n") == ARTICLE_PARAGRAPHS


@pytest.mark.parametrize(
    ("where", "words"),
    [
        ("nav", "Lisa Nandy"),
        ("site header", "Northern Courier"),
        ("headline inside the article", "rules out Labour leadership bid"),
        ("byline inside the article", "Jane Reporter"),
        ("standfirst inside the article", "Emily Thornberry"),
        ("standfirst inside the article", "hat into the ring"),
        ("link-dense teaser block", "More from Politics"),
        ("link-dense teaser block", "Rachel Reeves"),
        ("link-dense teaser block", "Richard Burgon"),
        ("link-dense teaser block", "Lucy Powell"),
        ("donation appeal", "Jess Phillips"),
        ("donation appeal", "Support the Courier"),
        ("comments", "Bridget Phillipson"),
        ("comments", "Reader quote"),
        ("aside", "Wes Streeting"),
        ("aside", "Angela Rayner"),
        ("most read", "Most read"),
        ("most read", "Keir Starmer"),
        ("most read", "Yvette Cooper"),
        ("footer", "Clive Lewis"),
        ("footer", "©"),
        ("style", "Dawn Butler"),
        ("script", "dataLayer"),
        ("script", "I am withdrawing"),
    ],
)
def test_the_chrome_is_dropped(where: str, words: str) -> None:
    html = CHROME_PAGE.read_text(encoding="utf-8")
    assert words in html  # the fixture holds it, somewhere in the chrome

    assert words not in parse_page(html).text, where


def test_without_an_article_container_the_body_is_read_without_chrome() -> None:
    html = page(
        "<title>A post</title>",
        '<div class="sidebar"><p>Angela Rayner said: "I am standing."</p></div>'
        "<p>First paragraph of the post.</p><p>Second paragraph, with <b>bold</b> words.</p>"
        "<script>alert('Wes Streeting')</script><footer>Footer text</footer>",
    )

    assert parse_page(html).text == (
        "First paragraph of the post.\n\nSecond paragraph, with bold words."
    )


def test_a_short_list_of_links_in_the_text_is_not_a_teaser_block() -> None:
    html = page(
        "",
        "<article><p>Ian Lavery set out his plan in a long speech to the conference in Durham,"
        " where he spoke for almost an hour about the coalfields and about the party.</p>"
        "<div><p>He pointed to the report by the <a href='/r'>commission</a> and the reply of"
        " the <a href='/g'>government</a>, which he called a disgrace to the mining towns.</p>"
        "</div></article>",
    )

    assert "which he called a disgrace" in parse_page(html).text


LEAD = (
    "<p>Ian Lavery, the Labour MP for Blyth and Ashington, has ruled himself out of the race"
    " to succeed Jeremy Corbyn as party leader, his office confirmed on Tuesday morning.</p>"
)
TAIL = (
    "<p>Mr Lavery had been urged by several trade unions to put his name forward, and his"
    " decision leaves the left of the party with a single candidate in the contest.</p>"
)


def article_page(paragraphs: str, around: str = "") -> str:
    """A news page whose article holds `paragraphs` between two ordinary ones."""
    return page(
        '<title>Lavery rules out bid | Courier</title><meta property="og:title"'
        ' content="Lavery rules out bid">',
        f"<h1>Lavery rules out bid</h1><article>{LEAD}{paragraphs}{TAIL}</article>{around}",
    )


def middle(html: str) -> list[str]:
    """The paragraphs read between the two ordinary ones."""
    paragraphs = parse_page(html).text.split("\n\n")
    assert paragraphs[0].startswith("Ian Lavery, the Labour MP")
    assert paragraphs[-1].startswith("Mr Lavery had been urged")
    return paragraphs[1:-1]


@pytest.mark.parametrize(
    ("markup", "paragraphs"),
    [
        # a newline of the source inside a paragraph is a space
        (
            '<p>"I will not be standing in this leadership contest,"\n    Mr Lavery said.</p>',
            ['"I will not be standing in this leadership contest," Mr Lavery said.'],
        ),
        # a single <br> inside a sentence is a space
        (
            "<p>Mr Lavery said: “I will not be standing<br>in this contest.”</p>",
            ["Mr Lavery said: “I will not be standing in this contest.”"],
        ),
        # a <br> after the end of a sentence ends a paragraph, and so do two
        (
            "<p>He spoke for an hour.<br><br>Then he left.</p>"
            "<p>He thanked the unions.<br>He thanked the members.</p>",
            [
                "He spoke for an hour.",
                "Then he left.",
                "He thanked the unions.",
                "He thanked the members.",
            ],
        ),
        # ... but not inside a quotation still open there
        (
            "<p>He wrote: “I have known Rebecca for years.<br>She has my vote.”</p>",
            ["He wrote: “I have known Rebecca for years. She has my vote.”"],
        ),
        # inline links and emphasis keep the words of a quote joined, spaced as the source is
        (
            '<p>“I am <em>not</em> standing,” said <a href="/mps/lavery">Ian Lavery</a>, the'
            " <strong>Blyth and Ashington</strong>\nMP.</p>",
            ["“I am not standing,” said Ian Lavery, the Blyth and Ashington MP."],
        ),
        (
            "<p>“I am backing <a href='/rlb'>Rebecca</a>. <b>She</b> understands the"
            " coal<i>fields</i>.”</p>",
            ["“I am backing Rebecca. She understands the coalfields.”"],
        ),
        # a time inside a sentence is the sentence's words
        (
            '<p>He said at <time datetime="2020-01-06T23:10">23:10</time> on Monday that he'
            " would not stand.</p>",
            ["He said at 23:10 on Monday that he would not stand."],
        ),
    ],
)
def test_paragraphs_of_a_page_never_split_a_quote(markup: str, paragraphs: list[str]) -> None:
    assert middle(article_page(markup)) == paragraphs


@pytest.mark.parametrize(
    ("where", "markup"),
    [
        ("headline", ""),
        ("standfirst", '<p class="standfirst">Emily Thornberry said: "I am standing."</p>'),
        ("kicker", '<p class="article__kicker">Emily Thornberry: "I am standing"</p>'),
        ("byline", '<div class="byline">By Emily Thornberry, political editor</div>'),
        ("caption", '<figure><img src="t.jpg"><figcaption>Emily Thornberry</figcaption></figure>'),
        ("caption", '<div class="image-caption">Emily Thornberry at the count</div>'),
        (
            "pull quote",
            '<blockquote class="pull-quote">“Emily Thornberry is standing”</blockquote>',
        ),
        ("sidebar", '<aside><p>Emily Thornberry said: "I am standing."</p></aside>'),
        (
            "teasers",
            '<div class="related"><h3>Related</h3><ul><li><a href="/a">Emily Thornberry:'
            ' "I am standing"</a></li><li><a href="/b">Nandy backs Starmer</a></li></ul></div>',
        ),
        (
            "comments",
            '<div class="bugle-comments"><h3>Have your say</h3><p><b>Reader</b>: Emily'
            " Thornberry said it first.</p></div>",
        ),
        (
            "donation appeal",
            '<div class="donate-box"><p>Emily Thornberry reads us. Support the Courier.</p></div>',
        ),
        (
            "box",
            '<div class="box"><h3>WHO\'S NEXT?</h3><ul><li>Emily Thornberry &ndash; "Not a'
            ' chance," she says</li><li>Lisa Nandy &ndash; keeping quiet</li></ul></div>',
        ),
    ],
)
def test_furniture_inside_the_article_stays_out(where: str, markup: str) -> None:
    html = article_page("").replace("<article>", f"<article>{markup}")

    text = parse_page(html).text

    assert "Emily Thornberry" not in text, where
    assert "Lavery rules out bid" not in text, "headline"
    assert text.startswith("Ian Lavery, the Labour MP")


LIVE_BLOG = """<!DOCTYPE html><html><head><title>Politics live | Courier</title></head><body>
<nav><a href="/">Home</a></nav>
<main><h1>Politics live: Labour nominations close</h1>
<div class="key-events"><h3>Key events</h3><ul><li><a href="#e3">17:12 Nandy: "I am in"</a>
</li></ul></div>
<div class="posts">
<div class="post" id="e3"><time datetime="2020-01-13T17:12:00Z">17:12</time>
<h2>Nandy: "I am in"</h2>
<p>Lisa Nandy has the nominations she needs. "I am in this race to win it," she said.</p></div>
<div class="post" id="e2"><p class="post__time"><span>2.05pm</span></p>
<p>Clive Lewis has withdrawn. "I am withdrawing from the contest," he said.</p></div>
<div class="post" id="e1"><h3><time>09:30</time> Good morning</h3>
<p>Welcome to our coverage of nominations day.</p></div>
</div></main>
<footer>© Courier</footer></body></html>"""


def test_a_live_blog_is_read_whole_with_each_entry_time_above_its_entry() -> None:
    text = parse_page(LIVE_BLOG).text

    assert 'Nandy: "I am in"' not in text  # neither the key events nor the entry's headline
    assert "Good morning" not in text
    assert text.split("\n\n")[-6:] == [
        "17:12",
        'Lisa Nandy has the nominations she needs. "I am in this race to win it," she said.',
        "2.05pm",
        'Clive Lewis has withdrawn. "I am withdrawing from the contest," he said.',
        "09:30",
        "Welcome to our coverage of nominations day.",
    ]


def test_live_blog_entries_that_are_articles_are_all_read() -> None:
    entries = "".join(
        f'<article class="post"><header><time datetime="2022-07-06T{t}:00+01:00">{t}</time>'
        f"</header><p>Entry at {t}, long enough to be read as the text of a live blog.</p>"
        "</article>"
        for t in ("10:31", "09:48", "08:05")
    )
    html = page("<title>Live</title>", f'<div class="live-wrap"><h1>Live</h1>{entries}</div>')

    text = parse_page(html).text

    assert text.split("\n\n")[::2] == ["10:31", "09:48", "08:05"]
    assert "Entry at 08:05" in text


# --- odd and hostile pages ------------------------------------------------------------------


def test_a_page_with_more_elements_than_the_cap_is_read_plainly_in_time() -> None:
    paragraphs = "<p>Some words of the article, again.</p>" * (MAX_ELEMENTS + 10)
    html = page("<title>Huge</title>", f"<nav>Menu</nav><article>{paragraphs}</article>")

    started = time.perf_counter()
    text = parse_page(html).text

    assert time.perf_counter() - started < 5
    assert text.startswith("Some words of the article, again.\n\nSome words")
    assert "Menu" not in text


def test_a_page_past_the_size_cap_is_read_up_to_it() -> None:
    html = page("", "<article>" + "<p>Words of the article.</p>" * 400_000 + "</article>")
    assert len(html) > MAX_PAGE

    assert parse_page(html.encode()).text.startswith("Words of the article.")


@pytest.mark.parametrize(
    "html",
    [
        "<div>" * 100_000 + "<p>Deep.</p>" + "</div>" * 100_000,
        "<article><p title='" + "a" * 20_000_000 + "'>Plain words.</p></article>",
        "<p>Just a fragment.</p>",
        "",
        "\x00\x01 not html at all",
    ],
    ids=["deep nesting", "huge attribute", "fragment", "empty", "garbage"],
)
def test_odd_pages_read_without_failing(html: str) -> None:
    started = time.perf_counter()

    article = parse_page(html)

    assert time.perf_counter() - started < 5
    assert isinstance(article.text, str)


def test_a_fragment_is_its_text() -> None:
    assert parse_page("<p>Just a fragment.</p>").text == "Just a fragment."


@pytest.mark.parametrize(
    ("body", "encoding"),
    [
        ('<meta charset="windows-1252"><p>“I will not stand,” he said.</p>', "cp1252"),
        ("<p>“I will not stand,” he said.</p>", "cp1252"),
        ('<meta charset="iso-8859-15"><p>He will not stand, nor for €1.</p>', "iso-8859-15"),
        ("\ufeff<p>“I will not stand,” he said.</p>", "utf-8"),
    ],
)
def test_pages_in_other_charsets_are_decoded(body: str, encoding: str) -> None:
    data = body.encode(encoding)

    text = parse_page(data).text

    assert text == body.split("<p>")[1].removesuffix("</p>")


def test_a_day_htmldate_reads_where_the_page_gives_no_exact_time() -> None:
    html = page('<meta name="dc.date" content="2020-01-07">')

    assert parse_page(html).published_at == datetime(2020, 1, 7, tzinfo=UTC)


def test_an_author_in_a_byline_of_several_lines_is_spaced() -> None:
    html = page("", '<article><p class="byline">By Jane Reporter<br>7 January 2020</p></article>')

    assert parse_page(html).author == "By Jane Reporter 7 January 2020"


# --- links ----------------------------------------------------------------------------------


def test_page_links_are_absolute_in_order_without_duplicates() -> None:
    html = """
    <nav><a href="/news">News</a></nav>
    <h2><a href="/politics/lavery-out">Lavery  rules
        out bid</a></h2>
    <h2><a href="javascript:void(0)">Open the menu</a></h2>
    <h2><a href="https://other.example/story?id=2">Elsewhere</a></h2>
    <h2><a href="mailto:desk@courier.example">Write to us</a></h2>
    <h2>No link here</h2>
    <h2><a href="/politics/lavery-out">Lavery rules out bid</a></h2>
    <h2><a href="../politics/rayner">Rayner stands</a></h2>
    """

    links = page_links(html, "h2 a", "https://courier.example/section/index.html")

    assert links == [
        ("https://courier.example/politics/lavery-out", "Lavery rules out bid"),
        ("https://other.example/story?id=2", "Elsewhere"),
        ("https://courier.example/politics/rayner", "Rayner stands"),
    ]


def test_page_links_with_a_selector_of_an_element_holding_the_link() -> None:
    html = """
    <div class="card"><img src="/a.jpg"><a href="/one">One</a></div>
    <div class="card">No link</div>
    <div class="card"><a href="/two">Two</a><a href="/three">Three</a></div>
    """

    assert page_links(html, ".card", "http://courier.example/") == [
        ("http://courier.example/one", "One"),
        ("http://courier.example/two", "Two"),
    ]


# --- extraction from a page with chrome -----------------------------------------------------


def chrome_item_text() -> str:
    """All the words of the chrome page as a reader sees them, chrome included."""
    tree = html_tree(CHROME_PAGE.read_bytes())
    assert tree is not None
    return element_text(tree.find("body"))


def test_extract_from_a_page_with_chrome_finds_only_the_articles_speaker() -> None:
    url = "https://courier.example/politics/lavery-rules-out-bid"
    article = parse_page(CHROME_PAGE.read_text(encoding="utf-8"), url)

    statements = extract_statements(article_item(article, NEWS, url), load_register())

    assert {s.mp for s in statements} == {"Ian Lavery"}
    assert sorted((s.kind, s.target) for s in statements) == [
        ("endorsement", "Rebecca Long Bailey"),
        ("leadership_declined", "Labour leader"),
        ("statement", None),  # the quote that goes on after 'Mr Lavery said on Monday night.'
    ]
    declined = next(s for s in statements if s.kind == "leadership_declined")
    assert declined.text.startswith("I will not be standing in this leadership contest")
    assert declined.said_at_text == "on Monday night"


def test_the_chrome_of_that_page_would_otherwise_be_taken_for_statements() -> None:
    # The control for the test above: read with its chrome, the page quotes other MPs.
    article = parse_page(CHROME_PAGE.read_text(encoding="utf-8"))
    whole = replace(
        article_item(article, NEWS, "https://courier.example/x"), text=chrome_item_text()
    )

    speakers = {s.mp for s in extract_statements(whole, load_register())}

    assert {"Wes Streeting", "Angela Rayner", "Keir Starmer", "Yvette Cooper"} <= speakers


def test_plain_text_keeps_its_paragraphs_and_its_first_line_as_title() -> None:
    text = (
        "Ian Lavery will not stand\n\n"
        "Mr Lavery made this statement on Facebook:\n\n"
        "I will not be standing in the leadership contest.\n"
        "I will be throwing my full support behind Rebecca Long Bailey."
    )
    article = parse_page(text.encode())
    assert article.title == "Ian Lavery will not stand"
    assert article.text.split("\n\n") == [
        "Ian Lavery will not stand",
        "Mr Lavery made this statement on Facebook:",
        "I will not be standing in the leadership contest. I will be throwing my full support "
        "behind Rebecca Long Bailey.",
    ]
