"""The desk's status on the statement page and the search page: who may set it, the form's
token, the filter, and "new since your last visit". Starlette's TestClient drives the app in
process over a real archive file."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from starlette.testclient import TestClient
from support.triage_desk import BACKING, BID, POSTED, build_triage_desk, file_item, statement_id

from watcher.archive import Archive
from watcher.config import Config
from watcher.passwords import hash_password
from watcher.triage import make_mark
from watcher.web import create_app

pytestmark = pytest.mark.timeout(60)

USERS = """\
web:
  users:
    - {{name: alice, password_hash: "{alice}"}}
    - {{name: bob, password_hash: "{bob}"}}
"""


@pytest.fixture(scope="module")
def hashes() -> dict[str, str]:
    return {"alice": hash_password("alice-pw"), "bob": hash_password("bob-pw")}


@pytest.fixture
def desk(tmp_path: Path, hashes: dict[str, str]) -> Config:
    return build_triage_desk(tmp_path, USERS.format(**hashes))


def logged_in(config: Config, name: str, clock: Callable[[], datetime] | None = None) -> TestClient:
    app = create_app(config, clock) if clock else create_app(config)
    client = TestClient(app, follow_redirects=False)
    client.auth = (name, f"{name}-pw")
    return client


def form_of(html: str) -> dict[str, str]:
    form = BeautifulSoup(html, "html.parser").select_one("form.status-form")
    assert form is not None, "no status form"
    token = form.select_one("input[name=token]")
    assert token is not None
    return {"token": str(token["value"])}


def status_text(html: str) -> str:
    found = BeautifulSoup(html, "html.parser").select_one("#status p.status")
    assert found is not None
    return " ".join(found.get_text().split())


def test_a_logged_in_editor_sets_the_status_and_a_note(desk: Config) -> None:
    bid = statement_id(desk, BID)
    client = logged_in(desk, "alice")
    page = client.get(f"/statements/{bid}")
    assert status_text(page.text) == "new: nobody has marked it yet"
    note = "Rang <script>alert(1)</script> his office"
    sent = client.post(
        f"/statements/{bid}/status",
        data={**form_of(page.text), "status": "verified", "note": note},
    )
    assert sent.status_code == 303
    assert sent.headers["location"] == f"/statements/{bid}#status"
    after = client.get(f"/statements/{bid}")
    assert status_text(after.text).startswith("verified, set by alice on ")
    assert "Rang &lt;script&gt;alert(1)&lt;/script&gt; his office" in after.text
    assert "<script>" not in after.text


def test_a_dismissal_shows_its_reason_and_the_right_kind(desk: Config) -> None:
    bid = statement_id(desk, BID)
    client = logged_in(desk, "bob")
    token = form_of(client.get(f"/statements/{bid}").text)
    fields = {**token, "status": "dismissed", "reason": "wrong_kind", "kind": "statement"}
    assert client.post(f"/statements/{bid}/status", data=fields).status_code == 303
    shown = status_text(client.get(f"/statements/{bid}").text)
    assert shown.startswith("dismissed (wrong kind: should be statement), set by bob")


def test_a_dismissal_without_a_reason_is_refused_with_the_page(desk: Config) -> None:
    bid = statement_id(desk, BID)
    client = logged_in(desk, "alice")
    token = form_of(client.get(f"/statements/{bid}").text)
    page = client.post(f"/statements/{bid}/status", data={**token, "status": "dismissed"})
    assert page.status_code == 400
    assert "a dismissal needs a reason" in page.text
    assert status_text(page.text).startswith("new")


def test_a_reason_given_with_another_status_is_left_out(desk: Config) -> None:
    bid = statement_id(desk, BID)
    client = logged_in(desk, "alice")
    token = form_of(client.get(f"/statements/{bid}").text)
    fields = {**token, "status": "used", "reason": "not_news", "kind": "statement"}
    assert client.post(f"/statements/{bid}/status", data=fields).status_code == 303
    assert status_text(client.get(f"/statements/{bid}").text).startswith("used, set by alice")


@pytest.mark.parametrize(
    "forged",
    [
        {"token": ""},
        {"token": "0" * 64},
        {"other_statement": "yes"},
        {"other_user": "yes"},
        {"origin": "https://elsewhere.example"},
        {"sec-fetch-site": "cross-site"},
    ],
)
def test_a_form_from_elsewhere_changes_nothing(desk: Config, forged: dict[str, str]) -> None:
    bid, backing = statement_id(desk, BID), statement_id(desk, BACKING)
    alice = logged_in(desk, "alice")
    source = logged_in(desk, "bob") if "other_user" in forged else alice
    taken_from = backing if "other_statement" in forged else bid
    fields = form_of(source.get(f"/statements/{taken_from}").text)
    if "token" in forged:
        fields["token"] = forged["token"]
    headers = {k: v for k, v in forged.items() if k in ("origin", "sec-fetch-site")}
    refused = alice.post(
        f"/statements/{bid}/status", data={**fields, "status": "used"}, headers=headers
    )
    assert refused.status_code == 403
    assert status_text(alice.get(f"/statements/{bid}").text).startswith("new")


def test_the_same_site_may_say_so(desk: Config) -> None:
    bid = statement_id(desk, BID)
    client = logged_in(desk, "alice")
    fields = {**form_of(client.get(f"/statements/{bid}").text), "status": "used"}
    headers = {"origin": "http://testserver", "sec-fetch-site": "same-origin"}
    sent = client.post(f"/statements/{bid}/status", data=fields, headers=headers)
    assert sent.status_code == 303


def test_without_a_login_nobody_gets_in(desk: Config) -> None:
    client = TestClient(create_app(desk), follow_redirects=False)
    assert client.get("/statements/1").status_code == 401
    assert client.post("/statements/1/status", data={"status": "used"}).status_code == 401


# --- no logins configured: the page is on loopback only ---------------------------------------


@pytest.fixture
def open_desk(tmp_path: Path) -> Config:
    return build_triage_desk(tmp_path)


def test_without_logins_the_person_at_the_machine_sets_it_as_local(open_desk: Config) -> None:
    bid = statement_id(open_desk, BID)
    client = TestClient(create_app(open_desk), base_url="http://127.0.0.1:8080")
    fields = {**form_of(client.get(f"/statements/{bid}").text), "status": "verified"}
    client.post(f"/statements/{bid}/status", data=fields)
    assert status_text(client.get(f"/statements/{bid}").text).startswith("verified, set by local")


def test_a_page_reached_under_another_name_shows_the_status_but_cannot_change_it(
    open_desk: Config,
) -> None:
    bid = statement_id(open_desk, BID)
    archive = Archive(open_desk.archive_path)
    try:
        archive.mark(make_mark(bid, "used", "alice", POSTED + timedelta(hours=1), note="Ran it"))
    finally:
        archive.close()
    client = TestClient(create_app(open_desk), base_url="http://rebound.example")
    page = client.get(f"/statements/{bid}")
    assert status_text(page.text).startswith("used, set by alice")
    assert "Ran it" in page.text
    assert "status-form" not in page.text
    local = TestClient(create_app(open_desk), base_url="http://127.0.0.1:8080")
    fields = {**form_of(local.get(f"/statements/{bid}").text), "status": "new"}
    assert client.post(f"/statements/{bid}/status", data=fields).status_code == 403


# --- search by status, and what is new --------------------------------------------------------


def test_the_search_page_filters_by_status(desk: Config) -> None:
    bid = statement_id(desk, BID)
    archive = Archive(desk.archive_path)
    try:
        archive.mark(make_mark(bid, "used", "alice", POSTED + timedelta(hours=1)))
    finally:
        archive.close()
    client = logged_in(desk, "alice")
    used = client.get("/", params={"status": "used"})
    assert re.findall(r'data-statement="(\d+)"', used.text) == [str(bid)]
    assert '<option value="used" selected>used</option>' in used.text
    assert '<span class="status status-used">used</span>' in used.text
    api = client.get("/api/search", params={"q": "deputy"}).json()
    assert {r["id"]: r["status"] for r in api["results"]}[bid] == "used"
    assert client.get("/", params={"status": "spiked"}).status_code == 400


def test_the_front_page_shows_what_is_new_since_the_last_visit(desk: Config) -> None:
    now = [POSTED + timedelta(hours=1)]
    client = logged_in(desk, "alice", clock=lambda: now[0])
    first = client.get("/")
    assert "New since your last visit" not in first.text  # nothing to compare with yet

    archive = Archive(desk.archive_path)
    try:
        own = desk.sources[0]
        later = POSTED + timedelta(hours=2)
        file_item(archive, desk, own, "post-2", "Hustings", "I will debate all comers.", later)
        file_item(archive, desk, own, "post-3", "Thanks", "Thank you to every member.", later)
        marked = statement_id(desk, "Thank you")
        archive.mark(make_mark(marked, "used", "bob", later))
    finally:
        archive.close()

    now[0] = POSTED + timedelta(hours=3)
    back = BeautifulSoup(client.get("/").text, "html.parser")
    fresh = back.select_one("section.fresh")
    assert fresh is not None
    assert "New since your last visit" in fresh.get_text()
    assert [li["data-fresh"] for li in fresh.select("li")] == [
        str(statement_id(desk, "I will debate"))
    ]
    now[0] += timedelta(minutes=5)  # still the same visit: the list stays
    assert "I will debate" in client.get("/").text
    other = logged_in(desk, "bob", clock=lambda: now[0])
    assert "New since your last visit" not in other.get("/").text  # bob's first visit
