"""The search page's views over an archive the real pipeline wrote (see support/newsroom.py).

Starlette's TestClient drives the app in-process; the archive is a real SQLite file.
"""

from __future__ import annotations

import csv
import io
import re
import sqlite3
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from html.parser import HTMLParser
from urllib.parse import quote

import feedparser
import pytest
from bs4 import BeautifulSoup
from conftest import load, write_config
from starlette.testclient import TestClient
from support.httpserver import FixtureServer
from support.newsroom import EDITED, EDITED_LATER, HOSTILE, LEADERSHIP, Newsroom, build_newsroom
from support.polling import query

from watcher.archive import Archive
from watcher.config import Config
from watcher.errors import ConfigError
from watcher.models import Finding, Item, Statement, Validators
from watcher.passwords import hash_password
from watcher.web import create_app
from watcher.web.access import CONTENT_SECURITY_POLICY
from watcher.web.feeds import WATCHER, csv_cell

pytestmark = pytest.mark.timeout(60)


@pytest.fixture(scope="module")
def newsroom(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Newsroom]:
    with FixtureServer() as server:
        yield build_newsroom(tmp_path_factory.mktemp("newsroom"), server)


@pytest.fixture(scope="module")
def client(newsroom: Newsroom) -> TestClient:
    return TestClient(create_app(newsroom.config))


def card_ids(html: str) -> list[int]:
    return [int(n) for n in re.findall(r'data-statement="(\d+)"', html)]


def with_web(newsroom: Newsroom, web_yaml: str, environ: dict[str, str] | None = None) -> Config:
    """The newsroom's config with a `web:` section added."""
    text = newsroom.path.read_text(encoding="utf-8") + web_yaml
    path = newsroom.path.with_name("web.yaml")
    path.write_text(text, encoding="utf-8")
    return load(path, environ or {})


# --- search -------------------------------------------------------------------------------


def test_search_page_lists_matches_newest_first_with_highlights(
    client: TestClient, newsroom: Newsroom
) -> None:
    page = client.get("/", params={"q": "leadership"})
    assert page.status_code == 200
    ids = card_ids(page.text)
    own_bid = newsroom.statement_id(LEADERSHIP)
    nhs = newsroom.statement_id("The leadership of our NHS")
    # 06:00 and 04:00 UTC; the news report of the bid is on the bid's card, not one of its own
    assert ids == [own_bid, nhs]
    assert "I will stand for the <mark>leadership</mark> of the Labour Party." in page.text
    assert (
        '<time datetime="2024-06-03T06:00:00+00:00">Mon 3 Jun 2024, 07:00 BST</time>' in page.text
    )
    also = BeautifulSoup(page.text, "html.parser").select(f'[data-statement="{own_bid}"] .also a')
    assert [a.get_text() for a in also] == ["North East News"]
    kind = '<span class="kind kind-leadership_bid">leadership bid: Labour leader</span>'
    assert kind in page.text


def test_phrases_prefixes_booleans_and_curly_quotes(client: TestClient, newsroom: Newsroom) -> None:
    def ids(q: str) -> list[int]:
        return card_ids(client.get("/", params={"q": q}).text)

    bid = newsroom.statement_id(LEADERSHIP)
    assert bid in ids('"stand for the leadership"')
    assert ids("\u201cstand for the leadership\u201d") == ids('"stand for the leadership"')
    assert newsroom.statement_id("The leadership of our NHS") not in ids('"stand for the"')
    assert newsroom.statement_id("I am backing") in ids("back*")
    assert ids("leadership NOT NHS") == ids('"stand for the leadership"')
    assert set(ids("miners OR NHS")) == {
        newsroom.statement_id("I back the miners"),
        newsroom.statement_id("The leadership of our NHS"),
    }


@pytest.mark.parametrize("q", ['"unbalanced', "AND miners", "nosuchcolumn:miners", "(miners"])
def test_a_malformed_query_is_explained_on_the_page(client: TestClient, q: str) -> None:
    page = client.get("/", params={"q": q})
    assert page.status_code == 400
    assert '<p class="error" role="alert">cannot search for' in page.text
    assert "phrase in quotes" in page.text
    assert f'value="{q.replace(chr(34), "&#34;")}"' in page.text  # the query stays in the box


