"""Odd and hostile input: nothing crashes, nothing stalls, nothing is given to the wrong MP."""

from __future__ import annotations

import asyncio
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from support.httpserver import FixtureServer

from watcher.config import Settings
from watcher.errors import BlockedRedirectError
from watcher.extract import extract_statements
from watcher.extract.times import find_times
from watcher.fetch import Fetcher, make_client
from watcher.models import Item, Source, Statement
from watcher.parse import parse_page
from watcher.register import load_register

LONDON = ZoneInfo("Europe/London")
ANCHOR = datetime(2024, 2, 10, 9, 0, tzinfo=LONDON)
NEWS = Source("news", "page", "https://news.example/", 300)


def statements(text: str) -> list[Statement]:
    item = Item(NEWS, "k", "", text, None, ANCHOR)
    return extract_statements(item, load_register(), LONDON)


def said(text: str) -> list[tuple[str, str, str | None]]:
    return [(s.mp, s.kind, s.target) for s in statements(text)]


@pytest.mark.timeout(10)
@pytest.mark.parametrize("filler", ["a-", "A-", "A'", "“", "1.", "Mr "])
def test_long_runs_of_odd_characters_do_not_stall_extraction(filler: str) -> None:
    # Up to 60,000 characters: linear work takes a second; work that grows with the square of
    # a run ("A-A-A-…" read as a name starting at every letter, or "Mr Mr Mr …" shortened a
    # title at a time) takes a minute and hits the guard.
    text = f"Keir Starmer said the leadership contest was {filler * 20000} over."
    assert isinstance(statements(text), list)


@pytest.mark.slow
@pytest.mark.timeout(30)
@pytest.mark.parametrize("filler", ["Mr ", "A-", "Mr Jo "])
def test_a_run_of_300_000_characters_is_read_in_linear_time(filler: str) -> None:
    # Read in linear time this takes seconds; in time that grows with the square of the run,
    # minutes.
    run = filler * (300_000 // len(filler))
    assert isinstance(statements(f"Keir Starmer said the contest was {run} over."), list)


def test_impossible_and_leap_dates() -> None:
    assert find_times("Keir Starmer said on 29 February that", ANCHOR, LONDON) == []
    assert [t.text for t in find_times("on 30 February", ANCHOR, LONDON)] == []
    assert statements('Keir Starmer said on 29 February: "We will win."')


def test_numbers_that_are_not_times() -> None:
    text = "He tabled 12 amendments as rates rose to 5.25 per cent and £9.30 a unit."
    assert find_times(text, ANCHOR, LONDON) == []


@pytest.mark.parametrize("data", ["null", '"x"', "5", '{"@graph": null}', "[" * 5000])
def test_odd_json_ld_is_ignored(data: str) -> None:
    page = f"<html><head><script type='application/ld+json'>{data}</script></head>"
    page += "<body><article><p>Plain words.</p></article></body></html>"
    assert parse_page(page).text == "Plain words."


def test_three_quotes_on_two_occasions_are_all_kept() -> None:
    found = statements(
        'On Monday, Keir Starmer said: "First thing said on Monday."\n\n'
        'On Tuesday, Keir Starmer said: "Second thing said on Tuesday."\n\n'
        'On Tuesday, Keir Starmer also said: "Third thing said on Tuesday."'
    )
    text = "\n".join(s.text for s in found)
    assert all(words in text for words in ("First thing", "Second thing", "Third thing"))
    assert len({s.said_at for s in found}) == 2


def test_speakers_in_relative_clauses_passives_and_after_adverbs() -> None:
    relative = 'Kemi Badenoch attacked Keir Starmer, who said: "We will not change course."'
    assert [mp for mp, *_ in said(relative)] == ["Keir Starmer"]
    passive = '"We will not change course," Rishi Sunak was told by Keir Starmer.'
    assert [mp for mp, *_ in said(passive)] == ["Keir Starmer"]
    adverb = "Yesterday Keir Starmer said he would resign as prime minister."
    assert said(adverb) == [("Keir Starmer", "resignation", "prime minister")]


def test_a_former_mp_for_a_seat_is_not_its_mp() -> None:
    text = "Dr Sarah Wollaston, the former Totnes MP, said the debate had been fair to all."
    assert said(text) == []


def test_an_article_link_from_a_public_source_cannot_reach_a_private_address(
    http_server: FixtureServer,
) -> None:
    http_server.set_feed("/article", "<html><body><p>Private.</p></body></html>")

    async def fetch(origin: str, allow: bool) -> str:
        settings = Settings(retries=0, timeout=2, allow_private_redirects=allow)
        async with make_client(settings) as client:
            fetcher = Fetcher(client, settings, resolve=public_resolver)
            return (await fetcher.fetch(http_server.url("/article"), origin=origin)).url

    with pytest.raises(BlockedRedirectError, match="private"):
        asyncio.run(fetch("https://news.example/feed", allow=False))
    assert http_server.requests_for("/article") == []  # refused before any request
    assert asyncio.run(fetch("https://news.example/feed", allow=True)).endswith("/article")
    assert asyncio.run(fetch(http_server.url("/feed"), allow=False)).endswith("/article")
    assert len(http_server.requests_for("/article")) == 2


async def public_resolver(host: str) -> list[str]:
    return ["93.184.216.34"]
