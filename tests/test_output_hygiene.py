"""Hostile web text on the way out: only http(s) links, and no marks that reverse the text.

A statement filed with a `javascript:` address and words full of bidirectional controls
(U+202E and its kin) goes out through every output: the search and statement pages, the Atom
feeds, the CSV and JSON exports, and the alert email with its chat form.
"""

from __future__ import annotations

import csv
import io
import json
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from urllib.parse import quote
from zoneinfo import ZoneInfo

import feedparser
import pytest
from conftest import load, write_config
from starlette.testclient import TestClient
from support.mail import parts, reparsed
from support.polling import query

from watcher.archive import Archive
from watcher.config import Config
from watcher.hygiene import BIDI_CONTROLS, strip_bidi, web_link
from watcher.models import Finding, Item, Message, MessageKind, Report, Statement, Validators
from watcher.notify.render import render_message, render_short
from watcher.web import create_app
from watcher.web.feeds import atom

pytestmark = pytest.mark.timeout(60)

SCRIPT_LINK = "javascript:alert(1)"
# RIGHT-TO-LEFT OVERRIDE turns "I back the miners" around; the others embed, isolate and mark.
REVERSED = "I back the miners \u202e,srenim eht kcab t'nod I\u202c not the bosses."
MARKED = "Solidarity \u2067forever\u2069 \u200efrom\u200f Blyth\u061c today."
WORDS = f"{REVERSED} {MARKED}"
TITLE = "Lavery \u202eon the strike\u202c"
CONFIG = """\
settings: {archive: watcher.db, timezone: Europe/London}
mps:
  - name: Ian Lavery
    party: Labour
    constituency: Blyth and Ashington
news:
  - {kind: feed, name: The Courier, url: "https://courier.example/politics.rss"}
"""
PUBLISHED = datetime(2024, 6, 3, 8, 0, tzinfo=UTC)
NOW = PUBLISHED + timedelta(hours=1)
LONDON = ZoneInfo("Europe/London")


def assert_clean(text: str) -> None:
    assert SCRIPT_LINK not in text
    found = sorted({f"U+{ord(c):04X}" for c in text if c in BIDI_CONTROLS})
    assert not found, found


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> Config:
    """An archive holding one item whose address is a script and whose words reverse."""
    config = load(write_config(tmp_path_factory.mktemp("hostile"), CONFIG))
    (source,) = config.sources
    item = Item(source, "h1", TITLE, WORDS, SCRIPT_LINK, PUBLISHED)
    said = Statement(
        "Ian Lavery", "statement", WORDS, said_at=PUBLISHED, verbatim=False, report=WORDS
    )
    archive = Archive(config.archive_path)
    try:
        archive.sync_config(config.mps, config.sources)
        state = archive.source_state(source)
        now = PUBLISHED + timedelta(minutes=5)
        archive.record_poll(state, Validators(), [Finding(item, (said,))], now, now)
    finally:
        archive.close()
    return config


@pytest.fixture(scope="module")
def client(hostile: Config) -> TestClient:
    return TestClient(create_app(hostile))


def statement_id(config: Config) -> int:
    (row,) = query(config.archive_path, "SELECT id FROM statements")
    return int(row[0])


# --- the one place each rule lives ----------------------------------------------------------


@pytest.mark.parametrize(
    "url",
    [
        "javascript:alert(1)",
        "JavaScript:alert(1)",
        " javascript:alert(1)",
        "java\tscript:alert(1)",
        "data:text/html,<script>alert(1)</script>",
        "vbscript:msgbox(1)",
        "file:///etc/passwd",
        "//evil.example/",
        "http:/evil",
        "https://",
        "",
        None,
    ],
)
def test_only_http_and_https_addresses_are_web_links(url: str | None) -> None:
    assert web_link(url) is None


@pytest.mark.parametrize("url", ["http://example.org/a?b=1#c", "HTTPS://Example.org"])
def test_web_addresses_are_links_unchanged(url: str) -> None:
    assert web_link(url) == url


def test_bidi_controls_are_removed_and_the_words_kept() -> None:
    assert strip_bidi("a\u202eb\u2066c\u2069d\u200ee\u200ff\u061cg\u202ah") == "abcdefgh"
    assert strip_bidi("Ça va — שלום, مرحبا") == "Ça va — שלום, مرحبا"  # right-to-left text stays


# --- the web page, the feeds and the exports -------------------------------------------------