def test_bad_filters_are_explained_not_500(client: TestClient) -> None:
    assert "not a date" in client.get("/", params={"since": "yesterday"}).text
    assert "unknown kind" in client.get("/", params={"kind": "gossip"}).text
    assert client.get("/", params={"page": "-3"}).status_code == 200


def test_filters_by_mp_party_kind_source_and_dates(client: TestClient, newsroom: Newsroom) -> None:
    def ids(**params: str) -> set[int]:
        return set(card_ids(client.get("/", params=params).text))

    lavery = ids(mp="Ian Lavery")
    assert lavery == ids(mp="mr lavery")
    assert newsroom.statement_id("I am backing") not in lavery
    assert newsroom.statement_id(LEADERSHIP) in lavery
    assert ids(party="Labour") == ids()
    assert ids(party="Conservative") == set()
    assert ids(kind="endorsement") == {newsroom.statement_id("I am backing")}
    (news_id,) = query(
        newsroom.config.archive_path, "SELECT id FROM sources WHERE name LIKE 'North%'"
    )
    assert len(ids(source=str(news_id[0]))) == 1
    assert ids(until="2024-06-02") == set()
    everything = ids()
    assert ids(since="2024-06-03", until="2024-06-03") == everything  # London days
    assert len(everything) == 6  # seven statements; the news report of the bid is on its card


def test_the_url_holds_the_whole_search_and_pages(client: TestClient) -> None:
    page = client.get("/", params={"q": "leadership", "mp": "Ian Lavery", "kind": "leadership_bid"})
    assert '<option value="Ian Lavery" selected>' in page.text
    assert '<option value="leadership_bid" selected>' in page.text
    first = client.get("/", params={"q": "I OR the OR our OR back*"})
    assert 'rel="next"' not in first.text  # seven statements: one page
    beyond = client.get("/", params={"q": "leadership", "page": "2"})
    assert card_ids(beyond.text) == []
    assert 'rel="prev" href="/?q=leadership"' in beyond.text


def test_relevance_sort_orders_by_match(client: TestClient, newsroom: Newsroom) -> None:
    page = client.get("/", params={"q": "leadership OR NHS", "sort": "relevance"})
    assert card_ids(page.text)[0] == newsroom.statement_id("The leadership of our NHS")


# --- hostile text -------------------------------------------------------------------------


def test_hostile_statement_text_is_escaped_everywhere(
    client: TestClient, newsroom: Newsroom
) -> None:
    hostile = newsroom.statement_id("I back the miners")
    for url in ("/?q=miners", "/", f"/statements/{hostile}", "/mps/Ian%20Lavery"):
        html = client.get(url).text
        assert "<script>window.pwned" not in html, url
        assert "<img src=x" not in html, url
        assert "&lt;script&gt;window.pwned = 1&lt;/script&gt;" in html, url
    marked = client.get("/", params={"q": "script"}).text
    assert "&lt;<mark>script</mark>&gt;window.pwned" in marked


def test_every_response_carries_security_headers(client: TestClient) -> None:
    for url in ("/", "/sources", "/static/style.css", "/api/search", "/statements/999999"):
        headers = client.get(url).headers
        assert headers["content-security-policy"] == CONTENT_SECURITY_POLICY, url
        assert "script-src" not in CONTENT_SECURITY_POLICY  # default-src 'none': no script
        assert headers["x-content-type-options"] == "nosniff"
        assert headers["x-frame-options"] == "DENY"


class Tags(HTMLParser):
    """Every tag of a page with its attributes."""

    def __init__(self, html: str) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.feed(html)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))


def test_pages_hold_no_inline_script_or_style(client: TestClient, newsroom: Newsroom) -> None:
    bid = newsroom.statement_id(LEADERSHIP)
    hostile = newsroom.statement_id("I back the miners")
    for url in ("/?q=leadership", f"/statements/{bid}", f"/statements/{hostile}", "/sources"):
        tags = Tags(client.get(url).text).tags
        assert [t for t, _ in tags if t in ("script", "style", "img", "iframe")] == [], url
        attributes = {name for _, attrs in tags for name in attrs}
        assert not {a for a in attributes if a.startswith("on") or a == "style"}, url


# --- the statement page -------------------------------------------------------------------


