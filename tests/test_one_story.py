"""One idea of a story: an email groups statements exactly as the archive filed them.

Statements are filed through a real archive (a SQLite file), the message is read back from its
outbox and drawn; the email's stories are the archive's stories, not a grouping of its own.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from watcher.archive import Archive
from watcher.models import MP, Delivery, Finding, Item, Message, Source, Statement, Validators
from watcher.notify.render import render_message
from watcher.notify.wording import stories

pytestmark = pytest.mark.timeout(30)

T0 = datetime(2024, 6, 3, 9, 0, tzinfo=UTC)
LONDON = ZoneInfo("Europe/London")
LAVERY = MP("Ian Lavery", ("Mr Lavery",), "Labour", "Blyth and Ashington")
NEWS = Source("News", "feed", "https://news.example.org/politics.rss", 300.0)
STANDING = "I am standing to be leader of the Labour Party."
WIN_AGAIN = "We can win again in the towns we lost, and I want to lead us there."


@pytest.fixture
def archive(tmp_path: Path) -> Iterator[Archive]:
    opened = Archive(tmp_path / "watcher.db")
    opened.sync_config([LAVERY], [NEWS])
    try:
        yield opened
    finally:
        opened.close()


def file_item(archive: Archive, key: str, *statements: Statement) -> None:
    item = Item(NEWS, key, "Lavery stands", " ".join(s.text for s in statements), None, T0)
    deliveries = tuple(Delivery(i, "desk@example.org", "desk") for i in range(len(statements)))
    finding = Finding(item, statements, (), deliveries)
    state = archive.source_state(NEWS)
    archive.record_poll(state, Validators(), [finding], T0, T0 + timedelta(minutes=5))


def story_ids(archive: Archive) -> dict[int, int]:
    with sqlite3.connect(archive.path) as conn:
        return dict(conn.execute("SELECT id, story_id FROM statements"))


def the_alert(archive: Archive) -> Message:
    (message,) = archive.due_messages(T0 + timedelta(minutes=1))
    assert message.kind == "alert"
    return message


def bid(text: str) -> Statement:
    return Statement("Ian Lavery", "leadership_bid", text, target="leader", verbatim=True)


def test_one_event_quoted_twice_in_an_item_is_one_story_in_the_email(archive: Archive) -> None:
    file_item(archive, "report", bid(STANDING), bid(WIN_AGAIN))
    assert len(set(story_ids(archive).values())) == 1  # the archive: one story
    message = the_alert(archive)
    assert [len(story) for story in stories(message.reports)] == [2]
    plain = render_message(message, "w@example.org", LONDON, T0).get_body(("plain",))
    assert plain is not None
    assert plain.get_content().count("Ian Lavery announces bid for Labour leadership") == 1


def test_two_events_in_one_quote_are_two_stories_shown_once(archive: Archive) -> None:
    both = "I will not be standing. I will be backing Rebecca Long Bailey for leader."
    declined = Statement("Ian Lavery", "leadership_declined", both, target="leader")
    backs = Statement("Ian Lavery", "endorsement", both, target="Rebecca Long Bailey")
    file_item(archive, "post", declined, backs)
    assert len(set(story_ids(archive).values())) == 2  # two pieces of news
    message = the_alert(archive)
    (story,) = stories(message.reports)  # one quote: told together, as before
    assert {r.story_id for r in story} == set(story_ids(archive).values())


def test_every_report_carries_the_story_the_archive_filed_it_in(archive: Archive) -> None:
    file_item(archive, "one", bid(STANDING), Statement("Ian Lavery", "statement", WIN_AGAIN))
    filed = story_ids(archive)
    message = the_alert(archive)
    assert {r.statement_id: r.story_id for r in message.reports} == filed
    groups = [{r.story_id for r in story} for story in stories(message.reports)]
    assert sorted(map(sorted, groups)) == sorted([s] for s in set(filed.values()))
