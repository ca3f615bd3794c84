"""The two articles that started the project, as pages of our own, through the real extractor."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from watcher.extract import extract_statements
from watcher.models import FetchResult, Source, Statement
from watcher.parse import items_from
from watcher.register import load_register

LONDON = ZoneInfo("Europe/London")
EXAMPLES = Path(__file__).parent / "fixtures" / "examples"
NEWS = Source("Labour Heartlands", "page", "https://labourheartlands.com/", 300)


def statements_of(name: str) -> list[Statement]:
    body = (EXAMPLES / f"{name}.html").read_bytes()
    [item] = items_from(FetchResult(f"https://labourheartlands.com/{name}/", 200, body), NEWS)
    return extract_statements(item, load_register(), LONDON)


def test_not_standing_page_is_published_on_tuesday_morning() -> None:
    body = (EXAMPLES / "not-standing.html").read_bytes()
    [item] = items_from(FetchResult("https://labourheartlands.com/x/", 200, body), NEWS)
    assert item.published_at is not None
    assert item.published_at.astimezone(LONDON).strftime("%A %d %B %Y %H:%M") == (
        "Tuesday 07 January 2020 09:15"
    )


def test_lavery_rules_himself_out_and_backs_long_bailey_at_2310_on_monday() -> None:
    found = statements_of("not-standing")
    monday_2310 = datetime(2020, 1, 6, 23, 10, tzinfo=LONDON)
    events = {(s.mp, s.kind, s.target, s.said_at, s.said_at_precision) for s in found}
    assert ("Ian Lavery", "leadership_declined", "Labour leader", monday_2310, "minute") in events
    assert (
        "Ian Lavery",
        "endorsement",
        "Rebecca Long Bailey",
        monday_2310,
        "minute",
    ) in events
    declined = next(s for s in found if s.kind == "leadership_declined")
    assert "I will not be standing in the leadership contest" in declined.text
    assert declined.said_at_text == "23:10 Monday night"
    assert "not standing" in declined.evidence


def test_no_bid_for_lavery_and_nothing_from_the_sidebar() -> None:
    for name in ("not-standing", "call-to-stand"):
        found = statements_of(name)
        assert not [s for s in found if s.kind == "leadership_bid"], name
        assert {s.mp for s in found} <= {"Ian Lavery", "Emily Thornberry"}, name


def test_thornberrys_utter_lies_is_her_statement() -> None:
    found = statements_of("call-to-stand")
    thornberry = [s for s in found if s.mp == "Emily Thornberry"]
    assert [(s.kind, s.text) for s in thornberry] == [("statement", "utter lies")]
    assert "Shadow Foreign Secretary" in thornberry[0].evidence


def test_the_call_to_stand_is_not_laverys_and_his_own_article_is() -> None:
    lavery = [s for s in statements_of("call-to-stand") if s.mp == "Ian Lavery"]
    assert {s.kind for s in lavery} == {"statement"}
    [own_words] = [s for s in lavery if s.verbatim]
    text = own_words.text
    assert "Two weeks before polling day I went on a tour of seats" in text
    assert "asking him to consider standing" not in text