def test_statement_page_shows_context_sightings_and_alert_times(
    client: TestClient, newsroom: Newsroom
) -> None:
    path = newsroom.config.archive_path
    report = newsroom.statement_id("I will stand for the leadership of the Labour Party.")
    (news_report,) = [
        r[0]
        for r in query(
            path,
            "SELECT s.id FROM statements s JOIN items i ON i.id = s.item_id WHERE i.key = 'n1'",
        )
    ]
    assert report != news_report
    page = client.get(f"/statements/{news_report}").text
    assert "<mark>I will stand for the leadership of the Labour Party.</mark>" in page
    assert "Ian Lavery said on Monday: \u201c" in page  # the paragraph around the quote
    assert "His allies were delighted." in page  # the next paragraph
    assert "Sightings (2)" in page  # the MP's own post said the same words
    assert "Mon 3 Jun 2024 10:01 BST" in page  # alerted at 09:01 UTC


def test_sightings_list_every_statement_of_the_story(
    client: TestClient, newsroom: Newsroom
) -> None:
    path = newsroom.config.archive_path
    own = newsroom.statement_id(LEADERSHIP)
    rows = query(path, "SELECT id, story_id FROM statements WHERE text = ?", (LEADERSHIP,))
    assert len(rows) == 2
    story = query(path, "SELECT story_id FROM statements WHERE id = ?", (own,))[0][0]
    with sqlite3.connect(path) as conn:  # what filing does for the same words
        conn.execute("UPDATE statements SET story_id = ? WHERE text = ?", [story, LEADERSHIP])
    try:
        page = client.get(f"/statements/{own}").text
        assert "Sightings (2)" in page
        assert "Lavery&#39;s feed" in page
        assert "North East News" in page
        assert 'class="this"' in page
        assert page.count('<a href="/statements/') == 2
    finally:
        with sqlite3.connect(path) as conn:
            for statement_id, story_id in rows:
                conn.execute(
                    "UPDATE statements SET story_id = ? WHERE id = ?", [story_id, statement_id]
                )


def test_an_edited_post_says_edited_with_the_difference_and_both_versions(
    client: TestClient, newsroom: Newsroom
) -> None:
    page = client.get(f"/statements/{newsroom.statement_id(EDITED)}").text
    assert '<strong class="change-status">Edited</strong>' in page
    assert '<li class="removed">I will fight for every job in Blyth.</li>' in page
    assert f'<li class="added">{EDITED_LATER.split(". ")[1]}</li>' in page
    assert f"<p>{EDITED}</p>" in page  # the text as first seen stays the evidence
    after = page.split('<section class="version after">')[1].split("</section>")[0]
    assert f"<p>{EDITED_LATER}</p>" in after  # beside the text as last seen


def test_a_gone_page_says_deleted(client: TestClient, newsroom: Newsroom) -> None:
    page = client.get(f"/statements/{newsroom.statement_id('Statement from the office')}").text
    assert '<strong class="change-status">Deleted</strong>' in page
    assert "HTTP 410" in page
    unchanged = client.get(f"/statements/{newsroom.statement_id(LEADERSHIP)}").text
    assert "change-status" not in unchanged


def test_unknown_statement_is_404(client: TestClient) -> None:
    page = client.get("/statements/424242")
    assert page.status_code == 404
    assert "There is no statement 424242" in page.text


# --- MPs and sources ----------------------------------------------------------------------


def test_mp_page_has_timeline_endorsements_and_sources(
    client: TestClient, newsroom: Newsroom
) -> None:
    lavery = client.get("/mps/Ian%20Lavery")
    assert lavery.status_code == 200
    text = lavery.text
    assert "Endorsements received (1)" in text  # Rebecca Long Bailey backs him
    assert "I am backing Ian Lavery for leader." in text
    assert "Endorsements given (0)" in text
    assert set(card_ids(text)) >= {newsroom.statement_id(LEADERSHIP)}
    assert "Lavery&#39;s feed" in text
    assert '<link rel="alternate" type="application/atom+xml"' in text
    backer = client.get("/mps/rebecca%20long%20bailey").text
    assert "Endorsements given (1)" in backer
    assert "Endorsements received (0)" in backer
    assert client.get("/mps/Nobody").status_code == 404


def test_sources_page_shows_health_of_every_source(client: TestClient) -> None:
    page = client.get("/sources").text
    for name in ("Lavery&#39;s feed", "Long Bailey&#39;s feed", "North East News"):
        assert name in page
    assert "HTTP 410" in page  # the statement page that went away is failing
    assert "Long Bailey&#39;s statement page" in page


# --- data out ---------------------------------------------------------------------------