def test_atom_feeds_link_only_to_the_web_and_carry_no_bidi_controls(
    client: TestClient, hostile: Config
) -> None:
    own_page = f"http://testserver/statements/{statement_id(hostile)}"
    for url in ("/search.atom?q=miners", f"/mps/{quote('Ian Lavery')}/feed.atom"):
        response = client.get(url)
        assert response.status_code == 200
        assert_clean(response.text)
        feed = feedparser.parse(response.content)
        assert not feed.bozo, feed.get("bozo_exception")
        (entry,) = feed.entries
        assert entry.id == own_page  # the entry keeps its id and its link to our own page
        assert [link.href for link in entry.links] == [own_page]
        assert "I back the miners" in entry.summary


def test_an_atom_entry_has_a_related_link_only_to_a_web_address() -> None:
    card = Report(
        statement_id=1, story_id=1, mp="Ian Lavery", party="Labour", constituency=None,
        kind="statement", target=None, text=WORDS, said_at=PUBLISHED, said_at_precision="minute",
        evidence="", source="The Courier", source_id=1, source_kind="feed", own=False,
        url="https://courier.example/lavery", title=TITLE, published_at=PUBLISHED,
        first_seen_at=PUBLISHED, marked=WORDS,
    )  # fmt: skip
    links = {"alternate": "https://w.example/statements/1"}
    for url, related in ((card.url, card.url), (SCRIPT_LINK, None), ("data:,x", None)):
        xml = atom(
            [replace(card, url=url)],
            title="t",
            feed_url="f",
            page_url="p",
            base="https://w.example",
        )
        (entry,) = feedparser.parse(xml).entries
        expected = links | ({"related": related} if related else {})
        assert {link.rel: link.href for link in entry.links} == expected


def test_csv_and_json_exports_carry_no_bidi_controls(client: TestClient) -> None:
    exported = client.get("/search.csv", params={"q": "miners"}).text
    assert_clean_words(exported)
    (row,) = csv.DictReader(io.StringIO(exported))
    assert row["text"].startswith("I back the miners ,srenim")
    data = client.get("/api/search", params={"q": "miners"})
    assert_clean_words(data.text)
    assert_clean_words(json.dumps(data.json(), ensure_ascii=False))
    (result,) = data.json()["results"]
    assert result["title"] == "Lavery on the strike"


def assert_clean_words(text: str) -> None:
    """Like assert_clean, for data that keeps the stored address as a field, not a link."""
    assert_clean(text.replace(SCRIPT_LINK, ""))
    assert "I back the miners" in text


@pytest.mark.parametrize("page", ["/?q=miners", "/statements/{id}", "/mps/Ian%20Lavery"])
def test_pages_carry_no_bidi_controls_nor_script_links(
    client: TestClient, hostile: Config, page: str
) -> None:
    response = client.get(page.format(id=statement_id(hostile)))
    assert response.status_code == 200
    assert_clean(response.text)
    assert "I back the" in response.text  # the search page marks "miners"
    assert 'href="javascript' not in response.text.casefold()


# --- the alert email and its chat form -------------------------------------------------------

HOSTILE_REPORT = Report(
    statement_id=7,
    story_id=7,
    mp="Ian \u202eLavery",
    party="Labour",
    constituency="Blyth\u2067 and Ashington",
    kind="endorsement",
    target="Rebecca \u202eLong Bailey",
    text=WORDS,
    said_at=PUBLISHED,
    said_at_precision="minute",
    evidence="",
    source="The \u061cCourier",
    source_id=1,
    source_kind="feed",
    own=False,
    url=SCRIPT_LINK,
    title=TITLE,
    published_at=PUBLISHED,
    first_seen_at=PUBLISHED + timedelta(minutes=5),
    verbatim=True,
)


def hostile_message(kind: MessageKind) -> Message:
    later = replace(HOSTILE_REPORT, statement_id=8, url="data:text/html,x", source="Elsewhere")
    message = Message(
        outbox_id=1,
        key="hostile",
        kind="alert",
        channel="email",
        recipient="desk@example.org",
        subscription="Strike \u202ewatch",
        unsubscribe="admin@example.org",
        reports=(HOSTILE_REPORT,),
        archive_url="https://watcher.example.org",
    )
    if kind == "followup":
        return replace(message, kind="followup", also=(later,))
    return replace(message, kind=kind)


@pytest.mark.parametrize("kind", ["alert", "followup", "digest"])
def test_email_subject_and_both_parts_carry_no_bidi_controls_nor_script_links(
    kind: MessageKind,
) -> None:
    email = reparsed(render_message(hostile_message(kind), "w@example.org", LONDON, NOW))
    plain, rich = parts(email)
    for text in (str(email["Subject"]), plain, rich):
        assert_clean(text)
    assert "I back the miners" in plain
    assert "https://watcher.example.org/statements/7" in rich  # our own link stays
    short = render_short(hostile_message(kind), LONDON)
    for text in (short.title, short.body):
        assert_clean(text)
