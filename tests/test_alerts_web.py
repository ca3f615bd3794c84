"""The alerts page and the unsubscribe page: saving a search, changing and deleting an alert,
who may, the forms' tokens, and the signed link honoured without a login. Starlette's
TestClient drives the app in process over a real archive file."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from bs4 import BeautifulSoup
from starlette.testclient import TestClient
from support.triage_desk import build_triage_desk

from watcher.archive import Archive
from watcher.config import Config
from watcher.passwords import hash_password
from watcher.unsubscribe import unsubscribe_link
from watcher.web import create_app

pytestmark = pytest.mark.timeout(60)

WEB = "https://watcher.example.org"
SETTINGS = """\
web:
  base_url: "https://watcher.example.org"
  users:
    - {{name: alice, password_hash: "{alice}"}}
    - {{name: bob, password_hash: "{bob}"}}
notify:
  subscriptions:
    - {{name: politics desk, to: [desk@example.org, editor@example.org], kinds: [leadership_bid]}}
"""


@pytest.fixture(scope="module")
def hashes() -> dict[str, str]:
    return {"alice": hash_password("alice-pw"), "bob": hash_password("bob-pw")}


@pytest.fixture
def desk(tmp_path: Path, hashes: dict[str, str]) -> Config:
    return build_triage_desk(tmp_path, SETTINGS.format(**hashes))


def client_for(config: Config, name: str | None = None) -> TestClient:
    client = TestClient(create_app(config), follow_redirects=False, base_url=WEB)
    if name:
        client.auth = (name, f"{name}-pw")
    return client


def fields_of(html: str, selector: str) -> dict[str, str]:
    form = BeautifulSoup(html, "html.parser").select_one(selector)
    assert form is not None, f"no {selector}"
    return {
        str(field["name"]): str(field.get("value", ""))
        for field in form.select("input[type=hidden]")
    }


def rows(config: Config, sql: str) -> list[tuple[object, ...]]:
    with sqlite3.connect(config.archive_path) as conn:
        found = [tuple(r) for r in conn.execute(sql)]
    conn.close()
    return found


def save_search(client: TestClient, search: str, **fields: str) -> str:
    page = client.get(f"/?{search}")
    assert page.status_code == 200
    saved = client.post("/alerts", data={**fields_of(page.text, "form.save-alert"), **fields})
    assert saved.status_code == 303, saved.text
    return str(saved.headers["location"])


def test_a_user_saves_the_search_and_sees_changes_and_deletes_it(desk: Config) -> None:
    alice = client_for(desk, "alice")
    where = save_search(
        alice, "q=deputy&mp=Ian+Lavery&status=new", name="Lavery bids", address="a@example.org"
    )
    assert where == "/alerts#alert-1"
    assert rows(desk, "SELECT owner, name, address, mode, search FROM saved_alerts") == [
        ("alice", "Lavery bids", "a@example.org", "immediate", "q=deputy&mp=Ian+Lavery")
    ]
    page = BeautifulSoup(alice.get("/alerts").text, "html.parser")
    [mine] = page.select("[data-alert]")
    assert "Lavery bids" in mine.get_text()
    assert "words: deputy" in " ".join(mine.get_text().split())
    file_subscription = page.select_one("[data-subscription='politics desk']")
    assert file_subscription is not None
    assert file_subscription.select("form") == []  # read-only
    assert bob_sees_nothing_of(desk, mine_id=1)

    form = fields_of(alice.get("/alerts").text, "form.alert-form")
    changed = {**form, "name": "Lavery daily", "address": "b@example.org", "mode": "digest"}
    assert alice.post("/alerts/1", data={**changed, "action": "change"}).status_code == 303
    assert rows(desk, "SELECT name, address, mode FROM saved_alerts") == [
        ("Lavery daily", "b@example.org", "digest")
    ]
    assert alice.post("/alerts/1", data={**form, "action": "delete"}).status_code == 303
    assert rows(desk, "SELECT count(*) FROM saved_alerts") == [(0,)]


def bob_sees_nothing_of(desk: Config, mine_id: int) -> bool:
    """Bob neither sees Alice's alert nor, with his own token, changes or deletes it."""
    bob = client_for(desk, "bob")
    page = bob.get("/alerts").text
    assert "Lavery bids" not in page
    token = fields_of(bob.get("/").text, "form.save-alert")["token"]
    for action in ("change", "delete"):
        data = {"token": token, "name": "x", "address": "bob@example.org", "action": action}
        assert bob.post(f"/alerts/{mine_id}", data=data).status_code == 404
    return rows(desk, "SELECT owner, name FROM saved_alerts") == [("alice", "Lavery bids")]


