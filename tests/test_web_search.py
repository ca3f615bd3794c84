"""The search page's summary and cards over a small archive (see support/search_desk.py): one
card per statement, counts by filter value, the chart over time, times to the precision the
text gave, and what an archive whose sources never worked says."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from bs4 import BeautifulSoup, Tag
from conftest import load, write_config
from starlette.testclient import TestClient
from support.polling import query
from support.search_desk import RAYNER, RESIGNED, TWO_EVENTS, build_search_desk

import watcher.archive as archive_module
from watcher.archive import MIGRATIONS, Archive
from watcher.config import Config
from watcher.web import create_app
from watcher.web.timeline import Bar, lay_out, matches_over_time

pytestmark = pytest.mark.timeout(60)
LONDON = ZoneInfo("Europe/London")


@pytest.fixture(scope="module")
def desk(tmp_path_factory: pytest.TempPathFactory) -> Config:
    return build_search_desk(tmp_path_factory.mktemp("desk"))


@pytest.fixture(scope="module")
def client(desk: Config) -> TestClient:
    return TestClient(create_app(desk))


def soup(client: TestClient, **params: str) -> BeautifulSoup:
    response = client.get("/", params=params)
    assert response.status_code == 200
    return BeautifulSoup(response.text, "html.parser")


def text(element: Tag | BeautifulSoup, selector: str) -> str:
    """The text of the first element `selector` finds in `element`, which must find one."""
    found = element.select_one(selector)
    assert found is not None, selector
    return found.get_text()


def attr(element: Tag, name: str) -> str:
    value = element.get(name)
    assert isinstance(value, str), name
    return value


def option_texts(page: BeautifulSoup, name: str) -> dict[str, str]:
    return {attr(o, "value"): o.get_text() for o in page.select(f"select[name={name}] option")}


# --- one card per statement ---------------------------------------------------------------------


def test_a_post_with_two_events_seen_in_three_outlets_is_one_card(client: TestClient) -> None:
    page = soup(client, q="deputy")
    [card] = page.select("article.card")
    kinds = [k.get_text() for k in card.select(".meta .kind")]
    assert kinds == ["leadership bid: deputy leader", "endorsement"]
    assert [a.get_text() for a in card.select(".also a")] == ["The Courier", "The Chronicle"]
    assert text(card, ".source").strip().startswith("Lavery's feed")
    assert text(page, ".count") == "1 statement"


def test_the_card_is_found_by_either_event_or_any_outlet(client: TestClient, desk: Config) -> None:
    (courier,) = query(desk.archive_path, "SELECT id FROM sources WHERE name = 'The Courier'")
    for params in (
        {"kind": "endorsement"},
        {"kind": "leadership_bid"},
        {"source": str(courier[0])},
    ):
        page = soup(client, **params)
        texts = [text(c, ".said") for c in page.select("article.card")]
        assert texts.count(TWO_EVENTS) == 1, params


def test_json_gives_each_card_its_kinds_and_other_outlets(client: TestClient) -> None:
    [result] = client.get("/api/search", params={"q": "deputy"}).json()["results"]
    assert result["kind"] == "leadership_bid"  # the keys the API had keep their meaning
    assert result["kinds"] == ["leadership_bid", "endorsement"]
    assert [o["source"] for o in result["also_reported_by"]] == ["The Courier", "The Chronicle"]
    assert all("/statements/" in o["statement_url"] for o in result["also_reported_by"])


def test_the_csv_export_keeps_a_row_per_archived_statement(client: TestClient) -> None:
    rows = client.get("/search.csv", params={"q": "deputy"}).text.strip().splitlines()
    assert len(rows) == 1 + 5  # a header; two events in the post and the Courier, one elsewhere


# --- counts and the chart -----------------------------------------------------------------------


def test_the_count_and_each_filters_counts_for_the_search(client: TestClient) -> None:
    page = soup(client)
    assert text(page, ".count") == "5 statements"
    mps = option_texts(page, "mp")
    assert mps["Angela Rayner"] == "Angela Rayner (3)"
    assert mps["Ian Lavery"] == "Ian Lavery (1)"
    assert option_texts(page, "party")["Labour"] == "Labour (4)"
    kinds = option_texts(page, "kind")
    assert kinds["statement"].endswith("(3)")
    assert kinds["endorsement"].endswith("(1)")
    assert kinds["defection"].endswith("(0)")
    sources = {text.rsplit(" (", 1)[0]: text for text in option_texts(page, "source").values()}
    assert sources["The Chronicle"] == "The Chronicle (4)"  # Rayner three times, and the post


def test_the_busiest_mps_and_the_kinds_are_in_sight_as_links(client: TestClient) -> None:
    page = soup(client, q="leadership")
    glance = page.select_one(".glance")
    assert glance is not None
    links = {a.get_text(): attr(a, "href") for a in glance.select("a")}
    assert "mp=Angela+Rayner" in links["Angela Rayner"]
    assert "q=leadership" in links["Angela Rayner"]
    assert "Angela Rayner\xa02" in glance.get_text()
    assert "kind=statement" in links["statement"]
    narrowed = soup(client, q="leadership", mp="Angela Rayner").select_one(".glance")
    assert narrowed is not None
    assert "Kemi Badenoch" not in narrowed.get_text()


def test_counts_follow_the_words_and_leave_out_their_own_filter(client: TestClient) -> None:
    page = soup(client, q="leadership", mp="Angela Rayner")
    assert text(page, ".count") == "2 statements"
    mps = option_texts(page, "mp")
    assert mps["Angela Rayner"] == "Angela Rayner (2)"
    assert mps["Kemi Badenoch"] == "Kemi Badenoch (0)"  # other MPs: what choosing them finds
    assert option_texts(page, "kind")["statement"].endswith("(2)")  # within Rayner's


def test_the_chart_has_a_bar_per_day_with_the_days_counts(client: TestClient) -> None:
    page = soup(client)
    bars = page.select("figure.timeline svg rect.bar")
    counts = [int(attr(b, "data-count")) for b in bars]
    assert sum(counts) == 5
    assert len(bars) == (datetime(2026, 12, 4) - datetime(2026, 11, 20)).days + 1
    titles = [text(b, "title") for b in bars]
    assert titles[0] == "20 Nov 2026: 1"
    assert titles[-1] == "4 Dec 2026: 1"
    assert "by day" in text(page, "figure.timeline figcaption")
    heights = {t.split(":")[0]: float(attr(b, "height")) for t, b in zip(titles, bars, strict=True)}
    assert heights["21 Nov 2026"] == 0
    assert heights["20 Nov 2026"] > 0


def test_a_long_span_is_counted_by_week_then_by_month() -> None:
    start = datetime(2026, 1, 5, 12, tzinfo=UTC)  # a Monday
    weeks = matches_over_time([start, start + timedelta(days=100)], LONDON)
    assert weeks.step == "week"
    assert weeks.bars[0] == Bar(start.date(), 1)
    assert len(weeks.bars) == 15
    months = matches_over_time([start, start, start + timedelta(days=800)], LONDON)
    assert months.step == "month"
    assert months.bars[0] == Bar(start.date().replace(day=1), 2)
    assert len(months.bars) == 27
    drawing = lay_out(months)
    assert drawing.bars[0].height > drawing.bars[-1].height > 0
    assert all(bar.height == 0 for bar in drawing.bars[1:-1])


def test_a_search_that_finds_nothing_draws_no_chart(client: TestClient) -> None:
    page = soup(client, q="zebra")
    assert page.select("figure.timeline") == []
    assert "No statements found" in page.get_text()
    assert page.select(".nothing-works") == []  # the sources have worked


# --- times --------------------------------------------------------------------------------------


def test_a_time_known_to_the_day_is_shown_as_the_day(client: TestClient, desk: Config) -> None:
    page = soup(client, q="resigned")
    [card] = page.select("article.card")
    assert text(card, ".said") == RESIGNED
    assert text(card, "time") == "Fri 4 Dec 2026"
    (statement_id,) = query(
        desk.archive_path, "SELECT id FROM statements WHERE kind = 'resignation'"
    )
    detail = BeautifulSoup(client.get(f"/statements/{statement_id[0]}").text, "html.parser")
    assert text(detail, "dl.facts time") == "Fri 4 Dec 2026"


def test_a_time_to_the_minute_is_shown_to_the_minute(client: TestClient) -> None:
    [card] = soup(client, q="housing NOT choices").select("article.card")
    when = RAYNER[2][0].astimezone(LONDON)
    assert text(card, "time") == f"Wed 2 Dec 2026, {when:%H:%M} GMT"


# --- an archive whose sources never worked ------------------------------------------------------

FAILING = """\
settings: {archive: watcher.db, timezone: Europe/London}
mps:
  - name: Ian Lavery
    sources:
      - {kind: feed, url: "https://lavery.example/rss", name: Lavery's feed}
news:
  - {kind: feed, url: "https://courier.example/rss", name: The Courier}
"""


def test_an_archive_whose_sources_all_fail_says_so(tmp_path: Path) -> None:
    config = load(write_config(tmp_path, FAILING))
    lavery, courier = config.sources
    archive = Archive(config.archive_path)
    now = datetime(2026, 12, 4, 9, tzinfo=UTC)
    try:
        archive.sync_config(config.mps, config.sources)
        state = archive.source_state(lavery)
        archive.record_failure(state, "connection refused", now, now + timedelta(minutes=5))
    finally:
        archive.close()
    client = TestClient(create_app(config))

    page = soup(client)
    note = page.select_one(".nothing-works")
    assert note is not None
    assert "No source has worked yet" in note.get_text()
    link = note.select_one("a")
    assert link is not None
    assert attr(link, "href") == "/sources"

    rows = BeautifulSoup(client.get("/sources").text, "html.parser").select("table.health tbody tr")
    health = {
        r.select("td")[0].get_text().split("\n")[0].strip(): r.select("td")[1].get_text()
        for r in rows
    }
    assert health["Lavery's feed"].startswith("failing")  # polled, never worked: not "ok"
    assert health["The Courier"] == "not yet polled"
    assert courier.name == "The Courier"


# --- the stored card keys ---------------------------------------------------------------------

# A statement's card key worked out from its item and stories, as the search read it before the
# key was stored with each row.
WORKED_OUT = """
SELECT s.id, s.card_id, (SELECT min(COALESCE(c.first_statement_id, t.id)) FROM statements t
    LEFT JOIN stories c ON c.id = t.story_id WHERE t.item_id = s.item_id AND t.text = s.text)
FROM statements s ORDER BY s.id
"""


def assert_keys_as_worked_out(path: Path) -> None:
    rows = query(path, WORKED_OUT)
    assert [(i, stored) for i, stored, _ in rows] == [(i, key) for i, _, key in rows]
    keys = [stored for _, stored, _ in rows]
    assert len(set(keys)) < len(keys)  # the two events in three outlets share one


def test_each_statement_stores_the_card_key_its_item_and_stories_give(desk: Config) -> None:
    assert_keys_as_worked_out(desk.archive_path)


def test_the_migration_stores_the_card_keys_of_statements_already_archived(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with monkeypatch.context() as patch:
        patch.setattr(archive_module, "MIGRATIONS", MIGRATIONS[:-1])
        old = build_search_desk(tmp_path)
    assert "card_id" not in {r[1] for r in query(old.archive_path, "PRAGMA table_info(statements)")}
    Archive(old.archive_path).close()
    assert_keys_as_worked_out(old.archive_path)