def test_json_agrees_with_the_page(client: TestClient) -> None:
    params = {"q": "leadership OR miners", "mp": "Ian Lavery"}
    page = client.get("/", params=params)
    data = client.get("/api/search", params=params).json()
    assert [r["id"] for r in data["results"]] == card_ids(page.text)
    first = data["results"][0]
    assert set(first) >= {"mp", "kind", "target", "text", "said_at", "url", "source", "title"}
    assert {"verbatim", "report"} <= set(first)
    assert first["statement_url"] == f"http://testserver/statements/{first['id']}"
    assert data["next"] is None
    bad = client.get("/api/search", params={"q": '"open'})
    assert bad.status_code == 400
    assert "cannot search" in bad.json()["error"]


def test_csv_export_reads_with_the_csv_module(client: TestClient) -> None:
    response = client.get("/search.csv", params={"q": "miners OR leadership"})
    assert response.headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(response.text)))
    assert len(rows) == 4
    hostile = next(r for r in rows if r["text"].startswith("I back the miners"))
    assert hostile["text"] == HOSTILE
    assert hostile["mp"] == "Ian Lavery"
    assert hostile["said_at_local"].endswith("BST")


def test_csv_cells_never_start_a_formula() -> None:
    assert csv_cell("=HYPERLINK(1)") == "'=HYPERLINK(1)"
    assert csv_cell("plain") == "plain"


def test_atom_feeds_parse_and_are_announced(client: TestClient, newsroom: Newsroom) -> None:
    search = client.get("/", params={"q": "leadership", "kind": "leadership_bid"}).text
    links = re.findall(
        r'<link rel="alternate" type="application/atom\+xml"[^>]*href="([^"]+)"', search
    )
    assert links == [
        "/search.atom?q=leadership&amp;kind=leadership_bid",
        "/kinds/leadership_bid/feed.atom",
    ]
    for url in ("/search.atom?q=leadership&kind=leadership_bid", "/kinds/leadership_bid/feed.atom"):
        response = client.get(url)
        assert response.headers["content-type"].startswith("application/atom+xml")
        feed = feedparser.parse(response.content)
        assert not feed.bozo, feed.get("bozo_exception")
        assert {e.author for e in feed.entries} == {"Ian Lavery"}
        assert len(feed.entries) == 2
        assert feed.entries[0].link.startswith("http://testserver/statements/")
    mp_feed = feedparser.parse(client.get(f"/mps/{quote('Ian Lavery')}/feed.atom").content)
    assert not mp_feed.bozo
    texts = [e.summary for e in mp_feed.entries]
    assert any(HOSTILE in t for t in texts)  # text, exactly, never markup
    assert client.get("/kinds/gossip/feed.atom").status_code == 404


# --- access -------------------------------------------------------------------------------


def test_users_must_log_in(newsroom: Newsroom) -> None:
    hashed = hash_password("correct horse")
    config = with_web(
        newsroom,
        "web:\n  users:\n    - {name: desk, password_hash: 'DESK'}\n"
        "    - {name: editor, password_hash_env: EDITOR_HASH}\n".replace("DESK", hashed),
        {"EDITOR_HASH": hash_password("battery staple")},
    )
    client = TestClient(create_app(config))
    denied = client.get("/")
    assert denied.status_code == 401
    assert denied.headers["www-authenticate"].startswith("Basic")
    assert denied.headers["content-security-policy"] == CONTENT_SECURITY_POLICY
    assert client.get("/", auth=("desk", "wrong")).status_code == 401
    assert client.get("/", auth=("nobody", "correct horse")).status_code == 401
    assert client.get("/", auth=("desk", "correct horse")).status_code == 200
    assert client.get("/", auth=("desk", "correct horse")).status_code == 200  # remembered
    assert client.get("/sources", auth=("editor", "battery staple")).status_code == 200


def test_a_trusted_proxy_names_the_user(newsroom: Newsroom) -> None:
    config = with_web(
        newsroom, "web:\n  proxy_user_header: X-Forwarded-User\n  trusted_proxies: [10.0.0.0/8]\n"
    )
    app = create_app(config)
    proxy = TestClient(app, client=("10.1.2.3", 40000))
    assert proxy.get("/", headers={"X-Forwarded-User": "desk"}).status_code == 200
    assert proxy.get("/").status_code == 401  # the proxy let no one in
    elsewhere = TestClient(app, client=("192.0.2.7", 40000))
    assert elsewhere.get("/", headers={"X-Forwarded-User": "desk"}).status_code == 401


