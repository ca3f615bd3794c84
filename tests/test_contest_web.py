"""The contest pages and their data over the archive of a contest told by the real pipeline
(see support/contest_story.py), driven in-process by Starlette's TestClient."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import quote

import pytest
from bs4 import BeautifulSoup
from click.testing import CliRunner
from conftest import load
from starlette.testclient import TestClient
from support.contest_story import CONTEST, build_contest_archive
from support.httpserver import FixtureServer

from watcher.cli import main
from watcher.config import Config
from watcher.web import create_app
from watcher.web.access import CONTENT_SECURITY_POLICY

pytestmark = pytest.mark.timeout(60)

TODAY = datetime(2026, 9, 6, 12, 0, tzinfo=UTC)
PAGE = f"/contests/{quote(CONTEST, safe='')}"


@pytest.fixture(scope="module")
def config(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Config]:
    with FixtureServer() as server:
        yield build_contest_archive(tmp_path_factory.mktemp("contest"), server)


@pytest.fixture(scope="module")
def client(config: Config) -> TestClient:
    return TestClient(create_app(config, clock=lambda: TODAY))


def page(client: TestClient, path: str) -> BeautifulSoup:
    response = client.get(path)
    assert response.status_code == 200, response.text
    assert response.headers["content-security-policy"] == CONTENT_SECURITY_POLICY
    return BeautifulSoup(response.text, "html.parser")


def test_every_page_links_to_the_contests_and_they_to_each_contest(client: TestClient) -> None:
    search = page(client, "/")
    assert search.select_one("header nav a[href='/contests']") is not None
    listing = page(client, "/contests")
    link = listing.select_one(".contest-summary h2 a")
    assert link is not None
    assert (link.get_text(), link["href"]) == (CONTEST, PAGE)
    assert [li.get_text(" ", strip=True) for li in listing.select(".standings li")] == [
        "Lucy Powell: 4 of 3 backers",
        "Bridget Phillipson: 0 of 3 backers",
        "Bell Ribeiro-Addy: 0 of 3 backers, withdrew and backs Lucy Powell",
    ]


def test_the_contest_page_shows_candidates_backers_and_evidence(client: TestClient) -> None:
    soup = page(client, PAGE)
    candidates = soup.select(".candidates .candidate")
    assert [c.h2.get_text(strip=True) for c in candidates if c.h2] == [
        "Lucy Powell",
        "Bridget Phillipson",
        "Bell Ribeiro-Addy",
    ]
    powell, _, ribeiro = candidates
    assert "reached" in powell["class"]
    assert "withdrawn" in ribeiro["class"]
    count = powell.select_one(".count")
    assert count is not None
    assert count.get_text(" ", strip=True).startswith("4 of 3 MPs")
    assert [a.get_text() for a in powell.select(".backers a.backer")] == [
        "Richard Burgon",
        "Paula Barker",
        "Alison McGovern",
        "Bell Ribeiro-Addy",
    ]
    evidence = [a["href"] for a in powell.select(".backers a.evidence")]
    assert all(str(href).startswith("/statements/") for href in evidence)
    for href in evidence:
        assert client.get(str(href)).status_code == 200
    withdrew = ribeiro.select_one(".withdrew")
    assert withdrew is not None
    assert withdrew.get_text(" ", strip=True).endswith("backs Lucy Powell")
    switch = soup.select(".switches tbody tr td")
    assert [td.get_text(strip=True) for td in switch[:3]] == [
        "Paula Barker",
        "Bridget Phillipson",
        "Lucy Powell",
    ]
    undeclared = soup.select_one(".undeclared h2")
    assert undeclared is not None
    assert undeclared.get_text() == "Undeclared (397)"


def test_the_chart_has_a_line_per_candidate_and_marks_switches_and_withdrawals(
    client: TestClient,
) -> None:
    soup = page(client, PAGE)
    series = soup.select(".chart svg g.series")
    assert [g["data-candidate"] for g in series] == [
        "Lucy Powell",
        "Bridget Phillipson",
        "Bell Ribeiro-Addy",
    ]
    powell = series[0].polyline
    assert powell is not None
    assert len(str(powell["points"]).split()) == 6  # 1 to 6 September
    assert [m.get_text() for m in soup.select(".chart svg line.marker title")] == [
        "Paula Barker: Bridget Phillipson → Lucy Powell",
        "Bell Ribeiro-Addy withdrew",
    ]
    assert soup.select_one(".chart svg line.threshold") is not None
    assert [li.get_text() for li in soup.select(".chart .legend li")] == [
        "Lucy Powell: 4",
        "Bridget Phillipson: 0",
        "Bell Ribeiro-Addy: 0",
    ]


def test_the_json_is_the_commands_and_the_csv_a_row_per_backer(
    client: TestClient, config: Config
) -> None:
    response = client.get(f"{PAGE}/tally.json")
    assert response.status_code == 200
    command = CliRunner().invoke(main, ["contest", CONTEST, "--json", "-c", str(config.path)])
    assert response.json() == json.loads(command.output)

    response = client.get(f"{PAGE}/tally.csv")
    assert response.headers["content-type"] == "text/csv; charset=utf-8"
    assert "labour-deputy-leadership-2026.csv" in response.headers["content-disposition"]
    rows = list(csv.DictReader(io.StringIO(response.text)))
    assert [(r["candidate"], r["backer"]) for r in rows] == [
        ("Lucy Powell", "Richard Burgon"),
        ("Lucy Powell", "Paula Barker"),
        ("Lucy Powell", "Alison McGovern"),
        ("Lucy Powell", "Bell Ribeiro-Addy"),
        ("Bridget Phillipson", ""),
        ("Bell Ribeiro-Addy", ""),
    ]
    assert rows[-1]["backs"] == "Lucy Powell"
    assert rows[-1]["withdrawn_at"] == "2026-09-05T08:00:00+00:00"
    assert rows[0]["statement_url"].startswith("https://watcher.example.org/statements/")


def test_an_unknown_contest_is_not_found(client: TestClient) -> None:
    assert client.get("/contests/Nothing").status_code == 404
    assert client.get("/contests/Nothing/tally.json").status_code == 404
    assert client.get("/contests/Nothing/tally.csv").status_code == 404


def test_the_names_in_a_contest_are_shown_as_text(config: Config, tmp_path: Path) -> None:
    hostile = 'Race <img src=x onerror="alert(1)"> & co'
    text = config.path.read_text(encoding="utf-8").replace(CONTEST, hostile)
    path = tmp_path / "sources.yaml"
    path.write_text(text.replace("archive: watcher.db", f"archive: {config.archive_path}"))
    client = TestClient(create_app(load(path, {}), clock=lambda: TODAY))
    for address in ("/contests", f"/contests/{quote(hostile, safe='')}"):
        soup = page(client, address)
        assert soup.select("main img") == []
        assert hostile in soup.get_text()


def test_the_mp_page_counts_each_endorser_once(client: TestClient) -> None:
    soup = page(client, "/mps/Lucy%20Powell")
    headings = [h.get_text() for h in soup.select(".endorsements h2")]
    assert "Endorsements received (4)" in headings  # six sightings of four MPs' backing


def test_bids_for_a_race_without_a_contest_are_suggested(config: Config, tmp_path: Path) -> None:
    text = config.path.read_text(encoding="utf-8").replace("post: deputy leader", "post: leader")
    path = tmp_path / "sources.yaml"
    path.write_text(text.replace("archive: watcher.db", f"archive: {config.archive_path}"))
    client = TestClient(create_app(load(path, {}), clock=lambda: TODAY))
    soup = page(client, "/contests")
    [suggestion] = soup.select(".suggestion")
    lines = suggestion.get_text(" ", strip=True)
    assert lines.startswith(
        "Labour deputy leader : bids by Emily Thornberry, Lucy Powell, Bridget Phillipson,"
        " Bell Ribeiro-Addy since"
    )
    assert (
        "{name: Labour deputy leadership 2026, party: Labour, post: deputy leader,"
        " opens: 2026-08-20}" in lines
    )
    assert soup.select(".contest-summary .standings .empty")  # the leader race: nobody yet
