"""Every statement kind, from its one entry in `watcher.kinds`, can be drawn everywhere the
desk sees it: an alert, a search page card and an Atom entry, with a colour on the page. A kind
added to the table and missing anywhere fails here."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path
from typing import cast
from zoneinfo import ZoneInfo

import feedparser
import pytest
from conftest import basic_config, load
from starlette.testclient import TestClient

from watcher import kinds
from watcher.kinds import (
    KINDS,
    Kind,
    KindInfo,
    contest_kinds,
    kind_info,
    kind_names,
    urgent_kinds,
)
from watcher.models import Message, Report
from watcher.notify.render import render_message
from watcher.notify.wording import action
from watcher.web.app import create_app
from watcher.web.feeds import atom
from watcher.web.views import Pages

LONDON = ZoneInfo("Europe/London")
SAID = datetime(2026, 9, 2, 8, 0, tzinfo=UTC)
# A target each kind may have, for wording that names it; a kind not here is drawn without one.
TARGETS: dict[Kind, str | None] = {
    "leadership_bid": "Labour deputy leader",
    "leadership_declined": "Labour leader",
    "endorsement": "Lucy Powell",
    "resignation": "shadow chancellor",
    "defection": "Reform UK",
    "statement": None,
}


def report(kind: Kind) -> Report:
    return Report(
        statement_id=41,
        story_id=41,
        mp="Ian Lavery",
        party="Labour",
        constituency="Blyth and Ashington",
        kind=kind,
        target=TARGETS.get(kind),
        text="Words of the MP.",
        said_at=SAID,
        said_at_precision="minute",
        evidence="",
        source="Ian Lavery (feed)",
        source_id=1,
        source_kind="feed",
        own=True,
        url="https://example.org/posts/1",
        title="A post",
        published_at=SAID,
        first_seen_at=SAID,
        verbatim=True,
    )


def card(kind: Kind) -> Report:
    """The same statement as a page shows it: one record for both."""
    return replace(report(kind), marked="Words of the MP.")


def test_the_table_names_every_kind_once() -> None:
    assert kind_names() == KINDS
    assert len(set(KINDS)) == len(KINDS)
    assert "statement" in KINDS


@pytest.mark.parametrize("kind", KINDS)
def test_an_alert_of_every_kind_is_drawn_in_its_own_words(kind: Kind) -> None:
    message = Message(
        outbox_id=7, key="0" * 32, kind="alert", channel="email", recipient="desk@example.org",
        subscription="desk", unsubscribe=None, reports=(report(kind),),
    )  # fmt: skip
    email = render_message(message, "Watcher <alerts@example.org>", LONDON, SAID)
    told = "Words of the MP." if kind == "statement" else action(report(kind))  # a plain one
    assert told in str(email["Subject"])  # quotes its words
    assert email["X-Watcher-Kind"] == kind


@pytest.mark.parametrize("kind", KINDS)
def test_a_page_card_of_every_kind_names_and_colours_it(kind: Kind, tmp_path: Path) -> None:
    pages = Pages(load(basic_config(tmp_path)))
    html = pages.templates.get_template("_card.html").render(card=card(kind), root="")
    assert f'class="kind kind-{kind}"' in html
    assert kind_info(kind).label in html
    stylesheet = TestClient(create_app(pages.config)).get("/kinds.css")
    assert stylesheet.headers["content-type"].startswith("text/css")
    colour = re.escape(kind_info(kind).colour)
    assert re.search(rf"^\.kind-{kind} {{ background: {colour}; }}$", stylesheet.text, re.M)


@pytest.mark.parametrize("kind", KINDS)
def test_an_atom_entry_of_every_kind_is_drawn(kind: Kind) -> None:
    feed = atom([card(kind)], title="t", feed_url="https://w.example/f.atom",
                page_url="https://w.example/", base="https://w.example")  # fmt: skip
    entries = feedparser.parse(feed).entries
    assert len(entries) == 1
    assert kind in entries[0].title


# --- a kind added while the tests run ------------------------------------------------------

NO_CONFIDENCE = cast(Kind, "no_confidence")  # not among the kinds `Kind` names
LETTER = KindInfo(
    NO_CONFIDENCE,
    "no confidence letter",
    lambda t: "submits letter of no confidence",
    lambda t: "submitted a letter of no confidence",
    urgent=True,
    contest=False,
    colour="#e4d7f5",
)


@pytest.fixture
def letter_kind(monkeypatch: pytest.MonkeyPatch) -> Kind:
    """A kind that is one more entry in the table and nothing else: no other module is edited."""
    monkeypatch.setattr(kinds, "TABLE", (*kinds.TABLE, LETTER))
    return NO_CONFIDENCE


def test_a_kind_added_to_the_table_is_known_everywhere(letter_kind: Kind) -> None:
    assert kind_names()[-1] == letter_kind
    assert kind_info(letter_kind) is LETTER
    assert letter_kind in urgent_kinds()
    assert letter_kind not in contest_kinds()


def test_a_kind_added_to_the_table_draws_an_alert(letter_kind: Kind) -> None:
    message = Message(
        outbox_id=7, key="0" * 32, kind="alert", channel="email", recipient="desk@example.org",
        subscription="desk", unsubscribe=None, reports=(report(letter_kind),),
    )  # fmt: skip
    email = render_message(message, "Watcher <alerts@example.org>", LONDON, SAID)
    assert "submits letter of no confidence" in str(email["Subject"])
    assert email["X-Watcher-Kind"] == letter_kind
    html = email.get_body(("html",))
    assert html is not None
    assert "submits letter of no confidence" in html.get_content()


def test_a_kind_added_to_the_table_draws_a_page_card_and_its_colour(
    letter_kind: Kind, tmp_path: Path
) -> None:
    pages = Pages(load(basic_config(tmp_path)))
    html = pages.templates.get_template("_card.html").render(card=card(letter_kind), root="")
    assert 'class="kind kind-no_confidence">no confidence letter' in html
    stylesheet = TestClient(create_app(pages.config)).get("/kinds.css").text
    assert ".kind-no_confidence { background: #e4d7f5; }" in stylesheet
    search = TestClient(create_app(pages.config)).get("/", params={"kind": letter_kind})
    assert search.status_code == 200
    assert '<option value="no_confidence" selected>no confidence letter' in search.text


def test_a_kind_added_to_the_table_draws_a_feed_entry(letter_kind: Kind) -> None:
    feed = atom([card(letter_kind)], title="t", feed_url="https://w.example/f.atom",
                page_url="https://w.example/", base="https://w.example")  # fmt: skip
    (entry,) = feedparser.parse(feed).entries
    assert entry.title == "Ian Lavery [no_confidence]"