def test_web_config_problems_name_file_line_and_field(newsroom: Newsroom) -> None:
    lines = newsroom.path.read_text(encoding="utf-8").count("\n")
    with pytest.raises(ConfigError, match=f"web.yaml:{lines + 2}: web.port: must be at least 1"):
        with_web(newsroom, "web:\n  port: 0\n")
    with pytest.raises(ConfigError) as caught:
        with_web(
            newsroom,
            "web:\n  trusted_proxies: [nope]\n  users:\n"
            "    - {name: desk, password_hash: plaintext}\n"
            "    - {name: editor, password_hash_env: UNSET_HASH}\n"
            "    - {name: chief}\n",
        )
    problems = [str(p) for p in caught.value.problems]
    assert any(f"web.yaml:{lines + 2}: web.trusted_proxies[0]: not an IP" in p for p in problems)
    assert any("web.trusted_proxies[0]: not an IP address" in p for p in problems), problems
    assert any("web.users[0].password_hash: not a password hash" in p for p in problems), problems
    assert any("UNSET_HASH is not set" in p for p in problems), problems
    assert any("web.users[2]" in p and "password_hash_env" in p for p in problems), problems


# --- whose words: quotation marks only around the MP's own --------------------------------

REPORTED = (
    "Ian Lavery, the MP for Blyth and Ashington, has confirmed that he will not stand for "
    "the leadership of the party."
)
QUOTED = "I will not be standing in the leadership contest."
QUOTED_REPORT = f"Speaking to The Courier, Mr Lavery said: \u201c{QUOTED}\u201d"
QUOTATION_MARKS = set('\u201c\u201d\u201e\u201f"\u00ab\u00bb')
COURIER = """\
settings: {archive: watcher.db, timezone: Europe/London}
mps:
  - name: Ian Lavery
    party: Labour
    constituency: Blyth and Ashington
news:
  - {kind: feed, name: The Courier, url: "https://courier.example/politics.rss"}
"""


@pytest.fixture(scope="module")
def courier(tmp_path_factory: pytest.TempPathFactory) -> Config:
    """An archive holding one news item: a reporter's sentence about Ian Lavery and, further
    down, his own words quoted; filed as the pipeline files statements."""
    config = load(write_config(tmp_path_factory.mktemp("courier"), COURIER))
    (source,) = config.sources
    published = datetime(2024, 6, 3, 8, 0, tzinfo=UTC)
    item = Item(
        source,
        "c1",
        "Lavery rules himself out",
        f"{REPORTED}\n\n{QUOTED_REPORT}",
        "https://courier.example/lavery",
        published,
    )
    statements = (
        Statement(
            "Ian Lavery",
            "leadership_declined",
            REPORTED,
            target="leader",
            said_at=published,
            verbatim=False,
            report=REPORTED,
        ),
        Statement(
            "Ian Lavery",
            "statement",
            QUOTED,
            said_at=published,
            verbatim=True,
            report=QUOTED_REPORT,
        ),
    )
    archive = Archive(config.archive_path)
    try:
        archive.sync_config(config.mps, config.sources)
        state = archive.source_state(source)
        now = published + timedelta(minutes=5)
        archive.record_poll(state, Validators(), [Finding(item, statements)], now, now)
    finally:
        archive.close()
    return config


@pytest.fixture(scope="module")
def courier_client(courier: Config) -> TestClient:
    return TestClient(create_app(courier))


def courier_ids(courier: Config) -> tuple[int, int]:
    """The ids of the reported statement and of the quoted one."""
    rows = query(courier.archive_path, "SELECT id FROM statements ORDER BY verbatim")
    return rows[0][0], rows[1][0]


def assert_never_quoted(html: str, words: str) -> None:
    """`words` appear on the page, never in a quotation, nor beside a quotation mark."""
    soup = BeautifulSoup(html, "html.parser")
    text = soup.get_text()
    found = [m.start() for m in re.finditer(re.escape(words), text)]
    assert found, words
    for start in found:
        around = text[start - 1 : start] + text[start + len(words) : start + len(words) + 1]
        assert not QUOTATION_MARKS & set(around), around
    for element in soup.select("blockquote, q, .quote"):
        assert words not in element.get_text(), element