def test_a_form_without_its_token_or_from_another_site_saves_nothing(desk: Config) -> None:
    alice = client_for(desk, "alice")
    form = fields_of(alice.get("/?q=deputy").text, "form.save-alert")
    data = {**form, "address": "a@example.org"}
    bob_token = fields_of(client_for(desk, "bob").get("/").text, "form.save-alert")["token"]
    assert alice.post("/alerts", data={**data, "token": bob_token}).status_code == 403
    assert alice.post("/alerts", data={**data, "token": ""}).status_code == 403
    elsewhere = {"Sec-Fetch-Site": "cross-site"}
    assert alice.post("/alerts", data=data, headers=elsewhere).status_code == 403
    assert client_for(desk).post("/alerts", data=data).status_code == 401
    assert rows(desk, "SELECT count(*) FROM saved_alerts") == [(0,)]


def test_a_choice_that_cannot_work_is_shown_in_words_and_not_saved(desk: Config) -> None:
    alice = client_for(desk, "alice")
    form = fields_of(alice.get("/?q=deputy").text, "form.save-alert")
    refused = alice.post("/alerts", data={**form, "address": "not an address"})
    assert refused.status_code == 400
    assert "is not an email address" in refused.text
    assert rows(desk, "SELECT count(*) FROM saved_alerts") == [(0,)]


# --- unsubscribing --------------------------------------------------------------------------


def link_for(config: Config, subscription: str, address: str) -> str:
    archive = Archive(config.archive_path)
    key = archive.link_key()
    archive.close()
    link = unsubscribe_link(WEB, key, subscription, address)
    parts = urlsplit(link)
    return f"{parts.path}?{parts.query}"


def test_the_link_asks_first_and_a_one_click_post_unsubscribes_without_a_login(
    desk: Config,
) -> None:
    anyone = client_for(desk)  # no login
    sources_yaml = desk.archive_path.parent / "sources.yaml"
    before = sources_yaml.read_bytes()
    link = link_for(desk, "politics desk", "editor@example.org")
    asked = anyone.get(link)
    assert asked.status_code == 200
    assert "Stop sending “politics desk” to editor@example.org?" in asked.text
    assert rows(desk, "SELECT count(*) FROM unsubscribed") == [(0,)]  # a GET changes nothing
    done = anyone.post(link, content=b"List-Unsubscribe=One-Click")
    assert done.status_code == 200
    assert "editor@example.org will get nothing more from “politics desk”" in done.text
    assert rows(desk, "SELECT subscription, address FROM unsubscribed") == [
        ("politics desk", "editor@example.org")
    ]
    assert sources_yaml.read_bytes() == before


def test_a_forged_or_borrowed_link_unsubscribes_nobody(desk: Config) -> None:
    anyone = client_for(desk)
    good = link_for(desk, "politics desk", "editor@example.org")
    token = good.rpartition("&t=")[2]
    forged = [
        good.replace("editor%40example.org", "desk%40example.org"),  # another address
        good.replace("politics+desk", "sports+desk"),  # another subscription
        good[:-2] + ("AA" if not good.endswith("AA") else "BB"),  # a changed token
        f"/unsubscribe?s=politics+desk&to=desk%40example.org&t={token}",
        "/unsubscribe?s=politics+desk&to=desk%40example.org",
    ]
    for link in forged:
        assert anyone.post(link, content=b"List-Unsubscribe=One-Click").status_code == 400, link
        assert "not valid" in anyone.get(link).text
    assert rows(desk, "SELECT count(*) FROM unsubscribed") == [(0,)]
