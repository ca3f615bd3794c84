"""The pre-filter before extraction never holds back an item in which the full reading finds
a tracked MP: over every corpus case and fixture, and over names spelled in awkward ways."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

import watcher.extract as extract
from watcher.evaluate import case_item, load_cases
from watcher.extract import extract_statements, find_mentions
from watcher.extract.people import roster_for
from watcher.extract.prefilter import could_name_an_mp
from watcher.models import MP, FetchResult, Item, Source
from watcher.parse import items_from
from watcher.register import load_register

pytestmark = pytest.mark.timeout(300)

TESTS = Path(__file__).parent
LONDON = ZoneInfo("Europe/London")
NEWS = Source("News", "page", "https://news.example/", 300)
REGISTER = tuple(load_register())


def corpus_items() -> list[Item]:
    cases = load_cases(TESTS / "corpus/cases") + load_cases(TESTS / "corpus/heldout")
    return [case_item(case) for case in cases]


def fixture_items() -> list[Item]:
    items: list[Item] = []
    for path in sorted((TESTS / "fixtures").glob("*/*")):
        if path.suffix in (".xml", ".html"):
            fetched = FetchResult(NEWS.url, 200, path.read_bytes())
            try:
                items += items_from(fetched, NEWS)
            except ValueError:
                continue  # a broken feed kept to test the parser's errors
    return items


@pytest.fixture(scope="module")
def every_item() -> list[Item]:
    items = corpus_items() + fixture_items()
    # as news, so that an MP's own post is read for the names in it too
    return items + [replace(item, source=NEWS) for item in items if item.source.mp]


def unfiltered_mentions(item: Item) -> set[str]:
    text = f"{item.title}\n\n{item.text}"
    return {m.mp for m in roster_for(REGISTER).mentions(text) if m.mp}


def test_every_corpus_case_and_fixture_gives_the_same_statements_and_mentions(
    every_item: list[Item],
) -> None:
    held_back = 0
    for item in every_item:
        text = f"{item.title}\n\n{item.text}"
        full = extract._reported_statements(item, REGISTER, LONDON) if item.text else []
        if item.source.mp is None and extract._mp_author(item, REGISTER) is None:
            assert extract_statements(item, REGISTER, LONDON) == full, item.key  # not a column
        if not could_name_an_mp(text, REGISTER):
            held_back += 1
            assert full == [], item.key
            assert unfiltered_mentions(item) == set(), item.key
            assert find_mentions(item, REGISTER) == []
    assert len(every_item) > 500
    assert held_back >= 1  # the corpus holds items that name no tracked MP


def test_every_name_the_roster_finds_passes_the_filter(every_item: list[Item]) -> None:
    for item in every_item:
        text = f"{item.title}\n\n{item.text}"
        if unfiltered_mentions(item):
            assert could_name_an_mp(text, REGISTER), item.key


TRICKY = (
    MP("Jacob Rees-Mogg", ("Mr Rees-Mogg",), "Conservative", "North East Somerset"),
    MP("Siân Berry", ("Ms Berry",), "Green", "Brighton Pavilion"),
    MP("Andy McDonald", ("Mr McDonald",), "Labour", "Middlesbrough"),
    MP("Sarah Champion", ("Sarah O'Brien",), "Labour", "Rotherham"),
    MP("Iain Duncan Smith", ("Sir Iain",), "Conservative", "Chingford and Woodford Green"),
    MP("Naz Shah", ("Naseem Shah",), "Labour", "Bradford West"),
)


@pytest.mark.parametrize(
    ("text", "mp"),
    [
        ("Jacob Rees Mogg said the plan was dead.", None),
        ("REES-MOGG: I said so.", None),
        ("Mr Rees-Mogg's office said nothing.", None),
        ("Sian Berry said the vote was close.", "Siân Berry"),
        ("Siân Berry said the vote was close.", "Siân Berry"),
        ("ANDY McDONALD said he backed the bid.", None),
        ("Andy McDonald said he backed the bid.", "Andy McDonald"),
        ("Sarah O’Brien said she would stand.", "Sarah Champion"),
        ("Sarah O'Brien's campaign began.", None),
        ("Iain Duncan-Smith said he would not stand.", None),
        ("Sir Iain said he would not stand.", "Iain Duncan Smith"),
        ("Naseem Shah said so.", "Naz Shah"),
        ("The #AndyMcDonald campaign said so.", None),
        ("The #andyMcDonald campaign said so.", None),  # read as a surname once named
    ],
)
def test_awkward_spellings_the_roster_reads_pass_the_filter(text: str, mp: str | None) -> None:
    found = {m.mp for m in roster_for(TRICKY).mentions(text, groups=False) if m.mp}
    if mp is not None:
        assert mp in found  # the extractor reads it as the MP ...
    assert could_name_an_mp(text, TRICKY)  # ... so the filter must let it through


@pytest.mark.parametrize(
    "text",
    [
        "The council approved the bypass after a long debate.",
        "Shares rose on Tuesday as the markets steadied.",
        "Jacob and Naz met for lunch.",  # first names alone name nobody until the full name
    ],
)
def test_texts_naming_no_tracked_mp_are_held_back(text: str) -> None:
    assert not could_name_an_mp(text, TRICKY)
    assert extract_statements(Item(NEWS, "k", "", text, None, None), TRICKY) == []