def test_a_reported_statement_page_shows_the_report_not_a_quote(
    courier_client: TestClient, courier: Config
) -> None:
    reported, _ = courier_ids(courier)
    html = courier_client.get(f"/statements/{reported}").text
    assert_never_quoted(html, REPORTED)
    article = BeautifulSoup(html, "html.parser").select_one("article.statement")
    assert article is not None
    said = article.select_one(".said")
    assert said is not None
    assert said.name == "p"
    assert said["class"] == ["said", "reported"]
    assert " ".join(said.get_text().split()) == f"Reported by The Courier: {REPORTED}"
    assert "the reporter's: not a quotation of the MP" in article.get_text()


def test_a_verbatim_statement_page_quotes_the_mps_words(
    courier_client: TestClient, courier: Config
) -> None:
    _, quoted = courier_ids(courier)
    html = courier_client.get(f"/statements/{quoted}").text
    article = BeautifulSoup(html, "html.parser").select_one("article.statement")
    assert article is not None
    said = article.select_one(".said")
    assert said is not None
    assert (said.name, said["class"], said.get_text()) == ("blockquote", ["said", "quote"], QUOTED)
    assert "the MP's own, as written" in article.get_text()
    report = article.select_one(".report")
    assert report is not None
    assert report.get_text() == QUOTED_REPORT  # the reporter's sentence carrying the quote


def test_search_and_mp_pages_quote_only_the_mps_words(courier_client: TestClient) -> None:
    for url in ("/?q=leadership", "/", "/mps/Ian%20Lavery"):
        html = courier_client.get(url).text
        soup = BeautifulSoup(html, "html.parser")
        quotes = [" ".join(e.get_text().split()) for e in soup.select("article.card .quote")]
        reported = [" ".join(e.get_text().split()) for e in soup.select("article.card .reported")]
        assert quotes == [QUOTED], url
        assert len(reported) == 1, url
        assert reported[0].startswith("Reported by The Courier: Ian Lavery, the MP for"), url
        assert soup.select("article.card q") == []
    assert_never_quoted(courier_client.get("/?q=leadership").text, "has confirmed that")


def test_the_json_api_says_whose_words(courier_client: TestClient, courier: Config) -> None:
    reported, quoted = courier_ids(courier)
    results = courier_client.get("/api/search").json()["results"]
    by_id = {r["id"]: r for r in results}
    assert (by_id[reported]["verbatim"], by_id[reported]["report"]) == (False, REPORTED)
    assert (by_id[quoted]["verbatim"], by_id[quoted]["report"]) == (True, QUOTED_REPORT)
    assert by_id[reported]["text"] == REPORTED  # every key as before


def test_the_csv_export_has_the_verbatim_and_report_columns(courier_client: TestClient) -> None:
    response = courier_client.get("/search.csv")
    reader = csv.DictReader(io.StringIO(response.text))
    assert reader.fieldnames == [
        "id", "said_at", "said_at_local", "mp", "party", "kind", "target", "text", "source",
        "title", "item_url", "statement_url", "verbatim", "report",
    ]  # fmt: skip
    rows = {row["text"]: row for row in reader}
    assert (rows[REPORTED]["verbatim"], rows[REPORTED]["report"]) == ("false", REPORTED)
    assert (rows[QUOTED]["verbatim"], rows[QUOTED]["report"]) == ("true", QUOTED_REPORT)


def test_atom_entries_say_whose_words_and_quote_only_the_mps(
    courier_client: TestClient,
) -> None:
    for url in ("/search.atom", "/mps/Ian%20Lavery/feed.atom", "/kinds/statement/feed.atom"):
        response = courier_client.get(url)
        assert f'xmlns:watcher="{WATCHER}"' in response.text, url
        feed = feedparser.parse(response.content)
        assert not feed.bozo, url
        assert feed.entries, url
        for entry in feed.entries:
            if entry.watcher_verbatim == "true":
                assert entry.summary.startswith(f"\u201c{QUOTED}\u201d"), url
                assert entry.watcher_report == QUOTED_REPORT
            else:
                assert entry.watcher_verbatim == "false", url
                first_line = entry.summary.split("\n")[0]
                assert first_line == f"Reported by The Courier: {REPORTED}", url
                assert not QUOTATION_MARKS & set(first_line), url
                assert entry.watcher_report == REPORTED
    every = feedparser.parse(courier_client.get("/search.atom").content).entries
    assert sorted(e.watcher_verbatim for e in every) == ["false", "true"]
