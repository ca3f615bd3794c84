"""extract: an MP's own item is their statement; news items are only searched for mentions."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from conftest import Entry, rss

from watcher.extract import extract_statements, find_mentions
from watcher.models import MP, FetchResult, Item, Source
from watcher.parse import parse_feed

pytestmark = pytest.mark.timeout(10)

LAVERY = MP("Ian Lavery", aliases=("Lavery", "Mr Lavery"), party="Labour")
PHILLIPSON = MP("Bridget Phillipson", aliases=("Phillipson",), party="Labour")
MPS = (LAVERY, PHILLIPSON)

OWN = Source("Ian Lavery (feed)", "feed", "https://lavery.example/feed", 300.0, mp="Ian Lavery")
NEWS = Source("Politics desk", "feed", "https://news.example/rss", 300.0)
WHEN = datetime(2024, 7, 5, 9, 30, tzinfo=UTC)


def item(
    source: Source,
    text: str,
    title: str = "A headline",
    published: datetime | None = WHEN,
) -> Item:
    return Item(
        source=source,
        key="urn:test:1",
        title=title,
        text=text,
        url="https://example.org/1",
        published_at=published,
    )


# --- statements -----------------------------------------------------------------------------


def test_an_item_from_the_mps_own_source_is_one_statement_by_that_mp() -> None:
    own = item(OWN, "Proud to meet the nurses of Wansbeck hospital.")

    statements = extract_statements(own, MPS)

    assert len(statements) == 1
    (statement,) = statements
    assert statement.mp == "Ian Lavery"
    assert statement.kind == "statement"
    assert statement.text == "Proud to meet the nurses of Wansbeck hospital."
    assert statement.said_at == WHEN
    assert statement.said_at_precision == "published"


def test_an_own_item_is_classified_by_its_words() -> None:
    own = item(OWN, "I will not be standing for the leadership.")

    (statement,) = extract_statements(own, MPS)

    assert (statement.kind, statement.target) == ("leadership_declined", "Labour leader")


@pytest.mark.parametrize(
    "marker",
    [
        "[contains quote post or other embedded content]",
        "[quote post from @phillipson.bsky.social]",
        "RE: https://mastodon.social/@phillipson/11234",
    ],
)
def test_a_post_quoted_in_the_mps_own_post_is_not_their_statement(marker: str) -> None:
    own = item(OWN, f"Proud to back my friend Bridget.\n{marker}\nI am standing for leader.")

    (statement,) = extract_statements(own, MPS)

    assert statement.text == "Proud to back my friend Bridget."
    assert statement.kind != "leadership_bid"


def test_said_at_follows_the_items_published_time() -> None:
    later = datetime(2025, 1, 2, 3, 4, 5, tzinfo=UTC)

    (statement,) = extract_statements(item(OWN, "words", published=later), MPS)
    (undated,) = extract_statements(item(OWN, "words", published=None), MPS)

    assert statement.said_at == later
    assert undated.said_at is None


def test_an_own_item_without_text_falls_back_to_its_title() -> None:
    (statement,) = extract_statements(item(OWN, "", title="Proud to back the bill"), MPS)

    assert statement.text == "Proud to back the bill"


def test_a_news_item_quoting_the_mp_gives_the_mps_statement() -> None:
    news = item(NEWS, 'Ian Lavery said: "I will not be standing for the leadership."')

    (statement,) = extract_statements(news, MPS)

    assert (statement.mp, statement.kind) == ("Ian Lavery", "leadership_declined")
    assert statement.text == "I will not be standing for the leadership."


def test_a_news_item_that_only_names_the_mp_gives_no_statement() -> None:
    news = item(NEWS, "Campaigners want Ian Lavery to stand. Mr Lavery was in Blyth today.")

    assert extract_statements(news, MPS) == []


def test_an_own_source_of_an_mp_not_listed_gives_nothing() -> None:
    stranger = Source("Someone (feed)", "feed", "https://x.example/feed", 300.0, mp="Someone Else")

    assert extract_statements(item(stranger, "Ian Lavery is wrong."), MPS) == []
    assert extract_statements(item(OWN, "My statement."), [PHILLIPSON]) == []


def test_parsed_own_feed_items_become_statements_end_to_end() -> None:
    body = rss([Entry("Leadership", "<p>I am <b>standing</b>.</p>", guid="g1", published=WHEN)])
    items = parse_feed(FetchResult(OWN.url, 200, body.encode()), OWN)

    statements = [s for i in items for s in extract_statements(i, MPS)]

    assert [(s.mp, s.kind, s.text, s.said_at) for s in statements] == [
        ("Ian Lavery", "leadership_bid", "I am standing.", WHEN)
    ]


# --- mentions -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Ian Lavery spoke in the Commons.",
        "A speech by Ian Lavery.",
        "Mr Lavery, the MP for Blyth, said no.",
        "Asked about it, Lavery declined.",
        "(Lavery) was not available.",
        "Lavery's office confirmed it.",
        "The vote—Lavery—was close.",
        "Lavery",
    ],
)
def test_mentions_by_full_name_or_alias_on_word_boundaries(text: str) -> None:
    assert find_mentions(item(NEWS, text), MPS) == ["Ian Lavery"]


@pytest.mark.parametrize(
    "text",
    [
        "A new estate in Laveryville opened.",
        "The McLavery family.",
        "Laverys are a common sight.",
        "Ian Laverys",
        "lavery_2024 trended online.",
        "Nothing about any MP at all.",
    ],
)
def test_no_mention_inside_another_word(text: str) -> None:
    assert find_mentions(item(NEWS, text), MPS) == []


def test_a_mention_in_the_title_counts() -> None:
    news = item(NEWS, "Nothing here.", title="Phillipson sets out plans")

    assert find_mentions(news, MPS) == ["Bridget Phillipson"]


def test_several_mps_are_named_once_each_in_the_order_of_the_list() -> None:
    news = item(NEWS, "Phillipson and Lavery clashed; Ian Lavery later apologised to Phillipson.")

    assert find_mentions(news, MPS) == ["Ian Lavery", "Bridget Phillipson"]
    assert find_mentions(news, (PHILLIPSON, LAVERY)) == ["Bridget Phillipson", "Ian Lavery"]


def test_an_mp_not_listed_is_not_found() -> None:
    news = item(NEWS, "Bridget Phillipson spoke.")

    assert find_mentions(news, [LAVERY]) == []
    assert find_mentions(news, []) == []


def test_names_with_regex_characters_are_matched_literally() -> None:
    odd = MP("Jo Smith (Jnr)", aliases=("J.S.",))

    assert find_mentions(item(NEWS, "Jo Smith (Jnr) spoke."), [odd]) == ["Jo Smith (Jnr)"]
    assert find_mentions(item(NEWS, "JxS, not the MP."), [odd]) == []
